'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useAccountHref } from './use-account-href';

const LINK = 'text-slate-700 hover:text-sky-700 dark:text-slate-200 dark:hover:text-sky-400';

/** The main navigation, keeping the view's account (useAccountHref). */
export function MainNav() {
  const t = useTranslations('MainNav');
  const hrefOf = useAccountHref();
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
      <Link href={hrefOf('/activity')} className={LINK}>
        {t('activity')}
      </Link>
      <Link href={hrefOf('/settings/tokens')} className={LINK}>
        {t('tokens')}
      </Link>
    </nav>
  );
}
