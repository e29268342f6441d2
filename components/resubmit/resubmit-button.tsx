'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { ResubmitResult, ResubmitSelection } from '@/lib/resubmit-types';
import { useHydrated } from '../ui/use-hydrated';

/** The dialog's code (and its plan rendering) loads only when an operator opens it. */
const ResubmitDialog = dynamic(() => import('./resubmit-dialog'), { ssr: false });

const STYLES = {
  primary:
    'rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-50 dark:bg-sky-700 dark:hover:bg-sky-600',
  secondary:
    'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800',
  small:
    'rounded border border-slate-300 px-2 py-0.5 text-xs font-medium whitespace-nowrap hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800',
} as const;

/** A button that opens the confirmation of resubmitting `selection`. Render it for operators only. */
export function ResubmitButton({
  selection,
  label,
  title,
  variant = 'secondary',
  ariaLabel,
  disabled = false,
  testId,
  onSubmitted,
  account,
}: {
  selection: ResubmitSelection;
  label: string;
  /** The dialog's heading. */
  title: string;
  variant?: keyof typeof STYLES;
  ariaLabel?: string;
  disabled?: boolean;
  testId?: string;
  /** Called when the dialog closes after a submission (not at once: clearing a selection then would unmount the dialog showing the result). */
  onSubmitted?: (result: ResubmitResult) => void;
  /** The account of the selection, where it is not the view's (the triage view of every account). */
  account?: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<ResubmitResult | null>(null);
  // Server-rendered (in the drawer of a shared link) it would do nothing until hydration: disabled until then.
  const hydrated = useHydrated();
  return (
    <>
      <button
        type="button"
        className={STYLES[variant]}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        disabled={disabled || !hydrated}
        onClick={() => {
          setResult(null);
          setOpen(true);
        }}
        data-testid={testId}
      >
        {label}
      </button>
      {open ? (
        <ResubmitDialog
          selection={selection}
          title={title}
          account={account}
          onClose={() => {
            setOpen(false);
            if (result) onSubmitted?.(result);
          }}
          onSubmitted={setResult}
        />
      ) : null}
    </>
  );
}
