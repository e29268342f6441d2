/**
 * API tokens as the API answers them (docs/tokens.md): shared by the routes and the settings page.
 * The secret is never part of these; it is answered once, when the token is made.
 */
export const TOKEN_SCOPES = ['read', 'submit'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The expiry a token gets when none is asked for, and the longest one may have. */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
/** The most domains or path prefixes one token may be limited to. */
export const MAX_TOKEN_PATHS = 50;

export type TokenState = 'active' | 'expired' | 'revoked';

/** Which token it is and what it may reach: the part every view of a token shares. */
export interface TokenGrant {
  id: string;
  name: string;
  scope: TokenScope;
  /** Account ids it may use; null: every account its creator could see. */
  accounts: string[] | null;
  /** Domains or `domain/path-prefix`es it may submit under; null: any. */
  paths: string[] | null;
}

export interface ApiTokenInfo extends TokenGrant {
  /** The creator's name. */
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  state: TokenState;
}

export interface CreatedToken {
  id: string;
  /** The secret, shown this once. */
  token: string;
  expiresAt: string;
}
