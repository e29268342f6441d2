'use client';

import { useTranslations } from 'next-intl';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimeZoneMode } from '@/lib/filters';
import { useDomainLabels } from '@/lib/i18n/use-domain-labels';
import { useFormat } from '@/lib/i18n/use-format';
import type { TaskSummary } from '@/lib/summary-types';
import { ChartCard } from './chart-card';
import { TYPE_COLORS } from './chart-colors';
import { AXIS_TICK, GRID_LOOK, TOOLTIP_LOOK } from './chart-style';

interface DurationChartProps {
  durations: TaskSummary['durations'];
  tz: TimeZoneMode;
  /** Whether the answer is for the current filters, so "none" is final. */
  settled: boolean;
}

/**
 * Time to finish per timeline bucket: p50 (solid) and p90 (dashed) per object type, from the
 * summary's duration histogram (docs/contract.md). Buckets without a known end leave a gap.
 */
export function DurationChart({ durations, tz, settled }: DurationChartProps) {
  const t = useTranslations('DurationChart');
  const f = useFormat();
  const labels = useDomainLabels();
  const types = Object.keys(durations.byType);
  const data = durations.timeline.map((bucket) => {
    const point: Record<string, string | number | null> = {
      label: f.timestamp(bucket.start, tz).slice(5, 16),
    };
    for (const type of types) {
      point[`${type}:p50`] = bucket.byType[type]?.p50 ?? null;
      point[`${type}:p90`] = bucket.byType[type]?.p90 ?? null;
    }
    return point;
  });
  const colorOf = (type: string) => TYPE_COLORS[type as keyof typeof TYPE_COLORS] ?? TYPE_COLORS.other;

  return (
    <ChartCard
      namespace="DurationChart"
      testId="chart-durations"
      className="lg:col-span-2"
      empty={types.length === 0}
      settled={settled}
      table={
        <>
          <thead>
            <tr>
              <th>{t('start')}</th>
              <th>{t('type')}</th>
              <th>{t('count')}</th>
              <th>{t('p50')}</th>
              <th>{t('p90')}</th>
            </tr>
          </thead>
          <tbody>
            {durations.timeline.flatMap((bucket) =>
              Object.entries(bucket.byType).map(([type, stats]) => (
                <tr key={`${bucket.start} ${type}`}>
                  <td>
                    <time dateTime={bucket.start}>{f.timestamp(bucket.start, tz)}</time>
                  </td>
                  <td>{labels.type(type)}</td>
                  <td>{f.count(stats.count)}</td>
                  <td>{f.elapsed(stats.p50)}</td>
                  <td>{f.elapsed(stats.p90)}</td>
                </tr>
              )),
            )}
          </tbody>
        </>
      }
    >
      <div className="flex h-full flex-col">
        <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-[11px]" data-testid="durations-legend">
          {types.map((type) => (
            <li key={type} className="flex items-center gap-1">
              <span className="inline-block h-0.5 w-3" style={{ backgroundColor: colorOf(type) }} />
              {labels.type(type)}
            </li>
          ))}
          <li className="text-slate-500 dark:text-slate-400">{t('lineStyles')}</li>
        </ul>
        <div className="min-h-0 flex-1">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
              <CartesianGrid {...GRID_LOOK} />
              <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={24} />
              {/* Ticks in one unit ("2 min"): two would wrap on the narrow axis. */}
              <YAxis tick={AXIS_TICK} width={60} tickFormatter={(value: number) => f.duration(value)} />
              <Tooltip {...TOOLTIP_LOOK} formatter={(value) => f.elapsed(Number(value))} />
              {types.flatMap((type) =>
                (['p50', 'p90'] as const).map((quantile) => (
                  <Line
                    key={`${type}:${quantile}`}
                    dataKey={`${type}:${quantile}`}
                    name={t(quantile === 'p50' ? 'seriesP50' : 'seriesP90', { type: labels.type(type) })}
                    stroke={colorOf(type)}
                    strokeDasharray={quantile === 'p90' ? '4 3' : undefined}
                    // A bucket alone between gaps is a point, not a line: dots keep it visible.
                    dot={{ r: quantile === 'p50' ? 2.5 : 2 }}
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                )),
              )}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
    </ChartCard>
  );
}
