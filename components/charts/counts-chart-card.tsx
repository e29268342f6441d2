'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useFormat } from '@/lib/i18n/use-format';
import { ChartCard } from './chart-card';
import { ChartEmpty } from './chart-empty';

/** One count a chart draws, as its screen-reader table lists it. */
export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/**
 * The card of a chart of counts by one label (progress bins, failure reasons). Its words are the
 * chart's namespace in the catalog (title, description, caption, emptyTitle, emptyHint); when every
 * count is 0 it says so instead of drawing empty axes, and screen readers get the counts as a table.
 */
export function CountsChartCard({
  namespace,
  testId,
  rows,
  settled,
  children,
}: {
  namespace: 'ProgressChart' | 'ReasonChart';
  testId: string;
  rows: CountRow[];
  /** Whether every page of the window has been read, so "none" is final. */
  settled: boolean;
  /** The drawing. */
  children: ReactNode;
}) {
  const t = useTranslations(namespace);
  const f = useFormat();
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <ChartCard
      title={t('title')}
      description={t('description')}
      testId={testId}
      empty={
        total === 0 ? (
          <ChartEmpty settled={settled} title={t('emptyTitle')} hint={t('emptyHint')} />
        ) : undefined
      }
      table={
        <table>
          <caption>{t('caption')}</caption>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td>{f.count(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {children}
    </ChartCard>
  );
}
