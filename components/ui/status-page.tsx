/**
 * A whole-page answer in the product's look (404, 403): what happened, in a sentence, and the way
 * back to the task list.
 */
import Link from 'next/link';
import { useTranslations } from 'next-intl';

export function StatusPage({ title, children }: { title: string; children: string }) {
  const t = useTranslations('StatusPage');
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="text-center">
        <h1 className="text-lg font-semibold">{title}</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{children}</p>
        <Link
          href="/tasks"
          className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
        >
          {t('backToTasks')}
        </Link>
      </div>
    </main>
  );
}
