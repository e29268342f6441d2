import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, keptJsonOk } from './kept-json';

const request = (acceptEncoding?: string) =>
  new Request('http://dashboard.test/api/tasks/summary', {
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('answers whose JSON is made once', () => {
  it('reads Accept-Encoding: gzip named or by *, unless its q is 0', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip; q=0.0, identity')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });

  it('sends what jsonOk sends: the same JSON and headers, compressed for a client that takes gzip', async () => {
    const body = { total: 3, tasks: [{ id: 'a', note: 'ü ✓' }], fetchedAt: '2026-12-07T12:00:00Z' };
    const plain = keptJsonOk(request(), body);
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(plain.headers.get('cache-control')).toBe('no-store');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(JSON.stringify(body));

    const zipped = keptJsonOk(request('gzip, deflate'), body);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(zipped.headers.get('content-type')).toBe('application/json');
    const bytes = new Uint8Array(await zipped.arrayBuffer());
    expect(gunzipSync(bytes).toString('utf8')).toBe(JSON.stringify(body));
  });

  it('keys the JSON by the object: every answer of one body has the same bytes, another body its own', async () => {
    const body = { n: 1 };
    const first = new Uint8Array(await keptJsonOk(request('gzip'), body).arrayBuffer());
    const again = new Uint8Array(await keptJsonOk(request('gzip'), body).arrayBuffer());
    expect(again).toEqual(first);
    expect(await keptJsonOk(request(), { n: 2 }).text()).toBe('{"n":2}');
  });
});
