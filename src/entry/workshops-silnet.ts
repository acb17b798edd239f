/**
 * Entry points of B10 (issue 12, item 6), in "Programación Talleres Masivos": the module's Silnet
 * state, «Exportar para Silnet», «Confirmar carga en Silnet» and «Contactos para WhatsApp».
 */
import {
  confirmSilnetUpload as confirmUseCase,
  exportSilnet as exportUseCase,
  silnetStatus,
  whatsappContacts,
  type ContactsResult,
  type SilnetConfirmResult,
  type SilnetExportResult,
  type SilnetStatusResult,
} from '../app/workshops/silnet';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { guarded } from './guard';

/** The module's participants registered or not in Silnet, its confirmed registrants and its WhatsApp link. */
export function getSilnetStatus(moduleId: string): SilnetStatusResult {
  return guarded('getSilnetStatus', EXECUTION_KINDS.panel, (ctx) => silnetStatus(ctx, moduleId));
}

/** «Exportar para Silnet»: the participants not yet registered, as CSV and XLSX, with the export's ID. */
export function exportSilnet(moduleId: string): SilnetExportResult {
  return guarded('exportSilnet', EXECUTION_KINDS.panel, (ctx) => exportUseCase(ctx, moduleId));
}

/** «Confirmar carga en Silnet»: marks exactly the people of that export (its ID and its registration IDs). */
export function confirmSilnetUpload(moduleId: string, exportId: string, registrationIds: string[]): SilnetConfirmResult {
  return guarded('confirmSilnetUpload', EXECUTION_KINDS.panel, (ctx) => confirmUseCase(ctx, moduleId, exportId, registrationIds));
}

/** «Contactos para WhatsApp»: the confirmed registrants as CSV (Google Contacts) and vCard. */
export function exportWhatsappContacts(moduleId: string): ContactsResult {
  return guarded('exportWhatsappContacts', EXECUTION_KINDS.panel, (ctx) => whatsappContacts(ctx, moduleId));
}
