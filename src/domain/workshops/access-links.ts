/**
 * Access links before each session (B06) and the speaker's brief (B07), pure rules.
 *
 * When: the day before each session at `accessLinkHour` (Lima), every confirmed registrant
 * ('Inscrito': never the waiting list, never 'Retirado'/'Anulado') gets a personal email with the
 * Meet link ('Enlace de acceso'); `accessLinkSecondMinutes` before the start, those who got it
 * earlier get a second notice ('Recordatorio previo'; 0 = none). Between the first moment and the
 * start the clock looks again every hour, so a person promoted from the waiting list in between
 * gets the link too (and only the link when it is already the second notice's time: one email is
 * enough). The speaker gets one brief per session ('Resumen al ponente') with the count and the
 * registrants' questions, without contact data.
 *
 * A session moved after links went out: each person told the old schedule (the note of their last
 * sent row records the schedule it announced) gets ONE 'Cambio de horario' with the new one; the
 * journal key names the new schedule, so a second move makes a second correction, never a double.
 * Rule shared with registration's tellScheduleChange: once a session's 'Enlace de acceso' column
 * is not empty, its moves are told by this job, not by the module's schedule-change email.
 */
import { sha256Hex } from '../ids';
import { addLimaDays, formatLimaDate, formatLimaTime, limaDateAt, limaDateKey } from '../lima-time';
import type { SessionMailKind } from '../schema';
import type { ClockSession } from './session-clock';

/** Short codes of the session mail kinds: the first part of a 'Envíos de sesiones' row ID. */
export const SESSION_MAIL_CODES: Readonly<Record<SessionMailKind, string>> = {
  'Enlace de acceso': 'EA',
  'Recordatorio previo': 'RP',
  'Resumen al ponente': 'RS',
  'Cambio de horario': 'CH',
  Encuesta: 'EN',
  'Turno de presentación': 'TP',
  'Orden de presentación': 'OP',
};

/** `<kind code>/<sessionId>/<registrationId or lower-case address>`. */
export function sessionMailId(kind: SessionMailKind, sessionId: string, recipient: string): string {
  return `${SESSION_MAIL_CODES[kind]}/${sessionId}/${recipient}`;
}

/** The parts of a row ID (or of a journal row ID, whose '@<version>' suffix is dropped). */
export function parseSessionMailId(id: string): { kind: SessionMailKind; sessionId: string; recipient: string } | null {
  const base = id.split('@')[0] ?? '';
  const parts = base.split('/');
  if (parts.length !== 3 || parts.some((p) => p === '')) return null;
  const kind = (Object.keys(SESSION_MAIL_CODES) as SessionMailKind[]).find((k) => SESSION_MAIL_CODES[k] === parts[0]);
  if (!kind) return null;
  return { kind, sessionId: parts[1]!, recipient: parts[2]! };
}

export interface AccessSettings {
  accessLinkHour: number;
  accessLinkSecondMinutes: number;
}

/** Between the first moment and the start, the clock looks again this often (promotions, quota). */
export const ACCESS_RETRY_MS = 3_600_000;

/** The day before the session's Lima date, at the hour. */
export function accessLinkAt(start: number, hour: number): number {
  return limaDateAt(addLimaDays(limaDateKey(new Date(start)), -1), hour).getTime();
}

/** The second notice's moment, or null (0 minutes = none, or not after the first moment). */
export function secondNoticeAt(start: number, settings: AccessSettings): number | null {
  const m = settings.accessLinkSecondMinutes;
  if (!(m > 0)) return null;
  const at = start - m * 60_000;
  return at > accessLinkAt(start, settings.accessLinkHour) ? at : null;
}

/** The clock's moments for this duty: the first moment, every hour until the start, the second notice. */
export function accessDueTimes(sessions: readonly ClockSession[], settings: AccessSettings): number[] {
  const out: number[] = [];
  for (const s of sessions) {
    if (s.status === 'Cancelada' || s.start === null || !Number.isFinite(s.start)) continue;
    const first = accessLinkAt(s.start, settings.accessLinkHour);
    for (let t = first; t < s.start; t += ACCESS_RETRY_MS) out.push(t);
    const second = secondNoticeAt(s.start, settings);
    if (second !== null) out.push(second);
  }
  return out.sort((a, b) => a - b);
}

/** Where a session is: before its first moment, in the access window, in the second notice's, started. */
export type AccessPhase = 'early' | 'access' | 'second' | 'over';

export function accessPhase(start: number, settings: AccessSettings, now: number): AccessPhase {
  if (now >= start) return 'over';
  const second = secondNoticeAt(start, settings);
  if (second !== null && now >= second) return 'second';
  return now >= accessLinkAt(start, settings.accessLinkHour) ? 'access' : 'early';
}

/** The schedule as an email announces it (and as a sent row's note records it). */
export function scheduleLabel(start: Date, end: Date): string {
  return `${formatLimaDate(start)}, de ${formatLimaTime(start)} a ${formatLimaTime(end)}`;
}

/** The journal's version of a schedule: a correction is sent once per new schedule. */
export function scheduleVersion(label: string): string {
  return sha256Hex(label).slice(0, 10);
}

// ---------------------------------------------------------------------------- who gets what

export interface PlanRegistrant {
  id: string;
  status: string;
  email: string;
  fullName: string;
}

/** A row of 'Envíos de sesiones' as the planner needs it. */
export interface PlanRow {
  delivery: string;
  note: string;
  email: string;
  sentAt: number | null;
}

export interface PlannedMail {
  /** The row's ID. */
  id: string;
  /** The journal's row ID (a correction's names the new schedule). */
  journalId: string;
  kind: SessionMailKind;
  registrationId: string;
  email: string;
  fullName: string;
  /** A correction's: the schedule the person was told before. */
  previous?: string;
}

export interface SessionPlanInput {
  sessionId: string;
  /** scheduleLabel of the session as it is now. */
  schedule: string;
  phase: AccessPhase;
  /** Sent from the panel: the access links and the brief go whatever the phase (the panel refuses once the session ended). */
  force: boolean;
  /** Moment of the second notice (epoch ms), or null. */
  secondAt: number | null;
  registrants: readonly PlanRegistrant[];
  rows: ReadonlyMap<string, PlanRow>;
  speakerEmail: string;
}

const CONFIRMED = 'Inscrito';

function isSent(r: PlanRow | undefined): boolean {
  return r?.delivery === 'enviado';
}

/** Sent, in doubt, or refused for this same address: nothing to send again. */
function settled(r: PlanRow | undefined, email: string): boolean {
  if (!r) return false;
  if (r.delivery === 'enviado' || r.delivery === 'enviando') return true;
  return r.delivery === 'error' && r.email.toLowerCase() === email.toLowerCase();
}

/** The schedule a person was last told for this session (the note of their latest sent row), or null. */
export function toldSchedule(rows: readonly (PlanRow | undefined)[]): string | null {
  let best: PlanRow | null = null;
  for (const r of rows) if (r && isSent(r) && r.note !== '' && (best === null || (r.sentAt ?? 0) >= (best.sentAt ?? 0))) best = r;
  return best?.note ?? null;
}

/**
 * The emails one session needs now, in the order they go: corrections first (people told a wrong
 * time), then access links, second notices, and the speaker's brief last.
 */
export function planSessionMails(input: SessionPlanInput): PlannedMail[] {
  const { sessionId, phase } = input;
  if (phase === 'over' && !input.force) return [];
  const accessWindow = phase === 'access' || phase === 'second' || input.force;
  const corrections: PlannedMail[] = [];
  const links: PlannedMail[] = [];
  const seconds: PlannedMail[] = [];
  const version = scheduleVersion(input.schedule);
  for (const r of input.registrants) {
    if (r.status !== CONFIRMED || r.email === '') continue;
    const ids = {
      ea: sessionMailId('Enlace de acceso', sessionId, r.id),
      rp: sessionMailId('Recordatorio previo', sessionId, r.id),
      ch: sessionMailId('Cambio de horario', sessionId, r.id),
    };
    const ea = input.rows.get(ids.ea);
    const rp = input.rows.get(ids.rp);
    const ch = input.rows.get(ids.ch);
    const base = { registrationId: r.id, email: r.email, fullName: r.fullName };
    if (!isSent(ea)) {
      if (accessWindow && !settled(ea, r.email)) links.push({ id: ids.ea, journalId: ids.ea, kind: 'Enlace de acceso', ...base });
      continue;
    }
    const told = toldSchedule([ea, rp, ch]);
    if (told !== null && told !== input.schedule) {
      if (ch?.delivery !== 'enviando') corrections.push({ id: ids.ch, journalId: `${ids.ch}@${version}`, kind: 'Cambio de horario', ...base, previous: told });
      continue;
    }
    if (phase === 'second' && input.secondAt !== null && (ea!.sentAt ?? 0) < input.secondAt && !settled(rp, r.email)) {
      seconds.push({ id: ids.rp, journalId: ids.rp, kind: 'Recordatorio previo', ...base });
    }
  }
  const out = [...corrections, ...links, ...seconds];
  const speaker = input.speakerEmail.trim().toLowerCase();
  if (accessWindow && speaker !== '') {
    const id = sessionMailId('Resumen al ponente', sessionId, speaker);
    if (!settled(input.rows.get(id), speaker)) out.push({ id, journalId: id, kind: 'Resumen al ponente', registrationId: '', email: speaker, fullName: '' });
  }
  return out;
}

// ---------------------------------------------------------------------------- the speaker's brief

const EMAIL_RE = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g;
/** Six or more digits, possibly split by spaces, dots, dashes or a leading +: a phone or a document number. */
const NUMBER_RE = /\+?\d(?:[\s.\-()]*\d){5,}/g;

/** A question as the speaker may read it: no addresses, no phone or document numbers. */
export function redactContacts(s: string): string {
  return s.replace(EMAIL_RE, '[correo omitido]').replace(NUMBER_RE, '[número omitido]');
}

/** Longest question passed on (a registration keeps up to 1000 characters). */
export const MAX_BRIEF_QUESTION = 600;

/** The questions of the confirmed registrants, without who wrote them or their contact data. */
export function speakerQuestions(registrants: readonly { status: string; questions: string }[]): string[] {
  const out: string[] = [];
  for (const r of registrants) {
    if (r.status !== CONFIRMED) continue;
    const q = redactContacts(r.questions.replace(/\s+/g, ' ').trim());
    if (q === '') continue;
    out.push(q.length > MAX_BRIEF_QUESTION ? `${q.slice(0, MAX_BRIEF_QUESTION - 1)}…` : q);
  }
  return out;
}

export function confirmedCount(registrants: readonly { status: string }[]): number {
  return registrants.filter((r) => r.status === CONFIRMED).length;
}
