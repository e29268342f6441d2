'use client';

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { inputValueToIso, isoToInputValue } from '@/lib/datetime-input';
import type { TimeZoneMode } from '@/lib/filters';
import { describeRange, TIME_PRESETS } from '@/lib/time-presets';
import { isTimeExpression, resolveTime } from '@/lib/time-range';

interface Range {
  from: string;
  to: string;
}

const FIELD =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';

/**
 * Grafana-style time picker: presets, or a custom range typed as relative expressions (`now-6h`) or
 * absolute times, or picked on a calendar. The URL keeps exactly what was chosen.
 */
export function TimeRangePicker({
  from,
  to,
  tz,
  onChange,
}: Range & { tz: TimeZoneMode; onChange: (range: Range) => void }) {
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

  const choose = (range: Range) => {
    onChange(range);
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="relative flex flex-col gap-1">
      <span className="text-xs font-medium text-slate-600 dark:text-slate-300" id={`${panelId}-label`}>
        Time range
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
          {describeRange(from, to)}
        </span>
        <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div
          ref={panel}
          id={panelId}
          className="absolute top-full left-0 z-30 mt-1 grid w-[min(36rem,calc(100vw-2rem))] gap-4 rounded-lg border border-slate-200 bg-white p-3 shadow-lg sm:grid-cols-[10rem_1fr] dark:border-slate-700 dark:bg-slate-900"
        >
          <ul aria-label="Quick ranges" className="flex flex-col gap-0.5">
            {TIME_PRESETS.map((preset) => {
              const current = preset.from === from && to === 'now';
              return (
                <li key={preset.from}>
                  <button
                    type="button"
                    aria-current={current ? 'true' : undefined}
                    onClick={() => choose({ from: preset.from, to: 'now' })}
                    className={`w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${
                      current ? 'font-semibold text-sky-700 dark:text-sky-400' : ''
                    }`}
                  >
                    {preset.label}
                  </button>
                </li>
              );
            })}
          </ul>
          <CustomRangeForm from={from} to={to} tz={tz} onApply={choose} />
        </div>
      ) : null}
    </div>
  );
}

function CustomRangeForm({
  from,
  to,
  tz,
  onApply,
}: Range & { tz: TimeZoneMode; onApply: (range: Range) => void }) {
  const [fromDraft, setFromDraft] = useState(from);
  const [toDraft, setToDraft] = useState(to);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const nextFrom = fromDraft.trim();
    const nextTo = toDraft.trim() || 'now';
    if (!isTimeExpression(nextFrom)) return setProblem('“From” must be like now-6h or 2026-11-28T08:00:00Z');
    if (!isTimeExpression(nextTo)) return setProblem('“To” must be like now or 2026-11-28T09:00:00Z');
    const now = Date.now();
    if ((resolveTime(nextFrom, now) ?? 0) >= (resolveTime(nextTo, now) ?? 0)) {
      return setProblem('“From” must be before “To”');
    }
    setProblem(null);
    onApply({ from: nextFrom, to: nextTo });
  };

  const calendarValue = (expression: string) => {
    const ms = resolveTime(expression, Date.now());
    return ms === null ? '' : isoToInputValue(ms, tz);
  };

  return (
    <form onSubmit={apply} className="flex flex-col gap-2" aria-label="Custom range">
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Relative (<code>now-6h</code>, <code>now</code>) or absolute ISO times; or pick on the calendar (
        {tz === 'utc' ? 'UTC' : 'local time'}).
      </p>
      {(
        [
          ['From', fromDraft, setFromDraft],
          ['To', toDraft, setToDraft],
        ] as const
      ).map(([label, draft, setDraft]) => (
        <div key={label} className="grid grid-cols-[3rem_1fr] items-center gap-2">
          <label htmlFor={`${id}-${label}`} className="text-sm">
            {label}
          </label>
          <input
            id={`${id}-${label}`}
            name={label.toLowerCase()}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            className={FIELD}
          />
          <span />
          <input
            type="datetime-local"
            step={1}
            aria-label={`${label} on the calendar`}
            value={calendarValue(draft)}
            onChange={(event) => {
              const iso = inputValueToIso(event.target.value, tz);
              if (iso) setDraft(iso);
            }}
            className={FIELD}
          />
        </div>
      ))}
      {problem ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {problem}
        </p>
      ) : null}
      <button
        type="submit"
        className="self-end rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 dark:bg-sky-500 dark:text-slate-950"
      >
        Apply range
      </button>
    </form>
  );
}
