/**
 * Emails of registration to a module (B05): confirmation, waiting list, promotion from the
 * waiting list, "please fix your registration" and "registration is closed". Each is sent once
 * (app/workshops/registration.ts). Dates and times are Lima's; the withdrawal link (the web app)
 * is in every email of a registration that holds or waits for a place, or, where the web app is
 * not deployed, the person is asked to reply to the email instead.
 */
import { html } from '../html';
import { formatLimaDate, formatLimaTime } from '../lima-time';
import { bulletList, button, emailDocument, greeting, heading, oneLine, paragraph, SENDER_NAME, textDocument, textList, type EmailMessage } from './email-layout';

export interface SessionLine {
  number: number;
  topic: string;
  start: Date;
  end: Date;
}

export interface RegistrationMailInput {
  fullName: string;
  moduleName: string;
  sessions: readonly SessionLine[];
  /** The module's WhatsApp group, when it has one (a safe https link). */
  whatsappUrl: string | null;
  /** The person's signed withdrawal link; null when the web app is not deployed. */
  withdrawUrl: string | null;
}

const SIGNATURE_TEXT = 'Atentamente,\nServicio de Orientación para el Emprendimiento\nMinisterio de Trabajo y Promoción del Empleo';
const SIGNATURE_HTML = html`Atentamente,<br>Servicio de Orientación para el Emprendimiento<br>Ministerio de Trabajo y Promoción del Empleo`;

/** 'Sesión 1 – Plan de negocios: martes 12 de enero de 2027, de 6:00 p. m. a 8:00 p. m.' */
export function sessionLine(s: SessionLine): string {
  return `Sesión ${s.number} – ${oneLine(s.topic)}: ${formatLimaDate(s.start)}, de ${formatLimaTime(s.start)} a ${formatLimaTime(s.end)}`;
}

const HOW_TO_JOIN =
  'Las sesiones son virtuales, por Google Meet. Un día antes de cada sesión le enviaremos a este correo el enlace de acceso. ' +
  'Le recomendamos conectarse desde una computadora o un celular con buena conexión, unos minutos antes de la hora.';

function withdrawText(url: string | null, waiting: boolean): string {
  const what = waiting ? 'Si ya no desea esperar un cupo' : 'Si no podrá participar, libere su cupo para otra persona';
  return url ? `${what} con este enlace: ${url}` : `${what} respondiendo a este correo.`;
}

function withdrawBlock(url: string | null, waiting: boolean) {
  const what = waiting ? 'Si ya no desea esperar un cupo, puede retirarse de la lista:' : 'Si no podrá participar, por favor libere su cupo para otra persona:';
  return url ? html`${paragraph(what)}${button(url, waiting ? 'Salir de la lista de espera' : 'Retirar mi inscripción')}` : paragraph(`${what.replace(/:$/, '')} respondiendo a este correo.`);
}

function detailsHtml(i: RegistrationMailInput) {
  return html`${heading(i.moduleName)}
${bulletList(i.sessions.map((s) => sessionLine(s)))}`;
}

function message(subject: string, body: ReturnType<typeof html>, text: string): EmailMessage {
  return { subject, text, html: emailDocument(subject, body), senderName: SENDER_NAME };
}

/** Confirmed: the module, its sessions, how to join, WhatsApp, how to withdraw. */
export function registrationConfirmedEmail(i: RegistrationMailInput): EmailMessage {
  const name = oneLine(i.moduleName);
  const subject = `Inscripción confirmada: taller «${name}» – MTPE`;
  const intro = `Su inscripción en el taller virtual «${name}» está confirmada. Estas son sus sesiones (hora de Lima):`;
  const whatsapp = i.whatsappUrl ? 'Únase también al grupo de WhatsApp del taller, donde compartiremos avisos y materiales:' : '';
  const body = html`${paragraph(greeting(i.fullName))}
${paragraph(intro)}
${detailsHtml(i)}
${paragraph(HOW_TO_JOIN)}
${i.whatsappUrl ? html`${paragraph(whatsapp)}${button(i.whatsappUrl, 'Unirme al grupo de WhatsApp')}` : ''}
${withdrawBlock(i.withdrawUrl, false)}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([
    greeting(i.fullName),
    intro,
    textList(i.sessions.map(sessionLine)),
    HOW_TO_JOIN,
    i.whatsappUrl ? `${whatsapp} ${i.whatsappUrl}` : null,
    withdrawText(i.withdrawUrl, false),
    SIGNATURE_TEXT,
  ]);
  return message(subject, body, text);
}

/** On the waiting list, with the position it had when registering. */
export function registrationWaitingEmail(i: RegistrationMailInput & { position: number }): EmailMessage {
  const name = oneLine(i.moduleName);
  const subject = `Lista de espera: taller «${name}» – MTPE`;
  const intro =
    `Gracias por inscribirse en el taller virtual «${name}». Por ahora todos los cupos están ocupados: ` +
    `usted está en la lista de espera, en el lugar ${i.position}. Si se libera un cupo, le escribiremos para confirmarle su inscripción; no necesita hacer nada más.`;
  const body = html`${paragraph(greeting(i.fullName))}
${paragraph(intro)}
${detailsHtml(i)}
${withdrawBlock(i.withdrawUrl, true)}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([greeting(i.fullName), intro, `${name}\n${textList(i.sessions.map(sessionLine))}`, withdrawText(i.withdrawUrl, true), SIGNATURE_TEXT]);
  return message(subject, body, text);
}

/** A place freed up: they are now confirmed. */
export function registrationPromotedEmail(i: RegistrationMailInput): EmailMessage {
  const name = oneLine(i.moduleName);
  const subject = `Se liberó un cupo: su inscripción en «${name}» está confirmada – MTPE`;
  const intro = `Buenas noticias: se liberó un cupo en el taller virtual «${name}» y su inscripción, que estaba en lista de espera, ahora está confirmada. Estas son sus sesiones (hora de Lima):`;
  const body = html`${paragraph(greeting(i.fullName))}
${paragraph(intro)}
${detailsHtml(i)}
${paragraph(HOW_TO_JOIN)}
${i.whatsappUrl ? html`${paragraph('Grupo de WhatsApp del taller:')}${button(i.whatsappUrl, 'Unirme al grupo de WhatsApp')}` : ''}
${withdrawBlock(i.withdrawUrl, false)}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([
    greeting(i.fullName),
    intro,
    textList(i.sessions.map(sessionLine)),
    HOW_TO_JOIN,
    i.whatsappUrl ? `Grupo de WhatsApp del taller: ${i.whatsappUrl}` : null,
    withdrawText(i.withdrawUrl, false),
    SIGNATURE_TEXT,
  ]);
  return message(subject, body, text);
}

/** The response could not be taken: what to fix, and the link to send it again. */
export function registrationFixEmail(i: { fullName: string; problems: readonly string[]; formUrl: string | null }): EmailMessage {
  const subject = 'Su inscripción a los talleres del MTPE necesita una corrección';
  const intro = 'Recibimos su formulario de inscripción a los talleres «Aprende a Emprender», pero no pudimos registrarlo por lo siguiente:';
  const again = i.formUrl
    ? 'Por favor, envíe el formulario otra vez con los datos corregidos:'
    : 'Por favor, envíe el formulario otra vez, desde el mismo enlace, con los datos corregidos.';
  const body = html`${paragraph(greeting(i.fullName))}
${paragraph(intro)}
${bulletList(i.problems)}
${paragraph(again)}
${i.formUrl ? button(i.formUrl, 'Inscribirme otra vez') : ''}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([greeting(i.fullName), intro, textList(i.problems), i.formUrl ? `${again} ${i.formUrl}` : again, SIGNATURE_TEXT]);
  return message(subject, body, text);
}

/** The module's registration is closed (started, or not open). */
export function registrationClosedEmail(i: { fullName: string; moduleName: string }): EmailMessage {
  const name = oneLine(i.moduleName);
  const subject = `La inscripción al taller «${name}» está cerrada – MTPE`;
  const intro =
    `Recibimos su formulario de inscripción al taller «${name}», pero su inscripción ya está cerrada, por lo que no pudimos registrarle. ` +
    'Le invitamos a inscribirse en los próximos talleres «Aprende a Emprender»: los anunciamos en las redes del Ministerio de Trabajo y Promoción del Empleo.';
  const body = html`${paragraph(greeting(i.fullName))}
${paragraph(intro)}
${paragraph(SIGNATURE_HTML)}`;
  return message(subject, body, textDocument([greeting(i.fullName), intro, SIGNATURE_TEXT]));
}

// ---------------------------------------------------------------------------- panel, audit, review

export const REGISTRATION_AUDIT = {
  formCreated: 'Formulario de inscripción creado',
  formRepaired: 'Formulario de inscripción reparado',
  triggerInstalled: 'Inscripción automática activada',
  opened: 'Inscripción abierta',
  confirmed: 'Inscripción confirmada',
  waiting: 'Inscripción en lista de espera',
  updated: 'Inscripción actualizada',
  forReview: 'Inscripción por revisar',
  withdrawn: 'Inscripción retirada',
  annulled: 'Inscripción anulada',
  promoted: 'Cupo asignado desde la lista de espera',
  mailFailed: 'Correo de inscripción no enviado',
  retried: 'Correo de inscripción enviado en un nuevo intento',
  choicesSynced: 'Talleres del formulario de inscripción actualizados',
  scheduleTold: 'Cambio de horario avisado a los inscritos',
} as const;

export const REGISTRATION_MESSAGES = {
  triggerInstalled: 'Se activó el registro automático de las inscripciones que llegan por el formulario.',
  noForm: 'Aún no existe el formulario de inscripción: ejecute «Configurar esta hoja» (Emprendimiento › Configuración) en esta hoja.',
  unknownModule: 'No se encontró ese módulo. Actualice la lista e inténtelo de nuevo.',
  cancelled: 'El módulo está cancelado: no se puede abrir su inscripción.',
  noSessions: 'El módulo no tiene sesiones programadas: agréguelas antes de abrir la inscripción.',
  alreadyStarted: 'La primera sesión del módulo ya empezó: la inscripción ya no se puede abrir.',
  noCapacity: 'Indique los cupos del módulo (un número mayor que 0) antes de abrir la inscripción.',
  opened: (name: string) => `Se abrió la inscripción del módulo «${name}». Su enlace de inscripción está en la pestaña «Módulos» y en el panel.`,
  linkRefreshed: (name: string) => `La inscripción del módulo «${name}» ya estaba abierta; su enlace se actualizó.`,
  updatedDetail: (responseId: string) => `Una nueva respuesta (${responseId}) actualizó los datos; se mantiene su lugar.`,
  closedDetail: (name: string) => `Respuesta para un módulo sin inscripción abierta${name ? ` («${name}»)` : ''}.`,
  placedDetail: (name: string, responseId: string, told: boolean) =>
    `Módulo «${name}», respuesta ${responseId}. ${told ? 'Correo enviado.' : 'El correo no salió: queda indicado en la fila.'}`,
  promotedDetail: (name: string, told: boolean) => `Módulo «${name}». ${told ? 'Correo de cupo enviado.' : 'El correo de cupo no salió: queda indicado en la fila.'}`,
  unknownRegistration: 'No se encontró esa inscripción.',
  alreadyWithdrawn: 'Esa inscripción ya estaba retirada.',
  notActive: (status: string) => `Esa inscripción no ocupa ni espera un cupo (estado: ${status || 'sin estado'}).`,
  withdrawnDone: 'Se retiró la inscripción.',
  annulledDone: (promoted: number) =>
    promoted === 0 ? 'Se anuló la inscripción.' : promoted === 1 ? 'Se anuló la inscripción y se asignó el cupo a la primera persona de la lista de espera.' : `Se anuló la inscripción y se asignaron ${promoted} cupos de la lista de espera.`,
  noEmail: 'La inscripción no tiene un correo válido.',
  reasonRequired: 'Escriba el motivo de la anulación (al menos 5 caracteres).',
  choicesSynced: (n: number) => (n === 0 ? 'El formulario no ofrece ningún taller: ninguno tiene la inscripción abierta.' : `El formulario ofrece ${n} taller(es) con inscripción abierta.`),
  scheduleTold: (told: number, failed: number) =>
    failed === 0 ? `Se avisó del cambio a ${told} persona(s) inscrita(s).` : `Se avisó a ${told}; ${failed} correo(s) no salieron (se intentará de nuevo con la próxima edición o revisión).`,
  retriedDetail: (name: string) => `Módulo «${name}»: el correo que no había salido se envió ahora.`,
} as const;

export const REGISTRATION_REVIEW = {
  kindInvalid: 'Inscripción con datos por corregir',
  kindClosed: 'Inscripción a un módulo cerrado',
  invalid: (responseId: string, moduleName: string, problems: readonly string[]) =>
    `Respuesta ${responseId}${moduleName ? ` al módulo «${moduleName}»` : ''}: ${problems.join(' ')} Se pidió a la persona corregir y enviar de nuevo (si su correo era válido). La respuesta completa está en el formulario de inscripción.`,
  closed: (responseId: string, moduleName: string, reason: string) =>
    `Respuesta ${responseId}${moduleName ? ` al módulo «${moduleName}»` : ''}: ${
      reason === 'started' ? 'el módulo ya empezó' : reason === 'unknown' ? 'el módulo no existe' : reason === 'no-capacity' ? 'el módulo no tiene cupos definidos' : 'la inscripción del módulo no está abierta'
    }. Se avisó a la persona. Si corresponde inscribirla, hágalo a mano en «Inscripciones».`,
} as const;

export const REGISTRATION_SETUP = {
  formFailed: (reason: string) =>
    `No se pudo preparar el formulario de inscripción a los talleres (${reason}). Vuelva a ejecutar «Configurar esta hoja»; lo ya hecho se conserva.`,
} as const;

// ---------------------------------------------------------------------------- a change of the sessions (B02, once registration is open)

export interface ScheduleChange {
  number: number;
  topic: string;
  /** The new time, or null when the session was cancelled. */
  start: Date | null;
  end: Date | null;
}

/** The registrant is told which sessions moved or were cancelled, and the schedule as it is now. */
export function scheduleChangedEmail(i: { fullName: string; moduleName: string; changes: readonly ScheduleChange[]; sessions: readonly SessionLine[] }): EmailMessage {
  const name = oneLine(i.moduleName);
  const subject = `Cambio en el horario del taller «${name}» – MTPE`;
  const intro = `Le escribimos porque cambió el horario del taller virtual «${name}», en el que usted está inscrito(a):`;
  const changeLines = i.changes.map((c) =>
    c.start && c.end
      ? `Sesión ${c.number} – ${oneLine(c.topic)}: ahora el ${formatLimaDate(c.start)}, de ${formatLimaTime(c.start)} a ${formatLimaTime(c.end)}`
      : `Sesión ${c.number} – ${oneLine(c.topic)}: se canceló`,
  );
  const now = 'Así quedan las sesiones (hora de Lima):';
  const apology = 'Disculpe las molestias. Su inscripción sigue vigente; el enlace de acceso le llegará un día antes de cada sesión.';
  const body = html`${paragraph(greeting(i.fullName))}
${paragraph(intro)}
${bulletList(changeLines)}
${paragraph(now)}
${bulletList(i.sessions.map(sessionLine))}
${paragraph(apology)}
${paragraph(SIGNATURE_HTML)}`;
  const text = textDocument([greeting(i.fullName), intro, textList(changeLines), now, textList(i.sessions.map(sessionLine)), apology, SIGNATURE_TEXT]);
  return message(subject, body, text);
}
