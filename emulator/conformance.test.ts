import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from './defaults';
import { type RunningEmulator, startEmulator } from './server';
import type { TaskView } from './task-model';
import { queryTasks, viewOf } from './task-query';
import { $Cdn, type ClientKeys, failure, popClient, runtimeOptions, sdkClient } from './test-clients';

// Independent real clients against one emulator: whatever they sign, it must verify, and they must all
// see the same data the emulator holds.
const NOW = Date.parse('2026-11-28T08:00:00Z');
const keys: ClientKeys = {
  accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
  accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
};
const wrong: ClientKeys = { ...keys, accessKeySecret: 'not-the-secret' };

let emulator: RunningEmulator;
let expected: TaskView[];
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    tasks: 800,
    seed: 99,
    now: () => NOW,
    startInstant: NOW,
    rateLimits: 'off',
  });
  const filter = { types: new Set([0]), statuses: new Set([3]) };
  expected = queryTasks(emulator.state.source, filter, NOW, 0, 10).rows.map((row) => viewOf(row, NOW));
});
afterAll(() => emulator.close());

const request = { objectType: 'file', status: 'Failed', pageSize: 10 };

/** The SDK answers camelCase; compare in the wire's PascalCase. */
function fromSdk(task: $Cdn.DescribeRefreshTasksResponseBodyTasksCDNTask): TaskView {
  return {
    TaskId: task.taskId ?? '',
    ObjectPath: task.objectPath ?? '',
    ObjectType: task.objectType ?? '',
    Status: task.status as TaskView['Status'],
    Process: task.process ?? '',
    CreationTime: task.creationTime ?? '',
    Description: task.description ?? '',
  };
}

describe.each([
  ['V3 (default)', undefined],
  ['V2 (signatureAlgorithm v2)', 'v2' as const],
])('official SDK @alicloud/cdn20180510, %s', (_name, algorithm) => {
  const describeTasks = (k: ClientKeys) =>
    sdkClient(emulator.port, k, algorithm).describeRefreshTasksWithOptions(
      new $Cdn.DescribeRefreshTasksRequest(request),
      runtimeOptions(),
    );

  it('gets the data the emulator holds', async () => {
    const { body } = await describeTasks(keys);
    expect(body?.tasks?.CDNTask?.map(fromSdk)).toEqual(expected);
  });

  it('gets SignatureDoesNotMatch with a wrong secret', async () => {
    const error = await failure(describeTasks(wrong));
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.statusCode).toBe(400);
  });

  it('creates tasks and reads them back by id, with quotas following', async () => {
    const client = sdkClient(emulator.port, keys, algorithm);
    const before = (
      await client.describeRefreshQuotaWithOptions(new $Cdn.DescribeRefreshQuotaRequest({}), runtimeOptions())
    ).body;
    const url = `https://static.example.com/assets/js/conformance-${algorithm ?? 'v3'}.js`;
    const refreshed = await client.refreshObjectCachesWithOptions(
      new $Cdn.RefreshObjectCachesRequest({ objectPath: url, objectType: 'File', force: true }),
      runtimeOptions(),
    );
    const taskId = refreshed.body?.refreshTaskId ?? '';
    expect(taskId).toMatch(/^\d+$/);
    const pushed = await client.pushObjectCacheWithOptions(
      new $Cdn.PushObjectCacheRequest({ objectPath: url, area: 'domestic', l2Preload: false }),
      runtimeOptions(),
    );
    const byId = await client.describeRefreshTaskByIdWithOptions(
      new $Cdn.DescribeRefreshTaskByIdRequest({ taskId: `${taskId},${pushed.body?.pushTaskId}` }),
      runtimeOptions(),
    );
    expect(byId.body?.totalCount).toBe(2);
    expect(byId.body?.tasks?.map((t) => [t.objectType, t.objectPath, t.status])).toEqual(
      expect.arrayContaining([
        ['file', url, 'Pending'],
        ['preload', url, 'Pending'],
      ]),
    );
    const after = (
      await client.describeRefreshQuotaWithOptions(new $Cdn.DescribeRefreshQuotaRequest({}), runtimeOptions())
    ).body;
    expect(Number(after?.urlRemain)).toBe(Number(before?.urlRemain) - 1);
    expect(Number(after?.preloadRemain)).toBe(Number(before?.preloadRemain) - 1);
    expect(after?.urlQuota).toBe('10000');
  });
});

describe.each([['GET'], ['POST']])('@alicloud/pop-core RPCClient, %s', (method) => {
  const describeTasks = (k: ClientKeys) =>
    popClient(emulator.url, k).request<{ Tasks: { CDNTask: TaskView[] } }>(
      'DescribeRefreshTasks',
      { ObjectType: 'file', Status: 'Failed', PageSize: 10 },
      { method },
    );

  it('gets the data the emulator holds', async () => {
    const answer = await describeTasks(keys);
    expect(answer.Tasks.CDNTask).toEqual(expected);
  });

  it('gets SignatureDoesNotMatch with a wrong secret', async () => {
    const error = await failure(describeTasks(wrong));
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.data?.Message).toEqual(expect.stringContaining('server string to sign is:'));
  });
});
