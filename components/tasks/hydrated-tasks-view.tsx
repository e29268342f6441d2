'use client';

import { type DehydratedState, HydrationBoundary } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { Providers } from '../providers';
import { TasksView } from './tasks-view';

/** The explorer with the rows the server read: react-query, nuqs and hydration come in its chunk. */
export default function HydratedTasksView({
  state,
  ...props
}: ComponentProps<typeof TasksView> & { state: DehydratedState }) {
  return (
    <Providers>
      <HydrationBoundary state={state}>
        <TasksView {...props} />
      </HydrationBoundary>
    </Providers>
  );
}
