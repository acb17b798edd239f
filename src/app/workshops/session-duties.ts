/**
 * The session clock's registry of duties (session-clock.ts): every duty of the running sessions,
 * run in this order when due. Each is `{ name, dueTimes(sessions, settings), run(deps, now) }`
 * (SessionDuty). Access links first: they are the ones with a deadline (the session's start).
 * The module's progress (session 'Realizada', module 'En curso'/'Cerrado') follows, so the panel
 * and the later duties see the status the clock just moved.
 */
import { progressDueTimes } from '../../domain/workshops/progress';
import type { ClockSession } from '../../domain/workshops/session-clock';
import { ACCESS_LINKS_DUTY } from './access-links';
import { CHECKIN_CHOICES_DUTY } from './checkin';
import { runWorkshopSurveys, WORKSHOP_SURVEY_DUTY } from './survey';
import { applyProgress, PROGRESS_DUTY } from './progress';
import type { SessionDuty } from './session-clock';
import { AUTO_CONSOLIDATION_DELAY_MS, consolidateEndedModules } from './consolidation';
import { advanceHeldRequests } from '../external/workshop';
import { EXTERNAL_WORKSHOP_MESSAGES } from '../../domain/messages/external-workshop';

/** The clock's sessions in the shape the progress rules take (only start and end matter for when). */
function asProgress(s: ClockSession) {
  return { id: s.id, moduleId: s.moduleId, number: s.number, status: s.status, start: s.start === null ? null : new Date(s.start), end: s.end === null ? null : new Date(s.end), isClosing: false };
}

const PROGRESS: SessionDuty = {
  name: PROGRESS_DUTY.name,
  dueTimes: (sessions) => progressDueTimes(sessions.map(asProgress)),
  // '' when nothing moved, so the clock writes no audit line for an idle look.
  run: (deps, now) => {
    const r = applyProgress(deps, now);
    return r.sessions + r.modules === 0 ? '' : r.summary;
  },
};

const dates = (s: ClockSession) => ({ start: s.start === null ? null : new Date(s.start), end: s.end === null ? null : new Date(s.end) });

/** The check-in form's dropdown follows the sessions whose window is open or near (B09). */
const CHECKIN_CHOICES: SessionDuty = {
  name: CHECKIN_CHOICES_DUTY.name,
  dueTimes: (sessions, settings) => CHECKIN_CHOICES_DUTY.dueTimes(sessions.map(dates), settings),
  run: (deps) => CHECKIN_CHOICES_DUTY.run(deps),
};

/**
 * The survey to attendees (B08) after each session's end plus the delay. It shares the clock's
 * execution, so it gets part of the budget; what is left goes on in its own continuation
 * (`runWorkshopSurveys`).
 */
const SURVEY_SHARE_MS = 120_000;
const SURVEYS: SessionDuty = {
  name: WORKSHOP_SURVEY_DUTY.name,
  dueTimes: (sessions, settings) =>
    WORKSHOP_SURVEY_DUTY.dueTimes(
      sessions.map((s) => ({ id: s.id, moduleId: s.moduleId, status: s.status, end: s.end === null ? null : new Date(s.end) })),
      settings,
    ),
  run: (deps, now) => {
    const r = runWorkshopSurveys({ ...deps, budgetMs: Math.min(deps.budgetMs ?? SURVEY_SHARE_MS, SURVEY_SHARE_MS) }, now);
    return r.sent + r.ambiguous + r.waitingForQuota + r.remaining === 0 ? '' : r.summary;
  },
};

/**
 * B12: a module is consolidated (its attendance and survey tabs with charts) a day after its last
 * counted session ended (the survey answers are in by then) — once: later on request from the panel.
 */
export const CONSOLIDATION_DUTY_NAME = 'Consolidado del módulo';
export function consolidationDueTimes(sessions: readonly ClockSession[]): number[] {
  const byModule = new Map<string, ClockSession[]>();
  for (const s of sessions) {
    if (s.moduleId === '' || s.status === 'Cancelada') continue;
    const list = byModule.get(s.moduleId) ?? [];
    list.push(s);
    byModule.set(s.moduleId, list);
  }
  const out: number[] = [];
  for (const list of byModule.values()) if (list.every((s) => s.end !== null)) out.push(Math.max(...list.map((s) => s.end!)) + AUTO_CONSOLIDATION_DELAY_MS);
  return out;
}
const CONSOLIDATION: SessionDuty = {
  name: CONSOLIDATION_DUTY_NAME,
  dueTimes: (sessions) => consolidationDueTimes(sessions),
  run: (deps, now) => consolidateEndedModules(deps, now),
};

/**
 * C04 «Taller externo realizado»: at each session's end an external request moves to 'Realizada';
 * a day later (like the consolidation: the attendance is in) its contact gets the attendance count
 * and the thanks once, and the request closes when its certificates are done (or none are issued).
 * The sessions do not say which module is external, so every session's end and end + a day are
 * due moments; a run that finds no 'Programada'/'Realizada' request costs one cached read.
 */
export const EXTERNAL_HELD_DUTY_NAME = EXTERNAL_WORKSHOP_MESSAGES.dutyName;
export function externalHeldDueTimes(sessions: readonly ClockSession[]): number[] {
  const out: number[] = [];
  for (const s of sessions) {
    if (s.moduleId === '' || s.status === 'Cancelada' || s.end === null) continue;
    out.push(s.end, s.end + AUTO_CONSOLIDATION_DELAY_MS);
  }
  return out;
}
const EXTERNAL_HELD: SessionDuty = {
  name: EXTERNAL_HELD_DUTY_NAME,
  dueTimes: (sessions) => externalHeldDueTimes(sessions),
  run: (deps, now) => advanceHeldRequests(deps, now).line,
};

export const SESSION_DUTIES: readonly SessionDuty[] = [ACCESS_LINKS_DUTY, PROGRESS, CHECKIN_CHOICES, SURVEYS, CONSOLIDATION, EXTERNAL_HELD];
