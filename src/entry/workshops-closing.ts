/**
 * Entry points of B11 (issue 12, item 7), in "Programación Talleres Masivos": the closing's order
 * of presentation — see it, save it as the consultant left it, send it (once per slot and order).
 */
import { closingView, saveClosingOrder as saveUseCase, sendClosingOrder as sendUseCase, type ClosingResult } from '../app/workshops/closing';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { guarded } from './guard';

/** The closing session, its presenters in order with their slots, and who can be added. */
export function getClosingView(moduleId: string): ClosingResult {
  return guarded('getClosingView', EXECUTION_KINDS.panel, (ctx) => closingView(ctx, moduleId));
}

/** «Guardar orden»: the presenters' registration IDs in order (added, removed, reordered). */
export function saveClosingOrder(moduleId: string, registrationIds: string[]): ClosingResult {
  return guarded('saveClosingOrder', EXECUTION_KINDS.panel, (ctx) => saveUseCase(ctx, moduleId, registrationIds));
}

/** «Enviar orden de presentación»: each presenter's slot and the order to the speaker and the consultant, once. */
export function sendClosingOrder(moduleId: string): ClosingResult {
  return guarded('sendClosingOrder', EXECUTION_KINDS.panel, (ctx) => sendUseCase(ctx, moduleId));
}
