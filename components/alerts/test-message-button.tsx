'use client';

import { useState } from 'react';
import { postWithCsrf } from '@/lib/csrf-client';

type Outcome = { tone: 'ok' | 'error'; text: string } | null;

/**
 * Sends a test message to one channel (operators only: the page renders this for them, and the
 * route checks the role again). Says what happened next to the button, for screen readers too.
 */
export function TestMessageButton({ channel, label }: { channel: string; label: string }) {
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function send() {
    setSending(true);
    setOutcome(null);
    try {
      const response = await postWithCsrf('/api/alerts/test', { channel });
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      setOutcome(
        response.ok
          ? { tone: 'ok', text: 'Test message delivered.' }
          : { tone: 'error', text: body?.error?.message ?? `Failed (HTTP ${response.status}).` },
      );
    } catch {
      setOutcome({ tone: 'error', text: 'The dashboard did not answer.' });
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
        {sending ? 'Sending…' : `Send test to ${label}`}
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
