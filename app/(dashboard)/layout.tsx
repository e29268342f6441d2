import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { type ReactNode, Suspense } from 'react';
import { AccountSwitcher } from '@/components/accounts/account-switcher';
import { HomeLink } from '@/components/accounts/home-link';
import { MainNav } from '@/components/accounts/main-nav';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { LanguageSwitch } from '@/components/ui/language-switch';
import { SIGN_IN_PATH } from '@/lib/auth-paths';
import { PRODUCT_NAME } from '@/lib/product-name';
import { accountSummaries } from '@/lib/server/accounts/account-access';
import { accountsFromFile } from '@/lib/server/accounts/accounts';
import { currentUser } from '@/lib/server/auth/session';
import { currentPagePath } from '@/lib/server/page-path';
import { upstreamConfig } from '@/lib/server/upstream/upstream-config';

/**
 * Every signed-in page: header with product name, navigation, the account (a switcher among those
 * the user may see, with ACCOUNTS_FILE), demo badge, the user, and the language switch.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  // The proxy already sent signed-out visitors to sign in; this is the second, independent check.
  if (!user) redirect(SIGN_IN_PATH);
  const { mode } = upstreamConfig();
  // Only the accounts this user may see, and of them only id and name, reach the browser.
  const accounts = accountSummaries(user);
  const showAccounts = accountsFromFile() && accounts.length > 0;
  const t = await getTranslations('DashboardHeader');
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Suspense
            fallback={
              <Link href="/tasks" className="text-base font-semibold tracking-tight">
                {PRODUCT_NAME}
              </Link>
            }
          >
            <HomeLink>{PRODUCT_NAME}</HomeLink>
          </Suspense>
          {/* Client components reading the address: a fallback without `acct` until it is read. */}
          <Suspense fallback={<StaticNav />}>
            <MainNav />
          </Suspense>
          <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
            {showAccounts ? (
              <Suspense>
                <AccountSwitcher accounts={accounts} />
              </Suspense>
            ) : null}
            {mode === 'demo' ? (
              <span
                data-testid="demo-badge"
                title={t('demoBadgeTitle')}
                className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-600/40 dark:bg-amber-900 dark:text-amber-100"
              >
                {t('demoBadge')}
              </span>
            ) : null}
            <span className="flex items-center gap-1.5 text-slate-600 dark:text-slate-300">
              <span data-testid="current-user">{user.name}</span>
              <span
                data-testid="current-role"
                className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600"
              >
                {t('role', { role: user.role })}
              </span>
            </span>
            <LanguageSwitch returnTo={await currentPagePath()} />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-4">{children}</main>
    </div>
  );
}

async function StaticNav() {
  const t = await getTranslations('MainNav');
  return (
    <nav aria-label={t('label')} className="flex gap-4 text-sm">
      <Link href="/tasks">{t('tasks')}</Link>
      <Link href="/triage">{t('triage')}</Link>
      <Link href="/alerts">{t('alerts')}</Link>
      <Link href="/activity">{t('activity')}</Link>
      <Link href="/settings/tokens">{t('tokens')}</Link>
    </nav>
  );
}
