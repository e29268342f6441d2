/**
 * `npm run user:add -- <username> [--role viewer|operator] [--file <path>]`: adds a local account to
 * AUTH_USERS_FILE (or --file), or replaces the password and role of an existing one. The password is
 * asked for twice without echo; when stdin is not a terminal, its first line is the password, so
 * provisioning scripts can pipe it in. Only the bcrypt hash is written, to a file only its owner can read.
 */
import { existsSync } from 'node:fs';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import bcrypt from 'bcryptjs';
import {
  BCRYPT_COST,
  type LocalUser,
  parseLocalUsers,
  USERNAME_PATTERN,
  withUser,
} from '../lib/node/local-users';
import { isRole } from '../lib/roles';

const MIN_PASSWORD_LENGTH = 8;

function fail(message: string): never {
  console.error(`user:add: ${message}`);
  process.exit(1);
}

function parseCommandLine() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string', default: 'viewer' },
      file: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log('usage: npm run user:add -- <username> [--role viewer|operator] [--file <path>]');
    process.exit(values.help ? 0 : 2);
  }
  const username = positionals[0] ?? '';
  if (!USERNAME_PATTERN.test(username)) fail('a username is 1–64 letters, digits or . _ @ -');
  if (!isRole(values.role)) fail('--role must be viewer or operator');
  const file = values.file ?? process.env.AUTH_USERS_FILE;
  if (!file) fail('set AUTH_USERS_FILE (the file the dashboard reads) or pass --file <path>');
  return { username, role: values.role, file };
}

/** Reads a line from the terminal without showing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const { stdin, stdout } = process;
    stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          stdout.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          stdout.write('\n');
          process.exit(130);
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const password = await askHidden('Password: ');
  const again = await askHidden('Password again: ');
  if (password !== again) fail('the two passwords differ');
  return password;
}

async function readUsers(file: string): Promise<LocalUser[]> {
  if (!existsSync(file)) return [];
  const parsed = parseLocalUsers(await readFile(file, 'utf8'));
  if (!parsed.ok) fail(`${file} is not a valid users file (${parsed.problem}); fix or move it first`);
  return parsed.users;
}

async function main(): Promise<void> {
  const { username, role, file } = parseCommandLine();
  const users = await readUsers(file);
  const password = await readPassword();
  if (password.length < MIN_PASSWORD_LENGTH)
    fail(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const hash = await bcrypt.hash(password, BCRYPT_COST);
  const next = withUser(users, { username, password: hash, role });
  // Write beside, then rename: a reader never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(next.users, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
  console.log(`${next.replaced ? 'Updated' : 'Added'} ${username} (${role}) in ${file}`);
  if (!process.env.AUTH_USERS_FILE) console.log(`Set AUTH_USERS_FILE=${file} for the dashboard to use it.`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
