import 'server-only';
import { AlertConfigError } from './rules';
import { type AlertSettings, alertSettings } from './settings';

/**
 * The alert settings, or the process stops with the message naming the bad variable or field — the
 * way the other start-up checks stop (lib/node/auth-startup.ts): one line, no stack, exit code 1.
 */
export function alertSettingsOrExit(): AlertSettings {
  try {
    return alertSettings();
  } catch (error) {
    if (!(error instanceof AlertConfigError)) throw error;
    console.error(`[startup] ${error.message}`);
    process.exit(1);
  }
}
