import { redirect } from 'next/navigation';
import { isValidValue, tasksHref } from '@/lib/filters';

/**
 * The dashboard's address alone opens the task list; with `acct`, of that account, so that a
 * bookmarked `/?acct=staging` does not land on another one. (`all` is for the triage view only.)
 */
export default async function Home({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}): Promise<never> {
  const { acct } = await searchParams;
  redirect(
    typeof acct === 'string' && acct !== 'all' && isValidValue('acct', acct) ? tasksHref({ acct }) : '/tasks',
  );
}
