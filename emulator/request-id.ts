/**
 * Request ids shaped like Alibaba's (upper-case UUID, e.g. 16A96B9A-F203-4EC5-8E43-CB92E68F4CD8).
 * These identify calls, not data, so they need no seed.
 */
import { randomUUID } from 'node:crypto';

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}
