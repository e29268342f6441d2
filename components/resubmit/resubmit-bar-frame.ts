/**
 * The resubmit bar's box, shared with the placeholder that holds its place while its code loads.
 * The minimum height is the bar's with its buttons (a quota line and a button row on a phone, one
 * row from `sm` on), so neither the chunk arriving nor the failed count's button appearing moves the
 * table below it.
 */
export const RESUBMIT_BAR_FRAME =
  'min-h-[6.75rem] sm:min-h-[3.25rem] rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900';
