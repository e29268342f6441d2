import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether any source of the Alibaba Cloud credential chain is configured: environment keys, an
 * OIDC/RAM role, a named profile, or the CLI's and SDK's credential files. Reads only whether they
 * exist, never their values, so the launcher may use it too; without any, the dashboard runs in demo
 * mode against the emulator.
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
