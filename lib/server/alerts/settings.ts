import 'server-only';
import { readFileSync } from 'node:fs';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { AlertConfigError, type AlertRule, type ChannelKind, defaultRule, parseRulesFile } from './rules';

/**
 * Where alerts go and which rules decide them, read from the environment (README's configuration
 * table). Checked when the server starts: a bad value stops it with a message naming the variable or
 * the file's field. Webhook URLs and secrets are secrets: they live here and in the delivery code
 * only, never in a log line, an API answer or a page (see `channelSummary`).
 */
export interface ChannelSettings {
  kind: ChannelKind;
  url: URL;
  /** DingTalk and Feishu robots' signing secret; null when the robot does not sign. */
  secret: string | null;
}

export interface AlertSettings {
  channels: ChannelSettings[];
  /** The default rule (when any channel is configured) and ALERTS_FILE's. */
  rules: AlertRule[];
  /** The dashboard's public address, for links in messages. */
  baseUrl: string;
  /** The chat messages' language (ALERT_LANGUAGE); the webhook's JSON keys and values never change. */
  language: Locale;
  /** How often the syncing instance evaluates the rules. */
  evaluateEveryMs: number;
  delivery: DeliverySettings;
}

export interface DeliverySettings {
  /** Attempts per message (the first and its retries), with exponential backoff between them. */
  attempts: number;
  firstRetryMs: number;
  maxRetryMs: number;
  timeoutMs: number;
}

const DEFAULT_DELIVERY: DeliverySettings = {
  attempts: 4,
  firstRetryMs: 1_000,
  maxRetryMs: 15_000,
  timeoutMs: 10_000,
};

const CHANNEL_VARIABLES: Record<ChannelKind, { url: string; secret?: string }> = {
  webhook: { url: 'ALERT_WEBHOOK_URL' },
  slack: { url: 'ALERT_SLACK_WEBHOOK_URL' },
  dingtalk: { url: 'ALERT_DINGTALK_WEBHOOK_URL', secret: 'ALERT_DINGTALK_SECRET' },
  feishu: { url: 'ALERT_FEISHU_WEBHOOK_URL', secret: 'ALERT_FEISHU_SECRET' },
};

type Env = Readonly<Record<string, string | undefined>>;

export function readAlertSettings(
  env: Env = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): AlertSettings {
  const channels = readChannels(env);
  const kinds = channels.map((channel) => channel.kind);
  const rules: AlertRule[] = kinds.length > 0 ? [defaultRule(kinds)] : [];
  const file = env.ALERTS_FILE?.trim();
  if (file) {
    let text: string;
    try {
      text = readFile(file);
    } catch {
      throw new AlertConfigError(`ALERTS_FILE (${file}) cannot be read.`);
    }
    const extra = parseRulesFile(text, file, kinds);
    if (extra.length > 0 && kinds.length === 0)
      throw new AlertConfigError(
        'ALERTS_FILE has rules but no alert channel is configured (ALERT_WEBHOOK_URL, ALERT_SLACK_WEBHOOK_URL, ALERT_DINGTALK_WEBHOOK_URL or ALERT_FEISHU_WEBHOOK_URL).',
      );
    rules.push(...extra);
  }
  return {
    channels,
    rules,
    baseUrl: readBaseUrl(env),
    language: readLanguage(env),
    evaluateEveryMs: positiveInteger(env, 'ALERT_EVALUATE_INTERVAL_MS', 30_000),
    delivery: { ...DEFAULT_DELIVERY, attempts: positiveInteger(env, 'ALERT_DELIVERY_ATTEMPTS', 4) },
  };
}

function readChannels(env: Env): ChannelSettings[] {
  const channels: ChannelSettings[] = [];
  for (const [kind, names] of Object.entries(CHANNEL_VARIABLES) as Array<
    [ChannelKind, (typeof CHANNEL_VARIABLES)[ChannelKind]]
  >) {
    const raw = env[names.url]?.trim();
    const secret = names.secret ? env[names.secret]?.trim() || null : null;
    if (!raw) {
      if (secret && names.secret)
        throw new AlertConfigError(`${names.secret} is set but ${names.url} is not.`);
      continue;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      // The value itself is a secret: say what is wrong, never echo it.
      throw new AlertConfigError(`${names.url} is not a URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new AlertConfigError(`${names.url} must be an http(s) URL.`);
    channels.push({ kind, url, secret });
  }
  return channels;
}

function readBaseUrl(env: Env): string {
  const raw = env.ALERT_BASE_URL?.trim() || env.NEXTAUTH_URL?.trim();
  if (!raw) return `http://localhost:${env.PORT?.trim() || '3000'}`;
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    throw new AlertConfigError(
      `${env.ALERT_BASE_URL?.trim() ? 'ALERT_BASE_URL' : 'NEXTAUTH_URL'} is not a URL.`,
    );
  }
}

function readLanguage(env: Env): Locale {
  const raw = env.ALERT_LANGUAGE?.trim();
  if (!raw) return 'en';
  if (!isLocale(raw)) throw new AlertConfigError('ALERT_LANGUAGE must be en or zh.');
  return raw;
}

function positiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new AlertConfigError(`${name} must be a positive whole number.`);
  return value;
}

/** What a page may show of a channel: its kind and host, never the path, query or secret. */
export interface ChannelSummary {
  kind: ChannelKind;
  target: string;
  signed: boolean;
}

export function channelSummary(channel: ChannelSettings): ChannelSummary {
  return {
    kind: channel.kind,
    target: `${channel.url.protocol}//${channel.url.host}/••••`,
    signed: channel.secret !== null,
  };
}

let cached: AlertSettings | undefined;

/** The process's settings, read once. */
export function alertSettings(): AlertSettings {
  cached ??= readAlertSettings();
  return cached;
}
