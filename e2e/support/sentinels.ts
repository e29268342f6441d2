/**
 * Secret-looking values that must never leave the server (e2e/security-secrets.spec.ts). The build
 * under test is made with them in its environment (e2e/support/build-under-test.ts), so a secret that
 * a build inlines into what it ships — a `NEXT_PUBLIC_` rename, an `env` entry in next.config.js, a
 * server module pulled into a client bundle — would show up in its static files or its log.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const SENTINELS = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tSentinelKeyId7Q2w9E',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'SentinelSecret3f9c1a7e5b2dMustNeverLeak',
  ALIBABA_CLOUD_SECURITY_TOKEN: 'SentinelStsToken8d4e2b6a1c9fMustNeverLeak',
  AUTH_SECRET: 'SentinelAuthSecret5a7c9e1b3d2f4a6c8e0bMustNeverLeak',
  AUTH_OIDC_CLIENT_SECRET: 'SentinelOidcClientSecret6b8d0f2a4cMustNeverLeak',
};
export const SECRET_VALUES = Object.values(SENTINELS);

/** What the build under test records beside itself: that the sentinels were in its environment, and its log. */
export const SENTINEL_BUILD_FILES = { marker: 'e2e-sentinel-build.txt', log: 'e2e-build.log' };

/** The marker's content: which sentinels the build was made with. */
export function sentinelFingerprint(): string {
  return createHash('sha256').update(JSON.stringify(SENTINELS)).digest('hex');
}

export function distDirOf(root: string): string {
  return join(root, process.env.NEXT_DIST_DIR || '.next');
}
