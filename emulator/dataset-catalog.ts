/**
 * The accelerated domains of the emulated account and the shapes of URLs operators refresh on each.
 * Shapes follow real traffic: hashed assets, product images, HLS segments, release downloads, a few
 * query strings, spaces and non-ASCII paths (they exercise the signature encoding end to end).
 */
import { pick, type Random, randomInt } from './prng';

export interface DomainProfile {
  name: string;
  scheme: 'http' | 'https';
  resourceGroupId: string;
  /** Relative share of the background tasks. */
  weight: number;
  /**
   * How long this domain's tasks run against the type's usual run time (×): small static files
   * finish faster than video or downloads. Each domain and type so has its own completion times.
   */
  runFactor: number;
  file(random: Random): string;
  directory(random: Random): string;
  regex(random: Random): string;
}

/** The path prefix where the Origin Timeout incident happens (see dataset.ts). */
export const INCIDENT_DOMAIN = 'img.shop-example.com';
export const INCIDENT_PREFIX = '/products/2026/';

const hex = (random: Random, length: number) => {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[randomInt(random, 0, 15)];
  return out;
};
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const sku = (random: Random) => `SKU-${randomInt(random, 10000, 99999)}`;

/** A product image under the incident prefix: the kind of URL the incident's failures are about. */
export function incidentFilePath(random: Random): string {
  return `${INCIDENT_PREFIX}${sku(random)}/${pick(random, ['main.jpg', 'thumb_400x400.webp', 'detail-1.jpg', 'detail-2.jpg'])}`;
}

export const DOMAINS: readonly DomainProfile[] = [
  {
    name: 'static.example.com',
    scheme: 'https',
    resourceGroupId: 'rg-acfmwebfront01',
    weight: 26,
    runFactor: 0.6,
    file: (r) =>
      pick(r, [
        () => `/assets/js/app.${hex(r, 8)}.js`,
        () => `/assets/js/vendor.${hex(r, 8)}.js`,
        () => `/assets/css/main.${hex(r, 8)}.css`,
        () => `/fonts/${pick(r, ['inter-var', 'noto-sans-sc', 'jetbrains-mono'])}.woff2`,
        () => `/index.html`,
        () => `/${pick(r, ['about', 'pricing', 'contact', 'careers'])}.html`,
        () => `/assets/img/logo.svg?v=${randomInt(r, 1, 40)}`,
      ])(),
    directory: (r) => pick(r, ['/assets/', '/assets/js/', '/assets/css/', '/fonts/', '/']),
    regex: (r) => pick(r, ['/assets/js/.*\\.js', '/assets/css/.*\\.css$', '/.*\\.html']),
  },
  {
    name: INCIDENT_DOMAIN,
    scheme: 'https',
    resourceGroupId: 'rg-acfmshop0002',
    weight: 30,
    runFactor: 1.0,
    file: (r) =>
      pick(r, [
        () => incidentFilePath(r),
        () => `/products/2025/${sku(r)}/main.jpg`,
        () => `/banners/${pick(r, ['spring-sale', 'black-friday', 'new-arrivals'])}.png`,
        () => `/avatars/u${randomInt(r, 100000, 999999)}.png`,
        () => `/活动/双11/banner-${randomInt(r, 1, 6)}.jpg`,
      ])(),
    directory: (r) =>
      pick(r, [
        () => `${INCIDENT_PREFIX}${sku(r)}/`,
        () => '/banners/',
        () => INCIDENT_PREFIX,
        () => '/avatars/',
      ])(),
    regex: (r) => pick(r, [`${INCIDENT_PREFIX}.*\\.jpg$`, '/banners/.*\\.(png|webp)']),
  },
  {
    name: 'video.example.net',
    scheme: 'https',
    resourceGroupId: 'rg-acfmmedia003',
    weight: 14,
    runFactor: 2.5,
    file: (r) => {
      const id = `v${randomInt(r, 100000, 999999)}`;
      return pick(r, [
        () => `/vod/${id}/index.m3u8`,
        () => `/vod/${id}/seg-${pad(randomInt(r, 0, 480), 5)}.ts`,
        () => `/live/ch${randomInt(r, 1, 24)}/playlist.m3u8`,
        () => `/vod/${id}/poster.jpg`,
      ])();
    },
    directory: (r) => pick(r, [() => `/vod/v${randomInt(r, 100000, 999999)}/`, () => '/live/'])(),
    regex: (r) => pick(r, ['/vod/.*/index\\.m3u8', '/live/ch[0-9]+/.*']),
  },
  {
    name: 'api.example.org',
    scheme: 'https',
    resourceGroupId: 'rg-acfmwebfront01',
    weight: 10,
    runFactor: 0.5,
    file: (r) =>
      pick(r, [
        () => `/v1/config.json`,
        () => `/v2/catalog?lang=${pick(r, ['en', 'zh-CN', 'ja'])}&page=${randomInt(r, 1, 9)}`,
        () => `/v2/products/${randomInt(r, 1000, 9999)}.json`,
        () => `/v1/feature-flags.json`,
      ])(),
    directory: (r) => pick(r, ['/v1/', '/v2/', '/v2/products/']),
    regex: (r) => pick(r, ['/v2/products/.*\\.json']),
  },
  {
    name: 'downloads.example.io',
    scheme: 'https',
    resourceGroupId: 'rg-acfmmedia003',
    weight: 10,
    runFactor: 1.8,
    file: (r) => {
      const version = `v3.${randomInt(r, 0, 9)}.${randomInt(r, 0, 20)}`;
      return pick(r, [
        () => `/releases/${version}/app-setup-x64.exe`,
        () => `/releases/${version}/app-${version}.dmg`,
        () => `/releases/${version}/app-linux-amd64.tar.gz`,
        () => `/docs/User Guide ${version}.pdf`,
        () => `/releases/latest.json`,
      ])();
    },
    directory: (r) =>
      pick(r, [() => `/releases/v3.${randomInt(r, 0, 9)}.${randomInt(r, 0, 20)}/`, () => '/docs/'])(),
    regex: (r) => pick(r, ['/releases/.*\\.(exe|dmg)']),
  },
  {
    name: 'www.example.com',
    scheme: 'http',
    resourceGroupId: 'rg-acfmwebfront01',
    weight: 10,
    runFactor: 0.8,
    file: (r) =>
      pick(r, [
        () => `/blog/2026/${pad(randomInt(r, 1, 12), 2)}/post-${randomInt(r, 1, 300)}.html`,
        () => `/`,
        () => `/sitemap.xml`,
        () => `/robots.txt`,
      ])(),
    directory: (r) => pick(r, ['/blog/', '/blog/2026/', '/']),
    regex: (r) => pick(r, ['/blog/2026/.*']),
  },
];

export function domainIndex(name: string): number {
  return DOMAINS.findIndex((d) => d.name === name);
}

/** The full ObjectPath as the API shows it: scheme, host, path. */
export function objectUrl(domain: DomainProfile, path: string): string {
  return `${domain.scheme}://${domain.name}${path}`;
}
