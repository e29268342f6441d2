/**
 * Signs in once, through the real sign-in page, as the demo operator, and saves the session for every
 * other test (playwright.config.ts: the chromium project depends on this one).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test as setup } from '@playwright/test';
import { OPERATOR_STORAGE_STATE } from '../playwright.config';
import { signInThroughPage } from './support/sign-in';

setup('sign in as the demo operator', async ({ page }) => {
  await page.goto('/tasks');
  await signInThroughPage(page, 'demo', 'demo');
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByTestId('current-user')).toHaveText('demo');
  await expect(page.getByTestId('current-role')).toHaveText('operator');
  mkdirSync(dirname(OPERATOR_STORAGE_STATE), { recursive: true });
  await page.context().storageState({ path: OPERATOR_STORAGE_STATE });
});
