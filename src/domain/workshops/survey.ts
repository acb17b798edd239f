/**
 * Who gets the workshop survey, and when (B08, C03). Pure: the app layer reads the tabs and
 * writes what this plans.
 *
 * - A session's survey is due `workshopSurveyDelayMinutes` after its end ('Fin'), and goes out
 *   automatically until SURVEY_WINDOW_DAYS after the end: a mark made later than that (an old
 *   session's attendance typed in weeks after) is surveyed only when a consultant presses
 *   «Enviar encuesta» — a survey about a session a month ago helps nobody and surprises people.
 * - It goes to every person marked present ('Asistió' = TRUE in 'Asistencia'), once: one row
 *   per session and person in 'Envíos de sesiones' (kind 'Encuesta', ID `ENC/<session>/<registration>`),
 *   so a person marked present later (a late Meet report) gets it on a later run, and nobody twice.
 *   Absent people never. A cancelled session is never surveyed.
 * - 'Participantes' of a session is the number of people marked present, recounted every run.
 */
import type { SessionMailKind } from '../schema';

export const SURVEY_MAIL_KIND: SessionMailKind = 'Encuesta';
/** The kind's code in the IDs of 'Envíos de sesiones'. */
export const SURVEY_MAIL_CODE = 'ENC';
/** How long after a session's end its survey still goes out by itself. */
export const SURVEY_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

export function surveyMailId(sessionId: string, registrationId: string): string {
  return `${SURVEY_MAIL_CODE}/${sessionId}/${registrationId}`;
}

export function isSurveyMailId(id: string): boolean {
  return id.startsWith(`${SURVEY_MAIL_CODE}/`);
}

export interface SurveySessionFacts {
  id: string;
  moduleId: string;
  end: Date | null;
  status: string;
}

export interface SurveyAttendanceFacts {
  sessionId: string;
  registrationId: string;
  present: boolean;
}

export interface SurveyRegistrationFacts {
  id: string;
  email: string;
  status: string;
}

/** When the survey of a session ending at `end` is due. */
export function surveyDueAt(end: Date, delayMinutes: number): Date {
  const delay = Number.isFinite(delayMinutes) && delayMinutes >= 0 ? delayMinutes : 0;
  return new Date(end.getTime() + delay * 60_000);
}

function validEnd(s: SurveySessionFacts): Date | null {
  return s.end instanceof Date && !isNaN(s.end.getTime()) ? s.end : null;
}

/**
 * The session clock's view (app/workshops/session-clock.ts): the moments a survey run is due —
 * each session's end plus the delay. Cancelled sessions and sessions without an end have none.
 */
export function surveyDueTimes(sessions: readonly SurveySessionFacts[], settings: { workshopSurveyDelayMinutes: number }): number[] {
  const out: number[] = [];
  for (const s of sessions) {
    const end = validEnd(s);
    if (!end || s.status === 'Cancelada' || !s.id) continue;
    out.push(surveyDueAt(end, settings.workshopSurveyDelayMinutes).getTime());
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Why a session's survey may not go now (null: it may). `forced`: a consultant asked (no upper window). */
export type SurveyGate = null | 'cancelled' | 'no-end' | 'not-yet' | 'too-old';

export function surveyGate(s: SurveySessionFacts, now: Date, delayMinutes: number, forced = false): SurveyGate {
  if (s.status === 'Cancelada') return 'cancelled';
  const end = validEnd(s);
  if (!end) return 'no-end';
  // The consultant may send as soon as the session ended; the automatic run waits for the delay.
  const from = forced ? end : surveyDueAt(end, delayMinutes);
  if (now.getTime() < from.getTime()) return 'not-yet';
  if (!forced && now.getTime() > end.getTime() + SURVEY_WINDOW_DAYS * DAY_MS) return 'too-old';
  return null;
}

export interface PlannedSurveyMail {
  id: string;
  sessionId: string;
  moduleId: string;
  registrationId: string;
  email: string;
}

export interface SurveyPlan {
  /** Rows to add to 'Envíos de sesiones' as 'pendiente'. */
  add: PlannedSurveyMail[];
  /** People present whose registration has no address (or is gone): nobody to write to. */
  noAddress: { sessionId: string; registrationId: string }[];
}

/**
 * The survey rows missing for `sessions` (those that may go now): one per person marked present
 * without a row yet. `existing` holds the IDs already in 'Envíos de sesiones'.
 */
export function planSurveyMails(
  sessions: readonly SurveySessionFacts[],
  attendance: readonly SurveyAttendanceFacts[],
  registrations: ReadonlyMap<string, SurveyRegistrationFacts>,
  existing: ReadonlySet<string>,
): SurveyPlan {
  const plan: SurveyPlan = { add: [], noAddress: [] };
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const planned = new Set<string>();
  for (const a of attendance) {
    if (a.present !== true || !a.registrationId) continue;
    const s = byId.get(a.sessionId);
    if (!s) continue;
    const id = surveyMailId(s.id, a.registrationId);
    if (existing.has(id) || planned.has(id)) continue;
    const reg = registrations.get(a.registrationId);
    const email = reg ? reg.email.trim().toLowerCase() : '';
    if (!reg || email === '' || reg.status === 'Anulado') {
      plan.noAddress.push({ sessionId: s.id, registrationId: a.registrationId });
      continue;
    }
    planned.add(id);
    plan.add.push({ id, sessionId: s.id, moduleId: s.moduleId, registrationId: a.registrationId, email });
  }
  return plan;
}

/** 'Participantes' per session: the people marked present. */
export function participantsBySession(attendance: readonly SurveyAttendanceFacts[]): Map<string, number> {
  const out = new Map<string, number>();
  const seen = new Set<string>();
  for (const a of attendance) {
    if (a.present !== true || !a.sessionId || !a.registrationId) continue;
    const key = `${a.sessionId}\u0000${a.registrationId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.set(a.sessionId, (out.get(a.sessionId) ?? 0) + 1);
  }
  return out;
}

/**
 * A session's 'Encuesta' state from its survey rows' deliveries: '' when none; 'pendiente' while
 * any waits; 'enviando' when one is in doubt (a person looks at it); 'enviado' when every one
 * went (or could not go and says why: 'error' only when none went).
 */
export function sessionSurveyState(deliveries: readonly string[]): '' | 'pendiente' | 'enviando' | 'enviado' | 'error' {
  if (deliveries.length === 0) return '';
  const d = deliveries.map((x) => x.trim().toLowerCase());
  if (d.some((x) => x === 'pendiente' || x === '')) return 'pendiente';
  if (d.some((x) => x === 'enviando')) return 'enviando';
  if (d.some((x) => x === 'enviado')) return 'enviado';
  return 'error';
}
