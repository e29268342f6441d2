/**
 * Making and revoking a token leaves an audit line naming who did it, the token's id and limits,
 * and never its secret (the store keeps the time of a revocation, not who made it).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setProcessSingleton } from '@/lib/node/process-singleton';
import type { AuditEvent } from '../auth/audit';
import type { SessionUser } from '../auth/session';
import { openStore, type Store } from '../store/database';

const logged = vi.hoisted(() => ({ entries: [] as AuditEvent[] }));
vi.mock('../auth/audit', () => ({ audit: (entry: AuditEvent) => logged.entries.push(entry) }));

const { createApiToken, revokeApiToken } = await import('./tokens');

const ops: SessionUser = { id: 'local:ops', name: 'ops', role: 'operator', accounts: null };
let opened: Promise<Store>;

beforeAll(async () => {
  opened = openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
  setProcessSingleton('store', opened);
  await opened;
}, 60_000);
afterAll(async () => {
  setProcessSingleton('store', undefined);
  await (await opened).close();
});

describe('the token audit trail', () => {
  it('names the maker and the revoker, the token and its limits, never the secret', async () => {
    const made = await createApiToken(ops, {
      name: 'deploy',
      scope: 'submit',
      paths: ['img.example.com/static/'],
      expiresInDays: 30,
    });
    if (!made.ok) throw new Error('the token was not made');
    const { id, token: secret } = made.created;
    expect(logged.entries).toContainEqual(
      expect.objectContaining({
        event: 'token.create',
        user: 'ops',
        subject: 'local:ops',
        tokenId: id,
        name: 'deploy',
        scope: 'submit',
        paths: ['img.example.com/static/'],
      }),
    );

    const admin: SessionUser = { id: 'local:admin', name: 'admin', role: 'operator', accounts: null };
    expect(await revokeApiToken(admin, id)).toBe(true);
    expect(logged.entries).toContainEqual({
      event: 'token.revoke',
      user: 'admin',
      subject: 'local:admin',
      tokenId: id,
      name: 'deploy',
    });
    expect(JSON.stringify(logged.entries)).not.toContain(secret);
  });
});
