/**
 * Chinese directory names in object paths: drawn with real CJK glyphs (not empty boxes) in the table
 * and the drawer, and exported as UTF-8 that spreadsheet programs recognise.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { freezeClock, unfreezeClock } from './emulator-control';

test.beforeAll(async () => {
  await freezeClock();
});
test.afterAll(async () => {
  await unfreezeClock();
});

// The seeded data set has a campaign directory with this name (see emulator/dataset-catalog.ts).
const DIRECTORY = '活动';

/**
 * The fonts Chromium actually used to draw an element's text, as its DevTools protocol reports
 * them: a glyph no font has would be reported under the fallback font with a tofu box.
 */
async function fontsDrawing(page: Page, element: Locator): Promise<string[]> {
  const marker = `cjk-${Math.random().toString(36).slice(2)}`;
  await element.evaluate((node, id) => node.setAttribute('data-font-probe', id), marker);
  const session = await page.context().newCDPSession(page);
  await session.send('DOM.enable');
  await session.send('CSS.enable');
  const { root } = await session.send('DOM.getDocument');
  const { nodeId } = await session.send('DOM.querySelector', {
    nodeId: root.nodeId,
    selector: `[data-font-probe="${marker}"]`,
  });
  const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
  await session.detach();
  return fonts.map((font) => font.familyName);
}

test('paths with Chinese names render with a CJK font in the table and the drawer', async ({ page }) => {
  await page.goto(`/tasks?q=${encodeURIComponent(DIRECTORY)}&from=now-3d`);
  await expect(page.getByTestId('task-table')).toHaveAttribute('aria-busy', 'false');
  const pathSpan = page.locator('[data-task-id] td:nth-child(2) span').first();
  await expect(pathSpan).toContainText(`/${DIRECTORY}/`);

  const stack = await pathSpan.evaluate((node) => getComputedStyle(node).fontFamily);
  expect(stack).toContain('Noto Sans CJK SC');
  expect(await fontsDrawing(page, pathSpan)).toContainEqual(expect.stringMatching(/CJK/));

  await page.locator('[data-task-id] a').first().click();
  const drawerPath = page.getByRole('dialog').locator('span.break-all').first();
  await expect(drawerPath).toContainText(`/${DIRECTORY}/`);
  expect(await fontsDrawing(page, drawerPath)).toContainEqual(expect.stringMatching(/CJK/));

  // The body text's stack names Chinese fonts too (task paths appear in notices and links).
  const bodyStack = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(bodyStack).toContain('Noto Sans CJK SC');
  expect(bodyStack).toContain('Microsoft YaHei');
});

test('the CSV export starts with a UTF-8 byte order mark and keeps Chinese names intact', async ({
  page,
}) => {
  await page.goto(`/tasks?q=${encodeURIComponent(DIRECTORY)}&from=now-3d`);
  const href = (await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')) ?? '';
  const response = await page.request.get(href);
  expect(response.headers()['content-type']).toContain('charset=utf-8');
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe('taskId,objectPath,objectType,status,progress,createdAt,domain,reason,description');
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.includes(`/${DIRECTORY}/`))).toBe(true);
});
