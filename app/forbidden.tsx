import { connection } from 'next/server';
import { StatusPage } from '@/components/ui/status-page';

/**
 * 403 in the product's look: a page asked for an account the user may not see (or one that does not
 * exist: the two look alike, so the answer tells nothing about other accounts). Rendered per
 * request, like the 404, so its scripts carry the response's CSP nonce.
 */
export default async function Forbidden() {
  await connection();
  return <StatusPage title="Not permitted">This address is of an account you may not see.</StatusPage>;
}
