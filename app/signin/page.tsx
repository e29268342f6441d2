import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeCallbackPath } from '@/lib/auth-paths';
import { currentUser } from '@/lib/server/auth/session';
import { readAuthSettings } from '@/lib/server/auth/settings';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** The one public page. Already signed in? Straight on to where the visitor was going. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  if (await currentUser()) redirect(callbackUrl);
  const settings = readAuthSettings();

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <p className="text-center text-base font-semibold tracking-tight">CDN Refresh Monitor</p>
        <section
          aria-labelledby="signin-heading"
          className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <h1 id="signin-heading" className="text-lg font-semibold">
            Sign in
          </h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            Watch your CDN refresh, prefetch and block tasks.
          </p>
          {settings.demo ? (
            <p
              data-testid="demo-signin-hint"
              className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
            >
              <span className="font-semibold">Demo mode.</span> The dashboard shows emulator data, not an
              Alibaba Cloud account&apos;s. Sign in as <kbd className="font-mono font-semibold">demo</kbd>{' '}
              with password <kbd className="font-mono font-semibold">demo</kbd> (role operator).
            </p>
          ) : null}
          <div className="mt-5">
            <SignInForm
              callbackUrl={callbackUrl}
              initialError={first(params.error)}
              singleSignOn={settings.oidc !== null}
            />
          </div>
        </section>
      </div>
    </main>
  );
}
