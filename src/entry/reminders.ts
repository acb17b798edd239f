/**
 * Entry points of the reminders area (issue 3: A02, A06's survey form, A07): the trigger
 * handlers and the panel's list of items to review. Each export becomes a top-level function of
 * dist/Code.js.
 *
 * Handlers log a one-line summary (the execution log) and the audit tab gets the details.
 */
import { runDayClosing as runDayClosingUseCase } from '../app/day-closing';
import { runReminders as runRemindersUseCase } from '../app/reminders';
import { pendingReviewItems, type ReviewItemView } from '../app/review';
import { sendPendingAttentionMail } from '../app/day';
import { linkSurveyResponses } from '../app/surveys';
import { JOB_EXECUTION_KINDS } from '../domain/messages/attention-jobs';
import { pendingMailLine } from '../domain/messages/day';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { REVIEW_TAB } from '../domain/schema';
import { formAnswers } from '../gas/forms';
import { ActiveGeneratedTabs } from '../gas/generated-tabs-active';
import { guarded } from './guard';

/** Time-driven (daily at the reminder hour, continuations, requested runs): events and reminder emails (A02). */
export function runReminders(e?: GoogleAppsScript.Events.TimeDriven): string {
  return guarded('runReminders', JOB_EXECUTION_KINDS.reminders, (ctx) => {
    const result = runRemindersUseCase(ctx);
    console.log(result.summary);
    return result.summary;
  }, e);
}

/** Time-driven, daily at the closing hour (A07): open appointments flagged, one summary per consultant. */
export function runDayClosing(e?: GoogleAppsScript.Events.TimeDriven): string {
  return guarded('runDayClosing', JOB_EXECUTION_KINDS.dayClosing, (ctx) => {
    // Issue 15: the closing also refreshes «Indicadores» (never failing the closing).
    const result = runDayClosingUseCase({ ...ctx, tabs: new ActiveGeneratedTabs() });
    // Surveys and abandonment emails the consultant's click could not send (no quota left, no
    // survey form yet) were left 'pendiente'; the evening run is their second chance.
    const pending = sendPendingAttentionMail(ctx);
    const summary = pending.sent || pending.waiting || pending.ambiguous
      ? `${result.summary} ${pendingMailLine(pending)}`
      : result.summary;
    console.log(summary);
    return summary;
  }, e);
}

/** Form-submit trigger of the satisfaction survey form (A06): links the response to its appointment. */
export function onSurveySubmit(e?: GoogleAppsScript.Events.FormsOnFormSubmit): string {
  return guarded('onSurveySubmit', JOB_EXECUTION_KINDS.surveySubmit, (ctx) => {
    if (!e || !e.response) {
      // A trigger event without a response: nothing to link (the day closing sweeps the form anyway).
      console.warn('onSurveySubmit: sin respuesta en el evento; no se hizo nada.');
      return '';
    }
    const response = formAnswers(e.response);
    const r = linkSurveyResponses(ctx, [response]);
    const line = r.linked ? 'vinculada' : r.forReview ? 'por revisar' : 'ya registrada';
    console.log(`Respuesta ${response.responseId}: ${line}.`);
    return line;
  }, e);
}

/** The panel: 'Revisión' items still pending, newest first. */
export function getReviewItems(): ReviewItemView[] {
  return guarded('getReviewItems', EXECUTION_KINDS.panel, (ctx) => pendingReviewItems(ctx.workbooks.current().table(REVIEW_TAB)));
}
