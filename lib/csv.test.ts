import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, csvComment, csvHeader, csvRow, taskCsvRow, withUtf8Bom } from './csv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(99.5)).toBe('99.5');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes a task in column order with CRLF', () => {
    expect(csvRow(['a', 1])).toBe('a,1\r\n');
    const line = taskCsvRow({
      taskId: '1',
      objectPath: 'http://a.com/x,y.js',
      objectType: 'file',
      status: 'Failed',
      progress: 0,
      createdAt: '2026-11-28T08:00:00Z',
      domain: 'a.com',
      description: 'Origin Timeout',
      reason: 'origin-timeout',
    });
    expect(line).toBe(
      '1,"http://a.com/x,y.js",file,Failed,0,2026-11-28T08:00:00Z,a.com,origin-timeout,Origin Timeout\r\n',
    );
  });

  it('writes the header row in the words it is given, one per column, quoted like any cell', () => {
    const columns = Object.fromEntries(CSV_COLUMNS.map((column) => [column, column]));
    expect(csvHeader({ columns: columns as never, truncated: '', failed: '' })).toBe(
      'taskId,objectPath,objectType,status,progress,createdAt,domain,reason,description\r\n',
    );
    const zh = { ...columns, taskId: '任务 ID', description: '描述, 原文' };
    expect(csvHeader({ columns: zh as never, truncated: '', failed: '' })).toMatch(
      /^任务 ID,.*,"描述, 原文"\r\n$/,
    );
  });

  it('writes a comment line on one line whatever the text', () => {
    expect(csvComment('已截断：导出最多 100,000 行')).toBe('# 已截断：导出最多 100,000 行\r\n');
    expect(csvComment('two\r\nlines')).toBe('# two lines\r\n');
  });

  it('starts a stream with the UTF-8 byte order mark and passes the rest through unchanged', async () => {
    const encoder = new TextEncoder();
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('objectPath\r\n'));
        controller.enqueue(encoder.encode('http://a.com/活动/双11/图.jpg\r\n'));
        controller.close();
      },
    });
    const bytes = new Uint8Array(await new Response(withUtf8Bom(source)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3))).toBe(
      'objectPath\r\nhttp://a.com/活动/双11/图.jpg\r\n',
    );
  });

  it('cancels the source when the download is abandoned', async () => {
    let cancelled: unknown = null;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array([0x61]));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const reader = withUtf8Bom(source).getReader();
    await reader.read();
    await reader.cancel('client went away');
    expect(cancelled).toBe('client went away');
  });
});
