import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from './defaults';
import { type RunningEmulator, startEmulator } from './server';
import { sendV2, sendV3 } from './test-signer';
import { formatUtcSeconds, MINUTE } from './utc-time';

const keys = {
  accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
  accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
};
const params = { ObjectType: 'file', PageSize: '5' };

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 300, seed: 2, rateLimits: 'off' });
});
afterAll(() => emulator.close());

describe('signature V3 over HTTP', () => {
  it.each(['GET', 'POST'] as const)('accepts %s with parameters in the query', async (method) => {
    const answer = await sendV3(emulator.url, { ...keys, method, params });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ PageSize: 5 });
  });

  it('decodes the wire query and re-encodes it before verifying (*, spaces, non-ASCII, +)', async () => {
    const answer = await sendV3(emulator.url, {
      ...keys,
      params: { ObjectPath: 'https://img.shop-example.com/活动/双11/a b*(1)+~.jpg', ObjectType: 'regex' },
    });
    expect(answer.status).toBe(200);
  });

  it('verifies over exactly the SignedHeaders the client listed, extra ones included', async () => {
    const answer = await sendV3(emulator.url, { ...keys, params, body: 'Extra=1' });
    expect(answer.status).toBe(200);
  });

  it('checks x-acs-content-sha256 against the body', async () => {
    const answer = await sendV3(emulator.url, { ...keys, body: 'PageSize=5', declaredHash: 'a'.repeat(64) });
    expect(answer.status).toBe(400);
    expect(answer.body.Code).toBe('SignatureDoesNotMatch');
    expect(answer.body.Message).toContain('x-acs-content-sha256');
  });

  it('refuses a wrong secret with the server string to sign', async () => {
    const answer = await sendV3(emulator.url, { ...keys, accessKeySecret: 'nope', params });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ Code: 'SignatureDoesNotMatch', HostId: 'cdn.aliyuncs.com' });
    expect(answer.body.Message).toMatch(/server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    expect(answer.body.RequestId).toBe(answer.headers['x-acs-request-id']);
  });

  it('refuses an Authorization header without all its parts', async () => {
    const answer = await sendV3(emulator.url, {
      ...keys,
      authorization: `ACS3-HMAC-SHA256 Credential=${keys.accessKeyId}`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.Code).toBe('IncompleteSignature');
    const rsa = await sendV3(emulator.url, {
      ...keys,
      authorization: 'ACS3-RSA-SHA256 Credential=k,SignedHeaders=host,Signature=ab',
    });
    expect(rsa.body.Code).toBe('IncompleteSignature');
  });

  it('refuses a signature that leaves out a required header', async () => {
    const answer = await sendV3(emulator.url, { ...keys, unsigned: ['x-acs-signature-nonce'] });
    expect(answer.body.Code).toBe('IncompleteSignature');
  });

  it('refuses a clock skew over 15 minutes either way, and a malformed date', async () => {
    const old = await sendV3(emulator.url, {
      ...keys,
      timestamp: formatUtcSeconds(Date.now() - 16 * MINUTE),
    });
    expect(old.body.Code).toBe('InvalidTimeStamp.Expired');
    const future = await sendV3(emulator.url, {
      ...keys,
      timestamp: formatUtcSeconds(Date.now() + 16 * MINUTE),
    });
    expect(future.body.Code).toBe('InvalidTimeStamp.Expired');
    const near = await sendV3(emulator.url, {
      ...keys,
      timestamp: formatUtcSeconds(Date.now() - 14 * MINUTE),
    });
    expect(near.status).toBe(200);
    const bad = await sendV3(emulator.url, { ...keys, timestamp: 'yesterday' });
    expect(bad.body.Code).toBe('InvalidTimeStamp.Format');
  });

  it('refuses a replayed nonce', async () => {
    const nonce = `nonce-${Date.now()}`;
    expect((await sendV3(emulator.url, { ...keys, nonce })).status).toBe(200);
    const replay = await sendV3(emulator.url, { ...keys, nonce });
    expect(replay.status).toBe(400);
    expect(replay.body.Code).toBe('SignatureNonceUsed');
  });

  it('refuses an unknown key with 404', async () => {
    const answer = await sendV3(emulator.url, { ...keys, accessKeyId: 'LTAI5tUnknown' });
    expect(answer.status).toBe(404);
    expect(answer.body.Code).toBe('InvalidAccessKeyId.NotFound');
  });

  it('refuses an unknown action (404) and a wrong version (400) before checking the signature', async () => {
    const action = await sendV3(emulator.url, {
      ...keys,
      accessKeySecret: 'nope',
      action: 'DeleteEverything',
    });
    expect(action.status).toBe(404);
    expect(action.body.Code).toBe('InvalidAction.NotFound');
    const version = await sendV3(emulator.url, { ...keys, version: '2014-11-11' });
    expect(version.status).toBe(400);
    expect(version.body.Code).toBe('InvalidVersion');
  });
});

describe('signature V2 over HTTP', () => {
  it.each([
    ['GET', false],
    ['POST', false],
    ['POST', true],
  ] as const)('accepts %s (parameters in body: %s)', async (method, inBody) => {
    const answer = await sendV2(emulator.url, { ...keys, method, inBody, params });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ PageSize: 5 });
  });

  it('refuses a wrong secret with the server string to sign', async () => {
    const answer = await sendV2(emulator.url, { ...keys, accessKeySecret: 'nope', params });
    expect(answer.status).toBe(400);
    expect(answer.body.Code).toBe('SignatureDoesNotMatch');
    expect(answer.body.Message).toMatch(/server string to sign is:GET&%2F&AccessKeyId%3D/);
  });

  it.each(['Signature', 'SignatureNonce', 'Timestamp', 'AccessKeyId'])(
    'refuses a call without %s',
    async (name) => {
      const answer = await sendV2(emulator.url, { ...keys, omit: [name] });
      expect(answer.status).toBe(400);
      expect(answer.body.Code).toBe('MissingParameter');
      expect(answer.body.Message).toContain(name);
    },
  );

  it('refuses a replayed nonce and a stale timestamp', async () => {
    const nonce = `v2-${Date.now()}`;
    expect((await sendV2(emulator.url, { ...keys, nonce })).status).toBe(200);
    expect((await sendV2(emulator.url, { ...keys, nonce })).body.Code).toBe('SignatureNonceUsed');
    const stale = await sendV2(emulator.url, {
      ...keys,
      timestamp: formatUtcSeconds(Date.now() - 20 * MINUTE),
    });
    expect(stale.body.Code).toBe('InvalidTimeStamp.Expired');
  });
});

describe('STS security token', () => {
  let sts: RunningEmulator;
  beforeAll(async () => {
    sts = await startEmulator({ port: 0, tasks: 50, securityToken: 'sts-token-123', rateLimits: 'off' });
  });
  afterAll(() => sts.close());

  it('accepts the configured token in V3 and V2', async () => {
    expect((await sendV3(sts.url, { ...keys, securityToken: 'sts-token-123' })).status).toBe(200);
    expect((await sendV2(sts.url, { ...keys, securityToken: 'sts-token-123' })).status).toBe(200);
  });

  it('refuses a wrong or missing token', async () => {
    expect((await sendV3(sts.url, { ...keys, securityToken: 'stolen' })).body.Code).toBe(
      'InvalidSecurityToken.MismatchWithAccessKey',
    );
    expect((await sendV2(sts.url, { ...keys, securityToken: 'stolen' })).body.Code).toBe(
      'InvalidSecurityToken.MismatchWithAccessKey',
    );
    expect((await sendV3(sts.url, keys)).body.Code).toBe('MissingSecurityToken');
  });

  it('refuses a token the emulator was not configured with, and an unsigned token header', async () => {
    expect((await sendV3(emulator.url, { ...keys, securityToken: 'x' })).body.Code).toBe(
      'InvalidSecurityToken.Malformed',
    );
    const unsigned = await sendV3(sts.url, {
      ...keys,
      securityToken: 'sts-token-123',
      unsigned: ['x-acs-security-token'],
    });
    expect(unsigned.body.Code).toBe('IncompleteSignature');
  });
});
