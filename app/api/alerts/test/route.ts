import { z } from 'zod';
import { accountRouteAccess } from '@/lib/server/accounts/account-route';
import { CHANNEL_KINDS } from '@/lib/server/alerts/rules';
import { alertSettings } from '@/lib/server/alerts/settings';
import { sendTestMessage } from '@/lib/server/alerts/test-message';
import { handleApiRequest } from '@/lib/server/api-request';
import { jsonError, jsonOk } from '@/lib/server/http';
import { BODY_LIMITS, readBodyText } from '@/lib/server/request-body';

const bodySchema = z.strictObject({ channel: z.enum(CHANNEL_KINDS) });

/**
 * POST /api/alerts/test `{ "channel": "webhook" | "slack" | "dingtalk" | "feishu" }` — operators
 * send a test message to one configured channel. Answers `{ channel, delivered: true, attempts }`,
 * or 502 with the cause (a status or error code, never the channel's URL).
 */
export function POST(request: Request): Promise<Response> {
  return handleApiRequest(request, 'alerts-test', async () => {
    // The channels are the dashboard's, not an account's; still, a user who may see no account (or
    // asks for one they may not see) sends nothing.
    const access = await accountRouteAccess(request, { role: 'operator', changesState: true });
    if (!access.ok) return access.response;
    const text = await readBodyText(request, BODY_LIMITS.alertsTest);
    if (!text.ok) return text.response;
    let body: unknown;
    try {
      body = JSON.parse(text.text);
    } catch {
      return jsonError(400, {
        code: 'BadRequest',
        message: 'The body must be JSON.',
        fields: { body: 'is not JSON' },
      });
    }
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success) {
      const fields = Object.fromEntries(
        parsed.error.issues.map((issue) => [issue.path.join('.') || 'body', issue.message]),
      );
      return jsonError(400, {
        code: 'BadRequest',
        message: `Invalid body: ${Object.keys(fields).join(', ')}`,
        fields,
      });
    }
    const settings = alertSettings();
    const channel = settings.channels.find((candidate) => candidate.kind === parsed.data.channel);
    if (!channel)
      return jsonError(404, {
        code: 'NotFound',
        message: `The ${parsed.data.channel} channel is not configured.`,
      });
    const outcome = await sendTestMessage(channel, settings, access.user.name);
    if (!outcome.ok)
      return jsonError(502, {
        code: 'AlertDeliveryFailed',
        message: `The ${channel.kind} channel did not take the test message (${outcome.error}, ${outcome.attempts} attempts).`,
      });
    return jsonOk({ channel: channel.kind, delivered: true, attempts: outcome.attempts });
  });
}
