/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a local port, for the single
 * sign-on test. Its development login screen accepts any login and password; the login becomes the
 * subject, and the claims below follow from it.
 */
import type { Server } from 'node:http';
import Provider from 'oidc-provider';

export interface OidcIssuerOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface RunningOidcIssuer {
  issuer: string;
  close(): Promise<void>;
}

/**
 * `claim.operator` carries the operator role claim; every login gets `<login>@example.test`, verified,
 * except `unverified.listed`, which claims the listed operator's address without the provider
 * having verified it. Every login may see the dashboard's `default` account (the accounts claim)
 * except `claim.elsewhere`, whose claim names only an account this dashboard does not have.
 */
function claimsFor(login: string): Record<string, unknown> {
  const unverified = login === 'unverified.listed';
  return {
    sub: login,
    email: unverified ? 'listed.operator@example.test' : `${login}@example.test`,
    email_verified: !unverified,
    name: login
      .split('.')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' '),
    dashboard_roles: login === 'claim.operator' ? ['readers', 'operator'] : ['readers'],
    dashboard_accounts: login === 'claim.elsewhere' ? ['staging'] : ['default'],
  };
}

export async function startOidcIssuer(options: OidcIssuerOptions): Promise<RunningOidcIssuer> {
  const issuer = `http://localhost:${options.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: (_context, id) => ({ accountId: id, claims: () => claimsFor(id) as { sub: string } }),
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'dashboard_roles', 'dashboard_accounts'],
    },
    // Put the scopes' claims in the ID token itself, as many providers do, since that is what we read.
    conformIdTokenClaims: false,
    cookies: { keys: ['e2e-only-oidc-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = provider.listen(options.port, () => resolve(listening));
    listening.once('error', reject);
  });
  return {
    issuer,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
