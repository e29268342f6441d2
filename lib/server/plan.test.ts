import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, type TaskQuery, toTaskQuery } from '@/lib/filters';
import type { Task } from '@/lib/task';
import { compareNewestFirst, planQuery } from './plan';

const window = {
  startMs: Date.parse('2026-11-27T12:00:00Z'),
  endMs: Date.parse('2026-11-28T12:00:00Z'),
  clamped: false,
};
const query = (overrides: Partial<TaskQuery>): TaskQuery => ({
  ...toTaskQuery(DEFAULT_FILTERS),
  ...overrides,
});

function task(overrides: Partial<Task>): Task {
  return {
    taskId: '1',
    objectPath: 'http://example.com/a.txt',
    objectType: 'file',
    status: 'Complete',
    progress: 100,
    createdAt: '2026-11-28T08:00:00Z',
    domain: 'example.com',
    description: null,
    reason: null,
    ...overrides,
  };
}

describe('planQuery', () => {
  it('maps a plain query to one call with the window', () => {
    const plan = planQuery(query({}), window);
    expect(plan.streams).toEqual([{ startTime: '2026-11-27T12:00:00Z', endTime: '2026-11-28T12:00:00Z' }]);
    expect(plan.keep).toBeNull();
  });

  it('passes task, path and resource group through', () => {
    const plan = planQuery(
      query({ task: '704225667', path: 'http://example.com/a.txt', rg: 'rg-1' }),
      window,
    );
    expect(plan.streams).toHaveLength(1);
    expect(plan.streams[0]).toMatchObject({
      taskId: '704225667',
      objectPath: 'http://example.com/a.txt',
      resourceGroupId: 'rg-1',
    });
  });

  it('keeps one status with one type as one call', () => {
    const plan = planQuery(query({ status: ['Failed'], type: ['file'] }), window);
    expect(plan.streams).toHaveLength(1);
    expect(plan.streams[0]).toMatchObject({ status: 'Failed', objectType: 'file' });
  });

  it('fans a status without a type out over every type', () => {
    const plan = planQuery(query({ status: ['Failed'] }), window);
    expect(plan.streams.map((stream) => stream.objectType)).toEqual([
      'file',
      'directory',
      'regex',
      'preload',
    ]);
    expect(plan.streams.every((stream) => stream.status === 'Failed')).toBe(true);
    expect(plan.keep).toBeNull();
  });

  it('fans out over type × status × domain', () => {
    const plan = planQuery(
      query({ status: ['Failed', 'Complete'], type: ['file', 'regex'], domain: ['a.com', 'b.com', 'c.com'] }),
      window,
    );
    expect(plan.streams).toHaveLength(2 * 2 * 3);
    const keys = new Set(plan.streams.map((s) => `${s.objectType}/${s.status}/${s.domainName}`));
    expect(keys.size).toBe(12);
  });

  it('asks for all types as no type when nothing else needs one', () => {
    const plan = planQuery(query({ type: ['file', 'directory', 'regex', 'preload'] }), window);
    expect(plan.streams).toHaveLength(1);
    expect(plan.streams[0]?.objectType).toBeUndefined();
  });

  it('reads Pending without Status and filters afterwards, keeping streams disjoint', () => {
    const plan = planQuery(query({ status: ['Pending', 'Failed'] }), window);
    expect(plan.streams).toHaveLength(1);
    expect(plan.streams[0]?.status).toBeUndefined();
    expect(plan.keep?.(task({ status: 'Pending' }))).toBe(true);
    expect(plan.keep?.(task({ status: 'Failed' }))).toBe(true);
    expect(plan.keep?.(task({ status: 'Complete' }))).toBe(false);
  });

  it('narrows a reason filter to failed tasks upstream and filters the reason afterwards', () => {
    const plan = planQuery(query({ reason: ['origin-timeout'] }), window);
    expect(plan.streams).toHaveLength(4);
    expect(plan.streams.every((stream) => stream.status === 'Failed')).toBe(true);
    expect(plan.keep?.(task({ status: 'Failed', reason: 'origin-timeout' }))).toBe(true);
    expect(plan.keep?.(task({ status: 'Failed', reason: 'origin-5xx' }))).toBe(false);
  });

  it('filters q as a case-insensitive substring of the object path', () => {
    const plan = planQuery(query({ q: 'IMAGES/' }), window);
    expect(plan.streams).toHaveLength(1);
    expect(plan.keep?.(task({ objectPath: 'http://a.com/images/x.png' }))).toBe(true);
    expect(plan.keep?.(task({ objectPath: 'http://a.com/css/x.css' }))).toBe(false);
  });
});

describe('compareNewestFirst', () => {
  it('orders by time, then by task id, both descending', () => {
    const rows = [
      task({ taskId: '9', createdAt: '2026-11-28T08:00:00Z' }),
      task({ taskId: '10', createdAt: '2026-11-28T08:00:00Z' }),
      task({ taskId: '11', createdAt: '2026-11-28T09:00:00Z' }),
    ].sort(compareNewestFirst);
    expect(rows.map((row) => row.taskId)).toEqual(['11', '10', '9']);
  });
});
