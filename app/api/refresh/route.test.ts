/**
 * `?wait` at once: a caller's sixth waiting submission gets 429 TooManyWaits before anything is
 * submitted, another caller still waits, and an answered wait gives its slot back. The caller, the
 * submission and the store's task states are replaced by ones the test controls.
 */
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  callerId: 'token:tok_aaaaaaaaaaaa',
  submissions: 0,
  waits: [] as Array<() => void>,
}));
vi.mock('@/lib/server/tokens/token-caller', () => ({
  requireCaller: async () => ({
    ok: true,
    user: { id: state.callerId, name: 'ci', role: 'operator', accounts: null },
    token: {
      id: state.callerId.slice(6),
      name: 'ci',
      scope: 'submit',
      accounts: null,
      paths: null,
      createdBy: 'x',
    },
  }),
}));
vi.mock('@/lib/server/refresh/submit-refresh', () => ({
  refreshFingerprint: () => 'fingerprint',
  submitRefresh: async () => {
    state.submissions += 1;
    return {
      kind: 'submitted',
      response: {
        accountId: 'default',
        tasks: [{ taskId: '1', objectPath: 'https://img.example.com/a', status: 'Pending' }],
        duplicates: [],
        failed: [],
        notAttempted: [],
      },
    };
  },
}));
vi.mock('@/lib/server/refresh/wait-for-tasks', () => ({
  waitForTasks: (_account: string, tasks: unknown[]) =>
    new Promise((resolve) => state.waits.push(() => resolve({ tasks, ended: false }))),
}));

const { POST } = await import('./route');
const { setProcessSingleton } = await import('@/lib/node/process-singleton');

function refresh(callerId: string, wait: boolean): Promise<Response> {
  state.callerId = callerId;
  return POST(
    new NextRequest(`http://dashboard.invalid/api/refresh${wait ? '?wait=600' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      body: JSON.stringify({ objectType: 'File', paths: ['https://img.example.com/a'] }),
    }),
  );
}

/** Until `count` requests are waiting for their tasks. */
const waitingCount = (count: number) => vi.waitFor(() => expect(state.waits).toHaveLength(count));

beforeEach(() => {
  state.submissions = 0;
  state.waits = [];
  setProcessSingleton('refresh-wait-slots', undefined);
});

describe('POST /api/refresh?wait', () => {
  it("refuses a caller's sixth wait with 429 before submitting, and gives a slot back when one answers", async () => {
    const waiting = Array.from({ length: 5 }, () => refresh('token:tok_aaaaaaaaaaaa', true));
    await waitingCount(5);
    const sixth = await refresh('token:tok_aaaaaaaaaaaa', true);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await sixth.json()).toEqual({ error: { code: 'TooManyWaits', message: expect.any(String) } });
    expect(state.submissions).toBe(5);

    // Without wait, and for another token, nothing is held back.
    expect((await refresh('token:tok_aaaaaaaaaaaa', false)).status).toBe(201);
    const other = refresh('token:tok_bbbbbbbbbbbb', true);
    await waitingCount(6);

    state.waits[0]?.();
    expect((await waiting[0])?.status).toBe(202);
    const again = refresh('token:tok_aaaaaaaaaaaa', true);
    await waitingCount(7);
    for (const release of state.waits.slice(1)) release();
    await Promise.all([...waiting, other, again]);
  });
});
