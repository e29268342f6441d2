import 'server-only';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AlertDeliveriesTable, AlertsTable, Database } from '../store/schema';
import type { GroupCount } from './group-counts';
import type { AlertRule, ChannelKind } from './rules';

/**
 * Alert rows and the messages owed for them. A transition (fired, resolved) and its messages are
 * written in one transaction, before anything is sent: the messages are then sent from the store,
 * so a restart finds what is still owed and never what was already sent.
 */
export type AlertRow = Selectable<AlertsTable>;
type DeliveryRow = Selectable<AlertDeliveriesTable>;

export async function openAlerts(db: Kysely<Database>, accountId: string, rule: string): Promise<AlertRow[]> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('rule', '=', rule)
    .where('state', '=', 'firing')
    .execute();
}

/** When the rule last fired on the group (the end of the window that fired), or null. */
export async function lastFiredAt(
  db: Kysely<Database>,
  accountId: string,
  rule: string,
  groupKey: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.max('window_end').as('last'))
    .where('account_id', '=', accountId)
    .where('rule', '=', rule)
    .where('group_key', '=', groupKey)
    .executeTakeFirst();
  return row?.last ? new Date(row.last).getTime() : null;
}

async function oweMessages(
  trx: Transaction<Database>,
  alertId: number,
  event: 'firing' | 'resolved',
  channels: readonly ChannelKind[],
  nowMs: number,
): Promise<void> {
  if (channels.length === 0) return;
  await trx
    .insertInto('alert_deliveries')
    .values(
      channels.map((channel) => ({
        alert_id: alertId,
        event,
        channel,
        status: 'pending' as const,
        last_error: null,
        created_at: new Date(nowMs),
        updated_at: new Date(nowMs),
      })),
    )
    .onConflict((conflict) => conflict.columns(['alert_id', 'event', 'channel']).doNothing())
    .execute();
}

/** A new firing alert and its messages; false when the group already has an open one. */
export async function fireAlert(
  db: Kysely<Database>,
  accountId: string,
  rule: AlertRule,
  group: GroupCount,
  windowEnd: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('alerts')
      .values({
        account_id: accountId,
        rule: rule.name,
        reason: rule.reason,
        group_key: group.key,
        domain: group.domain,
        prefix: group.prefix,
        state: 'firing',
        window_start: new Date(windowEnd - rule.windowMs),
        window_end: new Date(windowEnd),
        count: group.count,
        baseline: group.baseline,
        peak_count: group.count,
        last_count: group.count,
        below_since: null,
        resolved_at: null,
      })
      .onConflict((conflict) =>
        conflict.columns(['account_id', 'rule', 'group_key']).where('state', '=', 'firing').doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    await oweMessages(trx, inserted.id, 'firing', rule.channels, Date.now());
    return true;
  });
}

/** The latest count of an open alert; `belowSince` null while the group is at or above the threshold. */
export async function noteOpenAlert(
  db: Kysely<Database>,
  alert: AlertRow,
  count: number,
  belowSince: number | null,
): Promise<void> {
  await db
    .updateTable('alerts')
    .set({
      last_count: count,
      peak_count: Math.max(alert.peak_count, count),
      below_since: belowSince === null ? null : new Date(belowSince),
    })
    .where('id', '=', alert.id)
    .execute();
}

export async function resolveAlert(
  db: Kysely<Database>,
  alert: AlertRow,
  count: number,
  resolvedAt: number,
  channels: readonly ChannelKind[],
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('alerts')
      .set({ state: 'resolved', resolved_at: new Date(resolvedAt), last_count: count })
      .where('id', '=', alert.id)
      .where('state', '=', 'firing')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await oweMessages(trx, alert.id, 'resolved', channels, Date.now());
    return true;
  });
}

export interface PendingDelivery {
  delivery: DeliveryRow;
  alert: AlertRow;
}

export async function pendingDeliveries(db: Kysely<Database>, accountId: string): Promise<PendingDelivery[]> {
  const deliveries = await db
    .selectFrom('alert_deliveries')
    .innerJoin('alerts', 'alerts.id', 'alert_deliveries.alert_id')
    .selectAll('alert_deliveries')
    .where('alerts.account_id', '=', accountId)
    .where('alert_deliveries.status', '=', 'pending')
    .orderBy('alert_deliveries.created_at')
    .execute();
  if (deliveries.length === 0) return [];
  const alerts = await db
    .selectFrom('alerts')
    .selectAll()
    .where(
      'id',
      'in',
      deliveries.map((row) => row.alert_id),
    )
    .execute();
  const byId = new Map(alerts.map((alert) => [alert.id, alert]));
  return deliveries.flatMap((delivery) => {
    const alert = byId.get(delivery.alert_id);
    return alert ? [{ delivery, alert }] : [];
  });
}

export async function recordDelivery(
  db: Kysely<Database>,
  delivery: Pick<DeliveryRow, 'alert_id' | 'event' | 'channel'>,
  outcome: { status: 'sent' | 'failed'; attempts: number; error: string | null },
): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set((eb) => ({
      status: outcome.status,
      attempts: eb('attempts', '+', outcome.attempts),
      last_error: outcome.error,
      updated_at: new Date(),
    }))
    .where('alert_id', '=', delivery.alert_id)
    .where('event', '=', delivery.event)
    .where('channel', '=', delivery.channel)
    .execute();
}

interface AlertWithDeliveries extends AlertRow {
  deliveries: DeliveryRow[];
}

/** The newest alerts (open ones first) with their messages, for the /alerts page. */
export async function recentAlerts(
  db: Kysely<Database>,
  accountId: string,
  limit = 100,
): Promise<AlertWithDeliveries[]> {
  const alerts = await db
    .selectFrom('alerts')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('window_end', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (alerts.length === 0) return [];
  const deliveries = await db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where(
      'alert_id',
      'in',
      alerts.map((alert) => alert.id),
    )
    .orderBy('created_at')
    .execute();
  return alerts.map((alert) => ({
    ...alert,
    deliveries: deliveries.filter((delivery) => delivery.alert_id === alert.id),
  }));
}
