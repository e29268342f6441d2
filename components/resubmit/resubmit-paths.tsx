'use client';

import { useTranslations } from 'next-intl';
import { useFormat } from '@/lib/i18n/use-format';
import type { LeftOut, LeftOutReason, SubmitKind } from '@/lib/resubmit-plan';

/** "3 URLs to refresh", "刷新 3 个 URL": a count of one kind of object, in the reader's words. */
export function useObjectCount(): (kind: SubmitKind, count: number) => string {
  const t = useTranslations('ResubmitObjects');
  return (kind, count) => t(kind, { count });
}

const TONE_TEXT = {
  info: 'text-slate-700 dark:text-slate-200',
  warning: 'text-amber-800 dark:text-amber-200',
  error: 'text-red-700 dark:text-red-300',
} as const;

/** A count with its paths folded beneath, so a long list never pushes the buttons away. */
export function Paths({
  summary,
  paths,
  total,
  tone,
  testId,
}: {
  summary: string;
  paths: string[];
  total: number;
  tone: keyof typeof TONE_TEXT;
  testId?: string;
}) {
  const t = useTranslations('ResubmitDialog');
  const f = useFormat();
  return (
    <details className={TONE_TEXT[tone]} data-testid={testId}>
      <summary className="cursor-pointer">{summary}</summary>
      <ul className="mt-1 max-h-40 overflow-y-auto pl-4 font-mono text-xs break-all">
        {paths.slice(0, 200).map((path) => (
          <li key={path}>{path}</li>
        ))}
        {total > Math.min(paths.length, 200) ? (
          <li>{t('more', { count: f.count(total - Math.min(paths.length, 200)) })}</li>
        ) : null}
      </ul>
    </details>
  );
}

/** The rows left out of a resubmission, one folded list per reason. */
export function LeftOutList({
  counts,
  entries,
}: {
  counts: Record<LeftOutReason, number>;
  entries: LeftOut[];
}) {
  const t = useTranslations('ResubmitDialog');
  const reasons = (Object.keys(counts) as LeftOutReason[]).filter((reason) => counts[reason] > 0);
  if (reasons.length === 0) return null;
  return (
    <div data-testid="resubmit-left-out" className="flex flex-col gap-1">
      {reasons.map((reason) => (
        <Paths
          key={reason}
          tone="warning"
          summary={t(`leftOut-${reason}`, { count: counts[reason] })}
          paths={entries.filter((entry) => entry.reason === reason).map((entry) => entry.objectPath)}
          total={counts[reason]}
        />
      ))}
    </div>
  );
}
