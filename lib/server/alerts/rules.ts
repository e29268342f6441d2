import 'server-only';
import { z } from 'zod';
import { FAILURE_REASONS, type FailureReason, TASK_TYPES } from '@/lib/task';

/**
 * What an alert rule says (docs/alerts.md). A failure rule: failures of one reason, on one domain or
 * one path prefix, at least `threshold` within `windowMs` and at least `ratio` times that group's
 * baseline (its average per window over the previous 24 hours). A time-to-finish rule (`kind:
 * "slow"`): the p90 time to finish of a domain's tasks (of one type, or all) created in the window,
 * at least `threshold` seconds and at least `ratio` times its p90 over the previous 24 hours. The
 * default rule needs no configuration beyond a channel; ALERTS_FILE adds more.
 */
export const CHANNEL_KINDS = ['webhook', 'slack', 'dingtalk', 'feishu'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What a rule watches: a failure reason's count, or (`slow`) the p90 time to finish. */
export type AlertReason = FailureReason | 'slow';
export type TaskType = (typeof TASK_TYPES)[number];

export interface AlertRule {
  name: string;
  reason: AlertReason;
  /** A `slow` rule's task type; null (or absent) for every type. */
  type?: TaskType | null;
  /** A `slow` rule: a domain with fewer tasks in the window has no p90 to tell (counts as below). */
  minTasks?: number;
  /** Only this domain's failures; null for every domain. */
  domain: string | null;
  /** Only paths starting with this (`/products/`); null for every path. */
  prefix: string | null;
  /** Only these accounts (ids of ACCOUNTS_FILE); null for every account. */
  accounts: readonly string[] | null;
  /** Failures in the window; for a `slow` rule, the p90 in seconds. */
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

const ruleName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1–63 lower-case letters, digits or dashes');
const ruleDomain = z
  .string()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i, 'must be a domain name')
  .optional();
const ruleAccounts = z
  .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be account ids of ACCOUNTS_FILE'))
  .min(1)
  .max(100)
  .optional();
const ruleWindow = z
  .number()
  .positive()
  .max(24 * 60);
const ruleRatio = z.number().min(0).max(1_000);
const ruleCooldown = z
  .number()
  .min(0)
  .max(7 * 24 * 60);
const ruleChannels = z.array(z.enum(CHANNEL_KINDS)).min(1).optional();

/** One failure rule as written in ALERTS_FILE; times in minutes, as people write them. */
const failureRuleSchema = z.strictObject({
  name: ruleName,
  kind: z.literal('failures').optional(),
  reason: z.enum(FAILURE_REASONS),
  domain: ruleDomain,
  prefix: z
    .string()
    .max(200)
    .regex(/^\/[^\s?#]*$/, 'must start with / and hold no whitespace, ? or #')
    .optional(),
  accounts: ruleAccounts,
  threshold: z.number().int().min(1).max(1_000_000),
  windowMinutes: ruleWindow,
  ratio: ruleRatio,
  cooldownMinutes: ruleCooldown,
  channels: ruleChannels,
});

/** One time-to-finish rule (`"kind": "slow"`): the p90 threshold in seconds. */
const slowRuleSchema = z.strictObject({
  name: ruleName,
  kind: z.literal('slow'),
  type: z.enum(TASK_TYPES).optional(),
  domain: ruleDomain,
  accounts: ruleAccounts,
  thresholdSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600),
  minTasks: z.number().int().min(1).max(1_000_000).optional(),
  windowMinutes: ruleWindow,
  ratio: ruleRatio,
  cooldownMinutes: ruleCooldown,
  channels: ruleChannels,
});

/** A slow rule's least tasks in the window, unless the file says otherwise. */
export const DEFAULT_MIN_TASKS = 10;

// Each rule is checked against its kind's schema, so a message names that kind's fields.
const fileRuleSchema = z.unknown().transform((value, ctx) => {
  const slow = typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'slow';
  const parsed = (slow ? slowRuleSchema : failureRuleSchema).safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: issue.path } as never);
  return z.NEVER;
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
    const common = {
      name: rule.name,
      domain: rule.domain?.toLowerCase() ?? null,
      accounts: rule.accounts ?? null,
      windowMs: Math.round(rule.windowMinutes * MINUTE),
      ratio: rule.ratio,
      cooldownMs: Math.round(rule.cooldownMinutes * MINUTE),
      channels: rule.channels ?? configured,
    };
    if (rule.kind === 'slow')
      return {
        ...common,
        reason: 'slow' as const,
        type: rule.type ?? null,
        minTasks: rule.minTasks ?? DEFAULT_MIN_TASKS,
        prefix: null,
        threshold: rule.thresholdSeconds,
      };
    return {
      ...common,
      reason: rule.reason,
      prefix: rule.prefix ?? null,
      threshold: rule.threshold,
    };
  });
}

/** A time-to-finish rule: its threshold is a p90 in seconds, its groups are domains. */
export function isSlowRule(rule: Pick<AlertRule, 'reason'>): boolean {
  return rule.reason === 'slow';
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
