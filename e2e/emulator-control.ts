/** The e2e suite's handle on the emulator that `npm start` runs beside the dashboard. */
import { E2E_EMULATOR_PORT } from '../playwright.config';

export const emulatorUrl = `http://127.0.0.1:${E2E_EMULATOR_PORT}`;

async function control(path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(`${emulatorUrl}/__emulator/${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  if (!response.ok) throw new Error(`emulator control ${path}: HTTP ${response.status}`);
  return response.json();
}

/** Freezes the emulator's clock so tasks stop moving while a test compares two renders. */
export function freezeClock(): Promise<unknown> {
  return control('clock', { method: 'POST', body: JSON.stringify({ freeze: true }) });
}

export function unfreezeClock(): Promise<unknown> {
  return control('clock', { method: 'POST', body: JSON.stringify({ freeze: false }) });
}
