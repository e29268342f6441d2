/**
 * Every code the API answers with has words in both languages (messages/errors, namespace ApiError),
 * so useErrorText() never falls back to "The request failed (<code>)" for one of our own answers.
 * The codes are read from the route handlers and lib/server as written, so a new one is caught.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/messages/errors/en.json';
import zh from '@/messages/errors/zh.json';
import { UpstreamError } from './upstream/upstream-error';

const root = join(import.meta.dirname, '..', '..');

function sources(directory: string): string[] {
  return readdirSync(join(root, directory), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

/** `jsonError(status, { code: 'X', … })` and the like: every literal error code the server writes. */
function writtenCodes(): Set<string> {
  const codes = new Set<string>();
  for (const source of [
    ...sources('app'),
    ...sources('lib/server'),
    readFileSync(join(root, 'proxy.ts'), 'utf8'),
  ]) {
    for (const [, code] of source.matchAll(/jsonError\(\s*\d{3},\s*\{\s*code:\s*'([A-Za-z]+)'/g))
      codes.add(code ?? '');
  }
  codes.add('BadRequest'); // badRequest() in lib/server/http.ts
  return codes;
}

describe('the API’s error codes', () => {
  const upstreamCodes = (['throttled', 'unavailable', 'timeout', 'refused', 'broken'] as const).map(
    (kind) => `Upstream${kind[0]?.toUpperCase()}${kind.slice(1)}`,
  );

  it('finds the codes the routes write', () => {
    expect([...writtenCodes()]).toEqual(
      expect.arrayContaining(['Unauthorized', 'Forbidden', 'CrossSiteRefused', 'TooManyRequests']),
    );
  });

  it('upstream failures are answered with the Upstream<Kind> codes listed here', async () => {
    const { errorAnswer } = await import('./http');
    for (const kind of ['throttled', 'unavailable', 'timeout', 'refused', 'broken'] as const) {
      const answer = errorAnswer(new UpstreamError({ kind, code: 'X', message: 'x' }));
      expect(upstreamCodes).toContain(answer.error.code);
    }
  });

  it.each([
    ['en', en.ApiError],
    ['zh', zh.ApiError],
  ])('each has words in %s', (_, catalog) => {
    for (const code of [...writtenCodes(), ...upstreamCodes])
      expect(Object.keys(catalog), code).toContain(code);
  });
});
