/**
 * No page or component shows a user-facing literal written in code: every string an operator reads
 * comes from the message catalogs, in both languages (docs/i18n.md). The scan is
 * scripts/i18n/literal-scan.ts; `// i18n-ok: <why>` exempts a literal that is not for translation.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { files, scanFile } from '../../scripts/i18n/literal-scan';

const root = new URL('../..', import.meta.url).pathname;

/**
 * What reaches a reader's screen: pages and components, and the shared modules whose words they
 * show. Not scanned: API route handlers (their JSON messages are an English contract for scripts),
 * lib/server (logs, and alert messages sent to chat channels), emulator, scripts and tests.
 */
const SCANNED = [
  'components',
  'app/layout.tsx',
  'app/page.tsx',
  'app/not-found.tsx',
  'app/forbidden.tsx',
  'app/signin',
  'app/(dashboard)',
  'lib/failure-guide.ts',
  'lib/time-presets.ts',
];

describe('user-facing text', () => {
  it('lives in the message catalogs, not in pages and components', () => {
    const findings = SCANNED.flatMap((path) => files(join(root, path))).flatMap(scanFile);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.where}: ${f.text}`)).toEqual([]);
  });

  it('is found by the scan where it is written, and only there', () => {
    const findings = scanFile(join(root, 'scripts/i18n/literal-scan.fixture.tsx'));
    expect(findings.map((f) => `${f.kind}:${f.where}:${f.text}`)).toEqual([
      'prose:prop off:Off',
      'prose:prop tenSeconds:Every 10 seconds',
      'jsx:aria-label:Close the drawer',
      'jsx:text:Failed tasks',
      'jsx:child:No rows',
      'jsx:title:Copied',
    ]);
  });
});
