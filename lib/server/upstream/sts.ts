/**
 * The ONE module that talks to STS: GetCallerIdentity, which tells which Alibaba Cloud account a key
 * belongs to (it needs no RAM permission). Signed by the official SDK with the account's own
 * credential, and sent through `callUpstream` like every CDN call (the account's budget, retries,
 * timeouts), but outside the CDN API's circuit breaker: STS being away says nothing of the CDN.
 * Where it goes: STS_ENDPOINT, or upstream-config.ts's default for the mode.
 */
import 'server-only';
import StsModule from '@alicloud/sts20150401';
import { type Account, accountById } from '../accounts/accounts';
import { callUpstream } from './call-upstream';
import { interopDefault } from './interop';
import { runtimeOptions, sdkClientConfig } from './sdk-client-config';
import { DEFAULT_STS_ENDPOINT, parseEndpoint, upstreamConfig } from './upstream-config';

const Sts = interopDefault(StsModule);

export interface CallerIdentity {
  /** The Alibaba Cloud account (the "main account" id, digits). */
  cloudAccountId: string;
  /** The RAM user or role that signed, for the log. */
  arn: string | null;
}

/** Where the account's GetCallerIdentity goes. */
export function stsEndpointOf(account: Account): URL {
  const config = upstreamConfig();
  if (config.stsEndpoint) return config.stsEndpoint;
  // The emulator answers STS on the port it answers the CDN API.
  return config.mode === 'demo' ? account.endpoint : parseEndpoint(DEFAULT_STS_ENDPOINT);
}

function stsClient(account: Account): InstanceType<typeof Sts> {
  return new Sts(sdkClientConfig(account.credentials, stsEndpointOf(account)));
}

/** Whose key the account signs with; throws the UpstreamError of a failed call. */
export function callerIdentity(accountId: string): Promise<CallerIdentity> {
  const account = accountById(accountId);
  if (!account) throw new Error(`no configured account ${JSON.stringify(accountId)}`);
  return callUpstream({
    accountId,
    action: 'GetCallerIdentity',
    service: 'sts',
    send: async () => {
      const response = await stsClient(account).getCallerIdentityWithOptions(runtimeOptions());
      const cloudAccountId = response.body?.accountId?.trim();
      if (!cloudAccountId) throw new Error('GetCallerIdentity answered no AccountId');
      return { cloudAccountId, arn: response.body?.arn ?? null };
    },
  });
}
