/** The bordered card every panel of the dashboard sits on, in light and dark. */
export const SURFACE = 'rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900';
