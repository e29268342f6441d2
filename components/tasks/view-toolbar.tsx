'use client';

import { useTranslations } from 'next-intl';
import { REFRESH_INTERVALS, type RefreshInterval, type TaskFilters, type TimeZoneMode } from '@/lib/filters';
import { useFormat } from '@/lib/i18n/use-format';
import { SegmentedSelect } from '../filters/segmented-select';
import { useHydrated } from '../ui/use-hydrated';
import { CopyLinkButton } from './copy-link-button';
import { refreshIntervalSeconds } from './refresh-interval';
import { UpdatedAgo } from './updated-ago';

interface ViewToolbarProps {
  filters: TaskFilters;
  updatedAt: number;
  fetching: boolean;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  onChange: (patch: { tz?: TimeZoneMode; refresh?: RefreshInterval }) => void;
  exportHref: string;
  exportCap: number;
  total: number | null;
  liveCount: number;
}

/** How the view is shown and kept fresh, and ways to take it elsewhere (link, CSV). */
export function ViewToolbar(props: ViewToolbarProps) {
  const { filters, paused } = props;
  const t = useTranslations('ViewToolbar');
  const f = useFormat();
  // Rows the server read more than the stale time ago are refetched at once in the browser: saying
  // so before hydration would not match the server's HTML (which says nothing), and React would
  // throw that HTML away.
  const hydrated = useHydrated();
  const capped = props.total !== null && props.total > props.exportCap;
  return (
    <section aria-label={t('label')} className="flex flex-wrap items-end gap-4 text-sm">
      <SegmentedSelect
        label={t('timesIn')}
        value={filters.tz}
        options={[
          { value: 'local', label: t('localTime') },
          { value: 'utc', label: t('utc') },
        ]}
        onChange={(tz) => props.onChange({ tz })}
      />
      <SegmentedSelect
        label={t('autoRefresh')}
        value={filters.refresh}
        options={REFRESH_INTERVALS.map((value) => ({
          value,
          label: value === 'off' ? t('off') : f.duration(refreshIntervalSeconds(value)),
        }))}
        onChange={(refresh) => props.onChange({ refresh })}
      />
      <button
        type="button"
        aria-pressed={paused}
        onClick={() => props.onPausedChange(!paused)}
        className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {paused ? t('resume') : t('pause')}
      </button>
      <p className="flex flex-col text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        <span>
          {props.fetching && hydrated ? t('updating') : <UpdatedAgo at={props.updatedAt} />}
          {paused ? t('paused') : ''}
        </span>
        {props.liveCount > 0 && !paused ? <span>{t('following', { count: props.liveCount })}</span> : null}
      </p>
      <div className="flex flex-wrap items-end gap-3 sm:ml-auto">
        <CopyLinkButton filters={filters} />
        <div className="flex flex-col gap-1">
          <span className="text-xs text-slate-600 dark:text-slate-300" data-testid="export-cap">
            {capped
              ? t('exportCapped', { cap: f.count(props.exportCap), total: f.count(props.total ?? 0) })
              : t('exportAll', { cap: f.count(props.exportCap) })}
          </span>
          <a
            href={props.exportHref}
            download
            className="rounded-md border border-slate-300 px-3 py-1.5 text-center font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {t('export')}
          </a>
        </div>
      </div>
    </section>
  );
}
