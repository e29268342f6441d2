/**
 * Whose token it is (docs/tokens.md): a token made by a local user is bound to the users-file entry
 * its maker had when it was made (makerStamp in lib/server/auth/local-accounts.ts), and does what
 * that entry may do now; once the name's entry is another (removed, then added again) the token is
 * dead for good. A single sign-on maker has no entry to look at between sign-ins.
 */
import 'server-only';
import type { Kysely } from 'kysely';
import {
  LOCAL_SUBJECT_PREFIX,
  localEntryNow,
  localStanding,
  type SessionCheckDeps,
  type SessionVerdict,
} from '../auth/session-check';
import type { Database } from '../store/schema';
import { type ActiveToken, bindMakerEntry } from './token-store';

/** What a token is bound to when its maker was gone: no entry's stamp is ever this. */
const MAKER_GONE = 'gone';

type MakerDeps = Pick<SessionCheckDeps, 'localUsers' | 'demo'>;

/** The entry to bind a token `subject` makes now to; null for a maker who is not a local user. */
export async function makerEntryOf(subject: string, deps: MakerDeps): Promise<string | null> {
  if (!subject.startsWith(LOCAL_SUBJECT_PREFIX)) return null;
  const found = await localEntryNow(subject, deps, true);
  // The maker's session was accepted a moment ago; gone since, the token is born dead, as it would
  // be the moment after.
  return found.ok ? found.entry.maker : MAKER_GONE;
}

/**
 * The token's maker's standing now: refused once the name's entry is not the one the token was made
 * under; null for a maker who is not a local user. A token from before entries were recorded is bound
 * to its maker's entry at this, its first use (to nothing, if the maker is gone by then).
 */
export async function makerStanding(
  token: ActiveToken,
  db: Kysely<Database>,
  deps: MakerDeps,
): Promise<SessionVerdict | null> {
  if (!token.createdBy.startsWith(LOCAL_SUBJECT_PREFIX)) return null;
  let bound = token.makerEntry;
  if (bound === null) {
    const found = await localEntryNow(token.createdBy, deps, true);
    // An unreadable file says nothing about the maker: refused now, bound later.
    if (!found.ok && found.reason !== 'user_removed') return found;
    bound = await bindMakerEntry(db, token.id, found.ok ? found.entry.maker : MAKER_GONE);
  }
  return localStanding(token.createdBy, deps, (entry) => entry.maker === bound);
}
