/**
 * The single source of truth for every tab of both spreadsheets.
 *
 * "Atenciones Virtuales – Centro de Empleo" (role 'atenciones', A01–A07) and "Programación
 * Talleres Masivos" (role 'talleres', B01–C04) get their tabs, Spanish headers, number formats,
 * validation lists and the settings rows from here. Setup creates from it, tables read and write
 * through it, and tests check against it: no other module spells a header.
 *
 * Columns are found by header text (case-, accent-, space- and punctuation-insensitive), never by
 * position, because consultants add, move and sort columns. Rows are found by the tab's ID column.
 */
import { ABANDON_REASONS, APPOINTMENT_STATUSES, CONSULTATION_TOPICS, STANDARD_ATTENTION_MINUTES, TOLERANCE_MINUTES } from './appointment';
import { FIELD_LABELS } from './import/messages';
import { DEFAULT_HEADER_ALIASES, REPORT_FIELDS, type ReportField } from './import/report';
import { REBOOK_URL } from './messages/email-layout';

// ---------------------------------------------------------------------------- roles

export type Role = 'atenciones' | 'talleres';
export const ROLES: readonly Role[] = ['atenciones', 'talleres'];

export function isRole(x: unknown): x is Role {
  return x === 'atenciones' || x === 'talleres';
}

// ---------------------------------------------------------------------------- columns

export type ColumnType = 'text' | 'id' | 'date' | 'datetime' | 'number' | 'status' | 'email' | 'phone' | 'bool';

/** Sheets number formats. '@' keeps digits as typed (leading zeros of a DNI, '+51 9…'). */
export const FORMATS = {
  text: '@',
  date: 'dd/mm/yyyy',
  dateTime: 'dd/mm/yyyy hh:mm',
  dateTimeSeconds: 'dd/mm/yyyy hh:mm:ss',
  /** A full Date shown as its Lima time of day (the value keeps its date). */
  timeOfDay: 'hh:mm',
  integer: '0',
  decimal: '0.0',
} as const;

export interface ColumnSpec<K extends string = string> {
  /** Stable English key used by code; never shown. */
  readonly key: K;
  /** Header text in row 1 (Spanish). */
  readonly header: string;
  readonly type: ColumnType;
  /** Number format of the data cells; undefined leaves the cells' format alone. */
  readonly format?: string;
  /** Values offered as a dropdown (status columns; suggestions for some text columns). */
  readonly values?: readonly string[];
  /** When true the dropdown rejects other values typed by a person (status columns). */
  readonly strict?: boolean;
  /** Written only by the system: a person should not edit it (shown with a grey header). */
  readonly system: boolean;
  /** Older or hand-written header texts that also mean this column. */
  readonly aliases?: readonly string[];
}

type Opts = Partial<Pick<ColumnSpec, 'values' | 'strict' | 'aliases' | 'format'>> & { system?: boolean };

function column<K extends string>(key: K, header: string, type: ColumnType, format: string | undefined, o: Opts = {}): ColumnSpec<K> {
  const { system = false, ...rest } = o;
  return { key, header, type, ...(format === undefined ? {} : { format }), system, ...rest };
}

/** Builders, one per type, so every tab spells formats the same way. */
const c = {
  id: <K extends string>(key: K, header: string, o: Opts = {}) => column(key, header, 'id', FORMATS.text, o),
  text: <K extends string>(key: K, header: string, o: Opts = {}) => column(key, header, 'text', FORMATS.text, o),
  email: <K extends string>(key: K, header: string, o: Opts = {}) => column(key, header, 'email', FORMATS.text, o),
  phone: <K extends string>(key: K, header: string, o: Opts = {}) => column(key, header, 'phone', FORMATS.text, o),
  date: <K extends string>(key: K, header: string, o: Opts = {}) => column(key, header, 'date', FORMATS.date, o),
  dateTime: <K extends string>(key: K, header: string, o: Opts = {}) => column(key, header, 'datetime', o.format ?? FORMATS.dateTime, o),
  /** A Date shown as hh:mm (start and end of an attention). */
  clock: <K extends string>(key: K, header: string, o: Opts = {}) => column(key, header, 'datetime', FORMATS.timeOfDay, o),
  integer: <K extends string>(key: K, header: string, o: Opts = {}) => column(key, header, 'number', FORMATS.integer, o),
  decimal: <K extends string>(key: K, header: string, o: Opts = {}) => column(key, header, 'number', FORMATS.decimal, o),
  bool: <K extends string>(key: K, header: string, o: Opts = {}) => column(key, header, 'bool', undefined, o),
  status: <K extends string>(key: K, header: string, values: readonly string[], o: Opts = {}) =>
    column(key, header, 'status', undefined, { strict: true, ...o, values }),
};

// ---------------------------------------------------------------------------- tabs

export type TabKey =
  | 'appointments'
  | 'yearPlan'
  | 'modules'
  | 'sessions'
  | 'registrations'
  | 'attendance'
  | 'sessionMails'
  | 'workshopSurveys'
  | 'certificates'
  | 'externalRequests'
  | 'invitations'
  | 'unsubscribes'
  | 'usedLinks'
  | 'review'
  | 'settings'
  | 'team'
  | 'audit';

export interface TabSpec<K extends string = string> {
  readonly key: TabKey;
  /** Tab name as the consultant sees it. */
  readonly name: string;
  readonly roles: readonly Role[];
  readonly columns: readonly ColumnSpec<K>[];
  /** Key of the ID column that identifies a row; null for append-only logs. */
  readonly idKey: K | null;
  /** Rows are only ever appended (the audit log): never read whole to write. */
  readonly appendOnly: boolean;
}

function tab<const C extends readonly ColumnSpec[]>(t: {
  key: TabKey;
  name: string;
  roles: readonly Role[];
  columns: C;
  idKey: C[number]['key'] | null;
  appendOnly?: boolean;
}): TabSpec<C[number]['key']> {
  return { appendOnly: false, ...t } as TabSpec<C[number]['key']>;
}

/** Progress of an email tied to a row (see DESIGN.md "Side effects"): 'enviando' before, 'enviado' after. */
export const DELIVERY_STATES = ['pendiente', 'enviando', 'enviado', 'error'] as const;
export const APPOINTMENT_ORIGINS = ['Importación', 'Sidebar'] as const;
export const QUARTERS = ['I', 'II', 'III', 'IV'] as const;
export const MODULE_STATES = ['Borrador', 'Inscripción abierta', 'En curso', 'Cerrado'] as const;
export const REVIEW_STATES = ['Pendiente', 'Resuelto', 'Descartado'] as const;
export const AUDIT_RESULTS = ['Correcto', 'Sin cambios', 'Sin efecto', 'Error', 'Por revisar'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** "Atenciones Virtuales – Centro de Empleo": the register of one-to-one attentions (A01–A07). */
export const APPOINTMENTS_TAB = tab({
  key: 'appointments',
  name: 'Citas',
  roles: ['atenciones'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de cita', { system: true }),
    c.id('platformCode', 'Código plataforma', { aliases: ['Código de cita', 'Código'] }),
    c.text('documentType', 'Tipo doc.', { aliases: ['Tipo de documento'] }),
    c.id('dni', 'DNI', { aliases: ['N° de documento', 'Documento'] }),
    c.text('fullName', 'Nombres y apellidos', { aliases: ['Nombre completo'] }),
    c.email('email', 'Correo', { aliases: ['Correo electrónico'] }),
    c.phone('phone', 'Celular', { aliases: ['Teléfono'] }),
    c.date('date', 'Fecha'),
    c.text('time', 'Hora'),
    c.dateTime('start', 'Inicio', { system: true }),
    c.text('consultant', 'Consultor', { aliases: ['Consultora'] }),
    c.text('service', 'Servicio'),
    c.status('status', 'Estado', APPOINTMENT_STATUSES),
    c.text('topic', 'Tema de consulta', { values: CONSULTATION_TOPICS, strict: false }),
    c.text('notes', 'Notas'),
    c.text('observations', 'Observaciones'),
    c.text('abandonReason', 'Motivo de abandono', { values: ABANDON_REASONS, strict: false }),
    c.clock('startedAt', 'Hora de inicio', { system: true }),
    c.clock('endedAt', 'Hora de fin', { system: true }),
    c.integer('durationMinutes', 'Duración (min)', { system: true }),
    c.status('reminderStatus', 'Recordatorio', DELIVERY_STATES, { system: true }),
    c.dateTime('reminderSentAt', 'Recordatorio enviado', { system: true }),
    c.id('eventId', 'ID evento', { system: true }),
    c.text('meetUrl', 'Enlace Meet', { system: true }),
    c.bool('extranetNotified', 'Aviso extranet'),
    c.status('surveyStatus', 'Encuesta', DELIVERY_STATES, { system: true }),
    c.dateTime('surveySentAt', 'Encuesta enviada', { system: true }),
    c.dateTime('surveyAnsweredAt', 'Encuesta respondida', { system: true }),
    c.decimal('surveyScore', 'Puntaje encuesta', { system: true }),
    // The form response linked to the row: a second delivery of the same response changes nothing.
    c.id('surveyResponseId', 'ID respuesta encuesta', { system: true }),
    c.status('abandonmentEmail', 'Correo abandono', DELIVERY_STATES, { system: true }),
    c.status('workshopInvitation', 'Invitación talleres', DELIVERY_STATES, { system: true }),
    c.status('origin', 'Origen', APPOINTMENT_ORIGINS, { system: true }),
    c.dateTime('importedAt', 'Importado', { system: true }),
    c.dateTime('updatedAt', 'Actualizado', { system: true }),
  ],
});

/** "Programación Talleres Masivos": the yearly programming of modules by quarter (B01). */
export const YEAR_PLAN_TAB = tab({
  key: 'yearPlan',
  name: 'Programación anual',
  roles: ['talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de programación', { system: true }),
    c.integer('year', 'Año'),
    c.status('quarter', 'Trimestre', QUARTERS),
    c.text('module', 'Módulo'),
    c.id('moduleId', 'ID de módulo', { system: true }),
    c.date('plannedStart', 'Fecha prevista'),
    c.status('status', 'Estado', ['Planificado', 'Programado', 'Realizado', 'Cancelado']),
    c.text('notes', 'Observaciones'),
    c.dateTime('updatedAt', 'Actualizado', { system: true }),
  ],
});

/** One module ("Aprende a Emprender", B01–B12) or requested external workshop (C01–C04). */
export const MODULES_TAB = tab({
  key: 'modules',
  name: 'Módulos',
  roles: ['talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de módulo', { system: true }),
    c.text('name', 'Módulo'),
    c.status('kind', 'Tipo', ['Interno', 'Externo']),
    c.integer('year', 'Año'),
    c.status('quarter', 'Trimestre', QUARTERS),
    c.status('status', 'Estado', MODULE_STATES),
    c.text('dates', 'Fechas'),
    c.date('startDate', 'Fecha de inicio'),
    c.date('endDate', 'Fecha de fin'),
    c.text('audience', 'Público objetivo'),
    c.text('institution', 'Institución solicitante'),
    // C01–C04: the external request this workshop answers ('' for an internal module).
    c.id('requestId', 'ID de solicitud externa', { system: true }),
    c.text('registrationUrl', 'Enlace de inscripción'),
    c.id('registrationFormId', 'ID formulario de inscripción', { system: true }),
    c.integer('capacity', 'Cupos'),
    // The certificate's attendance rule (B01, B12): at least this many of the module's sessions.
    c.integer('minSessions', 'Asistencia mínima (sesiones)'),
    // B12/C04: whether this module issues certificates. Empty counts as yes (every internal module
    // does); an external workshop's choice is made at approval. Read it with `issuesCertificates`.
    c.bool('certificates', 'Emite certificados'),
    c.integer('registered', 'Inscritos', { system: true }),
    c.status('bannerStatus', 'Banner', ['Solicitado', 'Recibido', 'Validado']),
    c.text('bannerUrl', 'Enlace del banner'),
    c.text('whatsappUrl', 'Grupo de WhatsApp'),
    c.dateTime('programmeSentAt', 'Programación enviada', { system: true }),
    // B05: the ficha técnica's objective (the module form), the module's Drive folder, and the
    // ficha's PDF (one kept; regenerating replaces it) with when it was made.
    c.text('objective', 'Objetivo'),
    c.text('driveFolderUrl', 'Carpeta del módulo', { system: true }),
    c.text('factSheetUrl', 'Ficha técnica', { system: true }),
    c.dateTime('factSheetAt', 'Ficha generada', { system: true }),
    // B12: the module's consolidation (tabs with charts), its report to the Dirección (one PDF kept
    // per version; the send recorded once per version), and when certificates were last issued.
    c.dateTime('consolidatedAt', 'Consolidado', { system: true }),
    c.text('reportUrl', 'Informe a la Dirección', { system: true }),
    c.integer('reportVersion', 'Versión del informe', { system: true }),
    c.status('reportDelivery', 'Envío del informe', DELIVERY_STATES, { system: true }),
    c.dateTime('reportSentAt', 'Informe enviado', { system: true }),
    c.dateTime('createdAt', 'Creado', { system: true }),
    c.dateTime('updatedAt', 'Actualizado', { system: true }),
  ],
});

/** The workshops of a module: topic, date, times, speaker, audience, Meet (B02, B06–B08, B11). */
export const SESSIONS_TAB = tab({
  key: 'sessions',
  name: 'Sesiones',
  roles: ['talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de sesión', { system: true }),
    c.id('moduleId', 'ID de módulo'),
    c.integer('number', 'N.°'),
    c.text('topic', 'Tema'),
    c.date('date', 'Fecha'),
    c.text('startTime', 'Hora de inicio'),
    c.text('endTime', 'Hora de fin'),
    c.dateTime('start', 'Inicio', { system: true }),
    c.dateTime('end', 'Fin', { system: true }),
    c.text('speaker', 'Ponente'),
    c.email('speakerEmail', 'Correo del ponente'),
    c.status('speakerAnswer', 'Respuesta del ponente', ['Pendiente', 'Aceptó', 'Declinó']),
    c.status('speakerInvitation', 'Invitación al ponente', DELIVERY_STATES, { system: true }),
    c.text('audience', 'Público objetivo'),
    c.bool('isClosing', 'Sesión de cierre'),
    c.status('status', 'Estado', ['Programada', 'Realizada', 'Cancelada']),
    c.id('eventId', 'ID evento', { system: true }),
    c.text('meetUrl', 'Enlace Meet', { system: true }),
    c.status('accessLinks', 'Enlace de acceso', DELIVERY_STATES, { system: true }),
    c.status('survey', 'Encuesta', DELIVERY_STATES, { system: true }),
    c.integer('participants', 'Participantes', { system: true }),
    c.dateTime('meetReportAt', 'Reporte de Meet importado', { system: true }),
    c.dateTime('updatedAt', 'Actualizado', { system: true }),
  ],
});

/** What a registration is (B05): confirmed, waiting for a place, for a person to check, withdrawn, annulled. */
export const REGISTRATION_STATES = ['Inscrito', 'En lista de espera', 'Por revisar', 'Retirado', 'Anulado'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];
/** Whether the registrant has an idea or a running business (registration form). */
export const BUSINESS_STAGES = ['Idea de negocio', 'Negocio en marcha'] as const;

/**
 * Sign-ups to a module from the registration form (B05, C02). One row per person (document) and
 * module: a second submission updates the first. The waiting list is the rows 'En lista de espera'
 * in order of 'Fecha de inscripción'.
 */
export const REGISTRATIONS_TAB = tab({
  key: 'registrations',
  name: 'Inscripciones',
  roles: ['talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de inscripción', { system: true }),
    c.id('moduleId', 'ID de módulo'),
    c.id('responseId', 'ID de respuesta', { system: true }),
    c.dateTime('registeredAt', 'Fecha de inscripción', { system: true }),
    c.text('documentType', 'Tipo doc.'),
    c.id('dni', 'DNI', { aliases: ['N.° de documento', 'Documento'] }),
    c.text('fullName', 'Nombres y apellidos'),
    c.email('email', 'Correo'),
    c.phone('phone', 'Celular'),
    c.text('region', 'Región'),
    c.status('businessStage', 'Emprendimiento', BUSINESS_STAGES),
    c.text('sector', 'Sector'),
    c.text('questions', 'Preguntas'),
    c.bool('presentsProject', 'Presentará su proyecto'),
    c.bool('consent', 'Consentimiento'),
    c.text('noticeVersion', 'Versión del aviso', { system: true }),
    c.bool('acceptsNews', 'Acepta novedades'),
    c.status('status', 'Estado', REGISTRATION_STATES),
    c.text('reviewReason', 'Motivo de revisión', { system: true }),
    c.status('confirmation', 'Confirmación', DELIVERY_STATES, { system: true }),
    c.status('waitlistNotice', 'Aviso de lista de espera', DELIVERY_STATES, { system: true }),
    c.dateTime('promotedAt', 'Cupo asignado', { system: true }),
    c.status('promotionNotice', 'Aviso de cupo', DELIVERY_STATES, { system: true }),
    c.dateTime('withdrawnAt', 'Fecha de retiro', { system: true }),
    c.bool('silnet', 'Registrado en Silnet'),
    c.dateTime('silnetAt', 'Fecha de registro en Silnet', { system: true }),
    // B11: the closing's order of presentation (people who asked to present, or added in the panel).
    c.integer('presentationOrder', 'Orden de presentación', { system: true }),
    c.text('presentationSlot', 'Turno de presentación', { system: true }),
    c.status('certificate', 'Certificado', DELIVERY_STATES, { system: true }),
    c.id('certificateCode', 'Código de certificado', { system: true }),
    c.dateTime('updatedAt', 'Actualizado', { system: true }),
  ],
});

/** Where an invitation's address came from (B05), which is also its legal basis. */
export const INVITATION_SOURCES = ['Inscripción anterior', 'Atención', 'Lista importada'] as const;

/**
 * The invitations of a module (B05): one row per address and module, sent once by the
 * invitation job. The address's source and the legal basis declared for it are kept with it.
 */
export const INVITATIONS_TAB = tab({
  key: 'invitations',
  name: 'Invitaciones',
  roles: ['talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de invitación', { system: true }),
    c.id('moduleId', 'ID de módulo', { system: true }),
    c.email('email', 'Correo', { system: true }),
    c.text('fullName', 'Nombre', { system: true }),
    c.status('source', 'Origen', INVITATION_SOURCES, { system: true }),
    c.text('legalBasis', 'Base legal', { system: true }),
    c.status('delivery', 'Envío', DELIVERY_STATES, { system: true }),
    c.text('note', 'Detalle', { system: true }),
    c.dateTime('sentAt', 'Enviado', { system: true }),
    c.dateTime('addedAt', 'Agregado', { system: true }),
  ],
});

/** Addresses that asked to receive no more invitations (B05): honoured by every later run. */
export const UNSUBSCRIBES_TAB = tab({
  key: 'unsubscribes',
  name: 'Bajas de difusión',
  roles: ['talleres'],
  idKey: 'email',
  columns: [
    c.id('email', 'Correo', { system: true }),
    c.dateTime('at', 'Fecha', { system: true }),
    c.text('via', 'Medio', { system: true }),
  ],
});

/**
 * Links of the web app already used (single-use tokens, docs/web-app.md): the token's ID (not
 * the token), its action and when. Only the script writes it.
 */
export const USED_LINKS_TAB = tab({
  key: 'usedLinks',
  name: 'Enlaces usados',
  roles: ['talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de enlace', { system: true }),
    c.text('action', 'Acción', { system: true }),
    c.id('subject', 'Referencia', { system: true }),
    c.dateTime('usedAt', 'Usado', { system: true }),
    c.dateTime('expiresAt', 'Vence', { system: true }),
  ],
});

/** Where an attendance mark came from (B09): the check-in form, the Meet report, a person. */
export const ATTENDANCE_SOURCES = ['Formulario', 'Reporte de Meet', 'Manual'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

/**
 * Who attended which session (B09, C04): one row per registration and session, whatever the
 * sources (ID `<sessionId>/<registrationId>`, so merging never doubles a row). Each source's
 * evidence is kept in its own columns; 'Asistió' and 'Fuente' are the merged verdict. A mark
 * made by a person ('Manual') is never overwritten by a later automatic source.
 */
export const ATTENDANCE_TAB = tab({
  key: 'attendance',
  name: 'Asistencia',
  roles: ['talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de asistencia', { system: true }),
    c.id('sessionId', 'ID de sesión', { system: true }),
    c.id('moduleId', 'ID de módulo', { system: true }),
    c.id('registrationId', 'ID de inscripción', { system: true }),
    c.id('dni', 'DNI'),
    c.text('fullName', 'Nombres y apellidos'),
    c.bool('present', 'Asistió', { system: true }),
    c.status('source', 'Fuente', ATTENDANCE_SOURCES, { system: true }),
    // Evidence per source: the check-in form's time, the Meet report's minutes and display name.
    c.dateTime('checkinAt', 'Marcó en el formulario', { system: true }),
    c.integer('meetMinutes', 'Minutos en Meet', { system: true }),
    c.text('meetName', 'Nombre en Meet', { system: true }),
    c.text('markedBy', 'Marcado por', { system: true }),
    c.dateTime('recordedAt', 'Registrado', { system: true }),
  ],
});

/** The emails of a running session, each sent once per person (B06, B07, B08, B11). */
export const SESSION_MAIL_KINDS = [
  'Enlace de acceso',
  'Recordatorio previo',
  'Resumen al ponente',
  'Cambio de horario',
  'Encuesta',
  'Turno de presentación',
  'Orden de presentación',
] as const;
export type SessionMailKind = (typeof SESSION_MAIL_KINDS)[number];

/**
 * One row per email of a session and recipient (ID `<kind code>/<sessionId>/<registrationId or
 * address>`): the job writes 'pendiente' rows, then sends each once (sendOnce journal) and marks
 * it. A later run (a person promoted from the waiting list, a late attendance mark) finds only
 * what is missing.
 */
export const SESSION_MAILS_TAB = tab({
  key: 'sessionMails',
  name: 'Envíos de sesiones',
  roles: ['talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de envío', { system: true }),
    c.status('kind', 'Tipo', SESSION_MAIL_KINDS, { system: true }),
    c.id('sessionId', 'ID de sesión', { system: true }),
    c.id('moduleId', 'ID de módulo', { system: true }),
    c.id('registrationId', 'ID de inscripción', { system: true }),
    c.email('email', 'Correo', { system: true }),
    c.status('delivery', 'Envío', DELIVERY_STATES, { system: true }),
    c.dateTime('sentAt', 'Enviado', { system: true }),
    c.text('note', 'Detalle', { system: true }),
  ],
});

/**
 * Answers of the workshop satisfaction survey (B08): one row per form response, linked to its
 * session and registration by the link's token. Forged or unmatched answers go to 'Revisión'.
 */
export const WORKSHOP_SURVEYS_TAB = tab({
  key: 'workshopSurveys',
  name: 'Encuestas de talleres',
  roles: ['talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de respuesta', { system: true }),
    c.id('sessionId', 'ID de sesión', { system: true }),
    c.id('moduleId', 'ID de módulo', { system: true }),
    c.id('registrationId', 'ID de inscripción', { system: true }),
    c.dateTime('submittedAt', 'Fecha de respuesta', { system: true }),
    c.integer('q1', 'Satisfacción con la sesión', { system: true }),
    c.integer('q2', 'Contenido claro y útil', { system: true }),
    c.integer('q3', 'Ponente', { system: true }),
    c.integer('q4', 'Conexión a Meet', { system: true }),
    c.text('recommend', 'Recomendaría', { system: true }),
    c.text('comment', 'Comentario', { system: true }),
    c.decimal('score', 'Puntaje', { system: true }),
  ],
});

/** A certificate's state (B12): valid, replaced by a reissue (name corrected), revoked with a reason. */
export const CERTIFICATE_STATES = ['Vigente', 'Reemplazado', 'Revocado'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

/**
 * Every certificate ever issued (B12), one row per code: what the verification page answers
 * (valid / replaced / revoked) and what the issuing job did (the PDF in the module's folder, the
 * email). The registration row keeps the current code and its delivery state; a reissue adds a
 * row and marks the old one 'Reemplazado' with the new code. Name, module and dates are copied
 * here at issue time: they are what the certificate says, and all the page may show. A deletion
 * under Ley 29733 blanks the name and revokes the code.
 */
export const CERTIFICATES_TAB = tab({
  key: 'certificates',
  name: 'Certificados',
  roles: ['talleres'],
  idKey: 'code',
  columns: [
    c.id('code', 'Código', { system: true }),
    c.id('registrationId', 'ID de inscripción', { system: true }),
    c.id('moduleId', 'ID de módulo', { system: true }),
    c.text('fullName', 'Nombre en el certificado', { system: true }),
    c.text('moduleName', 'Módulo', { system: true }),
    c.text('moduleDates', 'Fechas', { system: true }),
    c.integer('hours', 'Horas', { system: true }),
    c.integer('sessionsAttended', 'Sesiones asistidas', { system: true }),
    c.status('state', 'Estado', CERTIFICATE_STATES, { system: true }),
    c.dateTime('issuedAt', 'Emitido', { system: true }),
    c.id('pdfFileId', 'ID del PDF', { system: true }),
    c.text('pdfUrl', 'PDF', { system: true }),
    c.status('delivery', 'Envío', DELIVERY_STATES, { system: true }),
    c.dateTime('sentAt', 'Enviado', { system: true }),
    c.id('replacedBy', 'Reemplazado por', { system: true }),
    c.dateTime('revokedAt', 'Revocado', { system: true }),
    c.text('revokeReason', 'Motivo de revocación', { system: true }),
    c.text('by', 'Por', { system: true }),
    c.dateTime('updatedAt', 'Actualizado', { system: true }),
  ],
});

/**
 * What happens to an institution's request for a workshop (C01–C04), in order. 'Rechazada' ends
 * it; 'Aprobada' → 'Programada' once the workshop exists (module, event, registration link, the
 * institution told); 'Realizada' once its session has ended; 'Cerrada' once the institution got
 * the attendance count and thanks (and the certificates, when it issues them, are out).
 */
export const EXTERNAL_REQUEST_STATES = ['Recibida', 'Enviada a aprobación', 'Aprobada', 'Rechazada', 'Programada', 'Realizada', 'Cerrada'] as const;
export type ExternalRequestState = (typeof EXTERNAL_REQUEST_STATES)[number];
/** Who decided: the Sub Director through the emailed link, or a coordinator in the panel (e.g. approved by phone). */
export const DECISION_CHANNELS = ['Enlace', 'Panel'] as const;
export const DECISIONS = ['Aprobada', 'Rechazada'] as const;
export const INSTITUTION_TYPES = ['CETPRO', 'Instituto de Educación Superior', 'Universidad', 'Municipalidad', 'Otra'] as const;

/**
 * Requests of workshops from institutions (C01): one row per request, from the public request
 * form; a second submission of the same institution (RUC), topic and dates updates its row while
 * it has not been sent for approval. Every step's time is kept on the row (issue 14 item 4:
 * real timings against the seed's 5 h 25 min). The workshop it becomes is a module
 * ('Módulos', kind 'Externo', `requestId`), run by the same pipeline as the internal ones.
 */
export const EXTERNAL_REQUESTS_TAB = tab({
  key: 'externalRequests',
  name: 'Solicitudes externas',
  roles: ['talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de solicitud', { system: true }),
    c.id('responseId', 'ID de respuesta', { system: true }),
    c.dateTime('receivedAt', 'Recibida', { system: true }),
    c.status('state', 'Estado', EXTERNAL_REQUEST_STATES, { system: true }),
    c.text('institution', 'Institución'),
    c.id('ruc', 'RUC'),
    c.text('institutionType', 'Tipo de institución'),
    c.text('region', 'Región'),
    c.text('district', 'Distrito'),
    c.text('contactName', 'Persona de contacto'),
    c.text('contactRole', 'Cargo'),
    c.email('contactEmail', 'Correo de contacto'),
    c.phone('contactPhone', 'Celular de contacto'),
    c.text('topic', 'Tema'),
    // The two preferred slots as the institution gave them: a date and a Lima start time 'HH:mm'.
    c.date('option1Date', 'Fecha preferida 1'),
    c.text('option1Time', 'Hora preferida 1'),
    c.date('option2Date', 'Fecha preferida 2'),
    c.text('option2Time', 'Hora preferida 2'),
    c.integer('expected', 'Participantes esperados'),
    c.text('modality', 'Modalidad'),
    c.text('notes', 'Observaciones de la institución'),
    c.status('ack', 'Acuse de recibo', DELIVERY_STATES, { system: true }),
    c.dateTime('ackAt', 'Acuse enviado', { system: true }),
    // The proposal sent for approval (C01): chosen slot, speaker, certificates; a new proposal is a new round.
    c.dateTime('proposedStart', 'Inicio propuesto', { system: true }),
    c.dateTime('proposedEnd', 'Fin propuesto', { system: true }),
    c.text('speaker', 'Ponente'),
    c.email('speakerEmail', 'Correo del ponente'),
    c.bool('certificates', 'Emite certificados'),
    c.integer('approvalRound', 'Ronda de aprobación', { system: true }),
    c.status('approvalMail', 'Envío a aprobación', DELIVERY_STATES, { system: true }),
    c.dateTime('sentForApprovalAt', 'Enviada a aprobación', { system: true }),
    c.text('sentForApprovalBy', 'Enviada por', { system: true }),
    c.status('decision', 'Decisión', DECISIONS, { system: true }),
    c.status('decisionChannel', 'Vía de la decisión', DECISION_CHANNELS, { system: true }),
    c.text('decidedBy', 'Decidida por', { system: true }),
    c.dateTime('decidedAt', 'Fecha de la decisión', { system: true }),
    c.text('rejectReason', 'Motivo del rechazo', { system: true }),
    c.status('decisionMail', 'Respuesta a la institución', DELIVERY_STATES, { system: true }),
    c.dateTime('decisionMailAt', 'Respuesta enviada', { system: true }),
    c.id('moduleId', 'ID de módulo', { system: true }),
    c.dateTime('scheduledAt', 'Programada', { system: true }),
    c.dateTime('heldAt', 'Realizada', { system: true }),
    c.integer('attendees', 'Asistentes', { system: true }),
    c.status('thanksMail', 'Agradecimiento', DELIVERY_STATES, { system: true }),
    c.dateTime('thanksAt', 'Agradecimiento enviado', { system: true }),
    c.dateTime('closedAt', 'Cerrada', { system: true }),
    c.text('note', 'Detalle', { system: true }),
    c.dateTime('updatedAt', 'Actualizado', { system: true }),
  ],
});

/** Things only a person can settle: ambiguous sends, unknown survey codes, rejected import rows. */
export const REVIEW_TAB = tab({
  key: 'review',
  name: 'Revisión',
  roles: ['atenciones', 'talleres'],
  idKey: 'id',
  columns: [
    c.id('id', 'ID de revisión', { system: true }),
    c.dateTime('at', 'Fecha', { system: true }),
    c.text('kind', 'Tipo', { system: true }),
    c.text('reference', 'Referencia', { system: true }),
    c.text('detail', 'Detalle', { system: true }),
    c.status('status', 'Estado', REVIEW_STATES),
  ],
});

/** Parameters a consultant may adjust, one per row (see SETTINGS below). */
export const SETTINGS_TAB = tab({
  key: 'settings',
  name: 'Configuración',
  roles: ['atenciones', 'talleres'],
  idKey: 'name',
  columns: [
    c.id('name', 'Parámetro'),
    c.text('value', 'Valor'),
    c.text('description', 'Descripción', { system: true }),
  ],
});

/**
 * Who may use the product here (docs/access-model.md): a read-only mirror of the team the
 * script keeps in document properties. Editing it changes nothing; the coordinators manage the
 * team from the panel («Equipo y permisos»), and the tab is protected so only they can edit it.
 */
export const TEAM_TAB = tab({
  key: 'team',
  name: 'Equipo',
  roles: ['atenciones', 'talleres'],
  idKey: 'email',
  columns: [
    c.id('email', 'Correo', { system: true }),
    c.text('name', 'Nombre en el reporte', { system: true }),
    c.text('roles', 'Roles', { system: true }),
    c.dateTime('updatedAt', 'Actualizado', { system: true }),
  ],
});

/** Every automatic action: when, what, for whom, result (DESIGN.md). Append-only. */
export const AUDIT_TAB = tab({
  key: 'audit',
  name: 'Registro de auditoría',
  roles: ['atenciones', 'talleres'],
  idKey: null,
  appendOnly: true,
  columns: [
    c.dateTime('at', 'Fecha', { system: true, format: FORMATS.dateTimeSeconds }),
    c.text('action', 'Acción', { system: true }),
    c.text('target', 'Para', { system: true }),
    c.text('result', 'Resultado', { system: true }),
    c.text('detail', 'Detalle', { system: true }),
    c.text('execution', 'Ejecución', { system: true }),
  ],
});

/** All tabs, in the order setup creates them in a spreadsheet. */
export const TABS: readonly TabSpec[] = [
  APPOINTMENTS_TAB,
  YEAR_PLAN_TAB,
  MODULES_TAB,
  SESSIONS_TAB,
  REGISTRATIONS_TAB,
  ATTENDANCE_TAB,
  SESSION_MAILS_TAB,
  WORKSHOP_SURVEYS_TAB,
  CERTIFICATES_TAB,
  EXTERNAL_REQUESTS_TAB,
  INVITATIONS_TAB,
  UNSUBSCRIBES_TAB,
  USED_LINKS_TAB,
  REVIEW_TAB,
  SETTINGS_TAB,
  TEAM_TAB,
  AUDIT_TAB,
];

export type AppointmentKey = (typeof APPOINTMENTS_TAB)['columns'][number]['key'];
export type ModuleKey = (typeof MODULES_TAB)['columns'][number]['key'];
export type SessionKey = (typeof SESSIONS_TAB)['columns'][number]['key'];
export type YearPlanKey = (typeof YEAR_PLAN_TAB)['columns'][number]['key'];
export type SettingsKey = (typeof SETTINGS_TAB)['columns'][number]['key'];
export type AuditKey = (typeof AUDIT_TAB)['columns'][number]['key'];
export type ReviewKey = (typeof REVIEW_TAB)['columns'][number]['key'];
export type TeamKey = (typeof TEAM_TAB)['columns'][number]['key'];
export type RegistrationKey = (typeof REGISTRATIONS_TAB)['columns'][number]['key'];
export type InvitationKey = (typeof INVITATIONS_TAB)['columns'][number]['key'];
export type UnsubscribeKey = (typeof UNSUBSCRIBES_TAB)['columns'][number]['key'];
export type UsedLinkKey = (typeof USED_LINKS_TAB)['columns'][number]['key'];
export type AttendanceKey = (typeof ATTENDANCE_TAB)['columns'][number]['key'];
export type SessionMailKey = (typeof SESSION_MAILS_TAB)['columns'][number]['key'];
export type WorkshopSurveyKey = (typeof WORKSHOP_SURVEYS_TAB)['columns'][number]['key'];
export type CertificateKey = (typeof CERTIFICATES_TAB)['columns'][number]['key'];
export type ExternalRequestKey = (typeof EXTERNAL_REQUESTS_TAB)['columns'][number]['key'];

export function tabsForRole(role: Role): TabSpec[] {
  return TABS.filter((t) => t.roles.includes(role));
}

export function tabByKey(key: TabKey): TabSpec {
  const t = TABS.find((x) => x.key === key);
  if (!t) throw new Error(`unknown tab ${key}`);
  return t;
}

export function columnSpec<K extends string>(t: TabSpec<K>, key: K): ColumnSpec<K> {
  const col = t.columns.find((x) => x.key === key);
  if (!col) throw new Error(`tab ${t.key} has no column ${key}`);
  return col;
}

// ---------------------------------------------------------------------------- header lookup

/**
 * Comparison form of a header: no accents, no case, nothing but letters and digits.
 * 'Duración (min)', 'duracion min' and 'DURACIÓN (MIN.)' are the same header.
 */
export function headerKey(header: unknown): string {
  return String(header ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Every header text that means this column (its header first, then its aliases). */
export function headerTexts(col: Pick<ColumnSpec, 'header' | 'aliases'>): string[] {
  return [col.header, ...(col.aliases ?? [])];
}

/**
 * 0-based index of the column in a header row, or -1. Takes a column spec or a header text.
 * The column's own header wins over an alias when both are present.
 */
export function columnIndex(headers: readonly unknown[], column: Pick<ColumnSpec, 'header' | 'aliases'> | string): number {
  const texts = typeof column === 'string' ? [column] : headerTexts(column);
  const keys = headers.map(headerKey);
  for (const t of texts) {
    const i = keys.indexOf(headerKey(t));
    if (i >= 0 && keys[i] !== '') return i;
  }
  return -1;
}

export interface ResolvedColumns<K extends string = string> {
  /** Schema key → 0-based column index in the sheet, -1 when the header is missing. */
  index: Record<K, number>;
  /** Schema columns whose header is not in the sheet, in schema order. */
  missing: ColumnSpec<K>[];
}

/** Locates every schema column of a tab in a header row. Two schema columns never share a sheet column. */
export function resolveColumns<K extends string>(t: TabSpec<K>, headers: readonly unknown[]): ResolvedColumns<K> {
  const index = {} as Record<K, number>;
  const missing: ColumnSpec<K>[] = [];
  const taken = new Set<number>();
  // Own headers first, so an alias never steals a column another schema column is named after.
  for (const col of t.columns) {
    const i = columnIndex(headers, col.header);
    index[col.key] = i >= 0 && !taken.has(i) ? i : -1;
    if (index[col.key] >= 0) taken.add(i);
  }
  for (const col of t.columns) {
    if (index[col.key] >= 0) continue;
    const i = (col.aliases ?? []).map((a) => columnIndex(headers, a)).find((j) => j >= 0 && !taken.has(j));
    if (i !== undefined) {
      index[col.key] = i;
      taken.add(i);
    } else {
      missing.push(col);
    }
  }
  return { index, missing };
}

// ---------------------------------------------------------------------------- settings rows

export type SettingKind = 'hour' | 'minutes' | 'percent' | 'minutesOrNone' | 'months' | 'url' | 'webAppUrl' | 'text' | 'aliases' | 'spreadsheetId' | 'formId' | 'email';

export interface SettingSpec {
  /** Stable English key used by code. */
  readonly key: string;
  /** The row's 'Parámetro' text (Spanish); rows are found by it, case- and accent-insensitively. */
  readonly name: string;
  readonly kind: SettingKind;
  readonly defaultValue: string;
  readonly description: string;
  readonly roles: readonly Role[];
  /** Written by the system (a mirror for people to see); editing it has no effect. */
  readonly system: boolean;
}

/** A consultant row: 'Consultor: ana.quispe@trabajo.gob.pe' → value 'Ana Quispe'. */
export const CONSULTANT_SETTING_PREFIX = 'Consultor:';

/** Settings rows of the header aliases the import (A01) matches the platform's columns with. */
export function aliasSettingKey(field: ReportField): string {
  return `headerAliases.${field}`;
}

/** Separator written between aliases; reading also accepts commas when there is no '|'. */
export const ALIAS_SEPARATOR = ' | ';

const BOTH: readonly Role[] = ['atenciones', 'talleres'];
const ATENCIONES: readonly Role[] = ['atenciones'];
const TALLERES: readonly Role[] = ['talleres'];

export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'reminderHour',
    name: 'Hora de recordatorios',
    kind: 'hour',
    defaultValue: '18',
    description:
      'Hora de Lima (0 a 23) a la que se envían los recordatorios de las citas del día siguiente. Vuelva a ejecutar «Configurar esta hoja» después de cambiarla.',
    roles: ATENCIONES,
    system: false,
  },
  {
    key: 'closingHour',
    name: 'Hora de cierre del día',
    kind: 'hour',
    defaultValue: '20',
    description:
      'Hora de Lima (0 a 23) a la que se cierra el día: se señalan las citas que quedaron abiertas y se envía el resumen a cada consultor. Vuelva a ejecutar «Configurar esta hoja» después de cambiarla.',
    roles: ATENCIONES,
    system: false,
  },
  {
    key: 'toleranceMinutes',
    name: 'Tolerancia (minutos)',
    kind: 'minutes',
    defaultValue: String(TOLERANCE_MINUTES),
    description: 'Minutos de espera a que el usuario se conecte antes de poder marcar la cita como abandonada.',
    roles: ATENCIONES,
    system: false,
  },
  {
    key: 'standardMinutes',
    name: 'Tiempo estándar de atención (minutos)',
    kind: 'minutes',
    defaultValue: String(STANDARD_ATTENTION_MINUTES),
    description: 'Duración estándar de una atención según el procedimiento; el resumen del día compara con ella.',
    roles: ATENCIONES,
    system: false,
  },
  {
    key: 'rebookUrl',
    name: 'Enlace para reservar cita',
    kind: 'url',
    defaultValue: REBOOK_URL,
    description: 'Página de la plataforma donde el usuario reserva una nueva cita (va en los correos).',
    roles: ATENCIONES,
    system: false,
  },
  {
    key: 'retentionMonths',
    name: 'Meses de conservación de datos personales',
    kind: 'months',
    defaultValue: '',
    description:
      'Ley 29733: meses que se conservan los datos personales de las citas ya cerradas (atendidas, abandonadas o canceladas), contados desde la fecha de la cita. ' +
      'Cada noche, al cierre del día, las citas más antiguas se anonimizan: se borran el DNI, el nombre, el correo, el celular, las notas y las observaciones, y sus respuestas de la encuesta; ' +
      'se conservan el ID, la fecha, el estado, la duración y el puntaje para las estadísticas. Las líneas más antiguas del registro de auditoría y de «Revisión» pierden su detalle. ' +
      'Escriba un número entero (por ejemplo, 24) o déjelo vacío para no anonimizar automáticamente.',
    roles: ATENCIONES,
    system: false,
  },
  {
    key: 'surveyFormId',
    name: 'Formulario de encuesta (ID)',
    kind: 'formId',
    defaultValue: '',
    description: 'ID del formulario de la encuesta de satisfacción. Lo completa el sistema al crear el formulario.',
    roles: ATENCIONES,
    system: true,
  },
  {
    key: 'surveyFormUrl',
    name: 'Formulario de encuesta (enlace)',
    kind: 'url',
    defaultValue: '',
    description: 'Enlace público de la encuesta de satisfacción. Lo completa el sistema al crear el formulario.',
    roles: ATENCIONES,
    system: true,
  },
  {
    key: 'siblingId',
    name: 'ID de la hoja hermana',
    kind: 'spreadsheetId',
    defaultValue: '',
    description:
      'ID de la otra hoja del servicio. Lo escribe «Configurar esta hoja»; para cambiarlo, vuelva a ejecutarla con el nuevo ID (editar esta celda no tiene efecto).',
    roles: BOTH,
    system: true,
  },
  // Workshops (B03, B04): where the module's programme and its banner request go.
  {
    key: 'subDirectorEmail',
    name: 'Correo de la Sub Dirección',
    kind: 'email',
    defaultValue: '',
    description: 'Correo de la Sub Dirección: recibe la programación de cada módulo de «Aprende a Emprender» (tabla de sesiones) cuando se pulsa «Enviar programación a la Sub Dirección», y las solicitudes de talleres externos para su aprobación.',
    roles: TALLERES,
    system: false,
  },
  {
    key: 'directionEmail',
    name: 'Correo de la Dirección (banners)',
    kind: 'email',
    defaultValue: '',
    description: 'Correo de la Dirección que prepara los banners de difusión: recibe la solicitud del banner de cada módulo («Solicitar banner»).',
    roles: TALLERES,
    system: false,
  },
  // The web app (docs/web-app.md): withdrawal and unsubscribe links, later verification and approvals.
  {
    key: 'webAppUrl',
    name: 'Enlace de la aplicación web',
    kind: 'webAppUrl',
    defaultValue: '',
    description:
      'Dirección /exec de la implementación como aplicación web de este proyecto (Implementar › Nueva implementación › Aplicación web; ejecutar como: yo; acceso: cualquier persona). ' +
      'Con ella, los correos llevan enlaces para retirarse de un módulo o dejar de recibir invitaciones. Vacía: el sistema usa la que informa Google, si la hay.',
    roles: TALLERES,
    system: false,
  },
  // Registration (B05): one form for every module; each module's link preselects it.
  {
    key: 'registrationFormId',
    name: 'Formulario de inscripción (ID)',
    kind: 'formId',
    defaultValue: '',
    description: 'ID del formulario de inscripción a los talleres. Lo completa el sistema al crearlo.',
    roles: TALLERES,
    system: true,
  },
  {
    key: 'registrationFormUrl',
    name: 'Formulario de inscripción (enlace)',
    kind: 'url',
    defaultValue: '',
    description: 'Enlace público del formulario de inscripción. Cada módulo tiene su propio enlace, que ya elige el módulo (pestaña «Módulos»).',
    roles: TALLERES,
    system: true,
  },
  // Running the sessions (B06–B11).
  {
    key: 'accessLinkHour',
    name: 'Hora del enlace de acceso a talleres',
    kind: 'hour',
    defaultValue: '18',
    description:
      'Hora de Lima (0 a 23) del día anterior a cada sesión a la que cada inscrito recibe su enlace de acceso (Meet) y el ponente su resumen. Vuelva a ejecutar «Configurar esta hoja» después de cambiarla.',
    roles: TALLERES,
    system: false,
  },
  {
    key: 'accessLinkSecondMinutes',
    name: 'Segundo aviso antes de la sesión (minutos)',
    kind: 'minutesOrNone',
    defaultValue: '60',
    description: 'Minutos antes del inicio de cada sesión en que los inscritos reciben un segundo aviso con el enlace. Escriba 0 para no enviar segundo aviso.',
    roles: TALLERES,
    system: false,
  },
  {
    key: 'checkinBeforeMinutes',
    name: 'Asistencia: minutos antes del inicio',
    kind: 'minutes',
    defaultValue: '15',
    description: 'El formulario de asistencia se acepta desde estos minutos antes del inicio de la sesión.',
    roles: TALLERES,
    system: false,
  },
  {
    key: 'checkinAfterMinutes',
    name: 'Asistencia: minutos después del fin',
    kind: 'minutes',
    defaultValue: '30',
    description: 'El formulario de asistencia se acepta hasta estos minutos después del fin de la sesión; lo que llegue fuera de ese horario va a «Revisión».',
    roles: TALLERES,
    system: false,
  },
  {
    key: 'meetMinMinutes',
    name: 'Minutos mínimos en Meet para contar asistencia',
    kind: 'minutes',
    defaultValue: '30',
    description: 'Al importar el reporte de asistencia de Google Meet, cuenta como asistente quien estuvo al menos estos minutos en la llamada (se suman las reconexiones).',
    roles: TALLERES,
    system: false,
  },
  {
    key: 'workshopSurveyDelayMinutes',
    name: 'Encuesta de talleres: minutos después del fin',
    kind: 'minutes',
    defaultValue: '15',
    description: 'Minutos después del fin de cada sesión en que los asistentes reciben la encuesta de satisfacción.',
    roles: TALLERES,
    system: false,
  },
  {
    key: 'presentationMinutes',
    name: 'Minutos por presentación (cierre)',
    kind: 'minutes',
    defaultValue: '10',
    description: 'Tiempo de cada participante que presenta su proyecto en la sesión de cierre; con él se calcula el turno de cada uno.',
    roles: TALLERES,
    system: false,
  },
  {
    key: 'silnetColumns',
    name: 'Columnas de carga a Silnet',
    kind: 'aliases',
    defaultValue: 'Tipo de documento=documentType | Número de documento=dni | Apellidos y nombres=fullName | Correo electrónico=email | Celular=phone | Región=region | Servicio=service | Fecha=date',
    description:
      'Columnas del archivo de carga al Triage de Silnet, en orden y separadas por «|»: «Encabezado=dato». Datos posibles: documentType, dni, fullName, email, phone, region, sector, businessStage, service, module, date. Cambie esta fila si Silnet cambia su formato.',
    roles: TALLERES,
    system: false,
  },
  {
    key: 'checkinFormId',
    name: 'Formulario de asistencia (ID)',
    kind: 'formId',
    defaultValue: '',
    description: 'ID del formulario de asistencia a las sesiones («Formato de asistencia»). Lo completa el sistema al crearlo.',
    roles: TALLERES,
    system: true,
  },
  {
    key: 'checkinFormUrl',
    name: 'Formulario de asistencia (enlace)',
    kind: 'url',
    defaultValue: '',
    description: 'Enlace público del formulario de asistencia. Cada sesión tiene su propio enlace, que ya elige la sesión (se comparte en el chat de Meet).',
    roles: TALLERES,
    system: true,
  },
  {
    key: 'workshopSurveyFormId',
    name: 'Encuesta de talleres (ID)',
    kind: 'formId',
    defaultValue: '',
    description: 'ID del formulario de la encuesta de satisfacción de los talleres. Lo completa el sistema al crearlo.',
    roles: TALLERES,
    system: true,
  },
  {
    key: 'workshopSurveyFormUrl',
    name: 'Encuesta de talleres (enlace)',
    kind: 'url',
    defaultValue: '',
    description: 'Enlace público de la encuesta de talleres. Cada asistente recibe su propio enlace, ya completado con su clave.',
    roles: TALLERES,
    system: true,
  },
  // B12: the certificate template (Slides) setup creates, and where the module's report goes.
  {
    key: 'certificateTemplateId',
    name: 'Plantilla de certificado (ID)',
    kind: 'formId',
    defaultValue: '',
    description:
      'ID de la presentación de Google Slides que sirve de plantilla de los certificados. La crea «Configurar esta hoja»; la Dirección puede rediseñarla en Slides manteniendo los marcadores como {{nombre}} o {{codigo}}. Para usar otra plantilla, escriba aquí su ID.',
    roles: TALLERES,
    system: false,
  },
  {
    key: 'certificateTemplateUrl',
    name: 'Plantilla de certificado (enlace)',
    kind: 'url',
    defaultValue: '',
    description: 'Enlace de la plantilla de certificados en Google Slides. Lo completa el sistema.',
    roles: TALLERES,
    system: true,
  },
  {
    key: 'directionReportEmail',
    name: 'Correo de la Dirección (informe del módulo)',
    kind: 'email',
    defaultValue: '',
    description:
      'Correo que recibe el informe de cada módulo (cifras, listas de asistencia y resumen de encuestas) al cerrarlo. Vacío: se usa el «Correo de la Dirección (banners)».',
    roles: TALLERES,
    system: false,
  },
  // External workshops (C01–C04): the institutions' request form, and the workshop's capacity.
  {
    key: 'externalRequestFormId',
    name: 'Formulario de solicitudes externas (ID)',
    kind: 'formId',
    defaultValue: '',
    description: 'ID del formulario público con el que las instituciones solicitan un taller. Lo completa el sistema al crearlo.',
    roles: TALLERES,
    system: true,
  },
  {
    key: 'externalRequestFormUrl',
    name: 'Formulario de solicitudes externas (enlace)',
    kind: 'url',
    defaultValue: '',
    description: 'Enlace público del formulario de solicitud de talleres para instituciones (CETPRO, institutos). Compártalo con ellas. Lo completa el sistema.',
    roles: TALLERES,
    system: true,
  },
  {
    key: 'externalCapacityMarginPercent',
    name: 'Margen de cupos en talleres externos (%)',
    kind: 'percent',
    defaultValue: '20',
    description:
      'Al aprobar un taller externo, sus cupos son los participantes que la institución espera más este porcentaje (redondeado hacia arriba). Escriba 0 para no dar margen.',
    roles: TALLERES,
    system: false,
  },
  ...REPORT_FIELDS.map(
    (field): SettingSpec => ({
      key: aliasSettingKey(field),
      name: `Encabezados: ${FIELD_LABELS[field]}`,
      kind: 'aliases',
      defaultValue: DEFAULT_HEADER_ALIASES[field].join(ALIAS_SEPARATOR),
      description: `Nombres con los que puede venir la columna «${FIELD_LABELS[field]}» en el reporte de citas de la plataforma, separados por «|». Agregue aquí un nombre nuevo si la plataforma lo cambia.`,
      roles: ATENCIONES,
      system: false,
    }),
  ),
];

export function settingsForRole(role: Role): SettingSpec[] {
  return SETTINGS.filter((s) => s.roles.includes(role));
}

export function settingSpec(key: string): SettingSpec {
  const s = SETTINGS.find((x) => x.key === key);
  if (!s) throw new Error(`unknown setting ${key}`);
  return s;
}
