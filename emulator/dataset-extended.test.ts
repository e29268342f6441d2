import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeRefreshTaskById } from './action-describe-refresh-task-by-id';
import { describeRefreshTasks } from './action-describe-refresh-tasks';
import { controlClient } from './control-client';
import { answerControl } from './control-routes';
import { generateDataset } from './dataset';
import { DOMAINS } from './dataset-catalog';
import { optionsFromEnv } from './env-options';
import { startEmulator } from './server';
import type { TaskView } from './task-model';
import { queryTasks, type TaskRef, viewOf } from './task-query';
import type { TaskRecord } from './task-records';
import { TaskTable } from './task-table';
import { frozenState, invoke, TEST_NOW as NOW, refusal } from './test-state';
import { HOUR, MINUTE } from './utc-time';

const empty = new TaskTable();

function rowsAt(table: TaskTable, now: number): TaskRef[] {
  return queryTasks({ sorted: table, appended: empty }, {}, now, 0, Number.MAX_SAFE_INTEGER).rows;
}

/** Every row as the API shows it at three instants, and the next task id: the whole observable set. */
function fingerprint(seed: number, tasks: number, extendedKinds?: boolean): string {
  const dataset = generateDataset({
    seed,
    tasks,
    startInstant: NOW,
    ...(extendedKinds === undefined ? {} : { extendedKinds }),
  });
  const hash = createHash('sha256');
  for (const t of [NOW, NOW + 2 * HOUR, NOW + 48 * HOUR]) {
    for (const row of rowsAt(dataset.table, t)) hash.update(JSON.stringify(viewOf(row, t)));
  }
  hash.update(String(dataset.nextTaskId));
  return hash.digest('hex').slice(0, 16);
}

describe('extendedKinds off (the default)', () => {
  it('generates exactly the data set of before the extended kinds existed', () => {
    // Digests taken from the generator without block rows and Timeout/Canceled (taken again when
    // each domain got its own run times, dataset-catalog.ts's runFactor).
    expect(fingerprint(11, 5000)).toBe('5988a02e6e4847f1');
    expect(fingerprint(424242, 3000)).toBe('2a522bc1f9632ad5');
    expect(fingerprint(11, 5000, false)).toBe('5988a02e6e4847f1');
  });

  it('has no block rows and no Timeout or Canceled endings', () => {
    const { table } = generateDataset({ seed: 11, tasks: 5000, startInstant: NOW });
    const views = rowsAt(table, NOW + 48 * HOUR).map((row) => viewOf(row, NOW + 48 * HOUR));
    expect(views.some((v) => v.ObjectType === 'block' || v.ObjectType === 'unblock')).toBe(false);
    expect(views.some((v) => v.Status === 'Timeout' || v.Status === 'Canceled')).toBe(false);
  });
});

describe('extendedKinds on', () => {
  const off = generateDataset({ seed: 11, tasks: 5000, startInstant: NOW }).table;
  const on = generateDataset({ seed: 11, tasks: 5000, startInstant: NOW, extendedKinds: true }).table;
  const views = rowsAt(on, NOW).map((row) => viewOf(row, NOW));
  const later = NOW + 2 * HOUR;
  const settled = rowsAt(on, later)
    .filter((row) => (on.createdAt[row.index] ?? 0) <= NOW)
    .map((row) => viewOf(row, later));

  it('adds block and unblock rows (1–2 %) on the account domains, a few of them failed', () => {
    const blocks = views.filter((v) => v.ObjectType === 'block' || v.ObjectType === 'unblock');
    expect(blocks.length).toBeGreaterThanOrEqual(50);
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(blocks.some((v) => v.ObjectType === 'unblock')).toBe(true);
    const hosts = new Set(DOMAINS.map((d) => d.name));
    for (const block of blocks) expect(hosts.has(new URL(block.ObjectPath).hostname)).toBe(true);
    const failed = settled.filter((v) => v.ObjectType.endsWith('block') && v.Status === 'Failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(blocks.length / 5);
    for (const f of failed) expect(['Internal Error', 'InternalError']).toContain(f.Description);
  });

  it('ends about 0.5 % each in Timeout ("Task Timeout") and Canceled (no Description)', () => {
    const timeouts = settled.filter((v) => v.Status === 'Timeout');
    const canceled = settled.filter((v) => v.Status === 'Canceled');
    for (const list of [timeouts, canceled]) {
      expect(list.length).toBeGreaterThanOrEqual(5);
      expect(list.length).toBeLessThanOrEqual(60);
    }
    for (const t of timeouts) {
      expect(t.Description).toBe('Task Timeout');
      expect(t.Process).toMatch(/^0%?$/);
    }
    for (const c of canceled) expect(c.Description).toBe('');
  });

  it('keeps every base row as it was, adding rows with ids of their own, sorted by time', () => {
    const key = (table: TaskTable, i: number) =>
      `${table.createdAt[i]} ${table.taskId[i]} ${table.objectPath[i]}`;
    const onKeys = new Set(Array.from({ length: on.length }, (_, i) => key(on, i)));
    for (let i = 0; i < off.length; i++) expect(onKeys.has(key(off, i))).toBe(true);
    const baseIds = new Set(off.taskId);
    const added = Array.from({ length: on.length }, (_, i) => i).filter(
      (i) => !baseIds.has(on.taskId[i] ?? 0),
    );
    expect(added.length).toBe(on.length - off.length);
    expect(new Set(added.map((i) => on.taskId[i])).size).toBe(added.length);
    for (let i = 1; i < on.length; i++) {
      expect(on.createdAt[i]).toBeGreaterThanOrEqual(on.createdAt[i - 1] ?? 0);
      expect(on.taskId[i]).toBeGreaterThanOrEqual(on.taskId[i - 1] ?? 0);
    }
  });

  it('is the same for the same seed and differs with the seed', () => {
    expect(fingerprint(11, 5000, true)).toBe(fingerprint(11, 5000, true));
    expect(fingerprint(12, 5000, true)).not.toBe(fingerprint(11, 5000, true));
    expect(fingerprint(11, 5000, true)).not.toBe(fingerprint(11, 5000));
  });

  it('moves Timeout rows from Pending straight to Timeout and others through Refreshing', () => {
    const table = on;
    const seen = { timeout: 0, canceled: 0, block: 0 };
    for (let i = 0; i < table.length; i++) {
      const born = table.createdAt[i] ?? 0;
      const at = (t: number) => viewOf({ table, index: i }, t);
      const final = at(born + 9 * HOUR);
      const typeName = final.ObjectType;
      if (final.Status === 'Timeout') {
        seen.timeout++;
        expect(at(born).Status).toBe('Pending');
        const gaveUp = born + (table.pendingMs[i] ?? 0);
        expect(table.pendingMs[i]).toBeGreaterThanOrEqual(10 * MINUTE);
        expect([at(gaveUp - 1).Status, at(gaveUp - 1).Description]).toEqual(['Pending', '']);
        expect(at(gaveUp).Status).toBe('Timeout');
      } else if (final.Status === 'Canceled') {
        seen.canceled++;
        const before = [born, born + 30_000, born + 5 * MINUTE].map((t) => at(t).Status);
        for (const status of before) expect(['Pending', 'Refreshing', 'Canceled']).toContain(status);
      } else if (typeName === 'block' || typeName === 'unblock') {
        seen.block++;
        expect(at(born).Status).toBe('Pending');
        expect(['Complete', 'Failed']).toContain(final.Status);
      }
    }
    expect(seen.timeout).toBeGreaterThan(0);
    expect(seen.canceled).toBeGreaterThan(0);
    expect(seen.block).toBeGreaterThan(0);
  });
});

describe('the extended kinds through the API and the control view', () => {
  const state = frozenState(3000, 11, NOW, true);
  const later = NOW + 2 * HOUR;
  state.clock.set(later);

  interface Answer {
    TotalCount: number;
    Tasks: { CDNTask: TaskView[] };
  }
  const list = (params: Record<string, string | number>) =>
    invoke<Answer>(describeRefreshTasks, state, { PageSize: 100, ...params });

  it('lists every type without ObjectType, and block / unblock by ObjectType', () => {
    const all = list({});
    const blocks = list({ ObjectType: 'block' });
    const unblocks = list({ ObjectType: 'unblock' });
    expect(blocks.TotalCount).toBeGreaterThan(0);
    expect(unblocks.TotalCount).toBeGreaterThan(0);
    expect(blocks.Tasks.CDNTask.every((t) => t.ObjectType === 'block')).toBe(true);
    let sum = 0;
    for (const ObjectType of ['file', 'directory', 'regex', 'preload', 'block', 'unblock'])
      sum += list({ ObjectType }).TotalCount;
    expect(sum).toBe(all.TotalCount);
  });

  it('filters Status=Timeout and Status=Canceled when ObjectType is given, and not without it', () => {
    const timeouts = list({ ObjectType: 'file', Status: 'Timeout' });
    const canceled = list({ ObjectType: 'preload', Status: 'Canceled' });
    expect(timeouts.TotalCount).toBeGreaterThan(0);
    expect(canceled.TotalCount).toBeGreaterThan(0);
    expect(timeouts.Tasks.CDNTask.every((t) => t.Status === 'Timeout')).toBe(true);
    expect(canceled.Tasks.CDNTask.every((t) => t.Status === 'Canceled' && t.Description === '')).toBe(true);
    expect(refusal(() => list({ Status: 'Timeout' })).code).toBe('MissingParameter.ObjectType');
    let sum = 0;
    for (const Status of ['Pending', 'Refreshing', 'Complete', 'Failed', 'Timeout', 'Canceled'])
      sum += list({ ObjectType: 'block', Status }).TotalCount;
    expect(sum).toBe(list({ ObjectType: 'block' }).TotalCount);
  });

  it('answers block tasks by id', () => {
    const block = list({ ObjectType: 'block' }).Tasks.CDNTask[0] as TaskView;
    const byId = invoke<{ Tasks: TaskView[] }>(describeRefreshTaskById, state, { TaskId: block.TaskId });
    expect(byId.Tasks).toEqual([block]);
  });

  it('shows them in the raw control view, Timeout with the reason "other"', () => {
    const view = (query: string) =>
      answerControl(state, 'GET', 'tasks', undefined, new URLSearchParams(query)).body as {
        total: number;
        tasks: TaskRecord[];
      };
    expect(view('type=block').total).toBe(list({ ObjectType: 'block' }).TotalCount);
    const timeouts = view('status=Timeout');
    expect(timeouts.total).toBeGreaterThan(0);
    for (const t of timeouts.tasks) {
      expect([t.status, t.description, t.reason, t.progress]).toEqual([
        'Timeout',
        'Task Timeout',
        'other',
        0,
      ]);
    }
    for (const c of view('status=Canceled').tasks) expect([c.description, c.reason]).toEqual([null, null]);
    expect(view('reason=other').total).toBe(timeouts.total);
  });
});

describe('switching the extended kinds on', () => {
  it('reads EMULATOR_EXTENDED_KINDS', () => {
    expect(optionsFromEnv({ EMULATOR_EXTENDED_KINDS: '1' }).extendedKinds).toBe(true);
    expect(optionsFromEnv({ EMULATOR_EXTENDED_KINDS: 'false' }).extendedKinds).toBe(false);
    expect(optionsFromEnv({}).extendedKinds).toBeUndefined();
    expect(() => optionsFromEnv({ EMULATOR_EXTENDED_KINDS: 'yes' })).toThrow(/EMULATOR_EXTENDED_KINDS/);
  });

  it('takes startEmulator({ extendedKinds }) and reset { extendedKinds }, and reports it', async () => {
    const emulator = await startEmulator({
      port: 0,
      tasks: 300,
      seed: 2,
      extendedKinds: true,
      now: () => NOW,
    });
    try {
      const control = controlClient(emulator.url);
      expect((await control.health()).extendedKinds).toBe(true);
      expect((await control.tasks({ type: 'block' })).total).toBeGreaterThan(0);
      expect((await control.reset({ extendedKinds: false })).extendedKinds).toBe(false);
      expect((await control.tasks({ type: 'block' })).total).toBe(0);
      expect((await control.tasks()).total).toBe(300);
    } finally {
      await emulator.close();
    }
  });
});
