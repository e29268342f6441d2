import { describe, expect, it } from 'vitest';
import type { Task } from '@/lib/task';
import { waitForTasks } from './wait-for-tasks';

const pending = [
  { taskId: '1', objectPath: 'https://a.example.com/x', status: 'Pending' },
  { taskId: '1', objectPath: 'https://a.example.com/y', status: 'Pending' },
];

function row(objectPath: string, status: string): Task {
  return { taskId: '1', objectPath, status } as Task;
}

describe('waiting for new tasks to end', () => {
  it('answers once every task has ended, with the stored states', async () => {
    const answers: Task[][] = [
      [],
      [row('https://a.example.com/x', 'Refreshing')],
      [row('https://a.example.com/x', 'Complete'), row('https://a.example.com/y', 'Failed')],
    ];
    let reads = 0;
    const result = await waitForTasks(
      'default',
      pending,
      60_000,
      new AbortController().signal,
      async () => answers[Math.min(reads++, answers.length - 1)] ?? [],
      async () => undefined,
    );
    expect(reads).toBe(3);
    expect(result.ended).toBe(true);
    expect(result.tasks.map((task) => task.status)).toEqual(['Complete', 'Failed']);
  });

  it('answers the states so far when the time runs out', async () => {
    const result = await waitForTasks(
      'default',
      pending,
      0,
      new AbortController().signal,
      async () => [row('https://a.example.com/x', 'Complete')],
      async () => undefined,
    );
    expect(result.ended).toBe(false);
    expect(result.tasks.map((task) => task.status)).toEqual(['Complete', 'Pending']);
  });

  it('stops when the caller hangs up', async () => {
    const controller = new AbortController();
    let reads = 0;
    const result = await waitForTasks(
      'default',
      pending,
      60_000,
      controller.signal,
      async () => {
        reads += 1;
        controller.abort();
        return [];
      },
      async () => undefined,
    );
    expect(reads).toBe(1);
    expect(result.ended).toBe(false);
  });
});
