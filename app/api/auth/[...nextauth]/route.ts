import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/server/auth/options';
import { authRequestContext } from '@/lib/server/auth/request-context';

/** next-auth's own routes (sign-in, callbacks, sign-out, session, CSRF): public by nature. */
type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, context, authOptions(authRequestContext(request.headers)));
}

export { handler as GET, handler as POST };
