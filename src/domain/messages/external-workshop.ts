/**
 * What people read about an approved external workshop (C02–C04): the approval email to the
 * institution's contact (date and Lima time, topic, speaker, the registration link to share, the
 * places, what happens next), the thanks after the session with the attendance count, the
 * module's name and audience, the notes and review items a consultant reads, and the audit lines.
 * Spanish (Peru), polite, Lima time.
 */
import { html } from '../html';
import { formatLimaDate, formatLimaTime } from '../lima-time';
import { bulletList, button, emailDocument, factsTable, greeting, heading, oneLine, paragraph, requireUrl, SENDER_NAME, textDocument, textList, type EmailMessage } from './email-layout';

const SIGNATURE_TEXT = 'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo';
const SIGNATURE_HTML = html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`;

/** Execution kind of the job's triggers (the audit log's 'Ejecución' column). */
export const EXTERNAL_WORKSHOP_EXECUTION_KIND = 'Activador de talleres externos';

export const EXTERNAL_WORKSHOP_TEXT = {
  /** 'Taller externo: Plan de negocios – CETPRO San Martín (12/03)' */
  moduleName: (topic: string, institution: string, dayMonth: string) => `Taller externo: ${topic} – ${institution} (${dayMonth})`,
  audience: (institution: string) => `Participantes de ${institution}`,
} as const;

function timeRange(start: Date, end: Date): string {
  return `de ${formatLimaTime(start)} a ${formatLimaTime(end)} (hora de Lima)`;
}

export interface ExternalApprovalMailInput {
  contactName: string;
  institution: string;
  topic: string;
  speaker: string;
  start: Date;
  end: Date;
  registrationUrl: string;
  capacity: number;
  certificates: boolean;
}

/** The approval told to the institution's contact, once (sendOnce 'decision-solicitud'). */
export function externalApprovalEmail(i: ExternalApprovalMailInput): EmailMessage {
  const url = requireUrl(i.registrationUrl, 'registrationUrl');
  const topic = oneLine(i.topic);
  const institution = oneLine(i.institution);
  const subject = `Taller aprobado: «${topic}» – ${formatLimaDate(i.start)}`;
  const intro = `Nos complace informarle que su solicitud de un taller de emprendimiento para ${institution} ha sido aprobada. Estos son los datos del taller virtual:`;
  const facts: [string, string][] = [
    ['Tema', topic],
    ['Fecha', formatLimaDate(i.start)],
    ['Hora', timeRange(i.start, i.end)],
    ['Ponente', oneLine(i.speaker)],
    ['Vacantes', `${i.capacity}`],
    ['Modalidad', 'Virtual, por Google Meet'],
  ];
  const share =
    'Le pedimos compartir el siguiente enlace de inscripción con las personas de su institución que participarán. Cada participante debe inscribirse con sus propios datos; las vacantes se asignan por orden de inscripción.';
  const next = [
    'Cada inscrito recibe la confirmación de su inscripción por correo.',
    'El día anterior al taller, cada inscrito recibe el enlace de acceso a la sesión.',
    'Al terminar, los asistentes reciben una breve encuesta de satisfacción.',
    i.certificates
      ? 'Los asistentes que cumplan la asistencia reciben su certificado por correo.'
      : 'Este taller no emite certificados.',
    'Después del taller le enviaremos el número de asistentes.',
  ];
  const closing = 'Si tiene alguna consulta, puede responder a este correo. Muchas gracias por su confianza.';
  const body = html`${paragraph(greeting(i.contactName))}
${paragraph(intro)}
${factsTable(facts)}
${paragraph(share)}
${button(url, 'Enlace de inscripción al taller')}
${heading('Qué sigue')}
${bulletList(next)}
${paragraph(closing)}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([
    greeting(i.contactName),
    intro,
    facts.map(([k, v]) => `${k}: ${v}`).join('\n'),
    share,
    `Enlace de inscripción: ${url}`,
    `QUÉ SIGUE\n${textList(next)}`,
    closing,
    SIGNATURE_TEXT,
  ]);
  return { subject, text, html: emailDocument(subject, body, `${formatLimaDate(i.start)}, ${timeRange(i.start, i.end)}`), senderName: SENDER_NAME };
}

export interface ExternalThanksMailInput {
  contactName: string;
  institution: string;
  topic: string;
  start: Date;
  attendees: number;
  registered: number;
  certificates: boolean;
}

/** After the session: the attendance count and our thanks, once (sendOnce 'agradecimiento-institucion'). */
export function externalThanksEmail(i: ExternalThanksMailInput): EmailMessage {
  const topic = oneLine(i.topic);
  const institution = oneLine(i.institution);
  const subject = `Gracias por el taller «${topic}»: ${i.attendees} ${i.attendees === 1 ? 'asistente' : 'asistentes'}`;
  const intro = `Le agradecemos sinceramente por confiar en el Servicio de Orientación para el Emprendimiento y por la participación de ${institution} en el taller «${topic}» del ${formatLimaDate(i.start)}.`;
  const facts: [string, string][] = [
    ['Inscritos', `${i.registered}`],
    ['Asistentes', `${i.attendees}`],
  ];
  const after = i.certificates
    ? 'Los asistentes que cumplieron la asistencia reciben su certificado por correo, junto con un enlace para verificarlo.'
    : 'Como se acordó, este taller no emite certificados.';
  const closing = 'Será un gusto acompañar nuevamente a su institución. Si desea otro taller, puede solicitarlo por el mismo formulario.';
  const body = html`${paragraph(greeting(i.contactName))}
${paragraph(intro)}
${factsTable(facts)}
${paragraph(after)}
${paragraph(closing)}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([greeting(i.contactName), intro, facts.map(([k, v]) => `${k}: ${v}`).join('\n'), after, closing, SIGNATURE_TEXT]);
  return { subject, text, html: emailDocument(subject, body), senderName: SENDER_NAME };
}

/** Notes on the request's 'Detalle', review items and the job's summaries. */
export const EXTERNAL_WORKSHOP_MESSAGES = {
  moduleInvalid: (why: string) => `El taller no se pudo programar con la propuesta aprobada: ${why} Corrija el dato o coordine una nueva fecha.`,
  fieldProblems: (list: readonly string[]) => list.join(' '),
  missingProposal: 'La solicitud aprobada no tiene fecha, hora o ponente propuestos.',
  eventProblem: (why: string) => `No se pudo crear el evento con Google Meet de la sesión: ${why}`,
  registrationProblem: (why: string) => `No se pudo abrir la inscripción del taller: ${why}`,
  mailAmbiguous: (why: string) => `No se sabe si el correo de aprobación llegó a la institución (${why}). Confirme con la institución antes de reenviarlo.`,
  thanksAmbiguous: (why: string) => `No se sabe si el agradecimiento llegó a la institución (${why}). Confirme con la institución antes de reenviarlo.`,
  mailRefused: (why: string) => `El correo a la institución fue rechazado: ${why}`,
  busy: 'Otra ejecución de los talleres externos está en curso; esta no hizo nada.',
  summary: (r: { scheduled: number; waiting: number; failed: number; advanced: number }) =>
    `${r.scheduled} taller(es) programado(s), ${r.advanced} solicitud(es) avanzada(s) tras la sesión, ${r.waiting} en espera, ${r.failed} con problemas.`,
  dutyName: 'Taller externo realizado',
} as const;

export const EXTERNAL_WORKSHOP_REVIEW = {
  notScheduled: 'Taller externo sin programar',
  mailAmbiguous: 'Correo a institución por confirmar',
} as const;

export const EXTERNAL_WORKSHOP_AUDIT = {
  run: 'Talleres externos',
  module: 'Taller externo: módulo',
  event: 'Taller externo: evento y ponente',
  registration: 'Taller externo: inscripción',
  approvalMail: 'Taller externo: aviso a la institución',
  scheduled: 'Taller externo: programado',
  held: 'Taller externo: realizado',
  thanks: 'Taller externo: agradecimiento',
  closed: 'Taller externo: cerrado',
  failed: 'Taller externo: error',
} as const;
