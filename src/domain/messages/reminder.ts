/**
 * A02: the reminder email sent the day before (with the user's Meet instructions, the
 * "Cartilla Usuarios – Acceder a Videollamada Google Meet"), and the ready-to-paste notice for
 * the platform's extranet, which has no API.
 */
import { html } from '../html';
import { formatLimaDate, formatLimaDateTime, formatLimaDayMonth, formatLimaTime } from '../lima-time';
import {
  atLimaTime,
  bulletList,
  button,
  emailDocument,
  factsTable,
  greeting,
  heading,
  link,
  oneLine,
  paragraph,
  REBOOK_URL,
  requireUrl,
  SENDER_NAME,
  textDocument,
  textList,
  type EmailMessage,
} from './email-layout';

export interface ReminderEmailInput {
  fullName: string;
  start: Date;
  meetUrl: string;
  consultantName?: string;
  rebookUrl?: string;
  toleranceMinutes?: number;
}

/** How to join from a phone or a computer (the user's Meet guide). */
export const MEET_JOIN_STEPS = [
  'Desde un celular o tableta: instale antes de la cita la aplicación gratuita Google Meet (Play Store o App Store). A la hora de la cita, toque el enlace de este correo y ábralo con la aplicación.',
  'Desde una computadora: abra el enlace en el navegador Google Chrome; no necesita instalar ningún programa. Cuando el navegador lo pida, permita el uso de la cámara y del micrófono.',
  'Ingrese unos minutos antes de la hora, escriba su nombre completo si se lo piden y pulse «Solicitar unirse»: su consultor(a) le dará acceso.',
] as const;

/** What to have ready for the attention. */
export const WHAT_TO_PREPARE = [
  'Su DNI a la mano.',
  'Un lugar tranquilo y con buena conexión a internet.',
  'Su idea de negocio o las preguntas sobre su negocio que desea consultar.',
  'Cámara y micrófono (o audífonos) funcionando, y su equipo con batería cargada.',
] as const;

export function toleranceNotice(minutes: number): string {
  return (
    `Le esperaremos hasta ${minutes} minutos después de la hora de inicio. Si no se conecta en ese tiempo, ` +
    'intentaremos comunicarnos con usted por teléfono o correo electrónico; si no logramos contactarle, ' +
    'la cita se registrará como abandonada y podrá reservar una nueva.'
  );
}

export function reminderSubject(start: Date): string {
  return `Recordatorio: su cita de orientación para el emprendimiento – ${formatLimaDayMonth(start)}, ${formatLimaTime(start)}`;
}

export function reminderEmail(input: ReminderEmailInput): EmailMessage {
  const meetUrl = requireUrl(input.meetUrl, 'meetUrl');
  const rebookUrl = requireUrl(input.rebookUrl ?? REBOOK_URL, 'rebookUrl');
  const tolerance = input.toleranceMinutes ?? 5;
  const consultant = oneLine(input.consultantName);
  const date = formatLimaDate(input.start);
  const time = `${formatLimaTime(input.start)} (hora de Lima)`;
  const subject = reminderSubject(input.start);
  const intro =
    'Le recordamos su cita virtual del Servicio de Orientación para el Emprendimiento del Ministerio de Trabajo y Promoción del Empleo.';

  const body = html`${paragraph(greeting(input.fullName))}
${paragraph(intro)}
${factsTable([
  ['Fecha', date],
  ['Hora', time],
  ['Modalidad', 'Videollamada por Google Meet'],
  ...(consultant ? ([['Le atenderá', consultant]] as const) : []),
])}
${button(meetUrl, 'Unirse a la videollamada')}
${heading('Cómo ingresar a la videollamada')}
${bulletList(MEET_JOIN_STEPS)}
${heading('Tenga listo')}
${bulletList(WHAT_TO_PREPARE)}
${heading('Tolerancia de ' + tolerance + ' minutos')}
${paragraph(toleranceNotice(tolerance))}
${heading('¿No podrá asistir?')}
${paragraph(html`Puede reservar una nueva cita en la Plataforma de Servicio al Ciudadano: ${link(rebookUrl)}`)}
${paragraph(html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`)}`;

  const text = textDocument([
    greeting(input.fullName),
    intro,
    [`Fecha: ${date}`, `Hora: ${time}`, 'Modalidad: videollamada por Google Meet', consultant && `Le atenderá: ${consultant}`]
      .filter(Boolean)
      .join('\n'),
    `Enlace de la videollamada: ${meetUrl}`,
    'CÓMO INGRESAR A LA VIDEOLLAMADA\n' + textList(MEET_JOIN_STEPS),
    'TENGA LISTO\n' + textList(WHAT_TO_PREPARE),
    `TOLERANCIA DE ${tolerance} MINUTOS\n` + toleranceNotice(tolerance),
    `¿NO PODRÁ ASISTIR?\nPuede reservar una nueva cita en la Plataforma de Servicio al Ciudadano: ${rebookUrl}`,
    'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo',
  ]);

  return { subject, text, html: emailDocument(subject, body, `${date}, ${time}`), senderName: SENDER_NAME };
}

export interface ExtranetNoticeInput {
  fullName: string;
  start: Date;
  meetUrl: string;
  toleranceMinutes?: number;
}

/**
 * The message a consultant pastes into the extranet notification (A02), plain text on one
 * paragraph: the platform shows it as typed.
 */
export function extranetNotice(input: ExtranetNoticeInput): string {
  const meetUrl = requireUrl(input.meetUrl, 'meetUrl');
  const name = oneLine(input.fullName);
  return (
    `${name ? `Estimado(a) ${name}` : 'Estimado(a) usuario(a)'}: le recordamos su cita de orientación para el emprendimiento ` +
    `el ${formatLimaDate(input.start)} ${atLimaTime(input.start)} (hora de Lima). ` +
    // A space before the period, so auto-linking does not swallow the period into the URL.
    `Conéctese a la videollamada de Google Meet con este enlace: ${meetUrl} . ` +
    'Le hemos enviado las indicaciones a su correo electrónico. ' +
    `Le esperaremos hasta ${input.toleranceMinutes ?? 5} minutos después de la hora de inicio.`
  );
}

/** Sidebar line for a reminder whose send was interrupted ('enviando' after a crash). */
export function reminderNeedsReviewNote(start: Date): string {
  return `El envío del recordatorio de la cita del ${formatLimaDateTime(start)} se interrumpió y no se sabe si llegó. Confirme con el usuario antes de volver a enviarlo.`;
}
