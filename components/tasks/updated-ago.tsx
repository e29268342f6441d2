'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useFormat } from '@/lib/i18n/use-format';
import { useHydrated } from '../ui/use-hydrated';

/** "updated 12 seconds ago" / "12秒钟前更新", ticking, so a stale screen is visible as such. */
export function UpdatedAgo({ at, verb = 'updated' }: { at: number; verb?: 'updated' | 'synced' }) {
  const t = useTranslations('UpdatedAgo');
  const f = useFormat();
  const hydrated = useHydrated();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // The server's clock and the browser's differ: the text appears once the page is hydrated.
  if (!at || !hydrated) return null;
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  return (
    <span data-testid={`${verb}-ago-text`} className="tabular-nums" title={new Date(at).toISOString()}>
      {t(verb, { ago: f.relative(seconds) })}
    </span>
  );
}
