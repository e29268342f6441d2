import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether any source of the Alibaba Cloud credential chain is configured: environment keys, an
 * OIDC/RAM role, a named profile, or the CLI's and SDK's credential files. Reads only whether they
 * exist, never their values, so the launcher may use it too; without any, the dashboard may run in
 * demo mode against the emulator (see run-mode.ts for when it may not).
 */
export function hasCloudCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  const variables = [
    'ALIBABA_CLOUD_ACCESS_KEY_ID',
    'ALIBABA_CLOUD_ROLE_ARN',
    'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
    'ALIBABA_CLOUD_ECS_METADATA',
    'ALIBABA_CLOUD_CREDENTIALS_URI',
    'ALIBABA_CLOUD_PROFILE',
    'ALIBABA_CLOUD_CREDENTIALS_FILE',
  ];
  if (variables.some((name) => env[name]?.trim())) return true;
  const home = homedir();
  return [join(home, '.alibabacloud', 'credentials'), join(home, '.aliyun', 'config.json')].some((file) =>
    existsSync(file),
  );
}

/** Settings of the chain that only switch a source off: no sign of credentials meant to be used. */
const SWITCH_OFF_VARIABLES = new Set([
  'ALIBABA_CLOUD_ECS_METADATA_DISABLED',
  'ALIBABA_CLOUD_CLI_PROFILE_DISABLED',
  'ALIBABA_CLOUD_IMDSV1_DISABLED',
]);

/**
 * Variables that look like Alibaba Cloud settings (`ALIBABA_CLOUD_*`, and the `ALICLOUD_*` and
 * `ALIYUN_*` spellings other tools use) but that the credential chain did not take: most likely a
 * mistyped name, meant to configure credentials. Names only, never values.
 */
export function cloudLookingVariables(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.keys(env)
    .filter((name) => /^(?:ALIBABA_CLOUD|ALIBABACLOUD|ALICLOUD|ALIYUN)_/i.test(name))
    .filter((name) => !SWITCH_OFF_VARIABLES.has(name) && env[name]?.trim())
    .sort();
}

/**
 * Asks the official default credential chain itself (environment, OIDC role, CLI profile, profile
 * file, ECS RAM role through the instance metadata service, credentials URI) whether it finds
 * credentials, and which provider did. The chain reads `process.env` and the process's home
 * directory; its metadata probe gives up within about two seconds where there is no metadata service.
 * Null when it finds none.
 */
export async function credentialChainSource(): Promise<string | null> {
  const imported = (await import('@alicloud/credentials')) as unknown as {
    default: CredentialClass | { default: CredentialClass };
  };
  const candidate = imported.default as { default?: CredentialClass };
  const Credential = (candidate.default ?? imported.default) as CredentialClass;
  try {
    const credential = await new Credential().getCredential();
    return credential.accessKeyId ? (credential.providerName ?? 'default') : null;
  } catch {
    return null;
  }
}

type CredentialClass = new () => {
  getCredential(): Promise<{ accessKeyId?: string; providerName?: string }>;
};
