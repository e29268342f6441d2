/**
 * The throwaway PostgreSQL server: a real Debian server that the tests start, reach with `pg`, and
 * leave no trace of, whether the test stops it or its process dies first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  findPostgresBinaries,
  type RunningPostgres,
  startPostgres,
} from '@/testing/postgres-server';

async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Resolves with the connection error once nothing answers at `url` any more, or throws at the deadline. */
/**
 * The error a connection gets once the server is gone. A server on its way down first answers
 * "shutting down" (57P03); that is still a server, so keep asking until the deadline.
 */
async function refusedWithin(url: string, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    let code: string | null = null;
    try {
      await query(url, 'select 1');
    } catch (error) {
      code = (error as { code?: string }).code ?? String(error);
      if (code === 'ECONNREFUSED' || Date.now() > deadline) return code;
    }
    if (code === null && Date.now() > deadline) throw new Error(`still answering at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function goneWithin(path: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (existsSync(path) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  return !existsSync(path);
}

describe('a started server', () => {
  let server: RunningPostgres;
  beforeAll(async () => {
    server = await startPostgres({ database: 'store' });
  }, 60_000);
  afterAll(() => server?.stop());

  it('answers at its url, as the database it names', async () => {
    expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/store$/);
    const [row] = await query<{ version: string; db: string }>(
      server.url,
      'select version() as version, current_database() as db',
    );
    expect(row?.version).toMatch(new RegExp(`^PostgreSQL ${server.version}\\.`));
    expect(row?.db).toBe('store');
  });

  it('speaks UTF8 with the C locale', async () => {
    const [row] = await query<{ encoding: string; collate: string }>(
      server.url,
      "select pg_encoding_to_char(encoding) as encoding, datcollate as collate from pg_database where datname = 'store'",
    );
    expect(row).toEqual({ encoding: 'UTF8', collate: 'C' });
  });

  it('has pg_trgm from contrib', async () => {
    await query(server.url, 'create extension if not exists pg_trgm');
    const [row] = await query<{ score: number }>(
      server.url,
      "select similarity('origin', 'origins') as score",
    );
    expect(row?.score).toBeGreaterThan(0.5);
  });

  it('creates a further database per test file', async () => {
    const url = await createDatabase(server.url, 'second_file');
    expect(url).toBe(server.url.replace(/\/store$/, '/second_file'));
    const [row] = await query<{ db: string }>(url, 'select current_database() as db');
    expect(row?.db).toBe('second_file');
    await expect(createDatabase(server.url, 'Robert"; drop')).rejects.toThrow(/database name/);
  });
});

it('stop() closes the port and removes the dir', async () => {
  const server = await startPostgres();
  expect(existsSync(server.dir)).toBe(true);
  await server.stop();
  expect(await refusedWithin(server.url, 0)).toBe('ECONNREFUSED');
  expect(existsSync(server.dir)).toBe(false);
  await server.stop();
}, 60_000);

it('says how to install the binaries when there are none', () => {
  expect(() => findPostgresBinaries('/nonexistent')).toThrow(/apt-get install -y postgresql/);
});

const fixture = fileURLToPath(new URL('./postgres-server.fixture.ts', import.meta.url));

/** Runs the fixture process; resolves with what it printed once it has started its server. */
function startFixture(end: 'exit' | 'sigterm' | 'hang') {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, FIXTURE_END: end },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const printed = new Promise<{ url: string; dir: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] ?? ''));
    });
    child.on('exit', (code) =>
      reject(new Error(`fixture exited (${code}) before starting: ${err.slice(-2000)}`)),
    );
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, printed, exited };
}

describe.each(['exit', 'sigterm'] as const)('a test process that ends by %s without stop()', (end) => {
  it('takes its server down with it', async () => {
    const { printed, exited } = startFixture(end);
    const { url, dir } = await printed;
    await exited;
    // At once, not eventually: the exit handler has finished by the time the process is gone (the
    // watchdog would get there too, but only after its next poll).
    expect(await refusedWithin(url, 0)).toBe('ECONNREFUSED');
    expect(existsSync(dir)).toBe(false);
  }, 60_000);
});

it('a server whose test process is SIGKILLed is stopped by the watchdog', async () => {
  const { child, printed, exited } = startFixture('hang');
  const { url, dir } = await printed;
  expect((await query<{ one: number }>(url.replace(/\/test$/, '/postgres'), 'select 1 as one'))[0]?.one).toBe(
    1,
  );
  child.kill('SIGKILL');
  await exited;
  expect(await refusedWithin(url, 10_000)).toBe('ECONNREFUSED');
  expect(await goneWithin(dir, 10_000)).toBe(true);
}, 60_000);
