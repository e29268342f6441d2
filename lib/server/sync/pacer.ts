import 'server-only';

/**
 * The sync's own share of the budget: calls spaced 1/rate apart, inside the account-wide limiter
 * every call also passes (upstream/rate-budget.ts). When the upstream throttles anyway (the console
 * or the account's scripts are busy too) the rate halves, then creeps back as calls succeed.
 */
export class Pacer {
  private nextAt = 0;
  private factor = 1;
  private successes = 0;

  constructor(
    private rate: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  setRate(rate: number): void {
    this.rate = rate;
  }

  get effectiveRate(): number {
    return this.rate * this.factor;
  }

  /** Waits for this caller's next turn. */
  async turn(): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + 1000 / this.effectiveRate;
    if (at > now) await this.sleep(at - now);
  }

  throttled(): void {
    this.factor = Math.max(0.05, this.factor / 2);
    this.successes = 0;
  }

  succeeded(): void {
    if (this.factor >= 1) return;
    this.successes += 1;
    if (this.successes >= 10) {
      this.successes = 0;
      this.factor = Math.min(1, this.factor * 1.25);
    }
  }
}
