import 'server-only';
import { gzipSync } from 'node:zlib';

/**
 * The JSON answer of a body that many requests share unchanged (a kept answer with its freshness:
 * lib/server/tasks/stamped-answer.ts): serialised once, and compressed once for the clients that
 * take gzip, instead of at every request. Under no-pause load on a 30-day view, serialising and
 * compressing the same 6–42 KB again for every response was about a tenth of the server's main
 * thread in a CPU profile (docs/sync.md, "What a view's request costs under load"). The bytes are
 * what jsonOk would send: the same JSON and headers, gzip as the server's own compression would do,
 * and `Vary: Accept-Encoding`.
 *
 * Only for bodies nobody changes after they are answered: the serialisation is keyed by the object.
 */

interface Encoded {
  json: string;
  gzip?: Uint8Array<ArrayBuffer>;
}

const encoded = new WeakMap<object, Encoded>();

/** Whether an Accept-Encoding header takes gzip (named or `*`, with a q above 0). */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.find((param) => param.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export function keptJsonOk(request: Request, body: object): Response {
  let entry = encoded.get(body);
  if (!entry) {
    entry = { json: JSON.stringify(body) };
    encoded.set(body, entry);
  }
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (!acceptsGzip(request.headers.get('accept-encoding'))) return new Response(entry.json, { headers });
  entry.gzip ??= new Uint8Array(gzipSync(entry.json));
  return new Response(entry.gzip, {
    headers: { ...headers, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' },
  });
}
