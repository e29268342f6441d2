import 'server-only';
import { EMULATOR_DEFAULTS } from '@/emulator/defaults';
import { runMode } from '@/lib/node/run-mode';

/**
 * Where the dashboard's upstream is and how it signs. Read from the environment once per process;
 * README's configuration table is the contract for these names.
 */
interface UpstreamConfig {
  /** `demo` with DEMO=1, or without cloud credentials (where start-up allows it): the emulator answers. */
  mode: 'demo' | 'live';
  endpoint: URL;
  /** Static keys for demo mode; null in live mode, where the standard credential chain decides. */
  demoCredentials: { accessKeyId: string; accessKeySecret: string } | null;
  /**
   * Where GetCallerIdentity goes (STS_ENDPOINT): null when unset, and then each account asks STS's
   * public endpoint in live mode and its own endpoint (the emulator, which answers STS too) in demo mode.
   */
  stsEndpoint: URL | null;
}

const DEFAULT_ENDPOINT = 'https://cdn.aliyuncs.com';
export const DEFAULT_STS_ENDPOINT = 'https://sts.aliyuncs.com';

function readUpstreamConfig(env: NodeJS.ProcessEnv = process.env): UpstreamConfig {
  if (runMode(env) === 'live') {
    return {
      mode: 'live',
      endpoint: parseEndpoint(env.CDN_ENDPOINT || DEFAULT_ENDPOINT),
      demoCredentials: null,
      stsEndpoint: env.STS_ENDPOINT ? parseEndpoint(env.STS_ENDPOINT) : null,
    };
  }
  const port = env.EMULATOR_PORT || String(EMULATOR_DEFAULTS.port);
  return {
    mode: 'demo',
    endpoint: parseEndpoint(env.CDN_ENDPOINT || `http://${EMULATOR_DEFAULTS.host}:${port}`),
    demoCredentials: {
      accessKeyId: env.EMULATOR_ACCESS_KEY_ID || EMULATOR_DEFAULTS.accessKeyId,
      accessKeySecret: env.EMULATOR_ACCESS_KEY_SECRET || EMULATOR_DEFAULTS.accessKeySecret,
    },
    stsEndpoint: env.STS_ENDPOINT ? parseEndpoint(env.STS_ENDPOINT) : null,
  };
}

export function parseEndpoint(raw: string): URL {
  // People write `cdn.aliyuncs.com` as often as `https://cdn.aliyuncs.com`.
  const withScheme = /^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`;
  const url = new URL(withScheme);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`an endpoint (CDN_ENDPOINT, STS_ENDPOINT) must be an http(s) URL, got ${url.protocol}`);
  }
  return url;
}

let cached: UpstreamConfig | undefined;

export function upstreamConfig(): UpstreamConfig {
  cached ??= readUpstreamConfig();
  return cached;
}
