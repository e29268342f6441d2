import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlClient } from './control-client';
import { EMULATOR_DEFAULTS } from './defaults';
import { optionsFromEnv } from './env-options';
import { type RunningEmulator, startEmulator } from './server';
import { type RawAnswer, sendV2, sendV3 } from './test-signer';

const main = {
  accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
  accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
};
const second = { accessKeyId: 'LTAI5tSecondKeyOfAccount', accessKeySecret: 'SecondSecretOfTheSameAccount' };
const third = { accessKeyId: 'LTAI5tThirdKeyOfAccount', accessKeySecret: 'ThirdSecretOfTheSameAccount' };

const refused = (answers: RawAnswer[]) => answers.filter((a) => a.status !== 200);

describe('several access keys of one account', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      tasks: 100,
      accessKeys: [
        { id: second.accessKeyId, secret: second.accessKeySecret },
        { id: third.accessKeyId, secret: third.accessKeySecret, securityToken: 'sts-token-of-the-third' },
      ],
    });
  });
  afterAll(() => emulator.close());

  it('accepts calls signed with any of its keys, V3 and V2, each with its own secret', async () => {
    expect((await sendV3(emulator.url, main)).status).toBe(200);
    expect((await sendV3(emulator.url, second)).status).toBe(200);
    expect((await sendV2(emulator.url, second)).status).toBe(200);
    const crossed = await sendV3(emulator.url, { ...second, accessKeySecret: main.accessKeySecret });
    expect(crossed.body.Code).toBe('SignatureDoesNotMatch');
    const unknown = await sendV3(emulator.url, { ...second, accessKeyId: 'LTAI5tNotOurs' });
    expect([unknown.status, unknown.body.Code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
  });

  it('holds each key to its own STS token rule', async () => {
    expect((await sendV3(emulator.url, third)).body.Code).toBe('MissingSecurityToken');
    expect((await sendV3(emulator.url, { ...third, securityToken: 'sts-token-of-the-third' })).status).toBe(
      200,
    );
    expect(
      (await sendV3(emulator.url, { ...second, securityToken: 'sts-token-of-the-third' })).body.Code,
    ).toBe('InvalidSecurityToken.Malformed');
  });

  it("throttles two keys together at the account's 5 calls/s for DescribeRefreshTasks", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Four calls per key: each key alone stays within 5/s, the account does not.
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => sendV3(emulator.url, main)),
      ...Array.from({ length: 4 }, () => sendV3(emulator.url, second)),
    ]);
    const throttled = refused(answers);
    expect(throttled.length).toBeGreaterThanOrEqual(2);
    for (const answer of throttled) expect(answer.body.Code).toBe('Throttling.User');
    const log = await controlClient(emulator.url).requests();
    const keysThrottled = new Set(log.filter((r) => r.code === 'Throttling.User').map((r) => r.accessKeyId));
    expect(keysThrottled.size).toBeGreaterThanOrEqual(1);
  });
});

describe('EMULATOR_EXTRA_KEYS', () => {
  it('reads a JSON array of key pairs', () => {
    expect(
      optionsFromEnv({
        EMULATOR_EXTRA_KEYS: '[{"id":"K2","secret":"S2"},{"id":"K3","secret":"S3","securityToken":"T"}]',
      }).accessKeys,
    ).toEqual([
      { id: 'K2', secret: 'S2' },
      { id: 'K3', secret: 'S3', securityToken: 'T' },
    ]);
    expect(optionsFromEnv({}).accessKeys).toBeUndefined();
  });

  it('refuses bad input naming the entry and field, without echoing the secret', () => {
    const error = (text: string) => {
      try {
        optionsFromEnv({ EMULATOR_EXTRA_KEYS: text });
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(error('{"id":"K2","secret":"TopSecret1"}')).toMatch(/JSON array/);
    expect(error('[{"id":"K2","secret":"TopSecret1"')).toMatch(/not JSON/);
    expect(error('[{"id":"K2","secret":""}]')).toBe(
      'EMULATOR_EXTRA_KEYS[0].secret must be a non-empty string',
    );
    expect(error('[{"id":"K2","secret":"S"},{"secret":"TopSecret1"}]')).toBe(
      'EMULATOR_EXTRA_KEYS[1].id must be a non-empty string',
    );
    expect(error('[{"id":"K2","secret":"TopSecret1","role":"x"}]')).toMatch(/\[0\] has unknown fields: role/);
    for (const text of ['{"id":"K2","secret":"TopSecret1"}', '[{"id":"K2","secret":"TopSecret1"']) {
      expect(error(text)).not.toContain('TopSecret1');
    }
  });

  it('refuses a key given twice when the emulator starts', async () => {
    await expect(
      startEmulator({ port: 0, tasks: 0, accessKeys: [{ id: main.accessKeyId, secret: 'other' }] }),
    ).rejects.toThrow(`access key ${main.accessKeyId} is given twice`);
  });
});

describe('two emulators side by side', () => {
  const otherKeys = { accessKeyId: 'LTAI5tOtherAccountKey', accessKeySecret: 'OtherAccountSecret' };
  let first: RunningEmulator;
  let other: RunningEmulator;
  beforeAll(async () => {
    first = await startEmulator({ port: 0, tasks: 200, seed: 1 });
    other = await startEmulator({ port: 0, tasks: 300, seed: 2, ...otherKeys });
  });
  afterAll(async () => {
    await first.close();
    await other.close();
  });

  it('keep their own keys, data, rate limits and control state', async () => {
    expect((await sendV3(first.url, main)).status).toBe(200);
    expect((await sendV3(other.url, main)).body.Code).toBe('InvalidAccessKeyId.NotFound');
    expect((await sendV3(first.url, otherKeys)).body.Code).toBe('InvalidAccessKeyId.NotFound');

    const firstPage = (await sendV3(first.url, main)).body as { TotalCount: number };
    const otherPage = (await sendV3(other.url, otherKeys)).body as { TotalCount: number };
    expect(firstPage.TotalCount).toBeGreaterThanOrEqual(200);
    expect(otherPage.TotalCount).toBeGreaterThanOrEqual(300);
    const [a, b] = [
      await controlClient(first.url).tasks({ limit: 5 }),
      await controlClient(other.url).tasks({ limit: 5 }),
    ];
    expect(a.tasks).not.toEqual(b.tasks);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const burst = await Promise.all(Array.from({ length: 8 }, () => sendV3(first.url, main)));
    expect(refused(burst).length).toBeGreaterThanOrEqual(2);
    expect((await sendV3(other.url, otherKeys)).status).toBe(200);

    await controlClient(other.url).startIncident({
      domain: 'www.example.com',
      prefix: '/blog/',
      reason: 'internal-error',
      tasks: 3,
      minutes: 1,
    });
    expect((await controlClient(first.url).incidents()).length).toBe(0);
    expect((await controlClient(other.url).health()).seed).toBe(2);
  });
});
