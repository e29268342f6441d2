import 'server-only';
import { z } from 'zod';
import { FAILURE_REASONS, type FailureReason } from '@/lib/task';

/**
 * What an alert rule says (docs/alerts.md): failures of one reason, on one domain or one path prefix,
 * at least `threshold` within `windowMs` and at least `ratio` times that group's baseline (its average
 * per window over the previous 24 hours). The default rule needs no configuration beyond a channel;
 * ALERTS_FILE adds more.
 */
export const CHANNEL_KINDS = ['webhook', 'slack', 'dingtalk', 'feishu'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface AlertRule {
  name: string;
  reason: FailureReason;
  /** Only this domain's failures; null for every domain. */
  domain: string | null;
  /** Only paths starting with this (`/products/`); null for every path. */
  prefix: string | null;
  /** Only these accounts (ids of ACCOUNTS_FILE); null for every account. */
  accounts: readonly string[] | null;
  threshold: number;
  windowMs: number;
  ratio: number;
  /** After a firing, the same rule and group fire again only this long later. */
  cooldownMs: number;
  channels: readonly ChannelKind[];
}

const MINUTE = 60_000;

export const DEFAULT_RULE_NAME = 'origin-timeout-spike';

export function defaultRule(channels: readonly ChannelKind[]): AlertRule {
  return {
    name: DEFAULT_RULE_NAME,
    reason: 'origin-timeout',
    domain: null,
    prefix: null,
    accounts: null,
    threshold: 20,
    windowMs: 10 * MINUTE,
    ratio: 3,
    cooldownMs: 30 * MINUTE,
    channels,
  };
}

/** One rule as written in ALERTS_FILE; times in minutes, as people write them. */
const fileRuleSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1–63 lower-case letters, digits or dashes'),
  reason: z.enum(FAILURE_REASONS),
  domain: z
    .string()
    .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i, 'must be a domain name')
    .optional(),
  prefix: z
    .string()
    .max(200)
    .regex(/^\/[^\s?#]*$/, 'must start with / and hold no whitespace, ? or #')
    .optional(),
  accounts: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be account ids of ACCOUNTS_FILE'))
    .min(1)
    .max(100)
    .optional(),
  threshold: z.number().int().min(1).max(1_000_000),
  windowMinutes: z
    .number()
    .positive()
    .max(24 * 60),
  ratio: z.number().min(0).max(1_000),
  cooldownMinutes: z
    .number()
    .min(0)
    .max(7 * 24 * 60),
  channels: z.array(z.enum(CHANNEL_KINDS)).min(1).optional(),
});

const fileSchema = z.array(fileRuleSchema).max(100);

/** A bad ALERTS_FILE or channel setting: the message names the variable and the field. */
export class AlertConfigError extends Error {}

/**
 * The rules of ALERTS_FILE's text, checked against the channels that are configured. `source` names
 * the file in messages.
 */
export function parseRulesFile(
  text: string,
  source: string,
  configured: readonly ChannelKind[],
): AlertRule[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AlertConfigError(`ALERTS_FILE (${source}) is not valid JSON.`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`);
    throw new AlertConfigError(`ALERTS_FILE (${source}) has bad fields: ${problems.join('; ')}.`);
  }
  const names = new Set<string>([DEFAULT_RULE_NAME]);
  return parsed.data.map((rule, index) => {
    if (names.has(rule.name))
      throw new AlertConfigError(
        `ALERTS_FILE (${source}) has bad fields: ${fieldPath([index, 'name'])}: "${rule.name}" is used twice (or is the default rule's).`,
      );
    names.add(rule.name);
    const missing = (rule.channels ?? []).filter((kind) => !configured.includes(kind));
    if (missing.length > 0)
      throw new AlertConfigError(
        `ALERTS_FILE (${source}) has bad fields: ${fieldPath([index, 'channels'])}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not configured.`,
      );
    return {
      name: rule.name,
      reason: rule.reason,
      domain: rule.domain?.toLowerCase() ?? null,
      prefix: rule.prefix ?? null,
      accounts: rule.accounts ?? null,
      threshold: rule.threshold,
      windowMs: Math.round(rule.windowMinutes * MINUTE),
      ratio: rule.ratio,
      cooldownMs: Math.round(rule.cooldownMinutes * MINUTE),
      channels: rule.channels ?? configured,
    };
  });
}

/** Whether `rule` is evaluated on, and shown with, the account `accountId`. */
export function ruleAppliesTo(rule: Pick<AlertRule, 'accounts'>, accountId: string): boolean {
  return rule.accounts === null || rule.accounts.includes(accountId);
}

function fieldPath(path: readonly PropertyKey[]): string {
  const [index, ...rest] = path;
  const head = typeof index === 'number' ? `[${index}]` : String(index ?? '');
  return `${head}${rest.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}`;
}
