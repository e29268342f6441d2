import { connection } from 'next/server';
import { StatusPage } from '@/components/ui/status-page';

/**
 * 404 in the product's look. Rendered per request (not prerendered) so its scripts carry the
 * response's CSP nonce like every other page's.
 */
export default async function NotFound() {
  await connection();
  return <StatusPage title="Page not found">There is nothing at this address.</StatusPage>;
}
