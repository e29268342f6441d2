/**
 * startEmulator: the CDN OpenAPI stand-in on a local HTTP port. RPC calls go to `/`; the test-only
 * control endpoints live under `/__emulator/`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiRuntime } from './api-call';
import { serveApiCall } from './api-http';
import { EmulatorClock } from './clock';
import { CONTROL_PREFIX, serveControl } from './control-routes';
import { EMULATOR_DEFAULTS } from './defaults';
import { accountKeys, type EmulatorOptions, effectiveRateLimits, resolveOptions } from './options';
import { EmulatorState } from './state';

export type { EmulatorOptions } from './options';
export { EmulatorState } from './state';

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
  state: EmulatorState;
}

/** Bigger bodies are not API calls: the largest legitimate one (1,000 URLs) is well under this. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function startEmulator(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const clock = new EmulatorClock(resolved.now);
  const state = new EmulatorState(
    clock,
    {
      seed: resolved.seed,
      tasks: resolved.tasks,
      startInstant: resolved.startInstant ?? clock.now(),
      extendedKinds: resolved.extendedKinds ?? false,
    },
    { rateLimits: effectiveRateLimits(resolved.rateLimits), throttleShape: resolved.throttleShape ?? '400' },
  );
  const runtime: ApiRuntime = {
    state,
    keys: accountKeys(resolved),
    accountId: resolved.accountId ?? EMULATOR_DEFAULTS.accountId,
    wallNow: Date.now,
  };

  const server = createServer((req, res) => {
    route(req, res, runtime).catch((error: unknown) => {
      console.error('emulator: request failed', error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await listen(server, resolved.port, resolved.host);
  const port = (server.address() as AddressInfo).port;
  return { url: `http://${urlHost(resolved.host)}:${port}`, port, state, close: () => close(server) };
}

async function route(req: IncomingMessage, res: ServerResponse, runtime: ApiRuntime): Promise<void> {
  const body = await readBody(req);
  if (body === null) {
    res.writeHead(413, { 'content-type': 'text/plain' }).end('request body too large');
    return;
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path.startsWith(CONTROL_PREFIX)) return serveControl(req, res, body, runtime.state);
  if (path === '/') return serveApiCall(req, res, body, runtime);
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: RPC calls go to /');
}

/** The whole body, or null past MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting and drops every socket: idle keep-alive ones (pop-core keeps them) and hung calls. */
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
