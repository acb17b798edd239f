/**
 * Entry points of the day area (issue 3): the panel's "Citas de hoy" (A03–A06), called through
 * google.script.run. Each export becomes a top-level function of dist/Code.js.
 *
 * A consultant never sees a raw error: a problem they can act on (the lock is busy, a column or
 * tab is missing) comes back in its own Spanish words; anything else is logged for the
 * technical staff and answered with a plain Spanish sentence.
 */
import * as day from '../app/day';
import type { AbandonInput, DayActionResult, DayView, DayViewOptions, FinishInput, SaveConsultationInput } from '../app/day';
import { DAY_MESSAGES } from '../domain/messages/day';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { MissingColumnError } from '../domain/table';
import { MissingTabError } from '../gas/sheet-table';
import { LockBusyError } from '../ports';
import type { Context } from './context';
import type { EntryName } from './access-table';
import { guarded } from './guard';

/** The Spanish sentence for an error a consultant may see. */
function consultantMessage(e: unknown): string {
  if (e instanceof LockBusyError || e instanceof MissingColumnError || e instanceof MissingTabError) return e.message;
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return DAY_MESSAGES.unexpected;
}

/** A day action: the access check first (a refusal reaches the panel's failure handler), then the action. */
function action(name: EntryName, run: (ctx: Context) => DayActionResult): DayActionResult {
  return guarded(name, EXECUTION_KINDS.panel, (ctx) => {
    try {
      return run(ctx);
    } catch (e) {
      return { ok: false, message: consultantMessage(e) };
    }
  });
}

/** "Citas de hoy": everything the view needs, in one call. */
export function getDayView(options?: DayViewOptions): DayView {
  return guarded('getDayView', EXECUTION_KINDS.panel, (ctx) => {
    try {
      return day.getDayView(ctx, options ?? {});
    } catch (e) {
      // The panel's failure handler shows the message: make it one a person can read.
      throw new Error(consultantMessage(e));
    }
  });
}

/** "Iniciar" (A04). */
export function startAttention(id: string): DayActionResult {
  return action('startAttention', (ctx) => day.startAttention(ctx, id));
}

/** Topic and notes of the consultation (A05). */
export function saveConsultation(id: string, input: SaveConsultationInput): DayActionResult {
  return action('saveConsultation', (ctx) => day.saveConsultation(ctx, id, input ?? {}));
}

/** "Invitar a talleres" (A05). */
export function inviteToWorkshops(id: string): DayActionResult {
  return action('inviteToWorkshops', (ctx) => day.inviteToWorkshops(ctx, id));
}

/** "Finalizar" (A06): also sends the satisfaction survey. */
export function finishAttention(id: string, input: FinishInput): DayActionResult {
  return action('finishAttention', (ctx) => day.finishAttention(ctx, id, input ?? {}));
}

/** "Marcar abandonada" (A03): also sends the abandonment email. */
export function abandonAppointment(id: string, input: AbandonInput): DayActionResult {
  return action('abandonAppointment', (ctx) => day.abandonAppointment(ctx, id, input ?? { reason: '' }));
}

/** "Reactivar": an abandoned appointment whose user turns up the same day, or a cancelled one still ahead. */
export function reinstateAppointment(id: string): DayActionResult {
  return action('reinstateAppointment', (ctx) => day.reinstateAppointment(ctx, id));
}

/** «Cancelar cita» by hand, with a reason (≥ 5 characters); cancels its Calendar event too. */
export function cancelAppointment(id: string, reason: string): DayActionResult {
  return action('cancelAppointment', (ctx) => day.cancelAppointment(ctx, id, String(reason ?? '')));
}

/** The extranet checklist item (A02): done, or back to pending with `done` false. */
export function markExtranetNotified(id: string, done?: boolean): DayActionResult {
  return action('markExtranetNotified', (ctx) => day.markExtranetNotified(ctx, id, done !== false));
}

/** "Atender en lugar de": lets this consultant act on another's appointment, with a reason (audited). */
export function actOnBehalf(id: string, reason: string): DayActionResult {
  return action('actOnBehalf', (ctx) => day.actOnBehalf(ctx, id, reason));
}
