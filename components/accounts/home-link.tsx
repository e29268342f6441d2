'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useAccountHref } from './use-account-href';

/** The product name in the header: back to the task list, of the same account. */
export function HomeLink({ children }: { children: ReactNode }) {
  const hrefOf = useAccountHref();
  return (
    <Link href={hrefOf('/tasks')} className="text-base font-semibold tracking-tight">
      {children}
    </Link>
  );
}
