/**
 * `npm run store:reset -- --account <id> [--yes]`: empties one account's part of the store (the
 * DATA_DIR or DATABASE_URL of this environment): its tasks, sync state, resource groups, alerts and
 * every other table keyed by account, and the record of which Alibaba Cloud account it mirrored
 * (docs/store-identity.md). The way out when start-up refuses a store that holds another account.
 * On a terminal it asks first; elsewhere --yes is required, so a script never empties a store by
 * accident. Stop the dashboard first: PGlite's DATA_DIR has one owner at a time.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { ACCOUNT_ID_PATTERN } from '../lib/server/accounts/accounts-file';
import { openStore } from '../lib/server/store/database';
import { readStoreSettings } from '../lib/server/store/settings';
import { describeStore, readRecordedIdentity, resetAccount } from '../lib/server/store/store-identity';

const USAGE = 'usage: npm run store:reset -- --account <id> [--yes]';

function fail(message: string, code = 1): never {
  console.error(`store:reset: ${message}`);
  process.exit(code);
}

function parseCommandLine(): { account: string; yes: boolean } {
  let values: { account?: string; yes?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        account: { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  // An account id as ACCOUNTS_FILE has them (`default` without one).
  const account = z.string().regex(ACCOUNT_ID_PATTERN).safeParse(values.account?.trim());
  if (!account.success)
    fail(`--account must be an account id (lower-case letters, digits, _ and -)\n${USAGE}`, 2);
  return { account: account.data, yes: values.yes === true };
}

async function confirmed(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question(question)).trim().toLowerCase() === 'yes';
  } finally {
    prompt.close();
  }
}

async function main(): Promise<void> {
  const { account, yes } = parseCommandLine();
  if (!yes && !process.stdin.isTTY)
    fail('not a terminal, so nothing to ask: pass --yes to empty the account');
  const store = await openStore(readStoreSettings());
  try {
    const where = describeStore(store);
    const recorded = await readRecordedIdentity(store.db, account);
    const mirrors = recorded?.cloudAccountId
      ? ` (Alibaba Cloud account ${recorded.cloudAccountId})`
      : recorded
        ? ` (access key ${recorded.accessKeyHint ?? '?'} at ${recorded.endpoint})`
        : '';
    if (!yes) {
      const question = `Empty account "${account}"${mirrors} in ${where}? Its tasks, sync state, resource groups and alerts are deleted. Type "yes": `;
      if (!(await confirmed(question))) fail('nothing was deleted', 1);
    }
    const removed = await resetAccount(store.db, account);
    const counts = Object.entries(removed)
      .filter(([, rows]) => rows > 0)
      .map(([table, rows]) => `${table} ${rows}`);
    console.log(
      counts.length > 0
        ? `store:reset: emptied account "${account}"${mirrors} in ${where}: ${counts.join(', ')} rows deleted.`
        : `store:reset: account "${account}" held nothing in ${where}.`,
    );
    console.log('store:reset: the next start records the configured account and syncs it afresh.');
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
