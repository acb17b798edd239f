/**
 * IDs of the modules of "Aprende a Emprender" and of their rows (B01).
 *
 * A module's ID travels: later it names the module's calendar events, its registration link and
 * its withdrawal links (B02, B05). So it cannot be guessed: 'M-' and 12 base32hex digits of an
 * HMAC (the spreadsheet's secret) of the key of the request that created it (no year or quarter
 * in it, since an edit may change them). The same request
 * retried (a double click, an answer lost on the way) gets the same ID and finds its module instead
 * of making a second one. A session's ID is its module's and its number; the module's line in
 * 'Programación anual' is its module's with a 'PA-' prefix.
 */
import { hmacSha256, toBase32Hex } from '../ids';

export function moduleId(secret: string, requestKey: string): string {
  if (!secret || !requestKey) throw new Error('secret and requestKey must be non-empty');
  const mac = toBase32Hex(hmacSha256(secret, `modulo\u0000${requestKey}`)).slice(0, 12).toUpperCase();
  return `M-${mac}`;
}

export function sessionId(moduleIdValue: string, number: number): string {
  return `${moduleIdValue}-S${number}`;
}

export function yearPlanId(moduleIdValue: string): string {
  return `PA-${moduleIdValue}`;
}

/** What a request key may be (the form's random key); anything else is ignored. */
export function isRequestKey(raw: unknown): raw is string {
  return typeof raw === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(raw);
}
