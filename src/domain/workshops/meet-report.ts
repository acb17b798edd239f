/**
 * The attendance report Google Meet writes for a meeting (B09), read as the rows of its
 * spreadsheet, and matched to a session's registrants.
 *
 * What Google documents (support.google.com/meet/answer/10090454, "Track attendance"): for the
 * Workspace editions that have attendance tracking, after a meeting the organizer gets the report
 * by email and in Drive (a Google Sheet, linked from the Calendar event); it lists the
 * participants with their name, email, how long they stayed and when they joined and left; a
 * person who leaves and joins again is listed once per connection. The exact column texts could
 * not be confirmed from Google's pages; the layout followed (and emulated, docs/emulator.md) is
 * the one organizers describe — English «First name · Last name · Email · Duration · Time joined ·
 * Time exited», Spanish «Nombre · Apellidos · Correo electrónico · Duración · Hora de entrada ·
 * Hora de salida» — and every column is found by header among aliases, so a variant wording, a
 * column moved or extra columns do not matter. Rows above the header (a title, the meeting code)
 * are read for the meeting code.
 *
 * Outcomes, each defined:
 * - a required column missing (name, email, duration or both times) → a Spanish error naming it;
 * - several rows of one person (reconnections) → one participant, minutes added (when every row
 *   has both times, the union of the intervals, so two devices at once are not counted twice);
 * - a guest without email (a nickname) → matched by normalised name (no accents, no case, any
 *   order of names; the Meet name's words all among the registrant's, one registrant only), else
 *   listed unmatched for a person to match by hand;
 * - the report of another meeting (its meeting code differs from the session's Meet link) or of
 *   another day (nobody joined on the session's Lima date) → refused with a message saying so.
 */
import { headerKey } from '../schema';
import { limaDateKey } from '../lima-time';

/** One participant of the report: their rows (reconnections) made one. */
export interface MeetParticipant {
  /** Stable key within a report: 'email:<address>' or 'name:<normalised name>'. */
  key: string;
  /** The name shown in Meet (first and last name joined). */
  name: string;
  /** Lower case; '' for a guest without a Google account. */
  email: string;
  /** Minutes in the call, reconnections added, rounded. */
  minutes: number;
  /** How many rows (connections) the report had for this person. */
  connections: number;
}

export interface MeetReport {
  participants: MeetParticipant[];
  /** 'abc-defg-hij' when the report names its meeting (title or rows above the header); '' otherwise. */
  meetingCode: string;
  /** Lima dates ('yyyy-mm-dd') on which someone joined, when the report has join times as dates. */
  dates: string[];
  /** 'es' or 'en' by the header texts found. */
  language: 'es' | 'en';
}

export type MeetReportParse = { ok: true; report: MeetReport } | { ok: false; message: string; missing: string[] };

/** Messages a person reads (Spanish). */
export const MEET_REPORT_MESSAGES = {
  empty: 'El archivo no tiene filas: no parece un reporte de asistencia de Google Meet.',
  missing: (cols: readonly string[]) =>
    `El archivo no parece un reporte de asistencia de Google Meet: le ${cols.length === 1 ? 'falta la columna' : 'faltan las columnas'} ${cols.map((c) => `«${c}»`).join(', ')}. Abra el reporte que Meet guardó en Drive (o el enlace del correo de asistencia) y vuelva a intentarlo.`,
  otherMeeting: (code: string, expected: string) =>
    `Este reporte es de otra reunión de Meet (${code}); la sesión usa ${expected}. No se importó nada: elija el reporte de esta sesión.`,
  otherDay: (dates: readonly string[], expected: string) =>
    `Este reporte es de otro día (${dates.join(', ')}); la sesión fue el ${expected}. No se importó nada: elija el reporte de esta sesión.`,
} as const;

type Field = 'firstName' | 'lastName' | 'fullName' | 'email' | 'duration' | 'joined' | 'exited';

/** Header texts per field, Spanish and English (compared with `headerKey`: no accents, case or punctuation). */
export const MEET_REPORT_HEADERS: Record<Field, { es: string[]; en: string[] }> = {
  firstName: { es: ['Nombre', 'Nombres'], en: ['First name', 'Given name'] },
  lastName: { es: ['Apellidos', 'Apellido'], en: ['Last name', 'Surname', 'Family name'] },
  fullName: { es: ['Nombre del participante', 'Participante', 'Nombre completo'], en: ['Name', 'Participant', 'Participant name', 'Full name', 'Display name'] },
  email: { es: ['Correo electrónico', 'Correo', 'Dirección de correo electrónico', 'Email'], en: ['Email', 'Email address', 'E-mail'] },
  duration: { es: ['Duración', 'Duración de la asistencia', 'Tiempo en la reunión'], en: ['Duration', 'Attended duration', 'Time in call'] },
  joined: { es: ['Hora de entrada', 'Hora de unión', 'Hora en que se unió', 'Se unió', 'Entrada'], en: ['Time joined', 'Joined', 'Join time', 'First seen'] },
  exited: { es: ['Hora de salida', 'Hora en que salió', 'Salió', 'Salida'], en: ['Time exited', 'Time left', 'Left', 'Exit time', 'Last seen'] },
};

/** The names the error uses for a missing column: the Spanish header and the English one. */
const SHOWN: Record<'name' | 'email' | 'duration', string> = {
  name: 'Nombre (First name)',
  email: 'Correo electrónico (Email)',
  duration: 'Duración (Duration) u Hora de entrada y de salida (Time joined, Time exited)',
};

const MEET_CODE = /\b([a-z]{3}-[a-z]{4}-[a-z]{3})\b/i;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return '';
  return String(v).trim();
}

/** Lower case, no accents, letters and digits as words: 'José  PÉREZ-Gómez' → ['jose','perez','gomez']. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9ñ]+/)
    .filter((w) => w.length > 0);
}

/** The comparison form of a name: its words sorted (order of names does not matter). */
export function normalisedName(name: string): string {
  return nameWords(name).sort().join(' ');
}

/** The meeting code in a Meet link or text ('https://meet.google.com/abc-defg-hij' → 'abc-defg-hij'); '' none. */
export function meetingCodeOf(s: string): string {
  const m = MEET_CODE.exec(s ?? '');
  return m ? m[1].toLowerCase() : '';
}

/**
 * Minutes of a duration cell: a number (minutes), 'H:MM:SS' / 'MM:SS', or words
 * ('1 h 5 min', '1 hr 5 min 30 s', '45 min', '1 hora 5 minutos'). null when unreadable.
 */
export function durationMinutes(v: unknown): number | null {
  if (typeof v === 'number' && isFinite(v) && v >= 0) return v;
  const s = text(v).toLowerCase().replace(',', '.');
  if (!s) return null;
  const clock = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(s);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? null : Number(clock[3])];
    return c === null ? a + b / 60 : a * 60 + b + c / 60;
  }
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  let total = 0;
  let found = false;
  const re = /(\d+(?:\.\d+)?)\s*(h|hr|hrs|hora|horas|hour|hours|m|min|mins|minuto|minutos|minute|minutes|s|seg|segundo|segundos|sec|secs|second|seconds)\b/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    found = true;
    const n = Number(m[1]);
    const u = m[2];
    if (u.startsWith('h')) total += n * 60;
    else if (u.startsWith('m')) total += n;
    else total += n / 60;
  }
  return found ? total : null;
}

function dateValue(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) && v.getFullYear() >= 2000 ? v : null;
}

function findColumns(row: readonly unknown[]): { cols: Partial<Record<Field, number>>; es: number; en: number } {
  const keys = row.map((c) => headerKey(text(c)));
  const cols: Partial<Record<Field, number>> = {};
  let es = 0;
  let en = 0;
  for (const field of Object.keys(MEET_REPORT_HEADERS) as Field[]) {
    for (const lang of ['es', 'en'] as const) {
      if (cols[field] !== undefined) break;
      for (const h of MEET_REPORT_HEADERS[field][lang]) {
        const i = keys.indexOf(headerKey(h));
        if (i >= 0 && !Object.values(cols).includes(i)) {
          cols[field] = i;
          if (lang === 'es') es++;
          else en++;
          break;
        }
      }
    }
  }
  return { cols, es, en };
}

function missingOf(cols: Partial<Record<Field, number>>): string[] {
  const missing: string[] = [];
  if (cols.firstName === undefined && cols.fullName === undefined) missing.push(SHOWN.name);
  if (cols.email === undefined) missing.push(SHOWN.email);
  if (cols.duration === undefined && (cols.joined === undefined || cols.exited === undefined)) missing.push(SHOWN.duration);
  return missing;
}

/** Minutes covered by intervals (overlaps counted once). */
function unionMinutes(intervals: [number, number][]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const [a, b] of sorted) {
    if (a > end) {
      if (end > start) total += end - start;
      start = a;
      end = b;
    } else end = Math.max(end, b);
  }
  if (end > start) total += end - start;
  return total / 60000;
}

/**
 * Reads the report's rows (its first sheet, as getValues gives them) and its file name. The header
 * row is the first of the first 10 rows that has the required columns (the one with most known
 * headers when none has all, for the error).
 */
export function parseMeetReport(fileName: string, rows: readonly (readonly unknown[])[]): MeetReportParse {
  if (rows.length === 0) return { ok: false, message: MEET_REPORT_MESSAGES.empty, missing: [] };
  let best: { at: number; cols: Partial<Record<Field, number>>; es: number; en: number; missing: string[] } | null = null;
  for (let i = 0; i < Math.min(10, rows.length); i++) {
    const f = findColumns(rows[i]);
    const missing = missingOf(f.cols);
    const score = Object.keys(f.cols).length;
    if (!best || (missing.length < best.missing.length) || (missing.length === best.missing.length && score > Object.keys(best.cols).length)) {
      best = { at: i, ...f, missing };
    }
    if (missing.length === 0) break;
  }
  if (!best || best.missing.length > 0) {
    const missing = best?.missing ?? [SHOWN.name, SHOWN.email, SHOWN.duration];
    return { ok: false, message: MEET_REPORT_MESSAGES.missing(missing), missing };
  }
  const { cols, at } = best;
  const above = rows.slice(0, at).map((r) => r.map(text).join(' ')).join(' ');
  const meetingCode = meetingCodeOf(fileName) || meetingCodeOf(above);

  interface Acc {
    p: MeetParticipant;
    durations: number;
    intervals: [number, number][];
    allTimed: boolean;
  }
  const byKey = new Map<string, Acc>();
  const dates = new Set<string>();
  for (const row of rows.slice(at + 1)) {
    const first = cols.firstName !== undefined ? text(row[cols.firstName]) : '';
    const last = cols.lastName !== undefined ? text(row[cols.lastName]) : '';
    const full = cols.fullName !== undefined ? text(row[cols.fullName]) : '';
    const name = (full || [first, last].filter((x) => x).join(' ')).replace(/\s+/g, ' ').slice(0, 200);
    const rawEmail = cols.email !== undefined ? text(row[cols.email]).toLowerCase() : '';
    const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(rawEmail) ? rawEmail : '';
    if (!name && !email) continue; // a blank row, or a footer
    const joined = cols.joined !== undefined ? dateValue(row[cols.joined]) : null;
    const exited = cols.exited !== undefined ? dateValue(row[cols.exited]) : null;
    if (joined) dates.add(limaDateKey(joined));
    const fromCell = cols.duration !== undefined ? durationMinutes(row[cols.duration]) : null;
    const fromTimes = joined && exited && exited.getTime() >= joined.getTime() ? (exited.getTime() - joined.getTime()) / 60000 : null;
    const minutes = fromCell ?? fromTimes ?? 0;
    const key = email ? `email:${email}` : `name:${normalisedName(name)}`;
    let acc = byKey.get(key);
    if (!acc) {
      acc = { p: { key, name, email, minutes: 0, connections: 0 }, durations: 0, intervals: [], allTimed: true };
      byKey.set(key, acc);
    }
    if (!acc.p.name && name) acc.p.name = name;
    acc.p.connections++;
    acc.durations += minutes;
    if (joined && exited) acc.intervals.push([joined.getTime(), exited.getTime()]);
    else acc.allTimed = false;
  }
  const participants = [...byKey.values()].map((a) => {
    const total = a.allTimed && a.intervals.length > 0 ? unionMinutes(a.intervals) : a.durations;
    return { ...a.p, minutes: Math.round(total) };
  });
  return {
    ok: true,
    report: { participants, meetingCode, dates: [...dates].sort(), language: best.es > best.en ? 'es' : 'en' },
  };
}

/**
 * Whether the report belongs to the session: refused when its meeting code differs from the
 * session's Meet link, or when it has join dates and none is the session's Lima date. What the
 * report does not say is not held against it. null: it fits.
 */
export function reportMismatch(report: MeetReport, session: { meetUrl: string; start: Date | null }): string | null {
  const expected = meetingCodeOf(session.meetUrl);
  if (report.meetingCode && expected && report.meetingCode !== expected) return MEET_REPORT_MESSAGES.otherMeeting(report.meetingCode, expected);
  if (session.start && report.dates.length > 0) {
    const day = limaDateKey(session.start);
    if (!report.dates.includes(day)) {
      const show = (k: string) => k.split('-').reverse().join('/');
      return MEET_REPORT_MESSAGES.otherDay(report.dates.map(show), show(day));
    }
  }
  return null;
}

/** A registrant as the matching needs them. */
export interface MatchRegistrant {
  id: string;
  fullName: string;
  email: string;
}

export interface MeetMatch {
  /** Registration ID → minutes (the participants matched to them, added) and the Meet name(s). */
  matched: Map<string, { minutes: number; name: string; how: 'email' | 'name' | 'hand' }>;
  unmatched: MeetParticipant[];
}

/**
 * Matches participants to registrants: by email first, then by a name known from an earlier hand
 * match (`handNames`: normalised Meet name → registration ID), then by normalised name (same
 * words in any order, or every Meet word among the registrant's when that fits one registrant
 * only). A registrant already matched by email is not taken again by name. Ambiguous → unmatched.
 */
export function matchParticipants(
  participants: readonly MeetParticipant[],
  registrants: readonly MatchRegistrant[],
  handNames: ReadonlyMap<string, string> = new Map(),
): MeetMatch {
  const byEmail = new Map<string, string>();
  for (const r of registrants) {
    const e = r.email.trim().toLowerCase();
    if (e && !byEmail.has(e)) byEmail.set(e, r.id);
  }
  const ids = new Set(registrants.map((r) => r.id));
  const words = registrants.map((r) => ({ id: r.id, key: normalisedName(r.fullName), set: new Set(nameWords(r.fullName)) }));
  const matched = new Map<string, { minutes: number; name: string; how: 'email' | 'name' | 'hand' }>();
  const add = (id: string, p: MeetParticipant, how: 'email' | 'name' | 'hand') => {
    const m = matched.get(id);
    if (m) {
      m.minutes += p.minutes;
      if (p.name && !m.name.split(' / ').includes(p.name)) m.name = `${m.name} / ${p.name}`;
    } else matched.set(id, { minutes: p.minutes, name: p.name, how });
  };
  const rest: MeetParticipant[] = [];
  for (const p of participants) {
    const id = p.email ? byEmail.get(p.email) : undefined;
    if (id) add(id, p, 'email');
    else rest.push(p);
  }
  const byEmailTaken = new Set(matched.keys());
  const unmatched: MeetParticipant[] = [];
  for (const p of rest) {
    const key = normalisedName(p.name);
    const hand = handNames.get(key);
    if (hand && ids.has(hand)) {
      add(hand, p, 'hand');
      continue;
    }
    const pw = nameWords(p.name);
    let candidates = key ? words.filter((w) => w.key === key) : [];
    if (candidates.length === 0 && pw.length >= 2) candidates = words.filter((w) => pw.every((x) => w.set.has(x)));
    candidates = candidates.filter((c) => !byEmailTaken.has(c.id));
    if (candidates.length === 1) add(candidates[0].id, p, 'name');
    else unmatched.push(p);
  }
  return { matched, unmatched };
}

/**
 * The spreadsheet ID in what a person pasted: a Sheets or Drive link, or the bare ID. '' when
 * there is none.
 */
export function reportIdFromLink(raw: unknown): string {
  const s = String(raw ?? '').trim();
  if (!s || s.length > 2000) return '';
  const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]{10,})/.exec(s) ?? /\/file\/d\/([A-Za-z0-9_-]{10,})/.exec(s) ?? /[?&]id=([A-Za-z0-9_-]{10,})/.exec(s);
  if (m) return m[1];
  return /^[A-Za-z0-9_-]{10,200}$/.test(s) ? s : '';
}
