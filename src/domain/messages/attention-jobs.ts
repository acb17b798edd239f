/**
 * What a person reads about the automatic tasks of the attention flow: the reminders run (A02),
 * the survey linking (A06) and the day closing (A07) — audit log lines, 'Revisión' items, the
 * calendar event's text and the notes they leave on rows.
 */
import { formatLimaDateTime, formatLimaShortDate, formatHHmm } from '../lima-time';
import { endSentence } from './email-layout';
import { escapeHtml } from '../text';

/** How an execution started, for the audit log's 'Ejecución' column. */
export const JOB_EXECUTION_KINDS = {
  reminders: 'Activador de recordatorios',
  dayClosing: 'Activador de cierre del día',
  surveySubmit: 'Respuesta de encuesta',
  registrationSubmit: 'Inscripción a un taller',
  // Check-in form of the sessions (B09, i12-checkin).
  checkinSubmit: 'Registro de asistencia a una sesión',
} as const;

/** The 'Acción' column of the audit log. */
export const JOB_AUDIT = {
  remindersRun: 'Envío de recordatorios',
  reminderSent: 'Recordatorio enviado',
  reminderFailed: 'Recordatorio no enviado',
  reminderAmbiguous: 'Recordatorio por revisar',
  reminderWaiting: 'Recordatorios en espera de cupo',
  eventFailed: 'Evento de Calendar no creado',
  eventCancelled: 'Evento de Calendar cancelado',
  continuation: 'Continuación programada',
  surveyLinked: 'Encuesta vinculada',
  surveyForReview: 'Encuesta por revisar',
  surveyFormCreated: 'Formulario de encuesta creado',
  surveyFormRepaired: 'Formulario de encuesta completado',
  surveyTriggerInstalled: 'Activador de encuesta instalado',
  dayClosing: 'Cierre del día',
  openFlagged: 'Cita sin cerrar señalada',
  summarySent: 'Resumen del día enviado',
  summaryFailed: 'Resumen del día no enviado',
} as const;

/** The 'Tipo' column of 'Revisión'. */
export const REVIEW_KINDS = {
  reminderAmbiguous: 'Recordatorio: envío interrumpido',
  reminderRefused: 'Recordatorio: correo rechazado',
  surveyUnknownCode: 'Encuesta: código desconocido',
  surveyAlreadyAnswered: 'Encuesta: código ya usado',
  openAtClose: 'Cita sin cerrar',
  summaryAmbiguous: 'Resumen del día: envío interrumpido',
  consultantWithoutEmail: 'Consultor sin correo',
} as const;

export const JOB_MESSAGES = {
  // Calendar event of an appointment (the consultant and the citizen see it).
  eventTitle: (fullName: string) => `Orientación para el emprendimiento – ${fullName || 'Usuario(a)'}`,
  // The Calendar API renders an event description as HTML ("Can contain HTML"): every value
  // that came from a report or a form is escaped so a name can't become a link or markup.
  // No DNI, no phone: the citizen is a guest and sees it, and the meeting does not need them. The
  // code is the row's ID, which carries no document (walk-in IDs are signed: domain/ids.walkInId).
  eventDescription: (input: { id: string; fullName: string; consultant: string }) =>
    [
      'Cita de atención personalizada del Servicio de Orientación para el Emprendimiento (MTPE).',
      `Código de cita: ${escapeHtml(input.id)}`,
      `Usuario(a): ${escapeHtml(input.fullName) || '—'}`,
      input.consultant ? `Consultor(a): ${escapeHtml(input.consultant)}` : '',
      'Ingrese por el enlace de Google Meet de este evento a la hora de la cita.',
    ]
      .filter(Boolean)
      .join('\n'),

  // Reminders (A02)
  // endSentence: a time already ends in 'a. m.'/'p. m.'.
  reminderSent: (start: Date) => endSentence(`Recordatorio de la cita del ${formatLimaDateTime(start)}`),
  reminderAmbiguous: (start: Date, why: string) =>
    `El envío del recordatorio de la cita del ${formatLimaDateTime(start)} se interrumpió y no se sabe si llegó (${why}). ` +
    'Confirme con el usuario por teléfono o por el aviso de la extranet; el sistema no lo reenviará.',
  reminderRefused: (start: Date, why: string) =>
    `No se pudo enviar el recordatorio de la cita del ${formatLimaDateTime(start)}: ${why}. Corrija el correo en «Citas»; se intentará de nuevo en la siguiente ejecución.`,
  invalidEmail: (typed: string) => (typed ? `el correo «${typed}» no es válido` : 'la cita no tiene correo'),
  eventCreatedNote: 'Se creó su evento de Calendar con enlace de Google Meet.',
  eventMovedNote: (start: Date) => endSentence(`Su evento de Calendar se movió al ${formatLimaDateTime(start)}`),
  eventRestoredNote: (start: Date) => endSentence(`Su evento de Calendar, cancelado antes, se restableció para el ${formatLimaDateTime(start)}`),
  noMeetLink: 'Google Meet aún no generó el enlace de la videollamada; se intentará en la siguiente ejecución.',
  eventFailed: (why: string) => `No se pudo crear o actualizar el evento de Calendar: ${why}`,
  eventCancelled: (start: Date) =>
    endSentence(`La cita del ${formatLimaDateTime(start)} está cancelada: se canceló su evento de Calendar y su enlace de Google Meet ya no se usa`),
  eventCancelFailed: (why: string) => `No se pudo cancelar el evento de Calendar de la cita cancelada: ${why}`,
  remindersSummary: (r: { sent: number; failed: number; ambiguous: number; waiting: number; remaining: number }) =>
    [
      `${r.sent} ${r.sent === 1 ? 'recordatorio enviado' : 'recordatorios enviados'}`,
      r.failed ? `${r.failed} no enviados` : '',
      r.ambiguous ? `${r.ambiguous} por revisar` : '',
      r.waiting ? `${r.waiting} en espera de cupo de correo` : '',
      r.remaining ? `${r.remaining} pendientes para la continuación` : '',
    ]
      .filter(Boolean)
      .join(', ') + '.',
  waitingForQuota: (n: number) =>
    n === 1
      ? '1 recordatorio espera cupo de correo: se enviará cuando Google renueve el cupo diario. Mientras tanto, avise al usuario por la extranet.'
      : `${n} recordatorios esperan cupo de correo: se enviarán cuando Google renueve el cupo diario. Mientras tanto, avise a los usuarios por la extranet.`,
  anotherRunWorking: 'Otra ejecución del envío de recordatorios está en curso; esta tarea volverá a revisar en unos minutos.',
  continuation: (minutes: number) => `Quedan citas por procesar; la tarea continuará en ${minutes} min.`,

  // Survey (A06)
  surveyFormFailed: (why: string) =>
    `No se pudo preparar el formulario de la encuesta de satisfacción (${why}). Vuelva a ejecutar «Configurar esta hoja» para completarlo.`,
  surveyLinked: (id: string) => `Respuesta vinculada a la cita ${id}.`,
  surveyUnknownCode: (code: string, responseId: string, answers: string) =>
    `Respuesta ${responseId}: el código «${code || '(vacío)'}» no corresponde a ninguna cita. Respuestas: ${answers}`,
  surveyAlreadyAnswered: (id: string, responseId: string, answers: string) =>
    `Respuesta ${responseId}: la cita ${id} ya tenía una encuesta respondida. Respuestas: ${answers}`,

  // Day closing (A07)
  openObservation: (closedAt: Date) =>
    `Sin cerrar al cierre del día ${formatLimaShortDate(closedAt)} ${formatHHmm(closedAt)}: márquela como atendida o abandonada.`,
  openReview: (start: Date, fullName: string, status: string, consultant: string) =>
    `La cita de ${fullName || 'usuario sin nombre'} del ${formatLimaDateTime(start)} quedó «${status}» al cierre del día` +
    (consultant ? ` (consultor: ${consultant}).` : '.'),
  consultantWithoutEmail: (consultant: string) =>
    `No se encontró el correo de «${consultant}» en «Configuración» (filas «Consultor: correo»); no se le envió el resumen del día.`,
  summaryAmbiguous: (consultant: string, why: string) =>
    `El envío del resumen del día a ${consultant} se interrumpió y no se sabe si llegó (${why}).`,
  dayClosingSummary: (r: { open: number; summaries: number; linked: number }) =>
    `${r.open} ${r.open === 1 ? 'cita sin cerrar señalada' : 'citas sin cerrar señaladas'}, ` +
    `${r.summaries} ${r.summaries === 1 ? 'resumen enviado' : 'resúmenes enviados'}, ` +
    `${r.linked} ${r.linked === 1 ? 'encuesta vinculada' : 'encuestas vinculadas'}.`,
} as const;
