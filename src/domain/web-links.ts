/**
 * Signed links of the web app (docs/web-app.md): what a citizen's withdrawal link, an
 * unsubscribe link, and later a certificate's verification or the Sub Director's approval carry.
 *
 * A token binds an ACTION to a SUBJECT (an opaque ID such as a registration's or an invitation's,
 * never a name, document or email) with an expiry, and is signed with the spreadsheet's secret
 * (HMAC-SHA-256, app/signing.ts), so nobody without the secret can make or alter one. It is
 * base64url text: `<payload>.<signature>`; the payload is `v1|action|subject|expiry` (expiry in
 * whole minutes since the epoch). Single use is kept by the caller: `linkId` is a short,
 * stable digest of the token that the web app records once used (tab 'Enlaces usados').
 *
 * Pure: no clock (the caller passes `now`), no services.
 */
import { constantTimeEqual, hmacSha256, sha256, toBase32Hex, utf8Encode } from './ids';

/** What a link can do. Each action names what its subject is. */
export const LINK_ACTIONS = {
  /** Subject: a registration's ID ('Inscripciones'). */
  withdraw: 'retiro',
  /** Subject: an invitation's ID ('Invitaciones'); the address is read from the row. */
  unsubscribe: 'baja',
  /**
   * Subject: a certificate's code ('Certificados'). Read-only and never spent: its handler only
   * describes (no confirm button), so the router never records it as used; minted with a far expiry.
   */
  verify: 'verificar',
  /**
   * Subject: `<requestId>.<round>` ('Solicitudes externas', C01): the Sub Director's approve and
   * reject buttons. Single use; the round ties the link to the proposal it was sent with, so a link
   * of an earlier proposal does nothing. Reject asks for a reason (a text field on its page).
   */
  approve: 'aprobar',
  reject: 'rechazar',
} as const;
export type LinkAction = (typeof LINK_ACTIONS)[keyof typeof LINK_ACTIONS];

const ACTIONS: readonly string[] = Object.values(LINK_ACTIONS);
const VERSION = 'v1';
/** Signature length in bytes kept in the token: 128 bits. */
const SIGNATURE_BYTES = 16;
/** Longest token accepted before any work is done (a hostile URL can be megabytes). */
export const MAX_TOKEN_LENGTH = 300;

export interface LinkClaims {
  action: LinkAction;
  subject: string;
  expiresAt: Date;
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims; linkId: string }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64url(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

function fromBase64url(s: string): number[] | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of s) {
    buf = (buf << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 255);
    }
  }
  return out;
}

function utf8Decode(bytes: readonly number[]): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) s += String.fromCharCode(b);
    else return ''; // payloads are ASCII by construction: anything else is not ours
  }
  return s;
}

function signature(secret: string, payload: string): string {
  return base64url(hmacSha256(secret, `enlace\u0000${payload}`).slice(0, SIGNATURE_BYTES));
}

/** Subjects are IDs the product made: letters, digits and '-', '_', '.'. */
function isSubject(s: string): boolean {
  return /^[A-Za-z0-9._-]{1,80}$/.test(s);
}

/** A signed token for `action` on `subject`, valid until `expiresAt`. */
export function signLink(secret: string, claims: LinkClaims): string {
  if (!secret) throw new Error('secret must be non-empty');
  if (!ACTIONS.includes(claims.action)) throw new Error(`unknown link action ${claims.action}`);
  if (!isSubject(claims.subject)) throw new Error(`a link subject must be a product ID, not ${JSON.stringify(claims.subject)}`);
  const minutes = Math.floor(claims.expiresAt.getTime() / 60_000);
  const payload = base64url(utf8Encode(`${VERSION}|${claims.action}|${claims.subject}|${minutes}`));
  return `${payload}.${signature(secret, payload)}`;
}

/**
 * Checks a token as it arrived in a URL (anything: missing, huge, altered). The signature is
 * checked before the payload is trusted, in constant time; the expiry last.
 */
export function checkLink(secret: string, raw: unknown, now: Date): LinkCheck {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const token = raw.trim();
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'malformed' };
  const payload = token.slice(0, dot);
  const given = token.slice(dot + 1);
  if (!fromBase64url(given) || !constantTimeEqual(given, signature(secret, payload))) return { ok: false, reason: 'forged' };
  const bytes = fromBase64url(payload);
  const parts = bytes ? utf8Decode(bytes).split('|') : [];
  if (parts.length !== 4 || parts[0] !== VERSION || !ACTIONS.includes(parts[1]!) || !isSubject(parts[2]!) || !/^\d{1,12}$/.test(parts[3]!)) {
    return { ok: false, reason: 'malformed' };
  }
  const expiresAt = new Date(Number(parts[3]) * 60_000);
  if (now.getTime() > expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { action: parts[1] as LinkAction, subject: parts[2]!, expiresAt }, linkId: linkIdOf(token) };
}

/** The ID a used token is recorded by: a digest (the token itself is never stored). */
export function linkIdOf(token: string): string {
  return 'L-' + toBase32Hex(sha256(token.trim())).slice(0, 20).toUpperCase();
}

/** The URL of `webAppUrl` carrying `token` (the only parameter: no personal data in a URL). */
export function linkUrl(webAppUrl: string, token: string): string {
  return `${webAppUrl}${webAppUrl.includes('?') ? '&' : '?'}t=${encodeURIComponent(token)}`;
}

/** How long links stay valid, per action (days). A withdrawal link lasts until the module has passed; see callers. */
export const LINK_VALIDITY_DAYS: Readonly<Record<LinkAction, number>> = {
  retiro: 120,
  baja: 365,
  // A certificate is verifiable for as long as anyone may ask (30 years; the page, not the token, says revoked).
  verificar: 365 * 30,
  // The Sub Director decides within two weeks; later, the consultant sends the request again.
  aprobar: 14,
  rechazar: 14,
};

/**
 * A web app URL the product may put in an email: an https deployment's /exec address. The /dev
 * address (the head deployment, which only editors can open) and anything else are refused.
 */
export function usableWebAppUrl(raw: unknown): string | null {
  const s = typeof raw === 'string' ? raw.trim() : '';
  const m = /^https:\/\/script\.google\.com\/(?:a\/[A-Za-z0-9.-]+\/)?macros\/s\/[A-Za-z0-9_-]{10,}\/exec$/.exec(s);
  return m ? s : null;
}

/** A page of the web app: a title and paragraphs (plain text; the page renderer escapes it). */
export interface LinkPage {
  title: string;
  paragraphs: string[];
  /** Text of the confirmation button (GET only); absent when there is nothing to confirm. */
  confirm?: string;
  /**
   * A text the visitor writes before confirming (the reason of a rejection, C01): posted with the
   * token as `LINK_INPUT_FIELD` and given to the handler's `perform` (trimmed, at most `maxLength`).
   */
  field?: { label: string; maxLength: number; required: boolean };
}

/** Name of the POST parameter that carries a page's `field`. */
export const LINK_INPUT_FIELD = 'motivo';
