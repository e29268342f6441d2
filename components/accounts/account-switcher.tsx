'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { AccountOption } from './account-option';

/** The value of `acct` that asks the triage view for every account. */
const ALL = 'all';

/**
 * The header's account: a select of the accounts the user may see (ids and names only, from the
 * server) that keeps the rest of the address and changes `acct`; plain text when there is one.
 * The triage view also offers every account at once.
 */
export function AccountSwitcher({ accounts }: { accounts: AccountOption[] }) {
  const t = useTranslations('AccountSwitcher');
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const acrossAllowed = pathname === '/triage' && accounts.length > 1;
  const asked = searchParams.get('acct');
  const current =
    asked === ALL && acrossAllowed
      ? ALL
      : (accounts.find((account) => account.id === asked) ?? accounts[0])?.id;
  if (!current) return null;

  if (accounts.length === 1) {
    return (
      <span className="text-slate-600 dark:text-slate-300">
        <span className="sr-only">{t('accountPrefix')} </span>
        <span data-testid="current-account">{accounts[0]?.name}</span>
      </span>
    );
  }
  return (
    <span className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-300">
        {t('account')}
      </label>
      <select
        id={id}
        data-testid="account-switcher"
        value={current}
        onChange={(event) => {
          const next = new URLSearchParams(searchParams.toString());
          next.set('acct', event.target.value);
          // A task or a page number of one account means nothing in another.
          next.delete('sel');
          next.delete('page');
          router.push(`${pathname}?${next.toString()}`);
        }}
        className="max-w-[12rem] rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
      >
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.name}
          </option>
        ))}
        {acrossAllowed ? <option value={ALL}>{t('allAccounts')}</option> : null}
      </select>
    </span>
  );
}
