import 'server-only';

/**
 * The body of a kept answer (read-memo.ts) with what is particular to the request (its freshness,
 * page and size): the same object for as long as both are the same, so its JSON is made once
 * (lib/server/kept-json.ts) rather than at every request of every viewer. The stamp is compared by
 * value; each kept answer remembers its latest body only. Nobody may change a body it was given.
 */

const bodies = new WeakMap<object, { stamp: string; body: object }>();

export function stampedAnswer<B extends object>(answer: object, stamp: unknown, build: () => B): B {
  const key = JSON.stringify(stamp);
  const known = bodies.get(answer);
  if (known && known.stamp === key) return known.body as B;
  const body = build();
  bodies.set(answer, { stamp: key, body });
  return body;
}
