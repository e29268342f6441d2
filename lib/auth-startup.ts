import { randomBytes } from 'node:crypto';
import { hasCloudCredentials } from './cloud-credentials';

/**
 * The sign-in configuration checks made before serving, by the launcher and again by the server's
 * start-up hook (instrumentation.ts), so `next start` on its own is held to the same rules. Reads only
 * whether variables are set, never prints a value.
 *
 * AUTH_SECRET encrypts every session cookie. Outside demo mode it must be given, so sessions survive
 * restarts and match across instances; in demo mode a random one is made up for this run (sessions end
 * when the dashboard stops, which is what a demo wants).
 */
export const MISSING_AUTH_SECRET_MESSAGE = [
  'AUTH_SECRET is not set.',
  'Cloud credentials are configured, so the dashboard is not in demo mode and needs a stable session key.',
  'Generate one with `openssl rand -base64 32`, set AUTH_SECRET to it, and start again.',
].join(' ');

const OIDC_VARIABLES = ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET'] as const;

export interface AuthStartupCheck {
  /** What stops start-up, one sentence each. */
  problems: string[];
  /** True when a demo-mode AUTH_SECRET was generated into `env`. */
  generatedSecret: boolean;
}

/** Checks the environment, filling in AUTH_SECRET in demo mode and dropping an empty NEXTAUTH_URL. */
export function checkAuthStartup(env: NodeJS.ProcessEnv): AuthStartupCheck {
  const problems: string[] = [];
  let generatedSecret = false;
  // An empty NEXTAUTH_URL means "not set" to people, but next-auth would try to parse it as a URL.
  if (env.NEXTAUTH_URL !== undefined && !env.NEXTAUTH_URL.trim()) delete env.NEXTAUTH_URL;
  if (!env.AUTH_SECRET?.trim()) {
    if (hasCloudCredentials(env)) problems.push(MISSING_AUTH_SECRET_MESSAGE);
    else {
      env.AUTH_SECRET = randomBytes(32).toString('base64url');
      generatedSecret = true;
    }
  }
  const givenOidc = OIDC_VARIABLES.filter((name) => env[name]?.trim());
  if (givenOidc.length > 0 && givenOidc.length < OIDC_VARIABLES.length) {
    const missing = OIDC_VARIABLES.filter((name) => !env[name]?.trim());
    problems.push(
      `Single sign-on is half configured: ${missing.join(', ')} missing (set all three or none).`,
    );
  }
  return { problems, generatedSecret };
}

/** The server's start-up hook: print each problem and stop the process, or note a generated key. */
export function enforceAuthStartup(env: NodeJS.ProcessEnv = process.env): void {
  const { problems, generatedSecret } = checkAuthStartup(env);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`[auth] ${problem}`);
    process.exit(1);
  }
  if (generatedSecret) console.log('[auth] demo mode: generated a session key for this run');
}
