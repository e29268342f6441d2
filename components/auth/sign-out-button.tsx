'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { SIGN_IN_PATH } from '@/lib/auth-paths';

/** Ends the session on the server (next-auth clears the cookie) and returns to the sign-in page. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: SIGN_IN_PATH });
      }}
      className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
