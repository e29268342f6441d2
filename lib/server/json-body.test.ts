/**
 * The token and refresh routes' JSON reader holds bodies to their byte limit like every other route:
 * a longer one is answered 413 before any of it is parsed.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonBody } from './json-body';

const schema = z.object({ name: z.string() }).strict();

function post(body: string): Request {
  return new Request('http://dashboard.invalid/api/x', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
}

describe('readJsonBody', () => {
  it('reads and checks a body within the limit', async () => {
    expect(await readJsonBody(post('{"name":"ci"}'), schema, 64)).toEqual({ ok: true, body: { name: 'ci' } });
  });

  it('answers 413 for a body over the limit', async () => {
    const read = await readJsonBody(post(JSON.stringify({ name: 'a'.repeat(100) })), schema, 64);
    expect(read.ok).toBe(false);
    expect('response' in read && read.response.status).toBe(413);
  });

  it('names a body that is not JSON', async () => {
    expect(await readJsonBody(post('{'), schema, 64)).toEqual({
      ok: false,
      fields: { body: 'is not valid JSON' },
    });
  });
});
