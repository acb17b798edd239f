/**
 * Entry points of the institutions' requests intake (C01), in the "Programación Talleres Masivos"
 * spreadsheet: the request form's submit trigger and its sweep (both trigger only).
 */
import { handleExternalRequests, markExternalPending, runExternalSweep, scheduleExternalSweep, type IntakeResult } from '../app/external/intake';
import { EXTERNAL_INTAKE_EXECUTION_KIND, EXTERNAL_INTAKE_MESSAGES as M } from '../domain/messages/external-intake';
import { formAnswers } from '../gas/forms';
import { LockBusyError } from '../ports';
import { guarded } from './guard';

const NOTHING: IntakeResult = { received: 0, updated: 0, repeated: 0, forReview: 0, unchanged: 0 };

/**
 * The request form's submit trigger (trigger only): this response, and any earlier one no
 * execution accounted for, become requests (app/external/intake.ts).
 */
export function onExternalRequestSubmit(e?: GoogleAppsScript.Events.FormsOnFormSubmit): IntakeResult {
  return guarded(
    'onExternalRequestSubmit',
    EXTERNAL_INTAKE_EXECUTION_KIND,
    (ctx) => {
      const given = e && e.response ? [formAnswers(e.response)] : [];
      try {
        return handleExternalRequests(ctx, given);
      } catch (err) {
        if (!(err instanceof LockBusyError)) throw err;
        // Marked pending: the next submission handles it first; the sweep, if none comes.
        for (const r of given) markExternalPending(ctx.properties, r);
        scheduleExternalSweep(ctx);
        console.warn(M.busy(given[0]?.responseId ?? ''));
        return { ...NOTHING };
      }
    },
    e,
  );
}

/** The one-off sweep every burst of requests makes sure is scheduled (trigger only). */
export function runExternalRequestSweep(e?: GoogleAppsScript.Events.TimeDriven): IntakeResult {
  return guarded(
    'runExternalRequestSweep',
    EXTERNAL_INTAKE_EXECUTION_KIND,
    (ctx) => {
      try {
        return runExternalSweep(ctx);
      } catch (err) {
        if (!(err instanceof LockBusyError)) throw err;
        scheduleExternalSweep(ctx);
        return { ...NOTHING };
      }
    },
    e,
  );
}
