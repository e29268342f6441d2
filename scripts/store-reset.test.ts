/**
 * `npm run store:reset` on a real PGlite DATA_DIR: without a terminal it asks for --yes and deletes
 * nothing; with --yes it empties the one account and leaves the others.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@/lib/server/store/database';
import { readStoreSettings } from '@/lib/server/store/settings';
import { upsertTasks } from '@/lib/server/store/task-rows';
import type { Task } from '@/lib/task';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'store-reset-'));

function reset(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/store-reset.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

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

async function taskCounts(): Promise<Record<string, number>> {
  const store = await openStore(readStoreSettings({ DATA_DIR: dataDir }));
  try {
    const rows = await store.db
      .selectFrom('tasks')
      .select(['account_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('account_id')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.account_id, Number(row.n)]));
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  const store = await openStore(readStoreSettings({ DATA_DIR: dataDir }));
  await upsertTasks(store.db, 'default', [task('1'), task('2')]);
  await upsertTasks(store.db, 'other', [task('3')]);
  await store.close();
}, 60_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run store:reset', () => {
  it('refuses without a terminal to ask on, unless --yes, and deletes nothing', async () => {
    const { code, output } = await reset(['--account', 'default']);
    expect(code).toBe(1);
    expect(output).toContain('pass --yes');
    expect(await taskCounts()).toEqual({ default: 2, other: 1 });
  }, 60_000);

  it('names a bad account id and stops', async () => {
    const { code, output } = await reset(['--account', 'Not An Id', '--yes']);
    expect(code).toBe(2);
    expect(output).toContain('--account must be an account id');
  }, 60_000);

  it('with --yes empties that account only, and says what it deleted', async () => {
    const { code, output } = await reset(['--account', 'default', '--yes']);
    expect(code).toBe(0);
    expect(output).toContain('emptied account "default"');
    expect(output).toContain('tasks 2');
    expect(await taskCounts()).toEqual({ other: 1 });
  }, 60_000);
});
