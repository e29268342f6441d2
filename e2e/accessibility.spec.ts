/**
 * axe in English on the pages the Chinese specs also check (e2e/*.zh.spec.ts): the sign-in page and
 * the triage view, light and dark. The task explorer with its drawer and the alerts page have theirs
 * in explorer.spec.ts and alerts.spec.ts.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { storeCaughtUp } from './support/store-sync';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme}`, () => {
    test.use({ colorScheme });

    test.describe('signed out', () => {
      test.use({ storageState: { cookies: [], origins: [] } });
      test('the sign-in page has no serious accessibility violation', async ({ page }) => {
        await page.goto('/signin');
        await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });
    });

    test('the triage view has no serious accessibility violation', async ({ page }) => {
      test.slow(); // axe over two group tables takes a while on a busy machine
      await storeCaughtUp();
      await page.goto('/triage?from=now-3d');
      await expect(page.getByRole('region', { name: 'Likely causes' })).toBeVisible();
      await expect(page.locator('table').first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
