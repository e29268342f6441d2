import 'server-only';
import { MISSING_AUTH_SECRET_MESSAGE } from '@/lib/node/auth-startup';
import { upstreamConfig } from '../upstream/upstream-config';

/**
 * Sign-in configuration from the environment (README's configuration table). Read on each use, not
 * cached, because the start-up hook may fill in AUTH_SECRET after modules load.
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Claim whose value (or one of whose values) decides the role, e.g. `roles` or `realm_access.roles`. */
  roleClaim: string | null;
  /** The value of roleClaim that makes an operator. */
  operatorValue: string;
  /** E-mail addresses (any case) and subjects that are operators whatever the claim says. */
  operators: string[];
  /** Claim listing the account ids the user may see (`a.b` for nested); null: every account. */
  accountsClaim: string | null;
}

export interface AuthSettings {
  /** No cloud credentials: the demo account demo/demo (operator) is offered. */
  demo: boolean;
  usersFile: string | null;
  /** How stale a signed-in user's entry in usersFile may be, in ms (README, "Sign-in and roles"). */
  usersRecheckMs: number;
  oidc: OidcSettings | null;
  /** Requests per minute one user may make to /api. */
  apiRequestsPerMinute: number;
}

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_API_REQUESTS_PER_MINUTE = 300;
/** A look at the file's modification time every 10 s costs nothing; 60 s is the most it may lag. */
const DEFAULT_USERS_RECHECK_SECONDS = 10;
const MAX_USERS_RECHECK_SECONDS = 60;

/** `demo` follows the upstream's mode (lib/server/upstream/upstream-config.ts), so the sign-in page and the badge agree. */
export function readAuthSettings(
  env: Env = process.env,
  demo = upstreamConfig().mode === 'demo',
): AuthSettings {
  return {
    demo,
    usersFile: env.AUTH_USERS_FILE?.trim() || null,
    usersRecheckMs: usersRecheckSeconds(env) * 1000,
    oidc: readOidcSettings(env),
    apiRequestsPerMinute: apiRequestsPerMinute(env),
  };
}

/** API_RATE_LIMIT_PER_MINUTE, read alone because the proxy needs it on every API request. */
export function apiRequestsPerMinute(env: Env = process.env): number {
  return positiveInteger(env.API_RATE_LIMIT_PER_MINUTE) ?? DEFAULT_API_REQUESTS_PER_MINUTE;
}

/** AUTH_USERS_RECHECK_SECONDS: 0 looks at the file on every request; more than 60 counts as 60. */
export function usersRecheckSeconds(env: Env = process.env): number {
  const text = env.AUTH_USERS_RECHECK_SECONDS?.trim();
  if (!text || !/^\d+$/.test(text)) return DEFAULT_USERS_RECHECK_SECONDS;
  return Math.min(Number(text), MAX_USERS_RECHECK_SECONDS);
}

function readOidcSettings(env: Env): OidcSettings | null {
  const issuer = env.AUTH_OIDC_ISSUER?.trim();
  const clientId = env.AUTH_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.AUTH_OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    roleClaim: env.AUTH_OIDC_ROLE_CLAIM?.trim() || null,
    operatorValue: env.AUTH_OIDC_OPERATOR_VALUE?.trim() || 'operator',
    accountsClaim: env.AUTH_OIDC_ACCOUNTS_CLAIM?.trim() || null,
    operators: (env.AUTH_OIDC_OPERATORS ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  };
}

function positiveInteger(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text.trim())) return null;
  const value = Number(text);
  return value > 0 ? value : null;
}

/** The session key; throws the same clear message as start-up when it is missing. */
export function authSecret(env: Env = process.env): string {
  const secret = env.AUTH_SECRET?.trim();
  if (!secret) throw new Error(MISSING_AUTH_SECRET_MESSAGE);
  return secret;
}
