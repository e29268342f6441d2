import 'server-only';
import type { Role } from '@/lib/roles';
import type { OidcSettings } from './settings';

/**
 * The role of a user signed in through the OpenID provider: operator when listed in
 * AUTH_OIDC_OPERATORS (by subject, or by e-mail when `email_verified` is `true`) or when the configured role claim carries the
 * operator value; viewer otherwise. Nobody becomes an operator by default.
 */
export function roleFromOidcClaims(
  claims: Record<string, unknown>,
  settings: Pick<OidcSettings, 'roleClaim' | 'operatorValue' | 'operators'>,
): Role {
  if (isListedOperator(claims, settings.operators)) return 'operator';
  if (settings.roleClaim && claimValues(claims, settings.roleClaim).includes(settings.operatorValue)) {
    return 'operator';
  }
  return 'viewer';
}

function isListedOperator(claims: Record<string, unknown>, operators: readonly string[]): boolean {
  if (operators.length === 0) return false;
  const subject = typeof claims.sub === 'string' ? claims.sub : null;
  // Only an address the provider vouches for: one it has not verified (or says nothing about) could
  // be anyone's, typed in at sign-up.
  const email =
    typeof claims.email === 'string' && claims.email_verified === true ? claims.email.toLowerCase() : null;
  return operators.some((entry) => entry === subject || (email !== null && entry.toLowerCase() === email));
}

/** The claim's values as strings; `a.b` walks into nested objects (Keycloak's `realm_access.roles`). */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    // Own properties only: a claim path must not walk into Object.prototype.
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, part))
      return [];
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/**
 * The account ids a user signed in through the OpenID provider may see: undefined (every account)
 * when AUTH_OIDC_ACCOUNTS_CLAIM is not set; else the claim's values (`a.b` for nested, a list or a
 * space- or comma-separated string), and none when the claim is missing.
 */
export function accountsFromOidcClaims(
  claims: Record<string, unknown>,
  settings: Pick<OidcSettings, 'accountsClaim'>,
): string[] | undefined {
  if (!settings.accountsClaim) return undefined;
  return claimValues(claims, settings.accountsClaim);
}
