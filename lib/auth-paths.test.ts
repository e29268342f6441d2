import { describe, expect, it } from 'vitest';
import { isPublicPath, safeCallbackPath, signInUrlFor } from './auth-paths';

describe('isPublicPath', () => {
  it('opens only the sign-in page, next-auth, health and the icon', () => {
    for (const path of [
      '/signin',
      '/api/auth/session',
      '/api/auth/callback/oidc',
      '/api/health',
      '/icon.svg',
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

  it('never sends back to the sign-in page or to the API', () => {
    expect(safeCallbackPath('/signin?callbackUrl=/signin')).toBe('/tasks');
    expect(safeCallbackPath('/api/tasks')).toBe('/tasks');
  });
});

describe('signInUrlFor', () => {
  it('carries the asked-for address, encoded', () => {
    expect(signInUrlFor('/tasks?status=Failed&type=file')).toBe(
      '/signin?callbackUrl=%2Ftasks%3Fstatus%3DFailed%26type%3Dfile',
    );
  });
});
