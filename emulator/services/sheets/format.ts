import { zonedParts } from '../../core/zones';
import type { LocaleInfo } from './locale';

/**
 * Display values: what `getDisplayValues()` returns, i.e. the cell's value rendered through
 * its number format in the spreadsheet's locale and time zone
 * (developers.google.com/sheets/api/guides/formats). Supported pattern syntax: number
 * patterns with 0 # ? , . % literals, quoted text, "[$S/]" currency prefixes and up to three
 * sections (positive;negative;zero); date patterns with d dd ddd dddd m mm mmm mmmm yy yyyy
 * h hh m mm (minutes next to hours/seconds) s ss am/pm. Dates and numbers convert through
 * Sheets' serial numbers (days since 1899-12-30 in the spreadsheet's zone), so a number in a
 * date-formatted cell shows as a date and vice versa, as in Sheets.
 */
export type CellValue = string | number | boolean | Date;

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * The zone's offset at that instant to the second. Sheets' day zero (1899-12-30) falls in
 * local mean time for many zones (Lima: UTC−5:08:36), so minute precision is not enough to
 * round-trip a time of day.
 */
export function offsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p = zonedParts(whole, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/** The instant the zone's wall clock shows this time. */
export function wallTimeToMs(timeZone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  let ms = guess - offsetMs(guess, timeZone);
  ms = guess - offsetMs(ms, timeZone);
  return ms;
}

export function dateToSerial(ms: number, timeZone: string): number {
  return (ms + offsetMs(ms, timeZone) - SERIAL_EPOCH) / DAY_MS;
}

export function serialToMs(serial: number, timeZone: string): number {
  const d = new Date(SERIAL_EPOCH + Math.round(serial * DAY_MS));
  return (
    wallTimeToMs(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) +
    d.getUTCMilliseconds()
  );
}

/** "General"/automatic: no explicit format was set. */
export function isAutomaticFormat(pattern: string | undefined): boolean {
  return pattern === undefined || pattern === '' || pattern.toLowerCase() === 'general';
}

export function isTextFormat(pattern: string | undefined): boolean {
  return pattern === '@';
}

/** The pattern without quoted literals, escapes and bracketed parts: what classifies it. */
function skeleton(pattern: string): string {
  return pattern.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

export function isDatePattern(pattern: string | undefined): boolean {
  if (!pattern || isAutomaticFormat(pattern) || isTextFormat(pattern)) return false;
  const s = skeleton(pattern.split(';')[0]);
  if (/[0#?]/.test(s)) return false;
  return /[dmyhs]/i.test(s);
}

export function formatDisplay(value: CellValue, pattern: string | undefined, loc: LocaleInfo, timeZone: string): string {
  if (value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? loc.trueText : loc.falseText;
  const numeric = pattern !== undefined && !isAutomaticFormat(pattern) && !isTextFormat(pattern) && !isDatePattern(pattern);
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
    const ms = (value as Date).getTime();
    if (numeric) return formatNumber(dateToSerial(ms, timeZone), pattern!, loc);
    return formatDate(ms, isDatePattern(pattern) ? pattern! : loc.dateTimePattern, loc, timeZone);
  }
  const n = value as number;
  if (isDatePattern(pattern)) return formatDate(serialToMs(n, timeZone), pattern!, loc, timeZone);
  if (numeric) return formatNumber(n, pattern!, loc);
  return formatGeneral(n, loc);
}

/** Automatic format: integers as they are, up to 10 decimals, scientific for huge/tiny numbers. */
export function formatGeneral(n: number, loc: LocaleInfo): string {
  if (!Number.isFinite(n)) return '#NUM!';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-10)) {
    const [mant, exp] = n.toExponential(5).split('e');
    const m = mant.replace(/\.?0+$/, '').replace('.', loc.decimal);
    const e = Number(exp);
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const s = String(Number(n.toFixed(10)));
  return s.replace('.', loc.decimal);
}

function splitSections(pattern: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted && i + 1 < pattern.length) {
      cur += ch + pattern[++i];
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

export function formatNumber(value: number, pattern: string, loc: LocaleInfo): string {
  const sections = splitSections(pattern);
  let n = value;
  let section = sections[0];
  let sign = '';
  if (n < 0 && sections.length >= 2 && sections[1] !== '') {
    section = sections[1];
    n = -n;
  } else if (n === 0 && sections.length >= 3) {
    section = sections[2];
  } else if (n < 0) {
    sign = '-';
    n = -n;
  }
  // Split the section into literal text around one numeric block.
  const before: string[] = [];
  const after: string[] = [];
  let block = '';
  let blockDone = false;
  let percent = false;
  const emit = (s: string) => {
    if (block) {
      blockDone = true;
      after.push(s);
    } else before.push(s);
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if ('0#?,.'.includes(ch) && !blockDone) {
      if (ch === ',' && !block) {
        emit(ch);
        continue;
      }
      block += ch;
      continue;
    }
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      emit(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      emit(section[++i] ?? '');
    } else if (ch === '[') {
      const end = section.indexOf(']', i + 1);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      if (inner.startsWith('$')) emit(inner.slice(1).split('-')[0]);
      i = end < 0 ? section.length : end;
    } else if (ch === '_' || ch === '*') {
      i++;
      if (ch === '_') emit(' ');
    } else if (ch === '%') {
      percent = true;
      emit('%');
    } else {
      emit(ch);
    }
  }
  if (percent) n *= 100;
  const [intSpec, fracSpec = ''] = block.split('.');
  const grouping = intSpec.includes(',');
  const minInt = (intSpec.match(/0/g) ?? []).length;
  const minFrac = (fracSpec.match(/0/g) ?? []).length;
  const maxFrac = (fracSpec.match(/[0#?]/g) ?? []).length;
  let [ip, fp = ''] = n.toFixed(maxFrac).split('.');
  while (fp.length > minFrac && fp.endsWith('0')) fp = fp.slice(0, -1);
  if (ip === '0' && minInt === 0) ip = '';
  ip = ip.padStart(minInt, '0');
  if (grouping) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, loc.group);
  const digits = ip + (fp ? loc.decimal + fp : '');
  const shown = block ? digits : '';
  if (sign && !/[1-9]/.test(shown)) sign = '';
  return sign + before.join('') + shown + after.join('');
}

type DateToken = { kind: string; text: string };

const DATE_TOKEN = /"[^"]*"|\\.|\[[^\]]*\]|am\/pm|a\/p|y{3,4}|y{1,2}|m{3,5}|m{1,2}|d{3,4}|d{1,2}|h{1,2}|s{1,2}|\.0{1,3}|./gi;

export function formatDate(ms: number, pattern: string, loc: LocaleInfo, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  const tokens: DateToken[] = [];
  for (const m of pattern.matchAll(DATE_TOKEN)) {
    const t = m[0];
    const lower = t.toLowerCase();
    if (t.startsWith('"')) tokens.push({ kind: 'lit', text: t.slice(1, -1) });
    else if (t.startsWith('\\')) tokens.push({ kind: 'lit', text: t.slice(1) });
    else if (t.startsWith('[')) tokens.push({ kind: /^\[h+\]$/i.test(t) ? 'h' : 'lit', text: /^\[h+\]$/i.test(t) ? 'h' : '' });
    else if (/^(am\/pm|a\/p|y+|m+|d+|h+|s+|\.0+)$/.test(lower)) tokens.push({ kind: lower[0] === '.' ? 'ms' : lower.startsWith('a') ? 'ampm' : lower[0], text: lower });
    else tokens.push({ kind: 'lit', text: t });
  }
  const twelve = tokens.some((t) => t.kind === 'ampm');
  const fields = tokens.filter((t) => t.kind !== 'lit');
  const out: string[] = [];
  const two = (n: number) => String(n).padStart(2, '0');
  for (const t of tokens) {
    const idx = fields.indexOf(t);
    switch (t.kind) {
      case 'lit':
        out.push(t.text);
        break;
      case 'y':
        out.push(t.text.length <= 2 ? two(p.year % 100) : String(p.year));
        break;
      case 'm': {
        const prev = fields[idx - 1];
        const next = fields[idx + 1];
        const minute = t.text.length <= 2 && ((prev && prev.kind === 'h') || (next && next.kind === 's'));
        if (minute) out.push(t.text.length === 2 ? two(p.minute) : String(p.minute));
        else if (t.text.length === 1) out.push(String(p.month));
        else if (t.text.length === 2) out.push(two(p.month));
        else if (t.text.length === 3) out.push(loc.monthsShort[p.month - 1]);
        else if (t.text.length === 4) out.push(loc.months[p.month - 1]);
        else out.push(loc.months[p.month - 1].charAt(0));
        break;
      }
      case 'd':
        if (t.text.length === 1) out.push(String(p.day));
        else if (t.text.length === 2) out.push(two(p.day));
        else if (t.text.length === 3) out.push(loc.weekdaysShort[p.weekday]);
        else out.push(loc.weekdays[p.weekday]);
        break;
      case 'h': {
        const h = twelve ? ((p.hour + 11) % 12) + 1 : p.hour;
        out.push(t.text.length === 2 ? two(h) : String(h));
        break;
      }
      case 's':
        out.push(t.text.length === 2 ? two(p.second) : String(p.second));
        break;
      case 'ms':
        out.push(loc.decimal + String(p.millisecond).padStart(3, '0').slice(0, t.text.length - 1));
        break;
      case 'ampm':
        if (t.text === 'a/p') out.push(p.hour < 12 ? 'a' : 'p');
        else if (loc.spanish) out.push(p.hour < 12 ? 'a. m.' : 'p. m.');
        else out.push(p.hour < 12 ? 'AM' : 'PM');
        break;
    }
  }
  return out.join('');
}
