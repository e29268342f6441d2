/**
 * Exports at once: a user's third while two are still downloading gets 429 with Retry-After (and the
 * contract's error shape); another user still gets theirs; a finished or abandoned download gives its
 * slot back. The CSV stream itself is replaced by one the test ends when it likes.
 */
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/server/auth/session';

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  streams: [] as Array<ReadableStreamDefaultController<Uint8Array>>,
}));
vi.mock('@/lib/server/auth/session', () => ({ currentUser: async () => state.user }));
vi.mock('next-intl/server', () => ({ getTranslations: async () => (key: string) => key }));
vi.mock('@/lib/server/tasks/export', () => ({
  taskCsvStream: () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        state.streams.push(controller);
      },
    }),
}));

const { GET } = await import('./route');
const { setProcessSingleton } = await import('@/lib/node/process-singleton');

const user = (name: string): SessionUser => ({ id: `local:${name}`, name, role: 'viewer', accounts: null });
const exportAs = async (name: string) => {
  state.user = user(name);
  return GET(new NextRequest('http://dashboard.invalid/api/tasks/export?from=now-1h'));
};

beforeEach(() => {
  state.streams = [];
  setProcessSingleton('export-slots', undefined);
});

describe('GET /api/tasks/export', () => {
  it("refuses a user's third export at once while two run, with 429 and Retry-After", async () => {
    const first = await exportAs('ann');
    const second = await exportAs('ann');
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await exportAs('ann');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.json()).toEqual({ error: { code: 'TooManyExports', message: expect.any(String) } });
    expect((await exportAs('bob')).status).toBe(200);

    // One of ann's downloads completes: her next export runs.
    const reader = first.body?.getReader();
    state.streams[0]?.close();
    while (!(await reader?.read())?.done) {}
    expect((await exportAs('ann')).status).toBe(200);
    // Another is abandoned by the browser: that slot comes back too.
    await second.body?.cancel();
    expect((await exportAs('ann')).status).toBe(200);
    expect((await exportAs('ann')).status).toBe(429);
  });

  it('holds the whole instance to EXPORT_MAX_CONCURRENT', async () => {
    vi.stubEnv('EXPORT_MAX_CONCURRENT', '3');
    try {
      const statuses = [];
      for (const name of ['a', 'b', 'c', 'd']) statuses.push((await exportAs(name)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
