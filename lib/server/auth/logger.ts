import 'server-only';
import type { LoggerInstance } from 'next-auth';
import { audit } from './audit';

/**
 * next-auth's own messages, reduced to their code and a short message: its default logger prints
 * whole error objects, which for OAuth failures can hold provider responses. Failed single sign-ons
 * also go to the audit trail.
 */
export function authLogger(address: string): Partial<LoggerInstance> {
  return {
    error(code, metadata) {
      const detail = messageOf(metadata);
      console.error(`[auth] ${code}${detail ? `: ${detail}` : ''}`);
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
      console.warn(`[auth] ${code}`);
    },
    debug() {},
  };
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
