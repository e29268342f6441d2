'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** Copies a value; `label` names it in the reader's language ("task id"), for the button's accessible name. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations('CopyButton');
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={t('label', { label })}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          window.prompt(t('label', { label }), value);
        }
      }}
      className="shrink-0 rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
    >
      {copied ? t('copied') : t('copy')}
    </button>
  );
}
