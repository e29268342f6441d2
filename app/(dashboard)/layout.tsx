import Link from 'next/link';
import type { ReactNode } from 'react';
import { upstreamConfig } from '@/lib/server/config';
import { currentUser } from '@/lib/server/session';

/** Every signed-in page: header with product name, navigation, demo badge and the user. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const { mode } = upstreamConfig();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/tasks" className="text-base font-semibold tracking-tight">
            CDN Refresh Monitor
          </Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            <Link
              href="/tasks"
              className="text-slate-700 hover:text-sky-700 dark:text-slate-200 dark:hover:text-sky-400"
            >
              Tasks
            </Link>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            {mode === 'demo' ? (
              <span
                data-testid="demo-badge"
                title="No cloud credentials are configured: the built-in emulator of the CDN API answers."
                className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-600/40 dark:bg-amber-900 dark:text-amber-100"
              >
                Demo data
              </span>
            ) : null}
            {user ? (
              <span className="text-slate-600 dark:text-slate-300">
                {user.name} <span className="text-xs text-slate-500 dark:text-slate-400">({user.role})</span>
              </span>
            ) : null}
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-4">{children}</main>
    </div>
  );
}
