import { isValidTimeZone, zonedParts, zoneOffsetMinutes } from '../../core/zones';

/**
 * Utilities.formatDate (developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)):
 * "Formats date according to specification described in Java SE SimpleDateFormat class".
 * Names are English, as Apps Script's own example shows ("EEE, d MMM yyyy HH:mm:ss Z" →
 * "Wed, 4 Jul 2001 12:08:56 -0700"), whatever the user's locale.
 *
 * Time zones are read as Java's TimeZone.getTimeZone reads them: an IANA ID, or a custom
 * "GMT±h[h][[:]mm]" ID; anything else silently becomes GMT.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Java's short and long names for zones the product is likely to meet (standard, daylight). */
const ZONE_NAMES: Record<string, { short: [string, string]; long: [string, string] }> = {
  'America/Lima': { short: ['PET', 'PEST'], long: ['Peru Time', 'Peru Summer Time'] },
  UTC: { short: ['UTC', 'UTC'], long: ['Coordinated Universal Time', 'Coordinated Universal Time'] },
  'Etc/UTC': { short: ['UTC', 'UTC'], long: ['Coordinated Universal Time', 'Coordinated Universal Time'] },
  GMT: { short: ['GMT', 'GMT'], long: ['Greenwich Mean Time', 'Greenwich Mean Time'] },
  'Etc/GMT': { short: ['GMT', 'GMT'], long: ['Greenwich Mean Time', 'Greenwich Mean Time'] },
  'America/Bogota': { short: ['COT', 'COST'], long: ['Colombia Time', 'Colombia Summer Time'] },
  'America/New_York': { short: ['EST', 'EDT'], long: ['Eastern Standard Time', 'Eastern Daylight Time'] },
  'America/Chicago': { short: ['CST', 'CDT'], long: ['Central Standard Time', 'Central Daylight Time'] },
  'America/Mexico_City': { short: ['CST', 'CDT'], long: ['Central Standard Time', 'Central Daylight Time'] },
  'America/Denver': { short: ['MST', 'MDT'], long: ['Mountain Standard Time', 'Mountain Daylight Time'] },
  'America/Los_Angeles': { short: ['PST', 'PDT'], long: ['Pacific Standard Time', 'Pacific Daylight Time'] },
  'Europe/London': { short: ['GMT', 'BST'], long: ['Greenwich Mean Time', 'British Summer Time'] },
  'Europe/Madrid': { short: ['CET', 'CEST'], long: ['Central European Time', 'Central European Summer Time'] },
  'Europe/Paris': { short: ['CET', 'CEST'], long: ['Central European Time', 'Central European Summer Time'] },
};

interface Zone {
  /** Offset from UTC at an instant, in minutes. */
  offset(ms: number): number;
  name(ms: number, long: boolean): string;
}

const pad = (n: number, width: number) => {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? '-' + s : s;
};

function gmtName(offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `GMT${sign}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`;
}

function fixedZone(offsetMin: number, id?: string): Zone {
  return {
    offset: () => offsetMin,
    name: () => id ?? gmtName(offsetMin),
  };
}

function ianaZone(id: string): Zone {
  return {
    offset: (ms) => zoneOffsetMinutes(ms, id),
    name: (ms, long) => {
      const year = new Date(ms).getUTCFullYear();
      const standard = Math.min(zoneOffsetMinutes(Date.UTC(year, 0, 1), id), zoneOffsetMinutes(Date.UTC(year, 6, 1), id));
      const off = zoneOffsetMinutes(ms, id);
      const dst = off !== standard ? 1 : 0;
      const known = ZONE_NAMES[id];
      if (known) return long ? known.long[dst] : known.short[dst];
      return gmtName(off);
    },
  };
}

export function resolveZone(timeZone: string): Zone {
  const tz = String(timeZone ?? '').trim();
  const custom = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
  if (custom) {
    const [, sign, h, m = '0'] = custom;
    const minutes = (+h * 60 + +m) * (sign === '-' ? -1 : 1);
    if (+h <= 23 && +m <= 59) return fixedZone(minutes);
  }
  if (tz === 'GMT' || tz === 'UTC') return ianaZone(tz);
  if (tz && isValidTimeZone(tz)) return ianaZone(tz);
  return fixedZone(0, 'GMT'); // Java: "the GMT zone if the given ID cannot be understood"
}

/** Splits a SimpleDateFormat pattern into fields ("yyyy") and literals ('T', '' → '). */
function tokenize(pattern: string): ({ field: string; count: number } | { text: string })[] {
  const out: ({ field: string; count: number } | { text: string })[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ text: "'" });
        i += 2;
        continue;
      }
      let text = '';
      i++;
      while (i < pattern.length) {
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          break;
        }
        text += pattern[i++];
      }
      if (i >= pattern.length) throw new Error('Unterminated quote');
      i++; // closing quote
      out.push({ text });
    } else if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      out.push({ field: c, count: n });
      i += n;
    } else {
      out.push({ text: c });
      i++;
    }
  }
  return out;
}

function dayOfYear(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
}

/** Java's US calendar: weeks start on Sunday and week 1 is the one holding January 1. */
function weekOfYear(y: number, m: number, d: number, weekday: number): number {
  const saturday = Date.UTC(y, m - 1, d + (6 - weekday));
  if (new Date(saturday).getUTCFullYear() > y) return 1;
  const jan1 = new Date(Date.UTC(y, 0, 1)).getUTCDay();
  return Math.floor((dayOfYear(y, m, d) - 1 + jan1) / 7) + 1;
}

function isoOffset(offsetMin: number, count: number): string {
  if (offsetMin === 0) return 'Z';
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  if (count === 1) return `${sign}${hh}`;
  if (count === 2) return `${sign}${hh}${mm}`;
  return `${sign}${hh}:${mm}`;
}

export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error('Invalid argument: date');
  const zone = resolveZone(timeZone);
  const offset = zone.offset(ms);
  // Wall-clock fields: shift the instant by the zone's offset and read it as UTC.
  const p = zonedParts(ms + offset * 60_000, 'UTC');
  const { year, month, day, hour, minute, second, millisecond, weekday } = p;

  let out = '';
  for (const t of tokenize(String(pattern))) {
    if ('text' in t) {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.field) {
      case 'G':
        out += year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? pad(year % 100, 2) : pad(year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[month - 1] : n === 3 ? MONTHS[month - 1].slice(0, 3) : pad(month, n);
        break;
      case 'd':
        out += pad(day, n);
        break;
      case 'D':
        out += pad(dayOfYear(year, month, day), n);
        break;
      case 'w':
        out += pad(weekOfYear(year, month, day, weekday), n);
        break;
      case 'W':
        out += pad(Math.floor((day - 1 + new Date(Date.UTC(year, month - 1, 1)).getUTCDay()) / 7) + 1, n);
        break;
      case 'F':
        out += pad(Math.floor((day - 1) / 7) + 1, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[weekday] : DAYS[weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(weekday === 0 ? 7 : weekday, n);
        break;
      case 'a':
        out += hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(hour, n);
        break;
      case 'k':
        out += pad(hour === 0 ? 24 : hour, n);
        break;
      case 'K':
        out += pad(hour % 12, n);
        break;
      case 'h':
        out += pad(hour % 12 === 0 ? 12 : hour % 12, n);
        break;
      case 'm':
        out += pad(minute, n);
        break;
      case 's':
        out += pad(second, n);
        break;
      case 'S':
        out += pad(millisecond, n);
        break;
      case 'z':
        out += zone.name(ms, n >= 4);
        break;
      case 'Z': {
        const sign = offset < 0 ? '-' : '+';
        const a = Math.abs(offset);
        out += `${sign}${pad(Math.floor(a / 60), 2)}${pad(a % 60, 2)}`;
        break;
      }
      case 'X':
        if (n > 3) throw new Error("Illegal pattern character 'X'");
        out += isoOffset(offset, n);
        break;
      default:
        throw new Error(`Illegal pattern character '${t.field}'`);
    }
  }
  return out;
}
