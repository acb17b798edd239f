/**
 * The citizen platform's report of booked appointments (A01), from rows to appointments.
 *
 * Rows come from the CSV or XLSX reader (or a sheet). The header row is found by its names, not by
 * position: platform exports often put a title and a date range above it, and a consultant may
 * have moved columns. Names are matched case-, accent- and space-insensitively against aliases
 * that live in the settings tab, so a renamed column is fixed there, not in code.
 *
 * Every non-blank row ends up either as an appointment or as a rejected row with a Spanish reason
 * naming each problem; nothing is dropped silently. Text is tidied with `cleanText` but kept as
 * typed — a name starting with '=' stays '=…' here, and the writer neutralises it for Sheets.
 * All dates and times are Lima wall-clock times.
 */
import { limaDate, limaDateKey, limaParts } from '../lima-time';
import { cleanText } from '../text';
import { checkPersonName, documentTypeOf, normaliseDni, normaliseEmail, normalisePeruMobile } from '../validation';
import { FIELD_LABELS, IMPORT_MESSAGES as M } from './messages';
import { excelSerialToDate } from './xlsx';

export type ReportField =
  | 'code'
  | 'documentType'
  | 'dni'
  | 'names'
  | 'lastNames'
  | 'fullName'
  | 'email'
  | 'phone'
  | 'date'
  | 'time'
  | 'dateTime'
  | 'service'
  | 'consultant'
  | 'status';

/**
 * Every field, in the order columns are assigned: when the same header is listed under two
 * fields in the settings, the earlier field here takes it.
 */
export const REPORT_FIELDS: readonly ReportField[] = [
  'code',
  'documentType',
  'dni',
  'fullName',
  'names',
  'lastNames',
  'email',
  'phone',
  'dateTime',
  'date',
  'time',
  'service',
  'consultant',
  'status',
];

/**
 * Header names seen in the platform's exports and in Excel copies of them. Within a field the
 * first alias that matches a column wins. Comparison ignores case, accents, punctuation, spaces,
 * the words 'de'/'del', and writes of "número" (N°, Nº, No., Nro., Núm.) alike.
 */
export const DEFAULT_HEADER_ALIASES: Record<ReportField, string[]> = {
  code: ['Código de cita', 'Cod. Cita', 'N° Cita', 'Código', 'Código de reserva', 'ID Cita', 'N° Reserva'],
  documentType: ['Tipo de documento', 'Tipo Doc.', 'Tipo de doc.'],
  dni: ['DNI', 'N° Documento', 'Número de documento', 'Nro. Doc.', 'Documento', 'N° DNI', 'Doc. Identidad'],
  names: ['Nombres', 'Nombre'],
  // Every column matching a names/lastNames alias is used, in order: 'Apellido paterno' +
  // 'Apellido materno' make the last names.
  lastNames: ['Apellidos', 'Apellido', 'Apellido paterno', 'Apellido materno'],
  fullName: ['Nombres y apellidos', 'Apellidos y nombres', 'Nombre completo', 'Ciudadano', 'Nombre del usuario'],
  email: ['Correo', 'Correo electrónico', 'Email', 'E-mail', 'Correo del usuario'],
  phone: ['Celular', 'Teléfono', 'Teléfono celular', 'Móvil', 'N° Celular'],
  date: ['Fecha', 'Fecha de cita', 'Fecha de la cita', 'Fecha de atención'],
  time: ['Hora', 'Hora de cita', 'Hora de la cita', 'Hora de inicio', 'Horario'],
  dateTime: ['Fecha y hora', 'Fecha y hora de cita', 'Fecha/Hora', 'Fecha hora'],
  service: ['Servicio', 'Tipo de servicio', 'Tema'],
  consultant: ['Consultor', 'Asesor', 'Consultor asignado', 'Orientador', 'Especialista'],
  status: ['Estado', 'Estado de cita', 'Estado de la cita'],
};

/** Fields whose matching columns are all used, joined with a space. */
const JOINED_FIELDS: ReadonlySet<ReportField> = new Set<ReportField>(['names', 'lastNames']);

export interface ImportedAppointment {
  /** The platform's code when the report has one; otherwise `${dni}|${yyyy-mm-dd}|${HH:mm}` (Lima). */
  key: string;
  code: string | null;
  /** The document number: an 8-digit DNI as text, or the number of another document. */
  dni: string;
  /** 'DNI', 'CE', 'Pasaporte', 'PTP', 'CPP' or the type as written in the report. */
  documentType: string;
  fullName: string;
  email: string;
  /** '+51 9XXXXXXXX' for a Peruvian mobile; any other number as typed; null when absent. */
  phone: string | null;
  start: Date;
  consultant: string | null;
  service: string | null;
  /** Row number in the file (1 = first row), as Excel shows it. */
  line: number;
  /** The report's own status text, if it has a status column. */
  platformStatus?: string | null;
  /** True when that status says the booking was annulled on the platform. */
  cancelledOnPlatform?: boolean;
}

export interface RejectedRow {
  line: number;
  /** 'Fila 7: el DNI «1234» no tiene 8 dígitos; falta el correo electrónico' */
  reason: string;
  raw: string[];
}

export interface ReportWarning {
  line: number;
  /** 'Fila 5: el teléfono «(01) 456-7890» no es un celular peruano …' */
  message: string;
}

export interface ReportParseResult {
  appointments: ImportedAppointment[];
  rejected: RejectedRow[];
  /** Required columns not found; when not empty nothing was imported. */
  missingColumns: ReportField[];
  /** 1-based row number of the header; 0 when no header row was found. */
  headerLine: number;
  /** Rows imported with something a person should know (e.g. a landline kept as typed). */
  warnings: ReportWarning[];
  /** For the sidebar: why nothing was imported, when missingColumns is not empty. */
  fileProblem: string | null;
}

export interface ReportOptions {
  /** Used to complete dates written without a year ('15/03'). */
  now: Date;
}

/** Rows above the header that may be titles, dates of the report, logos' alt text… */
const HEADER_SEARCH_ROWS = 30;
/** A row is the header only if it names at least this many known fields. */
const MIN_HEADER_FIELDS = 3;

const NUMBER_WORDS = new Set(['n', 'no', 'nro', 'nros', 'num', 'numero']);
const DROPPED_WORDS = new Set(['de', 'del']);

/**
 * Header comparison form: 'N° Documento', 'Nº documento', 'Número de documento' and
 * 'NRO. DOCUMENTO' all become 'nrodocumento'; 'Correo Electrónico' becomes 'correoelectronico'.
 */
export function normaliseHeader(header: unknown): string {
  return comparisonWords(header)
    .map((w) => (NUMBER_WORDS.has(w) ? 'nro' : w))
    .join('');
}

/** Lowercase words without accents, punctuation, 'de' and 'del'. */
function comparisonWords(value: unknown): string[] {
  return cleanText(value)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[°º]/g, 'o ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !DROPPED_WORDS.has(w));
}

type ColumnMap = Partial<Record<ReportField, number[]>>;

function mapColumns(headerRow: unknown[], aliases: Record<ReportField, string[]>): ColumnMap {
  const headers = headerRow.map(normaliseHeader);
  const taken = new Set<number>();
  const map: ColumnMap = {};
  for (const field of REPORT_FIELDS) {
    const wanted = (aliases[field] ?? []).map(normaliseHeader).filter((a) => a !== '');
    if (wanted.length === 0) continue;
    if (JOINED_FIELDS.has(field)) {
      const cols: number[] = [];
      headers.forEach((h, col) => {
        if (!taken.has(col) && wanted.includes(h)) cols.push(col);
      });
      if (cols.length > 0) {
        cols.forEach((c) => taken.add(c));
        map[field] = cols;
      }
      continue;
    }
    for (const alias of wanted) {
      const col = headers.findIndex((h, c) => h === alias && !taken.has(c));
      if (col >= 0) {
        taken.add(col);
        map[field] = [col];
        break;
      }
    }
  }
  return map;
}

/** True when `rows` have a header row of the report (to choose among a web page's tables). */
export function hasReportHeader(rows: unknown[][], aliases: Record<ReportField, string[]>): boolean {
  return findHeader(rows, aliases) !== null;
}

function findHeader(rows: unknown[][], aliases: Record<ReportField, string[]>): { index: number; columns: ColumnMap } | null {
  let best: { index: number; columns: ColumnMap; score: number } | null = null;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) continue;
    const columns = mapColumns(row, aliases);
    const score = Object.keys(columns).length;
    if (score >= MIN_HEADER_FIELDS && (!best || score > best.score)) best = { index: r, columns, score };
  }
  return best;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** Any cell as the text a person would see: integers without exponent, dates as dd/mm/aaaa hh:mm (Lima). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return '';
    const p = limaParts(v);
    const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
    if (p.year <= 1900) return time; // a time-only cell (Excel's day 0 is in 1899/1900)
    const date = `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
    return p.hour === 0 && p.minute === 0 ? date : `${date} ${time}`;
  }
  return String(v);
}

// ---------------------------------------------------------------------------------------------
// Dates and times
// ---------------------------------------------------------------------------------------------

export interface ClockTime {
  hour: number;
  minute: number;
}

export type TimeParse = { ok: true; time: ClockTime } | { ok: false; problem: string };

const TIME_PATTERN = /^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?(?:[:.](\d{2})(?:\.\d+)?)?\s*(.*)$/;

/**
 * A time of day: 24-hour ('15:30', '15:30:00', '9:05', '15h30', '15.30') or 12-hour ('3:30 p. m.',
 * '3:30 p.m.', '03:30 PM', '3:30 a. m.', '3 pm'), with the NBSP Excel writes before 'p. m.'.
 * A range ('09:00 - 09:35') gives its start. From a spreadsheet: a Date (its Lima time) or a
 * day fraction (0.6458333 = 15:30).
 */
export function parseClockTime(value: unknown): TimeParse {
  if (value instanceof Date) {
    if (isNaN(value.getTime())) return { ok: false, problem: M.timeInvalid('') };
    const p = limaParts(value);
    return { ok: true, time: { hour: p.hour, minute: p.minute } };
  }
  if (typeof value === 'number') {
    if (!(value >= 0) || !Number.isFinite(value)) return { ok: false, problem: M.timeInvalid(String(value)) };
    const minutes = Math.round((value - Math.floor(value)) * 1440) % 1440;
    return { ok: true, time: { hour: Math.floor(minutes / 60), minute: minutes % 60 } };
  }
  const shown = cleanText(value, 100);
  if (shown === '') return { ok: false, problem: M.timeMissing };
  const s = shown.toLowerCase().split(/\s*(?:-|–|—|\bhasta\b)\s*/)[0];
  const m = TIME_PATTERN.exec(s);
  if (!m) return { ok: false, problem: M.timeInvalid(shown) };
  const suffix = m[4].replace(/[\s.]/g, '');
  let hour = Number(m[1]);
  const minute = m[2] !== undefined ? Number(m[2]) : 0;
  const second = m[3] !== undefined ? Number(m[3]) : 0;
  let twelveHour: 'am' | 'pm' | null = null;
  if (suffix === 'am' || suffix === 'pm') twelveHour = suffix;
  else if (suffix !== '' && !/^(h|hs|hrs?|horas?)$/.test(suffix)) return { ok: false, problem: M.timeInvalid(shown) };
  // A bare number ('15') is not a time; '15 h' and '3 pm' are.
  if (m[2] === undefined && suffix === '') return { ok: false, problem: M.timeInvalid(shown) };
  if (minute > 59 || second > 59) return { ok: false, problem: M.timeInvalid(shown) };
  if (twelveHour) {
    if (hour < 1 || hour > 12) return { ok: false, problem: M.timeInvalid(shown) };
    hour = (hour % 12) + (twelveHour === 'pm' ? 12 : 0);
  } else if (hour > 23) {
    return { ok: false, problem: M.timeInvalid(shown) };
  }
  return { ok: true, time: { hour, minute } };
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export type DateParse =
  | { ok: true; date: CalendarDate; time: ClockTime | null }
  | { ok: false; problem: string };

const MONTHS: Record<string, number> = {
  ene: 1, enero: 1, feb: 2, febrero: 2, mar: 3, marzo: 3, abr: 4, abril: 4, may: 5, mayo: 5,
  jun: 6, junio: 6, jul: 7, julio: 7, ago: 8, agosto: 8, set: 9, sep: 9, sept: 9, setiembre: 9,
  septiembre: 9, oct: 10, octubre: 10, nov: 11, noviembre: 11, dic: 12, diciembre: 12,
  // English abbreviations, as an English-language Excel writes 'd-mmm-yy'.
  jan: 1, apr: 4, aug: 8, dec: 12,
};

const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:t|\s+|,\s*)(.*))?$/;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})t(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}:?\d{2})$/;
const DMY_DATE = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?(?:(?:\s+|,\s*)(.*))?$/;
const DMY_NAMED = /^(\d{1,2})(?:\s+de\s+|[-/.\s])([a-z]+)\.?(?:(?:\s+de\s+|[-/.\s])(\d{4}|\d{2}))?(?:(?:\s+|,\s*)(.*))?$/;
const WEEKDAY_PREFIX = /^(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|lun|mar|mie|jue|vie|sab|dom)\.?,?\s+/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A calendar date (and the time, if the same cell carries one): 'dd/mm/yyyy', 'd/m/yyyy',
 * 'dd-mm-yyyy', 'dd.mm.yyyy', 'dd/mm/yy', 'yyyy-mm-dd', '15-mar-2026', '15 de marzo de 2026',
 * 'lunes, 15 de marzo de 2026', ISO instants with a zone, and dates without year ('15/03', the
 * year of `now` or the next one if that date is over two months past). From a spreadsheet: a Date
 * (its Lima calendar date; a time other than 00:00 is the time) or an Excel serial number.
 */
export function parseCalendarDate(value: unknown, now: Date): DateParse {
  if (value instanceof Date) {
    if (isNaN(value.getTime())) return { ok: false, problem: M.dateUnrecognised('') };
    const p = limaParts(value);
    const time = p.hour === 0 && p.minute === 0 ? null : { hour: p.hour, minute: p.minute };
    return { ok: true, date: { year: p.year, month: p.month, day: p.day }, time };
  }
  if (typeof value === 'number') {
    // Serials between 1954 and 2119: beyond that a number is not a date of this service.
    if (!(value >= 20000 && value < 80000)) return { ok: false, problem: M.dateUnrecognised(cellText(value)) };
    return parseCalendarDate(excelSerialToDate(value), now);
  }
  const shown = cleanText(value, 100);
  if (shown === '') return { ok: false, problem: M.dateMissing };
  const s = shown.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(WEEKDAY_PREFIX, '');

  const instant = ISO_INSTANT.exec(s);
  if (instant) {
    const [, y, mo, d, h, mi, sec, zone] = instant;
    let offsetMinutes = 0;
    if (zone !== 'z') {
      const z = zone.replace(':', '');
      offsetMinutes = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    }
    const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, sec ? +sec : 0) - offsetMinutes * 60_000;
    if (!isRealDate(+y, +mo, +d)) return { ok: false, problem: M.dateImpossible(shown) };
    return parseCalendarDate(new Date(utc), now);
  }

  let year: number;
  let month: number;
  let day: number;
  let rest: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = ISO_DATE.exec(s))) {
    year = +m[1]; month = +m[2]; day = +m[3]; rest = m[4];
  } else if ((m = DMY_DATE.exec(s))) {
    day = +m[1]; month = +m[2]; year = m[3] ? +m[3] : NaN; rest = m[4];
  } else if ((m = DMY_NAMED.exec(s)) && MONTHS[m[2]] !== undefined) {
    day = +m[1]; month = MONTHS[m[2]]; year = m[3] ? +m[3] : NaN; rest = m[4];
  } else {
    return { ok: false, problem: M.dateUnrecognised(shown) };
  }
  if (isNaN(year)) year = yearFor(month, day, now);
  else if (year < 100) year += 2000;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, problem: M.dateImpossible(shown) };
  }
  if (year < 2000 || year > 2100) return { ok: false, problem: M.dateOutOfRange(shown) };
  let time: ClockTime | null = null;
  if (rest !== undefined && rest.trim() !== '') {
    const t = parseClockTime(rest.replace(/^(?:a\s+las|a\s+la|hrs?\.?|,)\s*/, ''));
    if (!t.ok) return { ok: false, problem: M.timeInvalid(rest.trim()) };
    time = t.time;
  }
  return { ok: true, date: { year, month, day }, time };
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The year of a date written without one: this year, or next year if it is over 2 months past. */
function yearFor(month: number, day: number, now: Date): number {
  const today = limaParts(now);
  const thisYear = Date.UTC(today.year, month - 1, day);
  const todayUtc = Date.UTC(today.year, today.month - 1, today.day);
  return thisYear < todayUtc - 60 * 86_400_000 ? today.year + 1 : today.year;
}

// ---------------------------------------------------------------------------------------------
// Documents, codes, statuses
// ---------------------------------------------------------------------------------------------

/**
 * 'D.N.I.' → 'DNI', 'Carné de extranjería' → 'CE'; empty → 'DNI' (the platform's default); null
 * for a type the service does not attend (the row goes to 'Revisión'). The rule lives in
 * validation.ts, shared with the walk-in.
 */
export function canonicalDocumentType(raw: unknown): string | null {
  return documentTypeOf(cellText(raw));
}

/**
 * A name as the report gives it, in the one form the sheet keeps whatever the report's shape:
 * «Nombres Apellidos». A combined column written «APELLIDOS, NOMBRES» (one comma) is turned
 * around, so importing the combined shape after the split one (or the other way) finds the same
 * name and changes nothing. Without a comma the combined text is kept in its order: nothing tells
 * where the surnames end.
 */
export function reportPersonName(parts: { fullName?: string; names?: string; lastNames?: string }): string {
  if (parts.fullName !== undefined) {
    const text = cleanText(parts.fullName, 0);
    const pieces = text.split(',');
    if (pieces.length === 2) {
      const [surnames, names] = pieces.map((p) => cleanText(p, 0));
      if (surnames !== '' && names !== '') return `${names} ${surnames}`;
    }
    return text;
  }
  return cleanText([parts.names ?? '', parts.lastNames ?? ''].join(' '), 0);
}

/** Platform codes are compared without spaces and case; leading zeros are kept (text). */
export function normaliseCode(raw: unknown): string | null {
  const code = cleanText(cellText(raw), 60).replace(/\s+/g, '').toUpperCase();
  return code === '' ? null : code;
}

const CANCELLED_STATUS = /anulad|cancelad|eliminad|rechazad|desistid|no\s*vigente/;

function isCancelledStatus(status: string): boolean {
  return CANCELLED_STATUS.test(status.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

/** Which columns a report cannot do without (used to tell the consultant before importing). */
function missingRequired(columns: ColumnMap, rows: unknown[][], headerIndex: number, now: Date): ReportField[] {
  const missing: ReportField[] = [];
  if (!columns.dni) missing.push('dni');
  if (!columns.fullName && !columns.names) missing.push('fullName');
  if (!columns.email) missing.push('email');
  if (!columns.dateTime && !columns.date) missing.push('date');
  else if (!columns.dateTime && !columns.time) {
    // No time column: acceptable only if the date column itself carries the time.
    const col = columns.date![0];
    const carriesTime = rows.slice(headerIndex + 1).some((row) => {
      if (!Array.isArray(row)) return false;
      const d = parseCalendarDate(row[col], now);
      return d.ok && d.time !== null;
    });
    if (!carriesTime) missing.push('time');
  }
  return missing;
}

function isBlankRow(row: unknown[]): boolean {
  for (const v of row) if (cellText(v).trim() !== '') return false;
  return true;
}

/**
 * Maps the report's rows (title rows, then the header, then one row per appointment) to
 * appointments. See `ReportParseResult` for what comes back.
 */
export function parseReport(
  rows: unknown[][],
  aliases: Record<ReportField, string[]>,
  options: ReportOptions,
): ReportParseResult {
  const result: ReportParseResult = {
    appointments: [],
    rejected: [],
    missingColumns: [],
    headerLine: 0,
    warnings: [],
    fileProblem: null,
  };
  const header = findHeader(rows, aliases);
  if (!header) {
    result.missingColumns = missingRequired({}, rows, 0, options.now);
    result.fileProblem = M.noHeader;
    return result;
  }
  result.headerLine = header.index + 1;
  const columns = header.columns;
  result.missingColumns = missingRequired(columns, rows, header.index, options.now);
  if (result.missingColumns.length > 0) {
    result.fileProblem = M.missingColumns(result.missingColumns.map((f) => FIELD_LABELS[f]));
    return result;
  }

  const firstLineOfKey = new Map<string, number>();
  for (let r = header.index + 1; r < rows.length; r++) {
    const row = Array.isArray(rows[r]) ? rows[r] : [];
    if (isBlankRow(row)) continue;
    const line = r + 1;
    const parsed = parseRow(row, columns, line, options.now);
    if (!parsed.ok) {
      result.rejected.push({ line, reason: `${M.rowPrefix(line)}: ${parsed.problems.join('; ')}`, raw: row.map(cellText) });
      continue;
    }
    const appt = parsed.appointment;
    // All-digit codes are compared without leading zeros, as reconcileImport matches them.
    const dedupeKey = /^\d+$/.test(appt.key) ? appt.key.replace(/^0+(?=\d)/, '') : appt.key;
    const first = firstLineOfKey.get(dedupeKey);
    if (first !== undefined) {
      const p = limaParts(appt.start);
      const problem = appt.code
        ? M.duplicateCode(appt.code, first)
        : M.duplicateSlot(appt.dni, `${pad2(p.day)}/${pad2(p.month)}/${p.year}`, `${pad2(p.hour)}:${pad2(p.minute)}`, first);
      result.rejected.push({ line, reason: `${M.rowPrefix(line)}: ${problem}`, raw: row.map(cellText) });
      continue;
    }
    firstLineOfKey.set(dedupeKey, line);
    result.appointments.push(appt);
    for (const w of parsed.warnings) result.warnings.push({ line, message: `${M.rowPrefix(line)}: ${w}` });
  }
  return result;
}

type RowParse =
  | { ok: true; appointment: ImportedAppointment; warnings: string[] }
  | { ok: false; problems: string[] };

function parseRow(row: unknown[], columns: ColumnMap, line: number, now: Date): RowParse {
  const cell = (field: ReportField): unknown => {
    const cols = columns[field];
    return cols ? row[cols[0]] : undefined;
  };
  const text = (field: ReportField, max = 200): string => {
    const cols = columns[field];
    if (!cols) return '';
    return cols
      .map((c) => cleanText(cellText(row[c]), max))
      .filter((t) => t !== '')
      .join(' ');
  };
  const problems: string[] = [];
  const warnings: string[] = [];

  // Document
  const documentType = canonicalDocumentType(cell('documentType'));
  const docRaw = cell('dni');
  const docText = cleanText(cellText(docRaw), 40);
  let dni = '';
  if (documentType === null) {
    problems.push(M.documentTypeUnknown(cleanText(cellText(cell('documentType')), 60)));
  } else if (documentType === 'DNI') {
    const n = normaliseDni(typeof docRaw === 'number' ? docRaw : docText);
    if (n) dni = n;
    else if (docText === '') problems.push(M.dniMissing);
    else if (/[^\d\s.]/.test(docText)) problems.push(M.dniNotDigits(docText));
    else if (docText.replace(/[\s.]/g, '').length === 7) problems.push(M.dniSevenDigits(docText));
    else problems.push(M.dniWrongLength(docText));
  } else {
    const doc = docText.replace(/[\s.\-]/g, '').toUpperCase();
    if (docText === '') problems.push(M.documentMissing);
    else if (!/^[A-Z0-9]{5,15}$/.test(doc)) problems.push(M.documentInvalid(documentType, docText));
    else dni = doc;
  }

  // Name
  const nameText = reportPersonName(columns.fullName ? { fullName: text('fullName', 0) } : { names: text('names', 0), lastNames: text('lastNames', 0) });
  const name = checkPersonName(nameText);
  const fullName = name.ok ? name.name : '';
  if (!name.ok) problems.push(name.problem === 'missing' ? M.nameMissing : name.problem === 'tooLong' ? M.nameTooLong : M.nameInvalid(nameText));

  // Email
  const emailText = text('email', 254);
  const email = normaliseEmail(emailText);
  if (emailText === '') problems.push(M.emailMissing);
  else if (!email) problems.push(M.emailInvalid(emailText));

  // Phone: optional; a number that is not a Peruvian mobile is kept as typed for a person to call.
  const phoneRaw = cell('phone');
  const phoneText = text('phone', 60);
  let phone: string | null = null;
  if (phoneText !== '') {
    phone = normalisePeruMobile(typeof phoneRaw === 'number' ? phoneRaw : phoneText);
    if (!phone) {
      phone = phoneText;
      warnings.push(M.phoneKeptAsTyped(phoneText));
    }
  }

  // Date and time (Lima)
  let start: Date | null = null;
  const dateCell = columns.dateTime ? cell('dateTime') : cell('date');
  const d = parseCalendarDate(dateCell, now);
  if (!d.ok) {
    problems.push(d.problem);
  } else {
    let time = d.time;
    const timeCell = columns.dateTime ? undefined : cell('time');
    if (cellText(timeCell).trim() !== '') {
      const t = parseClockTime(timeCell);
      if (t.ok) time = t.time;
      else problems.push(t.problem);
    } else if (!time) {
      problems.push(M.timeMissing);
    }
    if (time && problems.length === 0) start = limaDate(d.date.year, d.date.month, d.date.day, time.hour, time.minute);
  }

  if (problems.length > 0 || !start || !email || documentType === null) return { ok: false, problems };

  const code = columns.code ? normaliseCode(cell('code')) : null;
  const p = limaParts(start);
  const key = code ?? `${dni}|${limaDateKey(start)}|${pad2(p.hour)}:${pad2(p.minute)}`;
  const statusText = text('status', 60);
  return {
    ok: true,
    warnings,
    appointment: {
      key,
      code,
      dni,
      documentType,
      fullName,
      email,
      phone,
      start,
      consultant: text('consultant') || null,
      service: text('service') || null,
      line,
      platformStatus: statusText || null,
      cancelledOnPlatform: statusText !== '' && isCancelledStatus(statusText),
    },
  };
}
