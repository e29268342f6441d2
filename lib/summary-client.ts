/**
 * Reads the streamed summary (NDJSON): each line is a snapshot, the last one final. Lets the charts
 * draw what has been read so far instead of waiting a minute for a cold 3-day window.
 */
import { ApiError } from './api-client';
import type { ApiErrorBody } from './api-types';
import type { SummarySnapshot } from './summary-types';

export async function readSummaryStream(
  url: string,
  onSnapshot: (snapshot: SummarySnapshot) => void,
  signal?: AbortSignal,
): Promise<SummarySnapshot> {
  const response = await fetch(url, { signal, headers: { Accept: 'application/x-ndjson' } });
  if (!response.ok || !response.body) {
    let error: ApiErrorBody['error'] = {
      code: `Http${response.status}`,
      message: response.statusText || 'Request failed',
    };
    try {
      const body = (await response.json()) as Partial<ApiErrorBody>;
      if (body.error) error = body.error;
    } catch {
      // Not our JSON: keep the status-based message.
    }
    throw new ApiError(response.status, error);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let last: SummarySnapshot | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const parsed = JSON.parse(line) as SummarySnapshot | ApiErrorBody;
      if ('error' in parsed) throw new ApiError(502, parsed.error);
      last = parsed;
      onSnapshot(parsed);
    }
    if (done) break;
  }
  if (!last)
    throw new ApiError(502, { code: 'EmptySummary', message: 'The summary stream ended without data.' });
  return last;
}
