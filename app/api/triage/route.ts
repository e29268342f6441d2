import type { NextRequest } from 'next/server';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonOk } from '@/lib/server/http';
import { triageFor } from '@/lib/server/tasks/reads';
import { readTaskRequest } from '@/lib/server/tasks/task-request';

/** GET /api/triage?<keys> — Origin Timeout failures grouped by domain and path prefix, from the store. */
export function GET(request: NextRequest): Promise<Response> {
  return handleApiRequest(request, 'triage', async () => {
    const task = await readTaskRequest(request);
    if (!task.ok) return task.response;
    return jsonOk(await triageFor(task.query, task.window, task.nowMs));
  });
}
