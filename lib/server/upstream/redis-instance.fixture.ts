/**
 * One "dashboard instance" for the Redis test: a separate Node process with its own copy of the
 * upstream layer, sharing only REDIS_URL with its sibling. Fires WORKER_CALLS list calls at once and
 * prints how they went as one JSON line.
 * Run as: node --conditions=react-server --import tsx redis-instance.fixture.ts
 */
import 'server-only';
import { describeRefreshTasks } from '../cdn';

const calls = Number(process.env.WORKER_CALLS ?? 10);
const offset = Number(process.env.WORKER_OFFSET ?? 0);
const started = Date.now();
const results = await Promise.allSettled(
  Array.from({ length: calls }, (_, index) =>
    describeRefreshTasks({ pageNumber: offset + index + 1, pageSize: 3 }),
  ),
);
const failures = results.flatMap((result) =>
  result.status === 'rejected' ? [String((result.reason as { code?: string }).code ?? result.reason)] : [],
);
console.log(JSON.stringify({ ok: calls - failures.length, failures, ms: Date.now() - started }));
process.exit(0);
