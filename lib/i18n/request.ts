/**
 * next-intl's request configuration (named in next.config.js): which language a request is answered
 * in, and its messages. No i18n routing: the language comes from the cookie the language switch sets,
 * else from Accept-Language, never from the URL, so one link opens the same view in each reader's
 * language (docs/i18n.md).
 */
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from './locales';
import { MESSAGE_FEATURES } from './message-features';

export default getRequestConfig(async () => {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookie)
    ? cookie
    : localeFromAcceptLanguage((await headers()).get('accept-language'));
  const catalogs = await Promise.all(
    MESSAGE_FEATURES.map(
      async (feature) => (await import(`../../messages/${feature}/${locale}.json`)).default,
    ),
  );
  return { locale, messages: Object.assign({}, ...catalogs) };
});
