/**
 * The tasks page guards its own data: rendered without a session (as a client navigation renders it,
 * without the layout), it redirects to sign in, back to the same address, before reading any task; an
 * account the user may not see is a 403, before reading any task either.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/server/auth/session';

const state = vi.hoisted(() => ({ user: null as SessionUser | null, reads: 0 }));
vi.mock('@/lib/server/auth/session', () => ({ currentUser: async () => state.user }));
vi.mock('@/lib/server/tasks/view-reads', () => ({
  taskListFor: async () => {
    state.reads += 1;
    return { tasks: [], page: 1, size: 20, total: 0, fetchedAt: '2026-11-29T05:00:00Z', partial: false };
  },
}));
vi.mock('@/components/tasks/lazy-task-explorer', () => ({ LazyTaskExplorer: () => null }));

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

  // next/navigation's forbidden(): under Next.js it throws the 403 digest the 403 page renders for
  // (app/forbidden.tsx); outside it (here) an error naming forbidden() itself.
  const FORBIDDEN = /NEXT_HTTP_ERROR_FALLBACK;403|`forbidden\(\)`/;

  it('answers 403 for an account the user may not see, and reads nothing', async () => {
    state.user = { id: 'local:v', name: 'v', role: 'viewer', accounts: null };
    for (const acct of ['elsewhere', 'Not An Id', ['elsewhere', 'elsewhere']]) {
      await expect(TasksPage({ searchParams: Promise.resolve({ acct }) }), String(acct)).rejects.toThrow(
        FORBIDDEN,
      );
    }
    expect(state.reads).toBe(0);
  });

  it('reads a bad filter value at its default, and still reads the first page', async () => {
    state.user = { id: 'local:v', name: 'v', role: 'viewer', accounts: null };
    await TasksPage({ searchParams: Promise.resolve({ status: 'Done!', size: '30' }) });
    expect(state.reads).toBe(1);
  });

  it('with a session, reads the first page', async () => {
    state.user = { id: 'local:v', name: 'v', role: 'viewer', accounts: null };
    await TasksPage({ searchParams: Promise.resolve({ type: 'file' }) });
    expect(state.reads).toBe(1);
  });
});
