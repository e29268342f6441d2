'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import type { TimeZoneMode } from '@/lib/filters';
import { describeRange } from '@/lib/time-presets';
import type { TimeRange } from './time-range-panel';

/** The presets and the custom-range form load when the picker is first opened. */
const TimeRangePanel = dynamic(() => import('./time-range-panel').then((module) => module.TimeRangePanel), {
  ssr: false,
});

/**
 * Grafana-style time picker: presets, or a custom range typed as relative expressions (`now-6h`) or
 * absolute times, or picked on a calendar. The URL keeps exactly what was chosen.
 */
export function TimeRangePicker({
  from,
  to,
  tz,
  onChange,
}: TimeRange & { tz: TimeZoneMode; onChange: (range: TimeRange) => void }) {
  const t = useTranslations('TimeRangePicker');
  const presets = useTranslations('TimePresets');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }
    };
    const closeOnOutsideClick = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', closeOnEscape, true);
    document.addEventListener('mousedown', closeOnOutsideClick);
    return () => {
      document.removeEventListener('keydown', closeOnEscape, true);
      document.removeEventListener('mousedown', closeOnOutsideClick);
    };
  }, [open]);

  const name = describeRange(from, to);
  const choose = (range: TimeRange) => {
    onChange(range);
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="relative flex flex-col gap-1">
      <span className="text-xs font-medium text-slate-600 dark:text-slate-300" id={`${panelId}-label`}>
        {t('label')}
      </span>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-labelledby={`${panelId}-label ${panelId}-value`}
        onClick={() => setOpen((value) => !value)}
        className="flex min-w-44 items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-left text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        <span id={`${panelId}-value`} data-testid="time-range-value">
          {'preset' in name ? presets(name.preset) : t('custom', { from: name.from, to: name.to })}
        </span>
        <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <TimeRangePanel ref={panel} id={panelId} from={from} to={to} tz={tz} onChoose={choose} />
      ) : null}
    </div>
  );
}
