/**
 * Lima wall-clock time, computed arithmetically.
 *
 * Peru uses UTC−5 all year and has had no daylight saving time since 1994, so a fixed offset is
 * exact for every date this service handles. We do not rely on Intl time-zone data: Apps Script
 * V8 does not guarantee it, and the same code must give the same answer in Node, in the emulator
 * and in Google's runtime.
 */

/** Lima is UTC−5: Lima wall-clock = UTC − 5 h. */
export const LIMA_UTC_OFFSET_MINUTES = -5 * 60;
const OFFSET_MS = LIMA_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

export interface LimaParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** The instant at which Lima's wall clock shows the given date and time. Overflow rolls over (day 32 → next month). */
export function limaDate(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS);
}

function assertValid(d: Date): void {
  if (!(d instanceof Date) || isNaN(d.getTime())) throw new RangeError('Invalid date');
}

/** The Lima wall-clock reading of an instant. Throws RangeError for an invalid Date. */
export function limaParts(d: Date): LimaParts {
  assertValid(d);
  const shifted = new Date(d.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function keyOf(year: number, month: number, day: number): string {
  const y = String(year);
  return (y.length < 4 ? '0000'.slice(y.length) + y : y) + '-' + pad2(month) + '-' + pad2(day);
}

/** The Lima calendar date of an instant, as 'yyyy-mm-dd'. */
export function limaDateKey(d: Date): string {
  const p = limaParts(d);
  return keyOf(p.year, p.month, p.day);
}

const KEY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'yyyy-mm-dd' (rejects '2026-02-30'). */
export function isDateKey(key: string): boolean {
  const m = KEY_RE.exec(key);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** Splits a 'yyyy-mm-dd' key; throws RangeError when it is not a real date. */
export function parseDateKey(key: string): { year: number; month: number; day: number } {
  if (!isDateKey(key)) throw new RangeError(`Invalid date key: ${JSON.stringify(key)}`);
  const m = KEY_RE.exec(key)!;
  return { year: +m[1], month: +m[2], day: +m[3] };
}

/** The date key n days after (or before, for negative n) the given one. */
export function addLimaDays(key: string, n: number): string {
  const { year, month, day } = parseDateKey(key);
  const d = new Date(Date.UTC(year, month - 1, day) + n * DAY_MS);
  return keyOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The instant Lima's day begins (00:00 Lima = 05:00 UTC). */
export function limaStartOfDay(key: string): Date {
  const { year, month, day } = parseDateKey(key);
  return limaDate(year, month, day);
}

/** The instant of a Lima wall-clock time on the given date key. */
export function limaDateAt(key: string, hour: number, minute = 0): Date {
  const { year, month, day } = parseDateKey(key);
  return limaDate(year, month, day, hour, minute);
}

export const WEEKDAYS_ES = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'] as const;
export const MONTHS_ES = [
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio',
  'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
] as const;

/** '3:30 p. m.' — 12-hour clock as written in Peru; midnight is '12:00 a. m.', noon '12:00 p. m.'. */
export function formatLimaTime(d: Date): string {
  const p = limaParts(d);
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${h12}:${pad2(p.minute)} ${p.hour < 12 ? 'a. m.' : 'p. m.'}`;
}

/** 'viernes 27 de noviembre de 2026' */
export function formatLimaDate(d: Date): string {
  const p = limaParts(d);
  return `${WEEKDAYS_ES[p.weekday]} ${p.day} de ${MONTHS_ES[p.month - 1]} de ${p.year}`;
}

/** 'viernes 27 de noviembre' — for subjects and short notices where the year is obvious. */
export function formatLimaDayMonth(d: Date): string {
  const p = limaParts(d);
  return `${WEEKDAYS_ES[p.weekday]} ${p.day} de ${MONTHS_ES[p.month - 1]}`;
}

/** 'viernes 27 de noviembre de 2026, 3:30 p. m.' */
export function formatLimaDateTime(d: Date): string {
  return `${formatLimaDate(d)}, ${formatLimaTime(d)}`;
}

/** '15:30' — 24-hour Lima time, for tables and sheets. */
export function formatHHmm(d: Date): string {
  const p = limaParts(d);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** '27/11/2026' — the numeric date format used in Peru. */
export function formatLimaShortDate(d: Date): string {
  const p = limaParts(d);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}
