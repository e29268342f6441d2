/**
 * GetCallerIdentity through the official STS SDK against the emulator over HTTP: each key pair
 * answers its own account's id, two keys of one account answer the same one, and the call is signed
 * and checked like every CDN call.
 */

import { $OpenApiUtil } from '@alicloud/openapi-core';
import StsModule from '@alicloud/sts20150401';
import * as $dara from '@darabonba/typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from './defaults';
import { optionsFromEnv } from './env-options';
import { type RunningEmulator, startEmulator } from './server';
import type { ClientKeys } from './test-clients';

const Sts = (StsModule as unknown as { default: typeof StsModule }).default ?? StsModule;

const main = {
  accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
  accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
};
const sameAccount = { accessKeyId: 'LTAI5tRotatedKeyOfMain', accessKeySecret: 'RotatedSecretOfMain' };
const otherAccount = { accessKeyId: 'LTAI5tKeyOfAnotherAccount', accessKeySecret: 'SecretOfAnotherAccount' };
const OTHER_ACCOUNT_ID = '5100000000000001';

function identityOf(port: number, keys: ClientKeys) {
  const client = new Sts(
    new $OpenApiUtil.Config({ ...keys, endpoint: `127.0.0.1:${port}`, protocol: 'HTTP' }),
  );
  return client.getCallerIdentityWithOptions(new $dara.RuntimeOptions({}));
}

describe('GetCallerIdentity', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      tasks: 10,
      accessKeys: [
        { id: sameAccount.accessKeyId, secret: sameAccount.accessKeySecret },
        { id: otherAccount.accessKeyId, secret: otherAccount.accessKeySecret, accountId: OTHER_ACCOUNT_ID },
      ],
    });
  });
  afterAll(() => emulator.close());

  it('answers the account of each key pair, the same for two keys of one account', async () => {
    const first = await identityOf(emulator.port, main);
    const rotated = await identityOf(emulator.port, sameAccount);
    const other = await identityOf(emulator.port, otherAccount);
    expect(first.body?.accountId).toBe(EMULATOR_DEFAULTS.accountId);
    expect(rotated.body?.accountId).toBe(EMULATOR_DEFAULTS.accountId);
    expect(other.body?.accountId).toBe(OTHER_ACCOUNT_ID);
    expect(first.body?.arn).toMatch(new RegExp(`^acs:ram::${EMULATOR_DEFAULTS.accountId}:user/`));
    expect(first.body?.arn).not.toBe(rotated.body?.arn);
  });

  it('checks the signature like any other call', async () => {
    const forged = identityOf(emulator.port, { ...otherAccount, accessKeySecret: main.accessKeySecret });
    await expect(forged).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    const unknown = identityOf(emulator.port, { ...main, accessKeyId: 'LTAI5tNotOurs' });
    await expect(unknown).rejects.toMatchObject({ code: 'InvalidAccessKeyId.NotFound' });
  });

  it('reads another account of a key from EMULATOR_EXTRA_KEYS, and refuses a malformed one', () => {
    const options = optionsFromEnv({
      EMULATOR_EXTRA_KEYS: JSON.stringify([{ id: 'k2', secret: 's2', accountId: OTHER_ACCOUNT_ID }]),
      EMULATOR_ACCOUNT_ID: '5200000000000002',
    });
    expect(options.accessKeys).toEqual([{ id: 'k2', secret: 's2', accountId: OTHER_ACCOUNT_ID }]);
    expect(options.accountId).toBe('5200000000000002');
    expect(() =>
      optionsFromEnv({ EMULATOR_EXTRA_KEYS: JSON.stringify([{ id: 'k', secret: 's', accountId: 'x' }]) }),
    ).toThrow('EMULATOR_EXTRA_KEYS[0].accountId');
  });
});
