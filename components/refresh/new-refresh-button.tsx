'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useHydrated } from '../ui/use-hydrated';

/** The dialog's code (and the planner) loads only when an operator opens it. */
const NewRefreshDialog = dynamic(() => import('./new-refresh-dialog'), { ssr: false });

/** "New refresh" above the task table (operators: the page renders it for them only). */
export function NewRefreshButton() {
  const t = useTranslations('NewRefresh');
  const [open, setOpen] = useState(false);
  // Server-rendered it would do nothing until hydration: disabled until then.
  const hydrated = useHydrated();
  return (
    <>
      <button
        type="button"
        className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-50 dark:bg-sky-700 dark:hover:bg-sky-600"
        aria-haspopup="dialog"
        disabled={!hydrated}
        onClick={() => setOpen(true)}
        data-testid="new-refresh"
      >
        {t('open')}
      </button>
      {open ? <NewRefreshDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
