import 'server-only';
import pino, { type Logger } from 'pino';
import { processSingleton } from '@/lib/node/process-singleton';
import { currentRequestContext } from './request-context';

/**
 * Structured logs: one JSON object per line on stdout, for whatever collects the container's output.
 * LOG_LEVEL picks the level (default `info`; `silent` under the unit tests). Never log credentials,
 * session cookies or whole upstream bodies.
 */
function defaultLevel(): string {
  if (process.env.LOG_LEVEL) return process.env.LOG_LEVEL;
  return process.env.VITEST ? 'silent' : 'info';
}

export function rootLogger(): Logger {
  return processSingleton('logger', () =>
    pino({
      level: defaultLevel(),
      base: { service: 'cdn-refresh-monitor' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['*.cookie', '*.authorization', '*.accessKeySecret'], censor: '***' },
    }),
  );
}

/** The logger for the current request: every line carries its request id. */
export function logger(): Logger {
  const requestId = currentRequestContext()?.requestId;
  return requestId ? rootLogger().child({ requestId }) : rootLogger();
}
