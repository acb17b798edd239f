import { isDate } from '../../core/gas-object';
import { isAutomaticFormat, isTextFormat, wallTimeToMs, type CellValue } from './format';
import type { LocaleInfo } from './locale';

/**
 * How Sheets reads what a script writes with `setValue`/`setValues`/`appendRow`: as if a
 * person typed it ("USER_ENTERED"; developers.google.com/apps-script/reference/spreadsheet/range#setvaluevalue,
 * developers.google.com/sheets/api/reference/rest/v4/ValueInputOption):
 * - numbers, booleans and Dates are stored as they are (a Date gets a date-time format when
 *   the cell had none);
 * - a string starting with "=" is a formula; one starting with "+" or "-" that is not a
 *   number is read as a formula too (Sheets' "+51 987…" gives a formula parse error);
 * - a leading apostrophe forces text and is not part of the value ("'00123" → "00123");
 * - number-like strings become numbers in the locale's notation (leading zeros are lost),
 *   "TRUE"/"FALSE" (and VERDADERO/FALSO in Spanish) become booleans, and date/time-like
 *   strings become Dates in the spreadsheet's time zone — unless the cell's number format is
 *   plain text "@", where every string is kept exactly as given.
 */
export interface Interpreted {
  v: CellValue;
  f?: string;
  /** The format Sheets applies when it recognises a date, percentage or grouped number in an automatic cell. */
  format?: string;
}

export interface InputContext {
  pattern: string | undefined;
  loc: LocaleInfo;
  timeZone: string;
  /** False for form answers: Google writes them as data, never as formulas. */
  formulas: boolean;
}

export function interpretInput(input: unknown, ctx: InputContext): Interpreted {
  if (input === null || input === undefined) return { v: '' };
  if (typeof input === 'number') return { v: input };
  if (typeof input === 'boolean') return { v: input };
  if (isDate(input)) {
    const d = new Date((input as Date).getTime());
    if (Number.isNaN(d.getTime())) return { v: '' };
    return { v: d, format: ctx.loc.dateTimePattern };
  }
  const s = typeof input === 'string' ? input : stringOf(input);
  if (isTextFormat(ctx.pattern)) return { v: s };
  if (s === '') return { v: '' };
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (s.startsWith('=') && s.length > 1) return ctx.formulas ? { v: '', f: s } : { v: s };
  const parsed = parseTyped(s, ctx.loc, ctx.timeZone);
  if (parsed) return parsed;
  if (ctx.formulas && /^[+-]./.test(s)) return { v: '', f: `=${s}` };
  return { v: s };
}

/** Apps Script turns other objects into text (arrays as comma-separated values). */
function stringOf(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => stringOf(x)).join(',');
  return String(v);
}

const numberPatterns = new Map<LocaleInfo, RegExp>();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function numberPattern(loc: LocaleInfo): RegExp {
  let re = numberPatterns.get(loc);
  if (!re) {
    const g = escapeRe(loc.group);
    const d = escapeRe(loc.decimal);
    re = new RegExp(`^([+-])?(?:(\\d{1,3}(?:${g}\\d{3})+)|(\\d+))?(?:${d}(\\d+))?(?:[eE]([+-]?\\d+))?(%)?$`);
    numberPatterns.set(loc, re);
  }
  return re;
}

/** A typed value if the string reads as a number, boolean, date or time in this locale. */
export function parseTyped(raw: string, loc: LocaleInfo, timeZone: string): Interpreted | null {
  const s = raw.trim();
  if (s === '') return null;
  const m = numberPattern(loc).exec(s);
  if (m && (m[2] || m[3] || m[4])) {
    const [, sign = '', grouped, plain, frac, exp, percent] = m;
    const intDigits = grouped ? grouped.split(loc.group).join('') : plain ?? '0';
    let n = Number(`${sign}${intDigits || '0'}.${frac ?? '0'}e${exp ?? '0'}`);
    if (percent) n = n / 100;
    if (Number.isFinite(n)) {
      const decimals = frac ? '.00' : '';
      if (percent) return { v: n, format: `0${decimals}%` };
      if (grouped) return { v: n, format: `#,##0${decimals}` };
      return { v: n };
    }
  }
  const upper = s.toUpperCase();
  if (upper === 'TRUE' || (loc.spanish && upper === 'VERDADERO')) return { v: true };
  if (upper === 'FALSE' || (loc.spanish && upper === 'FALSO')) return { v: false };
  return parseDateTime(s, loc, timeZone);
}

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const NUMERIC_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s?m\.?)?)?$/i;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s?m\.?)?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function hour24(h: number, ampm: string | undefined): number | null {
  if (!ampm) return h < 24 ? h : null;
  if (h < 1 || h > 12) return null;
  const pm = ampm.toLowerCase() === 'p';
  return (h % 12) + (pm ? 12 : 0);
}

function buildDate(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  sec: number,
  timeZone: string,
): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || mi > 59 || sec > 59) return null;
  return new Date(wallTimeToMs(timeZone, y, mo, d, h, mi, sec));
}

function parseDateTime(s: string, loc: LocaleInfo, timeZone: string): Interpreted | null {
  let m = ISO_DATE.exec(s);
  if (m) {
    const h = m[4] === undefined ? 0 : hour24(Number(m[4]), undefined);
    if (h === null) return null;
    const date = buildDate(+m[1], +m[2], +m[3], h, Number(m[5] ?? 0), Number(m[6] ?? 0), timeZone);
    return date ? { v: date, format: m[4] === undefined ? loc.datePattern : loc.dateTimePattern } : null;
  }
  m = NUMERIC_DATE.exec(s);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    const [day, month] = loc.dayFirst ? [first, second] : [second, first];
    let year = Number(m[3]);
    // Two-digit years: 00–29 are 2000s, 30–99 are 1900s, as Sheets reads them.
    if (m[3].length === 2) year += year < 30 ? 2000 : 1900;
    const h = m[4] === undefined ? 0 : hour24(Number(m[4]), m[7]);
    if (h === null) return null;
    const date = buildDate(year, month, day, h, Number(m[5] ?? 0), Number(m[6] ?? 0), timeZone);
    return date ? { v: date, format: m[4] === undefined ? loc.datePattern : loc.dateTimePattern } : null;
  }
  m = TIME_ONLY.exec(s);
  if (m) {
    const h = hour24(Number(m[1]), m[4]);
    if (h === null) return null;
    // A time alone is a time of Sheets' day zero, 1899-12-30, in the spreadsheet's zone.
    const date = buildDate(1899, 12, 30, h, Number(m[2]), Number(m[3] ?? 0), timeZone);
    return date ? { v: date, format: loc.timePattern } : null;
  }
  return null;
}

/** Whether an interpreted write should also set the cell's format (only automatic cells get one). */
export function autoFormatFor(current: string | undefined, written: Interpreted): string | undefined {
  return written.format !== undefined && isAutomaticFormat(current) ? written.format : undefined;
}
