/**
 * Delivery against a local receiver: 5xx is retried until it succeeds, a 4xx refusal is not retried,
 * a robot's 200 with a non-zero error code is a failure, and a failure's cause never holds the URL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AlertEvent } from './alert-message';
import { deliverAlert } from './deliver';
import { type Receiver, startReceiver } from './receiver.fixture';
import type { ChannelSettings, DeliverySettings } from './settings';

const SETTINGS: DeliverySettings = { attempts: 3, firstRetryMs: 10, maxRetryMs: 20, timeoutMs: 2_000 };
const EVENT: AlertEvent = {
  event: 'firing',
  rule: 'origin-timeout-spike',
  reason: 'origin-timeout',
  domain: 'img.example.com',
  prefix: '/a/b/',
  count: 22,
  baseline: 1.234,
  windowStart: Date.parse('2026-11-29T08:00:00Z'),
  windowEnd: Date.parse('2026-11-29T08:10:00Z'),
  threshold: 20,
  windowMs: 600_000,
};
let webhook: Receiver;
let robot: Receiver;

beforeAll(async () => {
  webhook = await startReceiver();
  robot = await startReceiver({ errcode: 310000, errmsg: 'sign not match' });
});

afterAll(async () => {
  await webhook?.close();
  await robot?.close();
});

beforeEach(() => {
  webhook.requests.length = 0;
  webhook.delivered.length = 0;
});

const channel = (url: string, kind: ChannelSettings['kind'] = 'webhook'): ChannelSettings => ({
  kind,
  url: new URL(url),
  secret: kind === 'dingtalk' ? 'SECx' : null,
});

describe('deliverAlert', () => {
  it('retries a 5xx answer and then delivers the contract payload', async () => {
    webhook.failNext(2, 502);
    const outcome = await deliverAlert(channel(`${webhook.url}/hook/secret-path`), EVENT, {
      baseUrl: 'https://dash.example.test',
      settings: SETTINGS,
    });
    expect(outcome).toEqual({ ok: true, attempts: 3 });
    expect(webhook.delivered[0]?.body).toEqual({
      event: 'firing',
      rule: 'origin-timeout-spike',
      reason: 'origin-timeout',
      domain: 'img.example.com',
      prefix: '/a/b/',
      count: 22,
      baseline: 1.23,
      windowStart: '2026-11-29T08:00:00Z',
      windowEnd: '2026-11-29T08:10:00Z',
      link: 'https://dash.example.test/triage?from=2026-11-29T08:00:00Z&to=2026-11-29T08:10:00Z&domain=img.example.com&q=/a/b/&tz=utc',
    });
  });

  it('does not retry a 4xx refusal', async () => {
    webhook.failNext(5, 404);
    const outcome = await deliverAlert(channel(`${webhook.url}/hook/secret-path`), EVENT, {
      baseUrl: '',
      settings: SETTINGS,
    });
    expect(outcome).toEqual({ ok: false, attempts: 1, error: 'HTTP 404' });
    webhook.failNext(0, 200);
  });

  it("counts a robot's 200 with a non-zero errcode as a failure", async () => {
    const outcome = await deliverAlert(
      channel(`${robot.url}/robot/send?access_token=tok`, 'dingtalk'),
      EVENT,
      {
        baseUrl: '',
        settings: SETTINGS,
      },
    );
    expect(outcome).toEqual({ ok: false, attempts: 3, error: 'answered errcode 310000' });
  });

  it('names a connection failure by its code, never by the URL', async () => {
    const closed = await startReceiver();
    const url = `${closed.url}/hook/secret-path-XYZ`;
    await closed.close();
    const outcome = await deliverAlert(channel(url), EVENT, { baseUrl: '', settings: SETTINGS });
    expect(outcome.ok).toBe(false);
    expect(outcome).toMatchObject({ attempts: 3, error: 'ECONNREFUSED' });
  });
});
