'use client';

import { type DehydratedState, HydrationBoundary } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { TasksView } from './tasks-view';

/** The explorer with the rows the server read: react-query's hydration comes in the explorer's chunk. */
export default function HydratedTasksView({
  state,
  ...props
}: ComponentProps<typeof TasksView> & { state: DehydratedState }) {
  return (
    <HydrationBoundary state={state}>
      <TasksView {...props} />
    </HydrationBoundary>
  );
}
