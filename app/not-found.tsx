import Link from 'next/link';
import { connection } from 'next/server';

/**
 * 404 in the product's look. Rendered per request (not prerendered) so its scripts carry the
 * response's CSP nonce like every other page's.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="text-center">
        <h1 className="text-lg font-semibold">Page not found</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">There is nothing at this address.</p>
        <Link
          href="/tasks"
          className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
        >
          Go to the task list
        </Link>
      </div>
    </main>
  );
}
