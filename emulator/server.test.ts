import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from './defaults';
import { type RunningEmulator, startEmulator } from './server';
import { queryTasks, viewOf } from './task-query';
import { $Cdn, type ClientKeys, failure, runtimeOptions, sdkClient } from './test-clients';

// A frozen data clock keeps every answer comparable with a direct query of the same state.
const NOW = Date.parse('2026-11-28T08:00:00Z');
const keys: ClientKeys = {
  accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
  accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
};

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    tasks: 1500,
    seed: 7,
    now: () => NOW,
    startInstant: NOW,
    rateLimits: 'off',
  });
});
afterAll(() => emulator.close());

const describeTasks = (
  request: ConstructorParameters<typeof $Cdn.DescribeRefreshTasksRequest>[0],
  k = keys,
) =>
  sdkClient(emulator.port, k).describeRefreshTasksWithOptions(
    new $Cdn.DescribeRefreshTasksRequest(request),
    runtimeOptions(),
  );

describe('startEmulator with the official SDK (signature V3)', () => {
  it('listens on a random port and reports its url', () => {
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
  });

  it('answers the first page of the last 3 days, newest first, exactly as the data says', async () => {
    const { body, statusCode } = await describeTasks({});
    expect(statusCode).toBe(200);
    expect(body?.requestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(body?.pageNumber).toBe(1);
    expect(body?.pageSize).toBe(20);
    expect(body?.totalCount).toBe(1500);
    const expected = queryTasks(emulator.state.source, {}, NOW, 0, 20).rows.map((row) => viewOf(row, NOW));
    const got = body?.tasks?.CDNTask?.map((t) => ({
      TaskId: t.taskId,
      ObjectPath: t.objectPath,
      ObjectType: t.objectType,
      Status: t.status,
      Process: t.process,
      CreationTime: t.creationTime,
      Description: t.description,
    }));
    expect(got).toEqual(expected);
    const times = got?.map((t) => t.CreationTime) ?? [];
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters with the documented parameters', async () => {
    const { body } = await describeTasks({
      objectType: 'file',
      status: 'Failed',
      domainName: 'img.shop-example.com',
      pageSize: 50,
    });
    expect(body?.totalCount).toBeGreaterThan(0);
    for (const task of body?.tasks?.CDNTask ?? []) {
      expect(task.objectType).toBe('file');
      expect(task.status).toBe('Failed');
      expect(task.objectPath).toMatch(/^https?:\/\/img\.shop-example\.com\//);
      expect(task.description).not.toBe('');
    }
  });

  it('pages consistently: the pages together are exactly TotalCount distinct rows', async () => {
    const first = await describeTasks({ objectType: 'preload', pageSize: 100 });
    const total = first.body?.totalCount ?? 0;
    expect(total).toBeGreaterThan(100);
    const rows = [...(first.body?.tasks?.CDNTask ?? [])];
    for (let page = 2; page <= Math.ceil(total / 100); page++) {
      const next = await describeTasks({ objectType: 'preload', pageSize: 100, pageNumber: page });
      expect(next.body?.totalCount).toBe(total);
      rows.push(...(next.body?.tasks?.CDNTask ?? []));
    }
    expect(rows).toHaveLength(total);
    const beyond = await describeTasks({
      objectType: 'preload',
      pageSize: 100,
      pageNumber: Math.ceil(total / 100) + 1,
    });
    expect(beyond.body?.tasks?.CDNTask).toEqual([]);
    expect(beyond.body?.totalCount).toBe(total);
  });

  it('refuses DomainName without ObjectType', async () => {
    const error = await failure(describeTasks({ domainName: 'static.example.com' }));
    expect(error.code).toBe('MissingParameter.ObjectType');
    expect(error.statusCode).toBe(400);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const error = await failure(describeTasks({}, { ...keys, accessKeySecret: 'wrong' }));
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.statusCode).toBe(400);
    expect(error.data).toMatchObject({ HostId: 'cdn.aliyuncs.com', Code: 'SignatureDoesNotMatch' });
    expect(error.data?.Recommend).toEqual(expect.stringContaining('SignatureDoesNotMatch'));
  });

  it('refuses an unknown key with InvalidAccessKeyId.NotFound', async () => {
    const error = await failure(describeTasks({}, { ...keys, accessKeyId: 'LTAI5tSomebodyElse' }));
    expect(error.code).toBe('InvalidAccessKeyId.NotFound');
    expect(error.statusCode).toBe(404);
  });
});
