/**
 * A local HTTP receiver standing in for a webhook, Slack, DingTalk or Feishu: records every request
 * (path, query, parsed JSON body) and answers as the real service does on success, or with a status
 * the test asks for (to prove retries).
 */
import 'server-only';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  at: number;
}

export interface Receiver {
  url: string;
  /** Every request, failed ones included. */
  requests: ReceivedRequest[];
  /** The requests answered with success. */
  delivered: ReceivedRequest[];
  /** The next `n` requests are answered with `status`. */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
}

export async function startReceiver(successBody: unknown = { ok: true }): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const delivered: ReceivedRequest[] = [];
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://receiver.local');
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
      const received = {
        method: request.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        body,
        at: Date.now(),
      };
      requests.push(received);
      if (failures.left > 0) {
        failures.left -= 1;
        response.writeHead(failures.status, { 'content-type': 'text/plain' }).end('try again later');
        return;
      }
      delivered.push(received);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(successBody));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered,
    failNext: (left, status) => {
      failures = { left, status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
