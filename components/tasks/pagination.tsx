'use client';

import { PAGE_SIZES, type PageSize } from '@/lib/filters';
import { formatCount } from '@/lib/format';

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
  const pageCount = Math.max(1, Math.ceil(total / size));
  const first = total === 0 ? 0 : Math.min((page - 1) * size + 1, total);
  const last = Math.min(page * size, total);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p data-testid="pagination-summary" className="text-slate-600 dark:text-slate-300">
        {total === 0
          ? 'No tasks'
          : `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)} tasks`}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2 text-slate-600 dark:text-slate-300">
          Rows per page
          <select
            value={size}
            onChange={(event) => onSizeChange(Number(event.target.value) as PageSize)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
          >
            {PAGE_SIZES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={BUTTON} disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          Previous
        </button>
        <span className="tabular-nums text-slate-600 dark:text-slate-300" aria-current="page">
          Page {formatCount(page)} of {formatCount(pageCount)}
        </span>
        <button
          type="button"
          className={BUTTON}
          disabled={page >= pageCount}
          onClick={() => onPageChange(page + 1)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
