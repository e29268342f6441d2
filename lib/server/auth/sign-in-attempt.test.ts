import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from './audit';

const logged = vi.hoisted(() => ({ entries: [] as AuditEvent[] }));
vi.mock('./audit', () => ({ audit: (entry: AuditEvent) => logged.entries.push(entry) }));

const { attemptSignIn } = await import('./sign-in-attempt');
const { createSignInLimiter, SIGN_IN_LIMITS } = await import('./sign-in-limits');

const directory = mkdtempSync(join(tmpdir(), 'attempt-'));
const usersFile = join(directory, 'users.json');
writeFileSync(
  usersFile,
  JSON.stringify([{ username: 'alice', password: bcrypt.hashSync('alice-password', 4), role: 'operator' }]),
);
const settings = { demo: false, usersFile };
const context = (address = '192.0.2.1') => ({
  settings,
  address,
  limiter: createSignInLimiter({ redis: null, keyPrefix: 'attempt-test' }),
});

beforeEach(() => {
  logged.entries.length = 0;
});

describe('attemptSignIn', () => {
  it('signs in with the right password and audits nothing as failed', async () => {
    expect(await attemptSignIn({ username: 'alice', password: 'alice-password' }, context())).toEqual({
      ok: true,
      user: { username: 'alice', role: 'operator', entry: expect.any(String) },
    });
    expect(logged.entries).toEqual([]);
  });

  it('lets only the allowed number of concurrent guesses reach the password check', async () => {
    const shared = context();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        attemptSignIn(
          { username: 'alice', password: `guess-${i}` },
          { ...shared, address: `198.51.100.${i}` },
        ),
      ),
    );
    const reasons = outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.reason));
    expect(reasons.filter((reason) => reason === 'bad_credentials')).toHaveLength(
      SIGN_IN_LIMITS.perUser.failures,
    );
    expect(reasons.filter((reason) => reason === 'rate_limited')).toHaveLength(
      20 - SIGN_IN_LIMITS.perUser.failures,
    );
  });

  it('audits a wrong password with the account name', async () => {
    await attemptSignIn({ username: 'Alice', password: 'wrong' }, context());
    expect(logged.entries).toEqual([
      expect.objectContaining({ event: 'auth.signin_failed', user: 'Alice', reason: 'bad_credentials' }),
    ]);
  });

  it('audits an unknown name as unknown, never as typed (it may be a password)', async () => {
    const typed = 'Correct-Horse-Battery-Staple';
    expect(await attemptSignIn({ username: typed, password: 'x' }, context())).toEqual({
      ok: false,
      reason: 'unknown_user',
    });
    expect(logged.entries).toEqual([
      expect.objectContaining({ event: 'auth.signin_failed', user: null, reason: 'unknown_user' }),
    ]);
    expect(JSON.stringify(logged.entries)).not.toContain(typed);
  });

  it('does not log an unknown name when refusing it for too many attempts either', async () => {
    const shared = context('203.0.113.9');
    const typed = 'hunter2-in-the-wrong-field';
    for (let i = 0; i <= SIGN_IN_LIMITS.perUser.failures; i++) {
      await attemptSignIn({ username: typed, password: 'x' }, shared);
    }
    expect(logged.entries.at(-1)).toMatchObject({ reason: 'rate_limited', user: null });
    expect(JSON.stringify(logged.entries)).not.toContain(typed);
  });
});
