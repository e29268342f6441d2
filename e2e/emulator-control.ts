/** The e2e suite's handle on the emulator that `npm start` runs beside the dashboard. */
import { E2E_EMULATOR_PORT } from '../playwright.config';

export const emulatorUrl = `http://127.0.0.1:${E2E_EMULATOR_PORT}`;

async function control<T = unknown>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${emulatorUrl}/__emulator/${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  if (!response.ok)
    throw new Error(`emulator control ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const post = <T = unknown>(path: string, body: unknown) =>
  control<T>(path, { method: 'POST', body: JSON.stringify(body) });

/** Freezes the emulator's clock so tasks stop moving while a test compares two renders. */
export const freezeClock = () => post('clock', { freeze: true });
/**
 * Lets the emulator's clock run again, from real time, with the arrivals still to come moved along.
 * Unfreezing alone resumes from the frozen instant, and every frozen spec would leave the upstream's
 * clock further behind the dashboard's; setting the clock to now would make the tasks due while it
 * stood appear at once, minutes in the past. Either way they would fall outside the head poll's
 * one-minute overlap and wait for the reconcile, and a view would change under a test.
 */
export const unfreezeClock = () => post('clock', { resume: true });
export const advanceClock = (ms: number) => post('clock', { advanceMs: ms });

export const setFaults = (faults: Record<string, unknown>) => post('faults', faults);
export const clearFaults = () => control('faults', { method: 'DELETE' });

export interface LoggedRequest {
  action: string | null;
  parameters: Record<string, string>;
  signatureVersion: string | null;
  status: number;
  code: string | null;
}
export const requestLog = () =>
  control<{ requests: LoggedRequest[] }>('requests').then((body) => body.requests);
export const clearRequestLog = () => control('requests', { method: 'DELETE' });
