'use client';

import { DEFAULT_FROM, DEFAULT_TO } from '@/lib/filters';

export const TIME_PRESETS = [
  { from: 'now-15m', label: 'Last 15 minutes' },
  { from: 'now-1h', label: 'Last hour' },
  { from: 'now-6h', label: 'Last 6 hours' },
  { from: 'now-24h', label: 'Last 24 hours' },
  { from: 'now-3d', label: 'Last 3 days' },
] as const;

const CUSTOM = 'custom';

export function TimeRangeSelect({
  from,
  to,
  onChange,
}: {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
}) {
  const preset = to === DEFAULT_TO ? TIME_PRESETS.find((option) => option.from === from) : undefined;
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
      Time range
      <select
        name="range"
        value={preset ? preset.from : CUSTOM}
        onChange={(event) => onChange({ from: event.target.value || DEFAULT_FROM, to: DEFAULT_TO })}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {TIME_PRESETS.map((option) => (
          <option key={option.from} value={option.from}>
            {option.label}
          </option>
        ))}
        {preset ? null : (
          <option value={CUSTOM} disabled>
            {from} → {to}
          </option>
        )}
      </select>
    </label>
  );
}
