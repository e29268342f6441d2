'use client';

import type { TimeZoneMode } from '@/lib/filters';
import { useFormat } from '@/lib/i18n/use-format';
import { useHydrated } from './use-hydrated';

/**
 * A timestamp in the viewer's zone and language. The server cannot know that zone, so it renders UTC and the
 * browser switches to local time after hydration, without a hydration mismatch.
 */
export function TimeText({ iso, tz }: { iso: string; tz: TimeZoneMode }) {
  const format = useFormat();
  const hydrated = useHydrated();
  const zone: TimeZoneMode = hydrated ? tz : 'utc';
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {format.timestamp(iso, zone)}
      {zone === 'utc' ? (
        // i18n-ok: UTC is written UTC in every language
        <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">UTC</span>
      ) : null}
    </time>
  );
}
