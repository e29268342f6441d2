/**
 * The tasks page guards its own data: rendered without a session (as a client navigation renders it,
 * without the layout), it redirects to sign in, back to the same address, before reading any task.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/server/auth/session';

const state = vi.hoisted(() => ({ user: null as SessionUser | null, reads: 0 }));
vi.mock('@/lib/server/auth/session', () => ({ currentUser: async () => state.user }));
vi.mock('@/lib/server/tasks/reads', () => ({
  taskListFor: async () => {
    state.reads += 1;
    return { tasks: [], page: 1, size: 20, total: 0, fetchedAt: '2026-11-29T05:00:00Z', partial: false };
  },
}));
vi.mock('@/components/tasks/tasks-explorer', () => ({ TasksExplorer: () => null }));

const { default: TasksPage } = await import('./page');

beforeEach(() => {
  state.reads = 0;
});

describe('the tasks page', () => {
  it('without a session, redirects to sign in and reads nothing', async () => {
    state.user = null;
    const rendering = TasksPage({ searchParams: Promise.resolve({ status: 'Failed', type: 'file' }) });
    await expect(rendering).rejects.toMatchObject({
      digest: expect.stringContaining('/signin?callbackUrl=%2Ftasks%3Fstatus%3DFailed%26type%3Dfile'),
    });
    expect(state.reads).toBe(0);
  });

  it('with a session, reads the first page', async () => {
    state.user = { id: 'local:v', name: 'v', role: 'viewer', accounts: null };
    await TasksPage({ searchParams: Promise.resolve({ type: 'file' }) });
    expect(state.reads).toBe(1);
  });
});
