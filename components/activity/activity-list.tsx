import { useTranslations } from 'next-intl';
import { MUTED_TEXT, TEXT_INPUT } from '@/components/ui/class-names';
import { PageHeading } from '@/components/ui/page-heading';
import { SURFACE } from '@/components/ui/surface';
import { TimeText } from '@/components/ui/time-text';
import type { ActivityEntry } from '@/lib/activity-types';
import { MAX_TASK_IDS } from '@/lib/filters';
import { isInFlight } from '@/lib/task';

/**
 * The /activity page's body, rendered on the server: the filter (a plain GET form, so it works before
 * and without scripts) and the submissions, newest first, each with its tasks' outcome so far.
 */
export function ActivityList({
  entries,
  actors,
  filter,
  invalid,
  acct,
  limit,
}: {
  entries: ActivityEntry[];
  actors: string[];
  filter: { user?: string; domain?: string; from?: string; to?: string };
  invalid: string[];
  acct: string | null;
  limit: number;
}) {
  const t = useTranslations('ActivityList');
  return (
    <div className="flex flex-col gap-4">
      <PageHeading heading={t('heading')} intro={t('intro')} />
      <form
        method="get"
        className={`${SURFACE} flex flex-wrap items-end gap-3 p-3 text-sm`}
        aria-label={t('filter')}
      >
        {acct ? <input type="hidden" name="acct" value={acct} /> : null}
        <label className="flex flex-col gap-1">
          {t('user')}
          <select name="user" defaultValue={filter.user ?? ''} className={TEXT_INPUT}>
            <option value="">{t('anyone')}</option>
            {actors.map((actor) => (
              <option key={actor} value={actor}>
                {actor}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          {t('domain')}
          <input
            name="domain"
            defaultValue={filter.domain ?? ''}
            className={TEXT_INPUT}
            placeholder="img.example.com"
          />
        </label>
        <label className="flex flex-col gap-1">
          {t('from')}
          <input type="date" name="from" defaultValue={filter.from ?? ''} className={TEXT_INPUT} />
        </label>
        <label className="flex flex-col gap-1">
          {t('to')}
          <input type="date" name="to" defaultValue={filter.to ?? ''} className={TEXT_INPUT} />
        </label>
        <button
          type="submit"
          className="rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800 dark:bg-sky-600"
        >
          {t('apply')}
        </button>
      </form>
      {invalid.length > 0 ? (
        <p role="alert" className="text-sm text-amber-800 dark:text-amber-200">
          {t('invalid', { keys: invalid.join(', ') })}
        </p>
      ) : null}
      <section aria-labelledby="activity-entries" className={`${SURFACE} p-3`}>
        <h2 id="activity-entries" className="text-sm font-semibold">
          {entries.length >= limit
            ? t('newest', { count: entries.length })
            : t('count', { count: entries.length })}
        </h2>
        {entries.length === 0 ? (
          <p className={`mt-1 text-sm ${MUTED_TEXT}`}>{t('none')}</p>
        ) : (
          <ul
            className="mt-2 flex flex-col divide-y divide-slate-200 dark:divide-slate-800"
            data-testid="activity-entries"
          >
            {entries.map((entry) => (
              <ActivityItem key={entry.id} entry={entry} acct={acct} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function ActivityItem({ entry, acct }: { entry: ActivityEntry; acct: string | null }) {
  const t = useTranslations('ActivityList');
  const rows = Object.values(entry.outcome).reduce((sum, count) => sum + count, 0);
  const running = Object.entries(entry.outcome)
    .filter(([status]) => isInFlight({ status }))
    .reduce((sum, [, count]) => sum + count, 0);
  const ids = entry.taskIds.slice(0, MAX_TASK_IDS);
  const link = `/tasks?task=${ids.join(',')}${acct ? `&acct=${encodeURIComponent(acct)}` : ''}`;
  return (
    <li className="flex flex-col gap-1 py-2 text-sm" data-testid="activity-entry" data-actor={entry.actor}>
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-medium">
          {entry.actorKind === 'token'
            ? t('byToken', { name: entry.actor })
            : t('byUser', { name: entry.actor })}
        </span>
        <span className={`text-xs ${MUTED_TEXT}`}>
          <TimeText iso={entry.at} tz="local" />
        </span>
      </div>
      <p>
        {t('what', { source: entry.source, type: entry.objectType, count: entry.pathCount })}{' '}
        <span className="font-mono text-xs">{entry.domains.join(', ')}</span>
      </p>
      <details className={`text-xs ${MUTED_TEXT}`}>
        <summary className="cursor-pointer">{t('paths', { count: entry.pathCount })}</summary>
        <ul className="mt-1 pl-4 font-mono break-all">
          {entry.paths.map((path) => (
            <li key={path}>{path}</li>
          ))}
          {entry.pathCount > entry.paths.length ? (
            <li>{t('more', { count: entry.pathCount - entry.paths.length })}</li>
          ) : null}
        </ul>
      </details>
      <p data-testid="activity-answer">
        {entry.taskIds.length > 0 ? t('accepted', { tasks: entry.taskIds.length }) : t('noTasks')}
        {entry.failures.map((failure) => (
          <span key={`${failure.domain} ${failure.code}`} className="text-red-700 dark:text-red-300">
            {' '}
            {t('refused', { count: failure.count, domain: failure.domain, code: failure.code })}
          </span>
        ))}
        {entry.notAttempted > 0 ? (
          <span className="text-amber-800 dark:text-amber-200">
            {' '}
            {t('notAttempted', { count: entry.notAttempted })}
          </span>
        ) : null}
      </p>
      {entry.taskIds.length > 0 ? (
        <p data-testid="activity-outcome" className={MUTED_TEXT}>
          {rows === 0
            ? t('notSeenYet')
            : t('outcome', {
                complete: entry.outcome.Complete ?? 0,
                failed: entry.outcome.Failed ?? 0,
                running,
              })}{' '}
          <a href={link} className="text-sky-700 hover:underline dark:text-sky-400">
            {t('showTasks')}
          </a>
        </p>
      ) : null}
    </li>
  );
}
