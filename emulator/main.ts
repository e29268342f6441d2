/** `npm run emulator`: the emulator alone, configured from the environment, until SIGINT/SIGTERM. */
import { optionsFromEnv } from './env-options';
import { startEmulator } from './server';

const emulator = await startEmulator(optionsFromEnv(process.env));
const { tasks, seed } = emulator.state.params;
console.log(`CDN OpenAPI emulator listening on ${emulator.url} (${tasks} tasks, seed ${seed})`);

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
