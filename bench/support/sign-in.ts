/** A session for benchmarks: signs in the way next-auth's own browser client does. */

/** Signs in through next-auth's credentials endpoints, as the sign-in page does. */
export async function signIn(url: string, username = 'demo', password = 'demo'): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const csrfCookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ username, password, csrfToken, json: 'true' }),
  });
  const cookies = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]);
  const session = cookies.find((c) => c?.includes('session-token'));
  if (!session) throw new Error(`sign-in failed (HTTP ${response.status})`);
  return [csrfCookie, session].filter(Boolean).join('; ');
}
