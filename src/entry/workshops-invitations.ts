/**
 * Entry points of a module's invitations (issue 11, B05), in "Programación Talleres Masivos":
 * the panel's «Enviar invitaciones», the list import and the status, and the job's trigger
 * handler (one continuation trigger for every module).
 */
import {
  importInvitationList as importUseCase,
  invitationStatus,
  runInvitations as runUseCase,
  sendInvitations as sendUseCase,
  type InvitationActionResult,
  type InvitationFile,
  type InvitationStatus,
} from '../app/workshops/invitations';
import { INVITATION_EXECUTION_KIND } from '../domain/messages/workshops-invitations';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { UtilitiesFiles } from '../gas/files';
import { guarded } from './guard';

/** «Enviar invitaciones»: queues the module's audience and starts the job (refused, with why, until the banner is validated). */
export function sendInvitations(moduleId: string): InvitationActionResult {
  return guarded('sendInvitations', EXECUTION_KINDS.panel, (ctx) => sendUseCase(ctx, moduleId));
}

/** «Importar lista»: a CSV/XLSX with 'Correo' (and 'Nombre'), with the legal basis the consultant declares. */
export function importInvitationList(moduleId: string, file: InvitationFile, legalBasis: string): InvitationActionResult {
  return guarded('importInvitationList', EXECUTION_KINDS.panel, (ctx) => importUseCase({ ...ctx, files: new UtilitiesFiles() }, moduleId, file ?? {}, legalBasis));
}

/** The module's invitations for the panel: counts, whether they may go out and why not. */
export function getInvitationStatus(moduleId: string): InvitationStatus {
  return guarded('getInvitationStatus', EXECUTION_KINDS.panel, (ctx) => invitationStatus(ctx, moduleId));
}

/** Time-driven (requested runs and the one continuation): sends the queued invitations within the quota left after the attention flow's reserve. */
export function runInvitations(e?: GoogleAppsScript.Events.TimeDriven): string {
  return guarded('runInvitations', INVITATION_EXECUTION_KIND, (ctx) => {
    const result = runUseCase(ctx);
    console.log(result.summary);
    return result.summary;
  }, e);
}
