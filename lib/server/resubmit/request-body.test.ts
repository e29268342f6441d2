/**
 * The resubmit body's repeatable part, the hand-picked rows, has a count limit: beyond it the
 * request is refused naming the field, before a single row is looked up.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SELECTED_ROWS, readResubmitBody } from './request-body';

function previewOf(rows: number): Request {
  const tasks = Array.from({ length: rows }, (_, i) => ({
    taskId: String(1_000 + i),
    objectPath: `http://a.example/${i}.js`,
  }));
  return new Request('http://dashboard.invalid/api/resubmit', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mode: 'preview', selection: { kind: 'tasks', tasks } }),
  });
}

describe('readResubmitBody', () => {
  it('takes up to the limit of hand-picked rows and refuses one more, naming the field', async () => {
    expect(await readResubmitBody(previewOf(MAX_SELECTED_ROWS))).toMatchObject({ ok: true });
    const beyond = await readResubmitBody(previewOf(MAX_SELECTED_ROWS + 1));
    expect(beyond).toMatchObject({ ok: false, fields: expect.any(Object) });
    if (!('fields' in beyond)) return;
    expect(Object.keys(beyond.fields)).toEqual(['selection.tasks']);
  });

  it('refuses a view search longer than a URL the dashboard makes', async () => {
    const request = new Request('http://dashboard.invalid/api/resubmit', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'preview', selection: { kind: 'view', search: 'a'.repeat(8_193) } }),
    });
    const parsed = await readResubmitBody(request);
    expect(parsed).toMatchObject({ ok: false, fields: expect.any(Object) });
    if (!('fields' in parsed)) return;
    expect(Object.keys(parsed.fields)).toEqual(['selection.search']);
  });
});
