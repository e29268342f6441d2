import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './database';
import { forgetUnchangedReads, onlyReads, unchangedRead, WriteClock } from './unchanged-reads';

describe('which statements only read', () => {
  it('a plain SELECT or WITH … SELECT reads; anything that may change data counts as a write', () => {
    expect(onlyReads('select * from "sync_state" where "account_id" = $1')).toBe(true);
    expect(onlyReads(' SELECT json_agg(x)::text AS rows FROM (select 1) AS x')).toBe(true);
    expect(onlyReads('(select 1) union all (select 2)')).toBe(true);
    expect(onlyReads('with p as (select 1) select * from p')).toBe(true);
    // A column merely named like a keyword is not one.
    expect(onlyReads('select "updated_at" from t')).toBe(true);
    expect(onlyReads('insert into t values ($1)')).toBe(false);
    expect(onlyReads('update "sync_state" set "stats" = $1')).toBe(false);
    expect(onlyReads('delete from t')).toBe(false);
    expect(onlyReads('with gone as (delete from t returning *) select count(*) from gone')).toBe(false);
    expect(onlyReads('select * from t for update')).toBe(false);
    expect(onlyReads("select nextval('s')")).toBe(false);
    expect(onlyReads('VACUUM ANALYZE')).toBe(false);
  });
});

describe('reads kept while the embedded store is not written', () => {
  let opened: Store;
  beforeAll(async () => {
    opened = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
    await sql`CREATE TABLE kept_probe (id int PRIMARY KEY, v int)`.execute(opened.db);
    await sql`INSERT INTO kept_probe VALUES (1, 10)`.execute(opened.db);
  }, 60_000);
  afterAll(() => opened.close());
  beforeEach(() => forgetUnchangedReads());

  /** The probe's value through unchangedRead, counting how often the store is really asked. */
  function probe(clock: WriteClock | null, asked: { n: number }): Promise<number> {
    return unchangedRead(clock, 'probe', async () => {
      asked.n += 1;
      const row = await opened.db
        .selectFrom('kept_probe' as never)
        .select(sql<number>`v`.as('v'))
        .executeTakeFirstOrThrow();
      return (row as { v: number }).v;
    });
  }

  it('has a clock on PGlite, and a read moves it not', async () => {
    const clock = opened.writeClock as WriteClock;
    expect(clock).toBeInstanceOf(WriteClock);
    const before = clock.count;
    await probe(clock, { n: 0 });
    expect(clock.count).toBe(before);
  });

  it('answers again without the store until a write, then reads what was written', async () => {
    const clock = opened.writeClock;
    const asked = { n: 0 };
    expect(await probe(clock, asked)).toBe(10);
    expect(await probe(clock, asked)).toBe(10);
    expect(asked.n).toBe(1);
    await sql`UPDATE kept_probe SET v = 11 WHERE id = 1`.execute(opened.db);
    expect(await probe(clock, asked)).toBe(11);
    expect(asked.n).toBe(2);
  });

  it('a transaction moves the clock, even one that is rolled back', async () => {
    const clock = opened.writeClock;
    const asked = { n: 0 };
    await probe(clock, asked);
    await opened.db
      .transaction()
      .execute(async (trx) => {
        await sql`UPDATE kept_probe SET v = 99 WHERE id = 1`.execute(trx);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await probe(clock, asked)).toBe(11);
    expect(asked.n).toBe(2);
  });

  it('shares one read among concurrent identical readers', async () => {
    const asked = { n: 0 };
    const answers = await Promise.all([1, 2, 3].map(() => probe(opened.writeClock, asked)));
    expect(answers).toEqual([11, 11, 11]);
    expect(asked.n).toBe(1);
  });

  it('without a clock (PostgreSQL), every call reads', async () => {
    const asked = { n: 0 };
    await probe(null, asked);
    await probe(null, asked);
    expect(asked.n).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const clock = new WriteClock();
    await expect(unchangedRead(clock, 'fails', () => Promise.reject(new Error('away')))).rejects.toThrow();
    expect(await unchangedRead(clock, 'fails', async () => 'back')).toBe('back');
  });
});
