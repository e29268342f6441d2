import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import type { Provider } from 'next-auth/providers/index';
import { callbackPathFor, SIGN_IN_PATH } from '@/lib/auth-paths';
import { isRole } from '@/lib/roles';
import { audit } from './audit';
import { credentialsProvider } from './credentials-provider';
import { authLogger } from './next-auth-logger';
import { OIDC_PROVIDER_ID, oidcProvider } from './oidc-provider';
import { accountsFromOidcClaims, roleFromOidcClaims } from './oidc-role';
import {
  checkSession,
  SESSION_MAX_AGE_SECONDS,
  SessionEnded,
  sessionCheckDeps,
  sessionEndsAt,
} from './session-check';
import { decodeSessionJwt, encodeSessionJwt } from './session-jwt';
import { sessionRevocations } from './session-revocations';
import { authSecret, readAuthSettings } from './settings';

export interface AuthRequestContext {
  /** Reached over HTTPS: Secure, `__Secure-`-prefixed cookies. */
  secure: boolean;
  /** For the audit trail and the per-address sign-in limit. */
  address: string;
}

/**
 * next-auth's configuration, built per request because cookie security and the caller's address
 * depend on it. Sessions are encrypted JWTs holding the user's name, role, subject, a session id and
 * the sign-in time, never a provider token; every use of one is checked (session-check.ts), and
 * signing out puts its id on the revocation list.
 */
export function authOptions(context: AuthRequestContext): NextAuthOptions {
  const settings = readAuthSettings();
  // Without a configured public address, next-auth takes the origin from the request's Host header,
  // so the dashboard works on whatever name and port it is reached at.
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= 'true';

  const providers: Provider[] = [credentialsProvider(settings, context.address)];
  if (settings.oidc) providers.push(oidcProvider(settings.oidc));
  const oidcRole = (claims: unknown) =>
    settings.oidc && claims && typeof claims === 'object'
      ? roleFromOidcClaims(claims as Record<string, unknown>, settings.oidc)
      : 'viewer';
  const oidcAccounts = (claims: unknown) =>
    settings.oidc && claims && typeof claims === 'object'
      ? accountsFromOidcClaims(claims as Record<string, unknown>, settings.oidc)
      : [];

  return {
    secret: authSecret(),
    providers,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    // next-auth's token format, with its derived key computed once (session-jwt.ts).
    jwt: { encode: encodeSessionJwt, decode: decodeSessionJwt },
    useSecureCookies: context.secure,
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    logger: authLogger(context.address),
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (!account || !user) {
          // Every later use: held to the user's current entry, the absolute lifetime and sign-out.
          const verdict = await checkSession(token, sessionCheckDeps(settings));
          if (!verdict.ok) throw new SessionEnded(verdict.reason);
          const { accounts: _signedInWith, ...rest } = token;
          return { ...rest, role: verdict.role, ...(verdict.accounts ? { accounts: verdict.accounts } : {}) };
        }
        // At sign-in. A single sign-on's role and accounts are decided here for the session's life;
        // a local account's are read again from the file at every use.
        const fromOidc = account.provider === OIDC_PROVIDER_ID;
        // Absent accounts: every account.
        const accounts = fromOidc ? oidcAccounts(profile) : user.accounts;
        return {
          ...token,
          sub: fromOidc ? `oidc:${user.id}` : user.id,
          name: user.name ?? user.id,
          role: fromOidc ? oidcRole(profile) : (user.role ?? 'viewer'),
          provider: account.provider,
          sid: randomUUID(),
          signedInAt: Date.now(),
          ...(accounts ? { accounts } : {}),
          ...(!fromOidc && user.entry ? { entry: user.entry } : {}),
        };
      },
      session({ session, token }) {
        return {
          expires: session.expires,
          user: {
            id: token.sub ?? '',
            name: token.name ?? token.sub ?? '',
            role: isRole(token.role) ? token.role : 'viewer',
            ...(Array.isArray(token.accounts) ? { accounts: token.accounts } : {}),
          },
        };
      },
      redirect({ url, baseUrl }) {
        // Only back into this site: a crafted callbackUrl must not carry a fresh session elsewhere.
        return `${baseUrl}${callbackPathFor(url, baseUrl)}`;
      },
    },
    events: {
      signIn({ user, account, profile }) {
        const fromOidc = account?.provider === OIDC_PROVIDER_ID;
        audit({
          event: 'auth.signin',
          provider: account?.provider ?? 'unknown',
          user: user.name ?? user.id,
          subject: fromOidc ? `oidc:${user.id}` : user.id,
          role: fromOidc ? oidcRole(profile) : (user.role ?? 'viewer'),
          address: context.address,
        });
      },
      async signOut({ token }) {
        // A copy of the cookie must not outlive the sign-out: refused wherever it is shown again.
        if (typeof token?.sid === 'string' && typeof token.signedInAt === 'number') {
          await sessionRevocations().revoke(token.sid, sessionEndsAt(token.signedInAt));
        }
        audit({
          event: 'auth.signout',
          user: token?.name ?? 'unknown',
          subject: token?.sub ?? 'unknown',
          address: context.address,
        });
      },
    },
  };
}
