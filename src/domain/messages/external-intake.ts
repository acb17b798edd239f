/**
 * What the institutions and the consultants read about a request's intake (C01): the
 * acknowledgment (once per request), the what-to-fix answer to a response that could not be taken
 * and the polite "already in process" answer to a repeated one (at most one of these per
 * response), the audit's actions, the 'Revisión' items. Sent by src/app/external/intake.ts.
 */
import type { ExternalRequest } from '../external/request';
import { html } from '../html';
import { formatLimaDate, limaStartOfDay } from '../lima-time';
import { bulletList, button, emailDocument, factsTable, greeting, oneLine, paragraph, SENDER_NAME, textDocument, textList, type EmailMessage } from './email-layout';

const SIGNATURE_TEXT = 'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo';
const SIGNATURE_HTML = html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`;

/** The execution's kind (audit, logs). */
export const EXTERNAL_INTAKE_EXECUTION_KIND = 'Solicitud de taller externo';

/** What the acknowledgment repeats of the request (as validated: src/domain/external/request.ts). */
export type RequestSummary = { requestId: string } & Pick<
  ExternalRequest,
  'institution' | 'contactName' | 'topic' | 'option1Date' | 'option1Time' | 'option2Date' | 'option2Time' | 'expected' | 'modality'
>;

function message(subject: string, body: ReturnType<typeof html>, text: string): EmailMessage {
  return { subject, text, html: emailDocument(subject, body), senderName: SENDER_NAME };
}

/** 'martes 12 de enero de 2027, 10:00 (hora de Lima)' from the form's date key and 'HH:mm'. */
export function preferredSlot(dateKey: string, time: string): string {
  let day = dateKey;
  try {
    day = formatLimaDate(limaStartOfDay(dateKey));
  } catch {
    day = dateKey;
  }
  return `${day}, ${oneLine(time)} (hora de Lima)`;
}

function facts(s: RequestSummary): [string, string][] {
  return [
    ['N.° de solicitud', s.requestId],
    ['Institución', oneLine(s.institution)],
    ['Tema', oneLine(s.topic)],
    ['Opción 1', preferredSlot(s.option1Date, s.option1Time)],
    ['Opción 2', preferredSlot(s.option2Date, s.option2Time)],
    ['Participantes esperados', String(s.expected)],
    ['Modalidad', oneLine(s.modality)],
  ];
}

/** The acknowledgment of a new request: what we received and what comes next. */
export function requestAckEmail(s: RequestSummary): EmailMessage {
  const subject = `Recibimos su solicitud de taller (${s.requestId}) – MTPE`;
  const intro = `Gracias por su interés en los talleres de emprendimiento del Ministerio de Trabajo y Promoción del Empleo. Recibimos la solicitud de ${oneLine(s.institution)} con estos datos:`;
  const next =
    'Evaluaremos la solicitud y le escribiremos a este correo con la respuesta: si se aprueba, con la fecha y la hora del taller y el enlace de inscripción para sus participantes. ' +
    'Si necesita cambiar algún dato, envíe el formulario otra vez con el mismo RUC, tema y fechas: actualizaremos esta solicitud.';
  const body = html`${paragraph(greeting(s.contactName))}
${paragraph(intro)}
${factsTable(facts(s))}
${paragraph(next)}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([greeting(s.contactName), intro, facts(s).map(([k, v]) => `${k}: ${v}`).join('\n'), next, SIGNATURE_TEXT]);
  return message(subject, body, text);
}

/** The response could not be taken: what to fix, and the form's link to send it again. */
export function requestFixEmail(i: { contactName: string; institution: string; problems: readonly string[]; formUrl: string | null }): EmailMessage {
  const subject = 'Su solicitud de taller al MTPE necesita una corrección';
  const who = oneLine(i.institution);
  const intro = `Recibimos su formulario de solicitud de taller${who ? ` de ${who}` : ''}, pero no pudimos registrarlo por lo siguiente:`;
  const again = i.formUrl
    ? 'Por favor, envíe el formulario otra vez con los datos corregidos:'
    : 'Por favor, envíe el formulario otra vez, desde el mismo enlace, con los datos corregidos.';
  const body = html`${paragraph(greeting(i.contactName))}
${paragraph(intro)}
${bulletList(i.problems)}
${paragraph(again)}
${i.formUrl ? button(i.formUrl, 'Enviar la solicitud otra vez') : ''}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([greeting(i.contactName), intro, textList(i.problems), i.formUrl ? `${again} ${i.formUrl}` : again, SIGNATURE_TEXT]);
  return message(subject, body, text);
}

/** The same request again once it is past 'Recibida': it is already being processed. */
export function requestInProcessEmail(i: { contactName: string; requestId: string; institution: string; topic: string; state: string }): EmailMessage {
  const subject = `Su solicitud de taller (${i.requestId}) ya está en trámite – MTPE`;
  const intro =
    `Recibimos nuevamente el formulario de ${oneLine(i.institution)} para el taller «${oneLine(i.topic)}» en las mismas fechas. ` +
    `Esa solicitud ya está en trámite (estado: ${oneLine(i.state).toLowerCase()}), por lo que no registramos una nueva.`;
  const next = 'Si necesita cambiar algún dato, responda a este correo y un consultor del Servicio le ayudará. Le escribiremos con la respuesta.';
  const body = html`${paragraph(greeting(i.contactName))}
${paragraph(intro)}
${paragraph(next)}
${paragraph(SIGNATURE_HTML)}`;
  return message(subject, body, textDocument([greeting(i.contactName), intro, next, SIGNATURE_TEXT]));
}

export const EXTERNAL_INTAKE_AUDIT = {
  formCreated: 'Formulario de solicitudes externas creado',
  formRepaired: 'Formulario de solicitudes externas reparado',
  triggerInstalled: 'Registro automático de solicitudes externas activado',
  received: 'Solicitud externa recibida',
  updated: 'Solicitud externa actualizada',
  repeated: 'Solicitud externa repetida',
  forReview: 'Solicitud externa por revisar',
  mailFailed: 'Correo de solicitud externa no enviado',
  retried: 'Acuse de solicitud externa enviado en un nuevo intento',
} as const;

export const EXTERNAL_INTAKE_MESSAGES = {
  triggerInstalled: 'Se activó el registro automático de las solicitudes de taller que llegan por el formulario de instituciones.',
  formFailed: (reason: string) =>
    `No se pudo preparar el formulario de solicitudes de taller para instituciones (${reason}). Vuelva a ejecutar «Configurar esta hoja»; lo ya hecho se conserva.`,
  busy: (responseId: string) => `Solicitud externa: la hoja estaba ocupada; la respuesta ${responseId} se registrará en unos minutos.`,
  receivedDetail: (responseId: string, acked: boolean) => `Respuesta ${responseId}. ${acked ? 'Acuse de recibo enviado.' : 'El acuse de recibo no salió: queda indicado en la fila.'}`,
  updatedDetail: (responseId: string) => `Una nueva respuesta (${responseId}) de la misma institución, tema y fechas actualizó los datos de la solicitud.`,
  repeatedDetail: (responseId: string, state: string) => `Respuesta ${responseId}: la misma solicitud ya está en estado «${state}»; se avisó a la institución que está en trámite.`,
  retriedDetail: 'El acuse de recibo que no había salido se envió ahora.',
} as const;

export const EXTERNAL_INTAKE_REVIEW = {
  kindInvalid: 'Solicitud externa con datos por corregir',
  kindRepeated: 'Solicitud externa repetida',
  invalid: (responseId: string, problems: readonly string[], told: 'sent' | 'noAddress' | 'notSent', raw: string) =>
    `Respuesta ${responseId}: ${problems.join(' ')} ${
      told === 'sent'
        ? 'Se pidió a la institución corregir y enviar de nuevo.'
        : told === 'noAddress'
          ? 'El correo no era válido: no se pudo avisar a la institución.'
          : 'El correo que pide la corrección no salió o no se sabe si salió (vea el registro de auditoría): avise a la institución si hace falta.'
    } Respuestas: ${raw}`,
  repeated: (responseId: string, requestId: string, state: string, raw: string) =>
    `Respuesta ${responseId}: repite la solicitud ${requestId} (estado «${state}»), que ya no se actualiza sola. Se avisó a la institución que está en trámite. Si algo cambió, corríjalo a mano en «Solicitudes externas». Respuestas: ${raw}`,
} as const;
