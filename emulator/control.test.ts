import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { controlClient } from './control-client';
import { isLoopback } from './control-routes';
import { EMULATOR_DEFAULTS } from './defaults';
import { type RunningEmulator, startEmulator } from './server';
import { $Cdn, failure, popClient, runtimeOptions, sdkClient } from './test-clients';
import { sendV2, sendV3 } from './test-signer';
import { HOUR } from './utc-time';

const keys = {
  accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
  accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
};
const START = '2026-11-28T08:00:00.000Z';

let emulator: RunningEmulator;
let control: ReturnType<typeof controlClient>;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 400, seed: 5, rateLimits: 'off' });
  control = controlClient(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.clock({ set: START, freeze: true });
  await control.reset({ seed: 5, tasks: 400, startInstant: START });
});

/** An unsigned call: faults strike before authentication, so this is enough to observe them. */
const raw = (action = 'DescribeRefreshTasks', init: RequestInit = {}) =>
  fetch(`${emulator.url}/?Action=${action}&Version=2018-05-10`, init);

describe('health, reset and clock', () => {
  it('reports its state', async () => {
    const health = await control.health();
    expect(health).toMatchObject({
      status: 'ok',
      now: START,
      frozen: true,
      seed: 5,
      tasks: 400,
      startInstant: START,
    });
    expect(health.incident).toMatchObject({ domain: 'img.shop-example.com', prefix: '/products/2026/' });
  });

  it('regenerates the data set on reset and forgets created tasks', async () => {
    const first = await control.tasks({ limit: 5 });
    await sendV3(emulator.url, {
      ...keys,
      action: 'RefreshObjectCaches',
      body: 'ObjectPath=https%3A%2F%2Fstatic.example.com%2Fx.js',
    });
    expect((await control.tasks()).total).toBe(401);
    await control.reset({ seed: 6, tasks: 250 });
    const other = await control.tasks({ limit: 5 });
    expect(other.total).toBe(250);
    expect(other.tasks).not.toEqual(first.tasks);
    await control.reset({ seed: 5, tasks: 400, startInstant: START });
    expect((await control.tasks({ limit: 5 })).tasks).toEqual(first.tasks);
  });

  it('refuses a bad body with 400', async () => {
    await expect(control.reset({ tasks: -1 })).rejects.toThrow(/400/);
    await expect(control.clock({ set: 'next tuesday' })).rejects.toThrow(/400/);
  });

  it('lets tests freeze, advance and set the data clock, and the data evolves with it', async () => {
    const inFlight = await control.tasks({ status: ['Pending', 'Refreshing'] });
    expect(inFlight.total).toBeGreaterThan(0);
    expect((await control.clock({ advanceMs: 10 * HOUR })).now).toBe('2026-11-28T18:00:00.000Z');
    const later = await control.tasks({ to: START });
    const ids = new Set(inFlight.tasks.map((t) => `${t.taskId} ${t.objectPath}`));
    for (const task of later.tasks.filter((t) => ids.has(`${t.taskId} ${t.objectPath}`))) {
      expect(['Complete', 'Failed']).toContain(task.status);
    }
    expect((await control.tasks({ from: START })).total).toBeGreaterThan(100);
    expect((await control.clock({ set: Date.parse(START) })).now).toBe(START);
    const running = await control.clock({ freeze: false });
    expect(running.frozen).toBe(false);
  });
});

describe('raw data', () => {
  it('answers tasks in the dashboard shape, filtered, matching the API', async () => {
    const snapshot = await control.tasks({
      type: 'file',
      status: 'Failed',
      reason: 'origin-timeout',
      limit: 500,
    });
    expect(snapshot.total).toBeGreaterThan(0);
    for (const task of snapshot.tasks) {
      expect(task).toMatchObject({ objectType: 'file', status: 'Failed', reason: 'origin-timeout' });
      expect(['Origin Timeout', 'OriginTimeout']).toContain(task.description);
      expect(task.objectPath).toContain(`//${task.domain}/`);
    }
    const api = await sendV3(emulator.url, {
      ...keys,
      params: { ObjectType: 'file', Status: 'Failed', PageSize: '100' },
    });
    const failedFiles = await control.tasks({ type: 'file', status: 'Failed' });
    expect(api.body.TotalCount).toBe(failedFiles.total);
    const q = await control.tasks({ q: '/products/2026/', domain: 'img.shop-example.com' });
    expect(q.tasks.every((t) => t.objectPath.includes('/products/2026/'))).toBe(true);
  });
});

describe('request log', () => {
  it('records accepted and refused calls with their signature version, never the signature', async () => {
    await control.clearRequests();
    await sendV3(emulator.url, { ...keys, params: { ObjectType: 'file' } });
    await sendV2(emulator.url, { ...keys, accessKeySecret: 'wrong', params: { PageSize: '7' } });
    await raw('NoSuchAction');
    const log = await control.requests();
    expect(log.map((r) => [r.action, r.signatureVersion, r.status, r.code])).toEqual([
      ['DescribeRefreshTasks', 'v3', 200, null],
      ['DescribeRefreshTasks', 'v2', 400, 'SignatureDoesNotMatch'],
      ['NoSuchAction', null, 404, 'InvalidAction.NotFound'],
    ]);
    expect(log[0]?.parameters).toEqual({ ObjectType: 'file' });
    expect(log[1]?.parameters).toMatchObject({ PageSize: '7', AccessKeyId: keys.accessKeyId });
    expect(JSON.stringify(log)).not.toMatch(/Signature"|wrong|EmulatorDemoSecret/);
    await control.clearRequests();
    expect(await control.requests()).toEqual([]);
  });
});

describe('faults', () => {
  it('adds latency, fixed plus seeded jitter', async () => {
    await control.setFaults({ latency: { fixedMs: 150, jitterMs: 50 } });
    const started = performance.now();
    await raw();
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    await control.clearFaults();
  });

  it.each([
    ['InternalError', 500],
    ['ServiceUnavailable', 503],
  ] as const)('injects %s for the chosen action only', async (code, status) => {
    await control.setFaults({ errors: [{ code, rate: 1, action: 'DescribeRefreshTasks' }] });
    const hit = await failure(
      sdkClient(emulator.port, keys).describeRefreshTasksWithOptions(
        new $Cdn.DescribeRefreshTasksRequest({}),
        runtimeOptions(),
      ),
    );
    expect([hit.code, hit.statusCode]).toEqual([code, status]);
    const spared = await sendV3(emulator.url, { ...keys, action: 'DescribeRefreshQuota' });
    expect(spared.status).toBe(200);
    await control.clearFaults();
    expect((await sendV3(emulator.url, keys)).status).toBe(200);
  });

  it('honours rate (0 never) and times (then stops)', async () => {
    await control.setFaults({ errors: [{ code: 'InternalError', rate: 0 }] });
    expect((await sendV3(emulator.url, keys)).status).toBe(200);
    await control.setFaults({ errors: [{ code: 'InternalError', rate: 1, times: 2 }] });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await sendV3(emulator.url, keys)).status);
    expect(statuses).toEqual([500, 500, 200, 200]);
  });

  it('forces throttling in the chosen shape', async () => {
    await control.setFaults({ throttling: { force: true, shape: '429' } });
    const answer = await sendV3(emulator.url, keys);
    expect([answer.status, answer.body.Code, answer.headers['x-acs-retry-after']]).toEqual([
      429,
      'TooManyRequests',
      '1000',
    ]);
    const log = await control.requests();
    expect(log.at(-1)?.fault).toBe('throttling');
  });

  it('answers malformed JSON', async () => {
    await control.setFaults({ malformedJson: {} });
    const response = await raw();
    await expect(response.json()).rejects.toThrow();
    await expect(popClient(emulator.url, keys).request('DescribeRefreshTasks', {})).rejects.toThrow();
  });

  it('truncates the body mid-way', async () => {
    await control.setFaults({ truncatedBody: { action: 'DescribeRefreshTasks' } });
    await expect(raw().then((r) => r.text())).rejects.toThrow();
    expect((await sendV3(emulator.url, { ...keys, action: 'DescribeRefreshQuota' })).status).toBe(200);
  });

  it('resets the connection', async () => {
    await control.setFaults({ connectionReset: { times: 1 } });
    await expect(raw()).rejects.toThrow();
    expect((await raw()).status).toBe(400);
    expect((await control.requests()).some((r) => r.fault === 'connectionReset' && r.status === 0)).toBe(
      true,
    );
  });

  it('hangs until the client gives up', async () => {
    await control.setFaults({ hang: { action: 'DescribeRefreshTasks' } });
    await expect(raw('DescribeRefreshTasks', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await control.clearFaults();
    expect((await raw()).status).toBe(400);
  });

  it('refuses an unknown fault with 400 and lists the current ones', async () => {
    await expect(control.setFaults({ earthquake: {} } as never)).rejects.toThrow(/400/);
    await control.setFaults({ hang: { action: 'PushObjectCache' } });
    expect(await control.faults()).toEqual({ hang: { action: 'PushObjectCache' } });
  });
});

describe('loopback only', () => {
  it('recognises loopback addresses', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopback(address)).toBe(true);
    for (const address of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', undefined])
      expect(isLoopback(address)).toBe(false);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i?.family === 'IPv4' && !i.internal)?.address;

  it.skipIf(external === undefined)('refuses a caller on another interface with 403', async () => {
    const open = await startEmulator({ port: 0, host: '0.0.0.0', tasks: 10 });
    try {
      const response = await fetch(`http://${external}:${open.port}/__emulator/health`);
      expect(response.status).toBe(403);
      expect((await fetch(`${open.url}/__emulator/health`)).status).toBe(200);
      const incident = await fetch(`http://${external}:${open.port}/__emulator/incident`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          domain: 'www.example.com',
          prefix: '/',
          reason: 'origin-5xx',
          tasks: 1,
          minutes: 1,
        }),
      });
      expect(incident.status).toBe(403);
      expect(open.state.incidents).toEqual([]);
    } finally {
      await open.close();
    }
  });
});

describe('calls a web page could make', () => {
  const controlUrl = (path: string) => `${emulator.url}/__emulator/${path}`;

  it('refuses a text/plain POST (what a page may send cross-site without asking) and changes nothing', async () => {
    const answer = await fetch(controlUrl('clock'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ freeze: false, advanceMs: 86_400_000 }),
    });
    expect(answer.status).toBe(415);
    expect(await control.clock({})).toEqual({ now: START, frozen: true });
  });

  it('refuses a POST without a Content-Type', async () => {
    const answer = await fetch(controlUrl('reset'), { method: 'POST' });
    expect(answer.status).toBe(415);
  });

  it('refuses any request carrying an Origin header, JSON or not, reads included', async () => {
    const post = await fetch(controlUrl('clock'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ advanceMs: 86_400_000 }),
    });
    expect(post.status).toBe(403);
    const read = await fetch(controlUrl('requests'), { headers: { origin: 'null' } });
    expect(read.status).toBe(403);
    expect(await control.clock({})).toEqual({ now: START, frozen: true });
  });

  it('still serves the tests’ own JSON calls', async () => {
    const answer = await fetch(controlUrl('clock'), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ advanceMs: 1_000 }),
    });
    expect(answer.status).toBe(200);
  });
});
