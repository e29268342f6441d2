import 'server-only';
import { type Task, taskRowKey } from '@/lib/task';
import type { DescribeRefreshTasksParams, UpstreamTaskPage } from './cdn';
import type { StreamParams } from './plan';

/** The largest page the upstream serves; fewest calls per row. */
export const UPSTREAM_PAGE_SIZE = 100;

export type DescribeFn = (params: DescribeRefreshTasksParams) => Promise<UpstreamTaskPage>;

/**
 * A cap on upstream calls for one dashboard query. The account's rate limit (5 calls/s) is shared
 * by everyone, so a query that would need more calls than this answers `partial: true` instead of
 * holding the budget for long.
 */
export class CallBudget {
  private used = 0;
  exceeded = false;

  constructor(readonly limit: number) {}

  take(): boolean {
    if (this.used >= this.limit) {
      this.exceeded = true;
      return false;
    }
    this.used += 1;
    return true;
  }

  get callsMade(): number {
    return this.used;
  }
}

/** One upstream stream (one combination of type, status and domain), read page by page, newest first. */
export class TaskStream {
  private readonly pages = new Map<number, Task[]>();
  /**
   * Rows already kept. New tasks arriving while a stream is read push older rows onto the next
   * page, so the same row can come back twice; it is kept once, for every reader of the stream.
   */
  private readonly seen = new Set<string>();
  private nextPageToRead = 1;
  /** Where a sequential read stands: a page number and a row within it. */
  private cursorPage = 1;
  private cursorIndex = 0;
  total: number | null = null;

  constructor(
    private readonly params: StreamParams,
    private readonly describe: DescribeFn,
  ) {}

  get pageCount(): number {
    return this.total === null ? 1 : Math.ceil(this.total / UPSTREAM_PAGE_SIZE);
  }

  get hasUnreadPages(): boolean {
    return this.nextPageToRead <= this.pageCount;
  }

  /** Reads one page; false when the budget refused the call. */
  async readPage(pageNumber: number, budget: CallBudget): Promise<boolean> {
    if (!budget.take()) return false;
    const answer = await this.describe({ ...this.params, pageNumber, pageSize: UPSTREAM_PAGE_SIZE });
    this.pages.set(
      pageNumber,
      answer.tasks.filter((task) => {
        const key = taskRowKey(task);
        if (this.seen.has(key)) return false;
        this.seen.add(key);
        return true;
      }),
    );
    this.total = answer.totalCount;
    return true;
  }

  async readNextPage(budget: CallBudget): Promise<boolean> {
    const pageNumber = this.nextPageToRead;
    this.nextPageToRead += 1;
    return this.readPage(pageNumber, budget);
  }

  /** Every remaining page at once; the rate limiter below paces them. */
  async readRemainingPages(budget: CallBudget): Promise<void> {
    const reads: Array<Promise<boolean>> = [];
    while (this.hasUnreadPages) reads.push(this.readNextPage(budget));
    await Promise.all(reads);
  }

  /** The rows of one page that has been read (empty if it has not). */
  pageRows(pageNumber: number): Task[] {
    return this.pages.get(pageNumber) ?? [];
  }

  /** Rows read so far, in upstream order. */
  rowsRead(): Task[] {
    return [...this.pages.keys()].sort((a, b) => a - b).flatMap((page) => this.pages.get(page) ?? []);
  }

  /** The next unconsumed row of a sequential read, or undefined when the read pages are used up. */
  peek(): Task | undefined {
    // Pages may be shorter than a full page (repeats dropped), so walk them rather than count rows.
    for (let rows = this.pages.get(this.cursorPage); rows; rows = this.pages.get(this.cursorPage)) {
      const row = rows[this.cursorIndex];
      if (row) return row;
      this.cursorPage += 1;
      this.cursorIndex = 0;
    }
    return undefined;
  }

  /** True when the next row is not read yet but may exist upstream. */
  needsRead(): boolean {
    return this.peek() === undefined && this.cursorPage <= this.pageCount && this.hasUnreadPages;
  }

  take(): Task | undefined {
    const row = this.peek();
    if (row) this.cursorIndex += 1;
    return row;
  }
}
