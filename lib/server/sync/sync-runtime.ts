import 'server-only';
import { processSingleton } from '@/lib/node/process-singleton';
import { accountsOrExit } from '../accounts/accounts';
import { AlertMonitor } from '../alerts/alert-monitor';
import { alertSettingsOrExit } from '../alerts/startup';
import { logger } from '../logger';
import { store } from '../store/database';
import { AccountSync } from './account-sync';
import { readSyncSettings } from './settings';
import { storeIdentityOrExit } from './store-identity-check';

/**
 * The process's syncs, one per account, started with the server (instrumentation.ts), each with its
 * alert monitor beside it (docs/alerts.md), which evaluates only while its sync leads. Kept on
 * globalThis like the store: the bundler may load this module more than once, and two syncs in one
 * process would spend the budget twice.
 */
function syncs(): Map<string, AccountSync> {
  return processSingleton('syncs', () => new Map<string, AccountSync>());
}

function alertMonitors(): AlertMonitor[] {
  return processSingleton('alert-monitors', (): AlertMonitor[] => []);
}

export async function startSyncs(): Promise<void> {
  const settings = readSyncSettings();
  // A bad alert setting stops start-up here, with a message naming it, on every instance.
  const alerts = alertSettingsOrExit();
  // Likewise a bad ACCOUNTS_FILE, naming the entry and field (never a value: it holds secrets).
  const accounts = accountsOrExit();
  // A store that mirrors another Alibaba Cloud account (or the demo's) stops start-up here, on
  // every instance, readers too: they would show its tasks as this account's (docs/store-identity.md).
  await storeIdentityOrExit(await store(), accounts);
  if (!settings.enabled) {
    logger().info('SYNC=off: this instance only reads the store');
    return;
  }
  for (const account of accounts) {
    if (syncs().has(account.id)) continue;
    const sync = new AccountSync(await store(), account.id, settings);
    syncs().set(account.id, sync);
    sync.start();
    const monitor = new AlertMonitor(await store(), account.id, alerts, {
      isLeader: () => sync.isLeader,
    });
    alertMonitors().push(monitor);
    monitor.start();
  }
}

export async function stopSyncs(): Promise<void> {
  const running = [...syncs().values()];
  const monitors = alertMonitors().splice(0);
  syncs().clear();
  await Promise.allSettled(monitors.map((monitor) => monitor.stop()));
  await Promise.allSettled(running.map((sync) => sync.stop()));
}

/** This process's sync of the account, if it runs one (it may be another instance's to sync). */
export function syncOf(accountId: string): AccountSync | undefined {
  return syncs().get(accountId);
}
