/**
 * A module of "Aprende a Emprender" (B01): what a consultant plans for a quarter, and the rules
 * it must meet before it is saved.
 *
 * Pure: the use case (src/app/workshops) reads the tabs and gives `validateModule` the sessions
 * already scheduled in other modules, so "no speaker in two places at once" is decided here.
 * Every problem is reported on the field it belongs to, in Spanish (messages/workshops.ts), one
 * message per field.
 */
import { formatHHmm, formatLimaDate, isDateKey, limaDateAt, limaDateKey, parseDateKey } from '../lima-time';
import { MODULE_FIELD_MESSAGES as MF, SESSION_FIELD_MESSAGES as SF } from '../messages/workshops';
import { QUARTERS } from '../schema';
import { cleanText } from '../text';
import { checkPersonName, normaliseEmail } from '../validation';

export type Quarter = (typeof QUARTERS)[number];

export const MAX_CAPACITY = 500;
export const MAX_SESSIONS = 20;
export const MAX_NAME_LENGTH = 150;
export const MAX_TOPIC_LENGTH = 200;
export const MAX_AUDIENCE_LENGTH = 300;
/** The ficha técnica's objective (B05): optional, one paragraph. */
export const MAX_OBJECTIVE_LENGTH = 1000;
export const MIN_YEAR = 2024;
export const MAX_YEAR = 2100;

/** One session as the panel's form sends it. */
export interface SessionInput {
  topic?: string;
  /** 'yyyy-mm-dd' (an HTML date input) or 'dd/mm/aaaa'. */
  date?: string;
  /** 'HH:mm', Lima time. */
  startTime?: string;
  endTime?: string;
  speaker?: string;
  speakerEmail?: string;
}

/** A module as the panel's form sends it. */
export interface ModuleInput {
  /** Present when an existing module is edited. */
  id?: string;
  /**
   * A random key the form makes when it is opened: a create retried with the same key (a double
   * click, an answer lost on the way) finds the module it made instead of making a second one.
   */
  requestId?: string;
  name?: string;
  year?: number | string;
  quarter?: string;
  audience?: string;
  capacity?: number | string;
  /** The certificate's attendance rule: at least this many of the module's sessions. */
  minSessions?: number | string;
  whatsappUrl?: string;
  /** B05: what the module is for, printed in its ficha técnica (optional). */
  objective?: string;
  sessions?: SessionInput[];
}

export type ModuleField = 'name' | 'year' | 'quarter' | 'audience' | 'capacity' | 'minSessions' | 'whatsappUrl' | 'objective' | 'sessions';
export type SessionField = 'topic' | 'date' | 'startTime' | 'endTime' | 'speaker' | 'speakerEmail';

export interface ModuleFieldErrors {
  fields: Partial<Record<ModuleField, string>>;
  /** One entry per session of the input, in its order (empty objects for sessions without problems). */
  sessions: Partial<Record<SessionField, string>>[];
}

export interface ValidSession {
  /** 1, 2, … in the order the sessions happen. */
  number: number;
  topic: string;
  /** 'yyyy-mm-dd', Lima. */
  date: string;
  startTime: string;
  endTime: string;
  start: Date;
  end: Date;
  speaker: string;
  speakerEmail: string;
}

export interface ValidModule {
  name: string;
  year: number;
  quarter: Quarter;
  audience: string;
  capacity: number;
  minSessions: number;
  whatsappUrl: string;
  /** '' when none was given. */
  objective: string;
  sessions: ValidSession[];
}

/** A session already in the 'Sesiones' tab, of another module, that is not cancelled. */
export interface ScheduledSession {
  moduleId: string;
  moduleName: string;
  start: Date;
  end: Date;
  speakerEmail: string;
}

export interface ValidationContext {
  now: Date;
  /** Sessions of the other modules (not this one), not cancelled. */
  others: readonly ScheduledSession[];
  /** Names of the other modules in the same year and quarter, to refuse a second one with the same name. */
  takenNames?: readonly { name: string; year: number; quarter: string }[];
}

const WHATSAPP_GROUP = /^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{10,40}\/?$/;
/** Text a person reads that must not look like a formula or markup: it starts with a letter or a digit. */
const STARTS_WELL = /^[\p{L}\p{N}¿¡"«(]/u;
const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** A quarter given as 'I'…'IV' or 1…4; null otherwise. */
export function quarterOf(raw: unknown): Quarter | null {
  const s = cleanText(raw, 10).toUpperCase();
  if ((QUARTERS as readonly string[]).includes(s)) return s as Quarter;
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 && n <= 4 ? QUARTERS[n - 1] : null;
}

/** The first and last Lima dates ('yyyy-mm-dd') of a quarter of a year. */
export function quarterRange(year: number, quarter: Quarter): { first: string; last: string } {
  const q = QUARTERS.indexOf(quarter);
  const firstMonth = q * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => (n < 10 ? '0' + n : String(n));
  return { first: `${year}-${pad(firstMonth)}-01`, last: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/** The quarter a Lima date falls in. */
export function quarterOfDate(d: Date): { year: number; quarter: Quarter } {
  const { year, month } = parseDateKey(limaDateKey(d));
  return { year, quarter: QUARTERS[Math.floor((month - 1) / 3)] };
}

/** 'yyyy-mm-dd' from 'yyyy-mm-dd' or 'dd/mm/aaaa'; null when it is not a real date. */
export function parseSessionDate(raw: unknown): string | null {
  const s = cleanText(raw, 20);
  let key = s;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) key = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isDateKey(key) ? key : null;
}

/** 'HH:mm' from '9:00' or '09:00'; null otherwise. */
export function parseHHmm(raw: unknown): { text: string; hour: number; minute: number } | null {
  const m = HHMM.exec(cleanText(raw, 10));
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return { text: `${hour < 10 ? '0' + hour : hour}:${m[2]}`, hour, minute };
}

function integerOf(raw: unknown): number | null {
  const s = typeof raw === 'number' ? String(raw) : cleanText(raw, 20);
  if (!/^\d{1,6}$/.test(s)) return null;
  return Number(s);
}

function checkedText(
  raw: unknown,
  max: number,
  missing: string,
  invalid: string,
  tooLong?: string,
): { ok: true; text: string } | { ok: false; message: string } {
  const text = cleanText(raw, 0);
  if (text === '') return { ok: false, message: missing };
  if (text.length > max) return { ok: false, message: tooLong ?? invalid };
  if (!STARTS_WELL.test(text)) return { ok: false, message: invalid };
  return { ok: true, text };
}

function overlaps(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** Comparison form of a module name: no accents, case or punctuation. */
export function nameKey(name: string): string {
  return cleanText(name, 0)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9ñ]/g, '');
}

/** Checks the whole module; every field with a problem gets its own message. */
export function validateModule(
  input: Partial<ModuleInput>,
  ctx: ValidationContext,
): { ok: true; module: ValidModule } | { ok: false; errors: ModuleFieldErrors } {
  const fields: ModuleFieldErrors['fields'] = {};
  const rawSessions = Array.isArray(input.sessions) ? input.sessions : [];
  const sessionErrors: Partial<Record<SessionField, string>>[] = rawSessions.map(() => ({}));

  const name = checkedText(input.name, MAX_NAME_LENGTH, MF.nameMissing, MF.nameInvalid, MF.nameTooLong(MAX_NAME_LENGTH));
  if (!name.ok) fields.name = name.message;

  const year = integerOf(input.year);
  if (year === null || year < MIN_YEAR || year > MAX_YEAR) fields.year = MF.yearInvalid(MIN_YEAR, MAX_YEAR);
  const quarter = quarterOf(input.quarter);
  if (!quarter) fields.quarter = MF.quarterInvalid;

  if (name.ok && year !== null && quarter && !fields.year) {
    const key = nameKey(name.text);
    if ((ctx.takenNames ?? []).some((t) => t.year === year && t.quarter === quarter && nameKey(t.name) === key)) {
      fields.name = MF.nameTaken(quarter, year);
    }
  }

  const audience = checkedText(input.audience, MAX_AUDIENCE_LENGTH, MF.audienceMissing, MF.audienceInvalid);
  if (!audience.ok) fields.audience = audience.message;

  const capacity = integerOf(input.capacity);
  if (capacity === null || capacity < 1 || capacity > MAX_CAPACITY) fields.capacity = MF.capacityInvalid(MAX_CAPACITY);

  const minSessions = integerOf(input.minSessions);
  if (minSessions === null || minSessions < 1) fields.minSessions = MF.attendanceInvalid;
  else if (rawSessions.length > 0 && minSessions > rawSessions.length) fields.minSessions = MF.attendanceTooHigh(rawSessions.length);

  const whatsappText = cleanText(input.whatsappUrl, 300);
  if (whatsappText !== '' && !WHATSAPP_GROUP.test(whatsappText)) fields.whatsappUrl = MF.whatsappInvalid;

  // Optional: empty is fine; otherwise one paragraph that starts like text (never like a formula).
  const objectiveText = cleanText(input.objective, 0);
  if (objectiveText.length > MAX_OBJECTIVE_LENGTH) fields.objective = MF.objectiveTooLong(MAX_OBJECTIVE_LENGTH);
  else if (objectiveText !== '' && !STARTS_WELL.test(objectiveText)) fields.objective = MF.objectiveInvalid;

  if (rawSessions.length === 0) fields.sessions = MF.sessionsMissing;
  else if (rawSessions.length > MAX_SESSIONS) fields.sessions = MF.sessionsTooMany(MAX_SESSIONS);

  const range = year !== null && !fields.year && quarter ? quarterRange(year, quarter) : null;
  const todayKey = limaDateKey(ctx.now);
  const checked: (Omit<ValidSession, 'number'> & { index: number })[] = [];

  rawSessions.forEach((raw, index) => {
    const e = sessionErrors[index];
    const s = raw && typeof raw === 'object' ? raw : {};
    const topic = checkedText(s.topic, MAX_TOPIC_LENGTH, SF.topicMissing, SF.topicInvalid);
    if (!topic.ok) e.topic = topic.message;

    const dateText = cleanText(s.date, 20);
    const date = dateText === '' ? null : parseSessionDate(dateText);
    if (dateText === '') e.date = SF.dateMissing;
    else if (!date) e.date = SF.dateInvalid;
    else if (range && (date < range.first || date > range.last)) e.date = SF.dateOutsideQuarter(quarter!, year!);
    else if (date < todayKey) e.date = SF.datePast;

    const startText = cleanText(s.startTime, 10);
    const startT = startText === '' ? null : parseHHmm(startText);
    if (startText === '') e.startTime = SF.startMissing;
    else if (!startT) e.startTime = SF.startInvalid;
    const endText = cleanText(s.endTime, 10);
    const endT = endText === '' ? null : parseHHmm(endText);
    if (endText === '') e.endTime = SF.endMissing;
    else if (!endT) e.endTime = SF.endInvalid;
    else if (startT && endT.hour * 60 + endT.minute <= startT.hour * 60 + startT.minute) e.endTime = SF.endNotAfterStart;

    let start: Date | null = null;
    let end: Date | null = null;
    if (date && startT && endT && !e.date && !e.endTime) {
      start = limaDateAt(date, startT.hour, startT.minute);
      end = limaDateAt(date, endT.hour, endT.minute);
      if (start.getTime() <= ctx.now.getTime()) e.startTime = SF.startPast;
    }

    const speaker = checkPersonName(s.speaker ?? '');
    if (!speaker.ok) e.speaker = speaker.problem === 'missing' ? SF.speakerMissing : speaker.problem === 'tooLong' ? SF.speakerTooLong : SF.speakerInvalid;
    const emailText = cleanText(s.speakerEmail, 254);
    const email = normaliseEmail(emailText);
    if (emailText === '') e.speakerEmail = SF.speakerEmailMissing;
    else if (!email) e.speakerEmail = SF.speakerEmailInvalid;

    if (topic.ok && start && end && !e.startTime && speaker.ok && email) {
      checked.push({
        index,
        topic: topic.text,
        date: date!,
        startTime: startT!.text,
        endTime: endT!.text,
        start,
        end,
        speaker: speaker.name,
        speakerEmail: email,
      });
    }
  });

  // No two sessions of the module at once: the later one (in the form's order) is marked.
  for (let j = 0; j < checked.length; j++) {
    for (let i = 0; i < j; i++) {
      if (overlaps(checked[i], checked[j])) {
        sessionErrors[checked[j].index].startTime = SF.overlaps(checked[i].index + 1, checked[i].startTime, checked[i].endTime);
        break;
      }
    }
  }
  // No speaker in two places at once, across every other module that is not cancelled.
  for (const s of checked) {
    if (sessionErrors[s.index].startTime) continue;
    // One person, however the address's letters were typed (providers ignore case in practice).
    const who = s.speakerEmail.toLowerCase();
    const clash = ctx.others.find((o) => o.speakerEmail.toLowerCase() === who && overlaps(o, s));
    if (clash) {
      sessionErrors[s.index].speaker = SF.speakerBusy(clash.moduleName, formatLimaDate(clash.start), formatHHmm(clash.start), formatHHmm(clash.end));
    }
  }

  const anySessionError = sessionErrors.some((e) => Object.keys(e).length > 0);
  if (Object.keys(fields).length > 0 || anySessionError || !name.ok || !audience.ok || year === null || !quarter || capacity === null || minSessions === null) {
    return { ok: false, errors: { fields, sessions: sessionErrors } };
  }
  const sessions = checked
    .slice()
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.index - b.index)
    .map(({ index: _index, ...s }, i) => ({ number: i + 1, ...s }));
  return {
    ok: true,
    module: {
      name: name.text,
      year,
      quarter,
      audience: audience.text,
      capacity,
      minSessions,
      whatsappUrl: whatsappText,
      objective: objectiveText,
      sessions,
    },
  };
}

/**
 * A module can be edited until its first session starts. Returns the start that forbids it, or
 * null when it may still be edited (no sessions yet, or the first one is in the future).
 */
export function editingClosedSince(sessionStarts: readonly Date[], now: Date): Date | null {
  if (sessionStarts.length === 0) return null;
  const first = new Date(Math.min(...sessionStarts.map((d) => d.getTime())));
  return first.getTime() <= now.getTime() ? first : null;
}

/** 'dd/mm' dates of the sessions for the 'Fechas' column: '12/01, 19/01 y 26/01/2027'. */
export function datesText(sessions: readonly Pick<ValidSession, 'date'>[]): string {
  const keys = [...new Set(sessions.map((s) => s.date))].sort();
  if (keys.length === 0) return '';
  const parts = keys.map((k) => {
    const { year, month, day } = parseDateKey(k);
    const dm = `${day < 10 ? '0' + day : day}/${month < 10 ? '0' + month : month}`;
    return { dm, year };
  });
  const last = parts[parts.length - 1];
  const lastText = `${last.dm}/${last.year}`;
  if (parts.length === 1) return lastText;
  const firstYearDiffers = parts[0].year !== last.year;
  const head = parts.slice(0, -1).map((p) => (firstYearDiffers ? `${p.dm}/${p.year}` : p.dm));
  return `${head.join(', ')} y ${lastText}`;
}
