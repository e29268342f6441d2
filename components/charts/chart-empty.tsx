'use client';

import { useTranslations } from 'next-intl';
import { EmptyViewActions } from '../filters/empty-view-actions';
import { EmptyState } from '../ui/empty-state';

/**
 * A chart's place while it has nothing to draw: "still reading" while the summary streams in,
 * then what is empty and the likely next step.
 */
export function ChartEmpty({ settled, title, hint }: { settled: boolean; title: string; hint: string }) {
  const t = useTranslations('ChartEmpty');
  if (!settled) return <EmptyState title={t('reading')} />;
  return (
    <EmptyState title={title} actions={<EmptyViewActions />}>
      {hint}
    </EmptyState>
  );
}
