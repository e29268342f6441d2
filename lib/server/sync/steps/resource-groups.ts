/**
 * Resource-group probes (docs/sync.md, "Resource groups"): which domains belong to a group someone
 * filtered by. For each domain the store knows, one smallest call for one of its paths within
 * retention, filtered by the group (ObjectPath needs no ObjectType), on the probes' own pacer and
 * their own lane of the upstream's fair queue, so the head poll never waits behind a probe.
 */
import 'server-only';
import { expireUnmatchedGroups, resourceGroupsDue, saveResourceGroup } from '../../store/resource-groups';
import { samplePathPerDomain } from '../../store/sync-reads';
import { UpstreamError } from '../../upstream/upstream-error';
import { oldestReadable, upstreamTime } from '../upstream-window';
import { countCall } from './read-and-store';
import { type SyncContext, SyncStopped } from './sync-context';

/** Forgets groups that matched nothing, then probes the group most due, if any. */
export async function probeDueResourceGroup(ctx: SyncContext): Promise<void> {
  const now = ctx.now();
  await expireUnmatchedGroups(ctx.store.db, ctx.accountId, now);
  const [groupId] = await resourceGroupsDue(ctx.store.db, ctx.accountId, now);
  if (groupId !== undefined) await probeResourceGroup(ctx, groupId, now);
}

async function probeResourceGroup(ctx: SyncContext, groupId: string, now: number): Promise<void> {
  const edge = oldestReadable(now);
  const samples = await samplePathPerDomain(ctx.store.db, ctx.accountId, edge);
  const pacer = ctx.pacers.groups;
  const membership = new Map<string, boolean>();
  for (const sample of samples) {
    if (ctx.stopped()) throw new SyncStopped();
    await pacer.turn();
    countCall(ctx, 'groups');
    const answer = await ctx.upstream
      .describeTasks('groups', {
        startTime: upstreamTime(Math.max(edge, oldestReadable(ctx.now()))),
        endTime: upstreamTime(now),
        objectPath: sample.path,
        resourceGroupId: groupId,
        pageNumber: 1,
        pageSize: 1,
      })
      .catch((error: unknown) => {
        if (error instanceof UpstreamError && error.kind === 'throttled') pacer.throttled();
        throw error;
      });
    pacer.succeeded();
    membership.set(sample.domain, answer.totalCount > 0);
  }
  await saveResourceGroup(ctx.store.db, ctx.accountId, groupId, membership, now);
  // Pages filtering by this group re-read now that it is known.
  ctx.changes.noted();
}
