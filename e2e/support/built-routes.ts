/**
 * Every route of the production build under test, from Next's own manifest (so a route added
 * tomorrow is covered without touching the tests). Honours NEXT_DIST_DIR like next.config.js does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BuiltRoute {
  /** The address to request, with dynamic segments filled in. */
  path: string;
  kind: 'page' | 'api' | 'asset';
}

/** Next's internal error pages: not addresses anyone can open as such. */
const INTERNAL = new Set(['/_not-found', '/_global-error']);

export function builtRoutes(distDir = process.env.NEXT_DIST_DIR || '.next'): BuiltRoute[] {
  const manifest = JSON.parse(readFileSync(join(distDir, 'app-path-routes-manifest.json'), 'utf8')) as Record<
    string,
    string
  >;
  return Object.entries(manifest)
    .filter(([, path]) => !INTERNAL.has(path))
    .map(([entry, path]) => ({
      path: path.replace(/\[\[?\.\.\.[^\]]+\]\]?/g, 'probe/deeper').replace(/\[[^\]]+\]/g, 'probe'),
      kind: !entry.endsWith('/route') ? 'page' : path.startsWith('/api') ? 'api' : 'asset',
    }));
}
