/**
 * Entry points of a module's dealings with the Dirección (issue 11, B03 and B04), in the
 * "Programación Talleres Masivos" spreadsheet: the programme to the Sub Director, the banner's
 * request and its state. Each is called by the panel through google.script.run.
 */
import { requestBanner as requestBannerUseCase, sendProgramme as sendProgrammeUseCase, setBannerState as setBannerStateUseCase } from '../app/workshops/direction';
import type { BannerStateInput, DirectionResult, SendAgainOptions } from '../app/workshops/direction';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { guarded } from './guard';

/** «Enviar programación a la Sub Dirección»; a second send only with `{ again: true }`. */
export function sendProgramme(moduleId: string, options?: SendAgainOptions): DirectionResult {
  return guarded('sendProgramme', EXECUTION_KINDS.panel, (ctx) => sendProgrammeUseCase(ctx, moduleId, options ?? {}));
}

/** «Solicitar banner»: the request to the Dirección; a second one only with `{ again: true }`. */
export function requestBanner(moduleId: string, options?: SendAgainOptions): DirectionResult {
  return guarded('requestBanner', EXECUTION_KINDS.panel, (ctx) => requestBannerUseCase(ctx, moduleId, options ?? {}));
}

/** «Marcar recibido» (with the banner's link) / «Marcar validado». */
export function setBannerState(moduleId: string, input: BannerStateInput): DirectionResult {
  return guarded('setBannerState', EXECUTION_KINDS.panel, (ctx) => setBannerStateUseCase(ctx, moduleId, input));
}
