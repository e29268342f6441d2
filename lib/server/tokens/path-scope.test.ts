import { describe, expect, it } from 'vitest';
import { isWithinScope, PATH_SCOPE_ENTRY, pathsOutsideScope } from './path-scope';

describe('a token’s path limits', () => {
  const entries = ['img.example.com', 'static.example.com/assets/'];

  it('lets in a whole domain, and only that host', () => {
    expect(isWithinScope('https://img.example.com/a/b.png', entries)).toBe(true);
    expect(isWithinScope('http://IMG.example.com/', entries)).toBe(true);
    expect(isWithinScope('https://img.example.com', entries)).toBe(true);
    expect(isWithinScope('https://img.example.com.evil.test/a', entries)).toBe(false);
    expect(isWithinScope('https://evil.test@img.example.com/a', entries)).toBe(false);
    expect(isWithinScope('https://sub.img.example.com/a', entries)).toBe(false);
    // A URL parser reads the host after the user info: other.example.com.
    expect(isWithinScope('https://img.example.com@other.example.com/a', entries)).toBe(false);
    expect(isWithinScope('https://img.example.com:pw@other.example.com/a', entries)).toBe(false);
    expect(isWithinScope('https://img.example.com?a=1', entries)).toBe(true);
  });

  it('counts encoded separators around a dot segment as separators', () => {
    expect(isWithinScope('https://static.example.com/assets/..%2fprivate/x', entries)).toBe(false);
    expect(isWithinScope('https://static.example.com/assets/%2e%2e%2Fprivate/x', entries)).toBe(false);
    expect(isWithinScope('https://static.example.com/assets/x%2f..%5cprivate', entries)).toBe(false);
    expect(isWithinScope('https://static.example.com/assets/a..b/x', entries)).toBe(true);
  });

  it('does not let a regular expression’s alternative leave a prefix', () => {
    const regex = 'https://static.example.com/assets/.*|/private/.*';
    expect(isWithinScope(regex, entries, true)).toBe(false);
    expect(pathsOutsideScope([regex], entries, true)).toEqual([regex]);
    expect(isWithinScope('https://static.example.com/assets/.*\\.js', entries, true)).toBe(true);
    // A whole domain takes any expression on it.
    expect(isWithinScope('https://img.example.com/a|b', entries, true)).toBe(true);
  });

  it('lets in a prefix, and nothing beside it or reached through a dot segment', () => {
    expect(isWithinScope('https://static.example.com/assets/app.js', entries)).toBe(true);
    expect(isWithinScope('https://static.example.com/assets/.*\\.js', entries)).toBe(true);
    expect(isWithinScope('https://static.example.com/assets/..\\private\\x', entries)).toBe(false);
    expect(isWithinScope('https://static.example.com/assets/v2/.*', entries)).toBe(true);
    expect(isWithinScope('https://static.example.com/assetsX/app.js', entries)).toBe(false);
    expect(isWithinScope('https://static.example.com/private/app.js', entries)).toBe(false);
    expect(isWithinScope('https://static.example.com/assets/../private/x', entries)).toBe(false);
    expect(isWithinScope('https://static.example.com/assets/%2E%2E/private/x', entries)).toBe(false);
    expect(isWithinScope('https://static.example.com/assets/./x', entries)).toBe(false);
    expect(isWithinScope('https://static.example.com/', entries)).toBe(false);
  });

  it('refuses what is not an http(s) URL', () => {
    expect(isWithinScope('ftp://img.example.com/a', entries)).toBe(false);
    expect(isWithinScope('img.example.com/a', entries)).toBe(false);
  });

  it('names every path outside, in order; a token without limits has none', () => {
    const paths = [
      'https://img.example.com/1',
      'https://other.example.com/2',
      'https://static.example.com/x',
    ];
    expect(pathsOutsideScope(paths, entries)).toEqual([
      'https://other.example.com/2',
      'https://static.example.com/x',
    ]);
    expect(pathsOutsideScope(paths, null)).toEqual([]);
  });

  it('accepts domains and domain/prefix entries, nothing with a scheme or a query', () => {
    for (const good of ['img.example.com', 'static.example.com/assets/', 'cdn.example.com:8080/a'])
      expect(PATH_SCOPE_ENTRY.test(good)).toBe(true);
    for (const bad of ['https://img.example.com', 'img.example.com/a?b', '', '-bad.com', 'a b.com'])
      expect(PATH_SCOPE_ENTRY.test(bad)).toBe(false);
  });
});
