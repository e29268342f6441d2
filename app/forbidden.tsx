import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { StatusPage } from '@/components/ui/status-page';

/**
 * 403 in the product's look: a page asked for an account the user may not see (or one that does not
 * exist: the two look alike, so the answer tells nothing about other accounts). Rendered per
 * request, like the 404, so its scripts carry the response's CSP nonce.
 */
export default async function Forbidden() {
  await connection();
  const t = await getTranslations('ForbiddenPage');
  return <StatusPage title={t('title')}>{t('body')}</StatusPage>;
}
