/**
 * One value per process, whichever copy of a module asks. Next.js may bundle a module more than once
 * (route handlers, server components, instrumentation and the request proxy each get their own
 * copy), and a module-level variable would then exist once per copy: two loggers, two rate budgets
 * spending the account's calls twice, two PGlite handles on one data directory. The value lives on
 * globalThis under a registered symbol, which every copy resolves to the same key.
 */

type Holder = Record<symbol, unknown>;

function keyOf(name: string): symbol {
  return Symbol.for(`cdn-refresh-monitor.${name}`);
}

/** The process's value of `name`, created by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const holder = globalThis as unknown as Holder;
  const key = keyOf(name);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

/** The value of `name` if one was created, without creating it. */
export function peekProcessSingleton<T>(name: string): T | undefined {
  return (globalThis as unknown as Holder)[keyOf(name)] as T | undefined;
}

/** Replaces the value of `name` (undefined forgets it, so the next use creates a new one). */
export function setProcessSingleton<T>(name: string, value: T | undefined): void {
  const holder = globalThis as unknown as Holder;
  if (value === undefined) delete holder[keyOf(name)];
  else holder[keyOf(name)] = value;
}
