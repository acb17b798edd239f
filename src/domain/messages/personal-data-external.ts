/**
 * Ley 29733's rights over the contact people of the institutions' requests (C01, 'Solicitudes
 * externas' of "Programación Talleres Masivos") and their answers to the public request form:
 * what the personal-data panel says about them. Spanish (Peru). See app/personal-data/lookup.ts
 * and change.ts.
 */
import { formatLimaShortDate } from '../lima-time';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The 'Origen' of a request and of a request form's answer in the panel's list and the export. */
export const EXTERNAL_REQUEST_SOURCE = 'Solicitudes externas';
export const EXTERNAL_FORM_SOURCE = 'Formulario de solicitud de talleres';

export const PERSONAL_DATA_EXTERNAL_MESSAGES = {
  summary: (institution: string, topic: string, at: Date | null, state: string) =>
    `Persona de contacto de la solicitud de ${institution || '(sin institución)'}${topic ? ` («${topic}»)` : ''}${at ? ` del ${formatLimaShortDate(at)}` : ''}${state ? ` · ${state}` : ''}`,
  responseSummary: (at: Date | null, requestId: string) =>
    `Respuesta${at ? ` del ${formatLimaShortDate(at)}` : ''} al formulario de solicitud de talleres${requestId ? ` (solicitud ${requestId})` : ''}`,
  /** Lookup note. */
  kept:
    'En las solicitudes de talleres, una eliminación borra el nombre, cargo, correo y celular de la persona de contacto; la institución, su RUC, el tema y las fechas se conservan para las estadísticas. ' +
    'Los correos ya enviados a la institución (acuse, respuesta, agradecimiento) no se pueden recuperar, y mientras la solicitud siga en curso la institución ya no recibirá correos sobre ella: avísele por otro medio.',
  formMissing: (n: number) =>
    `${n === 1 ? 'Una solicitud tiene' : `${n} solicitudes tienen`} una respuesta del formulario de solicitud de talleres, pero no está registrado el formulario («Formulario de solicitudes externas (ID)» en «Configuración»): no se pudo leer.`,
  formUnreachable: (why: string) => `No se pudieron leer las respuestas del formulario de solicitud de talleres (${why}).`,
  formCopy:
    'Las respuestas del formulario de solicitud de talleres también se copian en su pestaña de respuestas («Respuestas de formulario») de «Programación Talleres Masivos», si se vinculó una: bórrelas allí a mano si la persona pide la eliminación.',
  deleteFailed: (why: string) =>
    `No se pudo eliminar una respuesta del formulario de solicitud de talleres (${why}). No se cambió nada en las hojas; vuelva a intentarlo en unos minutos.`,
  /** Written in 'Detalle' of a request whose contact was deleted. */
  deletedNote: (now: Date) => `Datos de la persona de contacto eliminados el ${formatLimaShortDate(now)} a pedido del titular (Ley 29733).`,
  /** Appended to a correction's message. */
  corrected: (rows: number) => ` Corregido también en ${plural(rows, 'solicitud de taller', 'solicitudes de talleres')} (persona de contacto).`,
  /** A correction that changed only requests (a search by email). */
  correctedOnly: (key: string, fields: readonly string[], rows: number) =>
    `Se ${fields.length === 1 ? 'corrigió el dato' : 'corrigieron los datos'} ${fields.join(', ')} de ${key} en ${plural(rows, 'solicitud de taller', 'solicitudes de talleres')} (persona de contacto). Los correos ya enviados no se vuelven a enviar.`,
  correctedAudit: (key: string, fields: readonly string[], rows: number) =>
    `Rectificación solicitada por el titular (${key}, Ley 29733): ${fields.join(', ')} en ${plural(rows, 'solicitud de taller', 'solicitudes de talleres')}.`,
} as const;
