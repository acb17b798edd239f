/**
 * One citizen's personal data in "Atenciones Virtuales – Centro de Empleo", as Ley N.° 29733 and
 * its regulation (D.S. N.° 016-2024-JUS) ask a consultant to handle it: find everything held on a
 * person by DNI, export it, correct it, delete it, and anonymise old records automatically.
 *
 * Pure rules, no I/O: which 'Citas' columns are the person's (and what they become when
 * anonymised), how a record is shown and exported (CSV that no spreadsheet runs as a formula),
 * the retention cut-off in Lima time, and how a DNI, an email, a phone or a name is recognised
 * and replaced inside free text (audit lines and review items are kept, the mentions are not).
 */
import { ABANDON_REASONS, CONSULTATION_TOPICS } from './appointment';
import { formatHHmm, formatLimaShortDate, limaDate, limaDateKey, limaParts } from './lima-time';
import { DELETED_NAME, EXPORT_HEADERS, PERSONAL_DATA_LABELS as L, PERSONAL_DATA_MESSAGES as M, REDACTED, REDACTED_DETAIL_PREFIX } from './messages/personal-data';
import { FORMATS, type AppointmentKey, type ColumnSpec, type RegistrationKey } from './schema';
import type { CellValue, FieldValue } from './table';
import { cleanText, neutraliseFormula } from './text';
import { NAME_MESSAGES } from './messages/validation';
import { checkPersonName, MAX_PERSON_NAME_LENGTH, normaliseDni, normaliseEmail, normalisePeruMobile } from './validation';

export { DELETED_NAME, REDACTED };

// ---------------------------------------------------------------------------- the DNI typed in the panel

export type DniInput = { ok: true; dni: string } | { ok: false; message: string };

/**
 * The DNI a consultant typed (or a script passed): hostile until proven otherwise. Spaces and dots
 * are separators ('0123 4567', '01.234.567'), a number that lost its leading zero is padded
 * (1234567 → '01234567', see normaliseDni); anything else is refused with a Spanish message.
 */
export function parseDniInput(raw: unknown): DniInput {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { ok: false, message: M.dniMissing };
  const dni = typeof raw === 'number' || typeof raw === 'string' ? normaliseDni(typeof raw === 'string' ? raw.trim() : raw) : null;
  if (dni) return { ok: true, dni };
  return { ok: false, message: M.dniInvalid(cleanText(typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '', 40)) };
}

/** What a consultant searches for: a DNI (everything), or an email (invitations and unsubscribes, which hold only an address). */
export type PersonQuery = { kind: 'dni'; dni: string; key: string } | { kind: 'email'; email: string; key: string };

export type PersonQueryInput = { ok: true; query: PersonQuery } | { ok: false; message: string };

/**
 * The panel's search box: a DNI as parseDniInput reads it, or (anything with an '@') an email,
 * validated and lower-cased. `key` is what the answers name and what a deletion's confirmation
 * must repeat.
 */
export function parsePersonQuery(raw: unknown): PersonQueryInput {
  if (typeof raw === 'string' && raw.includes('@')) {
    const email = normaliseEmail(raw.trim());
    if (!email) return { ok: false, message: M.queryEmailInvalid(cleanText(raw, 80)) };
    const key = email.toLowerCase();
    return { ok: true, query: { kind: 'email', email: key, key } };
  }
  const dni = parseDniInput(raw);
  return dni.ok ? { ok: true, query: { kind: 'dni', dni: dni.dni, key: dni.dni } } : dni;
}

/** The same input in a deletion's confirmation box: equal when it reads as the same DNI or the same email. */
export function confirmsQuery(query: PersonQuery, confirmation: unknown): boolean {
  const c = parsePersonQuery(confirmation);
  return c.ok && c.query.key === query.key;
}

// ---------------------------------------------------------------------------- 'Inscripciones' and 'Asistencia'

/**
 * The 'Inscripciones' columns emptied by a deletion: the person and what they wrote. The ID, the
 * module, the dates, the state, the business stage, the consent given and its notice version stay
 * (statistics, and the record that the consent was asked), with no one identifiable.
 */
export const REGISTRATION_PERSONAL_KEYS = ['documentType', 'dni', 'fullName', 'email', 'phone', 'region', 'sector', 'questions'] as const satisfies readonly RegistrationKey[];

/** Registration states that hold or wait for a place: a deletion withdraws them while the module is not over. */
export const REGISTRATION_ACTIVE_STATES: readonly string[] = ['Inscrito', 'En lista de espera', 'Por revisar'];

/**
 * The fields that anonymise one registration. `withdraw`: the module is not over, so the
 * registration also leaves it ('Retirado', with the date): a confirmed one frees its place.
 * 'Motivo de revisión' keeps its text without the person's identifiers (`redact`).
 */
export function anonymisedRegistrationFields(
  record: { status: unknown; reviewReason: unknown },
  redact: (text: string) => string,
  withdraw: boolean,
  now: Date,
): Partial<Record<RegistrationKey, FieldValue>> {
  const reason = String(record.reviewReason ?? '');
  const redacted = redact(reason);
  const status = String(record.status ?? '').trim();
  return {
    documentType: '',
    dni: '',
    fullName: DELETED_NAME,
    email: '',
    phone: '',
    region: '',
    sector: '',
    questions: '',
    ...(redacted !== reason ? { reviewReason: redacted } : {}),
    ...(withdraw && REGISTRATION_ACTIVE_STATES.includes(status) ? { status: 'Retirado', withdrawnAt: now } : {}),
    updatedAt: now,
  };
}

/** True once a registration or attendance row has been anonymised. */
export function isAnonymisedRow(record: { fullName: unknown; dni: unknown }): boolean {
  return isAnonymisedAppointment(record);
}

/** The DNI of a 'Citas' cell, normalised to compare ('' when the cell holds no valid DNI). */
export function cellDni(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'string') return normaliseDni(typeof v === 'string' ? v.trim() : v) ?? '';
  return '';
}

// ---------------------------------------------------------------------------- 'Citas': what is the person's

/**
 * The 'Citas' columns that identify the person or hold what they said: emptied by a deletion.
 * Everything else (IDs, dates, statuses, durations, scores, delivery states) stays, so the
 * service's statistics survive and nobody is identifiable.
 */
export const APPOINTMENT_PERSONAL_KEYS = ['documentType', 'dni', 'fullName', 'email', 'phone', 'notes', 'observations', 'meetUrl'] as const satisfies readonly AppointmentKey[];

/** True once a row has been anonymised (by a deletion or by the retention). */
export function isAnonymisedAppointment(record: { fullName: unknown; dni: unknown }): boolean {
  return String(record.fullName ?? '').trim() === DELETED_NAME && String(record.dni ?? '').trim() === '';
}

/** True once a registration has been anonymised by a deletion (same marks as an appointment's). */
export function isAnonymisedRegistration(record: { fullName: unknown; dni: unknown }): boolean {
  return isAnonymisedAppointment(record);
}

/**
 * The fields that anonymise one 'Citas' row. 'Observaciones' keeps only the line saying when and
 * why; topic and abandonment reason stay when they are one of the list's values (statistics) and
 * are emptied when someone typed free text there, which may say anything about the person.
 */
export function anonymisedAppointmentFields(
  record: { topic: unknown; abandonReason: unknown },
  observation: string,
  now: Date,
): Partial<Record<AppointmentKey, FieldValue>> {
  const topic = String(record.topic ?? '').trim();
  const reason = String(record.abandonReason ?? '').trim();
  return {
    documentType: '',
    dni: '',
    fullName: DELETED_NAME,
    email: '',
    phone: '',
    notes: '',
    observations: observation,
    meetUrl: '',
    ...((CONSULTATION_TOPICS as readonly string[]).includes(topic) || topic === '' ? {} : { topic: '' }),
    ...((ABANDON_REASONS as readonly string[]).includes(reason) || reason === '' ? {} : { abandonReason: '' }),
    updatedAt: now,
  };
}

/**
 * The ID an anonymised row keeps. Walk-ins get an ID made of the minute and the document
 * ('P-20261128-0930-01234567', see derivedAppointmentId): such an ID would still name the person,
 * so the DNI in it is replaced ('P-20261128-0930-ANON', then '-ANON-2' … when taken). Any other ID
 * is kept as it is.
 */
export function anonymousAppointmentId(id: string, dni: string, taken: ReadonlySet<string>): string {
  if (dni === '' || !id.includes(dni)) return id;
  const base = id.split(dni).join('ANON');
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** True for a 'Detalle' cell a deletion or the retention already replaced (or an empty one): nothing left to redact. */
export function isRedactedDetail(text: string): boolean {
  return text.trim() === '' || text.startsWith(REDACTED_DETAIL_PREFIX);
}

// ---------------------------------------------------------------------------- showing a record

/** One field as the panel and the export show it. */
export interface FieldLine {
  label: string;
  value: string;
}

/** A cell as a person reads it: dates in Lima time as the sheet shows them, booleans as Sí/No. */
export function cellText(value: CellValue | null | undefined, column?: Pick<ColumnSpec, 'type' | 'format'>): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (isNaN(value.getTime())) return '';
    if (column?.format === FORMATS.date) return formatLimaShortDate(value);
    if (column?.format === FORMATS.timeOfDay) return formatHHmm(value);
    return `${formatLimaShortDate(value)} ${formatHHmm(value)}`;
  }
  if (typeof value === 'boolean') return value ? L.yes : L.no;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value).trim();
}

/** The non-empty fields of a record, labelled with their headers, in the tab's column order. */
export function recordFields<K extends string>(columns: readonly ColumnSpec<K>[], record: Readonly<Record<K, CellValue>>): FieldLine[] {
  const out: FieldLine[] = [];
  for (const col of columns) {
    const value = cellText(record[col.key], col);
    if (value !== '') out.push({ label: col.header, value });
  }
  return out;
}

// ---------------------------------------------------------------------------- the export (right of access)

export interface ExportLine {
  source: string;
  id: string;
  field: string;
  value: string;
}

/**
 * A value for a CSV cell that no spreadsheet runs as a formula, whatever separator it splits on
 * (OWASP "CSV Injection"). The file is comma-separated, but Excel where the list separator is ';'
 * (Excel in Spanish) splits each line on ';' and honours a quote only at the start of a field, so
 * the quoted «Ñahui;=2+3» would still give a cell «=2+3». Hence every place where a spreadsheet
 * may start a cell — the value's start, and right after a ';', a tab, a CR or an LF inside it —
 * gets an apostrophe before a '=', '+', '-', '@', tab, CR or LF; then the value is quoted when it
 * holds a comma, a ';', a tab, a quote or a line break (RFC 4180, and one cell where ';' splits).
 */
export function csvCell(value: string): string {
  const safe = neutraliseFormula(value).replace(/(\r\n|[;\t\r\n])(?=[=+\-@\t\r\n])/g, "$1'");
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The export: 'Origen,ID,Campo,Valor', one line per field, CRLF after every line (the panel adds the BOM). */
export function buildPersonCsv(lines: readonly ExportLine[]): string {
  const rows = [[...EXPORT_HEADERS], ...lines.map((l) => [l.source, l.id, l.field, l.value])];
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** 'datos-personales-01234567-2026-11-27.csv', the day in Lima. */
export function exportFileName(dni: string, now: Date): string {
  return M.exportFileName(dni, limaDateKey(now));
}

// ---------------------------------------------------------------------------- retention

/**
 * The instant before which records are older than `months` months: Lima midnight of the same day
 * of the month, `months` months before today (Lima); the 31st falls back to the month's last day
 * (31 May minus 3 months → 28 or 29 February).
 */
export function retentionCutoff(now: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`months must be a positive integer: ${months}`);
  const p = limaParts(now);
  const total = p.year * 12 + (p.month - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return limaDate(year, month, Math.min(p.day, lastDay));
}

// ---------------------------------------------------------------------------- the person inside free text

/** What identifies a person in a text: their DNI, and every email, phone and name their rows hold. */
export interface PersonIdentity {
  dni: string;
  emails: readonly string[];
  phones: readonly string[];
  names: readonly string[];
}

export interface PersonMatcher {
  /** True when the text names the person unambiguously: their DNI or one of their emails. */
  identifies(text: string): boolean;
  /** The text with every mention of the DNI, an email, a phone or a name replaced by REDACTED. */
  redact(text: string): string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Digits as a pattern that allows a space, dot or hyphen between them ('0123 4567', '987-654-321'). */
function digitsPattern(digits: string): string {
  return digits.split('').join('[\\s.\\u00a0-]?');
}

const ACCENTS: Record<string, string> = { a: 'aáàäâã', e: 'eéèëê', i: 'iíìïî', o: 'oóòöôõ', u: 'uúùüû', n: 'nñ', c: 'cç', y: 'yý' };

/** A name as a pattern that ignores case, accents ('Jose' finds 'José') and how spaces and apostrophes were typed. */
function namePattern(name: string): string | null {
  const words = cleanText(name, 300).split(' ').filter((w) => w !== '');
  if (words.join('').replace(/[^\p{L}]/gu, '').length < 3) return null; // 'A' or '—' is no name to look for
  const word = (w: string) =>
    [...w]
      .map((ch) => {
        if (/['’`´]/.test(ch)) return "['’`´]?";
        const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
        return ACCENTS[base] ? `[${ACCENTS[base]}]` : escapeRegExp(ch);
      })
      .join('');
  return words.map(word).join('[\\s\\u00a0]+');
}

/** The 9 digits of a Peruvian mobile, or the digits of a number kept as typed (a landline), or null. */
function phoneDigits(phone: string): string | null {
  const mobile = normalisePeruMobile(phone);
  if (mobile) return mobile.slice(4);
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 6 ? digits : null;
}

/**
 * Finds and replaces one person's identifiers inside free text. Numbers match only as a whole
 * (the DNI 01234567 is not found inside 101234567), with the spaces or dots people type; the
 * DNI's 7-digit form is found too when it starts with 0 (a spreadsheet dropped the zero). Emails
 * match whole and without regard to case; names as whole words, ignoring case and accents.
 */
export function personMatcher(who: PersonIdentity): PersonMatcher {
  const NOT_DIGIT_BEFORE = '(?<!\\d)';
  const NOT_DIGIT_AFTER = '(?!\\d)';
  const ids: string[] = [];
  if (who.dni) {
    ids.push(NOT_DIGIT_BEFORE + digitsPattern(who.dni) + NOT_DIGIT_AFTER);
    if (who.dni.startsWith('0')) ids.push(NOT_DIGIT_BEFORE + digitsPattern(who.dni.slice(1)) + NOT_DIGIT_AFTER);
  }
  const emails = [...new Set(who.emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')))];
  for (const e of emails) ids.push(`(?<![\\w.%+-])${escapeRegExp(e)}(?![\\w-]|\\.\\w)`);
  const others: string[] = [];
  for (const p of new Set(who.phones.map((x) => phoneDigits(x)).filter((x): x is string => x !== null))) {
    others.push(NOT_DIGIT_BEFORE + `(?:(?:\\+|00)?51[\\s.\\u00a0-]?)?` + digitsPattern(p) + NOT_DIGIT_AFTER);
  }
  for (const n of new Set(who.names.filter((x) => x.trim() !== DELETED_NAME))) {
    const p = namePattern(n);
    if (p) others.push(`(?<![\\p{L}\\p{N}])${p}(?![\\p{L}\\p{N}])`);
  }
  const identifying = ids.length ? new RegExp(ids.join('|'), 'iu') : null;
  // Longest alternatives first is not needed: each is anchored on boundaries, and an email is
  // replaced before the name words inside it could be.
  const all = [...ids, ...others];
  const everything = all.length ? new RegExp(all.join('|'), 'giu') : null;
  return {
    identifies: (text) => identifying !== null && identifying.test(text),
    redact: (text) => (everything === null ? text : text.replace(everything, REDACTED)),
  };
}

/** The words of a text that could be an ID ('AV-000123', 'P-20261128-0930-01234567', 'id|2026-…' splits at '|'). */
export function idTokens(text: string): string[] {
  return text.split(/[^\p{L}\p{N}_-]+/u).filter((t) => t !== '');
}

/** True when one of `ids` appears in the text as a whole word. */
export function mentionsAnyId(text: string, ids: ReadonlySet<string>): boolean {
  if (ids.size === 0 || text === '') return false;
  return idTokens(text).some((t) => ids.has(t));
}

/** The text with each old ID (as a whole word) replaced by its new one. */
export function replaceIds(text: string, renamed: ReadonlyMap<string, string>): string {
  if (renamed.size === 0 || text === '') return text;
  return text.replace(/[\p{L}\p{N}_-]+/gu, (t) => renamed.get(t) ?? t);
}

// ---------------------------------------------------------------------------- correction (right of rectification)

export type CorrectionKey = 'fullName' | 'email' | 'phone';
export const CORRECTION_KEYS: readonly CorrectionKey[] = ['fullName', 'email', 'phone'];

export const MAX_NAME_LENGTH = MAX_PERSON_NAME_LENGTH;

export type CorrectionCheck = { ok: true; fields: Partial<Record<CorrectionKey, string>> } | { ok: false; message: string };

/**
 * Peruvian landline as people type it: '(01) 456-7890', '014567890', '044 123456', '+51 1 4567890'
 * (area code, then 6 or 7 digits). Kept as typed: it is for a person to dial, not for WhatsApp.
 */
export function isPeruLandline(text: string): boolean {
  let s = text.replace(/[\s.\-/()\u00a0]/g, '');
  if (s.startsWith('+51')) s = s.slice(3);
  else if (s.startsWith('0051')) s = s.slice(4);
  return /^0?[1-8]\d{6,7}$/.test(s);
}

/**
 * The corrected fields, validated and tidied, from what the panel sent (hostile: any type). A
 * field absent or undefined is unchanged; '' clears the email or the phone (the person may ask
 * not to be contacted that way) but never the name. Refused as a whole when any value is wrong.
 */
export function checkCorrection(input: unknown): CorrectionCheck {
  if (input === null || typeof input !== 'object') return { ok: false, message: M.correctionEmpty };
  const raw = input as Record<string, unknown>;
  const fields: Partial<Record<CorrectionKey, string>> = {};
  const problems: string[] = [];
  const given = (k: CorrectionKey) => raw[k] !== undefined && raw[k] !== null;
  const asText = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

  if (given('fullName')) {
    // One rule for names (validation.ts), as the import and the walk-in apply it.
    const name = checkPersonName(asText(raw.fullName));
    if (name.ok) fields.fullName = name.name;
    else problems.push(name.problem === 'missing' ? M.nameRequired : name.problem === 'tooLong' ? M.nameTooLong(MAX_NAME_LENGTH) : NAME_MESSAGES.invalid);
  }
  if (given('email')) {
    const typed = cleanText(asText(raw.email), 300);
    if (typed === '') fields.email = '';
    else {
      const email = normaliseEmail(typed);
      if (email) fields.email = email;
      else problems.push(M.emailInvalid(cleanText(typed, 80)));
    }
  }
  if (given('phone')) {
    const typed = cleanText(asText(raw.phone), 60);
    if (typed === '') fields.phone = '';
    else {
      const mobile = normalisePeruMobile(typed);
      if (mobile) fields.phone = mobile;
      else if (isPeruLandline(typed)) fields.phone = typed;
      else problems.push(M.phoneInvalid(typed));
    }
  }
  if (problems.length) return { ok: false, message: M.correctionInvalid(problems) };
  if (Object.keys(fields).length === 0) return { ok: false, message: M.correctionEmpty };
  return { ok: true, fields };
}
