import { useTranslations } from 'next-intl';
import { EmptyViewActions } from '../filters/empty-view-actions';
import { EmptyState } from '../ui/empty-state';

/** The table's place when no task matches the view. */
export function EmptyResult() {
  const t = useTranslations('EmptyResult');
  return (
    <EmptyState title={t('title')} testId="empty-result" actions={<EmptyViewActions />}>
      {t('hint')}
    </EmptyState>
  );
}
