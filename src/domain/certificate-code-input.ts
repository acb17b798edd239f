/**
 * A certificate's code as someone types it on the verification page (B12): the full code only —
 * `CERT-` and 16 Crockford base32 characters (80 bits, domain/workshops/certificates.ts makes
 * them) — so typing answers nothing a signed link would not, and nobody can probe prefixes.
 * Spaces and hyphens are ignored, lower case is accepted, and Crockford's look-alikes are read as
 * the digits they stand for (O → 0, I and L → 1). Anything else, or longer than a code can be, is
 * refused before any reading. Pure.
 */

/** Longest text looked at (a code with spaces between every character still fits). */
export const MAX_TYPED_CODE_LENGTH = 64;

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** The code in its canonical form 'CERT-XXXX-XXXX-XXXX-XXXX', or null when the text is not a full code. */
export function typedCertificateCode(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_TYPED_CODE_LENGTH) return null;
  let s = raw.replace(/[\s\u00a0\-‐-―]/g, '').toUpperCase();
  if (s.startsWith('CERT')) s = s.slice(4);
  s = s.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!CROCKFORD.test(s)) return null;
  return `CERT-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}`;
}
