import { describe, expect, it } from 'vitest';
import { describeRefreshQuota } from './action-describe-refresh-quota';
import { describeRefreshTaskById } from './action-describe-refresh-task-by-id';
import { describeRefreshTasks } from './action-describe-refresh-tasks';
import { pushObjectCache } from './action-push-object-cache';
import { refreshObjectCaches } from './action-refresh-object-caches';
import type { TaskView } from './task-model';
import { frozenState, invoke, refusal } from './test-state';

const urls = (n: number, domain = 'static.example.com') =>
  Array.from({ length: n }, (_, i) => `https://${domain}/assets/file-${i}.js`).join('\n');

type Quota = Record<string, string>;
type ById = { TotalCount: number; Tasks: TaskView[] };

describe('DescribeRefreshTaskById', () => {
  const state = frozenState(2000);
  const some = invoke<{ Tasks: { CDNTask: TaskView[] } }>(describeRefreshTasks, state, { PageSize: 30 }).Tasks
    .CDNTask;
  const ids = [...new Set(some.map((t) => t.TaskId))].slice(0, 10);

  it('answers every row of up to 10 ids as a plain array', () => {
    const answer = invoke<ById>(describeRefreshTaskById, state, { TaskId: ids.join(',') });
    expect(Array.isArray(answer.Tasks)).toBe(true);
    expect(answer.TotalCount).toBe(answer.Tasks.length);
    expect(new Set(answer.Tasks.map((t) => t.TaskId))).toEqual(new Set(ids));
    for (const task of some.filter((t) => ids.includes(t.TaskId))) expect(answer.Tasks).toContainEqual(task);
  });

  it('tolerates spaces, answers nothing for unknown ids', () => {
    expect(
      invoke<ById>(describeRefreshTaskById, state, { TaskId: ` ${ids[0]} , 1` }).TotalCount,
    ).toBeGreaterThan(0);
    expect(invoke<ById>(describeRefreshTaskById, state, { TaskId: '1,2' })).toEqual({
      TotalCount: 0,
      Tasks: [],
    });
  });

  it('refuses more than 10 ids, malformed ids, and no id', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => String(i + 1)).join(',');
    expect(refusal(() => invoke(describeRefreshTaskById, state, { TaskId: eleven })).code).toBe(
      'InvalidTaskId.ExceedLimit',
    );
    expect(refusal(() => invoke(describeRefreshTaskById, state, { TaskId: '12,ab' })).code).toBe(
      'InvalidTaskId.Malformed',
    );
    expect(refusal(() => invoke(describeRefreshTaskById, state, {})).code).toBe('MissingParameter');
  });
});

describe('RefreshObjectCaches', () => {
  it('creates one task id per domain for URLs, one per directory, and lists them newest first', () => {
    const state = frozenState(500);
    const answer = invoke<{ RefreshTaskId: string }>(refreshObjectCaches, state, {
      ObjectPath: `${urls(3)}\r\nhttps://img.shop-example.com/banners/a.png\n\n`,
    });
    const ids = answer.RefreshTaskId.split(',');
    expect(ids).toHaveLength(2);
    const rows = invoke<ById>(describeRefreshTaskById, state, { TaskId: answer.RefreshTaskId });
    expect(rows.TotalCount).toBe(4);
    expect(rows.Tasks.every((t) => t.ObjectType === 'file' && t.Status === 'Pending')).toBe(true);
    const listed = invoke<{ Tasks: { CDNTask: TaskView[] } }>(describeRefreshTasks, state, { PageSize: 4 });
    expect(new Set(listed.Tasks.CDNTask.map((t) => t.TaskId))).toEqual(new Set(ids));

    const dirs = invoke<{ RefreshTaskId: string }>(refreshObjectCaches, state, {
      ObjectType: 'Directory',
      ObjectPath: 'https://static.example.com/assets/\nhttps://static.example.com/fonts/',
    });
    expect(dirs.RefreshTaskId.split(',')).toHaveLength(2);
  });

  it('enforces the per-request limits: 1,000 URLs, 100 directories, 1 regex, 10 domains', () => {
    const state = frozenState(0);
    const tooMany = refusal(() => invoke(refreshObjectCaches, state, { ObjectPath: urls(1001) }));
    expect([tooMany.code, tooMany.httpStatus, tooMany.message]).toEqual([
      'SingleRequest.OverLimit',
      400,
      'A maximum of 1000 URLs are supported for each request.',
    ]);
    expect(invoke(refreshObjectCaches, state, { ObjectPath: urls(1000) })).toHaveProperty('RefreshTaskId');
    const dirs = Array.from({ length: 101 }, (_, i) => `https://static.example.com/d${i}/`).join('\n');
    expect(
      refusal(() => invoke(refreshObjectCaches, state, { ObjectType: 'Directory', ObjectPath: dirs })).code,
    ).toBe('SingleRequest.OverLimit');
    const regexes = 'https://static.example.com/.*\\.js\nhttps://static.example.com/.*\\.css';
    expect(
      refusal(() => invoke(refreshObjectCaches, state, { ObjectType: 'Regex', ObjectPath: regexes })).code,
    ).toBe('SingleRequest.OverLimit');
    // The 10-domain limit is out of reach with the account's six domains: a call over all six passes.
    const sixDomains = ['static.example.com', 'img.shop-example.com', 'video.example.net']
      .concat(['api.example.org', 'downloads.example.io', 'www.example.com'])
      .map((d) => `https://${d}/x`)
      .join('\n');
    expect(invoke(refreshObjectCaches, state, { ObjectPath: sixDomains })).toHaveProperty('RefreshTaskId');
  });

  it('refuses lower-case types, unknown domains, non-URLs, bad Force and a missing ObjectPath', () => {
    const state = frozenState(0);
    const one = 'https://static.example.com/a.js';
    expect(
      refusal(() => invoke(refreshObjectCaches, state, { ObjectType: 'file', ObjectPath: one })).code,
    ).toBe('InvalidObjectType.ValueNotSupported');
    const foreign = refusal(() =>
      invoke(refreshObjectCaches, state, { ObjectPath: 'https://elsewhere.example/a.js' }),
    );
    expect([foreign.code, foreign.httpStatus]).toEqual(['InvalidDomain.NotFound', 404]);
    expect(
      refusal(() => invoke(refreshObjectCaches, state, { ObjectPath: 'static.example.com/a.js' })).code,
    ).toBe('InvalidObjectPath.Malformed');
    expect(refusal(() => invoke(refreshObjectCaches, state, { ObjectPath: one, Force: 'yes' })).code).toBe(
      'InvalidParameter',
    );
    expect(refusal(() => invoke(refreshObjectCaches, state, {})).code).toBe('MissingParameter');
  });

  it('spends the daily quotas and refuses past them', () => {
    const state = frozenState(0);
    for (let i = 0; i < 10; i++) invoke(refreshObjectCaches, state, { ObjectPath: urls(1000) });
    expect(refusal(() => invoke(refreshObjectCaches, state, { ObjectPath: urls(1) })).code).toBe(
      'QuotaExceeded.Refresh',
    );
    for (let i = 0; i < 20; i++) {
      invoke(refreshObjectCaches, state, {
        ObjectType: 'Regex',
        ObjectPath: 'https://static.example.com/.*',
      });
    }
    expect(
      refusal(() =>
        invoke(refreshObjectCaches, state, {
          ObjectType: 'Regex',
          ObjectPath: 'https://static.example.com/.*',
        }),
      ).code,
    ).toBe('QuotaExceeded.Refresh');
    const quota = invoke<Quota>(describeRefreshQuota, state, {});
    expect(quota).toMatchObject({
      UrlQuota: '10000',
      UrlRemain: '0',
      RegexQuota: '20',
      RegexRemain: '0',
      DirRemain: '100',
    });
  });
});

describe('PushObjectCache', () => {
  it('creates preload tasks and spends Preload (and PreloadEdge unless L2 only)', () => {
    const state = frozenState(0);
    const answer = invoke<{ PushTaskId: string }>(pushObjectCache, state, {
      ObjectPath: urls(5),
      Area: 'overseas',
    });
    const rows = invoke<ById>(describeRefreshTaskById, state, { TaskId: answer.PushTaskId });
    expect(rows.Tasks.map((t) => t.ObjectType)).toEqual(Array(5).fill('preload'));
    invoke(pushObjectCache, state, {
      ObjectPath: urls(2),
      L2Preload: true,
      WithHeader: '{"Origin":"https://a.example"}',
    });
    expect(invoke<Quota>(describeRefreshQuota, state, {})).toMatchObject({
      PreloadQuota: '1000',
      PreloadRemain: '993',
      PreloadEdgeRemain: '995',
    });
  });

  it('refuses more than 100 URLs, a bad Area, a bad WithHeader, and past the daily 1,000', () => {
    const state = frozenState(0);
    expect(refusal(() => invoke(pushObjectCache, state, { ObjectPath: urls(101) })).code).toBe(
      'InvalidObjectPath.ExceedsMaximum',
    );
    expect(refusal(() => invoke(pushObjectCache, state, { ObjectPath: urls(1), Area: 'moon' })).code).toBe(
      'InvalidParameter',
    );
    expect(
      refusal(() => invoke(pushObjectCache, state, { ObjectPath: urls(1), WithHeader: '[1]' })).code,
    ).toBe('InvalidParameter');
    for (let i = 0; i < 10; i++) invoke(pushObjectCache, state, { ObjectPath: urls(100) });
    expect(refusal(() => invoke(pushObjectCache, state, { ObjectPath: urls(1) })).code).toBe(
      'QuotaExceeded.Preload',
    );
  });
});

describe('DescribeRefreshQuota', () => {
  it('answers every quota pair as strings', () => {
    const quota = invoke<Quota>(describeRefreshQuota, frozenState(0), {});
    for (const kind of ['Url', 'Dir', 'Preload', 'PreloadEdge', 'Regex', 'Block', 'IgnoreParams']) {
      expect(typeof quota[`${kind}Quota`]).toBe('string');
      expect(quota[`${kind}Remain`]).toBe(quota[`${kind}Quota`]);
    }
  });
});
