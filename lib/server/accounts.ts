import 'server-only';

/** The account the dashboard syncs and reads: one today, from the environment's credentials. */
export const DEFAULT_ACCOUNT_ID = 'default';
