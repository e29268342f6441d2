import 'server-only';
import type { Task } from '@/lib/task';

/**
 * The order the store must return, written plainly so store.test.ts can check the SQL against it.
 * Newest first; equal times by task id (numerically, descending), then by object path, so every
 * path to a page orders rows alike. The store's ORDER BY (store/list-order.ts) is the same order.
 */
export function compareNewestFirst(a: Task, b: Task): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.taskId.length !== b.taskId.length) return b.taskId.length - a.taskId.length;
  if (a.taskId !== b.taskId) return a.taskId < b.taskId ? 1 : -1;
  return a.objectPath < b.objectPath ? -1 : a.objectPath > b.objectPath ? 1 : 0;
}
