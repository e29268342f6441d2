import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from './session';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('./session', () => ({ currentUser: async () => session.user }));

const { requireRole } = await import('./require-role');

describe('requireRole', () => {
  beforeEach(() => {
    session.user = null;
  });

  it('answers 401 in the contract shape without a session', async () => {
    const check = await requireRole('viewer');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.response.status).toBe(401);
    expect(await check.response.json()).toEqual({
      error: { code: 'Unauthorized', message: expect.any(String) },
    });
  });

  it('answers 403 when the role is below the one needed', async () => {
    session.user = { id: 'local:v', name: 'v', role: 'viewer', accounts: null };
    const check = await requireRole('operator');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.response.status).toBe(403);
    expect(await check.response.json()).toEqual({
      error: { code: 'Forbidden', message: expect.stringContaining('operator') },
    });
  });

  it('lets an operator do what a viewer may, and more', async () => {
    session.user = { id: 'local:o', name: 'o', role: 'operator', accounts: null };
    expect(await requireRole('viewer')).toEqual({ ok: true, user: session.user });
    expect(await requireRole('operator')).toEqual({ ok: true, user: session.user });
  });
});
