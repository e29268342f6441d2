/** The alert sink keeps what is posted to it (body and query), answers like a robot, and a reset empties it. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { controlClient } from './control-client';
import { type RunningEmulator, startEmulator } from './server';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tasks: 10, seed: 1 });
});

afterAll(async () => {
  await emulator?.close();
});

it('records posted alerts and forgets them on reset', async () => {
  const control = controlClient(emulator.url);
  const answer = await fetch(`${emulator.url}/__emulator/alert-sink?timestamp=1&sign=abc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'firing', count: 21 }),
  });
  expect(await answer.json()).toEqual({ errcode: 0, code: 0, ok: true });
  const [entry, ...rest] = await control.alertsReceived();
  expect(rest).toEqual([]);
  expect(entry).toMatchObject({
    query: { timestamp: '1', sign: 'abc' },
    body: { event: 'firing', count: 21 },
  });
  await control.reset();
  expect(await control.alertsReceived()).toEqual([]);
});
