'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { jsonOrApiError } from '@/lib/api-client';
import { postWithCsrf } from '@/lib/csrf-client';
import { useErrorText } from '@/lib/i18n/use-error-text';

type Outcome = { tone: 'ok' | 'error'; text: string } | null;

/**
 * Sends a test message to one channel (operators only: the page renders this for them, and the
 * route checks the role again). Says what happened next to the button, for screen readers too.
 */
export function TestMessageButton({ channel, label }: { channel: string; label: string }) {
  const t = useTranslations('TestMessageButton');
  const errorText = useErrorText();
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function send() {
    setSending(true);
    setOutcome(null);
    try {
      await jsonOrApiError(await postWithCsrf('/api/alerts/test', { channel }));
      setOutcome({ tone: 'ok', text: t('delivered') });
    } catch (error) {
      // Worded by the error's code: the API's message stays English for scripts.
      setOutcome({ tone: 'error', text: errorText(error) });
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={send}
        disabled={sending}
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"
      >
        {sending ? t('sending') : t('send', { channel: label })}
      </button>
      <span
        role="status"
        className={
          outcome?.tone === 'error'
            ? 'text-xs text-red-700 dark:text-red-300'
            : 'text-xs text-emerald-700 dark:text-emerald-300'
        }
      >
        {outcome?.text ?? ''}
      </span>
    </div>
  );
}
