import { dehydrate, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { TasksExplorer } from '@/components/tasks/tasks-explorer';
import { parseFilters, toTaskQuery } from '@/lib/filters';
import { taskQueries } from '@/lib/queries';
import { requirePageAccount } from '@/lib/server/accounts/account-access';
import { accountsFromFile } from '@/lib/server/accounts/accounts';
import { requirePageUser } from '@/lib/server/auth/page-user';
import { historyStart } from '@/lib/server/store/history';
import { taskListFor } from '@/lib/server/tasks/reads';
import { resolveWindow } from '@/lib/time-range';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('TasksPage'))('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Server half of the task explorer: reads the URL with the shared filter model and renders the first
 * page of rows into the HTML, so the table is there at first paint. The browser takes over from there.
 */
export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  // Before any data is read: the layout's check does not run on client navigations.
  const user = await requirePageUser('/tasks', params);
  // An account the user may not see answers 403 (app/forbidden.tsx), before anything is read.
  const account = requirePageAccount(user, params.acct);
  const { filters, issues } = parseFilters(params, { unknownKeys: 'ignore' });
  const query = toTaskQuery(filters);
  const queryClient = new QueryClient();
  const nowMs = Date.now();
  const resolved = resolveWindow(query.from, query.to, nowMs, historyStart(nowMs));
  try {
    if (resolved.ok)
      queryClient.setQueryData(
        taskQueries.list(query).queryKey,
        await taskListFor(account.id, query, resolved.window, nowMs, user.id),
      );
  } catch {
    // The browser asks again and shows the error with its retry button.
  }
  return (
    <>
      <TasksHeading />
      <TasksExplorer
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
