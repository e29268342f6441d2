/**
 * The /tasks page as a browser sees it: JavaScript sent on first load (gzip: the scripts the load
 * event waited for), the explorer's own chunk that the page asks for as it hydrates, and the charts
 * and the rest after that; Largest Contentful Paint; the time from a filter change to updated rows
 * with a warm cache.
 * Headless Chromium on this machine, against the dashboard the benchmarks share (its store synced);
 * prints medians, asserts nothing.
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../playwright.config';
import { percentile } from './support/dashboard-instances';
import { heading } from './support/report';
import { syncedFleet } from './support/synced-fleet';

const RUNS = 5;

async function largestContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]?.startTime ?? 0);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      }),
  );
}

/** Clicks a status toggle and waits, inside the page, until every row shows that status. */
async function filterChangeMs(page: Page, status: string): Promise<number> {
  return page.evaluate(async (wanted) => {
    const button = [...document.querySelectorAll<HTMLButtonElement>('fieldset button')].find(
      (b) => b.textContent === wanted,
    );
    if (!button) throw new Error(`no toggle ${wanted}`);
    const started = performance.now();
    button.click();
    const pressed = button.getAttribute('aria-pressed') !== 'true';
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const cells = [...document.querySelectorAll('[data-task-id] td:nth-child(4)')].map(
        (cell) => cell.textContent,
      );
      const done = pressed
        ? cells.length > 0 && cells.every((text) => text === wanted)
        : cells.some((text) => text !== wanted);
      if (done) return performance.now() - started;
      if (performance.now() - started > 10_000) return Number.NaN;
    }
  }, status);
}

export async function benchUi(): Promise<void> {
  const { instance, cookie } = await syncedFleet();
  heading('The /tasks page in headless Chromium (30,000 stored tasks)');
  const url = instance.url;
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const [name, value] =
      cookie
        .split('; ')
        .find((c) => c.includes('session-token'))
        ?.split('=') ?? [];
    const context = await browser.newContext({ locale: 'en-US' });
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: url }]);

    const page = await context.newPage();
    const scripts = new Map<string, Promise<Buffer>>();
    // Noted as the response arrives; its body is read on the side. (Noting it only once the body
    // was in would, on a busy machine, count first-load scripts as later chunks.)
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        scripts.set(
          response.url(),
          response.body().catch(() => Buffer.alloc(0)),
        );
    });
    // The explorer's chunks are asked for together as the page hydrates; nothing else is asked for
    // until they are all in (the charts and the rest load as the explorer renders): those asked for
    // before the first later script is in are the explorer's.
    const requested: string[] = [];
    let explorerRequests: number | null = null;
    let firstLoadUrls: Set<string> | null = null;
    page.on('request', (request) => {
      if (request.resourceType() === 'script') requested.push(request.url());
    });
    page.on('requestfinished', (request) => {
      if (firstLoadUrls && request.resourceType() === 'script' && !firstLoadUrls.has(request.url()))
        explorerRequests ??= requested.length;
    });
    await page.goto(`${url}/tasks`, { waitUntil: 'load' });
    const firstLoad = new Set(scripts.keys());
    firstLoadUrls = firstLoad;
    await page.getByTestId('chart-timeline').waitFor({ timeout: 60_000 });
    const explorerUrls = new Set(requested.slice(0, explorerRequests ?? 0));
    const bodies = new Map(
      await Promise.all([...scripts].map(async ([script, body]) => [script, await body] as const)),
    );
    const gz = (buffers: Buffer[]) =>
      buffers.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0) / 1024;
    const report = (label: string, included: (script: string) => boolean) => {
      const chosen = [...bodies].filter(([script]) => included(script)).map(([, body]) => body);
      console.log(`${label}: ${gz(chosen).toFixed(1)} KiB gzip in ${chosen.length} files`);
    };
    report('first-load JavaScript', (script) => firstLoad.has(script));
    report(
      "then the explorer's own chunk, asked for as the page hydrates",
      (script) => explorerUrls.has(script) && !firstLoad.has(script),
    );
    report(
      'then the charts and the rest, as the explorer renders',
      (script) => !explorerUrls.has(script) && !firstLoad.has(script),
    );

    const lcps: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const fresh = await context.newPage();
      await fresh.goto(`${url}/tasks`, { waitUntil: 'load' });
      lcps.push(await largestContentfulPaint(fresh));
      await fresh.close();
    }
    console.log(`Largest Contentful Paint: median ${percentile(lcps, 50).toFixed(0)} ms over ${RUNS} loads`);

    // Warm the cache for both views, then time toggling between them.
    await filterChangeMs(page, 'Failed');
    await filterChangeMs(page, 'Failed');
    const changes: number[] = [];
    for (let i = 0; i < RUNS; i += 1) changes.push(await filterChangeMs(page, 'Failed'));
    console.log(
      `filter change to updated rows (warm cache): median ${percentile(changes, 50).toFixed(1)} ms over ${RUNS}`,
    );
  } finally {
    await browser.close();
  }
}
