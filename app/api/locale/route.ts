import { NextResponse } from 'next/server';
import { z } from 'zod';
import { safeReturnPath } from '@/lib/auth-paths';
import { LOCALE_COOKIE, LOCALES } from '@/lib/i18n/locales';
import { handleApiRequest } from '@/lib/server/api-request';
import { crossOriginRefusal } from '@/lib/server/auth/cross-site';
import { servedOverHttps } from '@/lib/server/auth/request-security';
import { jsonError } from '@/lib/server/http';
import { BODY_LIMITS, readBodyText } from '@/lib/server/request-body';

/** A year: the language is a lasting preference, chosen once. */
const COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

const formSchema = z.strictObject({
  locale: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` }),
  returnTo: z.string({ error: 'must be a path on this site' }).optional(),
});

/**
 * POST /api/locale (form fields `locale` = en|zh and `returnTo`, a path of this site) — the language
 * switch: remembers the language in the `locale` cookie and answers 303 back to the page, whose
 * address stays as it was (docs/i18n.md). Public, since the sign-in page offers it too; a plain HTML
 * form posts it, so it needs no JavaScript, no session and no CSRF token, only the dashboard's own
 * Origin: a page of another site cannot change the reader's language.
 */
export function POST(request: Request): Promise<Response> {
  return handleApiRequest(request, 'locale', async () => {
    const refused = crossOriginRefusal(request);
    if (refused) return refused;
    const form = await readForm(request);
    if (!form.ok) return 'response' in form ? form.response : invalid(form.fields);
    const parsed = formSchema.safeParse(form.values);
    if (!parsed.success) {
      // A Map, then an object of own properties: a field named `__proto__` is only a name here.
      const fields = new Map<string, string>();
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) if (!fields.has(key)) fields.set(key, 'is not a field of this form');
        } else {
          const key = issue.path.join('.') || 'body';
          if (!fields.has(key)) fields.set(key, issue.message);
        }
      }
      return invalid(Object.fromEntries(fields));
    }
    const { locale, returnTo = '/' } = parsed.data;
    const back = safeReturnPath(returnTo);
    if (back === null) return invalid({ returnTo: 'must be a path on this site' });

    const response = new NextResponse(null, {
      status: 303,
      headers: { location: back, 'cache-control': 'no-store' },
    });
    response.cookies.set(LOCALE_COOKIE, locale, {
      path: '/',
      maxAge: COOKIE_MAX_AGE_SECONDS,
      sameSite: 'lax',
      httpOnly: true,
      // Like the session cookie: Secure whenever the browser reached the dashboard over HTTPS.
      secure: servedOverHttps(request.headers),
    });
    return response;
  });
}

type ReadForm =
  | { ok: true; values: Record<string, string> }
  | { ok: false; fields: Record<string, string> }
  | { ok: false; response: Response };

/** The urlencoded body an HTML form sends (its default encoding); each field once. */
async function readForm(request: Request): Promise<ReadForm> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type))
    return { ok: false, fields: { 'content-type': 'must be application/x-www-form-urlencoded' } };
  // Two short fields; anything much longer is not the switch's form.
  const body = await readBodyText(request, BODY_LIMITS.locale);
  if (!body.ok) return body;
  const values = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(body.text)) {
    if (values.has(key)) return { ok: false, fields: Object.fromEntries([[key, 'is given more than once']]) };
    values.set(key, value);
  }
  return { ok: true, values: Object.fromEntries(values) };
}

function invalid(fields: Record<string, string>): Response {
  return jsonError(400, {
    code: 'BadRequest',
    message: `Invalid form: ${Object.keys(fields).join(', ')}; the language was not changed.`,
    fields,
  });
}
