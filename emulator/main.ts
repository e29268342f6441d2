/** `npm run emulator`: the emulator alone, configured from the environment, until SIGINT/SIGTERM. */
import { optionsFromEnv } from './env-options';
import type { EmulatorOptions } from './options';
import { type RunningEmulator, startEmulator } from './server';

let options: Partial<EmulatorOptions>;
let emulator: RunningEmulator;
try {
  // Every kind of row the upstream reports (block/unblock, Timeout, Canceled), unless turned off.
  options = { extendedKinds: true, ...optionsFromEnv(process.env) };
  emulator = await startEmulator(options);
} catch (error) {
  // A configuration mistake or a taken port: one line, no stack (the values may be secrets).
  console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const { tasks, seed, extendedKinds } = emulator.state.params;
const extras = [
  ...(extendedKinds ? ['extended kinds'] : []),
  ...(options.accessKeys?.length ? [`${options.accessKeys.length + 1} access keys`] : []),
];
console.log(
  `CDN OpenAPI emulator listening on ${emulator.url} (${[`${tasks} tasks`, `seed ${seed}`, ...extras].join(', ')})`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // No process.exit on success: the process ends by itself once the server is closed, which proves
  // nothing else (timers, sockets) is left holding it open.
  emulator.close().then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      console.error('emulator: failed to close', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
