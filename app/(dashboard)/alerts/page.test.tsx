/**
 * The alerts page guards its own data: rendered without a session (as a client navigation renders it,
 * without the layout), it redirects to sign in, back to /alerts, before opening the store or reading
 * an alert.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/server/auth/session';

const state = vi.hoisted(() => ({ user: null as SessionUser | null, storeOpened: 0, viewsRead: 0 }));
vi.mock('@/lib/server/auth/session', () => ({ currentUser: async () => state.user }));
vi.mock('@/lib/server/store/database', () => ({
  store: async () => {
    state.storeOpened += 1;
    return {};
  },
}));
vi.mock('@/lib/server/alerts/alerts-view', () => ({
  alertsView: async () => {
    state.viewsRead += 1;
    return { firing: [], past: [], channels: [], rules: [] };
  },
}));
vi.mock('@/components/alerts/alerts-overview', () => ({ AlertsOverview: () => null }));

const { default: AlertsPage } = await import('./page');

beforeEach(() => {
  state.storeOpened = 0;
  state.viewsRead = 0;
});

describe('the alerts page', () => {
  it('without a session, redirects to sign in and reads nothing', async () => {
    state.user = null;
    await expect(AlertsPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({
      digest: expect.stringContaining('/signin?callbackUrl=%2Falerts'),
    });
    expect(state.storeOpened).toBe(0);
    expect(state.viewsRead).toBe(0);
  });

  it('with a session, reads the alerts', async () => {
    state.user = { id: 'local:v', name: 'v', role: 'viewer', accounts: null };
    await AlertsPage({ searchParams: Promise.resolve({}) });
    expect(state.viewsRead).toBe(1);
  });
});
