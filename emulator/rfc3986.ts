/**
 * RFC 3986 percent-encoding as Alibaba Cloud signs it: unreserved characters (A-Z a-z 0-9 - _ . ~)
 * stay, everything else becomes %XX of its UTF-8 bytes (so space → %20, * → %2A, never +).
 * encodeURIComponent leaves ! ' ( ) * alone, hence the extra replacements.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Decodes one application/x-www-form-urlencoded component ('+' is a space there). Clients put raw
 * characters on the wire, so the verifier decodes first and re-encodes canonically.
 */
function formDecode(component: string): string {
  const spaced = component.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A stray '%' is not valid percent-encoding; keep the text as sent rather than refusing the call.
    return spaced;
  }
}

/** Parses `a=1&b=2` into ordered pairs, decoding names and values. Repeated names keep every value. */
export function parseFormPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (text === '') return pairs;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([formDecode(name), formDecode(value)]);
  }
  return pairs;
}
