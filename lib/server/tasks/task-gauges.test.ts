import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Task } from '@/lib/task';
import { openStore, type Store } from '../store/database';
import { upsertTasks } from '../store/task-rows';

const opened = vi.hoisted(() => ({ store: null as Store | null }));
vi.mock('../store/database', async (original) => ({
  ...(await original<typeof import('../store/database')>()),
  store: async () => opened.store,
}));
vi.mock('../accounts/accounts', async (original) => ({
  ...(await original<typeof import('../accounts/accounts')>()),
  configuredAccounts: () => [{ id: 'default', name: 'Default' }],
}));

const { registerTaskGauges } = await import('./task-gauges');
const { metrics } = await import('../metrics');

function task(
  taskId: string,
  objectType: string,
  status: string,
  reason: string | null,
  ageMs = 60_000,
): Task {
  return {
    taskId,
    objectPath: `https://a.example.com/${taskId}`,
    objectType,
    status,
    progress: 0,
    createdAt: new Date(Date.now() - ageMs).toISOString(),
    domain: 'a.example.com',
    description: null,
    reason: reason as Task['reason'],
  };
}

describe('the task gauges for Grafana', () => {
  beforeAll(async () => {
    opened.store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
  }, 60_000);
  afterAll(async () => {
    await opened.store?.close();
  });

  it('counts the stored tasks of the history window by account, type, status and reason', async () => {
    const db = (opened.store as Store).db;
    await upsertTasks(db, 'default', [
      task('1', 'file', 'Complete', null),
      task('2', 'file', 'Complete', null),
      task('3', 'file', 'Failed', 'origin-timeout'),
      task('4', 'directory', 'Refreshing', null),
      // Hours and days old: counted from the count cells, not the edge rows.
      task('6', 'file', 'Complete', null, 5 * 3_600_000),
      task('7', 'file', 'Failed', 'origin-timeout', 3 * 86_400_000),
      // The history window's first hour is partial: its rows are counted one by one.
      task('8', 'directory', 'Refreshing', null, 30 * 86_400_000 - 600_000),
      // Past HISTORY_DAYS: not counted.
      task('5', 'file', 'Complete', null, 40 * 86_400_000),
    ]);
    await upsertTasks(db, 'removed-account', [task('9', 'file', 'Complete', null)]);
    registerTaskGauges();
    registerTaskGauges();
    const text = await metrics().registry.getSingleMetricAsString('cdnmon_tasks');
    const lines = text.split('\n').filter((line) => line.startsWith('cdnmon_tasks{'));
    expect(lines.sort()).toEqual(
      [
        'cdnmon_tasks{account="default",type="directory",status="Refreshing",reason="none"} 2',
        'cdnmon_tasks{account="default",type="file",status="Complete",reason="none"} 3',
        'cdnmon_tasks{account="default",type="file",status="Failed",reason="origin-timeout"} 2',
      ].sort(),
    );
  });
});
