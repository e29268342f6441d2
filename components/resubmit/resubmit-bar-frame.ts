/**
 * The resubmit bar's box, shared with the placeholder that holds its place while its code loads.
 * The minimum height is the bar's with its buttons (a quota line and two button rows on a phone —
 * "Resubmit all N failed tasks in this view" and "New refresh" do not fit one — and the quota line
 * and a button row from `sm` on, as on a laptop's width), so neither the chunk arriving nor the
 * failed count's button appearing moves the table below it.
 */
export const RESUBMIT_BAR_FRAME =
  'min-h-[9.25rem] sm:min-h-[4.75rem] rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900';
