/**
 * What people read about the approval of an institution's request (C01): the consultant's form
 * «Enviar a aprobación» and the coordinator's «Registrar decisión» (panel), the Sub Director's
 * email with its two buttons and the web app's pages they open, the institution's rejection
 * email, and the audit lines. Spanish (Peru), polite; times in Lima.
 */
import type { LinkPage } from '../web-links';

/** Problems of the proposal's fields and of a reason or note (next to the field, in the panel). */
export const EXTERNAL_DECISION_FIELDS = {
  slotMissing: 'Elija una de las fechas preferidas de la institución u «Otra fecha».',
  slotEmpty: (n: string) => `La institución no indicó una fecha y hora preferida n.° ${n}. Elija la otra o «Otra fecha».`,
  dateMissing: 'Indique la fecha del taller.',
  dateInvalid: 'La fecha no es válida (use dd/mm/aaaa).',
  startMissing: 'Indique la hora de inicio.',
  startInvalid: 'La hora de inicio no es válida (use HH:mm, por ejemplo 10:00).',
  endMissing: 'Indique la hora de fin.',
  endInvalid: 'La hora de fin no es válida (use HH:mm, por ejemplo 12:00).',
  endNotAfterStart: 'La hora de fin debe ser posterior a la de inicio, el mismo día.',
  tooSoon: 'El taller debe empezar al menos 24 horas después de enviarlo a aprobación. Elija otra fecha.',
  speakerMissing: 'Indique el nombre del ponente.',
  speakerTooLong: 'El nombre del ponente es demasiado largo.',
  speakerInvalid: 'El nombre del ponente no es válido.',
  speakerEmailMissing: 'Indique el correo del ponente.',
  speakerEmailInvalid: 'El correo del ponente no es válido.',
  reasonMissing: 'Escriba el motivo del rechazo.',
  reasonTooLong: (max: number) => `El motivo del rechazo puede tener hasta ${max} caracteres.`,
  reasonFormula: 'El motivo no puede empezar con «=», «+», «-» ni «@». Escríbalo con palabras.',
  noteInvalid: 'La observación no es válida: escríbala con palabras (sin empezar con «=», «+», «-» ni «@»).',
  noteTooLong: (max: number) => `La observación puede tener hasta ${max} caracteres.`,
} as const;

/** Who decided, as the loser of a race is told. */
export function deciderLabel(channel: string): string {
  return channel === 'Panel' ? 'una coordinadora o un coordinador del Servicio, desde el panel' : 'la Sub Dirección';
}

function decidedSentence(decision: string, when: string, channel: string): string {
  const what = decision === 'Rechazada' ? 'rechazada' : 'aprobada';
  return `Esta solicitud ya fue ${what}${when ? ` el ${when}` : ''} por ${deciderLabel(channel)}.`;
}

/** The consultant's and the coordinator's answers in the panel. */
export const EXTERNAL_DECISION_MESSAGES = {
  notTalleres: 'Las solicitudes externas se atienden en la hoja «Programación Talleres Masivos».',
  notFound: 'No encontramos esa solicitud en «Solicitudes externas». Actualice la lista e inténtelo otra vez.',
  lockBusy: 'Otra tarea está usando la hoja en este momento. Espere un minuto e inténtelo otra vez.',
  fixFields: 'Revise los datos marcados.',
  noSubDirector:
    'Falta el correo de la Sub Dirección en «Correo de la Sub Dirección» (pestaña «Configuración»). Pida a la coordinación que lo escriba y vuelva a intentarlo.',
  badSubDirector: (value: string) =>
    `El correo «${value}» de la Sub Dirección (pestaña «Configuración») no es válido. Pida a la coordinación que lo corrija y vuelva a intentarlo.`,
  noWebApp:
    'La aplicación web del Servicio no está publicada (falta «Enlace de la aplicación web» en «Configuración»): el correo no podría llevar los botones de aprobar y rechazar. Pida a la coordinación que la publique, o registre la decisión en el panel.',
  cannotSend: (state: string) => `Esta solicitud está «${state}»: ya no se envía a aprobación.`,
  alreadySent: (when: string) =>
    `Esta misma propuesta ya se envió a la Sub Dirección${when ? ` el ${when}` : ''}. Para enviarla otra vez, actualice la solicitud y use «Enviar a aprobación» de nuevo.`,
  staleRound: 'Otra persona envió una propuesta para esta solicitud mientras usted la preparaba. Actualice la solicitud y revise la propuesta vigente.',
  sent: (to: string, round: number) =>
    round > 1 ? `Se envió la nueva propuesta a la Sub Dirección (${to}). Los botones del correo anterior ya no sirven.` : `Se envió la solicitud a la Sub Dirección (${to}) para su aprobación.`,
  sentAmbiguous:
    'El envío a la Sub Dirección se interrumpió y no se sabe si el correo llegó. La solicitud quedó «Enviada a aprobación» y se anotó en «Revisión»: confírmelo con la Sub Dirección; si no llegó, envíe la propuesta otra vez.',
  sendFailed: (reason: string) => `No se pudo enviar el correo a la Sub Dirección: ${reason}`,
  coordinatorOnly: 'Solo la coordinación puede registrar la decisión en el panel.',
  badDecision: 'Indique la decisión: «Aprobada» o «Rechazada».',
  notSent: 'Esta solicitud todavía no se ha enviado a aprobación: envíela primero con su propuesta.',
  decided: (decision: string, when: string, channel: string) => decidedSentence(decision, when, channel),
  staleDecision: 'La propuesta de esta solicitud cambió mientras usted registraba la decisión. Actualice la solicitud y revísela.',
  tooLate: (when: string) =>
    `La fecha propuesta (${when}) ya pasó o faltan menos de 24 horas: no se puede aprobar. Envíe una nueva propuesta con otra fecha.`,
  approved: 'Solicitud aprobada. El taller se creará en unos minutos y la institución recibirá la fecha, la hora y el enlace de inscripción.',
  rejected: (told: boolean) =>
    told ? 'Solicitud rechazada. Se informó a la institución el motivo.' : 'Solicitud rechazada. El correo a la institución no pudo salir ahora: revise «Revisión» o la columna «Respuesta a la institución».',
} as const;

/** The pages of the web app for the Sub Director's two buttons. */
export const EXTERNAL_DECISION_PAGES = {
  approveConfirm: (facts: string[]): LinkPage => ({
    title: 'Aprobar la solicitud de taller',
    paragraphs: [...facts, '¿Aprueba este taller? Al confirmar, se programará y se informará a la institución.'],
    confirm: 'Sí, aprobar',
  }),
  rejectConfirm: (facts: string[], maxLength: number): LinkPage => ({
    title: 'Rechazar la solicitud de taller',
    paragraphs: [...facts, 'Escriba el motivo del rechazo: se enviará a la institución.'],
    confirm: 'Rechazar la solicitud',
    field: { label: 'Motivo del rechazo', maxLength, required: true },
  }),
  approved: (institution: string): LinkPage => ({
    title: 'Solicitud aprobada',
    paragraphs: [
      `Gracias. Quedó aprobado el taller solicitado por ${institution}.`,
      'El Servicio lo programará en unos minutos y la institución recibirá la fecha, la hora y el enlace de inscripción.',
    ],
  }),
  rejected: (institution: string): LinkPage => ({
    title: 'Solicitud rechazada',
    paragraphs: [`Gracias. Se registró el rechazo de la solicitud de ${institution} y se le informará el motivo.`],
  }),
  decided: (decision: string, when: string, channel: string): LinkPage => ({
    title: 'Esta solicitud ya fue decidida',
    paragraphs: [decidedSentence(decision, when, channel), 'No hace falta hacer nada más con este enlace.'],
  }),
  older: {
    title: 'Hay una propuesta más reciente',
    paragraphs: [
      'Este enlace corresponde a una propuesta anterior de esta solicitud. Se le envió una propuesta más reciente: use los botones de ese correo.',
    ],
  } as LinkPage,
  pending: {
    title: 'La propuesta aún se está registrando',
    paragraphs: ['La propuesta de este correo todavía se está registrando. Inténtelo otra vez en unos minutos.'],
  } as LinkPage,
  notSent: {
    title: 'La solicitud no está pendiente de aprobación',
    paragraphs: ['Esta solicitud no está pendiente de aprobación. Si tiene dudas, responda al correo que recibió.'],
  } as LinkPage,
  unknown: {
    title: 'No encontramos la solicitud',
    paragraphs: ['No encontramos la solicitud de este enlace. Es posible que haya sido eliminada. Si tiene dudas, responda al correo que recibió.'],
  } as LinkPage,
  tooLate: (when: string): LinkPage => ({
    title: 'Ya no se puede aprobar esta propuesta',
    paragraphs: [
      `La fecha propuesta (${when}) ya pasó o faltan menos de 24 horas, por lo que el taller no puede programarse a tiempo.`,
      'Se avisó al Servicio: le enviará una nueva propuesta con otra fecha. Puede rechazar la solicitud con el otro botón del correo, si lo prefiere.',
    ],
  }),
  badReason: (problem: string): LinkPage => ({
    title: 'Falta el motivo del rechazo',
    paragraphs: [problem, 'Vuelva a la página anterior, corrija el motivo y confirme otra vez. La solicitud no ha cambiado.'],
  }),
  /** The proposal as a page shows it: no personal data beyond the institution's name. */
  facts: (institution: string, topic: string, when: string, expected: number, capacity: number): string[] => [
    `Institución: ${institution}`,
    `Tema: ${topic}`,
    `Fecha y hora (Lima): ${when}`,
    `Participantes esperados: ${expected} (cupos: ${capacity})`,
  ],
} as const;

/** The emails. */
export const EXTERNAL_DECISION_EMAILS = {
  approvalSubject: (institution: string, round: number) =>
    `${round > 1 ? 'Nueva propuesta: ' : ''}Solicitud de taller de ${institution} – aprobación`,
  approvalGreeting: 'Estimada Sub Dirección:',
  approvalIntro: (institution: string) =>
    `${institution} solicita un taller de emprendimiento para su comunidad. Le enviamos la propuesta del Servicio para su aprobación:`,
  approvalReplaces: 'Esta propuesta reemplaza a la anterior: los botones del correo anterior ya no sirven.',
  approvalAsk: 'Por favor, apruebe o rechace la propuesta con uno de estos botones (al rechazar se le pedirá el motivo, que se enviará a la institución):',
  approveButton: 'Aprobar',
  rejectButton: 'Rechazar',
  approvalValidity: (until: string) => `Los botones sirven una sola vez y hasta el ${until}. También puede responder este correo.`,
  facts: {
    institution: 'Institución',
    ruc: 'RUC',
    type: 'Tipo de institución',
    place: 'Región y distrito',
    contact: 'Persona de contacto',
    topic: 'Tema',
    when: 'Fecha y hora (Lima)',
    expected: 'Participantes esperados',
    capacity: 'Cupos del taller',
    modality: 'Modalidad',
    speaker: 'Ponente',
    certificates: 'Certificados',
    notes: 'Observaciones de la institución',
  },
  capacity: (capacity: number, margin: number) => `${capacity} (esperados + ${margin} %)`,
  certificatesYes: 'Sí, se emiten certificados',
  certificatesNo: 'No se emiten certificados',
  contact: (name: string, role: string, email: string, phone: string) => [name, role && `(${role})`, email, phone].filter(Boolean).join(' · '),
  timeRange: (date: string, from: string, to: string) => `${date}, de ${from} a ${to}`,
  rejectionSubject: (topic: string) => `Su solicitud de taller «${topic}» – respuesta del Servicio`,
  rejectionIntro: (institution: string, topic: string) =>
    `Gracias por solicitar a nombre de ${institution} el taller «${topic}» al Servicio de Orientación para el Emprendimiento.`,
  rejectionBody: 'Lamentamos informarle que, por ahora, no podemos atender su solicitud por el siguiente motivo:',
  rejectionClosing: 'Puede enviarnos una nueva solicitud cuando lo desee, con otras fechas o con otro tema. Quedamos atentos a sus consultas: responda este correo.',
  signature: 'Servicio de Orientación para el Emprendimiento',
} as const;

/** Lines of the 'Registro de auditoría' and the 'Revisión' tab. */
export const EXTERNAL_DECISION_AUDIT = {
  sent: 'Solicitud externa enviada a aprobación',
  decided: 'Decisión de solicitud externa',
  refused: 'Acción de solicitud externa rechazada',
  rejectionMail: 'Rechazo informado a la institución',
  tooLate: 'Aprobación fuera de plazo',
  sentDetail: (to: string, round: number, when: string) => `Para ${to} (ronda ${round}; propuesta: ${when})`,
  decidedDetail: (decision: string, channel: string, by: string, round: number, extra: string) =>
    `${decision} por ${by} (${channel}, ronda ${round})${extra ? `; ${extra}` : ''}`,
  reviewKind: 'Solicitud externa: correo dudoso',
  reviewDetail: (what: string, institution: string, to: string) =>
    `${what} («${institution}», para ${to}): el envío se interrumpió y no se sabe si el correo llegó. Confírmelo con el destinatario; no se reenvía automáticamente.`,
  whatApproval: 'Propuesta enviada a la Sub Dirección',
  whatRejection: 'Rechazo informado a la institución',
  tooLateNote: (when: string, at: string) =>
    `La Sub Dirección intentó aprobar el ${at}, pero la fecha propuesta (${when}) ya pasó o faltaban menos de 24 horas: envíe una nueva propuesta.`,
} as const;
