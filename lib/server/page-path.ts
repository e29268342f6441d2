import 'server-only';
import { headers } from 'next/headers';
import { PAGE_PATH_HEADER, safeReturnPath } from '@/lib/auth-paths';

/**
 * The path and query of the page being rendered, as the proxy saw it asked for (checked again as a
 * same-site path); `/` when there is none. Server components use it where a plain form must come
 * back to this very address (the language switch).
 */
export async function currentPagePath(): Promise<string> {
  return safeReturnPath((await headers()).get(PAGE_PATH_HEADER) ?? '') ?? '/';
}
