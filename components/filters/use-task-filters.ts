'use client';

import { useQueryStates } from 'nuqs';
import { filterParsers } from '@/lib/filters';

/**
 * The view's filters, read from and written to the address bar. Every change is a history entry,
 * so Back undoes it and a copied URL reproduces the view.
 */
export function useTaskFilters() {
  return useQueryStates(filterParsers, { history: 'push' });
}
