import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The audit trail of who signed in, who failed to, who signed out and who changed the CDN (a
 * resubmission of failed tasks): one JSON line per event on
 * stdout (`"log":"audit"`), for the operator's log shipper. It names users and addresses, never a
 * password, token or secret: callers pass only the fields below, and the redaction list is a second
 * guard in case a later change passes more.
 */
export type AuditEvent =
  | {
      event: 'auth.signin';
      provider: string;
      user: string;
      subject: string;
      role: string;
      address: string | null;
    }
  | {
      event: 'auth.signin_failed';
      provider: string;
      /**
       * The account's name; null when the name typed is no account's (it may be a password typed
       * into the wrong field) or the failure came from the OpenID provider.
       */
      user: string | null;
      reason:
        | 'bad_credentials'
        | 'unknown_user'
        | 'rate_limited'
        | 'invalid_input'
        | 'users_file_unreadable'
        | 'oidc_error';
      address: string | null;
      detail?: string;
    }
  | { event: 'auth.signout'; user: string; subject: string; address: string | null }
  | {
      /** An operator resubmitted failed tasks (lib/server/resubmit/): how many objects went where. */
      event: 'cdn.resubmit';
      /** The Alibaba Cloud account (its id in ACCOUNTS_FILE, `default` without one). */
      account: string;
      user: string;
      subject: string;
      idempotencyKey: string;
      planned: number;
      submitted: number;
      failed: number;
      notAttempted: number;
      leftOut: number;
      taskIds: string[];
      /** `<kind> <domain>: <upstream code>` per failed call. */
      failures: string[];
    }
  | {
      /** A new refresh or prefetch (lib/server/refresh/), by a user or an API token (its id, never its secret). */
      event: 'cdn.refresh';
      account: string;
      user: string;
      subject: string;
      tokenId: string | null;
      objectType: string;
      idempotencyKey: string | null;
      planned: number;
      submitted: number;
      failed: number;
      notAttempted: number;
      taskIds: string[];
      failures: string[];
    }
  | {
      /** An API token made (lib/server/tokens/): by its id, limits and expiry, never its secret. */
      event: 'token.create';
      user: string;
      subject: string;
      tokenId: string;
      name: string;
      scope: string;
      accounts: string[] | null;
      paths: string[] | null;
      expiresAt: string;
    }
  | { event: 'token.revoke'; user: string; subject: string; tokenId: string; name: string };

const REDACTED_KEYS = [
  'password',
  'token',
  'secret',
  'accessToken',
  'access_token',
  'idToken',
  'id_token',
  'refreshToken',
  'refresh_token',
  'csrfToken',
  'clientSecret',
  'client_secret',
  'cookie',
  'authorization',
];

export function createAuditLogger(destination?: DestinationStream): Logger {
  const options = {
    base: { log: 'audit' },
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}

let shared: Logger | undefined;

export function audit(entry: AuditEvent): void {
  shared ??= createAuditLogger();
  shared.info(entry, entry.event);
}
