/**
 * Start-up's check that the store mirrors the accounts now configured (docs/store-identity.md): for
 * each account id, which Alibaba Cloud account its key belongs to (STS GetCallerIdentity, or where
 * STS cannot be reached the endpoint and AccessKeyId), against what the store recorded. The same
 * account (a rotated key too) starts and the record is kept up to date; another account's key stops
 * start-up with a message that names the store, both accounts and the way out. Demo mode is the
 * emulator's account, which is no real account's, so the same check keeps demo rows out of a live view.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import type { Account } from '../accounts/accounts';
import { logger } from '../logger';
import type { Store } from '../store/database';
import {
  accountHoldsData,
  describeStore,
  type MirroredIdentity,
  type RecordedIdentity,
  readRecordedIdentity,
  recordIdentity,
} from '../store/store-identity';
import { accessKeyIdOf } from '../upstream/account-credential';
import { type CallerIdentity, callerIdentity, stsEndpointOf } from '../upstream/sts';
import { UpstreamError } from '../upstream/upstream-error';

/** What the configuration points at now, and why STS could not say, if it could not. */
export interface ConfiguredIdentity extends MirroredIdentity {
  stsProblem: string | null;
}

export type IdentityVerdict =
  /** Nothing recorded yet: record it. */
  | { kind: 'record' }
  | { kind: 'same'; by: 'account' | 'key' }
  /** Another account, but the store holds nothing of this account id: take the part over. */
  | { kind: 'take-over'; by: 'account' | 'key' }
  | { kind: 'mismatch'; by: 'account' | 'key' }
  /** Neither STS nor a readable key: nothing to compare (the sync will fail and say why). */
  | { kind: 'unverifiable' };

export type IdentityLookup = (accountId: string) => Promise<CallerIdentity>;

export function hashAccessKeyId(accessKeyId: string): string {
  return createHash('sha256').update(accessKeyId).digest('hex');
}

/** `LTAI5tAbc…Q2w9E` → `LTAI…w9E`: recognisable, not the key. */
export function accessKeyHint(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? '…' : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-3)}`;
}

export async function configuredIdentity(
  account: Account,
  lookup: IdentityLookup = callerIdentity,
): Promise<ConfiguredIdentity> {
  const accessKeyId = await accessKeyIdOf(account.credentials);
  const base = {
    endpoint: account.endpoint.origin,
    accessKeyHash: accessKeyId ? hashAccessKeyId(accessKeyId) : null,
    accessKeyHint: accessKeyId ? accessKeyHint(accessKeyId) : null,
  };
  try {
    const identity = await lookup(account.id);
    return { ...base, cloudAccountId: identity.cloudAccountId, stsProblem: null };
  } catch (error) {
    const why = error instanceof UpstreamError ? error.code : 'no usable answer';
    return {
      ...base,
      cloudAccountId: null,
      stsProblem: `STS GetCallerIdentity at ${stsEndpointOf(account).origin} failed (${why})`,
    };
  }
}

export function judgeIdentity(
  recorded: MirroredIdentity | null,
  configured: MirroredIdentity,
  holdsData: boolean,
): IdentityVerdict {
  if (configured.cloudAccountId === null && configured.accessKeyHash === null)
    return { kind: 'unverifiable' };
  if (recorded === null) return { kind: 'record' };
  const by = recorded.cloudAccountId !== null && configured.cloudAccountId !== null ? 'account' : 'key';
  const same =
    by === 'account'
      ? recorded.cloudAccountId === configured.cloudAccountId
      : recorded.endpoint === configured.endpoint &&
        recorded.accessKeyHash !== null &&
        recorded.accessKeyHash === configured.accessKeyHash;
  if (same) return { kind: 'same', by };
  return holdsData ? { kind: 'mismatch', by } : { kind: 'take-over', by };
}

function describeIdentity(identity: MirroredIdentity): string {
  if (identity.cloudAccountId !== null) return `Alibaba Cloud account ${identity.cloudAccountId}`;
  return `the access key ${identity.accessKeyHint ?? '(none)'} at ${identity.endpoint} (which account, STS did not say)`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The refusal, one paragraph: the store, the account it holds, the one configured, the way out. */
export function mismatchMessage(
  store: Pick<Store, 'engine' | 'databaseUrl' | 'settings'>,
  accountId: string,
  recorded: RecordedIdentity,
  configured: ConfiguredIdentity,
  by: 'account' | 'key',
): string {
  const compared =
    by === 'key'
      ? ' STS could not be asked which account the key belongs to, so the keys were compared: a rotated key of the same account counts as another until STS answers.'
      : '';
  return [
    `${capitalised(describeStore(store))} holds account "${accountId}" as ${describeIdentity(recorded)}`,
    `(recorded ${new Date(recorded.recordedAt).toISOString()}), but the credentials now configured for`,
    `"${accountId}" belong to ${describeIdentity(configured)}.${compared}`,
    'Started like this, the dashboard would show one account’s tasks as the other’s, so it stops.',
    `Either start with another DATA_DIR or DATABASE_URL for this account, or empty this account’s part`,
    `of the store with \`npm run store:reset -- --account ${accountId}\` (its tasks, sync state, resource`,
    'groups and alerts; the next start syncs the account afresh).',
  ].join(' ');
}

/**
 * Checks every account and records what is new; answers the refusals (empty when start-up may go on).
 */
export async function verifyStoreIdentity(
  store: Store,
  accounts: readonly Account[],
  options: { lookup?: IdentityLookup; now?: () => number } = {},
): Promise<string[]> {
  const now = options.now ?? Date.now;
  const refusals: string[] = [];
  for (const account of accounts) {
    const configured = await configuredIdentity(account, options.lookup);
    if (configured.stsProblem) {
      logger().warn(
        { account: account.id, problem: configured.stsProblem, endpoint: configured.endpoint },
        'cannot tell which Alibaba Cloud account the key belongs to; the store identity falls back to endpoint and AccessKeyId',
      );
    }
    const recorded = await readRecordedIdentity(store.db, account.id);
    const holdsData = recorded === null ? false : await accountHoldsData(store.db, account.id);
    const verdict = judgeIdentity(recorded, configured, holdsData);
    const identity: MirroredIdentity = {
      cloudAccountId: configured.cloudAccountId,
      endpoint: configured.endpoint,
      accessKeyHash: configured.accessKeyHash,
      accessKeyHint: configured.accessKeyHint,
    };
    switch (verdict.kind) {
      case 'unverifiable':
        logger().warn({ account: account.id }, 'no access key found: the store identity is not checked');
        break;
      case 'record':
        await recordIdentity(store.db, account.id, identity, now(), true);
        logger().info(
          { account: account.id, mirrors: describeIdentity(identity) },
          'store identity recorded',
        );
        break;
      case 'same':
        await recordIdentity(store.db, account.id, identity, now(), false);
        break;
      case 'take-over':
        await recordIdentity(store.db, account.id, identity, now(), true);
        logger().warn(
          {
            account: account.id,
            was: describeIdentity(recorded as RecordedIdentity),
            now: describeIdentity(identity),
          },
          'the store held nothing of this account; it now mirrors the configured one',
        );
        break;
      case 'mismatch':
        refusals.push(
          mismatchMessage(store, account.id, recorded as RecordedIdentity, configured, verdict.by),
        );
        break;
    }
  }
  return refusals;
}

/** The check, or the process stops with each refusal on one line, the way other start-up checks stop. */
export async function storeIdentityOrExit(store: Store, accounts: readonly Account[]): Promise<void> {
  const refusals = await verifyStoreIdentity(store, accounts);
  if (refusals.length === 0) return;
  for (const refusal of refusals) console.error(`[startup] ${refusal}`);
  await store.close().catch(() => undefined);
  process.exit(1);
}
