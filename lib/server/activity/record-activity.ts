import 'server-only';
import type { SessionUser } from '../auth/session';
import { logger } from '../logger';
import { store } from '../store/database';
import { historyStart } from '../store/history';
import { insertActivity, type NewActivity, pruneActivity } from './activity-store';

/**
 * Records a submission for /activity, and drops entries past HISTORY_DAYS on the way. A failure to
 * record is logged, never thrown: the submission has already happened, and its answer must still
 * reach the caller (the audit line stays the record of last resort).
 */
export async function recordActivity(
  user: SessionUser,
  entry: Omit<NewActivity, 'actor' | 'actorKind' | 'subject' | 'at'>,
): Promise<void> {
  const now = Date.now();
  try {
    const { db } = await store();
    await insertActivity(db, {
      ...entry,
      at: new Date(now),
      actor: user.name,
      actorKind: user.id.startsWith('token:') ? 'token' : 'user',
      subject: user.id,
    });
    await pruneActivity(db, new Date(historyStart(now)));
  } catch (error) {
    logger().warn(
      { err: error instanceof Error ? error.name : typeof error },
      'could not record a submission for /activity',
    );
  }
}
