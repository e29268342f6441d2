import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callbackPathFor,
  isPublicPath,
  isSameSitePath,
  safeCallbackPath,
  safeReturnPath,
  signInUrlFor,
} from './auth-paths';

describe('isPublicPath', () => {
  it('opens only the sign-in page, next-auth, health and readiness, the language switch, the icon and robots.txt', () => {
    for (const path of [
      '/signin',
      '/api/locale',
      '/api/auth/session',
      '/api/auth/callback/oidc',
      '/api/health',
      '/api/ready',
      '/icon.svg',
      '/robots.txt',
    ]) {
      expect(isPublicPath(path), path).toBe(true);
    }
    for (const path of [
      '/',
      '/tasks',
      '/api/tasks',
      '/api/healthz',
      '/api/authx',
      '/signin/x',
      '/api/health/x',
      '/API/health',
      '/api/locale/x',
      '/api/localex',
    ]) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});

describe('safeCallbackPath', () => {
  it('keeps a path on this site with its query string', () => {
    expect(safeCallbackPath('/tasks?status=Failed&type=file')).toBe('/tasks?status=Failed&type=file');
    expect(safeCallbackPath('/tasks?q=a%20b#x')).toBe('/tasks?q=a%20b#x');
  });

  it('refuses other origins, protocol-relative and backslash tricks', () => {
    for (const raw of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/tasks\u0000',
      '/%0d%0aSet-Cookie:x',
      '',
      null,
      undefined,
    ]) {
      const result = safeCallbackPath(raw);
      expect(result.startsWith('/'), String(raw)).toBe(true);
      expect(result.startsWith('//'), String(raw)).toBe(false);
      expect(new URL(result, 'http://a.test').origin).toBe('http://a.test');
    }
    expect(safeCallbackPath('//evil.example/x')).toBe('/tasks');
  });

  it('refuses what normalisation turns into another site: dot segments, encoded dots, backslashes', () => {
    for (const raw of [
      '/.//evil.example/login',
      '/./\\evil.example',
      '/..//evil.example/x',
      '/../../..//evil.example',
      '/%2e//evil.example',
      '/%2E//evil.example',
      '/%2e%2e//evil.example',
      '/.%2e//evil.example',
      '/tasks/..//evil.example',
      '/tasks/../..//evil.example',
      '/\\/evil.example',
      '/.\\/evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
    ]) {
      expect(safeCallbackPath(raw), JSON.stringify(raw)).toBe('/tasks');
    }
  });

  it('keeps dot segments and encoded characters that stay on this site', () => {
    expect(safeCallbackPath('/triage/../tasks?status=Failed')).toBe('/tasks?status=Failed');
    expect(safeCallbackPath('/./tasks')).toBe('/tasks');
    // Encoded slashes and backslashes are not separators: the path stays ours.
    expect(safeCallbackPath('/%2f%2fevil.example')).toBe('/%2f%2fevil.example');
    expect(safeCallbackPath('/%5c%5cevil.example')).toBe('/%5c%5cevil.example');
  });

  it('whatever comes in, what goes out is a path of this site that resolves to itself', () => {
    const segment = fc.constantFrom(
      '/',
      '.',
      '..',
      '%2e',
      '%2E',
      '\\',
      '%5c',
      '%2f',
      '//',
      'evil.example',
      '?',
      '#',
      ' ',
      '\t',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(segment).map((parts) => `/${parts.join('')}`),
        ),
        (raw) => {
          const result = safeCallbackPath(raw);
          expect(isSameSitePath(result), JSON.stringify({ raw, result })).toBe(true);
          expect(new URL(result, 'https://dashboard.test').origin).toBe('https://dashboard.test');
          expect(safeCallbackPath(result)).toBe(result);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('never sends back to the sign-in page or to the API', () => {
    expect(safeCallbackPath('/signin?callbackUrl=/signin')).toBe('/tasks');
    expect(safeCallbackPath('/api/tasks')).toBe('/tasks');
  });
});

describe('callbackPathFor (next-auth redirect callback)', () => {
  const base = 'https://dashboard.test';
  it('keeps paths and same-origin addresses, checked like every callback', () => {
    expect(callbackPathFor('/tasks?status=Failed', base)).toBe('/tasks?status=Failed');
    expect(callbackPathFor('https://dashboard.test/triage?x=1', base)).toBe('/triage?x=1');
    // Signing out lands on the sign-in page.
    expect(callbackPathFor('https://dashboard.test/signin', base)).toBe('/signin');
  });

  it('sends every other target to the task list', () => {
    for (const url of [
      '/.//evil.example/login',
      'https://dashboard.test/.//evil.example/x',
      'https://evil.example/',
      '//evil.example/',
      'not a url',
    ]) {
      expect(callbackPathFor(url, base), url).toBe('/tasks');
    }
  });
});

describe('safeReturnPath (the language switch)', () => {
  it('keeps the page as it was, query, hash and sign-in page included', () => {
    expect(safeReturnPath('/tasks?status=Failed&acct=prod#x')).toBe('/tasks?status=Failed&acct=prod#x');
    expect(safeReturnPath('/signin?callbackUrl=%2Ftasks')).toBe('/signin?callbackUrl=%2Ftasks');
    expect(safeReturnPath('/')).toBe('/');
  });

  it('refuses other sites, whatever the spelling, and the API', () => {
    for (const raw of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/.//evil.example/login',
      '/%2e//evil.example',
      '/\t/evil.example',
      'tasks',
      '',
      '/api/tasks',
      '/api/locale',
    ]) {
      expect(safeReturnPath(raw), JSON.stringify(raw)).toBeNull();
    }
  });

  it('whatever it keeps is a path of this site that resolves to itself', () => {
    fc.assert(
      fc.property(fc.string(), (tail) => {
        const result = safeReturnPath(`/${tail}`);
        if (result !== null) expect(isSameSitePath(result), JSON.stringify(tail)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('signInUrlFor', () => {
  it('carries the asked-for address, encoded', () => {
    expect(signInUrlFor('/tasks?status=Failed&type=file')).toBe(
      '/signin?callbackUrl=%2Ftasks%3Fstatus%3DFailed%26type%3Dfile',
    );
  });
});
