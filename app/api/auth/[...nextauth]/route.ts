import { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authRequestContext } from '@/lib/server/auth/auth-request-context';
import { authOptions } from '@/lib/server/auth/options';
import { BODY_LIMITS, readBodyText } from '@/lib/server/request-body';

/** next-auth's own routes (sign-in, callbacks, sign-out, session, CSRF): public by nature. */
type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, context, authOptions(authRequestContext(request.headers)));
}

/**
 * Its forms (sign-in, sign-out) are read here, at most BODY_LIMITS.auth bytes, and handed on as a
 * request with that body: next-auth itself would read whatever came.
 */
async function post(request: NextRequest, context: Context): Promise<Response> {
  const body = await readBodyText(request, BODY_LIMITS.auth);
  if (!body.ok) return body.response;
  const headers = new Headers(request.headers);
  // The body is now what was read; its length is the new request's own.
  headers.delete('content-length');
  const bounded = new NextRequest(request.url, { method: 'POST', headers, body: body.text });
  return handler(bounded, context);
}

export { handler as GET, post as POST };
