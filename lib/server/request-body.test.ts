/**
 * The body reader stops at its limit whatever the request claims: a lying Content-Length, none at
 * all, or a stream that never ends are all refused with 413 once the limit is passed, and no more
 * of the body is pulled than the limit and one chunk. Every route that reads a body reads it here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { payloadTooLarge, readBodyText } from './request-body';

const encoder = new TextEncoder();

/** A body of `chunks` chunks of `size` bytes (endless when chunks is Infinity), counting what is pulled. */
function streamedBody(
  size: number,
  chunks: number,
): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled += 1;
      controller.enqueue(encoder.encode('a'.repeat(size)));
    },
  });
  return { body, pulled: () => pulled };
}

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request('http://dashboard.invalid/api/x', {
    method: 'POST',
    body,
    headers,
    duplex: 'half',
  } as RequestInit);
}

describe('readBodyText', () => {
  it('reads a body up to the limit, in any number of chunks', async () => {
    expect(await readBodyText(post('héllo'), 6)).toEqual({ ok: true, text: 'héllo' });
    const { body } = streamedBody(100, 10);
    expect(await readBodyText(post(body), 1_000)).toEqual({ ok: true, text: 'a'.repeat(1_000) });
  });

  it('stops an endless body at the limit, answering 413 in the contract shape', async () => {
    const endless = streamedBody(1_000, Number.POSITIVE_INFINITY);
    const read = await readBodyText(post(endless.body), 10_000);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.response.status).toBe(413);
    expect(await read.response.json()).toEqual({
      error: {
        code: 'PayloadTooLarge',
        message: expect.stringContaining('10000 bytes'),
        fields: { body: 'must be at most 10000 bytes' },
      },
    });
    // The limit and one chunk, perhaps one more the stream queued ahead: never the rest.
    expect(endless.pulled()).toBeLessThanOrEqual(13);
  });

  it('does not believe a Content-Length smaller than the body', async () => {
    const { body } = streamedBody(4_096, 8);
    const read = await readBodyText(post(body, { 'content-length': '10' }), 8_192);
    expect(read.ok).toBe(false);
  });

  it('refuses a declared length over the limit without reading', async () => {
    const { body, pulled } = streamedBody(1, 1);
    const read = await readBodyText(post(body, { 'content-length': '9000' }), 8_192);
    expect(read.ok).toBe(false);
    expect(pulled()).toBe(0);
    expect(payloadTooLarge(1).status).toBe(413);
  });
});

describe('the routes', () => {
  it('read bodies only through readBodyText', () => {
    const root = join(import.meta.dirname, '..', '..');
    const routes = readdirSync(join(root, 'app', 'api'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name === 'route.ts')
      .map((entry) => join(entry.parentPath, entry.name));
    const helpers = ['lib/server/resubmit/request-body.ts', 'lib/server/json-body.ts'].map((path) =>
      join(root, path),
    );
    for (const file of [...routes, ...helpers]) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/\b(request|req)\.(json|text|formData|arrayBuffer|blob)\(/);
    }
    const readers = [...routes, ...helpers].filter((file) =>
      readFileSync(file, 'utf8').includes('readBodyText('),
    );
    expect(readers.map((file) => file.slice(root.length + 1)).sort()).toEqual([
      'app/api/alerts/test/route.ts',
      'app/api/auth/[...nextauth]/route.ts',
      'app/api/locale/route.ts',
      'lib/server/json-body.ts',
    ]);
    // The JSON routes' bodies go through readJsonBody, so through readBodyText too.
    expect(readFileSync(join(root, 'lib/server/resubmit/request-body.ts'), 'utf8')).toContain(
      'readJsonBody(',
    );
  });
});
