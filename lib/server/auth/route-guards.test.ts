/**
 * The second gate, checked statically: every route handler outside the public list calls
 * currentUser() or requireRole() in each exported method, and every page renders under a layout (or
 * is itself a component) that does. The proxy alone must never be what keeps a route closed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPublicPath } from '@/lib/auth-paths';

const appDir = join(import.meta.dirname, '..', '..', '..', 'app');
// readTaskView (lib/server/tasks/task-request.ts) is the task views' boundary, readTaskRequest its
// form for routes; it calls requireCaller, or requirePageUser for a page, which the last tests below
// hold it to. requirePageView (lib/server/page-view.ts) is requirePageUser and requirePageAccount. accountRouteAccess (lib/server/accounts/account-route.ts) is
// the other account routes' gate; its own test proves it asks for the session first.
// requireCaller (lib/server/tokens/token-caller.ts) is requireRole, or an API token when one is sent;
// its own test proves it asks for the session without one.
const SESSION_CHECK =
  /\b(?:requireRole|currentUser|readTaskView|readTaskRequest|readTriageRequest|requirePageUser|requirePageView|accountRouteAccess|requireCaller)\(/;
// The account check (lib/server/accounts/account-access.ts): the task routes' boundary resolves `acct`, the
// other routes ask accountRouteAccess (or accountOfRequest), pages requirePageAccount.
// /api/refresh may also name its account in its body (resolveAccount); /api/openapi.json checks the
// address with addressAccount (lib/server/accounts/account-route.ts), which is accountOfRequest.
const ACCOUNT_CHECK =
  /\b(?:readTaskRequest|readTriageRequest|accountOfRequest|accountRouteAccess|resolveAccount|addressAccount)\(/;

function files(name: string): string[] {
  return readdirSync(appDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === name)
    .map((entry) => join(entry.parentPath, entry.name));
}

/** app/(dashboard)/tasks/page.tsx → /tasks: route groups are not part of the address. */
function urlPath(file: string): string {
  const segments = relative(appDir, file)
    .split(sep)
    .slice(0, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join('/')}`;
}

/**
 * The names a page imports from lib/server outside auth/: whatever it calls of them may read data
 * (the store, the alert settings, the upstream configuration), so none may run before the session
 * check. Type-only imports read nothing.
 */
function serverImportsOf(source: string): string[] {
  const names: string[] = [];
  for (const [, list] of source.matchAll(
    /import\s+\{([^}]*)\}\s+from\s+'@\/lib\/server\/(?!auth\/)[^']*'/g,
  )) {
    for (const entry of (list ?? '').split(',')) {
      const name = entry.trim();
      if (!name || name.startsWith('type ')) continue;
      const local = name.split(/\s+as\s+/).at(-1) ?? name;
      // The session check itself reads only the session.
      if (!SESSION_CHECK.test(`${local}(`)) names.push(local);
    }
  }
  return names;
}

describe('every route handler checks the session itself', () => {
  const handlers = files('route.ts').filter(
    (file) => !isPublicPath(urlPath(file).replace(/\[[^\]]+\]/g, 'x')),
  );

  it('finds the API routes', () => {
    expect(handlers.map(urlPath)).toContain('/api/tasks');
  });

  for (const file of handlers) {
    it(urlPath(file), () => {
      const source = readFileSync(file, 'utf8');
      const methods = [...source.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/g)];
      expect(methods.length).toBeGreaterThan(0);
      for (const [index, method] of methods.entries()) {
        const body = source.slice(method.index, methods[index + 1]?.index ?? source.length);
        expect(body, `${method[1]} in ${relative(appDir, file)}`).toMatch(SESSION_CHECK);
      }
      expect(source).not.toMatch(/export\s*\{[^}]*\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/);
    });
  }
});

describe('every route handler checks the account of the request itself', () => {
  const handlers = files('route.ts').filter(
    (file) =>
      !isPublicPath(urlPath(file).replace(/\[[^\]]+\]/g, 'x')) && !urlPath(file).startsWith('/api/auth'),
  );

  it('finds the API routes', () => {
    expect(handlers.map(urlPath)).toEqual(
      expect.arrayContaining(['/api/tasks', '/api/sync', '/api/quota', '/api/resubmit', '/api/triage']),
    );
  });

  for (const file of handlers) {
    it(urlPath(file), () => {
      const source = readFileSync(file, 'utf8');
      const methods = [...source.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/g)];
      for (const [index, method] of methods.entries()) {
        const body = source.slice(method.index, methods[index + 1]?.index ?? source.length);
        expect(body, `${method[1]} in ${relative(appDir, file)}`).toMatch(ACCOUNT_CHECK);
        // Nothing reads by a fixed account: the id comes from the checked request.
        expect(body).not.toMatch(/DEFAULT_ACCOUNT_ID/);
      }
    });
  }
});

describe('every state-changing route handler refuses cross-site requests itself', () => {
  const changing = files('route.ts')
    .filter((file) => !isPublicPath(urlPath(file).replace(/\[[^\]]+\]/g, 'x')))
    .filter((file) =>
      /export\s+(?:async\s+)?function\s+(POST|PUT|PATCH|DELETE)\b/.test(readFileSync(file, 'utf8')),
    );

  it('finds them', () => {
    expect(changing.map(urlPath)).toContain('/api/resubmit');
  });

  for (const file of changing) {
    it(urlPath(file), () => {
      expect(readFileSync(file, 'utf8')).toMatch(
        /\bcrossSiteRefusal\(request\)|\baccountRouteAccess\(request, \{[^}]*\bchangesState: true\b/,
      );
    });
  }
});

describe('every public state-changing route handler refuses requests from other origins itself', () => {
  // No session and no CSRF token to check (a plain HTML form posts it): the Origin check is the guard.
  const publicChanging = files('route.ts')
    .filter((file) => isPublicPath(urlPath(file)) && !urlPath(file).startsWith('/api/auth'))
    .filter((file) =>
      /export\s+(?:async\s+)?function\s+(POST|PUT|PATCH|DELETE)\b/.test(readFileSync(file, 'utf8')),
    );

  it('finds them', () => {
    expect(publicChanging.map(urlPath)).toContain('/api/locale');
  });

  for (const file of publicChanging) {
    it(urlPath(file), () => {
      expect(readFileSync(file, 'utf8')).toMatch(/\bcross(?:Site|Origin)Refusal\(request\)/);
    });
  }
});

describe('every page renders only for a signed-in user', () => {
  /** Pages with no data of their own: the public sign-in page and the root redirect. */
  const exempt = new Set(['/signin', '/']);
  const pages = files('page.tsx').filter((file) => !exempt.has(urlPath(file)));

  for (const file of pages) {
    it(urlPath(file), () => {
      let directory = join(file, '..');
      const guards: string[] = [readFileSync(file, 'utf8')];
      while (directory.startsWith(appDir)) {
        try {
          guards.push(readFileSync(join(directory, 'layout.tsx'), 'utf8'));
        } catch {
          // No layout at this level.
        }
        directory = join(directory, '..');
      }
      expect(guards.some((source) => SESSION_CHECK.test(source))).toBe(true);
    });
  }

  // A client navigation renders a page's segment without its layout: a page that reads data on the
  // server must ask for the user itself, before it reads.
  const dataPages = files('page.tsx').filter((file) =>
    /from '@\/lib\/server\/(?!auth\/)/.test(readFileSync(file, 'utf8')),
  );

  it('finds the pages that read data on the server', () => {
    expect(dataPages.map(urlPath)).toEqual(expect.arrayContaining(['/tasks', '/alerts']));
  });

  for (const file of dataPages) {
    it(`${urlPath(file)} checks the session itself, before reading data`, () => {
      const source = readFileSync(file, 'utf8');
      const body = source.slice(source.indexOf('export default'));
      const check = body.search(SESSION_CHECK);
      expect(check, relative(appDir, file)).toBeGreaterThan(0);
      const readers = serverImportsOf(source);
      const firstRead = readers.length > 0 ? body.search(new RegExp(`\\b(?:${readers.join('|')})\\(`)) : -1;
      if (firstRead >= 0) expect(check, relative(appDir, file)).toBeLessThan(firstRead);
    });
  }

  // Every page under the dashboard shows one account's data (or every permitted one's on /triage):
  // it resolves the account from its own address, before it reads anything.
  // requirePageView and readTaskView ask requirePageAccount, or resolve `acct` the same way (below).
  const PAGE_ACCOUNT_CHECK =
    /\b(?:requirePageAccount\(user, params\.acct\)|requirePageView\(|readTaskView\()/;
  const dashboardPages = files('page.tsx').filter((file) => relative(appDir, file).startsWith('(dashboard)'));

  it('finds the dashboard pages', () => {
    expect(dashboardPages.map(urlPath)).toEqual(expect.arrayContaining(['/tasks', '/triage', '/alerts']));
  });

  for (const file of dashboardPages) {
    it(`${urlPath(file)} checks the account itself, before reading data`, () => {
      const source = readFileSync(file, 'utf8');
      const body = source.slice(source.indexOf('export default'));
      const check = body.search(PAGE_ACCOUNT_CHECK);
      expect(check, relative(appDir, file)).toBeGreaterThan(0);
      const firstRead = body.search(/\b(?:taskListFor|alertsView|store)\(/);
      if (firstRead >= 0) expect(check).toBeLessThan(firstRead);
      expect(source).not.toMatch(/DEFAULT_ACCOUNT_ID/);
    });
  }

  it('the root page only redirects (app/page.test.tsx: where to)', () => {
    const source = readFileSync(join(appDir, 'page.tsx'), 'utf8');
    expect(source).toMatch(/redirect\(/);
    expect(source).not.toMatch(/@\/lib\/server/);
  });
});

describe("the task views' shared boundary", () => {
  const source = readFileSync(new URL('../tasks/task-request.ts', import.meta.url), 'utf8');
  const body = source.slice(source.indexOf('export async function readTaskView('));

  it('checks the account before it reads the window or anything else', () => {
    expect(body.indexOf('resolveAccount(user, filters.acct)')).toBeGreaterThan(0);
    expect(body.indexOf('resolveAccount(')).toBeLessThan(body.indexOf('resolveWindow('));
  });

  it('checks the session or token before it reads anything', () => {
    for (const check of ['requirePageUser(caller.path', "requireCaller(caller.headers, 'viewer')"]) {
      expect(body.indexOf(check), check).toBeGreaterThan(0);
      expect(body.indexOf(check), check).toBeLessThan(body.indexOf('parseFilters('));
    }
  });

  it('is what the task routes call', () => {
    const routes = source.slice(source.indexOf('export function readTaskRequest'));
    expect(routes).toMatch(/readTaskView\(request\.nextUrl\.searchParams, \{ kind: 'api'/);
  });
});
