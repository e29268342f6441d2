/**
 * The button that folds a panel away on phones (below the `sm` breakpoint, where the panel would
 * fill the first screen); from `sm` up the panel always shows and the button is hidden.
 */
import type { ReactNode } from 'react';

export function PhoneFoldButton({
  open,
  onToggle,
  controls,
  testId,
  children,
}: {
  open: boolean;
  onToggle: () => void;
  /** The id of the panel it shows and hides. */
  controls: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
      data-testid={testId}
      className="flex items-center justify-between rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium sm:hidden dark:border-slate-700 dark:bg-slate-900"
    >
      {children}
      <span aria-hidden="true">{open ? '▴' : '▾'}</span>
    </button>
  );
}
