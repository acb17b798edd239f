/**
 * Peruvian identity and contact formats: DNI, email, mobile phone, RUC.
 *
 * Each `normalise…` function accepts what people and spreadsheets actually produce (numbers that
 * Excel made out of digits, spaces, dots, a country code) and returns one canonical text form, or
 * null when the value is not valid. Callers decide what to tell the person; nothing here throws.
 *
 * Names and document types follow one rule wherever they enter (the report's import, the walk-in
 * booked from the panel, the correction under Ley 29733): `checkPersonName` and `documentTypeOf`.
 */
import { cleanText } from './text';

/** Separators people type inside numbers: spaces (incl. NBSP and narrow NBSP) and dots. */
const DNI_SEPARATORS = /[\s.\u00a0\u202f]/g;

/**
 * A DNI (Documento Nacional de Identidad) is exactly 8 digits and is kept as text, because many
 * start with 0 (e.g. '01234567').
 *
 * Accepted:
 * - text with exactly 8 digits, once spaces and dots are removed ('12.345.678', '1234 5678');
 * - a number (a spreadsheet cell that Excel or Sheets turned into a number): an integer with
 *   8 digits, or with 7 digits — the only number of digits that a lost leading zero explains for
 *   a DNI written as 8 digits starting with one '0' — which is padded back ('1234567' → '01234567').
 *
 * Rejected (null): text with 7 digits (text keeps its zeros, so a missing digit is a typo, not a
 * spreadsheet's doing), numbers with 6 or fewer digits (too far from a DNI to guess), any letter
 * or other character, and '00000000'.
 */
export function normaliseDni(raw: unknown): string | null {
  let digits: string;
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw <= 0 || raw > 99_999_999) return null;
    digits = String(raw);
    if (digits.length === 7) digits = '0' + digits;
  } else if (typeof raw === 'string') {
    digits = raw.replace(DNI_SEPARATORS, '');
  } else {
    return null;
  }
  if (!/^\d{8}$/.test(digits) || digits === '00000000') return null;
  return digits;
}

// Local part: the characters RFC 5322 allows unquoted ("atext") and dots between them.
// Quoted local parts and IP-literal domains are valid RFC but never used by the public here.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// A DNS label: letters, digits and hyphens, not starting or ending with a hyphen, ≤ 63 chars.
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Top-level domain: letters only (or a punycode 'xn--' label), at least 2 characters.
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A pragmatic email check (what mail servers accept in practice, not every RFC corner):
 * - surrounding spaces and a leading 'mailto:' are removed; any space inside is rejected;
 * - exactly one '@'; local part ≤ 64 characters of RFC 5322 "atext" with single dots between;
 * - the domain has at least two labels, letters/digits/hyphens, a letter TLD of 2+ characters;
 *   it is lowercased (domains are case-insensitive; the local part is kept as typed, because
 *   strictly it is not); total length ≤ 254.
 * Non-ASCII addresses (e.g. 'josé@…', 'ñandú.pe') are rejected: the providers the public uses
 * here do not issue them, and such a value is almost always a typo.
 */
export function normaliseEmail(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  if (/^mailto:/i.test(s)) s = s.slice(7);
  if (s === '' || /[\s\u00a0\u202f]/.test(s) || s.length > 254) return null;
  const at = s.indexOf('@');
  if (at <= 0 || at !== s.lastIndexOf('@')) return null;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL_PART.test(local)) return null;
  const labels = domain.split('.');
  if (labels.length < 2) return null;
  for (const label of labels) if (!DOMAIN_LABEL.test(label)) return null;
  if (!TLD.test(labels[labels.length - 1])) return null;
  return local + '@' + domain;
}

/** Characters people put inside phone numbers: spaces, dots, hyphens, slashes and brackets. */
const PHONE_SEPARATORS = /[\s.\-/()\u00a0\u202f]/g;

/**
 * A Peruvian mobile number in the canonical form '+51 9XXXXXXXX' (country code, one space, nine
 * digits starting with 9), or null.
 *
 * Accepted: '987654321', '987 654 321', '987-654-321', '+51987654321', '+51 987 654 321',
 * '51 987 654 321', '0051 987654321', and the numbers 987654321 / 51987654321 (from a cell).
 * Only mobiles are accepted — the number is used for WhatsApp and SMS-capable calls — so a
 * landline ('(01) 456-7890', '014567890', '+51 1 4567890') or a foreign number gives null; the
 * caller may keep the text as typed for a person to call.
 */
export function normalisePeruMobile(raw: unknown): string | null {
  let s: string;
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw <= 0) return null;
    s = String(raw);
  } else if (typeof raw === 'string') {
    s = raw.replace(PHONE_SEPARATORS, '');
  } else {
    return null;
  }
  if (s.startsWith('+')) {
    s = s.slice(1);
    if (!s.startsWith('51')) return null; // another country
    s = s.slice(2);
  } else if (s.startsWith('0051')) {
    s = s.slice(4);
  } else if (s.length === 11 && s.startsWith('51')) {
    s = s.slice(2);
  }
  if (!/^9\d{8}$/.test(s)) return null;
  return '+51 ' + s;
}

const RUC_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
/**
 * RUC prefixes (SUNAT): 10 natural person with DNI, 15 natural person without DNI (e.g. foreign
 * residents, non-domiciled), 17 natural person with other document, 20 legal entity.
 */
const RUC_PREFIXES = ['10', '15', '17', '20'];

/**
 * True for a valid RUC (Registro Único de Contribuyentes): 11 digits (spaces allowed around and
 * between groups), a known prefix, and SUNAT's modulo-11 check digit: the first ten digits times
 * the weights 5,4,3,2,7,6,5,4,3,2, summed; check = 11 − (sum mod 11), where 10 → 0 and 11 → 1.
 */
export function isValidRuc(raw: unknown): boolean {
  let s: string;
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw <= 0) return false;
    s = String(raw);
  } else if (typeof raw === 'string') {
    s = raw.replace(/[\s\u00a0\u202f]/g, '');
  } else {
    return false;
  }
  if (!/^\d{11}$/.test(s) || !RUC_PREFIXES.includes(s.slice(0, 2))) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(s[i]) * RUC_WEIGHTS[i];
  const check = (11 - (sum % 11)) % 10; // 11 → 1 and 10 → 0, both captured by % 10
  return check === Number(s[10]);
}

// ---------------------------------------------------------------------------- names

/** Longest name kept (a Sheets cell would take more; no real name comes near). */
export const MAX_PERSON_NAME_LENGTH = 200;

/**
 * A person's names and surnames: at least one letter (of any alphabet); starts with a letter or an
 * emoji-like symbol (never '=', '+', '-', '@': a formula); then letters, combining
 * accents, spaces, apostrophes (' ’ ‘ ʼ), hyphens, dots, commas, quotes and parentheses
 * ('Ma. del Carmen', 'Jean-Pierre', 'D’Onofrio', 'Rosa "La Flaca"'), and symbols that are harmless
 * anywhere (emoji, '€'). Refused: digits, and the signs that make a value a formula, markup or a
 * new cell somewhere downstream ('=', '+', '@', '<', '>', '&', ';', '|', '/', '\\' …): no name has them.
 */
const PERSON_NAME = /^[\p{L}\p{So}][\p{L}\p{M}\p{So}\p{Sc}\p{Sk} '’‘ʼ.,\-"“”«»()]*$/u;

export type NameProblem = 'missing' | 'invalid' | 'tooLong';

/**
 * The one rule for a person's name, wherever it enters. Whitespace is tidied (runs become one
 * space, ends trimmed); the text is otherwise kept as written (case and accents included).
 */
export function checkPersonName(raw: unknown): { ok: true; name: string } | { ok: false; problem: NameProblem } {
  const name = typeof raw === 'string' || typeof raw === 'number' ? cleanText(String(raw), 0) : '';
  if (name === '') return { ok: false, problem: 'missing' };
  if (name.length > MAX_PERSON_NAME_LENGTH) return { ok: false, problem: 'tooLong' };
  if (!PERSON_NAME.test(name) || !/\p{L}/u.test(name)) return { ok: false, problem: 'invalid' };
  return { ok: true, name };
}

// ---------------------------------------------------------------------------- identity documents

/** The documents the service attends, by the canonical name stored in 'Tipo doc.'. */
export const DOCUMENT_TYPES = ['DNI', 'CE', 'Pasaporte', 'PTP', 'CPP'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** How reports and people write each type, as comparison keys (see `documentKey`). */
const DOCUMENT_TYPE_NAMES: readonly [DocumentType, readonly string[]][] = [
  ['DNI', ['dni', 'documentonacionalidentidad', 'libretaelectoral']],
  ['CE', ['ce', 'carneextranjeria', 'carnetextranjeria', 'cext']],
  ['Pasaporte', ['pasaporte', 'pas', 'pasap', 'pasp']],
  ['PTP', ['ptp', 'permisotemporalpermanencia']],
  ['CPP', ['cpp', 'carnepermisotemporalpermanencia', 'carnetpermisotemporalpermanencia']],
];

/** 'Carné de Extranjería' → 'carneextranjeria': no accents, case, punctuation, 'de'/'del'/'la'. */
function documentKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && w !== 'de' && w !== 'del' && w !== 'la')
    .join('');
}

/**
 * The canonical document type ('D.N.I.' → 'DNI', 'Carné de extranjería' → 'CE'); empty → 'DNI'
 * (the platform's default); null for anything else — a type the service does not attend, or
 * markup — which is refused (walk-in) or sent to 'Revisión' (import).
 */
export function documentTypeOf(raw: unknown): DocumentType | null {
  const text = typeof raw === 'string' || typeof raw === 'number' ? cleanText(String(raw), 60) : '';
  if (text === '') return 'DNI';
  const key = documentKey(text);
  for (const [canonical, names] of DOCUMENT_TYPE_NAMES) if (names.includes(key)) return canonical;
  return null;
}

/**
 * A document number of `type`, as stored: a DNI by `normaliseDni`; any other document 5 to 15
 * letters and digits, upper case, spaces, dots and hyphens removed. Null when not valid.
 */
export function normaliseDocumentNumber(type: DocumentType, raw: unknown): string | null {
  if (type === 'DNI') return normaliseDni(typeof raw === 'number' ? raw : cleanText(String(raw ?? ''), 40));
  const doc = cleanText(String(raw ?? ''), 40).replace(/[\s.\-]/g, '').toUpperCase();
  return /^[A-Z0-9]{5,15}$/.test(doc) ? doc : null;
}
