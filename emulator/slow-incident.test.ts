import { describe, expect, it } from 'vitest';
import { refreshObjectCaches } from './action-refresh-object-caches';
import { answerControl } from './control-routes';
import type { TaskRecord } from './task-records';
import { frozenState, invoke, TEST_NOW as NOW } from './test-state';
import { HOUR, MINUTE } from './utc-time';

const SLOW = { kind: 'slow', domain: 'video.example.net', factor: 4, minutes: 60 } as const;

function records(state: ReturnType<typeof frozenState>): Map<string, TaskRecord> {
  const reply = answerControl(state, 'GET', 'tasks', undefined, new URLSearchParams({ limit: '100000' }));
  const body = reply.body as { tasks: TaskRecord[] };
  return new Map(body.tasks.map((task) => [`${task.taskId} ${task.objectPath}`, task]));
}

const duration = (task: TaskRecord) => Date.parse(task.endedAt ?? '') - Date.parse(task.createdAt);

describe('POST /__emulator/incident { kind: "slow" }', () => {
  it("makes the domain's tasks created in its window take factor times longer, and no other", () => {
    const normal = frozenState(2_000, 5);
    const slow = frozenState(2_000, 5);
    const reply = answerControl(slow, 'POST', 'incident', SLOW, new URLSearchParams());
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      ...SLOW,
      start: new Date(NOW).toISOString(),
      end: new Date(NOW + HOUR).toISOString(),
    });
    // A task made through the API in the window, on the slowed domain, in both.
    for (const state of [normal, slow]) {
      state.clock.set(NOW + 10 * MINUTE);
      invoke(refreshObjectCaches, state, {
        ObjectPath: 'https://video.example.net/live/a.m3u8',
        ObjectType: 'File',
      });
      state.clock.set(NOW + 40 * HOUR);
    }
    const before = records(normal);
    const after = records(slow);
    expect(after.size).toBe(before.size);
    let slowed = 0;
    for (const [key, task] of after) {
      const reference = before.get(key) as TaskRecord;
      const created = Date.parse(task.createdAt);
      const inWindow = task.domain === SLOW.domain && created >= NOW && created < NOW + HOUR;
      if (!inWindow) {
        expect(task.endedAt, key).toBe(reference.endedAt);
        continue;
      }
      // A task stuck for hours may not have ended yet once slowed.
      if (task.endedAt === null) continue;
      slowed += 1;
      expect(Math.abs(duration(task) - 4 * duration(reference)), key).toBeLessThanOrEqual(4);
    }
    expect(slowed).toBeGreaterThanOrEqual(2);
  });

  it('slows the tasks of a failure incident started during it', () => {
    const incident = { domain: SLOW.domain, prefix: '/during/', reason: 'origin-5xx', tasks: 20, minutes: 5 };
    const normal = frozenState(500, 5);
    const slow = frozenState(500, 5);
    expect(answerControl(slow, 'POST', 'incident', SLOW, new URLSearchParams()).status).toBe(200);
    for (const state of [normal, slow]) {
      expect(answerControl(state, 'POST', 'incident', incident, new URLSearchParams()).status).toBe(200);
      state.clock.set(NOW + 40 * HOUR);
    }
    const before = records(normal);
    const during = [...records(slow)].filter(([, task]) => task.objectPath.includes('/during/'));
    expect(during).toHaveLength(20);
    for (const [key, task] of during) {
      const reference = before.get(key) as TaskRecord;
      expect(Math.abs(duration(task) - 4 * duration(reference)), key).toBeLessThanOrEqual(4);
    }
  });

  it('names a bad field', () => {
    const reply = answerControl(
      frozenState(100, 5),
      'POST',
      'incident',
      { ...SLOW, factor: 0 },
      new URLSearchParams(),
    );
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('factor');
  });
});
