/** The product's name, in the header, the sign-in page and every page title. */
// i18n-ok: a name, the same in every language (docs/i18n.md)
export const PRODUCT_NAME = 'CDN Refresh Monitor';
