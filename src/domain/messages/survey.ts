/**
 * A06: the satisfaction survey ("Encuesta de Satisfacción – Servicios Virtuales MTPE"), sent
 * automatically to users who were attended. The link comes prefilled with the appointment code.
 */
import { html } from '../html';
import {
  button,
  emailDocument,
  endSentence,
  greeting,
  link,
  oneLine,
  paragraph,
  REBOOK_URL,
  requireUrl,
  SENDER_NAME,
  textDocument,
  type EmailMessage,
} from './email-layout';

export const SURVEY_NAME = 'Encuesta de Satisfacción – Servicios Virtuales MTPE';

export interface SurveyEmailInput {
  fullName: string;
  surveyUrl: string;
  consultantName?: string;
  rebookUrl?: string;
}

export function surveyEmail(input: SurveyEmailInput): EmailMessage {
  const surveyUrl = requireUrl(input.surveyUrl, 'surveyUrl');
  const rebookUrl = requireUrl(input.rebookUrl ?? REBOOK_URL, 'rebookUrl');
  const consultant = oneLine(input.consultantName);
  const subject = `${SURVEY_NAME}: cuéntenos cómo le atendimos`;
  const thanks = consultant
    ? endSentence(`Gracias por su cita de orientación para el emprendimiento con ${consultant}`)
    : 'Gracias por su cita de orientación para el emprendimiento.';
  const ask =
    `Su opinión nos ayuda a mejorar. Le pedimos responder la ${SURVEY_NAME}; le tomará solo unos minutos y sus respuestas se usarán únicamente para mejorar el servicio.`;
  const more = 'Si más adelante necesita nuevamente orientación, puede reservar otra cita en la Plataforma de Servicio al Ciudadano:';
  const closing = 'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo';

  const body = html`${paragraph(greeting(input.fullName))}
${paragraph(thanks)}
${paragraph(ask)}
${button(surveyUrl, 'Responder la encuesta')}
${paragraph(html`${more} ${link(rebookUrl)}`)}
${paragraph(html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`)}`;

  const text = textDocument([
    greeting(input.fullName),
    thanks,
    ask,
    `Responda la encuesta aquí: ${surveyUrl}`,
    `${more} ${rebookUrl}`,
    closing,
  ]);
  return { subject, text, html: emailDocument(subject, body), senderName: SENDER_NAME };
}

/**
 * 'Revisión' items for survey answers that cannot be linked because their link's token is missing
 * or wrong (the form is public and codes are sequential: only the link the service sent may
 * answer for an appointment). The token itself is never written there.
 */
export const SURVEY_TOKEN_REVIEW = {
  kindMissing: 'Encuesta: sin clave de verificación',
  kindInvalid: 'Encuesta: clave no válida',
  missing: (id: string, responseId: string, answers: string) =>
    `Respuesta ${responseId}: indica la cita ${id}, pero no trae la clave de verificación del enlace enviado por correo ` +
    '(un enlace enviado antes de que existiera la clave, o una respuesta escrita a mano). No se vinculó a la cita: ' +
    `si corresponde a la persona atendida, regístrela a mano. Respuestas: ${answers}`,
  invalid: (id: string, responseId: string, answers: string) =>
    `Respuesta ${responseId}: su clave de verificación no corresponde a la cita ${id}; no se vinculó a la cita ` +
    `(puede ser una respuesta de otra persona). La respuesta de quien fue atendido se vinculará cuando llegue. Respuestas: ${answers}`,
} as const;
