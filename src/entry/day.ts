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
import { withContext, type Context } from './context';

/** The Spanish sentence for an error a consultant may see. */
function consultantMessage(e: unknown): string {
  if (e instanceof LockBusyError || e instanceof MissingColumnError || e instanceof MissingTabError) return e.message;
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return DAY_MESSAGES.unexpected;
}

function action(run: (ctx: Context) => DayActionResult): DayActionResult {
  try {
    return withContext(EXECUTION_KINDS.panel, run);
  } catch (e) {
    return { ok: false, message: consultantMessage(e) };
  }
}

/** "Citas de hoy": everything the view needs, in one call. */
export function getDayView(options?: DayViewOptions): DayView {
  try {
    return withContext(EXECUTION_KINDS.panel, (ctx) => day.getDayView(ctx, options ?? {}));
  } catch (e) {
    // The panel's failure handler shows the message: make it one a person can read.
    throw new Error(consultantMessage(e));
  }
}

/** "Iniciar" (A04). */
export function startAttention(id: string): DayActionResult {
  return action((ctx) => day.startAttention(ctx, id));
}

/** Topic and notes of the consultation (A05). */
export function saveConsultation(id: string, input: SaveConsultationInput): DayActionResult {
  return action((ctx) => day.saveConsultation(ctx, id, input ?? {}));
}

/** "Invitar a talleres" (A05). */
export function inviteToWorkshops(id: string): DayActionResult {
  return action((ctx) => day.inviteToWorkshops(ctx, id));
}

/** "Finalizar" (A06): also sends the satisfaction survey. */
export function finishAttention(id: string, input: FinishInput): DayActionResult {
  return action((ctx) => day.finishAttention(ctx, id, input ?? {}));
}

/** "Marcar abandonada" (A03): also sends the abandonment email. */
export function abandonAppointment(id: string, input: AbandonInput): DayActionResult {
  return action((ctx) => day.abandonAppointment(ctx, id, input ?? { reason: '' }));
}

/** "Reactivar": an abandoned appointment whose user turns up the same day, or a cancelled one still ahead. */
export function reinstateAppointment(id: string): DayActionResult {
  return action((ctx) => day.reinstateAppointment(ctx, id));
}

/** The extranet checklist item (A02): done, or back to pending with `done` false. */
export function markExtranetNotified(id: string, done?: boolean): DayActionResult {
  return action((ctx) => day.markExtranetNotified(ctx, id, done !== false));
}
