import 'server-only';
import { timingSafeEqual } from 'node:crypto';

/**
 * Who may read /api/metrics: whoever presents `Authorization: Bearer <METRICS_TOKEN>`. Without a
 * configured token nobody may, and the route pretends not to exist (404) either way, so scanners
 * learn nothing.
 */
export function metricsAccessAllowed(
  authorization: string | null,
  token = process.env.METRICS_TOKEN,
): boolean {
  if (!token || !authorization) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
