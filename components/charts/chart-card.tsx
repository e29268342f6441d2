import type { ReactNode } from 'react';
import { SURFACE } from '../ui/surface';

/**
 * A chart with its title, and a text alternative that screen readers get instead of the drawing.
 * With `empty` set, that message takes the chart's place: empty axes tell nobody anything.
 */
export function ChartCard({
  title,
  description,
  children,
  table,
  empty,
  className = '',
  testId,
}: {
  title: string;
  description: string;
  children: ReactNode;
  table: ReactNode;
  empty?: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <figure
      data-testid={testId}
      className={`${SURFACE} flex min-w-0 flex-col gap-2 p-3 text-slate-600 sm:h-[17.5rem] dark:text-slate-300 ${className}`}
    >
      <figcaption>
        <span className="text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</span>
        <span className="sr-only">. {description}</span>
      </figcaption>
      {/* From `sm` on every card has one fixed height (as ChartsPlaceholder's boxes),
          whatever it holds, so the charts arriving or emptying never move the table below. */}
      {empty ? (
        <div className="min-h-44 sm:min-h-0 sm:flex-1 sm:overflow-y-auto">{empty}</div>
      ) : (
        <>
          <div aria-hidden="true" className="h-44 sm:h-auto sm:min-h-0 sm:flex-1">
            {children}
          </div>
          <div className="sr-only">{table}</div>
        </>
      )}
    </figure>
  );
}
