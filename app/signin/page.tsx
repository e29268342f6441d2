import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { LanguageSwitch } from '@/components/ui/language-switch';
import { safeCallbackPath } from '@/lib/auth-paths';
import { PRODUCT_NAME } from '@/lib/product-name';
import { currentUser } from '@/lib/server/auth/session';
import { readAuthSettings } from '@/lib/server/auth/settings';
import { currentPagePath } from '@/lib/server/page-path';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('SignInPage');
  return { title: t('title') };
}

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
  const t = await getTranslations('SignInPage');

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="flex items-center justify-between gap-3">
          <p className="text-base font-semibold tracking-tight">{PRODUCT_NAME}</p>
          {/* Before signing in too: the form and its errors in the reader's language. */}
          <LanguageSwitch returnTo={await currentPagePath()} />
        </div>
        <section
          aria-labelledby="signin-heading"
          className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <h1 id="signin-heading" className="text-lg font-semibold">
            {t('heading')}
          </h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t('intro')}</p>
          {settings.demo ? (
            <p
              data-testid="demo-signin-hint"
              className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
            >
              {t.rich('demoHint', {
                strong: (chunks) => <span className="font-semibold">{chunks}</span>,
                kbd: (chunks) => <kbd className="font-mono font-semibold">{chunks}</kbd>,
              })}
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
