import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, taskCsvRow } from './csv';

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
});
