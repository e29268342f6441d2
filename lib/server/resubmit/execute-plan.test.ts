/**
 * A resubmission's calls against the real emulator over HTTP, signed by the official SDK: each
 * object ends up submitted, refused or not attempted exactly as the emulator's request log and quota
 * say; a refusal about one domain does not stop the others; quota, throttling and an unknown outcome
 * stop the run; only a throttled call is tried again, never a timed-out one.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { controlClient } from '@/emulator/control-client';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { type PlannedCall, planResubmission } from '@/lib/resubmit-plan';
import { DEFAULT_ACCOUNT_ID } from '../accounts/accounts';
import { readUpstreamSettings } from '../upstream/settings';
import { resetUpstreamRuntime } from '../upstream/upstream-runtime';
import { executePlan } from './execute-plan';

let emulator: RunningEmulator;
let control: ReturnType<typeof controlClient>;
let serial = 0;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 300, seed: 17 });
  control = controlClient(emulator.url);
  process.env.CDN_ENDPOINT = emulator.url;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = '';
});

afterAll(async () => {
  await resetUpstreamRuntime();
  await emulator.close();
});

beforeEach(async () => {
  await resetUpstreamRuntime(readUpstreamSettings({ CDN_CALL_TIMEOUT_MS: '800' }));
  await control.clearFaults();
  await control.clearRequests();
});

const url = (domain: string) => `https://${domain}/resubmit/${++serial}.jpg`;
const submitCalls = async () =>
  (await control.requests()).filter(
    (r) => r.action === 'RefreshObjectCaches' || r.action === 'PushObjectCache',
  );

describe('executePlan', () => {
  it('submits each domain in its own call; a domain not in the account fails alone', async () => {
    const before = await control.quota();
    const rows = [
      { objectPath: url('static.example.com'), objectType: 'file', domain: 'static.example.com' },
      { objectPath: url('not-ours.example.net'), objectType: 'file', domain: 'not-ours.example.net' },
      { objectPath: url('img.shop-example.com'), objectType: 'file', domain: 'img.shop-example.com' },
      { objectPath: url('img.shop-example.com'), objectType: 'preload', domain: 'img.shop-example.com' },
    ];
    const plan = planResubmission(rows, { url: 100, directory: 100, regex: 20, prefetch: 100 });
    const outcome = await executePlan(DEFAULT_ACCOUNT_ID, plan.calls);

    expect(outcome.submitted.map((batch) => [batch.kind, batch.domain, batch.objectPaths])).toEqual([
      ['url', 'static.example.com', [rows[0]?.objectPath]],
      ['url', 'img.shop-example.com', [rows[2]?.objectPath]],
      ['prefetch', 'img.shop-example.com', [rows[3]?.objectPath]],
    ]);
    expect(outcome.failed).toEqual([
      expect.objectContaining({
        domain: 'not-ours.example.net',
        reason: 'domain-not-in-account',
        code: 'InvalidDomain.NotFound',
        objectPaths: [rows[1]?.objectPath],
      }),
    ]);
    expect(outcome.notAttempted).toEqual([]);
    expect(outcome.taskIds).toHaveLength(3);
    for (const id of outcome.taskIds) expect(id).toMatch(/^\d+$/);
    const after = await control.quota();
    expect(before.UrlRemain - after.UrlRemain).toBe(2);
    expect(before.PreloadRemain - after.PreloadRemain).toBe(1);
    // The task ids are the emulator's: each lists the object that was submitted under it.
    const listed = await control.tasks({ from: new Date(Date.now() - 60_000).toISOString(), limit: 50 });
    for (const batch of outcome.submitted) {
      const row = listed.tasks.find((task) => task.objectPath === batch.objectPaths[0]);
      expect(batch.taskIds).toContain(row?.taskId);
    }
  });

  it('stops at a quota the upstream says is spent, and names what was and was not submitted', async () => {
    await control.setQuota({ UrlRemain: 2 });
    const calls: PlannedCall[] = [
      { kind: 'directory', domain: 'static.example.com', objectPaths: ['https://static.example.com/a/'] },
      {
        kind: 'url',
        domain: 'static.example.com',
        objectPaths: [url('static.example.com'), url('static.example.com'), url('static.example.com')],
      },
      { kind: 'url', domain: 'img.shop-example.com', objectPaths: [url('img.shop-example.com')] },
    ];
    // Ordered as a plan would never order them, so a call follows the refused one.
    const outcome = await executePlan(DEFAULT_ACCOUNT_ID, [calls[1], calls[0], calls[2]] as PlannedCall[]);
    expect(outcome.submitted).toEqual([]);
    expect(outcome.failed).toEqual([
      expect.objectContaining({ kind: 'url', reason: 'quota-exceeded', code: 'QuotaExceeded.Refresh' }),
    ]);
    expect(outcome.notAttempted.map((batch) => batch.kind)).toEqual(['directory', 'url']);
    expect((await control.quota()).UrlRemain).toBe(2);
    expect(await submitCalls()).toHaveLength(1);
  });

  it('tries a throttled call again and submits it once', async () => {
    await control.setFaults({ throttling: { force: true, action: 'RefreshObjectCaches', times: 1 } });
    const path = url('static.example.com');
    const outcome = await executePlan(DEFAULT_ACCOUNT_ID, [
      { kind: 'url', domain: 'static.example.com', objectPaths: [path] },
    ]);
    expect(outcome.failed).toEqual([]);
    expect(outcome.taskIds).toHaveLength(1);
    expect((await submitCalls()).map((call) => call.code)).toEqual([
      expect.stringMatching(/Throttling|TooMany/),
      null,
    ]);
    const listed = await control.tasks({ path });
    expect(listed.tasks).toHaveLength(1);
  });

  it('never repeats a call that timed out: its outcome is unknown, and the rest is not attempted', async () => {
    await control.setFaults({ hang: { action: 'RefreshObjectCaches', times: 1 } });
    const outcome = await executePlan(DEFAULT_ACCOUNT_ID, [
      { kind: 'url', domain: 'static.example.com', objectPaths: [url('static.example.com')] },
      { kind: 'url', domain: 'img.shop-example.com', objectPaths: [url('img.shop-example.com')] },
    ]);
    expect(outcome.failed).toEqual([expect.objectContaining({ reason: 'outcome-unknown', code: 'Timeout' })]);
    expect(outcome.notAttempted).toHaveLength(1);
    expect(await submitCalls()).toHaveLength(1);
  });
});
