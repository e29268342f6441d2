/**
 * GetCallerIdentity (STS, version 2015-04-01): whose key signed the call. The dashboard reads it to
 * know which Alibaba Cloud account its store mirrors; every key pair answers its own account's id.
 */
import type { ActionContext, ActionResult } from './action-context';

export function getCallerIdentity({ accessKeyId, accountId }: ActionContext): ActionResult {
  // A RAM user per key pair, named after the key so two keys of one account stay two users.
  const userName = `emulator-${accessKeyId.slice(-8).toLowerCase()}`;
  return {
    AccountId: accountId,
    IdentityType: 'RAMUser',
    Arn: `acs:ram::${accountId}:user/${userName}`,
    PrincipalId: `2${accountId.slice(1)}`,
    UserId: `2${accountId.slice(1)}`,
  };
}
