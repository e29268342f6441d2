import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeRefreshQuota } from './action-describe-refresh-quota';
import { describeRefreshTasks } from './action-describe-refresh-tasks';
import { pushObjectCache } from './action-push-object-cache';
import { refreshObjectCaches } from './action-refresh-object-caches';
import { controlClient } from './control-client';
import { EMULATOR_DEFAULTS } from './defaults';
import { MAX_PATH_LENGTH } from './object-paths';
import { type RunningEmulator, startEmulator } from './server';
import type { TaskView } from './task-model';
import { $Cdn, failure, runtimeOptions, sdkClient } from './test-clients';
import { frozenState, invoke, refusal } from './test-state';
import { HOUR, MINUTE } from './utc-time';

type Quota = Record<string, string>;
interface Listing {
  TotalCount: number;
  Tasks: { CDNTask: TaskView[] };
}

const refuse = (params: Record<string, string>) => {
  const error = refusal(() => invoke(refreshObjectCaches, frozenState(0), params));
  return [error.code, error.httpStatus, error.message];
};

describe('malformed and foreign object paths', () => {
  const MALFORMED = [
    'InvalidObjectPath.Malformed',
    400,
    'The specific value of parameter ObjectPath is malformed.',
  ];

  it.each([
    ['no scheme', { ObjectPath: 'static.example.com/a.js' }],
    ['another scheme', { ObjectPath: 'ftp://static.example.com/a.js' }],
    ['a control character', { ObjectPath: 'https://static.example.com/a\u0007.js' }],
    ['a line longer than 1,024', { ObjectPath: `https://static.example.com/${'a'.repeat(MAX_PATH_LENGTH)}` }],
    ['a directory without /', { ObjectType: 'Directory', ObjectPath: 'https://static.example.com/assets' }],
    ['a regex that does not compile', { ObjectType: 'Regex', ObjectPath: 'https://static.example.com/(a' }],
    ['one bad line among good ones', { ObjectPath: 'https://static.example.com/a.js\nnot a url' }],
  ])('refuses %s with InvalidObjectPath.Malformed', (_, params) => {
    expect(refuse(params)).toEqual(MALFORMED);
  });

  it('refuses a domain of another account (404) and a wildcard domain', () => {
    expect(refuse({ ObjectPath: 'https://elsewhere.example/a.js' })).toEqual([
      'InvalidDomain.NotFound',
      404,
      'The domain provided does not belong to you.',
    ]);
    expect(refuse({ ObjectPath: 'https://*.example.com/a.js' })[0]).toBe(
      'InvalidExtensiveDomain.ValueNotSupported',
    );
    const pushed = refusal(() =>
      invoke(pushObjectCache, frozenState(0), { ObjectPath: 'https://elsewhere.example/a.js' }),
    );
    expect(pushed.code).toBe('InvalidDomain.NotFound');
  });

  it('accepts what the data set itself holds: spaces, non-ASCII, queries, ports', () => {
    const state = frozenState(0);
    const paths = [
      'https://downloads.example.io/docs/User Guide v3.1.2.pdf',
      'https://img.shop-example.com/活动/双11/banner-1.jpg',
      'https://api.example.org/v2/catalog?lang=zh-CN&page=2',
      'https://static.example.com:443/index.html',
    ];
    const answer = invoke<{ RefreshTaskId: string }>(refreshObjectCaches, state, {
      ObjectPath: paths.join('\n'),
    });
    expect(answer.RefreshTaskId).toMatch(/^\d+(,\d+)*$/);
  });
});

describe('daily quotas', () => {
  it('spends Url, Dir, Regex, IgnoreParams and Preload separately, and refuses past them', () => {
    const state = frozenState(0);
    state.quota.setRemaining('Dir', 1, state.now());
    invoke(refreshObjectCaches, state, {
      ObjectType: 'Directory',
      ObjectPath: 'https://www.example.com/blog/',
    });
    const dir = refusal(() =>
      invoke(refreshObjectCaches, state, { ObjectType: 'Directory', ObjectPath: 'https://www.example.com/' }),
    );
    expect([dir.code, dir.httpStatus, dir.message]).toEqual([
      'QuotaExceeded.Refresh',
      400,
      'Your refresh attempts have exceeded the daily limit.',
    ]);
    invoke(refreshObjectCaches, state, {
      ObjectType: 'IgnoreParams',
      ObjectPath: 'https://www.example.com/a',
    });
    const quota = invoke<Quota>(describeRefreshQuota, state, {});
    expect(quota).toMatchObject({ DirRemain: '0', IgnoreParamsRemain: '99', UrlRemain: '10000' });
  });

  it('refuses a call that would overdraw, all or nothing, leaving the remainder untouched', () => {
    const state = frozenState(0);
    state.quota.setRemaining('Url', 2, state.now());
    const three = ['a', 'b', 'c'].map((n) => `https://static.example.com/${n}.js`).join('\n');
    expect(refusal(() => invoke(refreshObjectCaches, state, { ObjectPath: three })).code).toBe(
      'QuotaExceeded.Refresh',
    );
    expect(invoke<Quota>(describeRefreshQuota, state, {}).UrlRemain).toBe('2');
    invoke(refreshObjectCaches, state, { ObjectPath: 'https://static.example.com/a.js' });
    expect(invoke<Quota>(describeRefreshQuota, state, {}).UrlRemain).toBe('1');
  });

  it('starts afresh at 00:00 Beijing time (16:00 UTC) on the data clock', () => {
    const state = frozenState(0, 11, Date.parse('2026-11-28T15:59:59Z'));
    state.quota.setRemaining('Preload', 0, state.now());
    const push = () => invoke(pushObjectCache, state, { ObjectPath: 'https://static.example.com/a.js' });
    expect(refusal(push).code).toBe('QuotaExceeded.Preload');
    state.clock.set(Date.parse('2026-11-28T16:00:00Z'));
    expect(push()).toHaveProperty('PushTaskId');
    expect(invoke<Quota>(describeRefreshQuota, state, {}).PreloadRemain).toBe('999');
  });
});

describe('tasks created by RefreshObjectCaches and PushObjectCache', () => {
  it('are listed by DescribeRefreshTasks and move Pending → Refreshing → Complete', () => {
    const state = frozenState(200);
    const start = state.now();
    const created = [
      invoke<{ RefreshTaskId: string }>(refreshObjectCaches, state, {
        ObjectPath: 'https://static.example.com/assets/js/app.js',
      }).RefreshTaskId,
      invoke<{ PushTaskId: string }>(pushObjectCache, state, {
        ObjectPath: 'https://video.example.net/vod/v123456/index.m3u8',
      }).PushTaskId,
    ];
    const seen = (t: number) => {
      state.clock.set(t);
      return created.map((TaskId) => {
        const listed = invoke<Listing>(describeRefreshTasks, state, { TaskId });
        expect(listed.TotalCount).toBe(1);
        return (listed.Tasks.CDNTask[0] as TaskView).Status;
      });
    };
    expect(seen(start)).toEqual(['Pending', 'Pending']);
    expect(seen(start + 12_000)).toEqual(['Refreshing', 'Refreshing']);
    const done = seen(start + HOUR);
    for (const status of done) expect(['Complete', 'Failed']).toContain(status);
    // Over a few dozen submissions the planned outcome is almost always Complete.
    const outcomes = Array.from({ length: 40 }, (_, i) => {
      state.clock.set(start);
      const id = invoke<{ RefreshTaskId: string }>(refreshObjectCaches, state, {
        ObjectPath: `https://static.example.com/p${i}.js`,
      }).RefreshTaskId;
      state.clock.set(start + HOUR);
      return invoke<Listing>(describeRefreshTasks, state, { TaskId: id }).Tasks.CDNTask[0]?.Status;
    });
    expect(outcomes.filter((s) => s === 'Complete').length).toBeGreaterThan(30);
    state.clock.set(start + 10 * MINUTE);
    const firstPage = invoke<Listing>(describeRefreshTasks, state, { ObjectType: 'preload', PageSize: 100 });
    expect(firstPage.Tasks.CDNTask.map((t) => t.TaskId)).toContain(created[1]);
  });
});

describe('POST /__emulator/quota over HTTP, and the SDK seeing it', () => {
  const keys = {
    accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
    accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
  };
  let emulator: RunningEmulator;
  let control: ReturnType<typeof controlClient>;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tasks: 50, rateLimits: 'off' });
    control = controlClient(emulator.url);
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await control.reset();
  });

  it('sets a remainder and a quota, which DescribeRefreshQuota then answers', async () => {
    const set = await control.setQuota({ UrlRemain: 2, DirQuota: 5, DirRemain: 4 });
    expect(set).toMatchObject({ UrlQuota: 10_000, UrlRemain: 2, DirQuota: 5, DirRemain: 4 });
    expect(set.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const client = sdkClient(emulator.port, keys);
    const quota = (
      await client.describeRefreshQuotaWithOptions(new $Cdn.DescribeRefreshQuotaRequest({}), runtimeOptions())
    ).body;
    expect([quota?.urlRemain, quota?.dirQuota, quota?.dirRemain]).toEqual(['2', '5', '4']);
    const refresh = (n: number) =>
      client.refreshObjectCachesWithOptions(
        new $Cdn.RefreshObjectCachesRequest({
          objectPath: Array.from({ length: n }, (_, i) => `https://static.example.com/q${i}.js`).join('\n'),
        }),
        runtimeOptions(),
      );
    const error = await failure(refresh(3));
    expect([error.code, error.statusCode]).toEqual(['QuotaExceeded.Refresh', 400]);
    await refresh(2);
    expect((await control.quota()).UrlRemain).toBe(0);
    await control.reset();
    expect(await control.quota()).toMatchObject({ UrlRemain: 10_000, DirQuota: 100 });
  });

  it('refuses a bad body with 400 naming the field', async () => {
    await expect(control.setQuota({ UrlRemain: -1 })).rejects.toThrow(/400.*UrlRemain/);
    await expect(control.setQuota({ DirRemain: 101 })).rejects.toThrow(/400.*DirRemain \(101\)/);
    await expect(control.setQuota({ NopeRemain: 1 } as never)).rejects.toThrow(/400.*NopeRemain/);
  });
});
