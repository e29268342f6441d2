import { dehydrate, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { LazyTaskExplorer } from '@/components/tasks/lazy-task-explorer';
import { taskQueries } from '@/lib/queries';
import { accountsFromFile } from '@/lib/server/accounts/accounts';
import { historyStart } from '@/lib/server/store/history';
import { readTaskView } from '@/lib/server/tasks/task-request';
import { taskListFor } from '@/lib/server/tasks/view-reads';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('TasksPage'))('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Server half of the task explorer: reads the URL with the shared filter model and renders the first
 * page of rows into the HTML, so the table is there at first paint. The browser takes over from there.
 */
export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Signed in, an account the user may see (else 403, app/forbidden.tsx), before anything is read.
  const { user, account, dataFilters, issues, window, nowMs } = await readTaskView(await searchParams, {
    kind: 'page',
    path: '/tasks',
  });
  const queryClient = new QueryClient();
  try {
    if (window)
      queryClient.setQueryData(
        taskQueries.list(dataFilters).queryKey,
        await taskListFor(account.id, dataFilters, window, nowMs, user.id),
      );
  } catch {
    // The browser asks again and shows the error with its retry button.
  }
  return (
    <>
      <TasksHeading />
      <LazyTaskExplorer
        state={dehydrate(queryClient)}
        urlProblems={issues}
        historyDays={Math.round((nowMs - historyStart(nowMs)) / 86_400_000)}
        canResubmit={user.role === 'operator'}
        account={accountsFromFile() ? account.id : null}
      />
    </>
  );
}

/** The page's name for screen readers, in the reader's language. */
function TasksHeading() {
  const t = useTranslations('TasksPage');
  return <h1 className="sr-only">{t('title')}</h1>;
}
