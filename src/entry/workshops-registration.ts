/**
 * Entry points of registration to the modules (B05), in the "Programación Talleres Masivos"
 * spreadsheet: the registration form's submit trigger and the panel's actions.
 */
import { handleRegistrations, markPending, openRegistration as openUseCase, releasePlace, runSweep, scheduleSweep, syncRegistrationChoices, type OpenRegistrationResult, type PlaceChange, type RegistrationResult } from '../app/workshops/registration';
import { JOB_EXECUTION_KINDS } from '../domain/messages/attention-jobs';
import { REGISTRATION_MESSAGES as M } from '../domain/messages/registration';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { cleanText } from '../domain/text';
import { ANNULLED } from '../domain/workshops/registration';
import { formAnswers } from '../gas/forms';
import { LockBusyError } from '../ports';
import { ensureSessionClock } from '../app/workshops/session-clock';
import { guarded } from './guard';

/**
 * The registration form's submit trigger (trigger only): this response, and any earlier one no
 * execution accounted for, become registrations (app/workshops/registration.ts).
 */
export function onRegistrationSubmit(e?: GoogleAppsScript.Events.FormsOnFormSubmit): RegistrationResult {
  return guarded(
    'onRegistrationSubmit',
    JOB_EXECUTION_KINDS.registrationSubmit,
    (ctx) => {
      const given = e && e.response ? [formAnswers(e.response)] : [];
      // First the marker, then the safety net, then the work (app/workshops/registration.ts).
      // handleRegistrations makes sure one sweep is scheduled, under the lock: a response whose
      // execution dies is handled by it (the form keeps every response).
      try {
        return handleRegistrations(ctx, given);
      } catch (err) {
        if (!(err instanceof LockBusyError)) throw err;
        // Marked pending, the next submission handles it before its own (places follow the order
        // people sent the form); the sweep, if none comes.
        for (const r of given) markPending(ctx.properties, r);
        scheduleSweep(ctx);
        console.warn(`Inscripción: la hoja estaba ocupada; la respuesta ${given[0]?.responseId ?? ''} se registrará en unos minutos.`);
        return { confirmed: 0, waiting: 0, updated: 0, forReview: 0, unchanged: 0, promoted: 0 };
      }
    },
    e,
  );
}

/** The one-off sweep every submission makes sure is scheduled (trigger only). */
export function runRegistrationSweep(e?: GoogleAppsScript.Events.TimeDriven): RegistrationResult {
  return guarded(
    'runRegistrationSweep',
    JOB_EXECUTION_KINDS.registrationSubmit,
    (ctx) => {
      try {
        return runSweep(ctx);
      } catch (err) {
        if (!(err instanceof LockBusyError)) throw err;
        scheduleSweep(ctx);
        return { confirmed: 0, waiting: 0, updated: 0, forReview: 0, unchanged: 0, promoted: 0 };
      }
    },
    e,
  );
}

/** «Abrir inscripción»: the module becomes a choice of the form and gets its own link. */
export function openRegistration(moduleId: string): OpenRegistrationResult {
  return guarded('openRegistration', EXECUTION_KINDS.panel, (ctx) => openUseCase(ctx, moduleId));
}

/** «Revisar respuestas pendientes»: responses whose automatic handling failed are handled now. */
export function processPendingRegistrations(): RegistrationResult {
  return guarded('processPendingRegistrations', EXECUTION_KINDS.panel, (ctx) => {
    const r = handleRegistrations(ctx, [], { sweep: true });
    syncRegistrationChoices(ctx);
    return r;
  });
}

/** «Anular inscripción» (with a reason): the place goes to the first person waiting, who is told. */
export function annulRegistration(registrationId: string, reason: string): PlaceChange {
  return guarded('annulRegistration', EXECUTION_KINDS.panel, (ctx, granted) => {
    const why = cleanText(typeof reason === 'string' ? reason : '', 300);
    if (why.length < 5) return { ok: false, message: M.reasonRequired, promoted: 0 };
    const r = releasePlace(ctx, cleanText(String(registrationId ?? ''), 40), { state: ANNULLED, reason: why, by: `Anulada por ${granted.email}` });
    // Issue 12: a person promoted into the freed place gets the session links already sent (the clock looks soon).
    if (r.promoted > 0) ensureSessionClock(ctx);
    return r;
  });
}
