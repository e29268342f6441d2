import { randomBytes } from 'node:crypto';
import { cloudLookingVariables, credentialChainSource } from './cloud-credentials';
import { parseTrustedProxies } from './forwarded';
import { demoSetting, type RunMode, runMode } from './run-mode';

/**
 * The checks made before serving, by the launcher and again by the server's start-up hook
 * (instrumentation.ts), so `next start` or the Docker image's standalone server are held to the same
 * rules. Reads only whether variables are set, never prints a value.
 *
 * Demo mode (emulator data, the well-known demo/demo operator, a session key made up per run) is
 * for a laptop: it starts without configuration only where nothing says this is a real deployment.
 * Anything that does (NODE_ENV=production as the server sees it, local accounts, single sign-on, any
 * source the cloud credential chain would use, a variable that looks like a mistyped credential
 * setting) stops start-up with a message, unless DEMO=1 asks for the demo on purpose.
 *
 * Live mode needs AUTH_SECRET (sessions survive restarts and match across instances) and NEXTAUTH_URL
 * (the public origin: Secure cookies, HSTS and redirects follow it, never a request's headers).
 */
export const MISSING_AUTH_SECRET_MESSAGE = [
  'AUTH_SECRET is not set.',
  'Cloud credentials are configured, so the dashboard is not in demo mode and needs a stable session key.',
  'Generate one with `openssl rand -base64 32`, set AUTH_SECRET to it, and start again.',
].join(' ');

export const MISSING_PUBLIC_URL_MESSAGE = [
  'NEXTAUTH_URL is not set.',
  'In live mode the dashboard needs its public address, such as https://cdn-monitor.example.com:',
  'Secure cookies, HSTS and redirects follow it, never the X-Forwarded-Host or -Proto of a request.',
  'Set NEXTAUTH_URL to the address people open, and start again.',
].join(' ');

const OIDC_VARIABLES = ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET'] as const;

interface AuthStartupCheck {
  mode: RunMode;
  /** What stops start-up, one sentence (or a few) each. */
  problems: string[];
  /** True when a demo-mode AUTH_SECRET was generated into `env`. */
  generatedSecret: boolean;
}

export interface StartupContext {
  /**
   * The credential chain's answer (a provider name, or null for none); the default asks the real
   * chain, which reads the process's own environment and home directory.
   */
  chainSource?: () => Promise<string | null>;
}

/** Why demo mode would be a mistake here, one reason each; empty when a demo start is fine. */
async function reasonsAgainstDemo(env: NodeJS.ProcessEnv, context: StartupContext): Promise<string[]> {
  const reasons: string[] = [];
  if (env.NODE_ENV === 'production') reasons.push('NODE_ENV is production');
  if (env.AUTH_USERS_FILE?.trim()) reasons.push('AUTH_USERS_FILE is set');
  const oidc = OIDC_VARIABLES.filter((name) => env[name]?.trim());
  if (oidc.length > 0) reasons.push(`single sign-on is configured (${oidc.join(', ')})`);
  const lookalikes = cloudLookingVariables(env);
  if (lookalikes.length > 0) {
    reasons.push(`${lookalikes.join(', ')} ${lookalikes.length === 1 ? 'is' : 'are'} set (a mistyped name?)`);
  }
  const source = await (context.chainSource ?? credentialChainSource)();
  if (source) reasons.push(`the Alibaba Cloud credential chain finds credentials (${source})`);
  return reasons;
}

/**
 * Checks the environment: the mode, and what stops start-up. Fills in AUTH_SECRET in demo mode and
 * drops an empty NEXTAUTH_URL.
 */
export async function checkAuthStartup(
  env: NodeJS.ProcessEnv,
  context: StartupContext = {},
): Promise<AuthStartupCheck> {
  const problems: string[] = [];
  let generatedSecret = false;
  // An empty NEXTAUTH_URL means "not set" to people, but next-auth would try to parse it as a URL.
  if (env.NEXTAUTH_URL !== undefined && !env.NEXTAUTH_URL.trim()) delete env.NEXTAUTH_URL;

  const setting = demoSetting(env);
  if (setting === null) problems.push('DEMO must be 1 (demo mode on purpose) or 0 (never demo mode).');
  const mode = runMode(env);
  if (mode === 'demo' && setting === 'off') {
    problems.push(
      'DEMO=0, but no cloud credentials are configured. Configure them (README: "Pointing it at a real Alibaba Cloud account").',
    );
  }
  if (mode === 'demo' && setting === 'auto') {
    const reasons = await reasonsAgainstDemo(env, context);
    if (reasons.length > 0) {
      problems.push(
        [
          'No cloud credentials are configured, so the dashboard would start in demo mode',
          '(emulator data, the demo/demo operator, a throwaway session key),',
          `but this does not look like a laptop demo: ${reasons.join('; ')}.`,
          'Configure cloud credentials (README: "Pointing it at a real Alibaba Cloud account"),',
          'or set DEMO=1 to run the demo on purpose.',
        ].join(' '),
      );
    }
  }

  if (!env.AUTH_SECRET?.trim()) {
    if (mode === 'live') problems.push(MISSING_AUTH_SECRET_MESSAGE);
    else {
      env.AUTH_SECRET = randomBytes(32).toString('base64url');
      generatedSecret = true;
    }
  }
  if (mode === 'live') {
    const publicUrl = env.NEXTAUTH_URL?.trim();
    if (!publicUrl) problems.push(MISSING_PUBLIC_URL_MESSAGE);
    else if (!isHttpOrigin(publicUrl)) {
      problems.push(
        'NEXTAUTH_URL must be the http(s) address people open, such as https://cdn-monitor.example.com.',
      );
    }
  }

  const givenOidc = OIDC_VARIABLES.filter((name) => env[name]?.trim());
  if (givenOidc.length > 0 && givenOidc.length < OIDC_VARIABLES.length) {
    const missing = OIDC_VARIABLES.filter((name) => !env[name]?.trim());
    problems.push(
      `Single sign-on is half configured: ${missing.join(', ')} missing (set all three or none).`,
    );
  }
  const proxies = parseTrustedProxies(env.TRUSTED_PROXIES);
  if (!proxies.ok) problems.push(`${proxies.problem}.`);
  return { mode, problems, generatedSecret };
}

function isHttpOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** What a demo-mode server prints at start, where nobody can miss it. */
export function demoBanner(env: NodeJS.ProcessEnv): string {
  const why = demoSetting(env) === 'on' ? 'DEMO=1 asked for it.' : 'No cloud credentials are configured.';
  const line = '!'.repeat(78);
  return [
    line,
    '!!  DEMO MODE: not for real use.',
    `!!  ${why}`,
    '!!  Data comes from the built-in CDN emulator, not from an Alibaba Cloud account.',
    '!!  Anyone can sign in as demo / demo (operator); sessions end when the server stops.',
    line,
  ].join('\n');
}

/** The server's start-up hook: print each problem and stop the process, or announce demo mode. */
export async function enforceAuthStartup(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { mode, problems, generatedSecret } = await checkAuthStartup(env);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`[startup] ${problem}`);
    process.exit(1);
  }
  if (mode === 'demo') console.warn(demoBanner(env));
  if (generatedSecret) console.log('[auth] demo mode: generated a session key for this run');
}
