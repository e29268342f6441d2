import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { TasksView } from '@/components/tasks/tasks-view';
import { parseFilters, toTaskQuery } from '@/lib/filters';
import { taskQueries } from '@/lib/queries';
import { requirePageUser } from '@/lib/server/auth/page-user';
import { taskListFor } from '@/lib/server/task-list';
import { resolveWindow } from '@/lib/time-range';

export const metadata: Metadata = { title: 'Tasks' };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Server half of the task explorer: reads the URL with the shared filter model and renders the first
 * page of rows into the HTML, so the table is there at first paint. The browser takes over from there.
 */
export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  // Before any data is read: the layout's check does not run on client navigations.
  await requirePageUser('/tasks', params);
  const { filters, problems } = parseFilters(params, { unknownKeys: 'ignore' });
  const query = toTaskQuery(filters);
  const queryClient = new QueryClient();
  const resolved = resolveWindow(query.from, query.to, Date.now());
  try {
    if (resolved.ok)
      queryClient.setQueryData(taskQueries.list(query).queryKey, await taskListFor(query, resolved.window));
  } catch {
    // The browser asks again and shows the upstream error with its retry button.
  }
  return (
    <>
      <h1 className="sr-only">Tasks</h1>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <TasksView urlProblems={problems} />
      </HydrationBoundary>
    </>
  );
}
