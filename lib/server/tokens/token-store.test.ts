import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/database';
import { storeEngines } from '../store/store-engines.fixture';
import { hashTokenSecret, looksLikeToken, newTokenId, newTokenSecret } from './token-secret';
import { bindMakerEntry, insertToken, listTokens, lookUpToken, revokeToken } from './token-store';

const NOW = new Date('2026-12-01T00:00:00Z');
const DAY = 86_400_000;

for (const engine of storeEngines()) {
  describe(`API tokens in the store (${engine.name})`, () => {
    afterAll(() => engine.stop());

    it('finds a token by its secret’s hash until it expires or is revoked, and never keeps the secret', async () => {
      const store = await openStore(await engine.settings());
      try {
        const secret = newTokenSecret();
        const id = newTokenId();
        expect(looksLikeToken(secret)).toBe(true);
        await insertToken(store.db, {
          id,
          secretHash: hashTokenSecret(secret),
          name: 'deploy',
          scope: 'submit',
          accounts: ['default'],
          paths: ['img.example.com/static/'],
          createdBy: 'local:ops',
          createdByName: 'ops',
          createdAt: NOW,
          expiresAt: new Date(NOW.getTime() + 90 * DAY),
          makerEntry: 'id:u_ops-entry',
        });
        const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
        expect(JSON.stringify(rows)).not.toContain(secret);

        const found = await lookUpToken(store.db, hashTokenSecret(secret), NOW);
        expect(found).toMatchObject({
          kind: 'active',
          token: { id, name: 'deploy', scope: 'submit', accounts: ['default'], makerEntry: 'id:u_ops-entry' },
        });
        expect(found.kind === 'active' && found.token.paths).toEqual(['img.example.com/static/']);
        expect(await lookUpToken(store.db, hashTokenSecret(newTokenSecret()), NOW)).toEqual({
          kind: 'unknown',
        });
        // Expired at its expiry, to the millisecond.
        expect(
          await lookUpToken(store.db, hashTokenSecret(secret), new Date(NOW.getTime() + 90 * DAY)),
        ).toEqual({ kind: 'inactive' });

        const listed = await listTokens(store.db, NOW);
        expect(listed).toEqual([
          expect.objectContaining({ id, state: 'active', createdBy: 'ops', lastUsedAt: NOW.toISOString() }),
        ]);
        expect((await listTokens(store.db, new Date(NOW.getTime() + 91 * DAY)))[0]?.state).toBe('expired');

        expect(await revokeToken(store.db, id, NOW)).toBe(true);
        expect(await revokeToken(store.db, id, new Date(NOW.getTime() + DAY))).toBe(true);
        expect(await lookUpToken(store.db, hashTokenSecret(secret), NOW)).toEqual({ kind: 'inactive' });
        expect((await listTokens(store.db, NOW))[0]).toMatchObject({
          state: 'revoked',
          revokedAt: NOW.toISOString(),
        });
        expect(await revokeToken(store.db, newTokenId(), NOW)).toBe(false);
      } finally {
        await store.close();
      }
    });

    it('binds a token without a maker entry once: the first binding stays', async () => {
      const store = await openStore(await engine.settings());
      try {
        const secret = newTokenSecret();
        const id = newTokenId();
        await insertToken(store.db, {
          id,
          secretHash: hashTokenSecret(secret),
          name: 'older',
          scope: 'read',
          accounts: null,
          paths: null,
          createdBy: 'local:ops',
          createdByName: 'ops',
          createdAt: NOW,
          expiresAt: new Date(NOW.getTime() + DAY),
          makerEntry: null,
        });
        expect(await lookUpToken(store.db, hashTokenSecret(secret), NOW)).toMatchObject({
          token: { makerEntry: null },
        });
        expect(await bindMakerEntry(store.db, id, 'id:u_first-entry')).toBe('id:u_first-entry');
        expect(await bindMakerEntry(store.db, id, 'id:u_later-entry')).toBe('id:u_first-entry');
        expect(await lookUpToken(store.db, hashTokenSecret(secret), NOW)).toMatchObject({
          token: { makerEntry: 'id:u_first-entry' },
        });
      } finally {
        await store.close();
      }
    });
  });
}
