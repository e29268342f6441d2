import 'server-only';
import { type Role, roleAtLeast } from '@/lib/roles';
import { jsonError } from '../http';
import { currentUser, type SessionUser } from './session';

type RoleCheck = { ok: true; user: SessionUser } | { ok: false; response: Response };

/**
 * The server-side gate for a route handler: 401 without a session, 403 when the user's role is below
 * `minimum`. Use it at the top of every handler:
 *
 *   const access = await requireRole('operator');
 *   if (!access.ok) return access.response;
 */
export async function requireRole(minimum: Role): Promise<RoleCheck> {
  const user = await currentUser();
  if (!user) {
    return {
      ok: false,
      response: jsonError(401, { code: 'Unauthorized', message: 'Sign in to use the API.' }),
    };
  }
  if (!roleAtLeast(user.role, minimum)) {
    return {
      ok: false,
      response: jsonError(403, {
        code: 'Forbidden',
        message: `This needs the ${minimum} role; you are signed in as a ${user.role}.`,
      }),
    };
  }
  return { ok: true, user };
}
