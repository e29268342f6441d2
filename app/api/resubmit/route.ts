import { accountRouteAccess } from '@/lib/server/accounts/account-route';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonError, jsonOk } from '@/lib/server/http';
import { failedRowsOf } from '@/lib/server/resubmit/failed-rows';
import { idempotencyStore } from '@/lib/server/resubmit/idempotency';
import { readResubmitBody } from '@/lib/server/resubmit/request-body';
import {
  previewResubmission,
  selectionFingerprint,
  submitResubmission,
} from '@/lib/server/resubmit/resubmission';

/**
 * POST /api/resubmit[?acct=<id>] — resubmit the account's failed tasks (operators only, from the dashboard's own pages).
 * `mode: "preview"` answers what would be submitted and the quota before and after; `mode: "submit"`
 * submits it once per idempotency key and answers exactly what went through. Any answer but 200
 * means nothing was submitted. docs/contract.md, "Resubmitting".
 */
export function POST(request: Request): Promise<Response> {
  return handleApiRequest(request, 'resubmit', async () => {
    const access = await accountRouteAccess(request, { role: 'operator', changesState: true });
    if (!access.ok) return access.response;
    const accountId = access.account.id;
    const parsed = await readResubmitBody(request);
    if (!parsed.ok) return 'response' in parsed ? parsed.response : invalidBody(parsed.fields);
    const { mode, selection, idempotencyKey } = parsed.body;

    const rows = await failedRowsOf(accountId, selection, Date.now());
    if (!rows.ok) return invalidBody(rows.fields);
    if (mode === 'preview') {
      return jsonOk(await previewResubmission(accountId, rows.rows, rows.selectedRows, rows.truncated));
    }
    const key = idempotencyKey ?? '';
    const outcome = await idempotencyStore().once(
      `${access.user.id}:${key}`,
      selectionFingerprint(access.user.id, accountId, selection),
      () => submitResubmission(accountId, rows.rows, key, access.user),
    );
    switch (outcome.kind) {
      case 'ran':
        return jsonOk(outcome.result);
      case 'replayed': {
        const replay = jsonOk(outcome.result);
        replay.headers.set('Idempotent-Replayed', 'true');
        return replay;
      }
      case 'mismatch':
        return jsonError(422, {
          code: 'IdempotencyKeyReused',
          message: 'This idempotency key was used for a different request; nothing was submitted.',
        });
      case 'still-running':
        return jsonError(
          409,
          {
            code: 'SubmissionInProgress',
            message: 'The same submission is still running; its result will be answered to a retry.',
          },
          { 'Retry-After': '5' },
        );
    }
  });
}

function invalidBody(fields: Record<string, string>): Response {
  return jsonError(400, {
    code: 'BadRequest',
    message: `Invalid request: ${Object.keys(fields).join(', ')}; nothing was submitted.`,
    fields,
  });
}
