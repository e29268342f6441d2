import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PRODUCT_NAME } from '@/lib/product-name';
import './globals.css';

/** Every page's title ends with the product's name; the description is in the reader's language. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('RootMetadata');
  return {
    // i18n-ok: the page's own title, then the product's name
    title: { default: PRODUCT_NAME, template: `%s · ${PRODUCT_NAME}` },
    description: t('description'),
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <body className="min-h-screen">
        {/* Every page's client components read their messages from here (lib/i18n/request.ts). */}
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
