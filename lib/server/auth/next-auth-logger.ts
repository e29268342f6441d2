import 'server-only';
import type { LoggerInstance } from 'next-auth';
import { rootLogger } from '../logger';
import { audit } from './audit';
import type { SessionEnded } from './session-check';

/**
 * next-auth's own messages, reduced to their code and a short message: its default logger prints
 * whole error objects, which for OAuth failures can hold provider responses. Failed single sign-ons
 * also go to the audit trail.
 */
export function authLogger(address: string): Partial<LoggerInstance> {
  return {
    error(code, metadata) {
      const ended = sessionEnded(metadata);
      if (ended) {
        // Not a fault: a session refused by session-check.ts (signed out, expired, user removed).
        rootLogger().info({ reason: ended.reason }, 'session refused');
        return;
      }
      const detail = messageOf(metadata);
      rootLogger().error({ code, detail: detail || undefined }, 'next-auth error');
      if (code.startsWith('OAUTH_') || code === 'SIGNIN_OAUTH_ERROR') {
        audit({
          event: 'auth.signin_failed',
          provider: 'oidc',
          user: null,
          reason: 'oidc_error',
          address,
          detail: code,
        });
      }
    },
    warn(code) {
      rootLogger().warn({ code }, 'next-auth warning');
    },
    debug() {},
  };
}

/** By name, not class: the bundler may give the route and the page each a copy of the class. */
function sessionEnded(metadata: unknown): Pick<SessionEnded, 'reason'> | null {
  const candidate =
    metadata && typeof metadata === 'object' && 'error' in metadata
      ? (metadata as { error: unknown }).error
      : metadata;
  return candidate instanceof Error && candidate.name === 'SessionEnded' && 'reason' in candidate
    ? (candidate as SessionEnded)
    : null;
}

function messageOf(metadata: unknown): string {
  const candidate =
    metadata instanceof Error
      ? metadata
      : metadata && typeof metadata === 'object' && 'error' in metadata
        ? (metadata as { error: unknown }).error
        : null;
  const message = candidate instanceof Error ? candidate.message : '';
  return message.replace(/\s+/g, ' ').slice(0, 200);
}
