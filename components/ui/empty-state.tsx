import type { ReactNode } from 'react';

/**
 * What to show where a table, chart or list has nothing: say what is empty, why it may be, and
 * offer the likely next step, instead of empty axes or a blank box.
 */
export function EmptyState({
  title,
  children,
  actions,
  testId,
}: {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      role="status"
      data-testid={testId}
      className="flex h-full flex-col items-center justify-center gap-2 rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm dark:border-slate-700"
    >
      <p className="font-medium text-slate-900 dark:text-slate-100">{title}</p>
      {children ? <div className="max-w-prose text-slate-600 dark:text-slate-300">{children}</div> : null}
      {actions}
    </div>
  );
}
