import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('npm run emulator (emulator/main.ts)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'starts from the environment, prints one line, exits 0 on %s',
    async (signal) => {
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
        env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_SEED: '42', EMULATOR_TASKS: '1200' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      while (!output.includes('\n')) await once(child.stdout, 'data');
      expect(output).toMatch(
        /^CDN OpenAPI emulator listening on http:\/\/127\.0\.0\.1:\d+ \(1200 tasks, seed 42, extended kinds\)\n$/,
      );
      const url = /http:\/\/\S+/.exec(output)?.[0] ?? '';
      expect((await fetch(`${url}/__emulator/health`)).status).toBe(200);
      child.kill(signal);
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    },
  );

  it('stops with one line naming a bad variable, without a stack or the value', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_EXTRA_KEYS: '[{"id":"K2","secret":"NotEchoed' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(errors).toMatch(/^emulator: EMULATOR_EXTRA_KEYS must be a JSON array .*\n$/);
    expect(errors).not.toContain('NotEchoed');
  });
});
