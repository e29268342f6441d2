/**
 * Daily refresh and prefetch quotas, counted per account over the Beijing (UTC+8) calendar day of the
 * data clock, which is when Alibaba Cloud resets them. Only tasks created through the API count: the
 * generated history stands for earlier days. Tests may change a day's quota or what remains of it.
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

/** The Beijing calendar day of an instant, e.g. "2026-11-29" from 2026-11-28T16:00Z on. */
export function beijingDay(ms: number): string {
  return new Date(ms + BEIJING_OFFSET).toISOString().slice(0, 10);
}

export class QuotaLedger {
  private day = '';
  private used = new Map<QuotaKind, number>();
  /** Quotas set by a test, in place of DAILY_QUOTA, until the emulator is reset. */
  private limits = new Map<QuotaKind, number>();

  quota(kind: QuotaKind): number {
    return this.limits.get(kind) ?? DAILY_QUOTA[kind];
  }

  remaining(kind: QuotaKind, now: number): number {
    this.rollOver(now);
    return Math.max(0, this.quota(kind) - (this.used.get(kind) ?? 0));
  }

  /** Spends `amount` of every kind listed, all or nothing; returns the first kind that lacks room. */
  spend(amounts: Partial<Record<QuotaKind, number>>, now: number): QuotaKind | null {
    const entries = Object.entries(amounts) as [QuotaKind, number][];
    for (const [kind, amount] of entries) if (this.remaining(kind, now) < amount) return kind;
    for (const [kind, amount] of entries) this.used.set(kind, (this.used.get(kind) ?? 0) + amount);
    return null;
  }

  /** A day's quota from now on (also on later days, until clear). */
  setQuota(kind: QuotaKind, value: number): void {
    this.limits.set(kind, value);
  }

  /** What remains of today's quota; the next Beijing day starts full again. */
  setRemaining(kind: QuotaKind, value: number, now: number): void {
    this.rollOver(now);
    this.used.set(kind, Math.max(0, this.quota(kind) - value));
  }

  clear(): void {
    this.used.clear();
    this.limits.clear();
  }

  /** Any change of Beijing day (the data clock may also be set backwards) starts the count afresh. */
  private rollOver(now: number): void {
    const day = beijingDay(now);
    if (day !== this.day) {
      this.day = day;
      this.used.clear();
    }
  }
}
