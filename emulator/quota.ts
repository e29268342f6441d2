/**
 * Daily refresh and prefetch quotas, counted per account over the Beijing (UTC+8) calendar day, which
 * is when Alibaba Cloud resets them. Only tasks created through the API count: the generated history
 * stands for earlier days.
 */
import { HOUR } from './utc-time';

export const QUOTA_KINDS = [
  'Url',
  'Dir',
  'Regex',
  'Preload',
  'PreloadEdge',
  'Block',
  'IgnoreParams',
] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

export const DAILY_QUOTA: Readonly<Record<QuotaKind, number>> = {
  Url: 10_000,
  Dir: 100,
  Regex: 20,
  Preload: 1_000,
  PreloadEdge: 1_000,
  Block: 100,
  IgnoreParams: 100,
};

const BEIJING_OFFSET = 8 * HOUR;

export class QuotaLedger {
  private day = '';
  private used = new Map<QuotaKind, number>();

  remaining(kind: QuotaKind, now: number): number {
    this.rollOver(now);
    return DAILY_QUOTA[kind] - (this.used.get(kind) ?? 0);
  }

  /** Spends `amount` of every kind listed, all or nothing; returns the first kind that lacks room. */
  spend(amounts: Partial<Record<QuotaKind, number>>, now: number): QuotaKind | null {
    const entries = Object.entries(amounts) as [QuotaKind, number][];
    for (const [kind, amount] of entries) if (this.remaining(kind, now) < amount) return kind;
    for (const [kind, amount] of entries) this.used.set(kind, (this.used.get(kind) ?? 0) + amount);
    return null;
  }

  clear(): void {
    this.used.clear();
  }

  private rollOver(now: number): void {
    const day = new Date(now + BEIJING_OFFSET).toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.used.clear();
    }
  }
}
