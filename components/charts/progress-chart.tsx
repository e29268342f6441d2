'use client';

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TaskSummary } from '@/lib/summary-types';
import { ChartCard } from './chart-card';
import { STATUS_COLORS } from './chart-colors';
import { ChartEmpty } from './chart-empty';

/** How far along the in-flight tasks (Pending, Refreshing) are, in 10 % bins. */
export function ProgressChart({
  progress,
  settled,
}: {
  progress: TaskSummary['progress'];
  /** Whether every page of the window has been read, so "none" is final. */
  settled: boolean;
}) {
  const data = progress.map((bin) => ({ ...bin, label: `${bin.from}–${bin.to}%` }));
  const inFlight = data.reduce((sum, bin) => sum + bin.count, 0);
  return (
    <ChartCard
      title="Progress of in-flight tasks"
      description="Number of pending or refreshing tasks per 10 percent of progress."
      testId="chart-progress"
      empty={
        inFlight === 0 ? (
          <ChartEmpty
            settled={settled}
            title="No tasks in flight"
            hint="Every task of this view has finished; pending and refreshing tasks show here while they run."
          />
        ) : undefined
      }
      table={
        <table>
          <caption>In-flight tasks by progress</caption>
          <tbody>
            {data.map((bin) => (
              <tr key={bin.label}>
                <th scope="row">{bin.label}</th>
                <td>{bin.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <XAxis
            dataKey="from"
            tick={{ fill: 'currentColor', fontSize: 11 }}
            tickFormatter={(value: number) => `${value}%`}
          />
          <YAxis allowDecimals={false} tick={{ fill: 'currentColor', fontSize: 11 }} />
          <Tooltip
            cursor={{ fillOpacity: 0.08 }}
            contentStyle={{ fontSize: 12 }}
            labelFormatter={(value) => `${value}–${Number(value) + 10}%`}
          />
          <Bar dataKey="count" fill={STATUS_COLORS.Refreshing} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
