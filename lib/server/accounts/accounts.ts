import 'server-only';
import { readFileSync } from 'node:fs';
import { processSingleton, setProcessSingleton } from '@/lib/node/process-singleton';
import { parseEndpoint, upstreamConfig } from '../upstream/upstream-config';
import { type AccountEntry, parseAccountsFile } from './accounts-file';

/**
 * The Alibaba Cloud accounts the dashboard syncs and shows: those of ACCOUNTS_FILE
 * (accounts-file.ts), or without it the one account of the environment's credentials, with the id
 * `default`. Each has its own sync, rate budget and store partition. Secrets stay in here and in
 * upstream/cdn.ts; what leaves the server is an `AccountSummary` of a permitted account.
 */
export const DEFAULT_ACCOUNT_ID = 'default';

export type AccountCredentials =
  | { kind: 'keys'; accessKeyId: string; accessKeySecret: string }
  | { kind: 'profile'; profile: string }
  /** The standard credential chain (environment, RAM role, profile file…): the single-account case. */
  | { kind: 'chain' };

export interface Account {
  id: string;
  name: string;
  endpoint: URL;
  credentials: AccountCredentials;
}

/** What the browser may know of an account the user may see. */
export interface AccountSummary {
  id: string;
  name: string;
}

export class AccountsConfigError extends Error {}

interface AccountsConfig {
  accounts: Account[];
  /** True when ACCOUNTS_FILE lists the accounts (the header then names the account). */
  fromFile: boolean;
}

export function readAccountsConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): AccountsConfig {
  const upstream = upstreamConfig();
  const path = env.ACCOUNTS_FILE?.trim();
  if (!path) {
    const credentials: AccountCredentials = upstream.demoCredentials
      ? { kind: 'keys', ...upstream.demoCredentials }
      : { kind: 'chain' };
    return {
      accounts: [{ id: DEFAULT_ACCOUNT_ID, name: 'Default', endpoint: upstream.endpoint, credentials }],
      fromFile: false,
    };
  }
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AccountsConfigError(`ACCOUNTS_FILE cannot be read (${code} reading ${path})`);
  }
  const parsed = parseAccountsFile(text);
  if (!parsed.ok) throw new AccountsConfigError(parsed.problem);
  return { accounts: parsed.accounts.map((entry) => toAccount(entry, upstream.endpoint)), fromFile: true };
}

function toAccount(entry: AccountEntry, fallbackEndpoint: URL): Account {
  const credentials: AccountCredentials =
    'profile' in entry
      ? { kind: 'profile', profile: entry.profile }
      : { kind: 'keys', accessKeyId: entry.accessKeyId, accessKeySecret: entry.accessKeySecret };
  return {
    id: entry.id,
    name: entry.name,
    endpoint: entry.endpoint ? parseEndpoint(entry.endpoint) : fallbackEndpoint,
    credentials,
  };
}

function accountsConfig(): AccountsConfig {
  return processSingleton('accounts-config', () => readAccountsConfig());
}

/** Every configured account, in the file's order (the first is the default view). */
export function configuredAccounts(): readonly Account[] {
  return accountsConfig().accounts;
}

export function accountsFromFile(): boolean {
  return accountsConfig().fromFile;
}

export function accountById(id: string): Account | undefined {
  return configuredAccounts().find((account) => account.id === id);
}

/**
 * The accounts, or the process stops with the message naming the bad field — the way the other
 * start-up checks stop (lib/node/auth-startup.ts): one line, no stack, exit code 1.
 */
export function accountsOrExit(): readonly Account[] {
  try {
    return configuredAccounts();
  } catch (error) {
    if (!(error instanceof AccountsConfigError)) throw error;
    console.error(`[startup] ${error.message}`);
    process.exit(1);
  }
}

/** Tests only: read the configuration again (after changing ACCOUNTS_FILE). */
export function resetAccountsConfig(config?: AccountsConfig): void {
  setProcessSingleton('accounts-config', config);
}
