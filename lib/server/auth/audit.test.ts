import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAuditLogger } from './audit';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createAuditLogger(stream) };
}

describe('the audit log', () => {
  it('writes one JSON line per event, marked as audit, with an ISO time', () => {
    const { lines, logger } = capture();
    logger.info(
      { event: 'auth.signin', provider: 'credentials', user: 'alice', role: 'operator' },
      'auth.signin',
    );
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '');
    expect(entry).toMatchObject({
      log: 'audit',
      event: 'auth.signin',
      user: 'alice',
      message: 'auth.signin',
    });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });

  it('drops passwords, tokens and secrets even if a caller passes them', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        event: 'auth.signin_failed',
        user: 'alice',
        password: 'hunter2',
        token: 'jwt-value',
        account: { access_token: 'at-value', id_token: 'id-value', refresh_token: 'rt-value' },
        clientSecret: 'client-secret-value',
      },
      'auth.signin_failed',
    );
    const line = lines[0] ?? '';
    for (const secret of [
      'hunter2',
      'jwt-value',
      'at-value',
      'id-value',
      'rt-value',
      'client-secret-value',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line)).toMatchObject({ event: 'auth.signin_failed', user: 'alice' });
  });
});
