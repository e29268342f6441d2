/**
 * Waiting for /tasks to be live. The server's HTML already shows the rows (and `aria-busy="false"`),
 * so a visible table says nothing about scripts; "updated … ago" is written only in the browser, once
 * the explorer has hydrated. Before that a key or a click on a script's control (the '/' shortcut,
 * Sign out, the language switch's address-bar reading) is not acted on; early-clicks.spec.ts tests
 * what is held and replayed meanwhile.
 */
import { expect, type Page } from '@playwright/test';

export async function hydrated(page: Page): Promise<void> {
  await expect(page.getByTestId('updated-ago-text')).toBeVisible({ timeout: 30_000 });
}
