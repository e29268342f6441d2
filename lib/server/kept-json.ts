import 'server-only';

/**
 * The JSON answer of a body that many requests share unchanged (a kept answer with its freshness:
 * lib/server/tasks/stamped-answer.ts): serialised once instead of at every request (the summary of
 * a 30-day view is 42 KB of JSON). The answer is what jsonOk sends: the same JSON and headers. It
 * cannot be compressed once here too: Next.js drops a route's Content-Encoding and compresses every
 * answer itself (docs/sync.md, "What a view's request costs under load").
 *
 * Only for bodies nobody changes after they are answered: the serialisation is keyed by the object.
 */

const serialised = new WeakMap<object, string>();

export function keptJsonOk(body: object): Response {
  let json = serialised.get(body);
  if (json === undefined) {
    json = JSON.stringify(body);
    serialised.set(body, json);
  }
  return new Response(json, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}
