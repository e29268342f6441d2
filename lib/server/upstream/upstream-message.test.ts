/**
 * A bad signature, answered by the emulator over real HTTP as the CDN API answers it (the message
 * repeats the server's string-to-sign, which for V2 holds the AccessKeyId), becomes an UpstreamError
 * whose code is kept and whose message holds neither the string-to-sign nor the key id: what an
 * operator is shown (errorAnswer) and what the sync keeps as its last error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '@/emulator/defaults';
import { type RunningEmulator, startEmulator } from '@/emulator/server';
import { $Cdn, failure, runtimeOptions, sdkClient } from '@/emulator/test-clients';
import { errorAnswer } from '../http';
import { toUpstreamError } from './upstream-error';
import { cleanUpstreamMessage } from './upstream-message';

const KEY_ID = EMULATOR_DEFAULTS.accessKeyId;
const wrongKeys = { accessKeyId: KEY_ID, accessKeySecret: 'not-the-secret-of-this-key' };

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 10, seed: 1, rateLimits: 'off' });
}, 60_000);
afterAll(() => emulator.close());

describe.each([
  ['V3', undefined],
  ['V2', 'v2'],
] as const)('SignatureDoesNotMatch (%s signature)', (_, algorithm) => {
  it('keeps the code and a message without the string-to-sign or the AccessKeyId', async () => {
    const thrown = await failure(
      sdkClient(emulator.port, wrongKeys, algorithm).describeRefreshTasksWithOptions(
        new $Cdn.DescribeRefreshTasksRequest({}),
        runtimeOptions(),
      ),
    );
    const raw = String(thrown.data?.Message ?? '');
    expect(raw).toMatch(/string to sign/i);
    if (algorithm === 'v2') expect(raw).toContain(KEY_ID);

    const error = toUpstreamError(thrown);
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/^Specified signature/);
    expect(error.message).not.toMatch(/string to sign/i);
    expect(error.message).not.toContain(KEY_ID);
    expect(error.message).not.toContain('AccessKeyId');

    const shown = JSON.stringify(errorAnswer(error));
    expect(shown).toContain('SignatureDoesNotMatch');
    expect(shown).not.toContain(KEY_ID);
    expect(shown).not.toMatch(/string to sign/i);
  });
});

describe('cleanUpstreamMessage', () => {
  it.each([
    ['Specified AccessKeyId=LTAI5tAbCdEfGh12345 is disabled.', 'Specified AccessKeyId=[hidden] is disabled.'],
    ['The key LTAI5tAbCdEfGh12345 is not found.', 'The key [hidden] is not found.'],
    [
      'Bad header: ACS3-HMAC-SHA256 Credential=LTAI5tAbCdEfGh12345,SignedHeaders=host,Signature=0123abcd',
      'Bad header: ACS3-HMAC-SHA256 Credential=[hidden],SignedHeaders=[hidden],Signature=[hidden]',
    ],
    ['Signature mismatch. Server-String-To-Sign: GET&%2F&AccessKeyId%3DLTAI5tX', 'Signature mismatch.'],
    ['The specified domain does not exist.', 'The specified domain does not exist.'],
  ])('%s → %s', (message, cleaned) => {
    expect(cleanUpstreamMessage(message)).toBe(cleaned);
  });

  it('keeps a message to one line of at most 300 characters', () => {
    const cleaned = cleanUpstreamMessage(`first line\n${'word '.repeat(200)}`);
    expect(cleaned).not.toContain('\n');
    expect(cleaned.length).toBeLessThanOrEqual(300);
  });
});
