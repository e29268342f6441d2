/**
 * The ONE module that talks to the CDN OpenAPI. It signs through Alibaba's official SDK (V3,
 * ACS3-HMAC-SHA256) with the standard credential chain, and reshapes the vendor's fields into the
 * app's `Task`. Nothing else in the app knows the vendor's field names. Every call goes through
 * `callUpstream` (upstream/): the account's shared rate budget, fair queueing, retries, timeouts and
 * the circuit breaker; callers just await the answer, which is always the upstream's own.
 */
import 'server-only';
import CdnModule, * as $Cdn from '@alicloud/cdn20180510';
import type { RefreshQuota } from '@/lib/resubmit-types';
import { domainOfObjectPath, normaliseReason, parseProgress, type Task, toIsoUtc } from '@/lib/task';
import { accountById } from '../accounts/accounts';
import { callUpstream } from './call-upstream';
import { interopDefault } from './interop';
import { runtimeOptions, sdkClientConfig } from './sdk-client-config';

const Cdn = interopDefault(CdnModule);

/** Parameters of one DescribeRefreshTasks call, already validated and in the upstream's terms. */
export interface DescribeRefreshTasksParams {
  taskId?: string;
  objectPath?: string;
  domainName?: string;
  objectType?: string;
  status?: string;
  /** `yyyy-MM-ddTHH:mm:ssZ` */
  startTime?: string;
  endTime?: string;
  pageNumber: number;
  pageSize: number;
  resourceGroupId?: string;
}

export interface UpstreamTaskPage {
  tasks: Task[];
  totalCount: number;
  pageNumber: number;
  pageSize: number;
  requestId: string | null;
}

const clients = new Map<string, InstanceType<typeof Cdn>>();

/** The account's SDK client, made on first use; an unknown account is a programming error. */
function cdnClient(accountId: string): InstanceType<typeof Cdn> {
  const existing = clients.get(accountId);
  if (existing) return existing;
  const account = accountById(accountId);
  if (!account) throw new Error(`no configured account ${JSON.stringify(accountId)}`);
  const client = new Cdn(sdkClientConfig(account.credentials, account.endpoint));
  clients.set(accountId, client);
  return client;
}

/** One page of DescribeRefreshTasks, as the upstream has it now. */
export function describeRefreshTasks(
  accountId: string,
  params: DescribeRefreshTasksParams,
): Promise<UpstreamTaskPage> {
  return callUpstream({
    accountId,
    action: 'DescribeRefreshTasks',
    send: () => sendDescribeRefreshTasks(accountId, params),
  });
}

async function sendDescribeRefreshTasks(
  accountId: string,
  params: DescribeRefreshTasksParams,
): Promise<UpstreamTaskPage> {
  const request = new $Cdn.DescribeRefreshTasksRequest({ ...params });
  const response = await cdnClient(accountId).describeRefreshTasksWithOptions(request, runtimeOptions());
  const body = response.body;
  return {
    tasks: (body?.tasks?.CDNTask ?? []).map(reshapeTask),
    totalCount: Number(body?.totalCount ?? 0),
    pageNumber: Number(body?.pageNumber ?? params.pageNumber),
    pageSize: Number(body?.pageSize ?? params.pageSize),
    requestId: body?.requestId ?? null,
  };
}

/** The vendor's task fields, as the SDK hands them over (camelCase, everything optional). */
interface VendorTask {
  taskId?: string;
  objectPath?: string;
  objectType?: string;
  status?: string;
  process?: string;
  creationTime?: string;
  description?: string;
}

/** The 2018 API said `path` for what is now `directory`; one name keeps filters and badges simple. */
function normaliseObjectType(objectType: string | undefined): string {
  const lower = (objectType ?? '').toLowerCase();
  return lower === 'path' ? 'directory' : lower;
}

export function reshapeTask(vendor: VendorTask): Task {
  const objectPath = vendor.objectPath ?? '';
  const description = vendor.description?.trim() ? vendor.description : null;
  return {
    taskId: String(vendor.taskId ?? ''),
    objectPath,
    objectType: normaliseObjectType(vendor.objectType),
    status: vendor.status ?? 'Unknown',
    progress: parseProgress(vendor.process),
    createdAt: toIsoUtc(vendor.creationTime),
    domain: domainOfObjectPath(objectPath),
    description,
    reason: normaliseReason(description),
  };
}

/** DescribeRefreshTaskById takes at most this many comma-separated ids per call. */
export const MAX_IDS_PER_BY_ID_CALL = 10;

/** Current state of up to ten tasks: the cheap way to follow in-flight rows (30 calls/s budget). */
export async function describeRefreshTaskById(accountId: string, taskIds: string[]): Promise<Task[]> {
  if (taskIds.length === 0) return [];
  if (taskIds.length > MAX_IDS_PER_BY_ID_CALL) {
    throw new RangeError(`at most ${MAX_IDS_PER_BY_ID_CALL} task ids per call`);
  }
  const taskId = taskIds.join(',');
  return callUpstream({
    accountId,
    action: 'DescribeRefreshTaskById',
    send: async () => {
      const request = new $Cdn.DescribeRefreshTaskByIdRequest({ taskId });
      const response = await cdnClient(accountId).describeRefreshTaskByIdWithOptions(
        request,
        runtimeOptions(),
      );
      return (response.body?.tasks ?? []).map(reshapeTask);
    },
  });
}

/** RefreshObjectCaches's ObjectType: capitalised, unlike the task type the list calls answer. */
export type RefreshObjectType = 'File' | 'Directory' | 'Regex';

/** What a submit call created: the upstream's task ids (one per domain of a URL batch, say). */
export interface Submission {
  taskIds: string[];
  requestId: string | null;
}

/** The ids a submit call answers, comma-separated when several. */
function taskIdsOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}

/**
 * Purges up to 1,000 URLs, 100 directories or one regex (docs/upstream-api.md, "Submitting"). Never
 * retried after a timeout or a 5xx: the upstream may have created the tasks, and a second call would
 * create them twice and spend the quota twice.
 */
export function refreshObjectCaches(
  accountId: string,
  objectType: RefreshObjectType,
  objectPaths: string[],
): Promise<Submission> {
  return callUpstream({
    accountId,
    action: 'RefreshObjectCaches',
    retry: 'throttled-only',
    send: async () => {
      const request = new $Cdn.RefreshObjectCachesRequest({ objectType, objectPath: objectPaths.join('\n') });
      const response = await cdnClient(accountId).refreshObjectCachesWithOptions(request, runtimeOptions());
      return {
        taskIds: taskIdsOf(response.body?.refreshTaskId),
        requestId: response.body?.requestId ?? null,
      };
    },
  });
}

/** Prefetches up to 100 URLs onto the edge; retried like refreshObjectCaches, only when throttled. */
export function pushObjectCache(accountId: string, objectPaths: string[]): Promise<Submission> {
  return callUpstream({
    accountId,
    action: 'PushObjectCache',
    retry: 'throttled-only',
    send: async () => {
      const request = new $Cdn.PushObjectCacheRequest({ objectPath: objectPaths.join('\n') });
      const response = await cdnClient(accountId).pushObjectCacheWithOptions(request, runtimeOptions());
      return { taskIds: taskIdsOf(response.body?.pushTaskId), requestId: response.body?.requestId ?? null };
    },
  });
}

/**
 * Today's quotas and what remains of them. A prefetch to the edge (the default) spends both the
 * Preload and the PreloadEdge quota, so what remains for it is the smaller of the two.
 */
export function describeRefreshQuota(accountId: string): Promise<RefreshQuota> {
  return callUpstream({
    accountId,
    action: 'DescribeRefreshQuota',
    send: async () => {
      const request = new $Cdn.DescribeRefreshQuotaRequest({});
      const response = await cdnClient(accountId).describeRefreshQuotaWithOptions(request, runtimeOptions());
      const body: Partial<$Cdn.DescribeRefreshQuotaResponseBody> = response.body ?? {};
      const count = (text: string | undefined) => {
        const value = Number(text);
        return Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
      };
      return {
        url: { total: count(body.urlQuota), remaining: count(body.urlRemain) },
        directory: { total: count(body.dirQuota), remaining: count(body.dirRemain) },
        regex: { total: count(body.regexQuota), remaining: count(body.regexRemain) },
        prefetch: {
          total: Math.min(count(body.preloadQuota), count(body.preloadEdgeQuota)),
          remaining: Math.min(count(body.preloadRemain), count(body.preloadEdgeRemain)),
        },
      };
    },
  });
}
