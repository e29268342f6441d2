import { hasCloudCredentials } from './cloud-credentials';

/**
 * Demo or live: which upstream the dashboard talks to and who may sign in. Live calls Alibaba Cloud
 * with the credential chain's credentials; demo calls the built-in emulator with its documented key
 * pair and offers the demo/demo operator. DEMO=1 asks for demo mode, DEMO=0 forbids it; unset, demo
 * mode is what a start without cloud credentials gets, where start-up allows it (auth-startup.ts).
 */
export type RunMode = 'demo' | 'live';
type DemoSetting = 'on' | 'off' | 'auto';

export function demoSetting(env: NodeJS.ProcessEnv): DemoSetting | null {
  const raw = env.DEMO?.trim().toLowerCase() ?? '';
  if (raw === '') return 'auto';
  if (raw === '1' || raw === 'true') return 'on';
  if (raw === '0' || raw === 'false') return 'off';
  return null;
}

/** The mode this environment asks for; start-up has refused to serve where that mode is not allowed. */
export function runMode(env: NodeJS.ProcessEnv = process.env): RunMode {
  if (demoSetting(env) === 'on') return 'demo';
  // ACCOUNTS_FILE carries the accounts' own credentials (or names their profiles).
  return env.ACCOUNTS_FILE?.trim() || hasCloudCredentials(env) ? 'live' : 'demo';
}
