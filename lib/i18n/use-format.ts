'use client';

import { useLocale } from 'next-intl';
import { useMemo } from 'react';
import type { TimeZoneMode } from '../filters';
import {
  formatCount,
  formatDuration,
  formatElapsed,
  formatPercent,
  formatProgress,
  formatRelative,
  formatTimestamp,
} from '../format';
import type { Locale } from './locales';

/** lib/format.ts bound to the reader's language, for client components. */
export function useFormat() {
  const locale = useLocale() as Locale;
  return useMemo(
    () => ({
      locale,
      timestamp: (iso: string, tz: TimeZoneMode) => formatTimestamp(iso, tz, locale),
      count: (value: number) => formatCount(value, locale),
      progress: (value: number) => formatProgress(value, locale),
      percent: (share: number) => formatPercent(share, locale),
      relative: (secondsAgo: number) => formatRelative(secondsAgo, locale),
      duration: (seconds: number) => formatDuration(seconds, locale),
      elapsed: (seconds: number) => formatElapsed(seconds, locale),
    }),
    [locale],
  );
}
