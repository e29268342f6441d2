import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_PROXY_TRUST } from '@/lib/node/forwarded';
import { stampRequest } from '@/lib/node/request-boundary';
import type { SessionUser } from '../auth/session';
import { openStore, type Store } from '../store/database';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('../auth/session', () => ({ currentUser: async () => session.user }));
const opened = vi.hoisted(() => ({ store: null as Store | null }));
vi.mock('../store/database', async (original) => ({
  ...(await original<typeof import('../store/database')>()),
  store: async () => opened.store,
}));

const { requireCaller } = await import('./token-caller');
const { hashTokenSecret, newTokenId, newTokenSecret } = await import('./token-secret');
const { insertToken, revokeToken } = await import('./token-store');
const { createApiToken } = await import('./tokens');
const { TOKEN_GUESS_LIMIT } = await import('./token-guesses');

const DAY = 86_400_000;
const operator: SessionUser = { id: 'local:ops', name: 'ops', role: 'operator', accounts: null };

async function makeToken(scope: 'read' | 'submit', expiresInMs = 90 * DAY) {
  const secret = newTokenSecret();
  const id = newTokenId();
  await insertToken((opened.store as Store).db, {
    id,
    secretHash: hashTokenSecret(secret),
    name: `${scope} token`,
    scope,
    accounts: ['default'],
    paths: null,
    createdBy: operator.id,
    createdByName: operator.name,
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + expiresInMs),
    // Made before makers' entries were recorded: bound at its first use.
    makerEntry: null,
  });
  return { id, secret };
}

/** Made through the tokens page's own path: bound to the maker's entry as it is now. */
async function createToken(scope: 'read' | 'submit') {
  const made = await createApiToken(operator, { name: `${scope} token`, scope, expiresInDays: 30 });
  if (!made.ok) throw new Error('the token was not made');
  return { id: made.created.id, secret: made.created.token };
}

// Any bcrypt hashes will do: nobody signs in here.
const PASSWORD_HASH = '$2b$10$Ma9/DMH2.B4HvAyjE3Ks0uw8jnUHCfiOF6hJeGZHo8ggnn/K84Fl2';
const OTHER_PASSWORD_HASH = '$2b$10$6k50.6nQE3e8wNZ/SOhO2u3f5Y3g1tpKDfnTS46.vPvh78Jj2wLhO';

/** AUTH_USERS_FILE as the test wants it now: ops's entry (null: removed), looked at on every request. */
const usersFile = join(mkdtempSync(join(tmpdir(), 'token-maker-')), 'users.json');
let usersFileVersion = 0;
function writeOps(
  entry: { role: 'viewer' | 'operator'; accounts?: string[]; id?: string; password?: string } | null,
): void {
  writeFileSync(
    usersFile,
    JSON.stringify(entry ? [{ username: 'ops', password: PASSWORD_HASH, ...entry }] : []),
  );
  // A distinct modification time each write, however fast the test runs.
  usersFileVersion += 1;
  const when = new Date(Date.UTC(2026, 0, 1) + usersFileVersion * 1000);
  utimesSync(usersFile, when, when);
}

const bearer = (secret: string, extra: Record<string, string> = {}) =>
  new Headers({ authorization: `Bearer ${secret}`, ...extra });

/** A token request as it reaches the app from `peer`, through the request boundary. */
function from(peer: string, secret: string): Headers {
  const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
  stampRequest(headers, peer, NO_PROXY_TRUST);
  return new Headers(headers);
}

async function statusOf(check: Promise<{ ok: true } | { ok: false; response: Response }>): Promise<number> {
  const result = await check;
  return result.ok ? 200 : result.response.status;
}

async function bodyOf(response: Response): Promise<string> {
  return response.text();
}

describe('who is asking: a session or an API token', () => {
  beforeAll(async () => {
    writeOps({ role: 'operator' });
    vi.stubEnv('AUTH_USERS_FILE', usersFile);
    vi.stubEnv('AUTH_USERS_RECHECK_SECONDS', '0');
    opened.store = await openStore({ databaseUrl: null, dataDir: 'memory://', historyDays: 30 });
  }, 60_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await opened.store?.close();
  });
  beforeEach(() => {
    session.user = null;
    writeOps({ role: 'operator' });
  });

  it('without a token, asks for the session as requireRole does', async () => {
    expect((await requireCaller(new Headers(), 'viewer')).ok).toBe(false);
    session.user = operator;
    expect(await requireCaller(new Headers(), 'operator')).toEqual({ ok: true, user: operator, token: null });
  });

  it('lets a read token read and not submit; a submit token both, as the token’s own user', async () => {
    const read = await makeToken('read');
    const asReader = await requireCaller(bearer(read.secret), 'viewer');
    expect(asReader).toMatchObject({
      ok: true,
      user: { id: `token:${read.id}`, name: 'read token', role: 'viewer', accounts: ['default'] },
    });
    const refused = await requireCaller(bearer(read.secret), 'operator');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.response.status).toBe(403);

    const submit = await makeToken('submit');
    expect(await requireCaller(bearer(submit.secret), 'operator')).toMatchObject({
      ok: true,
      user: { role: 'operator' },
      token: { id: submit.id, scope: 'submit' },
    });
  });

  it('answers 401 to an unknown, revoked, expired or malformed token, without echoing it', async () => {
    const revoked = await makeToken('submit');
    await revokeToken((opened.store as Store).db, revoked.id, new Date());
    const expired = await makeToken('submit', -1);
    for (const secret of [newTokenSecret(), revoked.secret, expired.secret, 'cdnm_short', 'not-a-token']) {
      const check = await requireCaller(bearer(secret), 'viewer');
      expect(check.ok).toBe(false);
      if (check.ok) continue;
      expect(check.response.status).toBe(401);
      expect(await bodyOf(check.response)).not.toContain(secret);
    }
    const basic = await requireCaller(new Headers({ authorization: 'Basic b3BzOm9wcw==' }), 'viewer');
    expect(basic.ok ? 200 : basic.response.status).toBe(401);
  });

  it('spends each token’s own per-minute budget, as a user’s', async () => {
    const before = process.env.API_RATE_LIMIT_PER_MINUTE;
    process.env.API_RATE_LIMIT_PER_MINUTE = '2';
    try {
      const first = await makeToken('read');
      const second = await makeToken('read');
      expect((await requireCaller(bearer(first.secret), 'viewer')).ok).toBe(true);
      expect((await requireCaller(bearer(first.secret), 'viewer')).ok).toBe(true);
      const limited = await requireCaller(bearer(first.secret), 'viewer');
      expect(limited.ok).toBe(false);
      if (!limited.ok) {
        expect(limited.response.status).toBe(429);
        expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // Another token has a budget of its own.
      expect((await requireCaller(bearer(second.secret), 'viewer')).ok).toBe(true);
    } finally {
      if (before === undefined) delete process.env.API_RATE_LIMIT_PER_MINUTE;
      else process.env.API_RATE_LIMIT_PER_MINUTE = before;
    }
  });

  it('refuses a token sent with a session cookie, even when both are valid', async () => {
    session.user = operator;
    const { secret } = await makeToken('submit');
    for (const cookie of [
      'next-auth.session-token=abc',
      '__Secure-next-auth.session-token.0=abc; locale=en',
    ]) {
      const check = await requireCaller(bearer(secret, { cookie }), 'viewer');
      expect(check.ok).toBe(false);
      if (check.ok) continue;
      expect(check.response.status).toBe(400);
      expect(await check.response.json()).toMatchObject({ error: { code: 'AmbiguousCredentials' } });
    }
    // Another cookie (the language) is not a session.
    expect((await requireCaller(bearer(secret, { cookie: 'locale=zh' }), 'viewer')).ok).toBe(true);
  });

  it('holds a token to its maker’s entry now: made a viewer it only reads, removed it is dead', async () => {
    const submit = await makeToken('submit');
    writeOps({ role: 'operator', accounts: ['staging'] });
    // The token's accounts within the maker's current ones: none left of ['default'].
    expect(await requireCaller(bearer(submit.secret), 'viewer')).toMatchObject({
      ok: true,
      user: { role: 'operator', accounts: [] },
    });

    writeOps({ role: 'viewer' });
    const demoted = await requireCaller(bearer(submit.secret), 'operator');
    expect(demoted.ok ? 200 : demoted.response.status).toBe(403);
    expect(await requireCaller(bearer(submit.secret), 'viewer')).toMatchObject({
      ok: true,
      user: { role: 'viewer', accounts: ['default'] },
    });

    writeOps(null);
    const removed = await requireCaller(bearer(submit.secret), 'viewer');
    expect(removed.ok ? 200 : removed.response.status).toBe(401);
  });

  it('ends a removed maker’s tokens for good: the same name added again does not bring them back', async () => {
    writeOps({ role: 'operator', id: 'u_ops-first-entry' });
    const token = await createToken('submit');
    expect(await statusOf(requireCaller(bearer(token.secret), 'operator'))).toBe(200);
    writeOps(null);
    expect(await statusOf(requireCaller(bearer(token.secret), 'viewer'))).toBe(401);
    // Added again by `user:add` (a new entry id), even with the old password.
    writeOps({ role: 'operator', id: 'u_ops-second-entry' });
    expect(await statusOf(requireCaller(bearer(token.secret), 'viewer'))).toBe(401);
    // What the new entry makes works.
    const fresh = await createToken('submit');
    expect(await statusOf(requireCaller(bearer(fresh.secret), 'operator'))).toBe(200);
  });

  it('keeps a maker’s tokens through a password change of their entry; an entry without an id is its password', async () => {
    writeOps({ role: 'operator', id: 'u_ops-kept-entry' });
    const kept = await createToken('read');
    writeOps({ role: 'operator', id: 'u_ops-kept-entry', password: OTHER_PASSWORD_HASH });
    expect(await statusOf(requireCaller(bearer(kept.secret), 'viewer'))).toBe(200);

    // Written by hand without an id: nothing tells a new password from a new user of that name.
    writeOps({ role: 'operator' });
    const handWritten = await createToken('read');
    expect(await statusOf(requireCaller(bearer(handWritten.secret), 'viewer'))).toBe(200);
    writeOps({ role: 'operator', password: OTHER_PASSWORD_HASH });
    expect(await statusOf(requireCaller(bearer(handWritten.secret), 'viewer'))).toBe(401);
  });

  it('binds a token made before entries were tracked to its maker’s entry at its first use', async () => {
    writeOps({ role: 'operator', id: 'u_ops-legacy-entry' });
    const pinned = await makeToken('read');
    expect(await statusOf(requireCaller(bearer(pinned.secret), 'viewer'))).toBe(200);
    writeOps({ role: 'operator', id: 'u_ops-later-entry' });
    expect(await statusOf(requireCaller(bearer(pinned.secret), 'viewer'))).toBe(401);

    // First used while its maker is gone: dead, and stays so when the name comes back.
    const orphan = await makeToken('read');
    writeOps(null);
    expect(await statusOf(requireCaller(bearer(orphan.secret), 'viewer'))).toBe(401);
    writeOps({ role: 'operator', id: 'u_ops-legacy-entry' });
    expect(await statusOf(requireCaller(bearer(orphan.secret), 'viewer'))).toBe(401);
  });

  it('limits wrong tokens per address: 429 with Retry-After, a valid token elsewhere unaffected', async () => {
    const valid = await makeToken('read');
    const guesser = '198.51.100.7';
    for (let guess = 0; guess < TOKEN_GUESS_LIMIT.failures; guess += 1) {
      const secret = guess % 2 === 0 ? newTokenSecret() : 'not-a-token';
      expect(await statusOf(requireCaller(from(guesser, secret), 'viewer'))).toBe(401);
    }
    const refused = await requireCaller(from(guesser, newTokenSecret()), 'viewer');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.response.status).toBe(429);
      expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.response.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    }
    // Past the limit even a right guess is not looked at, else 200 against 429 would tell it apart.
    expect(await statusOf(requireCaller(from(guesser, valid.secret), 'viewer'))).toBe(429);
    expect(await statusOf(requireCaller(from('192.0.2.44', valid.secret), 'viewer'))).toBe(200);
  });

  it('does not count a real token that was revoked as a guess, nor a valid one', async () => {
    const revoked = await makeToken('read');
    await revokeToken((opened.store as Store).db, revoked.id, new Date());
    const valid = await makeToken('read');
    const pipeline = '203.0.113.25';
    for (let use = 0; use < TOKEN_GUESS_LIMIT.failures + 5; use += 1) {
      expect(await statusOf(requireCaller(from(pipeline, revoked.secret), 'viewer'))).toBe(401);
      expect(await statusOf(requireCaller(from(pipeline, valid.secret), 'viewer'))).toBe(200);
    }
  });
});
