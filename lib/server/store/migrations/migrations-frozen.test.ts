import { createHash } from 'node:crypto';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { Migration } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { migrationProvider } from './index';

/**
 * A migration that has shipped has already run on users' stores, and Kysely never runs it again: if
 * its SQL changed, a fresh store would be built differently from an upgraded one. So the SQL each
 * migration executes (up and down) is fixed, and this test holds a sha256 of it, taken when the
 * migration was written. Sharing SQL between migrations (cell-trigger-sql.ts, ../in-flight-sql.ts)
 * is allowed only while every hash here stays the same; a failure names the migration that changed.
 * A new migration adds its hashes here once, when it is written; none is ever edited.
 */
const SHIPPED_SQL: Record<string, { up: string; down: string }> = {
  '0001-tasks': {
    up: '69f3da1dc1b6c01ec26637e3fb389f431e0d218fd37d88cd1aa839b350cf152c',
    down: '475fc9d3b921872793c857481c253fd0ffa9735780cd714d829f481f7a3b4418',
  },
  '0002-alerts': {
    up: 'a523091e14ee932f320e7672148ad9ad517c605acbc448413c5b30ea6a477e15',
    down: '48bda58e79474c39fee5cf4dbf1ff968ca362f0bc25449a6eb77ba3d0f0182af',
  },
  '0003-cells': {
    up: '8b8537c8d73cac989754eb17e4579564e7e30351119dd73031c7f724900b59ba',
    down: '0a99db91715334888ce091c1e1a8227259b23f1806118435ad4ab315f612dc90',
  },
  '0004-identity-and-group-asks': {
    up: '73e63826ee318e20a55606df0d32531460bef2eec0ae0be32ded994fa61decb9',
    down: 'ae3b60da82dfd5b728f925123a155222cbc35ff337f3623c20aa8c5932b81d6b',
  },
  '0005-session-revocations': {
    up: 'b7301b831ddceab6c86083db01340401c1b13ee5487bddc9cc92b94e7190b5b0',
    down: 'c8f03891441517e8c565cdc4e9c6b0f2bb5b1336c7eec5ec1c70cc2944a62f41',
  },
  '0006-tokens-and-activity': {
    up: '98da5881d1b234731c3e08a54f94764b6e5f1c3e9f26338d73d98adcd2c436a8',
    down: '09b8a039bfc0d2e6c22bf960ef093d4a09c3079e2a494e7b86a2a4ac27d818aa',
  },
  '0007-finish-times': {
    up: 'fc733610f01771a9c0b64ba7c6d33ccaa0b70332a5d5e88552f0f1a4ad919e2f',
    down: '12ac6948aa9f325be4b648f409187affec6e737efab19f3d93c704abe52ebaee',
  },
  '0008-duration-cells': {
    up: '757e33bfed24bb05a3821570546fe22bd3b5587ba6ee7018212a073f7d488377',
    down: '6b8d78f12622144f1d17238ac86ab356ed7192f16517c29d2e0dd71e2cdde0fc',
  },
  '0009-coarse-cells': {
    up: 'a0e3a0264d11b382368728c5d7821acde1c4a0ea057f20ef98bbde8e43d27349',
    down: 'ea1c08f4067066ebf8b7dd72293db0f723700b4fc61b3fcb76020596877332b5',
  },
  '0010-insert-cells-without-sweep': {
    up: '72567c045b5bb4f0838c761e14fb31f5be6a8774ecc681507b888576a9eba5f3',
    down: '62415a96695d2036a49701a05aa8422657f5ea665fa9ab8fe37c8a7a14faab12',
  },
  '0011-failure-cells-by-prefix': {
    up: 'c86f640f650626e52a9b69edbbc2e3c113b27ae42db200b4a0b5b6e7afba2f0b',
    down: '52ffcf7408b7c0fe9d7de34bc95a2df06a65fd9e21e64c897461cccf56548e1b',
  },
  '0012-token-maker-entry': {
    up: 'ab261107e011dffb542beb772393d912fd4ab3ee34cf5338048be1e533d2b6ba',
    down: '26b36cdb6eb73abf1ae9b8979b6e540593234399dfc1862645c078dd7c873385',
  },
  '0013-duration-days': {
    up: '8dc9baab35b653fd3c1f38ded3494ccbb2185c6372f3ff90dc9fc55ec5c9c1ff',
    down: '06f076230cc6002e4c1b2e24b58368daeaaece0831ca688ed0a9d3f11790c125',
  },
};

/** The statements `run` sends, compiled as on PostgreSQL and PGlite, without a database. */
async function statementsOf(run: (db: Kysely<unknown>) => Promise<void>): Promise<string[]> {
  const statements: string[] = [];
  const db = new Kysely<unknown>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      statements.push(JSON.stringify([event.query.sql, event.query.parameters]));
    },
  });
  await run(db);
  await db.destroy();
  return statements;
}

function sha256(statements: string[]): string {
  return createHash('sha256').update(statements.join('\n')).digest('hex');
}

const migrations: Record<string, Migration> = await migrationProvider.getMigrations();

describe('shipped migrations run the SQL they shipped with', () => {
  it('every migration has its hashes recorded', () => {
    expect(Object.keys(SHIPPED_SQL)).toEqual(Object.keys(migrations));
  });

  for (const [name, migration] of Object.entries(migrations)) {
    it(`${name} runs the same SQL up and down`, async () => {
      const up = sha256(await statementsOf((db) => migration.up(db)));
      const down = sha256(await statementsOf((db) => migration.down?.(db) ?? Promise.resolve()));
      expect({ up, down }, `${name} changed the SQL it runs`).toEqual(SHIPPED_SQL[name]);
    });
  }
});
