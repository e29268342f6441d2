'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { TaskFilters } from '@/lib/filters';
import { shareUrl } from '@/lib/share-link';

/** Copies the view's URL; "pin the time window" (on by default) makes it show the same tasks tomorrow. */
export function CopyLinkButton({ filters }: { filters: TaskFilters }) {
  const t = useTranslations('CopyLinkButton');
  const [pin, setPin] = useState(true);
  const [copied, setCopied] = useState<string | null>(null);

  const copy = async () => {
    const url = shareUrl(window.location.origin, window.location.pathname, filters, {
      pin,
      nowMs: Date.now(),
    });
    try {
      await navigator.clipboard.writeText(url);
      setCopied(url);
    } catch {
      // Clipboard refused (an insecure origin, say): show the link so it can be copied by hand.
      window.prompt(t('prompt'), url);
    }
    setTimeout(() => setCopied(null), 2500);
  };

  return (
    <div className="flex flex-col gap-1">
      <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300">
        <input type="checkbox" checked={pin} onChange={(event) => setPin(event.target.checked)} />
        {t('pin')}
      </label>
      <button
        type="button"
        onClick={copy}
        data-copied-url={copied ?? undefined}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {copied ? t('copied') : t('copy')}
      </button>
      <span className="sr-only" role="status">
        {copied ? t('announce') : ''}
      </span>
    </div>
  );
}
