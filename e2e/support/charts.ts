import { expect, type Page } from '@playwright/test';
import { isoSeconds } from '../../lib/time-range';
import { emulatorUrl } from '../emulator-control';

/** A window ending at the emulator's (frozen) now, so the page, the API and the SDK read the same tasks. */
export async function pinnedWindow(hours: number): Promise<{ from: string; to: string }> {
  const health = (await (await fetch(`${emulatorUrl}/__emulator/health`)).json()) as { now: string };
  const to = Math.floor(Date.parse(health.now) / 1000) * 1000;
  return { from: isoSeconds(to - hours * 3_600_000), to: isoSeconds(to) };
}

export async function chartsReady(page: Page): Promise<void> {
  // The charts chunk arrives after the table; slow on a busy machine, slowest on a fresh server.
  await expect(page.getByTestId('chart-timeline')).toBeVisible({ timeout: 60_000 });
}
