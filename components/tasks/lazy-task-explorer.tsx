'use client';

import { type ComponentProps, lazy } from 'react';
import { DeferredRegion } from '../ui/deferred-region';
// The table's phone layout (rows as cards) must be in the page's first stylesheet, not arrive with
// the explorer's chunk: the server's HTML is drawn with it, and nothing reflows once the code is in.
import '../ui/phone-cards.css';
import './task-table.css';

/**
 * The explorer's code (filters, table, toolbar, the URL model, react-query's observers) comes as a
 * chunk of its own, requested as the page hydrates, which keeps the first load within its budget.
 * The server still renders it into the HTML whole (no Suspense boundary, so nothing is streamed
 * apart): the table is there at first paint, and the page hydrates once the chunk is in.
 */
const HydratedTaskExplorer = lazy(() => import('./hydrated-task-explorer'));

/** The task explorer as the page ships it: server-rendered, hydrated from its own chunk, no click lost. */
export function LazyTaskExplorer(props: ComponentProps<typeof HydratedTaskExplorer>) {
  return (
    <DeferredRegion>
      <HydratedTaskExplorer {...props} />
    </DeferredRegion>
  );
}
