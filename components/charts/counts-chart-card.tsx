'use client';

import type { ReactNode } from 'react';
import { useFormat } from '@/lib/i18n/use-format';
import { ChartCard } from './chart-card';

/** One count a chart draws, as its screen-reader table lists it. */
export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/**
 * The card of a chart of counts by one label (progress bins, failure reasons): when every count is
 * 0 it says so instead of drawing empty axes, and screen readers get the counts as a table.
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
  const f = useFormat();
  return (
    <ChartCard
      namespace={namespace}
      testId={testId}
      empty={rows.every((row) => row.count === 0)}
      settled={settled}
      table={
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{f.count(row.count)}</td>
            </tr>
          ))}
        </tbody>
      }
    >
      {children}
    </ChartCard>
  );
}
