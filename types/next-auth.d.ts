/** What our sessions carry beyond next-auth's defaults: the user's role and a stable subject. */
import type { DefaultSession } from 'next-auth';
import type { Role } from '@/lib/roles';

declare module 'next-auth' {
  interface User {
    role?: Role;
    /** The account ids the user may see; absent: every account. */
    accounts?: string[];
    /** A local account's entry at sign-in (lib/server/auth/local-accounts.ts, sessionStamp). */
    entry?: string;
  }
  interface Session {
    user: { id: string; role: Role; accounts?: string[] } & DefaultSession['user'];
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: Role;
    provider?: string;
    accounts?: string[];
    /** This session's id, made at sign-in; what signing out revokes. */
    sid?: string;
    /** When the user signed in (ms since the epoch): sessions end 12 h later, however used. */
    signedInAt?: number;
    /** A local account's entry at sign-in: the session ends when the file's entry is another. */
    entry?: string;
  }
}
