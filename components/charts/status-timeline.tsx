'use client';

import { useTranslations } from 'next-intl';
import { type PointerEvent, useRef, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TimeZoneMode } from '@/lib/filters';
import { useDomainLabels } from '@/lib/i18n/use-domain-labels';
import { useFormat } from '@/lib/i18n/use-format';
import type { TimelineBucket } from '@/lib/summary-types';
import { OFFERED_STATUSES } from '@/lib/task';
import { ChartCard } from './chart-card';
import { STATUS_COLORS } from './chart-colors';
import { AXIS_TICK, GRID_LOOK, TOOLTIP_LOOK } from './chart-style';

interface StatusTimelineProps {
  timeline: TimelineBucket[];
  tz: TimeZoneMode;
  /** Whether every page of the window has been read, so "none" is final. */
  settled: boolean;
  onPickBucket: (range: { from: string; to: string }, status: string) => void;
  onZoom: (range: { from: string; to: string }) => void;
}

/** Tasks per time bucket, stacked by status. Click a segment to filter; drag across to zoom. */
export function StatusTimeline({ timeline, tz, settled, onPickBucket, onZoom }: StatusTimelineProps) {
  const t = useTranslations('StatusTimeline');
  const f = useFormat();
  const labels = useDomainLabels();
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const plotArea = useRef<HTMLDivElement>(null);

  // Dragging is tracked on our own element, from the pointer's x over the plot area: recharts'
  // chart-level mouse events are throttled to animation frames and their index type changed in v3.
  const bucketAt = (event: PointerEvent<HTMLDivElement>): number | null => {
    const grid = plotArea.current?.querySelector('.recharts-cartesian-grid')?.getBoundingClientRect();
    if (!grid || grid.width === 0 || timeline.length === 0) return null;
    const fraction = Math.min(0.9999, Math.max(0, (event.clientX - grid.left) / grid.width));
    return Math.floor(fraction * timeline.length);
  };
  const data = timeline.map((bucket) => ({
    ...bucket,
    // Month, day, hours and minutes: the year and seconds say nothing at a bucket's scale.
    label: f.timestamp(bucket.start, tz).slice(5, 16),
  }));

  const finishDrag = () => {
    if (drag && drag.start !== drag.end) {
      const first = timeline[Math.min(drag.start, drag.end)];
      const last = timeline[Math.max(drag.start, drag.end)];
      if (first && last) onZoom({ from: first.start, to: last.end });
    }
    setDrag(null);
  };

  return (
    <ChartCard
      namespace="StatusTimeline"
      testId="chart-timeline"
      className="lg:col-span-2"
      empty={timeline.every((bucket) => OFFERED_STATUSES.every((status) => bucket[status] === 0))}
      settled={settled}
      table={
        <>
          <thead>
            <tr>
              <th>{t('start')}</th>
              {OFFERED_STATUSES.map((status) => (
                <th key={status}>{labels.status(status)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {timeline.map((bucket) => (
              <tr key={bucket.start}>
                <td>
                  <time dateTime={bucket.start}>{f.timestamp(bucket.start, tz)}</time>
                </td>
                {OFFERED_STATUSES.map((status) => (
                  <td key={status}>{f.count(bucket[status])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </>
      }
    >
      <div className="flex h-full flex-col">
        {/* Plain HTML, not recharts' Legend, which draws each swatch as one more chart surface (svg). */}
        <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-[11px]" data-testid="timeline-legend">
          {OFFERED_STATUSES.map((status) => (
            <li key={status} className="flex items-center gap-1">
              <span
                className="inline-block size-2 rounded-sm"
                style={{ backgroundColor: STATUS_COLORS[status] }}
              />
              {labels.status(status)}
            </li>
          ))}
        </ul>
        <div
          ref={plotArea}
          className="min-h-0 flex-1 select-none"
          onPointerDown={(event) => {
            const index = bucketAt(event);
            if (index !== null) setDrag({ start: index, end: index });
          }}
          onPointerMove={(event) => {
            const index = bucketAt(event);
            if (drag && index !== null && index !== drag.end) setDrag({ ...drag, end: index });
          }}
          onPointerUp={finishDrag}
          onPointerLeave={() => setDrag(null)}
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
              <CartesianGrid {...GRID_LOOK} />
              <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={24} />
              <YAxis
                allowDecimals={false}
                tick={AXIS_TICK}
                tickFormatter={(value: number) => f.count(value)}
              />
              <Tooltip {...TOOLTIP_LOOK} formatter={(value) => f.count(Number(value))} />
              {OFFERED_STATUSES.map((status) => (
                <Bar
                  key={status}
                  dataKey={status}
                  name={labels.status(status)}
                  stackId="status"
                  fill={STATUS_COLORS[status]}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(_entry, index) => {
                    const bucket = timeline[index];
                    if (bucket) onPickBucket({ from: bucket.start, to: bucket.end }, status);
                  }}
                />
              ))}
              {drag && drag.start !== drag.end ? (
                <ReferenceArea
                  x1={data[Math.min(drag.start, drag.end)]?.label}
                  x2={data[Math.max(drag.start, drag.end)]?.label}
                  fill="#0ea5e9"
                  fillOpacity={0.2}
                />
              ) : null}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
    </ChartCard>
  );
}
