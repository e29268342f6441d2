import { connection } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { StatusPage } from '@/components/ui/status-page';

/**
 * 404 in the product's look. Rendered per request (not prerendered) so its scripts carry the
 * response's CSP nonce like every other page's, and its words are the reader's language.
 */
export default async function NotFound() {
  await connection();
  const t = await getTranslations('NotFoundPage');
  return <StatusPage title={t('title')}>{t('body')}</StatusPage>;
}
