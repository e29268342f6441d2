import 'server-only';

/**
 * Turns for one action's budget, handed out round-robin between callers (one lane per sync purpose:
 * `sync:head`, `sync:backfill`, `sync:reconcile`, `sync:follow`; or per session and route for a
 * request), so a long read that queues many pages cannot starve a head poll, which needs one call
 * now. Bounded: a call that would wait too long is refused at once.
 */
interface QueueLimits {
  maxQueuedPerCaller: number;
  maxWaitMs: number;
}

type Refusal = { refused: true; estimatedWaitMs: number };

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class FairQueue {
  private readonly lanes = new Map<string, Waiter[]>();
  /** Callers with waiting calls, in the order their next turn comes. */
  private readonly ring: string[] = [];
  private pumping = false;

  constructor(
    /** Resolves when one more call may go (the rate budget's next turn). */
    private readonly nextTurn: () => Promise<void>,
    private readonly turnMs: () => number,
    private readonly limits: QueueLimits,
    private readonly onDepth: (depth: number) => void = () => {},
  ) {}

  get depth(): number {
    let total = 0;
    for (const lane of this.lanes.values()) total += lane.length;
    return total;
  }

  /**
   * How long a new call of this caller would wait: round-robin serves, before it, up to as many
   * calls of each other caller as this caller has queued, plus one.
   */
  estimatedWaitMs(caller: string): number {
    const own = this.lanes.get(caller)?.length ?? 0;
    let ahead = own;
    for (const [other, lane] of this.lanes) if (other !== caller) ahead += Math.min(lane.length, own + 1);
    return (ahead + 1) * this.turnMs();
  }

  /** Resolves when the caller's call may go; a Refusal when the queue is too long for it. */
  wait(caller: string): Promise<void> | Refusal {
    const own = this.lanes.get(caller)?.length ?? 0;
    const estimatedWaitMs = this.estimatedWaitMs(caller);
    if (own >= this.limits.maxQueuedPerCaller || estimatedWaitMs > this.limits.maxWaitMs) {
      return { refused: true, estimatedWaitMs };
    }
    return new Promise<void>((resolve, reject) => {
      const lane = this.lanes.get(caller);
      if (lane) lane.push({ resolve, reject });
      else {
        this.lanes.set(caller, [{ resolve, reject }]);
        this.ring.push(caller);
      }
      this.onDepth(this.depth);
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.ring.length > 0) {
        let failure: unknown = null;
        try {
          await this.nextTurn();
        } catch (error) {
          failure = error;
        }
        const waiter = this.takeNext();
        if (!waiter) continue;
        if (failure === null) waiter.resolve();
        else waiter.reject(failure);
        this.onDepth(this.depth);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The head of the next caller's lane; that caller goes to the back of the ring. */
  private takeNext(): Waiter | undefined {
    const caller = this.ring.shift();
    if (caller === undefined) return undefined;
    const lane = this.lanes.get(caller);
    const waiter = lane?.shift();
    if (lane && lane.length > 0) this.ring.push(caller);
    else this.lanes.delete(caller);
    return waiter;
  }
}
