/**
 * Text that came from the public, made safe and tidy.
 *
 * Three separate concerns, kept apart on purpose:
 * - `cleanText` tidies a value for storage and comparison (it never changes what a person wrote
 *   beyond whitespace and invisible characters);
 * - `neutraliseFormula` is applied at the moment a value is written to a sheet, so a value can
 *   never become a formula there;
 * - `escapeHtml` is applied when a value is put inside HTML (emails are not sandboxed).
 */

/**
 * The first characters that make Sheets (and Excel) read a typed value as a formula, per the
 * OWASP "CSV Injection" guidance: `=`, `+`, `-`, `@`, tab (0x09), carriage return (0x0D) and line
 * feed (0x0A).
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r\n]/;

/**
 * Makes a value from the public safe to write to a sheet. A leading apostrophe tells Sheets to
 * store the rest as literal text (the apostrophe itself is not shown nor returned by getValues),
 * so `=HYPERLINK(...)` stays the text the person typed and `+51 987…` is not turned into a number.
 * Other values are returned unchanged.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_TRIGGER.test(value) ? "'" + value : value;
}

/** Shown at the end of a value that was cut because it was too long. */
export const TRUNCATION_MARKER = '…';

// Runs of whitespace (incl. NBSP U+00A0 and narrow NBSP U+202F, which Excel and web forms
// produce), C0/C1 control characters and line/paragraph separators: all become one space.
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// Invisible characters that only get in the way of matching (zero-width space/joiners, BOM,
// soft hyphen, bidi marks). Removed outright.
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060\ufeff]/g;

/**
 * Tidies one value for storage: any value becomes text (null/undefined → ''), Unicode is put in
 * composed form (NFC: a Mac's "e + ◌́" becomes "é", so equal names compare equal), invisible
 * characters are removed, every run of whitespace or control characters becomes one space, and
 * the ends are trimmed. Accents, ñ, apostrophes and any other visible character are kept as typed.
 * A value longer than `maxLength` characters is cut and ends with '…' (the result is exactly
 * `maxLength` long; a surrogate pair is never split).
 */
export function cleanText(value: unknown, maxLength = 500): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : String(value);
  if (typeof s.normalize === 'function') s = s.normalize('NFC');
  s = s.replace(INVISIBLE, '').replace(SPACE_OR_CONTROL, ' ').trim();
  if (maxLength > 0 && s.length > maxLength) {
    let cut = maxLength - TRUNCATION_MARKER.length;
    const last = s.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut--; // do not leave half of a surrogate pair
    s = s.slice(0, Math.max(0, cut)).trimEnd() + TRUNCATION_MARKER;
  }
  return s;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five characters that matter in HTML text and in quoted attribute values. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
