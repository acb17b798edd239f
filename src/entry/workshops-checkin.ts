/**
 * Entry points of the check-in form «Formato de asistencia» (B09), in the "Programación
 * Talleres Masivos" spreadsheet: its submit trigger and the sweep that trigger schedules (both
 * trigger-only, docs/access-model.md), and the panel's «Enlace de asistencia» of a session.
 */
import { checkinLink, handleCheckins, markCheckinPending, runCheckinSweep as sweep, scheduleCheckinSweep, type CheckinResult } from '../app/workshops/checkin';
import { JOB_EXECUTION_KINDS } from '../domain/messages/attention-jobs';
import { CHECKIN_MESSAGES as M } from '../domain/workshops/checkin';
import { formAnswers } from '../gas/forms';
import { LockBusyError } from '../ports';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { cleanText } from '../domain/text';
import { guarded } from './guard';

const NOTHING: CheckinResult = { recorded: 0, unchanged: 0, forReview: 0 };

/**
 * The check-in form's submit trigger: this response, and any earlier one left pending, become
 * attendance or a 'Revisión' item (app/workshops/checkin.ts). When the sheet is busy the
 * response is marked pending and a sweep is scheduled: nothing is lost.
 */
export function onCheckinSubmit(e?: GoogleAppsScript.Events.FormsOnFormSubmit): CheckinResult {
  return guarded(
    'onCheckinSubmit',
    JOB_EXECUTION_KINDS.checkinSubmit,
    (ctx) => {
      const given = e && e.response ? [formAnswers(e.response)] : [];
      try {
        return handleCheckins(ctx, given);
      } catch (err) {
        if (!(err instanceof LockBusyError)) throw err;
        for (const r of given) markCheckinPending(ctx.properties, r);
        scheduleCheckinSweep(ctx);
        console.warn(M.busy(given[0]?.responseId ?? ''));
        return NOTHING;
      }
    },
    e,
  );
}

/** The one-off sweep every burst of check-ins makes sure is scheduled (trigger only). */
export function runCheckinSweep(e?: GoogleAppsScript.Events.TimeDriven): CheckinResult {
  return guarded(
    'runCheckinSweep',
    JOB_EXECUTION_KINDS.checkinSubmit,
    (ctx) => {
      try {
        return sweep(ctx);
      } catch (err) {
        if (!(err instanceof LockBusyError)) throw err;
        scheduleCheckinSweep(ctx);
        return NOTHING;
      }
    },
    e,
  );
}

/**
 * The session's check-in link for the Meet chat (the form's prefilled link with the session
 * chosen); null when there is no form yet or the session is not open for check-in (cancelled,
 * over, or more than 7 days ahead).
 */
export function getCheckinLink(sessionId: string): { ok: boolean; url: string | null } {
  return guarded('getCheckinLink', EXECUTION_KINDS.panel, (ctx) => {
    const url = checkinLink(ctx, cleanText(typeof sessionId === 'string' ? sessionId : '', 40));
    return { ok: url !== null, url };
  });
}
