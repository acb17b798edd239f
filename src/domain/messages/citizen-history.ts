/**
 * What a consultant reads in a citizen's history (issue 15 item 4): the panel's texts and the
 * audit line of a search by document number. Spanish (Peru), Lima time.
 */
import { formatLimaDate, formatLimaShortDate } from '../lima-time';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const CITIZEN_HISTORY_MESSAGES = {
  requestInvalid: 'Indique la cita o el número de documento de la persona.',
  requestBoth: 'Indique la cita o el número de documento, no ambos.',
  documentInvalid: 'El número de documento no es válido: escriba los 8 dígitos del DNI.',
  appointmentInvalid: 'El identificador de la cita no es válido.',
  appointmentNotFound: 'No se encontró esa cita. Actualice «Citas de hoy» e inténtelo de nuevo.',
  notYours: 'El historial de esta persona solo lo ve quien la atiende (o una coordinadora o coordinador).',
  noDocument: 'Esta cita no tiene un documento registrado: no hay historial que mostrar.',
  noAppointmentsHere: 'El historial durante una atención se consulta desde la hoja «Atenciones Virtuales – Centro de Empleo».',
  noTabs: 'Esta hoja no tiene las pestañas del servicio. Ejecute la configuración primero.',
  nothing: (dni: string) => `El servicio no tiene registros de la persona con documento ${dni}: ni atenciones anteriores, ni inscripciones, ni certificados.`,
  summary: (c: { attentions: number; modules: number; completed: number; certificates: number }) =>
    `${plural(c.attentions, 'atención', 'atenciones')}, ${plural(c.modules, 'módulo inscrito', 'módulos inscritos')} (${plural(c.completed, 'completado', 'completados')}), ${plural(c.certificates, 'certificado', 'certificados')}.`,
  siblingMissing: 'No hay hoja de talleres vinculada: se muestran solo las atenciones.',
  siblingUnreachable: 'No se pudo abrir la hoja «Programación Talleres Masivos»: se muestran solo las atenciones.',
  atencionesUnreachable: 'No se pudo abrir la hoja «Atenciones Virtuales – Centro de Empleo»: se muestran solo los talleres.',
  noTopic: 'Sin tema registrado',
  upcoming: 'Próxima',
  noDate: 'Sin fecha',
  dates: (start: Date | null, end: Date | null): string => {
    if (!start) return '';
    if (!end || formatLimaDate(start) === formatLimaDate(end)) return formatLimaDate(start);
    return `del ${formatLimaShortDate(start)} al ${formatLimaShortDate(end)}`;
  },
  attendance: (attended: number, sessions: number, min: number): string =>
    sessions === 0 ? 'Sin sesiones programadas' : `Asistió a ${attended} de ${sessions} ${sessions === 1 ? 'sesión' : 'sesiones'}${min > 0 ? ` (mínimo para el certificado: ${min})` : ''}`,
  completed: 'Cumplió la asistencia mínima',
  certificate: (code: string, state: string, issuedAt: Date | null) => `Certificado ${code} (${state.toLowerCase()}${issuedAt ? `, emitido el ${formatLimaDate(issuedAt)}` : ''})`,
  noCertificate: 'Sin certificado',
  certificateOfUnknownModule: 'Módulo no encontrado en «Módulos»',
  toInviteNone: 'No hay módulos con inscripción abierta que la persona no haya tomado.',
  auditAction: 'Historial consultado',
  auditDetail: (dni: string, attentions: number, modules: number, certificates: number) =>
    `Documento ${dni}: ${attentions} atenciones, ${modules} inscripciones, ${certificates} certificados (consulta por número de documento)`,
  auditNothing: 'Sin registros para el documento buscado (el número no se anota)',
  auditRefused: 'Historial no mostrado',
} as const;
