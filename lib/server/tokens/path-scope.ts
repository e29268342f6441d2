/**
 * A token's path limits (docs/tokens.md): each entry is a domain (`img.example.com`: anything on it)
 * or a domain and a path prefix (`img.example.com/static/`: only under it). A submitted path is inside
 * when its host is an entry's domain exactly and, for a prefix, its path starts with the prefix. A
 * path with a dot segment (`/../`, `%2e`, also between encoded separators `%2f`, `%5c`) is never
 * inside a prefix: the CDN may resolve it to somewhere else on the domain. Nor is a regular
 * expression with an alternative (`|`): its other branch need not start with the prefix. A path
 * whose host is followed by anything but `/`, `?` or `#` (user info: `https://a.com@b.com/`) is
 * inside nothing: a URL parser reads its host as another.
 */
import 'server-only';

/** A domain (letters, digits, dots, hyphens; a port allowed) and optionally a path from `/` on. */
export const PATH_SCOPE_ENTRY = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::\d{1,5})?(?:\/[^\s?#]{0,512})?$/i;

interface ParsedEntry {
  host: string;
  /** The path prefix, from its `/`; null: the whole domain. */
  prefix: string | null;
}

function parseEntry(entry: string): ParsedEntry {
  const slash = entry.indexOf('/');
  return slash < 0
    ? { host: entry.toLowerCase(), prefix: null }
    : { host: entry.slice(0, slash).toLowerCase(), prefix: entry.slice(slash) };
}

/**
 * `.` or `..` (plain or percent-encoded) between separators; `\\` counts as one, as some servers take
 * it, and so do the encoded `%2f` and `%5c`, which a server may decode before resolving.
 */
const DOT_SEGMENT = /(^|[/\\]|%2f|%5c)(\.|%2e){1,2}([/\\]|%2f|%5c|$)/i;

/**
 * Whether `objectPath` (an http(s) URL as submitted) lies within one of `entries`; `regex`: the path
 * is a regular expression (a Regex submission).
 */
export function isWithinScope(objectPath: string, entries: readonly string[], regex = false): boolean {
  const match = /^https?:\/\/([^/?#\s@\\]+)((?:[/?#][^\s]*)?)$/i.exec(objectPath);
  if (!match) return false;
  const host = (match[1] ?? '').toLowerCase();
  const path = match[2] || '/';
  return entries.map(parseEntry).some((entry) => {
    if (entry.host !== host) return false;
    if (entry.prefix === null) return true;
    if (regex && path.includes('|')) return false;
    return !DOT_SEGMENT.test(path) && path.startsWith(entry.prefix);
  });
}

/** The paths outside `entries`, in the order given; none when the token has no path limits. */
export function pathsOutsideScope(
  objectPaths: readonly string[],
  entries: readonly string[] | null,
  regex = false,
): string[] {
  if (entries === null) return [];
  return objectPaths.filter((objectPath) => !isWithinScope(objectPath, entries, regex));
}
