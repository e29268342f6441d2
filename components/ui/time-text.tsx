'use client';

import type { TimeZoneMode } from '@/lib/filters';
import { formatTimestamp } from '@/lib/format';
import { useHydrated } from './use-hydrated';

/**
 * A timestamp in the viewer's zone. The server cannot know that zone, so it renders UTC and the
 * browser switches to local time after hydration, without a hydration mismatch.
 */
export function TimeText({ iso, tz }: { iso: string; tz: TimeZoneMode }) {
  const hydrated = useHydrated();
  const zone: TimeZoneMode = hydrated ? tz : 'utc';
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {formatTimestamp(iso, zone)}
      {zone === 'utc' ? <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">UTC</span> : null}
    </time>
  );
}
