import 'server-only';
import type { Task } from '@/lib/task';
import { describeRefreshTaskById, MAX_IDS_PER_BY_ID_CALL } from './cdn';

/** How many ids one dashboard request may follow: a page of 100 rows at most. */
export const MAX_LIVE_IDS = 100;

/** Reads many tasks by id, ten per upstream call, the calls side by side. */
export async function tasksById(taskIds: string[]): Promise<Task[]> {
  const unique = [...new Set(taskIds)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += MAX_IDS_PER_BY_ID_CALL) {
    chunks.push(unique.slice(i, i + MAX_IDS_PER_BY_ID_CALL));
  }
  const answers = await Promise.all(chunks.map((chunk) => describeRefreshTaskById(chunk)));
  return answers.flat();
}
