import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkAuthStartup, MISSING_AUTH_SECRET_MESSAGE } from './auth-startup';

// A home directory without cloud credential files, so only the variables below decide the mode.
beforeEach(() => {
  vi.stubEnv('HOME', '/nonexistent-home-for-tests');
  return () => vi.unstubAllEnvs();
});
/** An environment with exactly these variables (NODE_ENV aside). */
const envOf = (variables: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: 'test',
  ...variables,
});

describe('checkAuthStartup', () => {
  it('generates a session key in demo mode', () => {
    const env = envOf();
    expect(checkAuthStartup(env)).toEqual({ problems: [], generatedSecret: true });
    expect(env.AUTH_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('stops start-up outside demo mode without AUTH_SECRET, with a message that says what to do', () => {
    const env = envOf({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-x', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' });
    expect(checkAuthStartup(env)).toEqual({
      problems: [MISSING_AUTH_SECRET_MESSAGE],
      generatedSecret: false,
    });
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(MISSING_AUTH_SECRET_MESSAGE).toContain('AUTH_SECRET');
    expect(MISSING_AUTH_SECRET_MESSAGE).toContain('openssl rand');
  });

  it('keeps a given key', () => {
    const env = envOf({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-x', AUTH_SECRET: 'given' });
    expect(checkAuthStartup(env)).toEqual({ problems: [], generatedSecret: false });
    expect(env.AUTH_SECRET).toBe('given');
  });

  it('refuses half a single sign-on configuration, naming what is missing', () => {
    const env = envOf({ AUTH_OIDC_ISSUER: 'https://id.example.test' });
    const { problems } = checkAuthStartup(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET');
  });
});
