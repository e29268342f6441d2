'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { SIGN_IN_PATH } from '@/lib/auth-paths';

/**
 * Ends the session on the server and returns to the sign-in page. It speaks next-auth's REST
 * endpoints (a CSRF token, then a POST to sign out; next-auth clears the cookie) instead of
 * importing next-auth/react, which would add about 10 KiB to every page for this one button.
 */
export function SignOutButton() {
  const t = useTranslations('SignOutButton');
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // Leave only once the server has ended the session; on failure the button is usable again.
        signOut().then(
          () => window.location.assign(SIGN_IN_PATH),
          () => setPending(false),
        );
      }}
      className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {pending ? t('signingOut') : t('signOut')}
    </button>
  );
}

async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: SIGN_IN_PATH, json: 'true' }),
  });
  // i18n-ok: for the console; the button only becomes usable again
  if (!response.ok) throw new Error(`sign-out answered ${response.status}`);
}
