import { describe, expect, it } from 'vitest';
import { describeRefreshTasks } from './action-describe-refresh-tasks';
import type { TaskView } from './task-model';
import { frozenState, invoke, TEST_NOW as NOW, refusal } from './test-state';
import { DAY, formatUtcSeconds, HOUR } from './utc-time';

const state = frozenState(3000);

interface Answer {
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
  Tasks: { CDNTask: TaskView[] };
}

const call = (params: Record<string, string | number>) => invoke<Answer>(describeRefreshTasks, state, params);

function errorOf(params: Record<string, string | number>): { code: string; status: number; message: string } {
  const error = refusal(() => call(params));
  return { code: error.code, status: error.httpStatus, message: error.message };
}

describe('DescribeRefreshTasks parameters', () => {
  it('defaults to page 1 of 20 over the last 3 days', () => {
    const answer = call({});
    expect(answer).toMatchObject({ PageNumber: 1, PageSize: 20, TotalCount: 3000 });
    expect(answer.Tasks.CDNTask).toHaveLength(20);
  });

  it.each([
    [{ TaskId: '12a' }, 'InvalidTaskId.Malformed'],
    [{ TaskId: '-5' }, 'InvalidTaskId.Malformed'],
    [{ DomainName: 'static.example.com' }, 'MissingParameter.ObjectType'],
    [{ Status: 'Failed' }, 'MissingParameter.ObjectType'],
    [{ ObjectType: 'File' }, 'InvalidObjectType.ValueNotSupported'],
    [{ ObjectType: 'folder' }, 'InvalidObjectType.ValueNotSupported'],
    [{ ObjectType: 'file', Status: 'Done' }, 'InvalidStatus.ValueNotSupported'],
    [{ StartTime: '2026-11-28T01:00:00Z' }, 'MissingTimeParameter'],
    [{ EndTime: '2026-11-28T01:00:00Z' }, 'MissingTimeParameter'],
    [{ StartTime: '2026-11-28T01:00:00', EndTime: '2026-11-28T02:00:00Z' }, 'InvalidStartTime.Malformed'],
    [{ StartTime: '2026-11-28T01:00:00:00Z', EndTime: '2026-11-28T02:00:00Z' }, 'InvalidStartTime.Malformed'],
    [{ StartTime: '2026-11-28T01:00:00Z', EndTime: '2026-02-30T02:00:00Z' }, 'InvalidEndTime.Malformed'],
    [{ StartTime: '2026-11-28T03:00:00Z', EndTime: '2026-11-28T02:00:00Z' }, 'InvalidEndTime.Mismatch'],
    [{ StartTime: '2026-11-25T07:59:59Z', EndTime: '2026-11-28T02:00:00Z' }, 'InvalidTime'],
  ])('refuses %j with %s', (params, code) => {
    const error = errorOf(params);
    expect(error.code).toBe(code);
    expect(error.status).toBe(400);
  });

  it.each([
    [{ PageSize: 0 }, 'PageSize'],
    [{ PageSize: 101 }, 'PageSize'],
    [{ PageSize: 'ten' }, 'PageSize'],
    [{ PageNumber: 0 }, 'PageNumber'],
    [{ PageNumber: 100001 }, 'PageNumber'],
  ])('refuses out-of-range %j naming the parameter', (params, name) => {
    const error = errorOf(params);
    expect(error.code).toBe('InvalidParameter');
    expect(error.message).toContain(name);
  });

  it('accepts a window starting exactly 3 days ago and bounds it inclusively', () => {
    const start = formatUtcSeconds(NOW - 3 * DAY);
    expect(call({ StartTime: start, EndTime: formatUtcSeconds(NOW) }).TotalCount).toBe(3000);
    const one = call({ PageSize: 1 }).Tasks.CDNTask[0] as TaskView;
    const exact = call({ StartTime: one.CreationTime, EndTime: one.CreationTime, PageSize: 100 });
    expect(exact.Tasks.CDNTask.map((t) => t.CreationTime)).toContain(one.CreationTime);
    expect(new Set(exact.Tasks.CDNTask.map((t) => t.CreationTime))).toEqual(new Set([one.CreationTime]));
  });

  it('filters by time window, newest first', () => {
    const answer = call({
      StartTime: formatUtcSeconds(NOW - 6 * HOUR),
      EndTime: formatUtcSeconds(NOW - 2 * HOUR),
      PageSize: 100,
    });
    expect(answer.TotalCount).toBeGreaterThan(0);
    const times = answer.Tasks.CDNTask.map((t) => Date.parse(t.CreationTime));
    for (const t of times) expect(t).toBeGreaterThanOrEqual(NOW - 6 * HOUR);
    for (const t of times) expect(t).toBeLessThanOrEqual(NOW - 2 * HOUR);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('matches TaskId and ObjectPath exactly, together as AND', () => {
    const some = call({ PageNumber: 7 }).Tasks.CDNTask[3] as TaskView;
    const byId = call({ TaskId: some.TaskId, PageSize: 100 });
    expect(byId.Tasks.CDNTask.every((t) => t.TaskId === some.TaskId)).toBe(true);
    expect(byId.Tasks.CDNTask).toContainEqual(some);
    const byPath = call({ ObjectPath: some.ObjectPath, PageSize: 100 });
    expect(byPath.Tasks.CDNTask.every((t) => t.ObjectPath === some.ObjectPath)).toBe(true);
    const both = call({ TaskId: some.TaskId, ObjectPath: some.ObjectPath });
    expect(both.Tasks.CDNTask).toContainEqual(some);
    expect(call({ TaskId: '1', ObjectPath: some.ObjectPath }).TotalCount).toBe(0);
  });

  it('accepts the 2018 name `path` for directories and answers in the same words', () => {
    const viaPath = call({ ObjectType: 'path', PageSize: 5 });
    const viaDirectory = call({ ObjectType: 'directory', PageSize: 5 });
    expect(viaPath.TotalCount).toBe(viaDirectory.TotalCount);
    expect(viaPath.Tasks.CDNTask.every((t) => t.ObjectType === 'path')).toBe(true);
    expect(
      viaDirectory.Tasks.CDNTask.every((t) => t.ObjectType === 'directory' && t.ObjectPath.endsWith('/')),
    ).toBe(true);
  });

  it('accepts block and unblock as types', () => {
    expect(call({ ObjectType: 'block' }).TotalCount).toBe(0);
    expect(call({ ObjectType: 'unblock' }).TotalCount).toBe(0);
  });

  it('splits the whole set by type and status without losing a task', () => {
    let sum = 0;
    for (const ObjectType of ['file', 'directory', 'regex', 'preload']) {
      for (const Status of ['Complete', 'Refreshing', 'Failed', 'Pending'])
        sum += call({ ObjectType, Status }).TotalCount;
    }
    expect(sum).toBe(3000);
  });

  it('narrows by DomainName and by ResourceGroupId', () => {
    const domain = call({ ObjectType: 'file', DomainName: 'video.example.net', PageSize: 100 });
    expect(domain.TotalCount).toBeGreaterThan(0);
    expect(domain.Tasks.CDNTask.every((t) => t.ObjectPath.startsWith('https://video.example.net/'))).toBe(
      true,
    );
    expect(call({ ObjectType: 'file', DomainName: 'unknown.example.com' }).TotalCount).toBe(0);
    const group = call({ ResourceGroupId: 'rg-acfmmedia003', PageSize: 100 });
    expect(group.TotalCount).toBeGreaterThan(0);
    expect(
      group.Tasks.CDNTask.every((t) =>
        /\/\/(video\.example\.net|downloads\.example\.io)\//.test(t.ObjectPath),
      ),
    ).toBe(true);
    expect(call({ ResourceGroupId: 'rg-nope' }).TotalCount).toBe(0);
  });

  it('answers the documented field formats', () => {
    for (const task of call({ PageSize: 100, PageNumber: 3 }).Tasks.CDNTask) {
      expect(task.TaskId).toMatch(/^\d+$/);
      expect(task.CreationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(task.Process).toMatch(/^\d+(\.\d{1,2})?%?$/);
      expect(['Complete', 'Refreshing', 'Failed', 'Pending']).toContain(task.Status);
      expect(task.Description === '').toBe(task.Status !== 'Failed');
    }
  });
});
