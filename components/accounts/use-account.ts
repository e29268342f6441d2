'use client';

import { useQueryState } from 'nuqs';
import { filterParsers } from '@/lib/filters';

/**
 * The view's account, as the address bar's `acct` has it: null for the first account the user may
 * see (the server's default), which keeps addresses without `acct` what they always were.
 */
export function useAccount(): string | null {
  const [acct] = useQueryState('acct', filterParsers.acct);
  return acct;
}
