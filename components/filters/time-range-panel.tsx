'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, type Ref, useId, useState } from 'react';
import { inputValueToIso, isoToInputValue } from '@/lib/datetime-input';
import type { TimeZoneMode } from '@/lib/filters';
import { TIME_PRESETS } from '@/lib/time-presets';
import { isTimeExpression, resolveTime } from '@/lib/time-range';

export interface TimeRange {
  from: string;
  to: string;
}

const FIELD =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';

/** The open time picker: quick ranges, and a custom range typed or picked on a calendar. */
export function TimeRangePanel({
  ref,
  id,
  from,
  to,
  tz,
  onChoose,
}: TimeRange & {
  ref: Ref<HTMLDivElement>;
  id: string;
  tz: TimeZoneMode;
  onChoose: (range: TimeRange) => void;
}) {
  const t = useTranslations('TimeRangePanel');
  const presets = useTranslations('TimePresets');
  return (
    <div
      ref={ref}
      id={id}
      className="absolute top-full left-0 z-30 mt-1 grid w-[min(36rem,calc(100vw-2rem))] gap-4 rounded-lg border border-slate-200 bg-white p-3 shadow-lg sm:grid-cols-[10rem_1fr] dark:border-slate-700 dark:bg-slate-900"
    >
      <ul aria-label={t('quickRanges')} className="flex flex-col gap-0.5">
        {TIME_PRESETS.map((preset) => {
          const current = preset === from && to === 'now';
          return (
            <li key={preset}>
              <button
                type="button"
                aria-current={current ? 'true' : undefined}
                onClick={() => onChoose({ from: preset, to: 'now' })}
                className={`w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${
                  current ? 'font-semibold text-sky-700 dark:text-sky-400' : ''
                }`}
              >
                {presets(preset)}
              </button>
            </li>
          );
        })}
      </ul>
      <CustomRangeForm from={from} to={to} tz={tz} onApply={onChoose} />
    </div>
  );
}

function CustomRangeForm({
  from,
  to,
  tz,
  onApply,
}: TimeRange & { tz: TimeZoneMode; onApply: (range: TimeRange) => void }) {
  const [fromDraft, setFromDraft] = useState(from);
  const [toDraft, setToDraft] = useState(to);
  const t = useTranslations('TimeRangePanel');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const nextFrom = fromDraft.trim();
    const nextTo = toDraft.trim() || 'now';
    if (!isTimeExpression(nextFrom)) return setProblem(t('badFrom'));
    if (!isTimeExpression(nextTo)) return setProblem(t('badTo'));
    const now = Date.now();
    if ((resolveTime(nextFrom, now) ?? 0) >= (resolveTime(nextTo, now) ?? 0)) {
      return setProblem(t('fromAfterTo'));
    }
    setProblem(null);
    onApply({ from: nextFrom, to: nextTo });
  };

  const calendarValue = (expression: string) => {
    const ms = resolveTime(expression, Date.now());
    return ms === null ? '' : isoToInputValue(ms, tz);
  };

  return (
    <form onSubmit={apply} className="flex flex-col gap-2" aria-label={t('customRange')}>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {t.rich('help', {
          zone: tz === 'utc' ? t('utc') : t('localTime'),
          code: (chunks) => <code>{chunks}</code>,
        })}
      </p>
      {(
        [
          ['from', fromDraft, setFromDraft],
          ['to', toDraft, setToDraft],
        ] as const
      ).map(([field, draft, setDraft]) => (
        <div key={field} className="grid grid-cols-[3rem_1fr] items-center gap-2">
          <label htmlFor={`${id}-${field}`} className="text-sm">
            {t(field)}
          </label>
          <input
            id={`${id}-${field}`}
            name={field}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            className={FIELD}
          />
          <span />
          <input
            type="datetime-local"
            step={1}
            aria-label={t(field === 'from' ? 'fromCalendar' : 'toCalendar')}
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
        {t('apply')}
      </button>
    </form>
  );
}
