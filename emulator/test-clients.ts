/**
 * The real clients the conformance tests drive the emulator with: the official SDK (V3 by default,
 * V2 on request) and the legacy pop-core RPC client. Test support only; the app has its own cdn module.
 */
import CdnModule, * as $Cdn from '@alicloud/cdn20180510';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import RPCClient from '@alicloud/pop-core';
import * as $dara from '@darabonba/typescript';

// The SDK is CommonJS with `exports.default`; under ESM interop the default import is the module object.
const Cdn = (CdnModule as unknown as { default: typeof CdnModule }).default ?? CdnModule;

export { $Cdn };

export interface ClientKeys {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export function sdkClient(port: number, keys: ClientKeys, signatureAlgorithm?: 'v2'): CdnModule {
  return new Cdn(
    new $OpenApiUtil.Config({
      ...keys,
      endpoint: `127.0.0.1:${port}`,
      protocol: 'HTTP',
      ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
    }),
  );
}

export function runtimeOptions(): $dara.RuntimeOptions {
  return new $dara.RuntimeOptions({});
}

export function popClient(url: string, keys: ClientKeys): RPCClient {
  return new RPCClient({ endpoint: url, apiVersion: '2018-05-10', ...keys });
}

/** The SDK's error fields the tests look at (ClientError / ServerError / ThrottlingError). */
export interface SdkError {
  code: string;
  statusCode: number;
  message: string;
  data?: Record<string, unknown>;
}

/** Runs a call that must fail and returns the error, for expectations on code and status. */
export async function failure(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
