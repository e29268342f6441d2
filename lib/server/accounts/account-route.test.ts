import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../auth/session';

// The session is the one thing stubbed: next-auth's cookie is not what this gate is about.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('../auth/session', () => ({ currentUser: async () => session.user }));

const { accountRouteAccess } = await import('./account-route');

const viewer: SessionUser = { id: 'local:v', name: 'v', role: 'viewer', accounts: null };
const operator: SessionUser = { id: 'local:o', name: 'o', role: 'operator', accounts: null };
const get = (search: string) => new Request(`http://localhost/api/sync${search}`);
const crossSitePost = (search = '') =>
  new Request(`http://localhost/api/resubmit${search}`, {
    method: 'POST',
    headers: { origin: 'https://evil.example' },
  });

async function refusal(answer: Awaited<ReturnType<typeof accountRouteAccess>>) {
  expect(answer.ok).toBe(false);
  if (answer.ok) throw new Error('let through');
  return {
    status: answer.response.status,
    body: (await answer.response.json()) as { error: { code: string; fields?: object } },
  };
}

describe('accountRouteAccess', () => {
  beforeEach(() => {
    session.user = null;
  });

  it('asks for the session first, before the origin, the account or the keys', async () => {
    expect(
      (
        await refusal(
          await accountRouteAccess(crossSitePost('?acct=nosuch&x=1'), { role: 'viewer', changesState: true }),
        )
      ).status,
    ).toBe(401);
  });

  it('refuses a role below the one needed', async () => {
    session.user = viewer;
    expect((await refusal(await accountRouteAccess(get(''), { role: 'operator' }))).status).toBe(403);
  });

  it('refuses a state change from another site before it looks at the account', async () => {
    session.user = operator;
    const answer = await refusal(
      await accountRouteAccess(crossSitePost('?acct=nosuch'), { role: 'operator', changesState: true }),
    );
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('CrossSiteRefused');
  });

  it('refuses an account the user may not see, and a repeated acct', async () => {
    session.user = viewer;
    expect((await refusal(await accountRouteAccess(get('?acct=nosuch'), { role: 'viewer' }))).status).toBe(
      403,
    );
    expect(
      (await refusal(await accountRouteAccess(get('?acct=default&acct=default'), { role: 'viewer' }))).status,
    ).toBe(400);
  });

  it("names every key the route does not read, and lets the route's own through", async () => {
    session.user = viewer;
    const answer = await refusal(
      await accountRouteAccess(get('?task=1&bogus=2&other=3'), { role: 'viewer' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual({
      task: 'is not a known key here',
      bogus: 'is not a known key here',
      other: 'is not a known key here',
    });
    const own = await accountRouteAccess(get('?task=1&acct=default'), { role: 'viewer', keys: ['task'] });
    expect(own).toMatchObject({ ok: true, user: viewer, account: { id: 'default' } });
  });
});
