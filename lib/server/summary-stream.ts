import 'server-only';
import type { SummarySnapshot } from '@/lib/summary-types';
import { upstreamErrorAnswer } from './http';
import type { SummaryJob } from './summary-job';

/**
 * A summary read as NDJSON: the latest snapshot at once, then each new one, then the final one.
 * An upstream failure ends the stream with an `{ "error": … }` line in the API's error shape.
 */
export function summaryNdjsonStream(job: SummaryJob, abort: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let unsubscribe: () => void = () => undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (line: unknown) => {
        if (!closed) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        controller.close();
      };
      send(job.snapshot satisfies SummarySnapshot);
      if (job.snapshot.progress.done) return close();
      unsubscribe = job.subscribe((snapshot) => {
        send(snapshot);
        if (snapshot.progress.done) close();
      });
      job.done.catch((thrown: unknown) => {
        send({ error: upstreamErrorAnswer(thrown).error });
        close();
      });
      abort.addEventListener('abort', close);
    },
    cancel() {
      unsubscribe();
    },
  });
}
