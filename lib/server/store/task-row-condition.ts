import 'server-only';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type DataFilters, taskIdsOf } from '@/lib/filters';
import type { ResolvedWindow } from '@/lib/time-range';
import type { Database } from './schema';

/**
 * Every data key of the URL contract as one SQL condition over the account's rows: the whole filter
 * model is answered by the database, exactly, with no post-filtering in JavaScript.
 */
export type TaskRowCriteria = Pick<
  DataFilters,
  'status' | 'type' | 'domain' | 'reason' | 'path' | 'q' | 'task' | 'rg'
>;

export function taskRowCondition(accountId: string, criteria: TaskRowCriteria, window: ResolvedWindow) {
  return (eb: ExpressionBuilder<Database, 'tasks'>): Expression<SqlBool> => {
    const conditions: Array<Expression<SqlBool>> = [
      eb('tasks.account_id', '=', accountId),
      eb('tasks.created_at', '>=', new Date(window.startMs)),
      // Inclusive, like the upstream's EndTime: a task created in the window's last second counts.
      eb('tasks.created_at', '<=', new Date(window.endMs)),
    ];
    if (criteria.status.length > 0) conditions.push(eb('tasks.status', 'in', criteria.status));
    if (criteria.type.length > 0) conditions.push(eb('tasks.object_type', 'in', criteria.type));
    if (criteria.domain.length > 0) conditions.push(eb('tasks.domain', 'in', criteria.domain));
    if (criteria.reason.length > 0) conditions.push(eb('tasks.reason', 'in', criteria.reason));
    if (criteria.path) conditions.push(eb('tasks.object_path', '=', criteria.path));
    if (criteria.task) conditions.push(eb('tasks.task_id', 'in', taskIdsOf(criteria.task)));
    if (criteria.q) {
      // lower(object_path) is what the trigram index holds; LIKE's own wildcards in q are literal.
      conditions.push(
        sql<SqlBool>`lower(tasks.object_path) LIKE ${`%${escapeLike(criteria.q.toLowerCase())}%`}`,
      );
    }
    if (criteria.rg) {
      conditions.push(
        eb(
          'tasks.domain',
          'in',
          eb
            .selectFrom('resource_group_domains')
            .select('resource_group_domains.domain')
            .where('resource_group_domains.account_id', '=', accountId)
            .where('resource_group_domains.resource_group_id', '=', criteria.rg)
            .where('resource_group_domains.member', '=', true),
        ),
      );
    }
    return eb.and(conditions);
  };
}

/** `%`, `_` and the escape character itself, made literal for LIKE (default escape: backslash). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
