/** Test doubles for the upstream *function* (never for the code under test). */
import type { DescribeRefreshTasksParams, UpstreamTaskPage } from '@/lib/server/cdn';
import { compareNewestFirst } from '@/lib/server/plan';
import { TASK_TYPES, type Task } from '@/lib/task';

/**
 * A stand-in for the upstream function (not for the planner under test): it answers
 * DescribeRefreshTasks from an in-memory list with the upstream's own filtering and paging rules.
 */
export function fakeUpstream(all: Task[]) {
  const calls: DescribeRefreshTasksParams[] = [];
  const describe = async (params: DescribeRefreshTasksParams): Promise<UpstreamTaskPage> => {
    calls.push(params);
    const rows = all
      .filter((t) => !params.objectType || t.objectType === params.objectType)
      .filter((t) => !params.status || t.status === params.status)
      .filter((t) => !params.domainName || t.domain === params.domainName)
      .sort(compareNewestFirst);
    const start = (params.pageNumber - 1) * params.pageSize;
    return {
      tasks: rows.slice(start, start + params.pageSize),
      totalCount: rows.length,
      pageNumber: params.pageNumber,
      pageSize: params.pageSize,
      requestId: 'R',
    };
  };
  return { describe, calls };
}

const statuses = ['Complete', 'Failed', 'Refreshing', 'Pending'] as const;
const reasons = ['Origin Timeout', 'Internal Error', 'OriginReturn StatusCode 5XX'] as const;
const domains = ['a.com', 'b.com', 'c.com'];

export function syntheticTasks(count: number): Task[] {
  return Array.from({ length: count }, (_, i) => {
    const status = statuses[i % 4] ?? 'Complete';
    const domain = domains[i % 3] ?? 'a.com';
    const description = status === 'Failed' ? (reasons[i % 3] ?? null) : null;
    return {
      taskId: String(1000 + i),
      objectPath: `http://${domain}/p${i % 7}/f${i}.js`,
      objectType: TASK_TYPES[i % 4] ?? 'file',
      status,
      progress: status === 'Complete' ? 100 : 50,
      // Several rows share a second, so ties must break the same way on every path.
      createdAt: new Date(Date.parse('2026-11-28T00:00:00Z') + Math.floor(i / 3) * 1000)
        .toISOString()
        .replace('.000Z', 'Z'),
      domain,
      description,
      reason:
        description === 'Origin Timeout'
          ? 'origin-timeout'
          : description === 'Internal Error'
            ? 'internal-error'
            : description
              ? 'origin-5xx'
              : null,
    } satisfies Task;
  });
}
