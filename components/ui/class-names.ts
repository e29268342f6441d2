/** Tailwind class lists that more than one component uses, in light and dark. */

/** Secondary text: hints, counts, empty lists. */
export const MUTED_TEXT = 'text-slate-600 dark:text-slate-300';

/** A text field or select of a filter or settings form. */
export const TEXT_INPUT =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100';

/** A dialog's ordinary button (Cancel, Close). */
export const DIALOG_BUTTON =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800';

/** A dialog's button that does what it is for (Submit). */
export const DIALOG_PRIMARY_BUTTON =
  'rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-50 dark:bg-sky-700 dark:hover:bg-sky-600';
