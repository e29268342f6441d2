/**
 * One "dashboard instance" for the Redis test: a separate Node process with its own copy of the
 * upstream layer, sharing only REDIS_URL with its sibling. Connects, prints `ready`, waits for `go`
 * on stdin (so both instances start their bursts together, however long each took to load), then
 * fires WORKER_CALLS list calls at once in the backfill's lane and prints how they went as one JSON
 * line. Run as: node --conditions=react-server --import tsx redis-instance.fixture.ts
 */
import 'server-only';
import { once } from 'node:events';
import { DEFAULT_ACCOUNT_ID } from '../accounts/accounts';
import { runWithRequestContext } from '../request-context';
import { describeRefreshTasks } from './cdn';
import { upstreamRuntime } from './upstream-runtime';

const calls = Number(process.env.WORKER_CALLS ?? 10);
const offset = Number(process.env.WORKER_OFFSET ?? 0);
await upstreamRuntime().ready;
console.log('ready');
await once(process.stdin, 'data');

const started = Date.now();
const results = await Promise.allSettled(
  Array.from({ length: calls }, (_, index) =>
    runWithRequestContext({ requestId: `fixture-${index}`, callerKey: 'sync:backfill' }, () =>
      describeRefreshTasks(DEFAULT_ACCOUNT_ID, { pageNumber: offset + index + 1, pageSize: 3 }),
    ),
  ),
);
const failures = results.flatMap((result) =>
  result.status === 'rejected' ? [String((result.reason as { code?: string }).code ?? result.reason)] : [],
);
console.log(JSON.stringify({ ok: calls - failures.length, failures, ms: Date.now() - started }));
process.exit(0);
