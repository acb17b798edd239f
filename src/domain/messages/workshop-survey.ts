/**
 * Spanish texts of the workshop survey (B08): the email each attendee gets, the panel's answers,
 * the 'Revisión' items and the audit log's lines.
 */
import { html } from '../html';
import { formatLimaDate } from '../lima-time';
import { button, emailDocument, greeting, oneLine, paragraph, requireUrl, SENDER_NAME, textDocument, type EmailMessage } from './email-layout';
import { SURVEY_NAME } from './survey';

export const WORKSHOP_SURVEY_EXECUTION_KINDS = {
  run: 'Activador de encuestas de talleres',
  submit: 'Respuesta de encuesta de taller',
} as const;

export interface WorkshopSurveyEmailInput {
  fullName: string;
  moduleName: string;
  topic: string;
  /** The session's start (for its date); null when unknown. */
  start: Date | null;
  surveyUrl: string;
}

export function workshopSurveyEmail(input: WorkshopSurveyEmailInput): EmailMessage {
  const surveyUrl = requireUrl(input.surveyUrl, 'surveyUrl');
  const topic = oneLine(input.topic);
  const moduleName = oneLine(input.moduleName);
  const subject = `${SURVEY_NAME}: sesión «${topic || moduleName || 'Aprende a Emprender'}»`;
  const when = input.start ? ` del ${formatLimaDate(input.start)}` : '';
  const thanks = `Gracias por participar en la sesión «${topic}»${when} del taller «${moduleName}».`;
  const ask = `Su opinión nos ayuda a mejorar. Le pedimos responder la ${SURVEY_NAME}; le tomará solo unos minutos y sus respuestas se usarán únicamente para mejorar los talleres.`;
  const own = 'El enlace es personal: ya viene completado con el código de la sesión y su clave. Por favor, no lo reenvíe.';
  const body = html`${paragraph(greeting(input.fullName))}
${paragraph(thanks)}
${paragraph(ask)}
${button(surveyUrl, 'Responder la encuesta')}
${paragraph(own)}
${paragraph(html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`)}`;
  const text = textDocument([
    greeting(input.fullName),
    thanks,
    ask,
    `Responda la encuesta aquí: ${surveyUrl}`,
    own,
    'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo',
  ]);
  return { subject, text, html: emailDocument(subject, body), senderName: SENDER_NAME };
}

/** The 'Detalle' of a survey row in 'Envíos de sesiones'. */
export const WORKSHOP_SURVEY_NOTES = {
  interrupted: 'Envío interrumpido: no se sabe si llegó; no se reenvía.',
  invalidEmail: 'Correo no válido',
  noForm: 'Falta el formulario de la encuesta de talleres: ejecute la configuración.',
} as const;

export const WORKSHOP_SURVEY_AUDIT = {
  run: 'Encuestas de talleres',
  sent: 'Encuesta de taller enviada',
  ambiguous: 'Encuesta de taller por revisar',
  waiting: 'Encuestas de talleres en espera de cupo',
  continuation: 'Continuación programada',
  refused: 'Encuesta de taller no enviada',
  linked: 'Respuesta de encuesta de taller registrada',
  forReview: 'Respuesta de encuesta de taller por revisar',
  formCreated: 'Formulario de encuesta de talleres creado',
  formRepaired: 'Formulario de encuesta de talleres completado',
  triggerInstalled: 'Activador de encuesta de talleres instalado',
  participants: 'Participantes de la sesión',
} as const;

/** 'Revisión' kinds and details of answers that cannot be linked (the token is never written there). */
export const WORKSHOP_SURVEY_REVIEW = {
  interruptedKind: 'Encuesta de taller interrumpida',
  interrupted: (sessionId: string, registrationId: string) =>
    `La encuesta de la sesión ${sessionId} para la inscripción ${registrationId} se interrumpió durante el envío: no se sabe si llegó. No se reenvía automáticamente.`,
  unknownSessionKind: 'Encuesta de taller: sesión desconocida',
  missingTokenKind: 'Encuesta de taller: sin clave de verificación',
  invalidTokenKind: 'Encuesta de taller: clave no válida',
  alreadyAnsweredKind: 'Encuesta de taller: ya respondida',
  unknownSession: (code: string, responseId: string, answers: string) =>
    `Respuesta ${responseId}: el código de sesión «${code || '(vacío)'}» no corresponde a ninguna sesión. No se registró; si corresponde, regístrela a mano. Respuestas: ${answers}`,
  missingToken: (sessionId: string, responseId: string, answers: string) =>
    `Respuesta ${responseId}: indica la sesión ${sessionId}, pero no trae la clave de verificación del enlace enviado por correo. No se registró en «Encuestas de talleres». Respuestas: ${answers}`,
  invalidToken: (sessionId: string, responseId: string, answers: string) =>
    `Respuesta ${responseId}: su clave de verificación no corresponde a ninguna persona encuestada de la sesión ${sessionId} (puede ser una respuesta de otra persona o un enlace modificado). No se registró. Respuestas: ${answers}`,
  alreadyAnswered: (sessionId: string, registrationId: string, first: string, responseId: string, answers: string) =>
    `Respuesta ${responseId}: la inscripción ${registrationId} ya respondió la encuesta de la sesión ${sessionId} (respuesta ${first}); se conserva la primera. Respuestas de la segunda: ${answers}`,
} as const;

export const WORKSHOP_SURVEY_MESSAGES = {
  notTalleres: 'Las encuestas de los talleres se envían desde la hoja «Programación Talleres Masivos».',
  sessionNotFound: 'No se encontró la sesión. Actualice la vista del módulo.',
  cancelled: 'La sesión está cancelada: no se envía la encuesta.',
  noEnd: 'La sesión no tiene fecha y hora de fin: complete su fecha y horario.',
  notYet: (end: string) => `La sesión aún no termina (termina ${end}): la encuesta se podrá enviar después.`,
  noForm: 'Aún no existe el formulario de la encuesta de talleres: ejecute la configuración (menú Emprendimiento → Configuración).',
  lockBusy: 'Otra persona está guardando cambios en este momento. Intente de nuevo en unos segundos.',
  anotherRunWorking: 'Otro envío de encuestas está en curso; vuelva a intentarlo en unos minutos.',
  nobodyPresent: 'Nadie figura como asistente de esta sesión todavía: marque la asistencia y vuelva a enviar.',
  sessionSummary: (p: { sent: number; already: number; waiting: number; ambiguous: number; noAddress: number; participants: number }) => {
    const parts = [`Encuesta: ${p.sent} ${p.sent === 1 ? 'enviada ahora' : 'enviadas ahora'}`];
    if (p.already) parts.push(`${p.already} ya la habían recibido`);
    if (p.waiting) parts.push(`${p.waiting} esperan cupo de correo o continúan en segundo plano`);
    if (p.ambiguous) parts.push(`${p.ambiguous} por revisar`);
    if (p.noAddress) parts.push(`${p.noAddress} sin correo`);
    return `${parts.join('; ')}. Participantes: ${p.participants}.`;
  },
  runSummary: (p: { sessions: number; sent: number; ambiguous: number; waiting: number; remaining: number; noAddress: number; linked: number }) => {
    const parts = [`${p.sent} ${p.sent === 1 ? 'encuesta enviada' : 'encuestas enviadas'} (${p.sessions} ${p.sessions === 1 ? 'sesión' : 'sesiones'}).`];
    if (p.ambiguous) parts.push(`${p.ambiguous} por revisar.`);
    if (p.waiting) parts.push(`${p.waiting} esperan cupo de correo.`);
    if (p.remaining) parts.push(`${p.remaining} continúan en un minuto.`);
    if (p.noAddress) parts.push(`${p.noAddress} asistentes sin correo.`);
    if (p.linked) parts.push(`${p.linked} respuestas pendientes registradas.`);
    return parts.join(' ');
  },
  waitingForQuota: (n: number, when: string) => `${n} ${n === 1 ? 'encuesta espera' : 'encuestas esperan'} cupo de correo; el envío sigue ${when}.`,
  continuation: (minutes: number) => `El envío de encuestas continúa en ${minutes} minuto(s).`,
  formFailed: (why: string) => `No se pudo completar el formulario de la encuesta de talleres (${why}). Vuelva a ejecutar la configuración.`,
  participants: (sessionId: string, n: number) => `Sesión ${sessionId}: ${n} ${n === 1 ? 'participante' : 'participantes'}.`,
} as const;
