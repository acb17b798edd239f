/**
 * Entry points of the workshop survey (B08), in the "Programación Talleres Masivos" spreadsheet:
 * the panel's «Enviar encuesta», the form's submit trigger, and the survey run's own handler (its
 * continuations; the session clock runs the same work as a duty: app/workshops/survey.ts).
 */
import {
  handleWorkshopSurveySubmit,
  runWorkshopSurveys as runUseCase,
  sendSessionSurvey as sendUseCase,
  type SessionSurveyResult,
} from '../app/workshops/survey';
import { WORKSHOP_SURVEY_EXECUTION_KINDS as K } from '../domain/messages/workshop-survey';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { formAnswers } from '../gas/forms';
import { guarded } from './guard';

/** «Enviar encuesta»: the session's survey now, to the people marked present not yet surveyed. */
export function sendSessionSurvey(sessionId: string): SessionSurveyResult {
  return guarded('sendSessionSurvey', EXECUTION_KINDS.panel, (ctx) => sendUseCase(ctx, sessionId));
}

/** Form-submit trigger of the workshop survey form: the answer is linked to person and session, or goes to 'Revisión'. */
export function onWorkshopSurveySubmit(e?: GoogleAppsScript.Events.FormsOnFormSubmit): string {
  return guarded(
    'onWorkshopSurveySubmit',
    K.submit,
    (ctx) => {
      if (!e || !e.response) {
        // Nothing to link; the survey run sweeps the form anyway.
        console.warn('onWorkshopSurveySubmit: sin respuesta en el evento; no se hizo nada.');
        return '';
      }
      const response = formAnswers(e.response);
      const line = handleWorkshopSurveySubmit(ctx, response);
      console.log(`Respuesta ${response.responseId}: ${line}.`);
      return line;
    },
    e,
  );
}

/** The survey run (trigger only): its continuations, and the session clock's duty run by hand in tests. */
export function runWorkshopSurveys(e?: GoogleAppsScript.Events.TimeDriven): string {
  return guarded(
    'runWorkshopSurveys',
    K.run,
    (ctx) => {
      const r = runUseCase(ctx);
      console.log(r.summary);
      return r.summary;
    },
    e,
  );
}
