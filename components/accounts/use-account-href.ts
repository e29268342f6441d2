'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

/**
 * Links between the dashboard's views keep the view's account: going from the tasks to the triage
 * view must not switch to another account. `acct=all` exists only on the triage view, so other
 * views' links drop it (and open the user's first account).
 */
export function useAccountHref(): (path: string) => string {
  const acct = useSearchParams().get('acct');
  return useCallback(
    (path: string) =>
      acct && (acct !== 'all' || path === '/triage') ? `${path}?acct=${encodeURIComponent(acct)}` : path,
    [acct],
  );
}
