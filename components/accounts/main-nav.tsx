'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';

const LINK = 'text-slate-700 hover:text-sky-700 dark:text-slate-200 dark:hover:text-sky-400';

/**
 * The main navigation, keeping the view's account: moving from the tasks to the triage view must not
 * switch to another account. `acct=all` exists only on the triage view.
 */
export function MainNav() {
  const t = useTranslations('MainNav');
  const acct = useSearchParams().get('acct');
  const hrefOf = (path: string) =>
    acct && (acct !== 'all' || path === '/triage') ? `${path}?acct=${encodeURIComponent(acct)}` : path;
  return (
    <nav aria-label={t('label')} className="flex gap-4 text-sm">
      <Link href={hrefOf('/tasks')} className={LINK}>
        {t('tasks')}
      </Link>
      <Link href={hrefOf('/triage')} className={LINK}>
        {t('triage')}
      </Link>
      <Link href={hrefOf('/alerts')} className={LINK}>
        {t('alerts')}
      </Link>
    </nav>
  );
}
