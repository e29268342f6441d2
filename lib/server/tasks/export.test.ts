/**
 * The CSV export stops reading the store when the download is abandoned: the route's body (with its
 * byte order mark) is cancelled when the client goes away, and that must close the row reader, not
 * let it run on to the cap for nobody.
 */
import { describe, expect, it, vi } from 'vitest';
import { withUtf8Bom } from '@/lib/csv';
import { DEFAULT_FILTERS, toTaskQuery } from '@/lib/filters';
import type { Task } from '@/lib/task';

const source = vi.hoisted(() => ({ rowsRead: 0, closed: false }));
// The store's row reader, as an endless one that counts what it hands out.
vi.mock('./reads', () => ({
  exportRowsFor: async function* (): AsyncGenerator<Task> {
    try {
      for (;;) {
        source.rowsRead += 1;
        yield {
          taskId: String(source.rowsRead),
          objectPath: `http://a.example/${source.rowsRead}.js`,
          objectType: 'file',
          status: 'Failed',
          progress: 0,
          createdAt: '2026-11-28T08:00:00Z',
          domain: 'a.example',
          description: 'Origin Timeout',
          reason: 'origin-timeout',
        };
      }
    } finally {
      source.closed = true;
    }
  },
}));

const { taskCsvStream } = await import('./export');

describe('taskCsvStream', () => {
  it('stops reading rows when the download is cancelled', async () => {
    const window = { startMs: 0, endMs: 1, clamped: false };
    const body = withUtf8Bom(taskCsvStream('default', toTaskQuery(DEFAULT_FILTERS), window));
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (source.rowsRead < 250) {
      const { value } = await reader.read();
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toContain('http://a.example/1.js');
    expect(source.closed).toBe(false);

    await reader.cancel('client went away');
    const readWhenCancelled = source.rowsRead;
    // Give a reader that ignored the cancel every chance to carry on.
    for (let i = 0; i < 50; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(source.closed).toBe(true);
    expect(source.rowsRead).toBe(readWhenCancelled);
    expect(readWhenCancelled).toBeLessThan(1_000);
  });
});
