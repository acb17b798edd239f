/**
 * Spanish texts of the access links before each session (B06), the second notice, the
 * correction when a session moved, and the speaker's brief (B07); the panel's answers and the
 * audit log's lines. How to join reuses the attention reminder's Meet guide (the "Cartilla
 * Usuarios – Acceder a Videollamada Google Meet", messages/reminder.ts).
 */
import { html, safeUrl } from '../html';
import { formatLimaDate, formatLimaDayMonth, formatLimaTime } from '../lima-time';
import { bulletList, button, emailDocument, factsTable, greeting, heading, oneLine, paragraph, requireUrl, SENDER_NAME, textDocument, textList, type EmailMessage } from './email-layout';
import { MEET_JOIN_STEPS } from './reminder';

export const SESSION_CLOCK_EXECUTION_KIND = 'Activador de sesiones';

/** How to join a workshop session: the Cartilla's first steps, and who lets people in. */
export const SESSION_JOIN_STEPS = [
  MEET_JOIN_STEPS[0],
  MEET_JOIN_STEPS[1],
  'Ingrese unos minutos antes de la hora, escriba su nombre completo tal como figura en su inscripción y pulse «Solicitar unirse»: el equipo del taller le dará acceso. Mantenga el micrófono apagado mientras no tenga la palabra.',
] as const;

export interface AccessMailInput {
  fullName: string;
  moduleName: string;
  number: number;
  topic: string;
  start: Date;
  end: Date;
  meetUrl: string;
  speaker: string;
  whatsappUrl: string | null;
  withdrawUrl: string | null;
}

const SIGNATURE_TEXT = 'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo';
const SIGNATURE_HTML = html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`;

function message(subject: string, body: ReturnType<typeof html>, text: string, preheader = ''): EmailMessage {
  return { subject, text, html: emailDocument(subject, body, preheader), senderName: SENDER_NAME };
}

function facts(i: AccessMailInput): [string, string][] {
  return [
    ['Taller', oneLine(i.moduleName)],
    ['Sesión', `${i.number} – ${oneLine(i.topic)}`],
    ['Fecha', formatLimaDate(i.start)],
    ['Hora', `de ${formatLimaTime(i.start)} a ${formatLimaTime(i.end)} (hora de Lima)`],
    ...(oneLine(i.speaker) ? ([['Ponente', oneLine(i.speaker)]] as [string, string][]) : []),
  ];
}

function factsText(i: AccessMailInput): string {
  return facts(i)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function withdrawLines(url: string | null): { html: ReturnType<typeof html>; text: string } {
  const what = 'Si ya no podrá participar en el taller, por favor libere su cupo para otra persona';
  return url
    ? { html: html`${paragraph(`${what}:`)}${button(url, 'Retirar mi inscripción')}`, text: `${what}: ${url}` }
    : { html: paragraph(`${what} respondiendo a este correo.`), text: `${what} respondiendo a este correo.` };
}

function accessBody(i: AccessMailInput, intro: string, subject: string): EmailMessage {
  const meetUrl = requireUrl(i.meetUrl, 'meetUrl');
  const withdraw = withdrawLines(i.withdrawUrl);
  const whatsapp = 'Grupo de WhatsApp del taller (avisos y materiales):';
  const body = html`${paragraph(greeting(i.fullName))}
${paragraph(intro)}
${factsTable(facts(i))}
${button(meetUrl, 'Unirse a la sesión')}
${heading('Cómo ingresar a la videollamada')}
${bulletList(SESSION_JOIN_STEPS)}
${i.whatsappUrl ? html`${paragraph(whatsapp)}${button(i.whatsappUrl, 'Unirme al grupo de WhatsApp')}` : ''}
${withdraw.html}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([
    greeting(i.fullName),
    intro,
    factsText(i),
    `Enlace de la sesión (Google Meet): ${meetUrl}`,
    'CÓMO INGRESAR A LA VIDEOLLAMADA\n' + textList(SESSION_JOIN_STEPS),
    i.whatsappUrl ? `${whatsapp} ${i.whatsappUrl}` : null,
    withdraw.text,
    SIGNATURE_TEXT,
  ]);
  return message(subject, body, text, `${formatLimaDayMonth(i.start)}, ${formatLimaTime(i.start)}`);
}

/** 'Enlace de acceso': the day before the session. */
export function accessLinkEmail(i: AccessMailInput): EmailMessage {
  const subject = `Enlace de acceso: sesión ${i.number} del taller «${oneLine(i.moduleName)}» – ${formatLimaDayMonth(i.start)}, ${formatLimaTime(i.start)}`;
  const intro = `Le esperamos en la sesión ${i.number} del taller virtual «${oneLine(i.moduleName)}». Este es su enlace personal de acceso a la videollamada:`;
  return accessBody(i, intro, subject);
}

/** 'Recordatorio previo': shortly before the start. */
export function secondNoticeEmail(i: AccessMailInput): EmailMessage {
  const subject = `En breve: sesión ${i.number} del taller «${oneLine(i.moduleName)}» a las ${formatLimaTime(i.start)}`;
  const intro = `Le recordamos que la sesión ${i.number} del taller virtual «${oneLine(i.moduleName)}» empieza hoy a las ${formatLimaTime(i.start)} (hora de Lima). Ingrese con este enlace:`;
  return accessBody(i, intro, subject);
}

/** 'Cambio de horario': the session moved after the person got its link. */
export function scheduleCorrectionEmail(i: AccessMailInput & { previous: string }): EmailMessage {
  const subject = `Cambio de horario: sesión ${i.number} del taller «${oneLine(i.moduleName)}» – ahora ${formatLimaDayMonth(i.start)}, ${formatLimaTime(i.start)}`;
  const intro =
    `Le informamos que la sesión ${i.number} del taller virtual «${oneLine(i.moduleName)}» cambió de horario. ` +
    `Antes le indicamos: ${oneLine(i.previous)}. El nuevo horario es el siguiente (hora de Lima); el enlace de acceso es:`;
  return accessBody(i, intro, subject);
}

export interface SpeakerBriefInput {
  speaker: string;
  moduleName: string;
  number: number;
  topic: string;
  start: Date;
  end: Date;
  meetUrl: string;
  registrants: number;
  questions: readonly string[];
  /** The check-in form's link for this session (B09), to paste in the Meet chat; null when there is none. */
  checkinUrl?: string | null;
}

/** 'Resumen al ponente': the count, the questions (no names, no contact data) and the Meet link. */
export function speakerBriefEmail(i: SpeakerBriefInput): EmailMessage {
  const meetUrl = requireUrl(i.meetUrl, 'meetUrl');
  const subject = `Resumen para su sesión del taller «${oneLine(i.moduleName)}» – ${formatLimaDayMonth(i.start)}, ${formatLimaTime(i.start)}`;
  const intro = `Gracias por acompañarnos como ponente en la sesión ${i.number} «${oneLine(i.topic)}» del taller virtual «${oneLine(i.moduleName)}». Le enviamos un resumen para prepararla:`;
  const rows: [string, string][] = [
    ['Fecha', formatLimaDate(i.start)],
    ['Hora', `de ${formatLimaTime(i.start)} a ${formatLimaTime(i.end)} (hora de Lima)`],
    ['Inscritos confirmados', String(i.registrants)],
  ];
  const qIntro =
    i.questions.length > 0
      ? `Preguntas que los inscritos escribieron para la sesión (${i.questions.length}; sin sus datos personales):`
      : 'Los inscritos no escribieron preguntas para la sesión.';
  const join = 'Ingrese unos minutos antes con el mismo enlace de la sesión; el equipo del taller le dará acceso si es necesario.';
  const checkin = i.checkinUrl ? safeUrl(i.checkinUrl, ['https:']) : null;
  const checkinText = 'Durante la sesión, comparta en el chat de Meet este enlace para que los participantes marquen su asistencia (se acepta desde poco antes del inicio hasta poco después del fin):';
  const body = html`${paragraph(greeting(i.speaker))}
${paragraph(intro)}
${factsTable(rows)}
${heading('Preguntas de los inscritos')}
${paragraph(qIntro)}
${i.questions.length ? bulletList(i.questions) : ''}
${heading('Enlace de la videollamada')}
${button(meetUrl, 'Abrir la sesión en Google Meet')}
${paragraph(join)}
${checkin ? html`${heading('Asistencia')}${paragraph(checkinText)}${button(checkin, 'Formato de asistencia')}` : ''}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([
    greeting(i.speaker),
    intro,
    rows.map(([k, v]) => `${k}: ${v}`).join('\n'),
    'PREGUNTAS DE LOS INSCRITOS\n' + qIntro + (i.questions.length ? `\n${textList(i.questions)}` : ''),
    `Enlace de la videollamada (Google Meet): ${meetUrl}`,
    join,
    checkin ? `ASISTENCIA\n${checkinText} ${checkin}` : null,
    SIGNATURE_TEXT,
  ]);
  return message(subject, body, text);
}

/** The 'Detalle' of a row the job did not send (or sent: the schedule it announced). */
export const ACCESS_NOTES = {
  invalidEmail: 'Correo no válido',
  interrupted: 'Envío interrumpido: no se sabe si llegó; no se reenvía.',
  waitingQuota: 'Esperando cupo de correos; se enviará en cuanto haya cupo.',
} as const;

export const ACCESS_AUDIT = {
  run: 'Envío de enlaces de acceso',
  ambiguous: 'Correo de sesión por revisar',
  reviewKind: 'Correo de sesión interrumpido',
  refused: 'Enlaces de acceso rechazados',
  noMeet: 'Sesión sin enlace de Meet',
  clock: 'Reloj de sesiones',
  dutyFailed: 'Tarea de sesiones con error',
} as const;

export const ACCESS_MESSAGES = {
  notTalleres: 'Los enlaces de acceso se envían desde la hoja «Programación Talleres Masivos».',
  notFound: 'No se encontró la sesión. Actualice el panel.',
  cancelled: 'La sesión está cancelada: no se envían enlaces de acceso.',
  moduleCancelled: 'El módulo está cancelado: no se envían enlaces de acceso.',
  noMeet: 'La sesión aún no tiene enlace de Meet: use «Invitar a los ponentes» para crear su evento con Meet, y vuelva a intentarlo.',
  ended: 'La sesión ya empezó o terminó: ya no se envían enlaces de acceso.',
  busy: 'En este momento se están enviando los correos de las sesiones. Vuelva a intentarlo en unos minutos.',
  lockBusy: 'La hoja está ocupada con otra operación. Vuelva a intentarlo en unos segundos.',
  reviewDetail: (what: string) => `${what}: el envío se interrumpió y no se sabe si llegó. Confirme con la persona antes de enviarlo de nuevo.`,
  noMeetDetail: (session: string) => `La sesión ${session} no tiene enlace de Meet: no se enviaron sus enlaces de acceso.`,
  summary: (c: { links: number; seconds: number; corrections: number; briefs: number; skipped: number; ambiguous: number; waiting: number; remaining: number }) => {
    const parts = [
      `${c.links} enlace(s) de acceso`,
      `${c.seconds} segundo(s) aviso(s)`,
      `${c.corrections} cambio(s) de horario`,
      `${c.briefs} resumen(es) al ponente`,
    ];
    let s = `Se enviaron ${parts.join(', ')}.`;
    if (c.skipped) s += ` ${c.skipped} no se pudieron enviar (correo no válido).`;
    if (c.ambiguous) s += ` ${c.ambiguous} quedaron por revisar.`;
    if (c.waiting) s += ` ${c.waiting} esperan cupo de correos.`;
    if (c.remaining) s += ` ${c.remaining} se enviarán en la continuación.`;
    return s;
  },
  nothing: 'No había correos de sesiones pendientes.',
  clockSummary: (ran: readonly string[], next: string | null) =>
    `${ran.length ? `Tareas ejecutadas: ${ran.join('; ')}` : 'Ninguna tarea pendiente'}. ${next ? `Próxima revisión: ${next}.` : 'No hay sesiones próximas.'}`,
  clockBusy: 'Otra ejecución del reloj de sesiones está trabajando; esta no hizo nada.',
} as const;
