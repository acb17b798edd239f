/**
 * What a spreadsheet's locale changes in Sheets: decimal and grouping separators (from CLDR
 * through the host's ICU, as Sheets uses CLDR too), whether numeric dates are read day-first,
 * the date/time patterns it applies automatically to typed dates, the words for TRUE/FALSE and
 * month names. `es_PE` gives "." for decimals, "," for thousands, day-first dates.
 *
 * Default patterns are the emulator's documented simplification: day-first locales use
 * "dd/MM/yyyy" and "dd/MM/yyyy HH:mm:ss" (e.g. "27/11/2026 15:30:00"); en_US uses
 * "M/d/yyyy" and "M/d/yyyy H:mm:ss" as Sheets does there.
 */
export interface LocaleInfo {
  locale: string;
  /** The BCP 47 tag Intl accepts ("es-PE"); en-US for a locale ICU does not know. */
  tag: string;
  decimal: string;
  group: string;
  spanish: boolean;
  dayFirst: boolean;
  datePattern: string;
  dateTimePattern: string;
  timePattern: string;
  trueText: string;
  falseText: string;
  months: string[];
  monthsShort: string[];
  weekdays: string[];
  weekdaysShort: string[];
}

const cache = new Map<string, LocaleInfo>();

function bcp47(locale: string): string {
  const tag = locale.replace('_', '-');
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag]).length ? tag : 'en-US';
  } catch {
    return 'en-US';
  }
}

export function isSpanishLocale(locale: string): boolean {
  return /^es([_-]|$)/i.test(locale);
}

export function localeInfo(locale: string): LocaleInfo {
  const hit = cache.get(locale);
  if (hit) return hit;
  const tag = bcp47(locale);
  const parts = new Intl.NumberFormat(tag).formatToParts(1234567.5);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const dateParts = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(Date.UTC(2026, 10, 27))
    .map((p) => p.type);
  const dayFirst = dateParts.indexOf('day') < dateParts.indexOf('month');
  // Month names as they read inside a date ("27 de noviembre"), not the stand-alone form.
  const monthName = (style: 'long' | 'short', m: number) =>
    (new Intl.DateTimeFormat(tag, { timeZone: 'UTC', day: 'numeric', month: style })
      .formatToParts(Date.UTC(2001, m, 1))
      .find((p) => p.type === 'month')?.value ?? '').replace(/\.$/, '');
  // 2001-01-07 was a Sunday.
  const dayName = (style: 'long' | 'short', d: number) =>
    new Intl.DateTimeFormat(tag, { timeZone: 'UTC', weekday: style }).format(Date.UTC(2001, 0, 7 + d)).replace(/\.$/, '');
  const spanish = isSpanishLocale(locale);
  const info: LocaleInfo = {
    locale,
    tag,
    decimal,
    group,
    spanish,
    dayFirst,
    datePattern: dayFirst ? 'dd/MM/yyyy' : 'M/d/yyyy',
    dateTimePattern: dayFirst ? 'dd/MM/yyyy HH:mm:ss' : 'M/d/yyyy H:mm:ss',
    timePattern: dayFirst ? 'HH:mm:ss' : 'h:mm:ss am/pm',
    trueText: spanish ? 'VERDADERO' : 'TRUE',
    falseText: spanish ? 'FALSO' : 'FALSE',
    months: Array.from({ length: 12 }, (_, m) => monthName('long', m)),
    monthsShort: Array.from({ length: 12 }, (_, m) => monthName('short', m)),
    weekdays: Array.from({ length: 7 }, (_, d) => dayName('long', d)),
    weekdaysShort: Array.from({ length: 7 }, (_, d) => dayName('short', d)),
  };
  cache.set(locale, info);
  return info;
}
