/**
 * The accounts of AUTH_USERS_FILE as every signed-in request sees them: read again whenever the file
 * changes (its modification time, size or inode), looked at no more than once per recheck interval,
 * so a removed user or a changed role is seen within that interval (AUTH_USERS_RECHECK_SECONDS).
 * Sign-in itself reads the file at every attempt (local-accounts.ts).
 */
import 'server-only';
import { stat } from 'node:fs/promises';
import type { LocalUser } from '@/lib/node/local-users';
import { processSingleton } from '@/lib/node/process-singleton';
import { rootLogger } from '../logger';
import { loadUsersFile } from './local-accounts';

export type UsersFileRead = { ok: true; users: readonly LocalUser[] } | { ok: false; problem: string };

export interface UsersFileSnapshot {
  /**
   * The file as last looked at, or looked at again when that was a recheck interval ago; `fresh`:
   * looked at now, whenever that was (for a session or token whose entry differs from the one last
   * read, which may be the file having changed a moment ago rather than the entry being gone).
   */
  current(options?: { fresh?: boolean }): Promise<UsersFileRead>;
}

export interface SnapshotDeps {
  now?: () => number;
  /** What identifies one version of the file; null when it cannot be looked at. */
  fingerprint?: (path: string) => Promise<string | null>;
  load?: (path: string) => Promise<UsersFileRead>;
}

async function fileFingerprint(path: string): Promise<string | null> {
  try {
    const info = await stat(path, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch {
    return null;
  }
}

export function usersFileSnapshot(
  path: string,
  recheckMs: number,
  deps: SnapshotDeps = {},
): UsersFileSnapshot {
  const now = deps.now ?? Date.now;
  const fingerprint = deps.fingerprint ?? fileFingerprint;
  const load = deps.load ?? loadUsersFile;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let seen: string | null = null;
  let read: UsersFileRead | null = null;
  let pending: Promise<UsersFileRead> | null = null;

  async function refresh(): Promise<UsersFileRead> {
    const startedAt = now();
    const print = await fingerprint(path);
    if (print === null) {
      read = { ok: false, problem: `cannot look at ${path}` };
    } else if (print !== seen || !read) {
      read = await load(path);
      if (!read.ok) rootLogger().error({ problem: read.problem }, 'AUTH_USERS_FILE cannot be used');
    }
    seen = print;
    checkedAt = startedAt;
    return read;
  }

  return {
    current(options = {}) {
      if (read && !options.fresh && now() - checkedAt < recheckMs) return Promise.resolve(read);
      // One look at the file for every request that arrives while it is being looked at.
      pending ??= refresh().finally(() => {
        pending = null;
      });
      return pending;
    },
  };
}

/** The process's snapshot of `path` (one per path and interval: tests start servers with their own). */
export function usersFileSnapshotOf(path: string, recheckMs: number): UsersFileSnapshot {
  const snapshots = processSingleton('users-file-snapshots', () => new Map<string, UsersFileSnapshot>());
  const key = `${recheckMs}:${path}`;
  let snapshot = snapshots.get(key);
  if (!snapshot) {
    snapshot = usersFileSnapshot(path, recheckMs);
    snapshots.set(key, snapshot);
  }
  return snapshot;
}
