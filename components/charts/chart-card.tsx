'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { SURFACE } from '../ui/surface';
import { ChartEmpty } from './chart-empty';

/** The catalog namespaces of the charts: each holds title, description, caption, emptyTitle, emptyHint. */
export type ChartNamespace = 'DurationChart' | 'StatusTimeline' | 'ProgressChart' | 'ReasonChart';

/**
 * A chart with its title, and a text alternative that screen readers get instead of the drawing: a
 * table captioned from the chart's namespace, holding `table` (its head and body). When `empty`, the
 * chart's empty state (ChartEmpty) takes the drawing's place: empty axes tell nobody anything.
 */
export function ChartCard({
  namespace,
  testId,
  className = '',
  empty,
  settled,
  table,
  children,
}: {
  namespace: ChartNamespace;
  testId: string;
  className?: string;
  /** Whether there is nothing to draw. */
  empty: boolean;
  /** Whether the answer is for the current filters, so "none" is final. */
  settled: boolean;
  /** The screen-reader table's head and body rows. */
  table: ReactNode;
  /** The drawing. */
  children: ReactNode;
}) {
  const t = useTranslations(namespace);
  return (
    <figure
      data-testid={testId}
      className={`${SURFACE} flex min-w-0 flex-col gap-2 p-3 text-slate-600 sm:h-[17.5rem] dark:text-slate-300 ${className}`}
    >
      <figcaption>
        <span className="text-sm font-semibold text-slate-900 dark:text-slate-100">{t('title')}</span>
        <span className="sr-only">. {t('description')}</span>
      </figcaption>
      {/* From `sm` on every card has one fixed height (as ChartsPlaceholder's boxes),
          whatever it holds, so the charts arriving or emptying never move the table below. */}
      {empty ? (
        <div className="min-h-44 sm:min-h-0 sm:flex-1 sm:overflow-y-auto">
          <ChartEmpty settled={settled} title={t('emptyTitle')} hint={t('emptyHint')} />
        </div>
      ) : (
        <>
          <div aria-hidden="true" className="h-44 sm:h-auto sm:min-h-0 sm:flex-1">
            {children}
          </div>
          <div className="sr-only">
            <table>
              <caption>{t('caption')}</caption>
              {table}
            </table>
          </div>
        </>
      )}
    </figure>
  );
}
