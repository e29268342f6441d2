'use client';

import { useTranslations } from 'next-intl';
import { PAGE_SIZES, type PageSize } from '@/lib/filters';
import { useFormat } from '@/lib/i18n/use-format';

interface PaginationProps {
  page: number;
  size: PageSize;
  total: number;
  onPageChange: (page: number) => void;
  onSizeChange: (size: PageSize) => void;
}

const BUTTON =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800';

export function Pagination({ page, size, total, onPageChange, onSizeChange }: PaginationProps) {
  const t = useTranslations('TaskPagination');
  const f = useFormat();
  const pageCount = Math.max(1, Math.ceil(total / size));
  const first = total === 0 ? 0 : Math.min((page - 1) * size + 1, total);
  const last = Math.min(page * size, total);
  return (
    <nav aria-label={t('label')} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p data-testid="pagination-summary" className="text-slate-600 dark:text-slate-300">
        {total === 0
          ? t('none')
          : t('range', { count: total, first: f.count(first), last: f.count(last), total: f.count(total) })}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2 text-slate-600 dark:text-slate-300">
          {t('rowsPerPage')}
          <select
            value={size}
            onChange={(event) => onSizeChange(Number(event.target.value) as PageSize)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
          >
            {PAGE_SIZES.map((option) => (
              <option key={option} value={option}>
                {f.count(option)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={BUTTON} disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          {t('previous')}
        </button>
        <span className="tabular-nums text-slate-600 dark:text-slate-300" aria-current="page">
          {t('page', { page: f.count(page), pages: f.count(pageCount) })}
        </span>
        <button
          type="button"
          className={BUTTON}
          disabled={page >= pageCount}
          onClick={() => onPageChange(page + 1)}
        >
          {t('next')}
        </button>
      </div>
    </nav>
  );
}
