/**
 * Realistic task rows for filling a store directly: the emulator's seeded world (its domains, mix of
 * types and outcomes, the Origin Timeout incident) read once in-process, every task of its 3 days,
 * reshaped exactly as the sync reshapes what the upstream answers.
 */
import './server-modules';
import { EmulatorClock } from '../../emulator/clock';
import { EmulatorState } from '../../emulator/state';
import { queryTasks, viewOf } from '../../emulator/task-query';
import type { Task } from '../../lib/task';

export async function emulatorTasks(
  count: number,
  options: { seed: number; nowMs: number },
): Promise<Task[]> {
  const { reshapeTask } = await import('../../lib/server/upstream/cdn');
  const state = new EmulatorState(
    new EmulatorClock(() => options.nowMs),
    { seed: options.seed, tasks: count, startInstant: options.nowMs },
    { rateLimits: 'off', throttleShape: '400' },
  );
  const page = queryTasks(state.source, {}, options.nowMs, 0, Number.MAX_SAFE_INTEGER);
  return page.rows.map((ref) => {
    const view = viewOf(ref, options.nowMs);
    return reshapeTask({
      taskId: view.TaskId,
      objectPath: view.ObjectPath,
      objectType: view.ObjectType,
      status: view.Status,
      process: view.Process,
      creationTime: view.CreationTime,
      description: view.Description,
    });
  });
}
