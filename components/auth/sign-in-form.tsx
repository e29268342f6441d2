'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { isSameSitePath } from '@/lib/auth-paths';
import { useHydrated } from '../ui/use-hydrated';
import { NO_ANSWER, useSignInErrorText } from './sign-in-messages';

const INPUT =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 dark:focus:border-sky-400 dark:focus:ring-sky-400';
const PRIMARY =
  'inline-flex w-full items-center justify-center rounded-md bg-sky-700 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-sky-800 disabled:opacity-60 dark:bg-sky-500 dark:text-slate-950 dark:hover:bg-sky-400';
const SECONDARY =
  'inline-flex w-full items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800';

/**
 * Username and password (next-auth's `credentials` provider) and, when configured, single sign-on.
 * Success goes to `callbackUrl` by a full page load, so the server renders it with the new session.
 */
export function SignInForm({
  callbackUrl,
  initialError,
  singleSignOn,
}: {
  callbackUrl: string;
  initialError: string | null;
  singleSignOn: boolean;
}) {
  const t = useTranslations('SignInForm');
  const errorText = useSignInErrorText();
  // The code, not its words: the words are the reader's language's at each render.
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState<'credentials' | 'oidc' | null>(null);
  const hydrated = useHydrated();

  async function submitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending('credentials');
    setError(null);
    try {
      const result = await signIn('credentials', {
        username: String(form.get('username') ?? ''),
        password: String(form.get('password') ?? ''),
        callbackUrl,
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // Checked on the server already; checked again at the last moment, as what the browser resolves.
        window.location.assign(isSameSitePath(callbackUrl) ? callbackUrl : '/tasks');
        return;
      }
      // i18n-ok: next-auth's code for a failure it does not name
      setError(result?.error ?? 'Default');
    } catch {
      setError(NO_ANSWER);
    }
    setPending(null);
  }

  async function startSingleSignOn() {
    setPending('oidc');
    setError(null);
    // Leaves the page for the identity provider, which sends the browser back to callbackUrl.
    await signIn('oidc', { callbackUrl });
  }

  return (
    <div className="flex flex-col gap-4">
      {error ? (
        <p
          role="alert"
          data-testid="signin-error"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {errorText(error)}
        </p>
      ) : null}
      {/* POST, and no submitting before the page is live: a password must never end up in a URL. */}
      <form
        method="post"
        onSubmit={submitPassword}
        className="flex flex-col gap-3"
        aria-label={t('formLabel')}
      >
        <label className="text-sm font-medium text-slate-700 dark:text-slate-200">
          {t('username')}
          <input name="username" autoComplete="username" required maxLength={64} className={INPUT} />
        </label>
        <label className="text-sm font-medium text-slate-700 dark:text-slate-200">
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            className={INPUT}
          />
        </label>
        <button type="submit" disabled={!hydrated || pending !== null} className={PRIMARY}>
          {pending === 'credentials' ? t('submitting') : t('submit')}
        </button>
      </form>
      {singleSignOn ? (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
            {t('or')}
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
          </div>
          <button
            type="button"
            onClick={startSingleSignOn}
            disabled={!hydrated || pending !== null}
            className={SECONDARY}
          >
            {pending === 'oidc' ? t('redirecting') : t('singleSignOn')}
          </button>
        </>
      ) : null}
    </div>
  );
}
