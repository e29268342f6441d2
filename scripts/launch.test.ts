/**
 * `npm start` refuses demo mode where it is not meant, before starting anything: the message says
 * why and what to do, and the exit code is not 0. (Each case of the rule: lib/node/auth-startup.test.ts.)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function launch(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !/^(ALIBABA_CLOUD|ALICLOUD|ALIYUN|AUTH_|DEMO$|NODE_ENV$)/.test(name),
      ),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/launch.ts', 'start'], {
      cwd: root,
      env: {
        ...clean,
        // What a developer's shell has, unless the case says otherwise.
        NODE_ENV: 'development',
        HOME: '/nonexistent-home-for-tests',
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        PORT: '5291',
        EMULATOR_PORT: '5292',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm start', () => {
  it('refuses demo mode with NODE_ENV=production, saying why and what to do', async () => {
    const { code, output } = await launch({ NODE_ENV: 'production' });
    expect(code).toBe(1);
    expect(output).toContain('NODE_ENV is production');
    expect(output).toContain('DEMO=1');
    expect(output).not.toContain('emulator on');
  });

  it('refuses live mode without NEXTAUTH_URL', async () => {
    const { code, output } = await launch({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-launch-test',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'launch-test-secret',
      AUTH_SECRET: 'launch-test-session-key',
    });
    expect(code).toBe(1);
    expect(output).toContain('NEXTAUTH_URL is not set');
    expect(output).not.toContain('launch-test-secret');
  });
});
