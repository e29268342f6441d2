/**
 * The emulator's notion of "now" for its data: follows the base clock with an offset, or stands still.
 * Tests freeze, advance or set it through the control endpoint to watch tasks evolve deterministically.
 * Signature timestamps are checked against real time instead (see authenticate.ts), so moving this
 * clock never breaks a real client.
 */
export class EmulatorClock {
  private offset = 0;
  private frozenAt: number | null = null;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.frozenAt ?? this.base() + this.offset;
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  freeze(): void {
    this.frozenAt ??= this.now();
  }

  unfreeze(): void {
    if (this.frozenAt === null) return;
    this.offset = this.frozenAt - this.base();
    this.frozenAt = null;
  }

  /** Runs again from the base clock's time, frozen or not; answers how far the clock moved. */
  resume(): number {
    const before = this.now();
    this.frozenAt = null;
    this.offset = 0;
    return this.now() - before;
  }

  set(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt = ms;
    else this.offset = ms - this.base();
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }
}
