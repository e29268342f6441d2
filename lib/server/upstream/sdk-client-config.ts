/**
 * How the dashboard sets up Alibaba's official SDK clients (CDN and STS alike): signed with the
 * account's credential, sent to its endpoint, with socket limits that stay a backstop behind the
 * per-attempt timeout of upstream/, and no retry loop of the SDK's own.
 */
import 'server-only';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import type { AccountCredentials } from '../accounts/accounts';
import { credentialOf } from './account-credential';
import { readUpstreamSettings } from './settings';

/** The SDK's own socket limits: a backstop behind the per-attempt timeout of upstream/. */
export const CONNECT_TIMEOUT_MS = 3_000;
export const SOCKET_GRACE_MS = 1_000;

/** The config of an SDK client that signs with `credentials` and calls `endpoint`. */
export function sdkClientConfig(credentials: AccountCredentials, endpoint: URL): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    credential: credentialOf(credentials),
    // The SDK wants host[:port] and the scheme apart.
    endpoint: endpoint.host,
    protocol: endpoint.protocol === 'http:' ? 'HTTP' : 'HTTPS',
    connectTimeout: CONNECT_TIMEOUT_MS,
    readTimeout: readUpstreamSettings().callTimeoutMs + SOCKET_GRACE_MS,
    userAgent: 'cdn-refresh-monitor',
  });
}

export function runtimeOptions(): $dara.RuntimeOptions {
  // Retries and rate budgeting belong to the dashboard, not to the SDK's own loop.
  return new $dara.RuntimeOptions({ autoretry: false, maxAttempts: 1 });
}
