/**
 * What the panel says about where a module stands in B01–B05 (src/domain/workshops/stage.ts) and
 * about its registrants (src/app/workshops/module-view.ts): each step's name, its state and one
 * short sentence, the next step and what blocks it.
 */

import { formatLimaDateTime } from '../lima-time';

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

/** 'la sesión 2', 'las sesiones 1 y 3', 'las sesiones 1, 2 y 4' */
function sessionsText(numbers: readonly number[]): string {
  if (numbers.length === 1) return `la sesión ${numbers[0]}`;
  const head = numbers.slice(0, -1).join(', ');
  return `las sesiones ${head} y ${numbers[numbers.length - 1]}`;
}

export const STEP_TITLES = {
  B01: 'Programación del módulo',
  B02: 'Sesiones y ponentes',
  B03: 'Programación a la Sub Dirección',
  B04: 'Banner de la Dirección',
  B05: 'Inscripción e invitaciones',
  // Issue 12: opened by the sessions (B09 → B10 / B11).
  B10: 'Registro en Silnet y WhatsApp',
  B11: 'Cierre del módulo',
} as const;

export const STEP_STATE_LABELS = {
  hecho: 'Hecho',
  'en curso': 'En curso',
  pendiente: 'Pendiente',
  bloqueado: 'Bloqueado',
} as const;

export const STAGE_MESSAGES = {
  // B01
  noSessions: 'El módulo todavía no tiene sesiones.',
  addSessions: 'agregar las sesiones del módulo («Editar»)',
  sessionsSaved: (n: number) => `${plural(n, 'sesión guardada', 'sesiones guardadas')}.`,
  // B02
  needsSessions: 'Primero agregue las sesiones del módulo.',
  declined: (numbers: readonly number[]) =>
    numbers.length === 1
      ? `Un ponente declinó ${sessionsText(numbers)}: cambie el ponente («Editar») e invítelo.`
      : `Los ponentes de ${sessionsText(numbers)} declinaron: cambie los ponentes («Editar») e invítelos.`,
  changeSpeaker: 'cambiar el ponente que declinó e invitarlo',
  invitationUncertain: (numbers: readonly number[]) =>
    `No se sabe si la invitación de ${sessionsText(numbers)} llegó: revísela en la pestaña «Revisión».`,
  reviewInvitation: 'revisar la invitación que quedó por confirmar («Revisión»)',
  noneInvited: (n: number) => `${plural(n, 'ponente', 'ponentes')} sin invitar.`,
  someInvited: (invited: number, total: number) => `${invited} de ${total} ponentes invitados.`,
  invite: 'invitar a los ponentes («Invitar a los ponentes»)',
  waitingAnswers: (n: number) => `Esperando la respuesta de ${plural(n, 'ponente', 'ponentes')}.`,
  waitAnswers: 'esperar la respuesta de los ponentes',
  allAccepted: 'Todos los ponentes aceptaron.',
  // B03
  programmeSent: (when: string) => `Programación enviada el ${when.endsWith('.') ? when : `${when}.`}`,
  subDirectorMissing: 'Configure el correo de la Sub Dirección en «Configuración».',
  sendProgramme: 'enviar la programación a la Sub Dirección',
  programmeNotSent: 'La programación aún no se envía a la Sub Dirección.',
  // B04
  directionMissing: 'Configure el correo de la Dirección (banners) en «Configuración».',
  requestBanner: 'solicitar el banner a la Dirección',
  bannerNotRequested: 'El banner aún no se solicita.',
  bannerRequested: 'Banner solicitado: espere el diseño de la Dirección.',
  markReceived: 'marcar el banner como recibido, con su enlace',
  bannerReceived: 'Banner recibido: revíselo y márquelo como validado.',
  markValidated: 'validar el banner',
  bannerValidated: 'Banner validado.',
  // C02: an external workshop (kind 'Externo') skips B03/B04 and the invitations.
  externalApproved: 'Taller externo: aprobado por la Sub Dirección con la solicitud de la institución.',
  externalNoBanner: 'Taller externo: no lleva banner; la institución difunde el enlace.',
  externalWaitsForJob: 'esperar que el sistema abra la inscripción del taller externo (se revisa cada día)',
  externalRegistration: (confirmed: number, capacity: number, waiting: number) =>
    `La institución comparte el enlace de inscripción: ${confirmed} de ${capacity} inscritos${waiting > 0 ? `, ${waiting} en lista de espera` : ''}.`,
  // B05
  waitsForBanner: 'Las invitaciones esperan la validación del banner.',
  openRegistration: 'abrir la inscripción del módulo',
  registrationClosed: 'La inscripción todavía no está abierta.',
  registrationNotOpenedBeforeStart: 'El módulo empezó sin abrir la inscripción.',
  sendInvitations: 'enviar las invitaciones',
  noInvitations: 'Inscripción abierta; aún no se envían invitaciones.',
  invitationsPending: (sent: number, pending: number) => `Invitaciones: ${sent} enviadas, ${pending} por enviar.`,
  waitInvitations: 'esperar que terminen de salir las invitaciones',
  invitationsFailed: (n: number) => `${plural(n, 'invitación no salió', 'invitaciones no salieron')}: revise la pestaña «Invitaciones».`,
  reviewFailedInvitations: 'revisar las invitaciones que no salieron («Invitaciones»)',
  registrantsToReview: (n: number) => `${plural(n, 'inscripción espera', 'inscripciones esperan')} su revisión (pestaña «Inscripciones»).`,
  reviewRegistrants: 'revisar las inscripciones «Por revisar»',
  registrationSummary: (confirmed: number, capacity: number, waiting: number, sent: number) =>
    `Inscritos ${confirmed} de ${capacity}${waiting > 0 ? ` · ${waiting} en espera` : ''} · ${plural(sent, 'invitación enviada', 'invitaciones enviadas')}.`,
  full: 'Cupos completos: las nuevas inscripciones van a la lista de espera.',
  followRegistrations: 'seguir las inscripciones hasta la primera sesión',
  started: (confirmed: number, capacity: number) => `Inscripción cerrada: el módulo empezó con ${confirmed} de ${capacity} inscritos.`,
  // The module as a whole
  cancelled: 'Módulo cancelado: no hay pasos pendientes.',
  closed: 'el módulo está cerrado',
  nothingToDo: 'esperar: las invitaciones y las respuestas siguen su curso',
  unblock: 'resolver lo que bloquea el módulo (vea «Qué lo bloquea»)',
  inProgress: 'el módulo está en curso: siga con las sesiones (B06 en adelante)',
  line: (code: string, next: string) => `${code} de B05 · Siguiente: ${next}`,
  lineDone: (next: string) => `B05 de B05 · ${next}`,
  // Issue 12: B09 → B10 / B11, once the sessions run.
  silnetPending: (n: number) => `${plural(n, 'participante aún no está registrado', 'participantes aún no están registrados')} en Silnet.`,
  silnetDone: (n: number) => `${plural(n, 'participante registrado', 'participantes registrados')} en Silnet.`,
  silnetNobody: 'Todavía no hay asistentes marcados para registrar en Silnet.',
  registerSilnet: (n: number) => `registrar en Silnet a ${plural(n, 'participante', 'participantes')} («Silnet y WhatsApp»)`,
  closingSent: (n: number) => `Orden de presentación enviado (${plural(n, 'expositor', 'expositores')}).`,
  closingToSend: (n: number) => `${plural(n, 'expositor', 'expositores')} en el orden; falta enviarlo.`,
  closingNoPresenters: 'Nadie pidió presentar su proyecto: agregue expositores en «Cierre» si los hay.',
  sendClosingOrder: 'enviar el orden de presentación del cierre («Cierre»)',
  choosePresenters: 'elegir quiénes presentan su proyecto en el cierre («Cierre»)',
  nextSession: (n: number, start: Date) => `realizar la sesión ${n} (${formatLimaDateTime(start)})`,
  lineRunning: (code: string, next: string) => `${code} · Siguiente: ${next}`,
} as const;

/** The registrants' lines in the panel. */
export const REGISTRANT_MESSAGES = {
  notFound: 'No encontramos ese módulo en la pestaña «Módulos». Actualice la lista e inténtelo otra vez.',
  notice: {
    enviado: 'enviado',
    enviando: 'por revisar',
    error: 'no salió',
    pendiente: 'por enviar',
  } as Record<string, string>,
  noNotice: 'sin aviso',
} as const;
