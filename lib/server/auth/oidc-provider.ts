import 'server-only';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { OidcSettings } from './settings';

export const OIDC_PROVIDER_ID = 'oidc';

/** The claims we read from the ID token; any OpenID provider sends `sub`, most the others. */
interface OidcClaims extends Record<string, unknown> {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
}

/**
 * Single sign-on through any OpenID Connect issuer (AUTH_OIDC_*): discovery from the issuer's
 * well-known document, authorization code flow with PKCE, state and nonce, and a verified ID token.
 * The role is decided from the claims in the jwt callback (see oidc-role.ts), not here.
 */
export function oidcProvider(settings: OidcSettings): OAuthConfig<OidcClaims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: 'Single sign-on',
    type: 'oauth',
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    checks: ['pkce', 'state', 'nonce'],
    idToken: true,
    profile(claims) {
      return {
        id: claims.sub,
        name: claims.name ?? claims.preferred_username ?? claims.email ?? claims.sub,
        email: claims.email ?? null,
      };
    },
  };
}
