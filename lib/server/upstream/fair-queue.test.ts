import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue';

/** A budget that hands out one turn each time the test says so. */
function manualTurns() {
  const pending: Array<() => void> = [];
  return {
    nextTurn: () => new Promise<void>((resolve) => pending.push(resolve)),
    async grant(count: number) {
      for (let i = 0; i < count; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        pending.shift()?.();
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

const limits = { maxQueuedPerCaller: 100, maxWaitMs: 60_000 };

describe('FairQueue', () => {
  it('serves callers round-robin, whatever the order they queued in', async () => {
    const turns = manualTurns();
    const queue = new FairQueue(turns.nextTurn, () => 200, limits);
    const served: string[] = [];
    const enqueue = (caller: string, label: string) => {
      const turn = queue.wait(caller);
      if ('refused' in turn) throw new Error('refused');
      void turn.then(() => served.push(label));
    };
    for (let i = 1; i <= 5; i += 1) enqueue('export', `export-${i}`);
    enqueue('table', 'table-1');
    enqueue('charts', 'charts-1');
    await turns.grant(7);
    expect(served).toEqual([
      'export-1',
      'table-1',
      'charts-1',
      'export-2',
      'export-3',
      'export-4',
      'export-5',
    ]);
  });

  it('refuses a caller over its own bound but still admits a newcomer', () => {
    const queue = new FairQueue(
      () => new Promise(() => {}),
      () => 200,
      { maxQueuedPerCaller: 3, maxWaitMs: 60_000 },
    );
    for (let i = 0; i < 3; i += 1) expect('refused' in queue.wait('export')).toBe(false);
    expect(queue.wait('export')).toMatchObject({ refused: true });
    expect('refused' in queue.wait('table')).toBe(false);
  });

  it('estimates a newcomer’s wait by turns of each waiting caller, not by the whole queue', () => {
    const queue = new FairQueue(
      () => new Promise(() => {}),
      () => 200,
      limits,
    );
    for (let i = 0; i < 50; i += 1) queue.wait('export');
    expect(queue.estimatedWaitMs('table')).toBe(400);
    expect(queue.estimatedWaitMs('export')).toBe(51 * 200);
  });

  it('refuses at once when the estimated wait passes the bound', () => {
    const queue = new FairQueue(
      () => new Promise(() => {}),
      () => 1_000,
      { maxQueuedPerCaller: 100, maxWaitMs: 3_000 },
    );
    for (let i = 0; i < 3; i += 1) queue.wait('a');
    expect(queue.wait('a')).toMatchObject({ refused: true, estimatedWaitMs: 4_000 });
  });
});
