import 'server-only';
import pino, { type Logger } from 'pino';
import { currentRequestContext } from './request-context';

/**
 * Structured logs: one JSON object per line on stdout, for whatever collects the container's output.
 * LOG_LEVEL picks the level (default `info`; `silent` under the unit tests). Never log credentials,
 * session cookies or whole upstream bodies.
 */
const KEY = Symbol.for('cdn-refresh-monitor.logger');
type WithLogger = typeof globalThis & { [KEY]?: Logger };

function defaultLevel(): string {
  if (process.env.LOG_LEVEL) return process.env.LOG_LEVEL;
  return process.env.VITEST ? 'silent' : 'info';
}

export function rootLogger(): Logger {
  const holder = globalThis as WithLogger;
  holder[KEY] ??= pino({
    level: defaultLevel(),
    base: { service: 'cdn-refresh-monitor' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['*.cookie', '*.authorization', '*.accessKeySecret'], censor: '***' },
  });
  return holder[KEY];
}

/** The logger for the current request: every line carries its request id. */
export function logger(): Logger {
  const requestId = currentRequestContext()?.requestId;
  return requestId ? rootLogger().child({ requestId }) : rootLogger();
}
