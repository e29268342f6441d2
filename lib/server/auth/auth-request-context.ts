import 'server-only';
import { clientAddress } from './client-address';
import type { AuthRequestContext } from './options';
import { servedOverHttps } from './request-security';

/** What next-auth's per-request configuration needs to know about the request. */
export function authRequestContext(headers: Headers): AuthRequestContext {
  return { secure: servedOverHttps(headers), address: clientAddress(headers) };
}
