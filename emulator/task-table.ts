/**
 * Column storage for tasks: one typed array per field, so 100,000 tasks cost a few MB and a full scan
 * stays in cache. Rows are appended in creation order; the generated data set is sorted by createdAt.
 */

export interface TaskRow {
  createdAt: number;
  taskId: number;
  domain: number;
  type: number;
  outcome: number;
  pendingMs: number;
  runMs: number;
  /** Percent of the run at which a failing task gives up (its final Process). */
  failAtPercent: number;
  /** Some real answers print Process without '%' ("10"); ~1% of tasks do so here too. */
  bareProcess: boolean;
  objectPath: string;
}

export class TaskTable {
  length = 0;
  createdAt: Float64Array;
  taskId: Float64Array;
  domain: Uint8Array;
  type: Uint8Array;
  outcome: Uint8Array;
  pendingMs: Uint32Array;
  runMs: Uint32Array;
  failAtPercent: Uint8Array;
  bareProcess: Uint8Array;
  objectPath: string[] = [];

  constructor(capacity = 16) {
    this.createdAt = new Float64Array(capacity);
    this.taskId = new Float64Array(capacity);
    this.domain = new Uint8Array(capacity);
    this.type = new Uint8Array(capacity);
    this.outcome = new Uint8Array(capacity);
    this.pendingMs = new Uint32Array(capacity);
    this.runMs = new Uint32Array(capacity);
    this.failAtPercent = new Uint8Array(capacity);
    this.bareProcess = new Uint8Array(capacity);
  }

  push(row: TaskRow): number {
    if (this.length === this.createdAt.length) this.grow(Math.max(16, this.length * 2));
    const i = this.length++;
    this.createdAt[i] = row.createdAt;
    this.taskId[i] = row.taskId;
    this.domain[i] = row.domain;
    this.type[i] = row.type;
    this.outcome[i] = row.outcome;
    this.pendingMs[i] = row.pendingMs;
    this.runMs[i] = row.runMs;
    this.failAtPercent[i] = row.failAtPercent;
    this.bareProcess[i] = row.bareProcess ? 1 : 0;
    this.objectPath[i] = row.objectPath;
    return i;
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Uint8Array | Uint32Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.createdAt = copy(this.createdAt, new Float64Array(capacity));
    this.taskId = copy(this.taskId, new Float64Array(capacity));
    this.domain = copy(this.domain, new Uint8Array(capacity));
    this.type = copy(this.type, new Uint8Array(capacity));
    this.outcome = copy(this.outcome, new Uint8Array(capacity));
    this.pendingMs = copy(this.pendingMs, new Uint32Array(capacity));
    this.runMs = copy(this.runMs, new Uint32Array(capacity));
    this.failAtPercent = copy(this.failAtPercent, new Uint8Array(capacity));
    this.bareProcess = copy(this.bareProcess, new Uint8Array(capacity));
  }

  /** First index whose createdAt is >= ms (the table must be sorted by createdAt). */
  lowerBound(ms: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.createdAt[mid] ?? 0) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose createdAt is > ms (the table must be sorted by createdAt). */
  upperBound(ms: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.createdAt[mid] ?? 0) <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
