import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TriageView } from '@/components/triage/triage-view';

export const metadata: Metadata = { title: 'Origin Timeout triage' };

/** /triage — shareable like every view: its time range lives in the URL (`from`, `to`, `tz`). */
export default function TriagePage() {
  return (
    <Suspense>
      <TriageView />
    </Suspense>
  );
}
