/** A03: the email telling a user their appointment was registered as abandoned, with the way back. */
import { html } from '../html';
import { formatLimaDate, formatLimaDayMonth } from '../lima-time';
import {
  atLimaTime,
  button,
  emailDocument,
  endSentence,
  greeting,
  oneLine,
  paragraph,
  REBOOK_URL,
  requireUrl,
  SENDER_NAME,
  textDocument,
  type EmailMessage,
} from './email-layout';

export interface AbandonmentEmailInput {
  fullName: string;
  start: Date;
  /**
   * The reason from the list (ABANDON_REASONS). Pass the listed reason, not the consultant's
   * free-text detail: the detail is an internal note and the citizen reads this email.
   */
  reason?: string;
  rebookUrl?: string;
}

export function abandonmentEmail(input: AbandonmentEmailInput): EmailMessage {
  const rebookUrl = requireUrl(input.rebookUrl ?? REBOOK_URL, 'rebookUrl');
  const reason = oneLine(input.reason);
  const when = `${formatLimaDate(input.start)} ${atLimaTime(input.start)} (hora de Lima)`;
  const subject = `Su cita de orientación para el emprendimiento del ${formatLimaDayMonth(input.start)} no se realizó`;
  const what =
    // Neutral on purpose: some reasons ('Reprogramará su cita') follow a conversation with the user.
    `Le esperamos para su cita virtual del ${when}, pero la atención no pudo realizarse, ` +
    'por lo que la cita se registró como abandonada.';
  const reasonLine = reason ? `Motivo registrado: ${endSentence(reason)}` : '';
  const invite =
    'Si aún desea recibir orientación para iniciar o mejorar su negocio, puede reservar una nueva cita cuando lo necesite en la Plataforma de Servicio al Ciudadano. Será un gusto atenderle.';
  const closing = 'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo';

  const body = html`${paragraph(greeting(input.fullName))}
${paragraph(what)}
${reason ? paragraph(html`<strong>Motivo registrado:</strong> ${endSentence(reason)}`) : ''}
${paragraph(invite)}
${button(rebookUrl, 'Reservar una nueva cita')}
${paragraph(html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`)}`;

  const text = textDocument([
    greeting(input.fullName),
    what,
    reasonLine,
    invite,
    `Reserve una nueva cita aquí: ${rebookUrl}`,
    closing,
  ]);
  return { subject, text, html: emailDocument(subject, body), senderName: SENDER_NAME };
}
