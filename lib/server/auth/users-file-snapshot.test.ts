import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usersFileSnapshot } from './users-file-snapshot';

const HASH = '$2b$04$abcdefghijklmnopqrstuu5Tq9gBn0xYjC5mF1ufJ0fQ2Q3VtQG3a';

function usersFile(): { path: string; write(users: object[]): void } {
  const path = join(mkdtempSync(join(tmpdir(), 'users-snapshot-')), 'users.json');
  return {
    path,
    // Beside, then renamed, as `npm run user:add` writes it.
    write(users) {
      writeFileSync(`${path}.tmp`, JSON.stringify(users));
      renameSync(`${path}.tmp`, path);
    },
  };
}

const names = (read: Awaited<ReturnType<ReturnType<typeof usersFileSnapshot>['current']>>) =>
  read.ok ? read.users.map((user) => `${user.username}:${user.role}`) : read.problem;

describe('usersFileSnapshot', () => {
  it('sees a changed file once the recheck interval has passed, not before', async () => {
    const file = usersFile();
    file.write([
      { username: 'olga', password: HASH, role: 'operator' },
      { username: 'rex', password: HASH, role: 'viewer' },
    ]);
    let now = 0;
    const snapshot = usersFileSnapshot(file.path, 60_000, { now: () => now });
    expect(names(await snapshot.current())).toEqual(['olga:operator', 'rex:viewer']);

    file.write([{ username: 'olga', password: HASH, role: 'viewer' }]);
    now = 59_999;
    expect(names(await snapshot.current())).toEqual(['olga:operator', 'rex:viewer']);
    now = 60_000;
    expect(names(await snapshot.current())).toEqual(['olga:viewer']);
  });

  it('looks at the file now when asked for it fresh, whatever the interval', async () => {
    const file = usersFile();
    file.write([{ username: 'olga', password: HASH, role: 'operator' }]);
    const snapshot = usersFileSnapshot(file.path, 60_000, { now: () => 0 });
    expect(names(await snapshot.current())).toEqual(['olga:operator']);
    file.write([{ username: 'olga', password: HASH, role: 'viewer' }]);
    expect(names(await snapshot.current())).toEqual(['olga:operator']);
    expect(names(await snapshot.current({ fresh: true }))).toEqual(['olga:viewer']);
    // And what it saw then is what the others see until the next recheck.
    expect(names(await snapshot.current())).toEqual(['olga:viewer']);
  });

  it('with no interval, sees every change on the next request', async () => {
    const file = usersFile();
    file.write([{ username: 'olga', password: HASH, role: 'operator' }]);
    const snapshot = usersFileSnapshot(file.path, 0);
    expect(names(await snapshot.current())).toEqual(['olga:operator']);
    file.write([]);
    expect(names(await snapshot.current())).toEqual([]);
  });

  it('reads the file again only when it changed', async () => {
    const file = usersFile();
    file.write([{ username: 'olga', password: HASH, role: 'operator' }]);
    let loads = 0;
    const snapshot = usersFileSnapshot(file.path, 0, {
      load: async () => {
        loads += 1;
        return { ok: true, users: [] };
      },
    });
    await snapshot.current();
    await snapshot.current();
    expect(loads).toBe(1);
    file.write([]);
    await snapshot.current();
    expect(loads).toBe(2);
  });

  it('reports a file that is gone or broken instead of keeping the old accounts', async () => {
    const file = usersFile();
    file.write([{ username: 'olga', password: HASH, role: 'operator' }]);
    const snapshot = usersFileSnapshot(file.path, 0);
    expect((await snapshot.current()).ok).toBe(true);
    writeFileSync(file.path, '{ not json');
    expect(await snapshot.current()).toEqual({ ok: false, problem: 'not valid JSON' });
    const gone = usersFileSnapshot(join(file.path, 'missing.json'), 0);
    expect((await gone.current()).ok).toBe(false);
  });
});
