/**
 * The ground truth for end-to-end comparisons: the emulator's data read through Alibaba's official
 * SDK, exactly as any other client of the CDN API would read it.
 */
import CdnModule, * as $Cdn from '@alicloud/cdn20180510';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { EMULATOR_DEFAULTS } from '../emulator/defaults';
import { E2E_EMULATOR_PORT } from '../playwright.config';

const Cdn = ((CdnModule as unknown as { default?: typeof CdnModule }).default ??
  CdnModule) as typeof CdnModule;

const client = new Cdn(
  new $OpenApiUtil.Config({
    accessKeyId: EMULATOR_DEFAULTS.accessKeyId,
    accessKeySecret: EMULATOR_DEFAULTS.accessKeySecret,
    endpoint: `127.0.0.1:${E2E_EMULATOR_PORT}`,
    protocol: 'HTTP',
  }),
);

export interface SdkTask {
  taskId: string;
  objectPath: string;
  objectType: string;
  status: string;
  description: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every task for these parameters, all pages; waits out throttling (the test shares the account's budget). */
export async function allTasksViaSdk(params: Record<string, string>): Promise<SdkTask[]> {
  const rows: SdkTask[] = [];
  for (let page = 1; ; page += 1) {
    const request = new $Cdn.DescribeRefreshTasksRequest({ ...params, pageNumber: page, pageSize: 100 });
    let body: Awaited<ReturnType<typeof client.describeRefreshTasks>>['body'] | undefined;
    for (let attempt = 0; !body; attempt += 1) {
      try {
        body = (await client.describeRefreshTasks(request)).body;
      } catch (error) {
        const code = String((error as { code?: unknown }).code ?? '');
        if (attempt > 20 || !/Throttling|TooManyRequests/.test(code)) throw error;
        await sleep(400);
      }
    }
    for (const task of body?.tasks?.CDNTask ?? []) {
      rows.push({
        taskId: task.taskId ?? '',
        objectPath: task.objectPath ?? '',
        objectType: task.objectType ?? '',
        status: task.status ?? '',
        description: task.description ?? '',
      });
    }
    if (page * 100 >= Number(body?.totalCount ?? 0)) return rows;
  }
}

/** Submits a refresh of one URL through the SDK, as the console or a script would; its task id. */
export async function refreshThroughSdk(objectPath: string): Promise<string> {
  const answer = await client.refreshObjectCaches(
    new $Cdn.RefreshObjectCachesRequest({ objectPath, objectType: 'File' }),
  );
  return answer.body?.refreshTaskId ?? '';
}
