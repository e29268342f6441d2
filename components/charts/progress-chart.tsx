'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '@/lib/i18n/use-format';
import type { TaskSummary } from '@/lib/summary-types';
import { STATUS_COLORS } from './chart-colors';
import { AXIS_TICK, TOOLTIP_LOOK } from './chart-style';
import { CountsChartCard } from './counts-chart-card';

/** How far along the in-flight tasks (Pending, Refreshing) are, in 10 % bins. */
export function ProgressChart({
  progress,
  settled,
}: {
  progress: TaskSummary['progress'];
  /** Whether every page of the window has been read, so "none" is final. */
  settled: boolean;
}) {
  const t = useTranslations('ProgressChart');
  const f = useFormat();
  const binLabel = (from: number, to: number) => t('bin', { from: f.count(from), to: f.count(to) });
  const data = progress.map((bin) => ({ ...bin, key: String(bin.from), label: binLabel(bin.from, bin.to) }));
  return (
    <CountsChartCard namespace="ProgressChart" testId="chart-progress" settled={settled} rows={data}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <XAxis dataKey="from" tick={AXIS_TICK} tickFormatter={(value: number) => f.progress(value)} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} tickFormatter={(value: number) => f.count(value)} />
          <Tooltip
            {...TOOLTIP_LOOK}
            labelFormatter={(value) => binLabel(Number(value), Number(value) + 10)}
            formatter={(value) => f.count(Number(value))}
          />
          <Bar dataKey="count" name={t('count')} fill={STATUS_COLORS.Refreshing} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </CountsChartCard>
  );
}
