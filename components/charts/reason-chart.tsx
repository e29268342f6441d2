'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useDomainLabels } from '@/lib/i18n/use-domain-labels';
import { useFormat } from '@/lib/i18n/use-format';
import type { TaskSummary } from '@/lib/summary-types';
import { FAILURE_REASONS, type FailureReason } from '@/lib/task';
import { REASON_COLORS } from './chart-colors';
import { AXIS_TICK, TOOLTIP_LOOK } from './chart-style';
import { CountsChartCard } from './counts-chart-card';

/** Failures by normalised reason. Click a bar to filter the table to that reason. */
export function ReasonChart({
  byReason,
  settled,
  onPick,
}: {
  byReason: TaskSummary['byReason'];
  settled: boolean;
  onPick: (reason: FailureReason) => void;
}) {
  const t = useTranslations('ReasonChart');
  const f = useFormat();
  const labels = useDomainLabels();
  const data = FAILURE_REASONS.map((reason) => ({
    reason,
    key: reason,
    label: labels.reason(reason),
    count: byReason[reason] ?? 0,
  }));
  return (
    <CountsChartCard namespace="ReasonChart" testId="chart-reasons" settled={settled} rows={data}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 24 }}>
          <XAxis
            type="number"
            allowDecimals={false}
            tick={AXIS_TICK}
            tickFormatter={(value: number) => f.count(value)}
          />
          <YAxis type="category" dataKey="label" width={110} tick={AXIS_TICK} />
          <Tooltip {...TOOLTIP_LOOK} formatter={(value) => f.count(Number(value))} />
          <Bar
            dataKey="count"
            name={t('count')}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_entry, index) => {
              const row = data[index];
              if (row) onPick(row.reason);
            }}
          >
            {data.map((row) => (
              <Cell key={row.reason} fill={REASON_COLORS[row.reason]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </CountsChartCard>
  );
}
