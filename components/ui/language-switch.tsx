'use client';

import { useLocale, useTranslations } from 'next-intl';
import { LOCALE_PATH } from '@/lib/auth-paths';
import type { Locale } from '@/lib/i18n/locales';

/** The language the switch offers, and how its name is tagged for screen readers and fonts. */
const OTHER: Record<Locale, { locale: Locale; lang: string }> = {
  en: { locale: 'zh', lang: 'zh-CN' },
  zh: { locale: 'en', lang: 'en' },
};

/**
 * The language switch: a plain form that posts the other language to /api/locale, which remembers it
 * in a cookie and answers 303 back to this very address (docs/i18n.md). It works before the page's
 * scripts have loaded, or without them; the address never changes, so a link stays the same view in
 * either language. The button names the other language in that language ("中文", "English").
 * `returnTo` is the address the server rendered the page for (lib/server/page-path.ts).
 */
export function LanguageSwitch({ returnTo }: { returnTo: string }) {
  const t = useTranslations('LanguageSwitch');
  const other = OTHER[useLocale() as Locale];
  return (
    <form
      method="post"
      action={LOCALE_PATH}
      onSubmit={(event) => {
        // With scripts, the address as it is now: filters and client-side navigation since the
        // server rendered this form live only in the address bar.
        const field = event.currentTarget.elements.namedItem('returnTo');
        if (field instanceof HTMLInputElement)
          field.value = `${window.location.pathname}${window.location.search}`;
      }}
    >
      <input type="hidden" name="locale" value={other.locale} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button
        type="submit"
        title={t('switchToTitle')}
        data-testid="language-switch"
        className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <span lang={other.lang}>{t('switchTo')}</span>
      </button>
    </form>
  );
}
