import { describe, expect, it } from 'vitest';
import { jsonOk } from './http';
import { keptJsonOk } from './kept-json';

describe('answers whose JSON is made once', () => {
  it('sends what jsonOk sends: the same JSON and headers', async () => {
    const body = { total: 3, tasks: [{ id: 'a', note: 'ü ✓' }], fetchedAt: '2026-12-07T12:00:00Z' };
    const kept = keptJsonOk(body);
    const plain = jsonOk(body);
    expect(kept.status).toBe(plain.status);
    expect([...kept.headers]).toEqual([...plain.headers]);
    expect(await kept.text()).toBe(await plain.text());
  });

  it('keys the JSON by the object: one body answers the same every time, another body its own', async () => {
    const body = { n: 1 };
    expect(await keptJsonOk(body).text()).toBe('{"n":1}');
    expect(await keptJsonOk(body).text()).toBe('{"n":1}');
    expect(await keptJsonOk({ n: 2 }).text()).toBe('{"n":2}');
  });
});
