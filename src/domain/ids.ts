/**
 * Deterministic identifiers for things the system creates in Google services.
 *
 * A rerun, a retry or a trigger firing twice must not create a second calendar event for the same
 * appointment, so the event ID is derived from the row's ID instead of being left to Google.
 * Calendar API (Events resource, field `id`): "characters allowed in the ID are those used in
 * base32hex encoding, i.e. lowercase letters a-v and digits 0-9, see section 3.1.2 in RFC2938;
 * the length of the ID must be between 5 and 1024 characters".
 *
 * Apps Script has `Utilities.computeDigest`, but the domain layer must stay free of service
 * globals (and run unchanged in unit tests), hence the small SHA-256 below.
 *
 * Identifiers that travel (survey links, walk-in IDs) carry no personal data and cannot be made
 * without the spreadsheet's secret: `surveyToken` and `walkInId`, HMACs keyed by it.
 */
import { limaParts } from './lima-time';

/** UTF-8 bytes of a JS string. Lone surrogates become U+FFFD, as TextEncoder does. */
export function utf8Encode(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      c = 0xfffd;
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

// FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

/** SHA-256 (FIPS 180-4) of a byte sequence, or of a string's UTF-8 bytes. Returns 32 bytes. */
export function sha256(input: string | ArrayLike<number>): number[] {
  const bytes = typeof input === 'string' ? utf8Encode(input) : input;
  const len = bytes.length;
  const total = Math.ceil((len + 9) / 64) * 64;
  const msg = new Uint8Array(total);
  for (let i = 0; i < len; i++) msg[i] = bytes[i];
  msg[len] = 0x80;
  // Message length in bits as a 64-bit big-endian integer (split so lengths ≥ 512 MiB stay exact).
  const bitsHi = Math.floor(len / 0x20000000);
  const bitsLo = (len * 8) >>> 0;
  msg[total - 8] = bitsHi >>> 24; msg[total - 7] = bitsHi >>> 16; msg[total - 6] = bitsHi >>> 8; msg[total - 5] = bitsHi;
  msg[total - 4] = bitsLo >>> 24; msg[total - 3] = bitsLo >>> 16; msg[total - 2] = bitsLo >>> 8; msg[total - 1] = bitsLo;

  const H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const W = new Array<number>(64);
  for (let off = 0; off < total; off += 64) {
    for (let t = 0; t < 16; t++) {
      const j = off + t * 4;
      W[t] = (msg[j] << 24) | (msg[j + 1] << 16) | (msg[j + 2] << 8) | msg[j + 3];
    }
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15], w2 = W[t - 2];
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
      W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
    }
    let a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
    for (let t = 0; t < 64; t++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t] + W[t]) | 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
    H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
  }
  const out: number[] = [];
  for (const word of H) out.push((word >>> 24) & 255, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);
  return out;
}

/** Lowercase hex of a byte sequence. */
export function toHex(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return s;
}

/** SHA-256 of a string's UTF-8 bytes, as 64 lowercase hex digits. */
export function sha256Hex(s: string): string {
  return toHex(sha256(s));
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** RFC 4648 §7 base32hex, lowercase, without '=' padding (the last group is zero-filled). */
export function toBase32Hex(bytes: ArrayLike<number>): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = ((buffer << 8) | (bytes[i] & 255)) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out;
}

/** True when Google Calendar accepts the string as a client-supplied event ID. */
export function isValidCalendarEventId(id: string): boolean {
  return /^[a-v0-9]{5,1024}$/.test(id);
}

/** Every ID this product makes starts with this (all letters are inside base32hex's a–v). */
export const ID_PREFIX = 'soe';

function requireText(name: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${name} must be a non-empty string`);
}

/**
 * Calendar event ID for one thing of one kind, e.g. calendarEventId('cita', 'AV-000123').
 * Same (namespace, key) → same ID, always; the namespace keeps an appointment and a workshop
 * session with equal keys apart. 'soe' + 52 base32hex digits of SHA-256 = 55 characters.
 */
export function calendarEventId(namespace: string, key: string): string {
  requireText('namespace', namespace);
  requireText('key', key);
  // Length-prefixing the namespace makes ('a:b','c') and ('a','b:c') hash differently.
  return ID_PREFIX + toBase32Hex(sha256(`calendar-event\u0000${namespace.length}:${namespace}\u0000${key}`));
}

/**
 * `conferenceData.createRequest.requestId` for the Meet link of one event. Calendar ignores a
 * request whose ID repeats the previous one, so a retry after an ambiguous failure reuses the
 * same attempt number, and a deliberate new link (the old one broke) uses attempt + 1.
 */
export function meetRequestId(key: string, attempt = 0): string {
  requireText('key', key);
  if (!Number.isInteger(attempt) || attempt < 0) throw new Error('attempt must be a non-negative integer');
  return ID_PREFIX + toBase32Hex(sha256(`meet-request\u0000${key}\u0000${attempt}`));
}

// ---------------------------------------------------------------------------- signed identifiers

const SHA256_BLOCK = 64;

/**
 * HMAC-SHA-256 (RFC 2104, FIPS 198-1) of `message` with `key` (strings are taken as UTF-8). The
 * same function as Apps Script's `Utilities.computeHmacSha256Signature`, written here so the
 * domain stays pure and the tokens below need no service call (checked against RFC 4231).
 */
export function hmacSha256(key: string | ArrayLike<number>, message: string | ArrayLike<number>): number[] {
  let k: ArrayLike<number> = typeof key === 'string' ? utf8Encode(key) : key;
  if (k.length > SHA256_BLOCK) k = sha256(k);
  const inner: number[] = [];
  const outer: number[] = [];
  for (let i = 0; i < SHA256_BLOCK; i++) {
    const b = i < k.length ? k[i] & 255 : 0;
    inner.push(b ^ 0x36);
    outer.push(b ^ 0x5c);
  }
  const msg = typeof message === 'string' ? utf8Encode(message) : Array.from(message);
  return sha256(outer.concat(sha256(inner.concat(msg))));
}

/**
 * True when both strings are equal, looking at every character whatever the answer: the time
 * taken tells nothing about how much of a guessed token was right.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (i < a.length ? a.charCodeAt(i) : 0) ^ (i < b.length ? b.charCodeAt(i) : 0);
  return diff === 0;
}

/** Characters of a survey token: 20 base32hex digits = 100 bits. */
export const SURVEY_TOKEN_LENGTH = 20;

/** How appointment codes are compared when signed: no spaces, upper case. */
function codeKey(code: string): string {
  return String(code).replace(/\s+/g, '').toUpperCase();
}

/**
 * The token prefilled next to the appointment code in the citizen's survey link: an HMAC of the
 * appointment's ID with the spreadsheet's secret (never shown). Only the holder of the secret can
 * make it, so a stranger who knows (or guesses) a code cannot answer in someone's name.
 */
export function surveyToken(secret: string, appointmentId: string): string {
  requireText('secret', secret);
  return toBase32Hex(hmacSha256(secret, `encuesta\u0000${codeKey(appointmentId)}`)).slice(0, SURVEY_TOKEN_LENGTH);
}

/** A token as a response carries it: spaces removed, lower case ('' when none). */
export function normaliseToken(raw: unknown): string {
  return typeof raw === 'string' ? raw.replace(/\s+/g, '').toLowerCase() : '';
}

/** True when `given` is the token of `appointmentId` (compared in constant time). */
export function surveyTokenMatches(secret: string, appointmentId: string, given: unknown): boolean {
  const token = normaliseToken(given);
  return token !== '' && constantTimeEqual(token, surveyToken(secret, appointmentId));
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * 'ID de cita' of an appointment without a platform code (a walk-in booked from the panel, a report
 * without a code column): 'P-20261128-1030-' and 12 base32hex digits of an HMAC of the document
 * and the Lima minute with the spreadsheet's secret. The same person at the same minute always
 * gets the same ID (a retried booking, a re-imported row find their row), and the ID — which
 * travels in the survey link, the audit log and the calendar — carries no document: without the
 * secret, the 10⁸ possible DNIs cannot be tried against it.
 */
export function walkInId(secret: string, documentNumber: string, start: Date): string {
  requireText('secret', secret);
  requireText('documentNumber', documentNumber);
  const minute = Math.floor(start.getTime() / 60_000);
  const p = limaParts(start);
  const mac = toBase32Hex(hmacSha256(secret, `cita-sin-codigo\u0000${documentNumber}\u0000${minute}`)).slice(0, 12).toUpperCase();
  return `P-${p.year}${pad2(p.month)}${pad2(p.day)}-${pad2(p.hour)}${pad2(p.minute)}-${mac}`;
}
