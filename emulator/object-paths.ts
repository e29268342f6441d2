/**
 * Reading the ObjectPath of RefreshObjectCaches and PushObjectCache: one object per line, each a URL
 * (a directory ending in `/`, or a URL whose path is a regular expression) on one of the account's
 * domains. The errors are the documented ones; see README.md ("Submitting").
 */
import { ApiError } from './api-error';
import { DOMAINS } from './dataset-catalog';

/** What the lines name: URLs (File, IgnoreParams, prefetch), directories, or regular expressions. */
export type PathKind = 'url' | 'directory' | 'regex';

export interface Submitted {
  url: string;
  /** Index into DOMAINS. */
  domain: number;
}

/** The documented longest ObjectPath line. */
export const MAX_PATH_LENGTH = 1024;

const URL_START = /^https?:\/\/([^/?#:\s]+)(?::\d+)?([/?#].*)?$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

const malformed = () =>
  new ApiError(
    'InvalidObjectPath.Malformed',
    400,
    'The specific value of parameter ObjectPath is malformed.',
  );

/** Splits on \n or \r\n, drops blank lines, and checks every line; the first bad one refuses all. */
export function parseObjectPaths(text: string, kind: PathKind = 'url'): Submitted[] {
  const out: Submitted[] = [];
  for (const line of text.split(/\r?\n/)) {
    const url = line.trim();
    if (url === '') continue;
    if (url.length > MAX_PATH_LENGTH || CONTROL_CHARACTERS.test(url)) throw malformed();
    const match = URL_START.exec(url);
    const host = match?.[1]?.toLowerCase();
    if (match === null || host === undefined) throw malformed();
    if (host.startsWith('*.')) {
      throw new ApiError(
        'InvalidExtensiveDomain.ValueNotSupported',
        400,
        'The specified ExtensiveDomain is not supported.',
      );
    }
    const domain = DOMAINS.findIndex((d) => d.name === host);
    if (domain === -1) {
      throw new ApiError('InvalidDomain.NotFound', 404, 'The domain provided does not belong to you.');
    }
    const path = match[2] ?? '';
    if (kind === 'directory' && !path.endsWith('/')) throw malformed();
    if (kind === 'regex' && !compiles(path)) throw malformed();
    out.push({ url, domain });
  }
  return out;
}

function compiles(pattern: string): boolean {
  if (pattern === '') return false;
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
