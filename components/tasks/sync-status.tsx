'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAccount } from '@/components/accounts/use-account';
import type { SyncStatusResponse } from '@/lib/api-types';
import type { TimeZoneMode } from '@/lib/filters';
import { useFormat } from '@/lib/i18n/use-format';
import { syncQueries } from '@/lib/queries';
import { SURFACE } from '../ui/surface';
import { UpdatedAgo } from './updated-ago';

/**
 * How fresh and complete the store behind the page is: "synced 4 seconds ago", and while history is
 * still arriving a progress bar with how many tasks are in. Operators can open the sync's details.
 */
export function SyncStatus({ tz }: { tz: TimeZoneMode }) {
  const t = useTranslations('SyncStatus');
  const { data } = useQuery(syncQueries.status(useAccount()));
  const [open, setOpen] = useState(false);
  if (!data) return null;
  return (
    <div className="flex flex-col gap-2" data-testid="sync-status">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
        <span data-testid="synced-ago">
          {data.syncedAt ? <UpdatedAgo at={Date.parse(data.syncedAt)} verb="synced" /> : t('notSynced')}
        </span>
        {!data.syncing ? (
          <span className="text-amber-700 dark:text-amber-300" data-testid="sync-stopped">
            {t('stopped')}
          </span>
        ) : null}
        {data.detail ? (
          <button
            type="button"
            className="underline decoration-dotted"
            aria-expanded={open}
            onClick={() => setOpen((value) => !value)}
          >
            {open ? t('hide') : t('show')}
          </button>
        ) : null}
      </div>
      {!data.backfill.done ? <BackfillProgress status={data} tz={tz} /> : null}
      {open && data.detail ? <SyncPanel status={data} tz={tz} /> : null}
    </div>
  );
}

function BackfillProgress({ status, tz }: { status: SyncStatusResponse; tz: TimeZoneMode }) {
  const t = useTranslations('SyncStatus');
  const f = useFormat();
  const { storedRows, estimatedRows, syncedFrom } = status.backfill;
  const share = estimatedRows ? Math.min(1, storedRows / Math.max(estimatedRows, 1)) : 0;
  return (
    <div className={`${SURFACE} flex flex-col gap-1.5 px-3 py-2 text-sm`} data-testid="backfill-progress">
      <p>
        {estimatedRows
          ? t('backfillOf', { stored: f.count(storedRows), estimated: f.count(estimatedRows) })
          : t('backfill', { stored: f.count(storedRows) })}
        {syncedFrom ? (
          <span className="text-slate-500 dark:text-slate-400">
            {' '}
            {t('completeFrom', { time: f.timestamp(syncedFrom, tz) })}
          </span>
        ) : null}
      </p>
      <div
        role="progressbar"
        aria-label={t('progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
        className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        {/* i18n-ok: a CSS width */}
        <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}

function SyncPanel({ status, tz }: { status: SyncStatusResponse; tz: TimeZoneMode }) {
  const t = useTranslations('SyncStatus');
  const f = useFormat();
  const detail = status.detail;
  if (!detail) return null;
  // Purposes (head, follow, …) and the last error are the sync's own codes, shown as they are.
  const rows: Array<[string, string]> = [
    [t('lastHeadPoll'), status.syncedAt ? f.timestamp(status.syncedAt, tz) : t('noneYet')],
    [
      t('callsPerSecond'),
      Object.entries(detail.callsPerSecond)
        .map(([purpose, rate]) => t('callRate', { purpose, rate: f.count(rate) }))
        .join(' · ') || t('none'),
    ],
    [t('rowsStored'), f.count(status.backfill.storedRows)],
    [t('rowsInFlight'), f.count(detail.inFlightRows)],
    [t('historyStartsAt'), f.timestamp(status.historyStartsAt, tz)],
    [
      t('lastError'),
      detail.lastError
        ? detail.lastErrorAt
          ? t('lastErrorAt', { error: detail.lastError, time: f.timestamp(detail.lastErrorAt, tz) })
          : detail.lastError
        : t('none'),
    ],
  ];
  return (
    <dl
      className={`${SURFACE} grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 px-3 py-2 text-xs`}
      data-testid="sync-panel"
    >
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
