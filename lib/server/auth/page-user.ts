import 'server-only';
import { redirect } from 'next/navigation';
import { signInUrlFor } from '@/lib/auth-paths';
import { currentUser, type SessionUser } from './session';

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The signed-in user of a page, or off to the sign-in page and back to `path` (with its query). Every
 * server component that reads data calls it itself, before reading: a client navigation renders the
 * page's segment without its layout, so the layout's check alone does not guard the data.
 */
export async function requirePageUser(path: string, searchParams: SearchParams = {}): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(signInUrlFor(`${path}${queryOf(searchParams)}`));
  return user;
}

function queryOf(searchParams: SearchParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      query.append(key, item);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}
