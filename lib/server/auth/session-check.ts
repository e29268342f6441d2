/**
 * Whether a signed-in session may still be used, decided on every request (pages, API routes and
 * /api/auth/session alike, through next-auth's jwt callback in options.ts), and what it may do now:
 *
 * - every session ends 12 h after sign-in, however often it is used (no sliding);
 * - a signed-out session is refused (session-revocations.ts);
 * - a local account is held to its current entry in AUTH_USERS_FILE: removed, it is refused; its role
 *   and accounts are the file's, not those of sign-in (users-file-snapshot.ts); and it is refused
 *   once the entry is not the one it signed in with (its password set again, or the name removed and
 *   added again: local-accounts.ts, sessionStamp);
 * - a single sign-on session keeps the role and accounts its sign-in decided, for those 12 h.
 *
 * Another way of proving who one is (an API token) resolves to the same SessionUser beside this.
 */
import 'server-only';
import { isRole, type Role } from '@/lib/roles';
import { currentLocalEntry, type LocalEntry } from './local-accounts';
import { type SessionRevocations, sessionRevocations } from './session-revocations';
import type { AuthSettings } from './settings';
import { type UsersFileRead, usersFileSnapshotOf } from './users-file-snapshot';

/** A working day; after that, sign in again. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const LOCAL_SUBJECT_PREFIX = 'local:';

/** What a session token carries that the check reads (types/next-auth.d.ts). */
export interface SessionClaims {
  sub?: string;
  provider?: string;
  role?: unknown;
  accounts?: unknown;
  /** This session's id, made at sign-in: what signing out revokes. */
  sid?: unknown;
  /** When the user signed in (ms since the epoch). */
  signedInAt?: unknown;
  /** A local account's entry at sign-in (sessionStamp). */
  entry?: unknown;
}

export type SessionEndReason =
  | 'incomplete'
  | 'expired'
  | 'revoked'
  | 'user_removed'
  | 'credentials_changed'
  | 'users_file_unreadable';

export type SessionVerdict =
  | { ok: true; role: Role; accounts: string[] | null }
  | { ok: false; reason: SessionEndReason };

export interface SessionCheckDeps {
  now: () => number;
  revocations: SessionRevocations;
  /**
   * AUTH_USERS_FILE as it is now (within the recheck interval; `fresh`: looked at this moment); null
   * when no file is configured.
   */
  localUsers: ((options?: { fresh?: boolean }) => Promise<UsersFileRead>) | null;
  demo: boolean;
}

/** Thrown from the jwt callback: next-auth then answers "no session" and clears the cookie. */
export class SessionEnded extends Error {
  constructor(readonly reason: SessionEndReason) {
    super(`session ended: ${reason}`);
    this.name = 'SessionEnded';
  }
}

/** When a session signed in at `signedInAt` ends, whatever happens in between. */
export function sessionEndsAt(signedInAt: number): number {
  return signedInAt + SESSION_MAX_AGE_SECONDS * 1000;
}

export async function checkSession(claims: SessionClaims, deps: SessionCheckDeps): Promise<SessionVerdict> {
  const { sid, signedInAt, sub, entry } = claims;
  // A token from before sessions had an id, a sign-in time and (local) an entry cannot be held to
  // them: sign in again.
  if (typeof sid !== 'string' || !sid || typeof signedInAt !== 'number' || !sub) {
    return { ok: false, reason: 'incomplete' };
  }
  if (sub.startsWith(LOCAL_SUBJECT_PREFIX) && (typeof entry !== 'string' || !entry)) {
    return { ok: false, reason: 'incomplete' };
  }
  if (deps.now() >= sessionEndsAt(signedInAt)) return { ok: false, reason: 'expired' };
  if (await deps.revocations.isRevoked(sid)) return { ok: false, reason: 'revoked' };

  const local = await localStanding(sub, deps, (current) => current.session === entry);
  if (local) return local;
  const accounts = Array.isArray(claims.accounts)
    ? claims.accounts.filter((id): id is string => typeof id === 'string')
    : null;
  return { ok: true, role: isRole(claims.role) ? claims.role : 'viewer', accounts };
}

/**
 * A local account's standing now, from AUTH_USERS_FILE as it is (removed: refused; not the entry
 * `sameEntry` wants: refused; role and accounts: the file's); null for a subject that is not a local
 * account. Sessions and the API tokens a local user made are both held to it.
 */
export async function localStanding(
  sub: string,
  deps: Pick<SessionCheckDeps, 'localUsers' | 'demo'>,
  sameEntry: (entry: LocalEntry) => boolean,
): Promise<SessionVerdict | null> {
  if (!sub.startsWith(LOCAL_SUBJECT_PREFIX)) return null;
  let found = await localEntryNow(sub, deps, false);
  // Another entry than the one the session or token knows may be the file changed since it was last
  // looked at (a password set a moment ago, then signed in with): looked at again before refusing.
  if (found.ok && !sameEntry(found.entry)) found = await localEntryNow(sub, deps, true);
  if (!found.ok) return found;
  if (!sameEntry(found.entry)) return { ok: false, reason: 'credentials_changed' };
  return { ok: true, role: found.entry.role, accounts: found.entry.accounts };
}

/** The entry of the local subject `sub` in AUTH_USERS_FILE now, or why there is none. */
export async function localEntryNow(
  sub: string,
  deps: Pick<SessionCheckDeps, 'localUsers' | 'demo'>,
  fresh: boolean,
): Promise<{ ok: true; entry: LocalEntry } | { ok: false; reason: SessionEndReason }> {
  const username = sub.slice(LOCAL_SUBJECT_PREFIX.length);
  const read: UsersFileRead = deps.localUsers ? await deps.localUsers({ fresh }) : { ok: true, users: [] };
  // Unreadable, the file cannot say the user is still there: refused, as sign-in is.
  if (!read.ok) return { ok: false, reason: 'users_file_unreadable' };
  const entry = currentLocalEntry(username, read.users, deps.demo);
  return entry ? { ok: true, entry } : { ok: false, reason: 'user_removed' };
}

/** The check's parts for this process and configuration. */
export function sessionCheckDeps(settings: AuthSettings): SessionCheckDeps {
  const { usersFile, usersRecheckMs } = settings;
  return {
    now: Date.now,
    revocations: sessionRevocations(),
    localUsers: usersFile
      ? (options) => usersFileSnapshotOf(usersFile, usersRecheckMs).current(options)
      : null,
    demo: settings.demo,
  };
}
