'use client';

import { useTranslations } from 'next-intl';
import type { TimeZoneMode } from '@/lib/filters';
import { useFormat } from '@/lib/i18n/use-format';
import type { ResubmitSelection } from '@/lib/resubmit-types';
import type { TriageGroup } from '@/lib/triage-types';
import { EmptyViewActions } from '../filters/empty-view-actions';
import { ResubmitButton } from '../resubmit/resubmit-button';
import { type Column, ColumnHeaders } from '../ui/column-headers';
import { EmptyState } from '../ui/empty-state';
import { SURFACE } from '../ui/surface';
import { TimeText } from '../ui/time-text';
import '../ui/phone-cards.css';
import { Sparkline } from './sparkline';
import './triage-groups.css';

interface TriageGroupsProps {
  title: string;
  groups: TriageGroup[];
  tz: TimeZoneMode;
  tasksHref: (group: TriageGroup) => string;
  testId: string;
  /** Operators: the failed tasks of a group, to resubmit once its origin is fixed. */
  resubmitSelection?: (group: TriageGroup) => ResubmitSelection;
  /** The account the groups are of, when not the view's (the triage view of every account). */
  account?: string | null;
}

/** One ranked table of Origin Timeout groups, each a link to exactly those tasks. */
export function TriageGroups({
  title,
  groups,
  tz,
  tasksHref,
  testId,
  resubmitSelection,
  account,
}: TriageGroupsProps) {
  const t = useTranslations('TriageGroups');
  const columns: Column[] = [
    { label: t('where') },
    { label: t('timeouts'), numeric: true },
    { label: t('share'), numeric: true },
    { label: t('firstSeen') },
    { label: t('lastSeen') },
    { label: t('overTime') },
  ];
  return (
    <section aria-label={title} data-testid={testId} className={`${SURFACE} min-w-0`}>
      <h2 className="border-b border-slate-200 px-3 py-2 text-sm font-semibold dark:border-slate-800">
        {title}
      </h2>
      {groups.length === 0 ? (
        <div className="p-3">
          <EmptyState title={t('emptyTitle')} actions={<EmptyViewActions />}>
            {t('emptyHint')}
          </EmptyState>
        </div>
      ) : (
        // relative: the sr-only header text is positioned; without it, it escapes the scroll box and widens the page.
        <div className="relative overflow-x-auto">
          <table className="phone-cards min-w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
              <ColumnHeaders
                columns={resubmitSelection ? [...columns, { label: t('resubmit'), srOnly: true }] : columns}
                cellClassName="whitespace-nowrap px-3 py-2"
              />
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {groups.map((group) => (
                <GroupRow
                  key={group.key}
                  group={group}
                  tz={tz}
                  tasksHref={tasksHref}
                  resubmitSelection={resubmitSelection}
                  account={account}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One group: where, how many, its share of the domain, when, its shape over time, and Resubmit. */
function GroupRow({
  group,
  tz,
  tasksHref,
  resubmitSelection,
  account,
}: Pick<TriageGroupsProps, 'tz' | 'tasksHref' | 'resubmitSelection' | 'account'> & { group: TriageGroup }) {
  const t = useTranslations('TriageGroups');
  const f = useFormat();
  const resubmitTitle = t('resubmitTitle', { count: group.count, group: group.key });
  return (
    <tr data-group={group.key} className="triage-groups-row">
      <td className="triage-groups-where px-3 py-2">
        <a
          href={tasksHref(group)}
          className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
        >
          {group.key}
        </a>
      </td>
      <td className="triage-groups-count px-3 py-2 text-right tabular-nums" data-label={t('timeouts')}>
        {f.count(group.count)}
      </td>
      <td className="triage-groups-share px-3 py-2 text-right tabular-nums" data-label={t('share')}>
        {f.percent(group.share)}
        <span className="block whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">
          {t('shareOf', { total: group.domainTotal })}
        </span>
      </td>
      <td className="triage-groups-first px-3 py-2" data-label={t('firstSeen')}>
        <TimeText iso={group.firstSeen} tz={tz} />
      </td>
      <td className="triage-groups-last px-3 py-2" data-label={t('lastSeen')}>
        <TimeText iso={group.lastSeen} tz={tz} />
      </td>
      <td className="triage-groups-spark px-3 py-2">
        <Sparkline values={group.sparkline} label={t('sparkline', { group: group.key })} />
      </td>
      {resubmitSelection ? (
        <td className="triage-groups-resubmit px-3 py-2">
          <ResubmitButton
            variant="small"
            label={t('resubmitLabel', { count: group.count })}
            ariaLabel={resubmitTitle}
            title={resubmitTitle}
            selection={resubmitSelection(group)}
            account={account}
            testId="resubmit-group"
          />
        </td>
      ) : null}
    </tr>
  );
}
