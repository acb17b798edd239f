/**
 * A one-to-one appointment (A01–A07) and its state machine.
 *
 *   Programada ──start──▶ En atención ──finish──▶ Atendida
 *       │  ▲                                (survey goes out)
 *       │  └──────reinstate──────┐
 *       ├──abandon──▶ Abandonada ┤   (only after the 5-minute tolerance; abandonment email goes out)
 *       └──cancel───▶ Cancelada ─┘   (import: only before the appointment's time;
 *                                       by hand: any time, with a reason)
 *
 * Appointments of an earlier Lima day still open ('Programada' or 'En atención': left open when
 * the day ended) are closed afterwards from the panel's «Pendientes de días anteriores»:
 * Finalizar with the duration the consultant gives (a 'Programada' one too — it was attended but
 * never started in the panel), Marcar abandonada (without the email: see abandonAppointment),
 * or Cancelar with a reason.
 *
 * Abandonment is allowed from 'Programada' only. The procedure (A03) defines an abandoned
 * appointment as one where the consultant could not reach the user at all — by Meet, phone or
 * email — after the tolerance. Once "Iniciar" was clicked there *was* contact, so a call that
 * drops halfway is finished with what happened written in Observaciones; that keeps the user in
 * the survey (A06) and the attended count honest.
 *
 * Every transition is a pure function returning either the fields to write or a Spanish
 * explanation for the consultant; the use case writes the patch under the script lock.
 */
import { formatLimaDate, formatLimaDateTime, formatLimaTime, limaDateKey } from './lima-time';
import {
  ABANDON_REASONS,
  APPOINTMENT_MESSAGES as M,
  CONSULTATION_TOPICS,
  SYSTEM_OBSERVATION_PATTERNS,
  type AbandonReason,
  type ConsultationTopic,
} from './messages/appointments';

export { ABANDON_REASONS, CONSULTATION_TOPICS };
export type { AbandonReason, ConsultationTopic };

export type AppointmentStatus = 'Programada' | 'En atención' | 'Atendida' | 'Abandonada' | 'Cancelada';
export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = [
  'Programada',
  'En atención',
  'Atendida',
  'Abandonada',
  'Cancelada',
];

/** The procedure's standard time for a one-to-one attention, in minutes (PE-SOE-001-01). */
export const STANDARD_ATTENTION_MINUTES = 35;
/** How long the consultant waits for the user to connect (A03). */
export const TOLERANCE_MINUTES = 5;
/** Longest free text accepted in one action (a Sheets cell holds 50 000; people write far less). */
export const MAX_TEXT_LENGTH = 2000;

/** Progress of an email tied to a row. 'pendiente' = to be sent by the next run. */
export type DeliveryStatus = '' | 'pendiente' | 'enviando' | 'enviado' | 'error';

/** True while the appointment still needs the consultant (used by the day close, A07). */
export function isOpenStatus(status: AppointmentStatus): boolean {
  return status === 'Programada' || status === 'En atención';
}

/** True when the appointment's Lima day is before `now`'s (a leftover of an earlier day). */
export function isEarlierDay(start: Date, now: Date): boolean {
  return limaDateKey(start) < limaDateKey(now);
}

/** Longest duration accepted for an attention closed afterwards, in minutes. */
export const MAX_LATE_DURATION_MINUTES = 240;
/** Shortest reason accepted for a cancellation by hand. */
export const MIN_CANCEL_REASON_LENGTH = 5;

/** What the state machine needs to know about an appointment. */
export interface AppointmentFacts {
  status: AppointmentStatus;
  start: Date;
  startedAt?: Date | null;
  observations?: string;
  abandonmentEmailStatus?: DeliveryStatus;
}

/** Fields to write on the appointment's row; absent = unchanged. */
export interface AppointmentPatch {
  status?: AppointmentStatus;
  startedAt?: Date | null;
  endedAt?: Date | null;
  durationMinutes?: number | null;
  topic?: string;
  notes?: string;
  observations?: string;
  abandonReason?: string;
  abandonedAt?: Date | null;
  cancelledAt?: Date | null;
  surveyStatus?: DeliveryStatus;
  abandonmentEmailStatus?: DeliveryStatus;
}

export type TransitionErrorCode =
  | 'already-started'
  | 'already-finished'
  | 'abandoned'
  | 'cancelled'
  | 'not-started'
  | 'in-attention'
  | 'already-scheduled'
  | 'wrong-day'
  | 'tolerance-not-over'
  | 'past'
  | 'invalid-reason'
  | 'detail-required'
  | 'invalid-topic'
  | 'duration-required'
  | 'reason-required'
  | 'text-too-long';

export type TransitionResult =
  | { ok: true; patch: AppointmentPatch }
  | { ok: false; code: TransitionErrorCode; message: string };

function refuse(code: TransitionErrorCode, message: string): TransitionResult {
  return { ok: false, code, message };
}

function clean(text: string | undefined): string {
  return (text ?? '').trim();
}

function tooLong(field: string, text: string): TransitionResult | null {
  return text.length > MAX_TEXT_LENGTH ? refuse('text-too-long', M.textTooLong(field, MAX_TEXT_LENGTH)) : null;
}

/** Adds a line to Observaciones without losing what is already there. */
export function appendObservation(existing: string | undefined, line: string): string {
  const before = clean(existing);
  const add = clean(line);
  if (!add) return before;
  return before ? `${before}\n${add}` : add;
}

/** 'Observaciones' split for reading: what the consultant wrote, and the system's own notes. */
export interface ObservationParts {
  /** The consultant's text, its line breaks kept. */
  consultant: string;
  /** The system's notes (abandoned, cancelled, reactivated, left open), one per line, oldest first. */
  system: string[];
}

/** Splits 'Observaciones' into the consultant's text and the system's notes (see SYSTEM_OBSERVATION_PATTERNS). */
export function splitObservations(text: string | undefined): ObservationParts {
  const consultant: string[] = [];
  const system: string[] = [];
  for (const raw of (text ?? '').replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (SYSTEM_OBSERVATION_PATTERNS.some((re) => re.test(line.trim()))) system.push(line.trim());
    else consultant.push(line);
  }
  return { consultant: consultant.join('\n').trim(), system };
}

/** "Iniciar" (A04): Programada → En atención, on the appointment's own Lima day. */
export function startAttention(appt: AppointmentFacts, now: Date): TransitionResult {
  switch (appt.status) {
    case 'En atención': return refuse('already-started', M.startAlreadyStarted);
    case 'Atendida': return refuse('already-finished', M.startAlreadyFinished);
    case 'Abandonada': return refuse('abandoned', M.startAbandoned);
    case 'Cancelada': return refuse('cancelled', M.startCancelled);
    case 'Programada': break;
  }
  // Early is fine (the user may connect before the hour); another day is a wrong click.
  if (limaDateKey(appt.start) !== limaDateKey(now)) {
    return refuse('wrong-day', M.startWrongDay(formatLimaDate(appt.start)));
  }
  return { ok: true, patch: { status: 'En atención', startedAt: now } };
}

export interface FinishInput {
  /** Added to Observaciones (what the consultant wants on record, A06). */
  observations?: string;
  topic?: string;
  notes?: string;
  /**
   * Minutes the attention lasted, for an appointment of an earlier day closed afterwards
   * (required then: the clock cannot tell). Ignored on the appointment's own day.
   */
  durationMinutes?: number | string;
}

/** A whole number of minutes from 1 to MAX_LATE_DURATION_MINUTES, or null. */
function lateDuration(v: number | string | undefined): number | null {
  const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v ?? '') ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= MAX_LATE_DURATION_MINUTES ? n : null;
}

/**
 * "Finalizar" (A06): En atención → Atendida. Records the end, the duration in whole minutes and
 * marks the satisfaction survey as pending: only attended users receive it.
 *
 * An appointment of an earlier day still open is closed afterwards: 'En atención' or
 * 'Programada' (attended without «Iniciar» in the panel) → Atendida, with the duration the
 * consultant gives; the end is its start plus that duration, not the moment of the click.
 */
export function finishAttention(appt: AppointmentFacts, now: Date, input: FinishInput = {}): TransitionResult {
  const earlier = isEarlierDay(appt.start, now);
  switch (appt.status) {
    case 'Programada': if (!earlier) return refuse('not-started', M.finishNotStarted); break;
    case 'Atendida': return refuse('already-finished', M.finishAlreadyFinished);
    case 'Abandonada': return refuse('abandoned', M.finishAbandoned);
    case 'Cancelada': return refuse('cancelled', M.finishCancelled);
    case 'En atención': break;
  }
  const observations = clean(input.observations);
  const notes = clean(input.notes);
  const problem = tooLong(M.fieldObservations, observations) ?? tooLong(M.fieldNotes, notes);
  if (problem) return problem;
  const topic = clean(input.topic);
  if (topic && !isConsultationTopic(topic)) return refuse('invalid-topic', M.invalidTopic);

  if (earlier) {
    const minutes = lateDuration(input.durationMinutes);
    if (minutes === null) return refuse('duration-required', M.finishDurationRequired(MAX_LATE_DURATION_MINUTES));
    const began = appt.status === 'En atención' && appt.startedAt && !isNaN(appt.startedAt.getTime()) ? appt.startedAt : appt.start;
    const late: AppointmentPatch = {
      status: 'Atendida',
      startedAt: began,
      endedAt: new Date(began.getTime() + minutes * 60_000),
      durationMinutes: minutes,
      surveyStatus: 'pendiente',
      observations: appendObservation(
        appendObservation(appt.observations, observations),
        M.observationClosedLate(formatLimaDateTime(now)),
      ),
    };
    if (topic) late.topic = topic;
    if (notes) late.notes = notes;
    return { ok: true, patch: late };
  }

  // A row marked "En atención" by hand may lack the start time: finish anyway, duration unknown.
  const started = appt.startedAt && !isNaN(appt.startedAt.getTime()) ? appt.startedAt : null;
  const durationMinutes = started ? Math.max(0, Math.round((now.getTime() - started.getTime()) / 60_000)) : null;

  const patch: AppointmentPatch = {
    status: 'Atendida',
    endedAt: now,
    durationMinutes,
    surveyStatus: 'pendiente',
  };
  if (observations) patch.observations = appendObservation(appt.observations, observations);
  if (topic) patch.topic = topic;
  if (notes) patch.notes = notes;
  return { ok: true, patch };
}

export interface ConsultationInput {
  topic?: string;
  notes?: string;
}

/** Topic and notes of the consultation (A05), while attending or afterwards as a correction. */
export function recordConsultation(appt: AppointmentFacts, input: ConsultationInput): TransitionResult {
  if (appt.status === 'Programada') return refuse('not-started', M.consultationNotStarted);
  if (appt.status === 'Abandonada') return refuse('abandoned', M.consultationClosed);
  if (appt.status === 'Cancelada') return refuse('cancelled', M.consultationClosed);
  const topic = clean(input.topic);
  const notes = clean(input.notes);
  if (topic && !isConsultationTopic(topic)) return refuse('invalid-topic', M.invalidTopic);
  const problem = tooLong(M.fieldNotes, notes);
  if (problem) return problem;
  const patch: AppointmentPatch = {};
  if (input.topic !== undefined) patch.topic = topic;
  if (input.notes !== undefined) patch.notes = notes;
  return { ok: true, patch };
}

export function isConsultationTopic(s: string): s is ConsultationTopic {
  return (CONSULTATION_TOPICS as readonly string[]).includes(s);
}

export function isAbandonReason(s: string): s is AbandonReason {
  return (ABANDON_REASONS as readonly string[]).includes(s);
}

export interface AbandonInput {
  reason: string;
  /** Free text; required when the reason is 'Otro'. */
  detail?: string;
}

/**
 * "Marcar abandonada" (A03): Programada → Abandonada, once the tolerance is over. Writes the
 * reason into Observaciones (as the procedure asks) and queues the abandonment email.
 *
 * A leftover of an earlier day is marked without the email ('Correo de abandono' stays empty):
 * "your appointment did not take place, book again" days later, after a silence, reads as a
 * mistake and may contradict what the consultant has told the person since; the consultant has
 * the person's email and phone in the panel if they want to write.
 */
export function abandonAppointment(
  appt: AppointmentFacts,
  now: Date,
  input: AbandonInput,
  toleranceMinutes = TOLERANCE_MINUTES,
): TransitionResult {
  switch (appt.status) {
    case 'En atención': return refuse('in-attention', M.abandonInAttention);
    case 'Atendida': return refuse('already-finished', M.abandonAlreadyFinished);
    case 'Abandonada': return refuse('abandoned', M.abandonAlreadyAbandoned);
    case 'Cancelada': return refuse('cancelled', M.abandonCancelled);
    case 'Programada': break;
  }
  const reason = clean(input.reason);
  if (!isAbandonReason(reason)) return refuse('invalid-reason', M.abandonInvalidReason);
  const detail = clean(input.detail);
  if (reason === 'Otro' && !detail) return refuse('detail-required', M.abandonDetailRequired);
  const problem = tooLong(M.fieldDetail, detail);
  if (problem) return problem;

  const toleranceEnd = new Date(appt.start.getTime() + toleranceMinutes * 60_000);
  if (now.getTime() < toleranceEnd.getTime()) {
    return refuse('tolerance-not-over', M.abandonTooEarly(formatLimaTime(toleranceEnd), toleranceMinutes));
  }
  const abandonReason = detail ? `${reason} – ${detail}` : reason;
  return {
    ok: true,
    patch: {
      status: 'Abandonada',
      abandonReason,
      abandonedAt: now,
      observations: appendObservation(appt.observations, M.observationAbandoned(reason, detail)),
      abandonmentEmailStatus: isEarlierDay(appt.start, now) ? '' : 'pendiente',
    },
  };
}

/**
 * Programada → Cancelada, e.g. when the platform's report no longer lists a future appointment.
 * A past appointment is not cancelled: it was either attended or abandoned, and saying which
 * is the consultant's call.
 */
export function cancelAppointment(appt: AppointmentFacts, now: Date, reason = ''): TransitionResult {
  switch (appt.status) {
    case 'En atención': return refuse('in-attention', M.cancelInAttention);
    case 'Atendida': return refuse('already-finished', M.cancelAlreadyFinished);
    case 'Abandonada': return refuse('abandoned', M.cancelAbandoned);
    case 'Cancelada': return refuse('cancelled', M.cancelAlreadyCancelled);
    case 'Programada': break;
  }
  if (appt.start.getTime() <= now.getTime()) return refuse('past', M.cancelPast);
  const why = clean(reason);
  const problem = tooLong(M.fieldObservations, why);
  if (problem) return problem;
  return {
    ok: true,
    patch: {
      status: 'Cancelada',
      cancelledAt: now,
      observations: appendObservation(appt.observations, M.observationCancelled(why)),
    },
  };
}

/**
 * «Cancelar cita» by hand (the citizen asked, a duplicate, a personal-data deletion): Programada →
 * Cancelada at any time — today's, a later day's, or an earlier day's leftover — with a reason of
 * at least MIN_CANCEL_REASON_LENGTH characters, written into Observaciones. Unlike the import's
 * inference, a past time does not stop it: the consultant says what happened.
 */
export function cancelByHand(appt: AppointmentFacts, now: Date, reason: string): TransitionResult {
  switch (appt.status) {
    case 'En atención': return refuse('in-attention', M.cancelInAttention);
    case 'Atendida': return refuse('already-finished', M.cancelAlreadyFinished);
    case 'Abandonada': return refuse('abandoned', M.cancelAbandoned);
    case 'Cancelada': return refuse('cancelled', M.cancelAlreadyCancelled);
    case 'Programada': break;
  }
  const why = clean(reason).replace(/\s+/g, ' ');
  if (why.length < MIN_CANCEL_REASON_LENGTH) return refuse('reason-required', M.cancelReasonRequired(MIN_CANCEL_REASON_LENGTH));
  const problem = tooLong(M.fieldObservations, why);
  if (problem) return problem;
  return {
    ok: true,
    patch: {
      status: 'Cancelada',
      cancelledAt: now,
      observations: appendObservation(appt.observations, M.observationCancelled(why)),
    },
  };
}

/**
 * "Reactivar": back to Programada. For an abandoned appointment whose user turns up late the
 * same day (or a mistaken click); for a cancelled one that the platform lists again, while it is
 * still ahead. An abandonment email not yet sent is withdrawn; one already sent cannot be.
 */
export function reinstateAppointment(appt: AppointmentFacts, now: Date): TransitionResult {
  switch (appt.status) {
    case 'Programada': return refuse('already-scheduled', M.reinstateAlreadyScheduled);
    case 'En atención': return refuse('in-attention', M.reinstateInAttention);
    case 'Atendida': return refuse('already-finished', M.reinstateFinished);
    case 'Abandonada':
      if (limaDateKey(appt.start) !== limaDateKey(now)) {
        return refuse('wrong-day', M.reinstateAbandonedOtherDay(formatLimaDate(appt.start)));
      }
      break;
    case 'Cancelada':
      if (appt.start.getTime() <= now.getTime()) return refuse('past', M.reinstateCancelledPast);
      break;
  }
  const patch: AppointmentPatch = {
    status: 'Programada',
    abandonReason: '',
    abandonedAt: null,
    cancelledAt: null,
    observations: appendObservation(appt.observations, M.observationReinstated(formatLimaDateTime(now))),
  };
  if (appt.abandonmentEmailStatus === 'pendiente' || appt.abandonmentEmailStatus === 'error') {
    patch.abandonmentEmailStatus = '';
  }
  return { ok: true, patch };
}

export interface ToleranceState {
  /** before: the appointment has not begun; tolerance: waiting for the user; late: may be marked abandoned. */
  phase: 'before' | 'tolerance' | 'late';
  /** Seconds to the start (before), to the end of the tolerance (tolerance), 0 when late. Rounded up. */
  secondsLeft: number;
}

/** Drives the sidebar's countdown (A03). */
export function toleranceState(start: Date, now: Date, toleranceMinutes = TOLERANCE_MINUTES): ToleranceState {
  const toStart = start.getTime() - now.getTime();
  if (toStart > 0) return { phase: 'before', secondsLeft: Math.ceil(toStart / 1000) };
  const toEnd = toStart + toleranceMinutes * 60_000;
  if (toEnd > 0) return { phase: 'tolerance', secondsLeft: Math.ceil(toEnd / 1000) };
  return { phase: 'late', secondsLeft: 0 };
}
