'use client';

import { type DehydratedState, HydrationBoundary } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { Providers } from '../providers';
import { TaskExplorer } from './task-explorer';

/** The explorer with the rows the server read: react-query, nuqs and hydration come in its chunk. */
export default function HydratedTaskExplorer({
  state,
  ...props
}: ComponentProps<typeof TaskExplorer> & { state: DehydratedState }) {
  return (
    <Providers>
      <HydrationBoundary state={state}>
        <TaskExplorer {...props} />
      </HydrationBoundary>
    </Providers>
  );
}
