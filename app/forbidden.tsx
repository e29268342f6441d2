import Link from 'next/link';
import { connection } from 'next/server';

/**
 * 403 in the product's look: a page asked for an account the user may not see (or one that does not
 * exist: the two look alike, so the answer tells nothing about other accounts). Rendered per
 * request, like the 404, so its scripts carry the response's CSP nonce.
 */
export default async function Forbidden() {
  await connection();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="text-center">
        <h1 className="text-lg font-semibold">Not permitted</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          This address is of an account you may not see.
        </p>
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
