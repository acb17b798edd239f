/** A05: invitation to upcoming workshops with open registration, sent during or after the attention. */
import { html } from '../html';
import {
  button,
  emailDocument,
  greeting,
  heading,
  oneLine,
  paragraph,
  requireUrl,
  SENDER_NAME,
  textDocument,
  type EmailMessage,
} from './email-layout';

export interface WorkshopOffer {
  title: string;
  /** Already written for people, e.g. 'martes 1, 8 y 15 de diciembre, de 6:00 p. m. a 8:00 p. m.' */
  dates: string;
  registrationUrl: string;
}

export interface WorkshopInvitationInput {
  fullName: string;
  workshops: readonly WorkshopOffer[];
}

export function workshopInvitationEmail(input: WorkshopInvitationInput): EmailMessage {
  if (input.workshops.length === 0) throw new Error('workshopInvitationEmail: no workshops to offer');
  const offers = input.workshops.map((w) => ({
    title: oneLine(w.title),
    dates: oneLine(w.dates),
    url: requireUrl(w.registrationUrl, 'registrationUrl'),
  }));
  const single = offers.length === 1;
  const subject = single
    ? `Invitación al taller de emprendimiento «${offers[0].title}» – MTPE`
    : 'Invitación a los próximos talleres de emprendimiento del MTPE';
  const intro = single
    ? 'Como conversamos en su cita de orientación, le invitamos a participar en el siguiente taller virtual de emprendimiento del Ministerio de Trabajo y Promoción del Empleo:'
    : 'Como conversamos en su cita de orientación, le invitamos a participar en los próximos talleres virtuales de emprendimiento del Ministerio de Trabajo y Promoción del Empleo:';
  const how = 'Para participar, inscríbase con el enlace de cada taller. Le enviaremos la confirmación y, antes de la sesión, el enlace de acceso a su correo electrónico.';
  const closing = 'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo';

  const body = html`${paragraph(greeting(input.fullName))}
${paragraph(intro)}
${offers.map(
  (o) => html`${heading(o.title)}
${paragraph(html`<strong>Fechas:</strong> ${o.dates}`)}
${button(o.url, 'Inscribirme')}`,
)}
${paragraph(how)}
${paragraph(html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`)}`;

  const text = textDocument([
    greeting(input.fullName),
    intro,
    ...offers.map((o) => `▸ ${o.title}\nFechas: ${o.dates}\nInscripción: ${o.url}`),
    how,
    closing,
  ]);
  return { subject, text, html: emailDocument(subject, body), senderName: SENDER_NAME };
}
