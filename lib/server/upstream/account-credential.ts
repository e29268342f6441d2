/**
 * An account's credential for the official SDKs (CDN and STS sign with the same one): its key pair,
 * a named profile of the credentials file, or the standard chain. The secret stays in here and in
 * the SDK; what the rest of the app may learn is the AccessKeyId, and only to tell keys apart.
 */
import 'server-only';
import CredentialModule, * as $Credential from '@alicloud/credentials';
import type { AccountCredentials } from '../accounts/accounts';
import { interopDefault } from './interop';

const Credential = interopDefault(CredentialModule);

export function credentialOf(credentials: AccountCredentials): InstanceType<typeof Credential> {
  switch (credentials.kind) {
    case 'keys':
      return new Credential(
        new $Credential.Config({
          type: 'access_key',
          accessKeyId: credentials.accessKeyId,
          accessKeySecret: credentials.accessKeySecret,
        }),
      );
    case 'profile':
      // A named profile of the official credentials file (~/.alibabacloud/credentials, or
      // ALIBABA_CLOUD_CREDENTIALS_FILE), read by the SDK's own provider.
      return new Credential(
        null,
        $Credential.ProfileCredentialsProvider.builder().withProfileName(credentials.profile).build(),
      );
    case 'chain':
      return new Credential();
  }
}

/** The AccessKeyId the account signs with now, or null when no credential can be found. */
export async function accessKeyIdOf(credentials: AccountCredentials): Promise<string | null> {
  if (credentials.kind === 'keys') return credentials.accessKeyId;
  try {
    const credential = await credentialOf(credentials).getCredential();
    return credential.accessKeyId || null;
  } catch {
    return null;
  }
}
