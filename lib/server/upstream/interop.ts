import 'server-only';

/**
 * The Alibaba SDKs are CommonJS modules compiled with `exports.default = Class`. Node's ESM loader
 * hands us the whole `module.exports` as the default import, while Next's bundler hands us
 * `exports.default`; this returns the class either way.
 */
export function interopDefault<T>(imported: T | { default: T }): T {
  const candidate = imported as { default?: T };
  return typeof candidate === 'object' && candidate !== null && candidate.default !== undefined
    ? candidate.default
    : (imported as T);
}
