import { describe, expect, it } from 'vitest';
import { domainOfObjectPath, normaliseReason, parseProgress, toIsoUtc } from './task';

describe('parseProgress', () => {
  it.each([
    ['100%', 100],
    ['99.37%', 99.37],
    ['10', 10],
    [' 5 % ', 5],
    ['', 0],
    ['n/a', 0],
    ['250%', 100],
    ['-3', 0],
  ])('%j → %d', (raw, expected) => {
    expect(parseProgress(raw)).toBe(expected);
  });

  it('accepts numbers and missing values', () => {
    expect(parseProgress(42.5)).toBe(42.5);
    expect(parseProgress(undefined)).toBe(0);
    expect(parseProgress(null)).toBe(0);
  });
});

describe('normaliseReason', () => {
  it.each([
    ['Origin Timeout', 'origin-timeout'],
    ['OriginTimeout', 'origin-timeout'],
    ['Origin Return StatusCode 5XX', 'origin-5xx'],
    ['OriginReturn StatusCode 5XX', 'origin-5xx'],
    ['Internal Error', 'internal-error'],
    ['InternalError', 'internal-error'],
    ['Something new upstream', 'other'],
  ])('%j → %s', (description, reason) => {
    expect(normaliseReason(description)).toBe(reason);
  });

  it('gives null when there is no description', () => {
    expect(normaliseReason('')).toBeNull();
    expect(normaliseReason('   ')).toBeNull();
    expect(normaliseReason(null)).toBeNull();
  });
});

describe('domainOfObjectPath', () => {
  it.each([
    ['http://example.com/a.txt', 'example.com'],
    ['https://IMG.Shop-Example.com:8443/products/', 'img.shop-example.com'],
    ['static.example.com/js/app.js?v=3', 'static.example.com'],
    ['http://video.example.net/hls/.*\\.ts$', 'video.example.net'],
    ['', ''],
  ])('%j → %j', (objectPath, domain) => {
    expect(domainOfObjectPath(objectPath)).toBe(domain);
  });
});

describe('toIsoUtc', () => {
  it('keeps second precision in UTC', () => {
    expect(toIsoUtc('2014-11-27T08:23:22Z')).toBe('2014-11-27T08:23:22Z');
    expect(toIsoUtc('2014-11-27T16:23:22+08:00')).toBe('2014-11-27T08:23:22Z');
  });
  it('keeps unparsable text rather than inventing a time', () => {
    expect(toIsoUtc('yesterday')).toBe('yesterday');
  });
});
