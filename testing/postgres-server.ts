/**
 * A throwaway PostgreSQL server for tests, from Debian's `postgresql` package: a fresh cluster in a
 * temp dir, on a free loopback port, tuned for speed over durability, removed again by `stop()`.
 *
 * initdb and postgres refuse to run as root, so under root (containers, CI) every server binary
 * runs as the `postgres` user the package creates, in a dir that user owns.
 *
 * The server must not outlive the test process: normal exit and SIGINT/SIGTERM stop it from exit
 * handlers, and a detached watchdog stops it when the process is killed outright (SIGKILL, OOM), which
 * no handler sees.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '@/testing/upstream-test-support';

const run = promisify(execFile);

const DEBIAN_ROOT = '/usr/lib/postgresql';
const INSTALL_HINT = 'apt-get install -y postgresql';
/** Durability off: a test cluster is thrown away, so every fsync is wasted time. */
const FAST_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
const START_ATTEMPTS = 3;

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>`; trust auth, so no password. */
  url: string;
  /** The major version directory the binaries came from, e.g. `15`. */
  version: string;
  /** The temp dir holding the cluster, its socket and its log; gone after `stop()`. */
  dir: string;
  /** Stops the server (fast mode) and removes its temp dir; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** The database the returned url points at; created empty. Default `test`. */
  database?: string;
}

/** The newest `/usr/lib/postgresql/<version>/bin` holding initdb, or an error saying how to get one. */
export function findPostgresBinaries(root = DEBIAN_ROOT): { version: string; bin: string } {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => /^\d+$/.test(version) && existsSync(join(root, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const version = versions[0];
  if (version === undefined)
    throw new Error(
      `No PostgreSQL server binaries under ${root}/<version>/bin; install Debian's: ${INSTALL_HINT}`,
    );
  return { version, bin: join(root, version, 'bin') };
}

/** A cluster takes ~55 MB; Docker's default /dev/shm (64 MB) would not hold the template and one copy. */
const MIN_TMPFS_FREE = 1024 ** 3;

/**
 * Where clusters live: /dev/shm (tmpfs) when it is writable with room to spare, else the temp dir. On
 * this machine's ext4 disk, shared with other jobs, copying a cluster took ~2 s and CREATE DATABASE
 * ~1 s; in tmpfs ~160 ms and ~100 ms.
 */
function scratchRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize >= MIN_TMPFS_FREE) return '/dev/shm';
  } catch {
    // No /dev/shm: the temp dir it is.
  }
  return tmpdir();
}

const isRoot = () => process.getuid?.() === 0;

/** argv that runs `binary` as the user allowed to own a cluster: ourselves, or `postgres` under root. */
function asClusterOwner(binary: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

function postgresUserIds(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(`Running as root, but there is no 'postgres' user to run the server as: ${INSTALL_HINT}`);
  }
}

async function runAsOwner(binary: string, args: string[]): Promise<void> {
  const [command, argv] = asClusterOwner(binary, args);
  try {
    await run(command, argv, { encoding: 'utf8' });
  } catch (error) {
    const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${binary.split('/').pop()} failed: ${(stderr || stdout || message).trim()}`);
  }
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-10).join('\n');
  } catch {
    return '';
  }
}

/** A database name we put in SQL unquoted-safe: letters, digits, underscores. */
function checkDatabaseName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`database name must be lower-case letters, digits and _ (got ${JSON.stringify(name)})`);
  return name;
}

/**
 * A freshly initdb'd cluster, built once per version and cluster owner and kept in the temp dir: initdb
 * takes 2-4 s here, copying its result a few hundred ms. Built aside and renamed into place, so a
 * template that exists is complete; a parallel builder that loses the rename race just uses the winner's.
 */
async function clusterTemplate(bin: string, version: string, owner: { uid: number; gid: number } | null) {
  const template = join(
    scratchRoot(),
    `pg-test-template-${version}-${owner?.uid ?? process.getuid?.() ?? 0}`,
  );
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(join(scratchRoot(), 'pg-test-template-building-'));
  try {
    if (owner) chownSync(building, owner.uid, owner.gid);
    await runAsOwner(join(bin, 'initdb'), [
      '-D',
      join(building, 'data'),
      '--auth=trust',
      '-U',
      'postgres',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    try {
      renameSync(join(building, 'data'), template);
    } catch (error) {
      if (!existsSync(join(template, 'PG_VERSION'))) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/** Creates database `name` on the server `url` points at; returns the url of the new database. */
export async function createDatabase(url: string, name: string): Promise<string> {
  const database = checkDatabaseName(name);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // PostgreSQL 15 made WAL_LOG the default, which writes the whole template through the WAL: ~750 ms
    // against ~120 ms for FILE_COPY with fsync off.
    const { rows } = await client.query<{ v: string }>('SHOW server_version_num');
    const strategy = Number(rows[0]?.v) >= 150000 ? ' STRATEGY = FILE_COPY' : '';
    await client.query(`CREATE DATABASE "${database}"${strategy}`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${database}`;
  return target.toString();
}

/**
 * A detached shell that outlives us only long enough to notice we are gone (or the dir is), then
 * stops the server immediately and removes the dir. After a normal `stop()` it finds the dir gone
 * and just exits.
 */
function startWatchdog(dir: string, stopArgv: [string, string[]]): ChildProcess {
  const script = [
    'while kill -0 "$WATCHED_PID" 2>/dev/null && [ -d "$WATCHED_DIR" ]; do sleep 1; done',
    '[ -d "$WATCHED_DIR" ] || exit 0',
    '"$@" >/dev/null 2>&1',
    'rm -rf "$WATCHED_DIR"',
  ].join('\n');
  const [command, argv] = stopArgv;
  const child = spawn('sh', ['-c', script, 'pg-watchdog', command, ...argv], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, WATCHED_PID: String(process.pid), WATCHED_DIR: dir },
  });
  child.unref();
  return child;
}

/** Starts a fresh PostgreSQL cluster on a free loopback port; see the module comment. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<RunningPostgres> {
  const database = checkDatabaseName(options.database ?? 'test');
  const { version, bin } = findPostgresBinaries();
  const owner = isRoot() ? postgresUserIds() : null;

  // Short: the socket path (dir + `/.s.PGSQL.<port>`) must fit in 107 bytes.
  const dir = mkdtempSync(join(scratchRoot(), 'pg-test-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  if (owner) chownSync(dir, owner.uid, owner.gid);

  const pgCtl = join(bin, 'pg_ctl');
  const stopArgs = (mode: 'fast' | 'immediate') => ['stop', '-D', data, '-m', mode, '-w', '-t', '30'];
  let stopped = false;

  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    detach();
    try {
      const [command, argv] = asClusterOwner(pgCtl, stopArgs('immediate'));
      if (existsSync(join(data, 'postmaster.pid'))) execFileSync(command, argv, { stdio: 'ignore' });
    } catch {
      // Already down; the dir goes either way.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stopSync();
    process.removeListener(signal, onSignal);
    // A listener replaces the default action (exit). The last one of ours re-raises the signal so it
    // still ends the process, unless someone else listens too and so has decided what it does.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const detach = () => {
    process.removeListener('exit', stopSync);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  process.once('exit', stopSync);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    startWatchdog(dir, asClusterOwner(pgCtl, stopArgs('immediate')));
    await run('cp', ['-a', await clusterTemplate(bin, version, owner), data]);

    let port = 0;
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      const serverOptions = [
        `-p ${port}`,
        '-c listen_addresses=127.0.0.1',
        // pg_ctl hands these to a shell; the quotes keep the path one word.
        `-c unix_socket_directories='${dir}'`,
        ...FAST_SETTINGS.map((setting) => `-c ${setting}`),
      ].join(' ');
      try {
        await runAsOwner(pgCtl, ['start', '-D', data, '-l', logFile, '-w', '-t', '30', '-o', serverOptions]);
        break;
      } catch (error) {
        // Another process may have taken the free port between our probe and the server's bind.
        const log = readLog(logFile);
        if (attempt < START_ATTEMPTS && /could not bind|address already in use/i.test(log)) continue;
        throw new Error(`${(error as Error).message}\n${log}`);
      }
    }

    const url = await createDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, database);
    return {
      url,
      version,
      dir,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        detach();
        try {
          await runAsOwner(pgCtl, stopArgs('fast'));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    stopSync();
    throw error;
  }
}
