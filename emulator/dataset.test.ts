import { describe, expect, it } from 'vitest';
import { generateDataset } from './dataset';
import { INCIDENT_DOMAIN, INCIDENT_PREFIX } from './dataset-catalog';
import { OBJECT_TYPES, OUTCOME_DESCRIPTIONS, TASK_STATUSES } from './task-model';
import { domainOf, queryTasks, type TaskRef, viewOf } from './task-query';
import { STATUS_COMPLETE, STATUS_FAILED, statusAt } from './task-state';
import { TaskTable } from './task-table';
import { DAY, HOUR, MINUTE } from './utc-time';

const NOW = Date.parse('2026-11-28T08:00:00Z');
const empty = new TaskTable();

function visible(seed: number, tasks: number, now = NOW, startInstant = NOW): TaskRef[] {
  const { table } = generateDataset({ seed, tasks, startInstant });
  return queryTasks({ sorted: table, appended: empty }, {}, now, 0, Number.MAX_SAFE_INTEGER).rows;
}

describe('generateDataset', () => {
  it('lists a URL once per task id, and rows of one id by object path', () => {
    const rows = visible(11, 5000).map((ref) => viewOf(ref, NOW));
    const keys = rows.map((row) => `${row.TaskId} ${row.ObjectPath}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (let i = 1; i < rows.length; i++) {
      const [before, after] = [rows[i - 1], rows[i]];
      if (before && after && before.TaskId === after.TaskId && before.CreationTime === after.CreationTime) {
        expect(before.ObjectPath < after.ObjectPath).toBe(true);
      }
    }
  });

  it('is deterministic for (seed, start instant) and differs with the seed', () => {
    const a = generateDataset({ seed: 5, tasks: 2000, startInstant: NOW }).table;
    const b = generateDataset({ seed: 5, tasks: 2000, startInstant: NOW }).table;
    const c = generateDataset({ seed: 6, tasks: 2000, startInstant: NOW }).table;
    expect(b.objectPath).toEqual(a.objectPath);
    expect(b.createdAt).toEqual(a.createdAt);
    expect(b.taskId).toEqual(a.taskId);
    expect(c.objectPath.slice(0, 50)).not.toEqual(a.objectPath.slice(0, 50));
  });

  it('holds exactly `tasks` tasks in the 3 days before the start instant, sorted by creation', () => {
    const { table } = generateDataset({ seed: 1, tasks: 4321, startInstant: NOW });
    expect(visible(1, 4321)).toHaveLength(4321);
    for (let i = 1; i < table.length; i++)
      expect(table.createdAt[i]).toBeGreaterThanOrEqual(table.createdAt[i - 1] ?? 0);
    expect(visible(1, 0)).toHaveLength(0);
  });

  it('covers every type, status and both spellings of every failure reason', () => {
    const rows = visible(3, 5000);
    const views = rows.map((row) => viewOf(row, NOW));
    for (const type of OBJECT_TYPES.slice(0, 4)) expect(views.some((v) => v.ObjectType === type)).toBe(true);
    for (const status of TASK_STATUSES.slice(0, 4)) expect(views.some((v) => v.Status === status)).toBe(true);
    for (const description of OUTCOME_DESCRIPTIONS.slice(1, 7)) {
      expect(views.some((v) => v.Description === description)).toBe(true);
    }
    expect(views.some((v) => v.ObjectType === 'directory' && v.ObjectPath.endsWith('/'))).toBe(true);
    expect(views.some((v) => v.ObjectType === 'regex' && v.ObjectPath.includes('.*'))).toBe(true);
    expect(new Set(rows.map(domainOf)).size).toBeGreaterThanOrEqual(5);
  });

  it('clusters Origin Timeout failures on one domain, one prefix, one 45-minute window', () => {
    const { incident } = generateDataset({ seed: 3, tasks: 5000, startInstant: NOW });
    expect(incident.end - incident.start).toBe(45 * MINUTE);
    const timeouts = visible(3, 5000)
      .map((row) => ({ view: viewOf(row, NOW), domain: domainOf(row) }))
      .filter(({ view }) => view.Description === 'Origin Timeout' || view.Description === 'OriginTimeout');
    const inCluster = timeouts.filter(({ view, domain }) => {
      const at = Date.parse(view.CreationTime);
      return (
        domain === INCIDENT_DOMAIN &&
        view.ObjectPath.includes(INCIDENT_PREFIX) &&
        at >= incident.start &&
        at <= incident.end
      );
    });
    // The incident dominates, but scattered timeouts elsewhere remain as background noise.
    expect(inCluster.length).toBeGreaterThan(timeouts.length / 2);
    expect(timeouts.length - inCluster.length).toBeGreaterThan(10);
  });

  it('keeps new tasks arriving after the start instant and forgets those older than 3 days', () => {
    const later = NOW + 2 * HOUR;
    const rows = visible(4, 2000, later);
    const arrived = rows.filter((row) => (row.table.createdAt[row.index] ?? 0) > NOW);
    expect(arrived.length).toBeGreaterThan(100);
    expect(rows.every((row) => (row.table.createdAt[row.index] ?? 0) >= later - 3 * DAY)).toBe(true);
    expect(rows.length).toBeLessThan(2000 + arrived.length);
  });

  it('moves each task Pending → Refreshing → Complete or Failed as time passes', () => {
    const { table } = generateDataset({ seed: 8, tasks: 500, startInstant: NOW });
    for (let i = 0; i < table.length; i += 7) {
      const born = table.createdAt[i] ?? 0;
      const seen = [born, born + 30_000, born + 10 * MINUTE, born + HOUR, born + 24 * HOUR].map((t) =>
        statusAt(table, i, t),
      );
      for (let k = 1; k < seen.length; k++)
        expect(seen[k]).toBeGreaterThanOrEqual(Math.min(seen[k - 1] ?? 0, STATUS_COMPLETE));
      expect([STATUS_COMPLETE, STATUS_FAILED]).toContain(seen[seen.length - 1]);
    }
  });
});
