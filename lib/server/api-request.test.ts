import { describe, expect, it } from 'vitest';
import { handleApiRequest } from './api-request';
import { jsonOk } from './http';
import { UpstreamError } from './upstream/upstream-error';

const request = () =>
  new Request('http://dashboard.test/api/tasks', { headers: { 'x-request-id': 'req-12345678' } });

describe('handleApiRequest', () => {
  it('answers what the handler returns, with the request id', async () => {
    const response = await handleApiRequest(request(), 'tasks', async () => jsonOk({ ok: true }));
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Request-Id')).toBe('req-12345678');
    expect(await response.json()).toEqual({ ok: true });
  });

  it('turns a thrown upstream failure into the error contract', async () => {
    const response = await handleApiRequest(request(), 'tasks', async () => {
      throw new UpstreamError({
        kind: 'throttled',
        code: 'Throttling.User',
        message: 'slow down',
        requestId: 'up-1',
      });
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    expect(response.headers.get('X-Request-Id')).toBe('req-12345678');
    const body = (await response.json()) as { error: { code: string; upstream: { code: string } } };
    expect(body.error.code).toBe('UpstreamThrottled');
    expect(body.error.upstream.code).toBe('Throttling.User');
  });

  it('answers anything else with a bare 500 that holds neither message nor stack', async () => {
    const response = await handleApiRequest(request(), 'tasks', async () => {
      throw new Error('password=hunter2 at /srv/app/lib/server/store.ts:12');
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'InternalError', message: 'The dashboard failed to answer this request.' },
    });
    expect(text).not.toMatch(/hunter2|store\.ts/);
  });
});
