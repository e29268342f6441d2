/**
 * The CSV export stops reading the store when the download is abandoned: the route's body (with its
 * byte order mark) is cancelled when the client goes away, and that must close the row reader, not
 * let it run on to the cap for nobody. Its header and comment lines are the wording it is given
 * (the request's language); its rows are the store's, untranslated.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CSV_COLUMNS, type CsvWording, withUtf8Bom } from '@/lib/csv';
import { EXPORT_ROW_CAP } from '@/lib/export-limits';
import { DEFAULT_FILTERS, toDataFilters } from '@/lib/filters';
import type { Task } from '@/lib/task';

const source = vi.hoisted(() => ({ rowsRead: 0, closed: false, failAfter: Number.POSITIVE_INFINITY }));
// The store's row reader, as an endless one that counts what it hands out (and fails when told to).
vi.mock('./view-reads', () => ({
  exportRowsFor: async function* (): AsyncGenerator<Task> {
    try {
      for (;;) {
        if (source.rowsRead >= source.failAfter) throw new Error('connection lost');
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
vi.mock('../logger', () => ({ logger: () => ({ error: () => {} }) }));

const { taskCsvStream } = await import('./export');

const window = { startMs: 0, endMs: 1, clamped: false };
/** Chinese words, as the route builds them from messages/ui for a zh request. */
const zh: CsvWording = {
  columns: {
    taskId: '任务 ID',
    objectPath: '对象路径',
    objectType: '类型',
    status: '状态',
    progress: '进度',
    createdAt: '创建时间',
    domain: '域名',
    reason: '失败原因',
    description: '描述',
  },
  truncated: '已截断：导出最多 100,000 行',
  failed: '错误：导出过程中读取任务存储失败，文件不完整',
};
const en: CsvWording = {
  columns: Object.fromEntries(CSV_COLUMNS.map((column) => [column, column])) as CsvWording['columns'],
  truncated: 'truncated',
  failed: 'failed',
};

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

beforeEach(() => {
  source.rowsRead = 0;
  source.closed = false;
  source.failAfter = Number.POSITIVE_INFINITY;
});

describe('taskCsvStream', () => {
  it('stops reading rows when the download is cancelled', async () => {
    const body = withUtf8Bom(taskCsvStream('default', toDataFilters(DEFAULT_FILTERS), window, en));
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

  it('writes the header in the wording’s language and the rows exactly as stored', async () => {
    source.failAfter = 2;
    const lines = (await readAll(taskCsvStream('default', toDataFilters(DEFAULT_FILTERS), window, zh))).split(
      '\r\n',
    );
    expect(lines[0]).toBe('任务 ID,对象路径,类型,状态,进度,创建时间,域名,失败原因,描述');
    expect(lines[1]).toBe(
      '1,http://a.example/1.js,file,Failed,0,2026-11-28T08:00:00Z,a.example,origin-timeout,Origin Timeout',
    );
    expect(lines[3]).toBe(`# ${zh.failed}`);
  });

  it('ends a file the cap cut short with the wording’s comment line', async () => {
    const text = await readAll(taskCsvStream('default', toDataFilters(DEFAULT_FILTERS), window, zh));
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + EXPORT_ROW_CAP + 1);
    expect(lines.at(-1)).toBe('# 已截断：导出最多 100,000 行');
    expect(source.closed).toBe(true);
  });
});
