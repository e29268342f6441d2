/**
 * The store's identity against the real emulator's STS (GetCallerIdentity over HTTP, signed by the
 * official SDK), on PGlite and on a real PostgreSQL: the first start records the Alibaba Cloud
 * account, a second key of it starts, another account's key (or a live key after the demo) is
 * refused with a message naming the store, both accounts and the way out; where STS cannot be
 * reached the endpoint and AccessKeyId decide; a reset empties exactly one account's part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '@/emulator/defaults';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import type { Task } from '@/lib/task';
import { type Account, resetAccountsConfig } from '../accounts/accounts';
import { openStore, type Store } from '../store/database';
import { storeEngines } from '../store/store-engines.fixture';
import {
  accountHoldsData,
  maskedDatabaseUrl,
  readRecordedIdentity,
  resetAccount,
} from '../store/store-identity';
import { upsertTasks } from '../store/task-rows';
import { readUpstreamFrom } from '../upstream/emulator-upstream.fixture';
import { UpstreamError } from '../upstream/upstream-error';
import { resetUpstreamRuntime } from '../upstream/upstream-runtime';
import { type IdentityLookup, judgeIdentity, verifyStoreIdentity } from './store-identity-check';
import { ensureSyncState } from './sync-state';

const DEMO_KEY = {
  accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
  accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
};
const ROTATED_KEY = {
  accessKeyId: 'LTAI5tRotatedKeySameAccount',
  accessKeySecret: 'RotatedSecretSameAccount',
};
const OTHER_KEY = { accessKeyId: 'LTAI5tKeyOfAccountB', accessKeySecret: 'SecretOfAccountBNeverShown' };
const ACCOUNT_B = '5100000000000001';

let emulator: RunningEmulator;

function account(id: string, keys: { accessKeyId: string; accessKeySecret: string }): Account {
  return { id, name: id, endpoint: new URL(emulator.url), credentials: { kind: 'keys', ...keys } };
}

/** Configures the accounts the way ACCOUNTS_FILE would, so the STS client finds their keys. */
function configure(...accounts: Account[]): Account[] {
  resetAccountsConfig({ accounts, fromFile: true });
  return accounts;
}

const unreachableSts: IdentityLookup = async () => {
  throw new UpstreamError({ kind: 'unavailable', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
};

function task(id: string): Task {
  return {
    taskId: id,
    objectPath: `https://img.example.com/${id}.png`,
    objectType: 'file',
    status: 'Complete',
    progress: 100,
    createdAt: '2026-12-01T00:00:00Z',
    domain: 'img.example.com',
    description: null,
    reason: null,
  };
}

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    tasks: 10,
    accessKeys: [
      { id: ROTATED_KEY.accessKeyId, secret: ROTATED_KEY.accessKeySecret },
      { id: OTHER_KEY.accessKeyId, secret: OTHER_KEY.accessKeySecret, accountId: ACCOUNT_B },
    ],
  });
  // GetCallerIdentity goes where STS_ENDPOINT says: the emulator answers it on its one port.
  process.env.STS_ENDPOINT = emulator.url;
  await readUpstreamFrom(emulator.url);
}, 60_000);

afterAll(async () => {
  resetAccountsConfig();
  await resetUpstreamRuntime();
  await emulator?.close();
});

describe.each(storeEngines())('the store identity on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await engine.settings());
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await engine.stop();
  });

  it('records the Alibaba Cloud account, starts with a second key of it, refuses another account', async () => {
    const first = configure(account('shop', DEMO_KEY));
    expect(await verifyStoreIdentity(store, first, { now: () => 1_000 })).toEqual([]);
    expect(await readRecordedIdentity(store.db, 'shop')).toMatchObject({
      cloudAccountId: EMULATOR_DEFAULTS.accountId,
      endpoint: new URL(emulator.url).origin,
      recordedAt: 1_000,
    });
    await upsertTasks(store.db, 'shop', [task('1001')]);

    const rotated = configure(account('shop', ROTATED_KEY));
    expect(await verifyStoreIdentity(store, rotated, { now: () => 2_000 })).toEqual([]);
    const kept = await readRecordedIdentity(store.db, 'shop');
    expect(kept?.recordedAt).toBe(1_000);
    expect(kept?.accessKeyHint).toBe('LTAI…unt');

    const other = configure(account('shop', OTHER_KEY));
    const [refusal, ...more] = await verifyStoreIdentity(store, other);
    expect(more).toEqual([]);
    expect(refusal).toContain(store.engine === 'pglite' ? 'DATA_DIR (memory://)' : 'DATABASE_URL (postgres');
    expect(refusal).toContain('account "shop"');
    expect(refusal).toContain(`Alibaba Cloud account ${EMULATOR_DEFAULTS.accountId}`);
    expect(refusal).toContain(`Alibaba Cloud account ${ACCOUNT_B}`);
    expect(refusal).toContain('npm run store:reset -- --account shop');
    expect(refusal).toContain('another DATA_DIR or DATABASE_URL');
    for (const secret of [OTHER_KEY.accessKeyId, OTHER_KEY.accessKeySecret, DEMO_KEY.accessKeySecret])
      expect(refusal).not.toContain(secret);
    // Refused, the record still names the account the rows belong to.
    expect((await readRecordedIdentity(store.db, 'shop'))?.cloudAccountId).toBe(EMULATOR_DEFAULTS.accountId);
  });

  it('keeps demo rows out of a live account: the emulator’s account is no real one', async () => {
    const demo = configure(account('default', DEMO_KEY));
    expect(await verifyStoreIdentity(store, demo)).toEqual([]);
    await ensureSyncState(store.db, 'default', Date.now());
    const live = configure(account('default', OTHER_KEY));
    const refusals = await verifyStoreIdentity(store, live);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain(
      `holds account "default" as Alibaba Cloud account ${EMULATOR_DEFAULTS.accountId}`,
    );
  });

  it('lets another account take over an id whose part of the store is empty', async () => {
    configure(account('fresh', DEMO_KEY));
    expect(await verifyStoreIdentity(store, [account('fresh', DEMO_KEY)])).toEqual([]);
    expect(await accountHoldsData(store.db, 'fresh')).toBe(false);
    const other = configure(account('fresh', OTHER_KEY));
    expect(await verifyStoreIdentity(store, other)).toEqual([]);
    expect((await readRecordedIdentity(store.db, 'fresh'))?.cloudAccountId).toBe(ACCOUNT_B);
  });

  it('falls back to endpoint and AccessKeyId where STS cannot be reached, and says so in the refusal', async () => {
    const keyed = configure(account('offline', DEMO_KEY));
    expect(await verifyStoreIdentity(store, keyed, { lookup: unreachableSts })).toEqual([]);
    expect(await readRecordedIdentity(store.db, 'offline')).toMatchObject({
      cloudAccountId: null,
      accessKeyHint: 'LTAI…Key',
    });
    await upsertTasks(store.db, 'offline', [task('2001')]);
    // The same key at the same endpoint starts; STS answering later adds the account to the record.
    expect(await verifyStoreIdentity(store, keyed, { lookup: unreachableSts })).toEqual([]);
    expect(await verifyStoreIdentity(store, keyed)).toEqual([]);
    expect((await readRecordedIdentity(store.db, 'offline'))?.cloudAccountId).toBe(
      EMULATOR_DEFAULTS.accountId,
    );

    configure(account('offline-2', DEMO_KEY));
    await verifyStoreIdentity(store, [account('offline-2', DEMO_KEY)], { lookup: unreachableSts });
    await upsertTasks(store.db, 'offline-2', [task('3001')]);
    const rotated = configure(account('offline-2', ROTATED_KEY));
    const [refusal] = await verifyStoreIdentity(store, rotated, { lookup: unreachableSts });
    expect(refusal).toContain('the access key LTAI…Key at');
    expect(refusal).toContain('the access key LTAI…unt at');
    expect(refusal).toContain('STS could not be asked which account the key belongs to');
    expect(refusal).not.toContain(ROTATED_KEY.accessKeyId);
  });

  it('store:reset empties every table of one account, a table added later too, and no other account', async () => {
    await store.db.schema
      .createTable('identity_test_cells')
      .ifNotExists()
      .addColumn('account_id', 'text')
      .addColumn('n', 'integer')
      .execute();
    for (const id of ['gone', 'stays']) {
      await upsertTasks(store.db, id, [task(`${id}-1`)]);
      await ensureSyncState(store.db, id, Date.now());
      await store.db
        .insertInto('resource_group_domains')
        .values({
          account_id: id,
          resource_group_id: 'rg-1',
          domain: '',
          member: false,
          checked_at: new Date(0),
        })
        .execute();
      const alert = await store.db
        .insertInto('alerts')
        .values({
          account_id: id,
          rule: 'r',
          reason: 'x',
          group_key: 'domain:img.example.com',
          domain: 'img.example.com',
          prefix: null,
          state: 'firing',
          window_start: new Date(0),
          window_end: new Date(1),
          count: 1,
          baseline: 0,
          peak_count: 1,
          last_count: 1,
          below_since: null,
          resolved_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto('alert_deliveries')
        .values({
          alert_id: alert.id,
          event: 'firing',
          channel: 'webhook',
          status: 'pending',
          last_error: null,
          created_at: new Date(0),
          updated_at: new Date(0),
        })
        .execute();
      await store.db
        .insertInto('identity_test_cells' as never)
        .values({ account_id: id, n: 1 } as never)
        .execute();
    }
    await verifyStoreIdentity(store, configure(account('gone', DEMO_KEY)));

    const removed = await resetAccount(store.db, 'gone');
    expect(removed).toMatchObject({
      tasks: 1,
      sync_state: 1,
      resource_group_domains: 1,
      alerts: 1,
      identity_test_cells: 1,
      store_identity: 1,
    });
    expect(await accountHoldsData(store.db, 'gone')).toBe(false);
    expect(await readRecordedIdentity(store.db, 'gone')).toBeNull();
    expect(await accountHoldsData(store.db, 'stays')).toBe(true);
    const deliveries = await store.db.selectFrom('alert_deliveries').select('alert_id').execute();
    expect(deliveries).toHaveLength(1);
    // Emptied, the account id records whichever account is configured next.
    expect(await verifyStoreIdentity(store, configure(account('gone', OTHER_KEY)))).toEqual([]);
  });
});

describe('judging and describing', () => {
  const byAccount = (id: string | null, hash: string | null = 'h1') => ({
    cloudAccountId: id,
    endpoint: 'https://cdn.aliyuncs.com',
    accessKeyHash: hash,
    accessKeyHint: 'LTAI…abc',
  });

  it('compares accounts where both know theirs, keys otherwise', () => {
    expect(judgeIdentity(null, byAccount('1'), false)).toEqual({ kind: 'record' });
    expect(judgeIdentity(byAccount('1', 'h1'), byAccount('1', 'h2'), true)).toEqual({
      kind: 'same',
      by: 'account',
    });
    expect(judgeIdentity(byAccount('1'), byAccount('2'), true)).toEqual({ kind: 'mismatch', by: 'account' });
    expect(judgeIdentity(byAccount('1'), byAccount('2'), false)).toEqual({
      kind: 'take-over',
      by: 'account',
    });
    expect(judgeIdentity(byAccount(null, 'h1'), byAccount('2', 'h1'), true)).toEqual({
      kind: 'same',
      by: 'key',
    });
    expect(judgeIdentity(byAccount('1', 'h1'), byAccount(null, 'h2'), true)).toEqual({
      kind: 'mismatch',
      by: 'key',
    });
    expect(judgeIdentity(byAccount('1'), byAccount(null, null), true)).toEqual({ kind: 'unverifiable' });
  });

  it('masks the database password in the message', () => {
    expect(maskedDatabaseUrl('postgres://monitor:s3cret@db.internal:5432/cdn')).toBe(
      'postgres://monitor:****@db.internal:5432/cdn',
    );
    expect(maskedDatabaseUrl('postgres://db.internal/cdn')).toBe('postgres://db.internal/cdn');
    // The driver reads a password from the query too.
    const masked = maskedDatabaseUrl('postgres://monitor@db.internal/cdn?sslmode=require&password=s3cret');
    expect(masked).not.toContain('s3cret');
    expect(masked).toContain('sslmode=require');
  });
});
