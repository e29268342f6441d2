/**
 * Lets a benchmark import lib/server modules in plain Node, as the unit tests do (vitest.config.ts
 * aliases the same package): `server-only` throws outside a React Server environment by design, so
 * here it resolves to an empty module. Import lib/server modules dynamically, after this one: static
 * imports are resolved before any module body, this hook's included, has run.
 */
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export{}', shortCircuit: true };
  return next(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`);
