'use client';

import { useEffect, useState } from 'react';
import { useHydrated } from '../ui/use-hydrated';

/** "updated 12 s ago", ticking, so a stale screen is visible as such. */
export function UpdatedAgo({ at, verb = 'updated' }: { at: number; verb?: string }) {
  const hydrated = useHydrated();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // The server's clock and the browser's differ: the text appears once the page is hydrated.
  if (!at || !hydrated) return null;
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  const text =
    seconds < 60
      ? `${seconds} s`
      : seconds < 3600
        ? `${Math.floor(seconds / 60)} min`
        : `${Math.floor(seconds / 3600)} h`;
  return (
    <span data-testid={`${verb}-ago-text`} className="tabular-nums" title={new Date(at).toISOString()}>
      {verb} {text} ago
    </span>
  );
}
