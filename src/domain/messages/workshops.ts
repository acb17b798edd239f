/**
 * What a consultant reads when organising the modules of "Aprende a Emprender" (B01): the form's
 * per-field messages, refusals of the whole module, answers of a save, and the audit lines.
 */
import { html } from '../html';
import { formatLimaDate, formatLimaTime } from '../lima-time';
import { escapeHtml } from '../text';
import { bulletList, button, emailDocument, factsTable, greeting, heading, oneLine, paragraph, requireUrl, SENDER_NAME, textDocument, textList, type EmailMessage } from './email-layout';

/** Roman numerals of the quarters, as the sheet writes them. */
export const QUARTER_MONTHS: Readonly<Record<string, string>> = {
  I: 'enero a marzo',
  II: 'abril a junio',
  III: 'julio a septiembre',
  IV: 'octubre a diciembre',
};

export const MODULE_FIELD_MESSAGES = {
  nameMissing: 'Escriba el nombre del módulo.',
  nameInvalid: 'El nombre del módulo debe empezar con una letra o un número.',
  nameTooLong: (max: number) => `El nombre del módulo es demasiado largo (máximo ${max} caracteres).`,
  nameTaken: (quarter: string, year: number) => `Ya hay un módulo con ese nombre en el trimestre ${quarter} de ${year}. Elija otro nombre o edite el que existe.`,
  yearInvalid: (min: number, max: number) => `Escriba el año del módulo con cuatro cifras (de ${min} a ${max}).`,
  quarterInvalid: 'Elija el trimestre: I, II, III o IV.',
  audienceMissing: 'Indique el público objetivo del módulo.',
  audienceInvalid: 'El público objetivo debe empezar con una letra o un número.',
  capacityInvalid: (max: number) => `Indique los cupos con un número entero de 1 a ${max}.`,
  attendanceInvalid: 'Indique cuántas sesiones debe asistir una persona para recibir el certificado (un número entero, al menos 1).',
  attendanceTooHigh: (sessions: number) =>
    `La asistencia mínima no puede ser mayor que el número de sesiones del módulo (${sessions}).`,
  whatsappInvalid: 'El enlace del grupo de WhatsApp debe empezar con https://chat.whatsapp.com/ (cópielo desde «Invitar al grupo mediante enlace»).',
  sessionsMissing: 'Agregue al menos una sesión al módulo.',
  sessionsTooMany: (max: number) => `Un módulo puede tener como máximo ${max} sesiones.`,
  objectiveInvalid: 'El objetivo del módulo debe empezar con una letra o un número.',
  objectiveTooLong: (max: number) => `El objetivo del módulo es demasiado largo (máximo ${max} caracteres).`,
} as const;

export const SESSION_FIELD_MESSAGES = {
  topicMissing: 'Escriba el tema de la sesión.',
  topicInvalid: 'El tema debe empezar con una letra o un número.',
  dateMissing: 'Indique la fecha de la sesión.',
  dateInvalid: 'La fecha no es válida. Use el calendario o escríbala como dd/mm/aaaa.',
  dateOutsideQuarter: (quarter: string, year: number) =>
    `La fecha debe estar dentro del trimestre ${quarter} de ${year} (${QUARTER_MONTHS[quarter] ?? ''}).`,
  datePast: 'La fecha ya pasó. Elija una fecha desde hoy en adelante.',
  startMissing: 'Indique la hora de inicio (hora de Lima).',
  startInvalid: 'La hora de inicio no es válida. Escríbala como HH:mm, por ejemplo 18:00.',
  startPast: 'Esa hora de hoy ya pasó. Elija una hora posterior.',
  endMissing: 'Indique la hora de fin (hora de Lima).',
  endInvalid: 'La hora de fin no es válida. Escríbala como HH:mm, por ejemplo 20:00.',
  endNotAfterStart: 'La hora de fin debe ser posterior a la hora de inicio.',
  overlaps: (other: number, from: string, to: string) => `Se cruza con la sesión ${other} de este módulo (de ${from} a ${to}).`,
  speakerMissing: 'Escriba el nombre del ponente.',
  speakerInvalid: 'El nombre del ponente debe empezar con una letra y no puede tener números ni signos como «=», «+», «@», «<» o «;».',
  speakerTooLong: 'El nombre del ponente es demasiado largo (máximo 200 caracteres).',
  speakerEmailMissing: 'Escriba el correo del ponente.',
  speakerEmailInvalid: 'El correo del ponente no es válido. Revíselo, por ejemplo: nombre@dominio.com.',
  speakerBusy: (module: string, date: string, from: string, to: string) =>
    `Este ponente ya tiene una sesión del módulo «${module}» el ${date}, de ${from} a ${to}. Una persona no puede estar en dos lugares a la vez.`,
} as const;

export const WORKSHOP_MESSAGES = {
  wrongRole:
    'Los módulos de talleres se organizan en la hoja «Programación Talleres Masivos». Abra el panel en esa hoja.',
  notConfigured: 'Falta configurar esta hoja: pida a la coordinación que use «Emprendimiento › Configurar esta hoja».',
  tabsMissing: 'Faltan las pestañas de talleres en esta hoja. Pida a la coordinación que use «Emprendimiento › Configurar esta hoja».',
  invalidForm: 'Revise los datos marcados: el módulo no se guardó.',
  notFound: 'No encontramos ese módulo en la pestaña «Módulos». Actualice la lista e inténtelo otra vez.',
  alreadyStarted: (when: string) =>
    `Este módulo ya no se puede editar: su primera sesión empezó el ${when}. Si algo cambió, anótelo en «Observaciones» de la hoja.`,
  notEditableState: (state: string) => `Este módulo está «${state}» y ya no se puede editar.`,
  alreadyExists:
    'Este módulo ya se había guardado con otros datos. Ábralo desde la lista «Módulos» para editarlo.',
  created: (name: string) => `Se creó el módulo «${name}» como borrador.`,
  updated: (name: string) => `Se guardaron los cambios del módulo «${name}».`,
  unchanged: (name: string) => `El módulo «${name}» ya estaba guardado así; no hubo cambios.`,
  lockBusy: 'Otra tarea está usando la hoja en este momento. Espere un minuto y vuelva a guardar el módulo.',
  empty: 'Todavía no hay módulos. Use «Nuevo módulo» para organizar el primero.',
  attendanceRule: (n: number, m: number) => `al menos ${n} de ${m} sesiones`,
} as const;

/** Lines of the 'Registro de auditoría'. */
export const WORKSHOP_AUDIT = {
  created: 'Módulo creado',
  updated: 'Módulo modificado',
  refused: 'Cambio de módulo rechazado',
  /** 'campo: antes → después' */
  change: (field: string, before: string, after: string) => `${field}: ${before || '(vacío)'} → ${after || '(vacío)'}`,
  sessionAdded: 'Sesión de módulo agregada',
  sessionChanged: 'Sesión de módulo modificada',
  sessionRemoved: 'Sesión de módulo retirada',
  sessionRemovedDetail: 'Estado: Programada → Cancelada (la fila se conserva)',
  moduleFieldsUnchanged: 'Los datos del módulo no cambiaron; cambiaron sus sesiones.',
} as const;

/** Field names as the audit line and the panel call them. */
export const MODULE_FIELD_LABELS = {
  name: 'Módulo',
  year: 'Año',
  quarter: 'Trimestre',
  audience: 'Público objetivo',
  capacity: 'Cupos',
  minSessions: 'Asistencia mínima',
  whatsappUrl: 'Grupo de WhatsApp',
  objective: 'Objetivo',
  topic: 'Tema',
  date: 'Fecha',
  startTime: 'Hora de inicio',
  endTime: 'Hora de fin',
  speaker: 'Ponente',
  speakerEmail: 'Correo del ponente',
} as const;

// ---------------------------------------------------------------------------- sessions and speakers (B02)

/** What the panel and the audit log say about speakers, events and their emails (B02). */
export const SPEAKER_MESSAGES = {
  noSessions: 'Este módulo no tiene sesiones por realizar: no hay a quién invitar.',
  lockBusy: 'Otra tarea está usando la hoja en este momento. Espere un minuto e inténtelo otra vez.',
  /** The answer of «Invitar a los ponentes». */
  summary: (c: { invited: number; already: number; events: number; waiting: number; failed: number; ambiguous: number }) =>
    [
      c.invited === 1 ? 'Se invitó a 1 ponente.' : `Se invitó a ${c.invited} ponentes.`,
      c.events > 0 ? (c.events === 1 ? 'Se creó 1 evento con Google Meet.' : `Se crearon ${c.events} eventos con Google Meet.`) : '',
      c.already > 0 ? (c.already === 1 ? '1 sesión ya tenía su invitación enviada.' : `${c.already} sesiones ya tenían su invitación enviada.`) : '',
      c.waiting > 0 ? `${c.waiting === 1 ? '1 invitación espera' : `${c.waiting} invitaciones esperan`} cupo de correo: vuelva a pulsar «Invitar a los ponentes» mañana.` : '',
      c.failed > 0 ? `${c.failed === 1 ? '1 sesión no pudo' : `${c.failed} sesiones no pudieron`} completarse; vea el «Registro de auditoría» e inténtelo otra vez.` : '',
      c.ambiguous > 0 ? `${c.ambiguous === 1 ? '1 envío quedó' : `${c.ambiguous} envíos quedaron`} interrumpido(s): revíselo(s) en la pestaña «Revisión».` : '',
    ]
      .filter(Boolean)
      .join(' '),
  declinedWarning: (sessions: readonly number[]) =>
    sessions.length === 1
      ? `El ponente de la sesión ${sessions[0]} declinó la invitación: busque un reemplazo y edite la sesión.`
      : `Los ponentes de las sesiones ${sessions.join(', ')} declinaron la invitación: busque reemplazos y edite esas sesiones.`,
  invalidSpeakerEmail: 'El correo del ponente no es válido; corríjalo editando la sesión.',
  eventFailed: (why: string) => `No se pudo crear o actualizar el evento de Google Calendar: ${why}`,
  noMeetLink: 'Google Meet todavía no dio el enlace de la sesión; vuelva a intentarlo en unos minutos.',
  mailRefused: (why: string) => `El correo al ponente fue rechazado: ${why}`,
  mailAmbiguous: (why: string) => `El envío del correo al ponente se interrumpió y no se sabe si llegó (${why}). Confírmelo con el ponente; no se reenvía automáticamente.`,
  reviewDeclined: (n: number, topic: string, date: string) =>
    `El ponente de la sesión ${n} («${topic}», ${date}) declinó la invitación en Google Calendar. Busque un reemplazo y edite la sesión en el panel.`,
} as const;

export const SPEAKER_REVIEW_KINDS = {
  declined: 'Ponente declinó',
  mailAmbiguous: 'Ponente: envío interrumpido',
} as const;

export const SPEAKER_AUDIT = {
  invited: 'Invitación al ponente',
  eventCreated: 'Evento de sesión creado',
  eventMoved: 'Evento de sesión movido',
  eventCancelled: 'Evento de sesión cancelado',
  changeTold: 'Cambio avisado al ponente',
  cancellationTold: 'Cancelación avisada al ponente',
  answer: 'Respuesta del ponente',
  answerDetail: (before: string, after: string) => `Respuesta del ponente: ${before || '(vacío)'} → ${after}`,
} as const;

/** A session as the speaker's emails and its Calendar event describe it. */
export interface SpeakerSessionText {
  moduleName: string;
  number: number;
  topic: string;
  start: Date;
  end: Date;
  speaker: string;
  meetUrl: string;
}

function timeRange(start: Date, end: Date): string {
  return `de ${formatLimaTime(start)} a ${formatLimaTime(end)} (hora de Lima)`;
}

/**
 * The session's Calendar event: what the speaker (its only guest) reads. The Calendar API renders
 * a description as HTML, so the module's name and the topic are escaped; no personal data.
 */
export const SESSION_EVENT_TEXT = {
  title: (topic: string) => `Taller «Aprende a Emprender»: ${oneLine(topic)}`,
  description: (s: { moduleName: string; number: number; topic: string }) =>
    [
      `Sesión ${s.number} del módulo «${escapeHtml(oneLine(s.moduleName))}» de los talleres «Aprende a Emprender» del Servicio de Orientación para el Emprendimiento (MTPE).`,
      `Tema: ${escapeHtml(oneLine(s.topic))}`,
      'Ponente: ingrese por el enlace de Google Meet de este evento 10 minutos antes del inicio.',
    ].join('\n'),
} as const;

/** What we expect of a speaker (the invitation lists it). */
export const SPEAKER_EXPECTATIONS = [
  'Preparar su presentación sobre el tema de la sesión (diapositivas u otro material de apoyo).',
  'Conectarse 10 minutos antes del inicio para probar el audio, el video y la presentación.',
  'Responder las preguntas de las personas inscritas al final de su exposición.',
] as const;

const SIGNATURE_HTML = html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`;
const SIGNATURE_TEXT = 'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo';

function sessionFacts(s: SpeakerSessionText): [string, string][] {
  return [
    ['Módulo', oneLine(s.moduleName)],
    ['Tema', oneLine(s.topic)],
    ['Fecha', formatLimaDate(s.start)],
    ['Hora', timeRange(s.start, s.end)],
    ['Modalidad', 'Videollamada por Google Meet'],
  ];
}

function speakerEmail(s: SpeakerSessionText, subject: string, intro: string, extra: { heading: string; items: readonly string[] } | null, closing: string, withLink: boolean): EmailMessage {
  const meetUrl = withLink ? requireUrl(s.meetUrl, 'meetUrl') : '';
  const facts = sessionFacts(s);
  const body = html`${paragraph(greeting(s.speaker))}
${paragraph(intro)}
${factsTable(facts)}
${withLink ? button(meetUrl, 'Enlace de la sesión en Google Meet') : ''}
${extra ? heading(extra.heading) : ''}
${extra ? bulletList(extra.items) : ''}
${paragraph(closing)}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([
    greeting(s.speaker),
    intro,
    facts.map(([k, v]) => `${k}: ${v}`).join('\n'),
    withLink && `Enlace de la sesión en Google Meet: ${meetUrl}`,
    extra && `${extra.heading.toUpperCase()}\n${textList(extra.items)}`,
    closing,
    SIGNATURE_TEXT,
  ]);
  return { subject, text, html: emailDocument(subject, body, `${formatLimaDate(s.start)}, ${timeRange(s.start, s.end)}`), senderName: SENDER_NAME };
}

/** The speaker's invitation: topic, date, Lima time, the Meet link, and what we expect of them. */
export function speakerInvitationEmail(s: SpeakerSessionText): EmailMessage {
  return speakerEmail(
    s,
    `Invitación como ponente: ${oneLine(s.topic)} – ${formatLimaDate(s.start)}`,
    `Le agradecemos por aceptar compartir su experiencia. Le invitamos a participar como ponente en la sesión ${s.number} del módulo «${oneLine(s.moduleName)}» de los talleres «Aprende a Emprender» del Ministerio de Trabajo y Promoción del Empleo.`,
    { heading: 'Le pedimos amablemente', items: SPEAKER_EXPECTATIONS },
    'Por favor, confirme su participación respondiendo «Sí» o «No» a la invitación de Google Calendar de esta sesión. Si no pudiera asistir, le rogamos indicarlo cuanto antes para buscar un reemplazo.',
    true,
  );
}

/** The session moved: its new date and Lima time (same Meet link). */
export function speakerChangeEmail(s: SpeakerSessionText): EmailMessage {
  return speakerEmail(
    s,
    `Cambio de fecha u hora de su sesión: ${oneLine(s.topic)}`,
    `Le informamos que la sesión ${s.number} del módulo «${oneLine(s.moduleName)}», en la que usted participa como ponente, cambió de fecha u hora. Estos son los nuevos datos; el enlace de Google Meet es el mismo.`,
    null,
    'Su calendario ya muestra el nuevo horario. Si con este cambio no pudiera asistir, le rogamos indicarlo cuanto antes respondiendo «No» a la invitación de Google Calendar. Disculpe las molestias.',
    true,
  );
}

/** The session was cancelled. */
export function speakerCancellationEmail(s: SpeakerSessionText): EmailMessage {
  return speakerEmail(
    s,
    `Sesión cancelada: ${oneLine(s.topic)}`,
    `Le informamos que la sesión ${s.number} del módulo «${oneLine(s.moduleName)}», en la que usted iba a participar como ponente, ha sido cancelada. Ya no es necesario que se conecte.`,
    null,
    'Le agradecemos sinceramente su disposición y esperamos contar con usted en una próxima oportunidad.',
    false,
  );
}
