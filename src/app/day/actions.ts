/**
 * The consultant's buttons on one appointment (A03, A04, A06, and the A02 extranet checklist).
 * Each runs in `runAction`'s frame: lock, one read, the state machine, at most one email sent
 * once, one batched write, audit, and the appointment as it is now in the answer.
 */
import {
  abandonAppointment as abandonTransition,
  cancelByHand,
  finishAttention as finishTransition,
  recordConsultation,
  reinstateAppointment as reinstateTransition,
  startAttention as startTransition,
} from '../../domain/appointment';
import { formatLimaTime } from '../../domain/lima-time';
import { abandonmentEmail } from '../../domain/messages/abandonment';
import { renderAttentionScript } from '../../domain/messages/attention-script';
import { DAY_AUDIT as A, DAY_MESSAGES as M } from '../../domain/messages/day';
import { surveyEmail } from '../../domain/messages/survey';
import { cellString, deliveryStatus, patchToFields } from '../appointments/rows';
import { surveyLink } from '../survey-link';
import { SURVEY_PROPERTY_KEYS } from '../surveys';
import { runAction, type ActionEnv, type DayDeps } from './action';
import { consultantDisplayName } from './contacts';
import type { AbandonInput, DayActionResult, FinishInput, SaveConsultationInput } from './types';

function text(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

/** The name the consultant introduces themselves with, and signs the survey email with. */
function consultantName(env: ActionEnv): string {
  return env.user.name || consultantDisplayName(env.row.record.consultant, env.settings);
}

/** "Iniciar" (A04): En atención, start time, and the attention script for this user. */
export function startAttention(deps: DayDeps, id: string): DayActionResult {
  return runAction(deps, id, (env) => {
    const t = startTransition(env.facts, env.now);
    if (!t.ok) return { refuse: t.message };
    const fullName = cellString(env.row.record.fullName);
    env.deps.audit.record({ action: A.started, target: env.row.id, result: 'Correcto' });
    return {
      fields: patchToFields(t.patch),
      message: M.started(fullName, formatLimaTime(env.now)),
      script: renderAttentionScript({ consultantName: consultantName(env), userName: fullName, now: env.now }),
    };
  });
}

/** Topic (from the catalogue) and notes of the consultation (A05), while attending or after. */
export function saveConsultation(deps: DayDeps, id: string, input: SaveConsultationInput): DayActionResult {
  return runAction(deps, id, (env) => {
    const t = recordConsultation(env.facts, { topic: text(input?.topic), notes: text(input?.notes) });
    if (!t.ok) return { refuse: t.message };
    env.deps.audit.record({ action: A.consultationSaved, target: env.row.id, result: 'Correcto', detail: t.patch.topic ?? '' });
    return { fields: patchToFields(t.patch), message: M.consultationSaved };
  });
}

/**
 * The survey email for an attended appointment (A06), sent once. Returns the 'Encuesta' column's
 * new value and what to tell the consultant.
 */
function sendSurvey(env: ActionEnv): { status: 'enviado' | 'enviando' | 'pendiente'; sentAt: Date | null; message: string; warning?: string } {
  // The property setup records is the form's ID; the settings row only mirrors it for people.
  // One read of the document properties: the form's ID and its link template (survey-link.ts).
  const props = env.deps.properties.getAll();
  const formId = props[SURVEY_PROPERTY_KEYS.formId] || env.settings.surveyFormId;
  if (!formId) return { status: 'pendiente', sentAt: null, message: '', warning: M.surveyNoForm };
  let surveyUrl: string;
  try {
    surveyUrl = surveyLink(env.deps, formId, env.row.id, props);
  } catch (e) {
    // The form was deleted or its code question renamed: setup recreates or repairs it.
    env.deps.audit.record({ action: A.sendProblem, target: env.row.id, result: 'Error', detail: e instanceof Error ? e.message : String(e) });
    return { status: 'pendiente', sentAt: null, message: '', warning: M.surveyNoForm };
  }
  const mail = surveyEmail({
    fullName: cellString(env.row.record.fullName),
    surveyUrl,
    consultantName: consultantName(env),
    rebookUrl: env.settings.rebookUrl,
  });
  const r = env.send('encuesta', mail);
  switch (r.status) {
    case 'enviado':
      env.deps.audit.record({ action: A.surveySent, target: env.row.id, result: 'Correcto', detail: cellString(env.row.record.email) });
      return { status: 'enviado', sentAt: env.now, message: M.surveySent(cellString(env.row.record.email)) };
    case 'ambiguo':
      return { status: 'enviando', sentAt: null, message: '', warning: M.surveyAmbiguous };
    case 'error':
      return { status: 'pendiente', sentAt: null, message: '', warning: M.surveyFailed(r.reason) };
    case 'sin-correo':
      return { status: 'pendiente', sentAt: null, message: '', warning: M.surveyNoEmail };
  }
}

/**
 * "Finalizar" (A06): Atendida, end time, duration, observations; then the satisfaction survey
 * goes to the user (only attended users get it). A second click is refused by the state machine,
 * so it never sends a second survey.
 */
export function finishAttention(deps: DayDeps, id: string, input: FinishInput): DayActionResult {
  return runAction(deps, id, (env) => {
    const t = finishTransition(env.facts, env.now, {
      observations: text(input?.observations),
      topic: text(input?.topic),
      notes: text(input?.notes),
      ...(input?.durationMinutes !== undefined && input.durationMinutes !== null ? { durationMinutes: input.durationMinutes } : {}),
    });
    if (!t.ok) return { refuse: t.message };
    const fields = patchToFields(t.patch);
    const survey = sendSurvey(env);
    fields.surveyStatus = survey.status;
    if (survey.sentAt) fields.surveySentAt = survey.sentAt;
    env.deps.audit.record({
      action: A.finished,
      target: env.row.id,
      result: 'Correcto',
      detail: t.patch.durationMinutes === null || t.patch.durationMinutes === undefined ? '' : `${t.patch.durationMinutes} min`,
    });
    return {
      fields,
      message: [M.finished(t.patch.durationMinutes ?? null), survey.message].filter(Boolean).join(' '),
      ...(survey.warning ? { warning: survey.warning } : {}),
    };
  });
}

/**
 * "Marcar abandonada" (A03): after the tolerance, with a reason from the list (and a detail):
 * Abandonada, the reason in 'Motivo de abandono' and 'Observaciones', and the email telling the
 * user, with the link to book again. The email carries the listed reason, never the detail
 * (an internal note).
 */
export function abandonAppointment(deps: DayDeps, id: string, input: AbandonInput): DayActionResult {
  return runAction(deps, id, (env) => {
    const reason = (text(input?.reason) ?? '').trim();
    const t = abandonTransition(env.facts, env.now, { reason, detail: text(input?.detail) }, env.settings.toleranceMinutes);
    if (!t.ok) return { refuse: t.message };
    const fields = patchToFields(t.patch);
    env.deps.audit.record({ action: A.abandoned, target: env.row.id, result: 'Correcto', detail: t.patch.abandonReason ?? reason });
    // An earlier day's leftover: no email (the state machine leaves its status empty; see why there).
    if (t.patch.abandonmentEmailStatus === '') {
      // …but an email sent on an earlier abandonment stays on record.
      if (env.facts.abandonmentEmailStatus === 'enviado') fields.abandonmentEmail = 'enviado';
      return { fields, message: `${M.abandoned} ${M.abandonedEarlierNoEmail}` };
    }

    const email = cellString(env.row.record.email);

    // Abandoned, reactivated, abandoned again: the citizen already has this email. Nothing new
    // goes out unless the consultant asks for it, and they are told which happened.
    const alreadyEmailed = env.facts.abandonmentEmailStatus === 'enviado';
    const resend = alreadyEmailed && input?.resendEmail === true;
    if (alreadyEmailed && !resend) {
      fields.abandonmentEmail = 'enviado';
      env.deps.audit.record({ action: A.abandonmentNotResent, target: env.row.id, result: 'Sin efecto', detail: email });
      return { fields, message: `${M.abandoned} ${M.abandonmentNotResent(email)}` };
    }

    const mail = abandonmentEmail({
      fullName: cellString(env.row.record.fullName),
      start: env.facts.start,
      // 'Otro' says nothing to the citizen, and its detail is an internal note: no reason line then.
      reason: reason === 'Otro' ? undefined : reason,
      rebookUrl: env.settings.rebookUrl,
    });
    const r = env.send('abandono', mail);
    fields.abandonmentEmail = r.column;
    if (r.status === 'enviado') {
      env.deps.audit.record({ action: A.abandonmentSent, target: env.row.id, result: 'Correcto', detail: resend ? `${email} (otra vez)` : email });
      return { fields, message: `${M.abandoned} ${resend ? M.abandonmentResent(email) : M.abandonmentSent(email)}` };
    }
    const warning =
      r.status === 'ambiguo' ? M.abandonmentAmbiguous : r.status === 'error' ? M.abandonmentFailed(r.reason) : M.abandonmentNoEmail;
    return { fields, message: M.abandoned, warning };
  });
}

/**
 * «Cancelar cita» by hand, with a reason (≥ 5 characters): Cancelada, the reason in
 * Observaciones, and its Calendar event (with Meet) cancelled when the row records one. No email
 * to the citizen: the attention flow has none for a cancellation (the platform, or the consultant
 * in person, tells them).
 *
 * The event is cancelled before the row is written. Cancelling is idempotent (an event already
 * cancelled answers false), so a crash between the two leaves the row 'Programada' and the retry
 * cancels nothing twice. When Calendar fails nothing is written and the consultant is asked to
 * try again: a cancelled row with a live event would stay so (the reminders run only looks at
 * cancelled appointments still ahead, and the retry would be refused as already cancelled).
 */
export function cancelAppointment(deps: DayDeps, id: string, reason: string): DayActionResult {
  return runAction(deps, id, (env) => {
    const t = cancelByHand(env.facts, env.now, text(reason) ?? '');
    if (!t.ok) return { refuse: t.message };
    const fields = patchToFields(t.patch);
    const eventId = cellString(env.row.record.eventId);
    const meetUrl = cellString(env.row.record.meetUrl);
    let eventNote = '';
    if (eventId !== '' && meetUrl !== '' && env.deps.meetings) {
      try {
        env.deps.meetings.cancel(eventId);
        // As the reminders run does: no link to a cancelled meeting, and a reminder for it is void.
        fields.meetUrl = '';
        if (deliveryStatus(env.row.record.reminderStatus) === 'enviado') Object.assign(fields, { reminderStatus: '', reminderSentAt: '' });
        env.deps.audit.record({ action: A.cancelEvent, target: env.row.id, result: 'Correcto', detail: eventId });
        eventNote = M.cancelledEventToo;
      } catch (e) {
        env.deps.audit.record({ action: A.cancelEvent, target: env.row.id, result: 'Error', detail: e instanceof Error ? e.message : String(e) });
        return { refuse: M.cancelEventFailed };
      }
    }
    env.deps.audit.record({ action: A.cancelled, target: env.row.id, result: 'Correcto', detail: (text(reason) ?? '').trim() });
    return { fields, message: [M.cancelled, eventNote].filter(Boolean).join(' ') };
  });
}

/** The extranet notice (A02 checklist item, no API): the consultant pasted it and ticks it done (or undoes it). */
export function markExtranetNotified(deps: DayDeps, id: string, done = true): DayActionResult {
  return runAction(deps, id, (env) => {
    const value = done !== false;
    env.deps.audit.record({ action: A.extranetMarked, target: env.row.id, result: 'Correcto', detail: value ? 'hecho' : 'pendiente' });
    return { fields: { extranetNotified: value }, message: value ? M.extranetMarked : M.extranetUnmarked };
  });
}

/**
 * "Reactivar": back to Programada — the user of an abandoned appointment turns up later the same
 * day, or the consultant clicked the wrong one. An abandonment email already sent cannot be
 * taken back: the consultant is told so.
 */
export function reinstateAppointment(deps: DayDeps, id: string): DayActionResult {
  return runAction(deps, id, (env) => {
    const t = reinstateTransition(env.facts, env.now);
    if (!t.ok) return { refuse: t.message };
    env.deps.audit.record({ action: A.reinstated, target: env.row.id, result: 'Correcto', detail: env.facts.status });
    const emailed = env.facts.status === 'Abandonada' && env.facts.abandonmentEmailStatus === 'enviado';
    return {
      fields: patchToFields(t.patch),
      message: M.reinstated,
      ...(emailed ? { warning: M.reinstatedAfterEmail } : {}),
    };
  });
}
