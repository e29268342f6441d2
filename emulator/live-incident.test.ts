import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRefreshTaskById } from './action-describe-refresh-task-by-id';
import { describeRefreshTasks } from './action-describe-refresh-tasks';
import { refreshObjectCaches } from './action-refresh-object-caches';
import { controlClient } from './control-client';
import { answerControl } from './control-routes';
import { type RunningEmulator, startEmulator } from './server';
import type { TaskView } from './task-model';
import type { TaskRecord } from './task-records';
import { frozenState, invoke, TEST_NOW as NOW } from './test-state';
import { MINUTE, SECOND } from './utc-time';

const INCIDENT = {
  domain: 'video.example.net',
  prefix: '/live/ch7/',
  reason: 'origin-5xx',
  tasks: 30,
  minutes: 10,
} as const;

interface Listing {
  TotalCount: number;
  Tasks: { CDNTask: TaskView[] };
}

function incidentRows(state: ReturnType<typeof frozenState>): TaskView[] {
  return invoke<Listing>(describeRefreshTasks, state, {
    ObjectType: 'file',
    DomainName: INCIDENT.domain,
    PageSize: 100,
  }).Tasks.CDNTask.filter((t) => t.ObjectPath.startsWith(`https://${INCIDENT.domain}${INCIDENT.prefix}`));
}

describe('POST /__emulator/incident', () => {
  it('creates its tasks over the coming minutes, each failing with the reason, ids unique', () => {
    const state = frozenState(500, 7);
    const reply = answerControl(state, 'POST', 'incident', INCIDENT, new URLSearchParams());
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      ...INCIDENT,
      objectType: 'file',
      start: new Date(NOW).toISOString(),
      end: new Date(NOW + 10 * MINUTE).toISOString(),
    });
    expect(incidentRows(state).length).toBeLessThanOrEqual(1);
    state.clock.set(NOW + 5 * MINUTE);
    const halfway = incidentRows(state).length;
    expect(halfway).toBeGreaterThanOrEqual(12);
    expect(halfway).toBeLessThanOrEqual(18);
    state.clock.set(NOW + 10 * MINUTE);
    expect(incidentRows(state)).toHaveLength(30);
    state.clock.set(NOW + 20 * MINUTE);
    const rows = incidentRows(state);
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      expect(row.Status).toBe('Failed');
      expect(['Origin Return StatusCode 5XX', 'OriginReturn StatusCode 5XX']).toContain(row.Description);
      const at = Date.parse(row.CreationTime);
      expect(at).toBeGreaterThanOrEqual(NOW);
      expect(at).toBeLessThan(NOW + 10 * MINUTE);
    }
    expect(new Set(rows.map((r) => r.TaskId)).size).toBe(30);
    expect(new Set(rows.map((r) => r.ObjectPath)).size).toBe(30);
    const byId = invoke<{ Tasks: TaskView[] }>(describeRefreshTaskById, state, {
      TaskId: rows
        .slice(0, 10)
        .map((r) => r.TaskId)
        .join(','),
    });
    expect(byId.Tasks).toHaveLength(10);
  });

  it('evolves each task Pending → Refreshing → Failed, and ids grow with time across submissions', () => {
    const state = frozenState(0, 7);
    answerControl(state, 'POST', 'incident', { ...INCIDENT, tasks: 4, minutes: 4 }, new URLSearchParams());
    state.clock.set(NOW + 2 * MINUTE);
    const submitted = invoke<{ RefreshTaskId: string }>(refreshObjectCaches, state, {
      ObjectPath: 'https://www.example.com/robots.txt',
    }).RefreshTaskId;
    state.clock.set(NOW + 30 * MINUTE);
    const all = [
      ...incidentRows(state),
      ...invoke<{ Tasks: TaskView[] }>(describeRefreshTaskById, state, { TaskId: submitted }).Tasks,
    ];
    expect(all).toHaveLength(5);
    const byTime = [...all].sort(
      (a, b) =>
        Date.parse(a.CreationTime) - Date.parse(b.CreationTime) || Number(a.TaskId) - Number(b.TaskId),
    );
    const ids = byTime.map((t) => Number(t.TaskId));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(byTime.map((t) => t.TaskId)).toContain(submitted);

    const first = byTime[0] as TaskView;
    const born = Date.parse(first.CreationTime);
    const statusAt = (t: number) => {
      state.clock.set(t);
      return invoke<{ Tasks: TaskView[] }>(describeRefreshTaskById, state, { TaskId: first.TaskId }).Tasks[0];
    };
    expect(statusAt(born)).toMatchObject({ Status: 'Pending', Description: '' });
    const seen = new Set<string>();
    for (let t = born; t <= born + 5 * MINUTE; t += SECOND) seen.add(statusAt(t)?.Status ?? '');
    expect([...seen]).toEqual(['Pending', 'Refreshing', 'Failed']);
  });

  it('with endWithinSeconds, plans the same tasks, each ended that many seconds after its creation', () => {
    const planned = (extra: object) => {
      const state = frozenState(0, 11);
      answerControl(
        state,
        'POST',
        'incident',
        { ...INCIDENT, minutes: 0.1, ...extra },
        new URLSearchParams(),
      );
      return state;
    };
    const quick = planned({ endWithinSeconds: 8 });
    const usual = planned({});
    // Six seconds on: every task is created; eight seconds after the last, all have failed.
    quick.clock.set(NOW + 6 * SECOND);
    usual.clock.set(NOW + 6 * SECOND);
    const created = incidentRows(quick);
    expect(created).toHaveLength(30);
    expect(created.map((row) => [row.ObjectPath, row.CreationTime])).toEqual(
      incidentRows(usual).map((row) => [row.ObjectPath, row.CreationTime]),
    );
    quick.clock.set(NOW + 14 * SECOND);
    usual.clock.set(NOW + 14 * SECOND);
    expect(new Set(incidentRows(quick).map((row) => row.Status))).toEqual(new Set(['Failed']));
    // Without it, a task waits 1–20 s and runs 30 s to 3 min first: most are still in flight.
    expect(incidentRows(usual).filter((row) => row.Status === 'Failed').length).toBeLessThan(15);
  });

  it('refuses an endWithinSeconds beyond the longest task, naming the field', () => {
    const reply = answerControl(
      frozenState(0, 11),
      'POST',
      'incident',
      { ...INCIDENT, endWithinSeconds: 3_600 },
      new URLSearchParams(),
    );
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('endWithinSeconds');
  });

  it('is the same for the same seed and call sequence', () => {
    const paths = () => {
      const state = frozenState(0, 9);
      answerControl(state, 'POST', 'incident', INCIDENT, new URLSearchParams());
      state.clock.set(NOW + 15 * MINUTE);
      return incidentRows(state).map((r) => `${r.TaskId} ${r.CreationTime} ${r.ObjectPath} ${r.Description}`);
    };
    expect(paths()).toEqual(paths());
  });

  it.each([
    [{ ...INCIDENT, domain: 'elsewhere.example' }, 'domain'],
    [{ ...INCIDENT, prefix: 'live/' }, 'prefix'],
    [{ ...INCIDENT, prefix: '/a b/' }, 'prefix'],
    [{ ...INCIDENT, reason: 'meteor' }, 'reason'],
    [{ ...INCIDENT, tasks: 0 }, 'tasks'],
    [{ ...INCIDENT, tasks: 2.5 }, 'tasks'],
    [{ ...INCIDENT, minutes: 0 }, 'minutes'],
    [{ ...INCIDENT, minutes: 'ten' }, 'minutes'],
    [{ ...INCIDENT, colour: 'red' }, 'colour'],
    [{ domain: INCIDENT.domain }, 'prefix, reason, tasks, minutes'],
  ])('refuses %j with 400 naming %s', (body, fields) => {
    const state = frozenState(0);
    const reply = answerControl(state, 'POST', 'incident', body, new URLSearchParams());
    expect(reply.status).toBe(400);
    expect((reply.body as { error: string }).error).toBe(`invalid body: ${fields}`);
    expect(state.incidents).toEqual([]);
  });
});

describe('the incident over HTTP through the control client', () => {
  const UNGENERATED_PREFIX = '/live/incident-under-test/';
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tasks: 100, seed: 4, rateLimits: 'off' });
  });
  afterAll(() => emulator.close());

  it('starts, lists, shows in health and the raw view, and is forgotten on reset', async () => {
    const control = controlClient(emulator.url);
    await control.clock({ freeze: true });
    // A prefix the generator never writes, so background and live tasks cannot match the search.
    const started = await control.startIncident({
      ...INCIDENT,
      prefix: UNGENERATED_PREFIX,
      reason: 'origin-timeout',
      tasks: 5,
      minutes: 1,
    });
    expect(started).toMatchObject({ reason: 'origin-timeout', tasks: 5 });
    expect(await control.incidents()).toEqual([started]);
    expect((await control.health()).startedIncidents).toEqual([started]);
    await control.clock({ advanceMs: 3 * MINUTE });
    const raw = await control.tasks({ q: UNGENERATED_PREFIX, domain: INCIDENT.domain });
    expect(raw.total).toBe(5);
    for (const task of raw.tasks as TaskRecord[]) {
      expect([task.status, task.reason]).toEqual(['Failed', 'origin-timeout']);
    }
    await expect(control.startIncident({ ...INCIDENT, tasks: -1 })).rejects.toThrow(/400.*tasks/);
    await control.reset();
    expect(await control.incidents()).toEqual([]);
    expect((await control.tasks({ q: UNGENERATED_PREFIX, domain: INCIDENT.domain })).total).toBe(0);
  });
});
