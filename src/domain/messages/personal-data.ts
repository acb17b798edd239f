/**
 * What a person reads about the rights of Ley N.° 29733 (Ley de Protección de Datos Personales)
 * and its regulation (D.S. N.° 016-2024-JUS) in "Atenciones Virtuales – Centro de Empleo": the
 * panel's answers to find, export, correct and delete one person's data by DNI, the notes on what
 * the panel cannot reach, the texts left on anonymised rows, the audit log's wording, and the
 * nightly retention's summary.
 */
import { formatLimaDateTime, formatLimaShortDate, formatLimaTime } from '../lima-time';

/** The 'Origen' of each record (the panel's list and the export's first column). */
export const PERSONAL_DATA_SOURCES = {
  appointments: 'Citas',
  review: 'Revisión',
  survey: 'Encuesta de satisfacción',
  audit: 'Registro de auditoría',
  registrations: 'Inscripciones',
  attendance: 'Asistencia',
  invitations: 'Invitaciones',
  unsubscribes: 'Bajas de difusión',
  registrationForm: 'Formulario de inscripción',
  // Check-in form (B09, i12-checkin).
  checkinForm: 'Formato de asistencia',
  // B08 (issue 12): the workshop survey's answers.
  workshopSurveys: 'Encuestas de talleres',
  sessionMails: 'Envíos de sesiones',
  /** 'Revisión' and the audit log exist in both spreadsheets: those of "Programación Talleres Masivos" say so. */
  workshopsReview: 'Revisión (Talleres)',
  workshopsAudit: 'Registro de auditoría (Talleres)',
} as const;

/** The two spreadsheets, as people call them. */
export const SPREADSHEET_NAMES = {
  atenciones: 'Atenciones Virtuales – Centro de Empleo',
  talleres: 'Programación Talleres Masivos',
} as const;

/** What an anonymised appointment holds in place of the person's name. */
export const DELETED_NAME = 'Datos eliminados (Ley 29733)';

/** What replaces a DNI, an email, a phone or a name inside a text that is kept. */
export const REDACTED = '[dato eliminado]';

/** How every redaction note of a 'Detalle' cell begins: such a cell is not redacted again. */
export const REDACTED_DETAIL_PREFIX = 'Detalle eliminado el ';

/** The export's header row. */
export const EXPORT_HEADERS = ['Origen', 'ID', 'Campo', 'Valor'] as const;

/** Field labels of records that have no schema column (survey responses, audit lines). */
export const PERSONAL_DATA_LABELS = {
  responseSubmittedAt: 'Fecha de respuesta',
  /** An audit line has no ID: it is named by its row. */
  auditRow: (rowNumber: number) => `Fila ${rowNumber}`,
  yes: 'Sí',
  no: 'No',
  /** A registration field the export always shows (consent, notice version, news) when the cell is empty. */
  notRecorded: '(sin registro)',
  /** An unsubscribe kept as a fingerprint: what the panel shows in place of the address. */
  unsubscribeHashed: 'Huella SHA-256 del correo (el correo ya fue eliminado)',
  unsubscribeEntry: 'Registro en «Bajas de difusión»',
} as const;

/** The 'Acción' column of the audit log. */
export const PERSONAL_DATA_AUDIT = {
  exported: 'Datos personales exportados',
  corrected: 'Datos personales corregidos',
  deleted: 'Datos personales eliminados',
  deleteFailed: 'Datos personales no eliminados',
  retention: 'Conservación de datos personales',
  retentionFailed: 'Conservación de datos personales con errores',
} as const;

/** 'del DNI 01234567' or 'del correo ana@x.pe' (a search by email names the address). */
function who(key: string): string {
  return key.includes('@') ? `del correo ${key}` : `del DNI ${key}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 'a, b y c' */
function list(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} y ${parts[parts.length - 1]}`;
}

export interface HeldCounts {
  appointments: number;
  review: number;
  responses: number;
  audit: number;
  registrations?: number;
  attendance?: number;
  invitations?: number;
  unsubscribes?: number;
  registrationResponses?: number;
  /** Responses of the check-in form «Formato de asistencia» (B09). */
  checkinResponses?: number;
  /** B08: answers of the workshop survey ('Encuestas de talleres'). */
  workshopSurveys?: number;
  /** Issue 12: the person's emails of 'Envíos de sesiones' (their address). */
  sessionMails?: number;
  /** B12: the person's certificates ('Certificados'). */
  certificates?: number;
  /** Issue 14: requests of workshops whose contact person is her ('Solicitudes externas'), and her answers to the request form. */
  externalRequests?: number;
  externalResponses?: number;
}

export function countTotal(c: HeldCounts): number {
  return (
    c.appointments + c.review + c.responses + c.audit + (c.registrations ?? 0) + (c.attendance ?? 0) + (c.invitations ?? 0) + (c.unsubscribes ?? 0) + (c.registrationResponses ?? 0) + (c.checkinResponses ?? 0) + (c.workshopSurveys ?? 0) + (c.sessionMails ?? 0) +
    (c.certificates ?? 0) +
    (c.externalRequests ?? 0) +
    (c.externalResponses ?? 0)
  );
}

function heldParts(c: HeldCounts): string[] {
  const parts: string[] = [];
  if (c.appointments) parts.push(plural(c.appointments, 'cita', 'citas'));
  if (c.registrations) parts.push(plural(c.registrations, 'inscripción a talleres', 'inscripciones a talleres'));
  if (c.attendance) parts.push(plural(c.attendance, 'registro de asistencia', 'registros de asistencia'));
  if (c.registrationResponses) parts.push(plural(c.registrationResponses, 'respuesta del formulario de inscripción', 'respuestas del formulario de inscripción'));
  if (c.checkinResponses) parts.push(plural(c.checkinResponses, 'respuesta del formato de asistencia', 'respuestas del formato de asistencia'));
  if (c.workshopSurveys) parts.push(plural(c.workshopSurveys, 'respuesta de la encuesta de talleres', 'respuestas de la encuesta de talleres'));
  if (c.sessionMails) parts.push(plural(c.sessionMails, 'correo de sesión de taller', 'correos de sesiones de talleres'));
  if (c.certificates) parts.push(plural(c.certificates, 'certificado', 'certificados'));
  if (c.externalRequests) parts.push(plural(c.externalRequests, 'solicitud de taller como persona de contacto', 'solicitudes de talleres como persona de contacto'));
  if (c.externalResponses) parts.push(plural(c.externalResponses, 'respuesta del formulario de solicitud de talleres', 'respuestas del formulario de solicitud de talleres'));
  if (c.invitations) parts.push(plural(c.invitations, 'invitación a talleres', 'invitaciones a talleres'));
  if (c.unsubscribes) parts.push(plural(c.unsubscribes, 'baja de difusión', 'bajas de difusión'));
  if (c.review) parts.push(plural(c.review, 'ítem de «Revisión»', 'ítems de «Revisión»'));
  if (c.responses) parts.push(plural(c.responses, 'respuesta de la encuesta', 'respuestas de la encuesta'));
  if (c.audit) parts.push(plural(c.audit, 'línea del registro de auditoría', 'líneas del registro de auditoría'));
  return parts;
}

export const PERSONAL_DATA_MESSAGES = {
  // ------------------------------------------------------------------ refusals before anything is searched
  dniMissing: 'Escriba el DNI de la persona (8 dígitos) o, para invitaciones y bajas de difusión, su correo. No se buscó nada.',
  queryEmailInvalid: (typed: string) => `«${typed}» no es un correo válido (por ejemplo, nombre@gmail.com). No se buscó nada.`,
  noTabs:
    'Esta hoja no tiene las pestañas «Citas» ni «Inscripciones»: use «Emprendimiento › Configurar esta hoja» y vuelva a intentarlo.',
  dniInvalid: (typed: string) =>
    `«${typed}» no es un DNI válido: escriba los 8 dígitos del documento, por ejemplo 01234567. No se buscó nada.`,
  noAppointmentsTab:
    'Esta hoja no tiene la pestaña «Citas». Los datos de las atenciones se buscan en «Atenciones Virtuales – Centro de Empleo»; si esta es esa hoja, use «Emprendimiento › Configurar esta hoja».',

  // ------------------------------------------------------------------ lookup
  found: (dni: string, c: HeldCounts) => {
    const total = countTotal(c);
    return `Se ${total === 1 ? 'encontró 1 registro' : `encontraron ${total} registros`} ${who(dni)}: ${list(heldParts(c))}.`;
  },
  nothingFound: (dni: string) => `No se encontró ningún dato ${who(dni)}.`,
  registrationSummary: (moduleId: string, at: Date | null, status: string) =>
    `Inscripción al módulo ${moduleId || '(sin módulo)'}${at ? ` del ${formatLimaShortDate(at)}` : ''}${status ? ` · ${status}` : ''}`,
  // B08: one answer of the workshop survey.
  workshopSurveySummary: (sessionId: string, score: string) => `Encuesta de la sesión ${sessionId || '(sin sesión)'}${score ? ` · Puntaje ${score}` : ''}`,
  sessionMailSummary: (kind: string, sessionId: string, delivery: string) => `${kind || 'Correo'} · sesión ${sessionId || '(sin sesión)'} · ${delivery || 'sin envío'}`,
  workshopSurveyKept:
    'Al eliminar, las respuestas de la encuesta de talleres pierden el vínculo con la persona (inscripción) y su comentario; los puntajes se conservan, sin datos personales, para las estadísticas de cada sesión.',
  workshopSurveyDeleteFailed: (why: string) =>
    `No se pudo eliminar una respuesta de la encuesta de talleres (${why}). No se cambió nada en las hojas; vuelva a intentarlo en unos minutos.`,
  attendanceSummary: (sessionId: string, present: boolean) => `Sesión ${sessionId || '(sin sesión)'} · ${present ? 'Asistió' : 'No asistió'}`,
  invitationSummary: (moduleId: string, source: string, delivery: string) =>
    `Invitación al módulo ${moduleId || '(sin módulo)'}${source ? ` · ${source}` : ''}${delivery ? ` · ${delivery}` : ''}`,
  unsubscribeSummary: (at: Date | null) => `Pidió no recibir más invitaciones${at ? ` (${formatLimaShortDate(at)})` : ''}`,
  registrationResponseSummary: (at: Date | null, registrationId: string) =>
    `Respuesta${at ? ` del ${formatLimaShortDate(at)}` : ''} al formulario de inscripción${registrationId ? ` (inscripción ${registrationId})` : ''}`,
  checkinResponseSummary: (at: Date | null) => `Respuesta${at ? ` del ${formatLimaShortDate(at)}` : ''} al formato de asistencia de una sesión`,
  appointmentSummary: (start: Date | null, status: string) =>
    `Cita del ${start ? `${formatLimaShortDate(start)}, ${formatLimaTime(start)}` : 'día sin fecha válida'}${status ? ` · ${status}` : ''}`,
  reviewSummary: (at: Date | null, kind: string, status: string) =>
    `${kind || 'Ítem de revisión'}${at ? ` del ${formatLimaShortDate(at)}` : ''}${status ? ` · ${status}` : ''}`,
  responseSummary: (at: Date | null, appointmentId: string) =>
    `Respuesta${at ? ` del ${formatLimaShortDate(at)}` : ''}${appointmentId ? ` a la encuesta de la cita ${appointmentId}` : ' a la encuesta'}`,
  auditSummary: (at: Date | null, action: string) => `${at ? `${formatLimaShortDate(at)} · ` : ''}${action || 'Línea del registro'}`,

  // ------------------------------------------------------------------ notes: what the panel cannot reach
  emailsSent: (counts: { reminders: number; surveys: number; abandonment: number; invitations: number }) => {
    const parts: string[] = [];
    if (counts.reminders) parts.push(plural(counts.reminders, 'recordatorio', 'recordatorios'));
    if (counts.surveys) parts.push(plural(counts.surveys, 'encuesta de satisfacción', 'encuestas de satisfacción'));
    if (counts.abandonment) parts.push(plural(counts.abandonment, 'aviso de cita abandonada', 'avisos de cita abandonada'));
    if (counts.invitations) parts.push(plural(counts.invitations, 'invitación a talleres', 'invitaciones a talleres'));
    if (parts.length === 0) return null;
    return (
      `Se enviaron a la persona ${list(parts)} por correo. Esos correos quedan en la carpeta «Enviados» de la cuenta que los envió ` +
      'y en el buzón de la persona: este panel no puede borrarlos; si la persona lo pide, elimínelos desde Gmail.'
    );
  },
  calendarEvents: (n: number) =>
    `${n === 1 ? 'Hay 1 evento' : `Hay ${n} eventos`} de Google Calendar de sus citas, con la persona como invitada y su nombre, DNI y celular en la descripción. ` +
    'Este panel no los modifica: edítelos o elimínelos desde Google Calendar.',
  formResponsesCopy:
    'Las respuestas de la encuesta también se copian en la pestaña de respuestas del formulario («Respuestas de formulario») de esta hoja. ' +
    'Esa copia solo lleva el código de la cita; si un comentario incluye datos de la persona, bórrelo allí a mano.',
  surveyFormUnreachable: (why: string) =>
    `No se pudieron leer las respuestas de la encuesta (${why}). Revise el formulario desde «Emprendimiento › Configurar esta hoja».`,
  surveyFormMissing: (n: number) =>
    `${n === 1 ? 'Una cita tiene' : `${n} citas tienen`} una respuesta de encuesta vinculada, pero esta hoja no tiene registrado el formulario de la encuesta: no se pudo leer.`,
  rowsWithoutId: (rows: readonly number[]) => {
    const shown = list(rows.slice(0, 10).map(String)) + (rows.length > 10 ? '…' : '');
    return rows.length === 1
      ? `La fila ${shown} de «Citas» tiene este DNI pero no tiene «ID de cita»: el panel no puede corregirla ni eliminarla; hágalo a mano en la hoja.`
      : `Las filas ${shown} de «Citas» tienen este DNI pero no tienen «ID de cita»: el panel no puede corregirlas ni eliminarlas; hágalo a mano en la hoja.`;
  },
  platform:
    'La Plataforma de Servicio al Ciudadano (extranet), donde la persona reservó sus citas, y Silnet guardan sus propios registros: la solicitud debe atenderse también allí.',
  scope:
    'Esta búsqueda cubre las dos hojas: «Atenciones Virtuales – Centro de Empleo» (citas, encuestas) y «Programación Talleres Masivos» (inscripciones, asistencia, invitaciones y bajas de difusión).',
  byEmailScope:
    'Con un correo solo se buscan las invitaciones, las bajas de difusión y las solicitudes de talleres de instituciones en las que es la persona de contacto (y las menciones en «Revisión» y en el registro de auditoría). Para las citas y las inscripciones, busque por DNI.',
  siblingMissing: (other: string) =>
    `Esta hoja no tiene registrada la otra hoja («${other}»): solo se muestra lo encontrado aquí. Configure las dos hojas desde «Emprendimiento › Configurar esta hoja».`,
  siblingUnreachable: (other: string) =>
    `No se pudo abrir la otra hoja («${other}»): solo se muestra lo encontrado en esta hoja. Verifique que su cuenta tenga acceso a ella y vuelva a buscar.`,
  siblingNotSetUp: (other: string) =>
    `La otra hoja («${other}») aún no está configurada: solo se muestra lo encontrado en esta hoja.`,
  registrationEmails: (n: number) =>
    `Se enviaron a la persona ${plural(n, 'correo', 'correos')} sobre sus inscripciones (confirmación, lista de espera, cupo, certificado). ` +
    'Quedan en la carpeta «Enviados» de la cuenta que los envió y en el buzón de la persona: este panel no puede borrarlos.',
  registrationFormMissing: (n: number) =>
    `${n === 1 ? 'Una inscripción tiene' : `${n} inscripciones tienen`} una respuesta del formulario de inscripción, pero no está registrado el formulario («Formulario de inscripción (ID)» en «Configuración» de «Programación Talleres Masivos»): no se pudo leer.`,
  registrationFormUnreachable: (why: string) =>
    `No se pudieron leer las respuestas del formulario de inscripción (${why}). Revise el formulario desde «Programación Talleres Masivos».`,
  registrationResponsesCopy:
    'Las respuestas del formulario de inscripción también se copian en su pestaña de respuestas («Respuestas de formulario») de «Programación Talleres Masivos»: bórrelas allí a mano si la persona pide la eliminación.',
  unsubscribeKept:
    'La baja de difusión se conserva aunque se eliminen los datos: sin ella, el correo podría volver a recibir invitaciones si llega en otra lista. ' +
    'Al eliminar, el correo de la baja se reemplaza por una huella (SHA-256) que solo sirve para reconocerlo, no para leerlo.',
  registrationRowsWithoutId: (rows: readonly number[]) =>
    `${rows.length === 1 ? `La fila ${rows[0]}` : `Las filas ${list(rows.slice(0, 10).map(String))}`} de «Inscripciones» ${rows.length === 1 ? 'tiene' : 'tienen'} este DNI sin «ID de inscripción»: corríjalas o elimínelas a mano en la hoja.`,

  // ------------------------------------------------------------------ export
  nothingToExport: (dni: string) => `No se encontró ningún dato ${who(dni)}: no hay nada que exportar.`,
  exported: (dni: string, lines: number, fileName: string) =>
    `Se preparó el archivo «${fileName}» con ${plural(lines, 'dato', 'datos')} ${who(dni)}. Entrégueselo a la persona por un medio seguro.`,
  exportFileName: (dni: string, dayKey: string) => `datos-personales-${dni}-${dayKey}.csv`,
  // The audit line of a request of access, rectification or deletion names the DNI: it is the
  // record that the request was attended (a deletion later redacts it like any other mention).
  exportedAudit: (dni: string, records: number) => `Exportación solicitada por el titular ${who(dni)} (Ley 29733): ${plural(records, 'registro', 'registros')}.`,

  // ------------------------------------------------------------------ correction
  correctionEmpty: 'Indique al menos un dato a corregir: nombres y apellidos, correo o celular.',
  correctionInvalid: (problems: readonly string[]) => `No se corrigió nada: ${problems.join(' ')}`,
  nameRequired: 'Escriba los nombres y apellidos de la persona.',
  nameTooLong: (max: number) => `Los nombres y apellidos no pueden pasar de ${max} caracteres.`,
  emailInvalid: (typed: string) => `«${typed}» no es un correo válido (por ejemplo, nombre@gmail.com).`,
  phoneInvalid: (typed: string) =>
    `«${typed}» no es un celular peruano (9 dígitos que empiezan con 9, por ejemplo 987 654 321) ni un teléfono fijo (por ejemplo, (01) 456-7890).`,
  nothingToCorrect: (dni: string) =>
    dni.includes('@')
      ? `Con un correo no se corrigen datos: busque por DNI para corregir citas e inscripciones. No se corrigió nada.`
      : `No hay citas ni inscripciones del DNI ${dni}: no se corrigió nada.`,
  correctionUnchanged: (dni: string) => `Los datos del DNI ${dni} ya tenían esos valores: no se cambió nada.`,
  correctedRegistrations: (rows: number) => ` También en ${plural(rows, 'inscripción', 'inscripciones')} a talleres.`,
  fieldNames: { fullName: 'nombres y apellidos', email: 'correo', phone: 'celular' } as const,
  corrected: (dni: string, fields: readonly string[], rows: number) =>
    `Se ${fields.length === 1 ? 'corrigió el dato' : 'corrigieron los datos'} ${list(fields)} del DNI ${dni} en ${plural(rows, 'cita', 'citas')}. ` +
    'Los recordatorios ya enviados no se vuelven a enviar; los eventos de Calendar de citas futuras conservan los datos anteriores hasta que se editen allí.',
  correctedAudit: (dni: string, fields: readonly string[], rows: number, registrations = 0) =>
    `Rectificación solicitada por el titular del DNI ${dni} (Ley 29733): ${list(fields)} en ${plural(rows, 'cita', 'citas')}${registrations ? ` y ${plural(registrations, 'inscripción', 'inscripciones')}` : ''}.`,

  // ------------------------------------------------------------------ deletion
  confirmationMismatch: (dni: string) =>
    `Para confirmar la eliminación, escriba otra vez ${dni.includes('@') ? `el correo ${dni}` : `el DNI ${dni}`} en la casilla de confirmación. No se eliminó nada.`,
  siblingNeededToDelete: (problem: string) => `${problem} Para eliminar hacen falta las dos hojas: no se eliminó nada.`,
  // Check-in form (B09, i12-checkin).
  checkinFormUnreachable: (why: string) =>
    `No se pudieron leer las respuestas del formato de asistencia (${why}). Revise el formulario desde «Programación Talleres Masivos».`,
  checkinResponsesCopy:
    'Las respuestas del formato de asistencia también se copian en su pestaña de respuestas («Respuestas de formulario») de «Programación Talleres Masivos»: bórrelas allí a mano si la persona pide la eliminación.',
  checkinDeleteFailed: (why: string) =>
    `No se pudo eliminar una respuesta del formato de asistencia (${why}). No se cambió nada en las hojas; vuelva a intentarlo en unos minutos.`,
  registrationDeleteFailed: (why: string) =>
    `No se pudo eliminar una respuesta del formulario de inscripción (${why}). No se cambió nada en las hojas; vuelva a intentarlo en unos minutos.`,
  deletedInvitationNote: (now: Date) => `Correo eliminado el ${formatLimaShortDate(now)} a pedido del titular (Ley 29733).`,
  placesFreed: (n: number) => ` ${n === 1 ? 'Se liberó 1 cupo' : `Se liberaron ${n} cupos`} de talleres (la inscripción pasó a «Retirado»).`,
  activeAppointment: (dni: string, id: string, start: Date, status: string) =>
    `El DNI ${dni} tiene una cita ${status === 'En atención' ? 'en atención' : 'programada'} el ${formatLimaDateTime(start)} (ID ${id}). ` +
    'Cancele primero la cita (en la plataforma y, en el panel, con «Cancelar cita») o espere a que termine, y vuelva a intentarlo. No se eliminó nada.',
  nothingToDelete: (dni: string) => `No se encontró ningún dato ${who(dni)}: no hay nada que eliminar.`,
  surveyDeleteFailed: (why: string) =>
    `No se pudo eliminar una respuesta de la encuesta (${why}). No se cambió nada en la hoja; vuelva a intentarlo en unos minutos.`,
  deleted: (dni: string, c: HeldCounts) =>
    `Se eliminaron los datos ${who(dni)}: ${list(heldParts(c))}. Las citas e inscripciones se conservan sin datos personales (fecha, estado, módulo) para las estadísticas.` +
    (c.unsubscribes ? ' La baja de difusión se conserva como huella del correo, para seguir respetando que no quiere recibir invitaciones.' : ''),
  deletedObservation: (now: Date) => `Datos personales eliminados el ${formatLimaShortDate(now)} a pedido del titular (Ley 29733).`,
  deletedReviewDetail: (now: Date) => `${REDACTED_DETAIL_PREFIX}${formatLimaShortDate(now)} a pedido del titular de los datos (Ley 29733).`,
  deletedAudit: (c: HeldCounts) => `Eliminación solicitada por el titular (Ley 29733): ${list(heldParts(c)) || 'nada que cambiar'}.`,

  // ------------------------------------------------------------------ retention (day closing)
  retentionObservation: (now: Date, months: number) =>
    `Datos personales anonimizados el ${formatLimaShortDate(now)}: pasó el plazo de conservación de ${plural(months, 'mes', 'meses')} (Ley 29733).`,
  retentionReviewDetail: (now: Date) => `${REDACTED_DETAIL_PREFIX}${formatLimaShortDate(now)}: pasó el plazo de conservación de datos personales (Ley 29733).`,
  retentionAuditDetail: (now: Date) => `${REDACTED_DETAIL_PREFIX}${formatLimaShortDate(now)}: pasó el plazo de conservación de datos personales (Ley 29733).`,
  retentionSummary: (r: { months: number; cutoff: Date; anonymised: number; responses: number; review: number; audit: number; left: number }) => {
    const parts: string[] = [];
    if (r.anonymised) parts.push(plural(r.anonymised, 'cita anonimizada', 'citas anonimizadas'));
    if (r.responses) parts.push(plural(r.responses, 'respuesta de encuesta eliminada', 'respuestas de encuesta eliminadas'));
    if (r.review) parts.push(plural(r.review, 'ítem de «Revisión» sin detalle', 'ítems de «Revisión» sin detalle'));
    if (r.audit) parts.push(plural(r.audit, 'línea de auditoría sin detalle', 'líneas de auditoría sin detalle'));
    const done = parts.length ? list(parts) : 'nada que anonimizar';
    const left = r.left ? ` Quedan ${plural(r.left, 'cita', 'citas')} para el próximo cierre (se acabó el tiempo de esta ejecución).` : '';
    return `Plazo de conservación de ${plural(r.months, 'mes', 'meses')} (datos anteriores al ${formatLimaShortDate(r.cutoff)}): ${done}.${left}`;
  },
  retentionDeleteFailed: (n: number, why: string) =>
    `${n === 1 ? 'Una respuesta de encuesta no se pudo eliminar' : `${n} respuestas de encuesta no se pudieron eliminar`} (${why}); sus citas se anonimizarán en el próximo cierre.`,
} as const;
