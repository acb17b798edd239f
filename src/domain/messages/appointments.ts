/**
 * What a consultant reads about one-to-one appointments (A03–A06): the catalogues offered in the
 * sidebar and the explanation shown when an action is not allowed. The state machine lives in
 * `../appointment.ts`; its words live here.
 */

/** Reasons offered by "Marcar abandonada" (A03). 'Otro' asks for a free-text detail. */
export const ABANDON_REASONS = [
  'No se conectó a la videollamada',
  'No contestó el teléfono',
  'Número o correo equivocado',
  'Reprogramará su cita',
  'Otro',
] as const;
export type AbandonReason = (typeof ABANDON_REASONS)[number];

/** Topics of a consultation (A05), offered as a list; 'Otro' is described in the notes. */
export const CONSULTATION_TOPICS = [
  'Idea de negocio',
  'Formalización (RUC, licencias)',
  'Plan de negocio',
  'Financiamiento',
  'Marketing y ventas',
  'Costos y precios',
  'Tributación',
  'Otro',
] as const;
export type ConsultationTopic = (typeof CONSULTATION_TOPICS)[number];

/** Explanations shown when an action on an appointment is refused. */
export const APPOINTMENT_MESSAGES = {
  // Iniciar (A04)
  startAlreadyStarted: 'Esta cita ya está en atención.',
  startAlreadyFinished: 'Esta cita ya fue finalizada; no se puede iniciar de nuevo.',
  startAbandoned:
    'Esta cita fue marcada como abandonada; no se puede iniciar. Si el usuario se conectó, primero reactívela.',
  startCancelled: 'Esta cita fue cancelada; no se puede iniciar.',
  startWrongDay: (dateText: string) => `Esta cita es del ${dateText}; solo se puede iniciar ese día.`,

  // Finalizar (A06)
  finishNotStarted: 'No se puede finalizar una cita que no se ha iniciado.',
  finishAlreadyFinished: 'Esta cita ya fue finalizada.',
  finishAbandoned: 'Esta cita fue marcada como abandonada; no se puede finalizar.',
  finishCancelled: 'Esta cita fue cancelada; no se puede finalizar.',
  finishDurationRequired: (max: number) =>
    `Esta cita es de un día anterior: escriba cuántos minutos duró la atención (un número entero de 1 a ${max}).`,

  // Marcar abandonada (A03)
  abandonAlreadyFinished: 'Esta cita ya fue finalizada; no se puede marcar como abandonada.',
  abandonInAttention:
    'La atención ya se inició, así que hubo contacto con el usuario: finalícela y anote lo ocurrido en Observaciones.',
  abandonAlreadyAbandoned: 'Esta cita ya está marcada como abandonada.',
  abandonCancelled: 'Esta cita fue cancelada; no se puede marcar como abandonada.',
  abandonTooEarly: (timeText: string, toleranceMinutes: number) =>
    // The time already ends in 'p. m.', which closes the sentence.
    `Todavía no terminan los ${toleranceMinutes} minutos de tolerancia: podrá marcar la cita como abandonada desde las ${timeText}`,
  abandonInvalidReason: 'Elija el motivo del abandono de la lista.',
  abandonDetailRequired: 'Escriba el motivo del abandono en el detalle (eligió «Otro»).',

  // Cancelar (import A01)
  cancelInAttention: 'La atención ya se inició; no se puede cancelar esta cita.',
  cancelAlreadyFinished: 'Esta cita ya fue atendida; no se puede cancelar.',
  cancelAbandoned: 'Esta cita ya fue marcada como abandonada; no se puede cancelar.',
  cancelAlreadyCancelled: 'Esta cita ya está cancelada.',
  // Cancelar cita (by hand, from the panel)
  cancelReasonRequired: (min: number) => `Escriba el motivo de la cancelación (al menos ${min} caracteres).`,
  cancelPast:
    'La hora de esta cita ya pasó; no se puede cancelar. Márquela como atendida o abandonada, según corresponda.',

  // Reactivar
  reinstateAlreadyScheduled: 'Esta cita ya está programada.',
  reinstateInAttention: 'Esta cita está en atención; no hay nada que reactivar.',
  reinstateFinished: 'Esta cita ya fue atendida; no hay nada que reactivar.',
  reinstateAbandonedOtherDay: (dateText: string) =>
    `Esta cita era del ${dateText}; ya no se puede reactivar. Pida al usuario que reserve una nueva cita.`,
  reinstateCancelledPast: 'La hora de esta cita ya pasó; no se puede reactivar. El usuario debe reservar una nueva cita.',

  // Tema y notas (A05)
  consultationNotStarted: 'Inicie la atención antes de registrar el tema de la consulta.',
  consultationClosed: 'Esta cita no fue atendida; no se puede registrar el tema de la consulta.',
  invalidTopic: 'Elija el tema de la consulta de la lista.',

  // Común
  textTooLong: (field: string, max: number) => `El texto de «${field}» es demasiado largo (máximo ${max} caracteres).`,
  fieldObservations: 'Observaciones',
  fieldNotes: 'Notas',
  fieldDetail: 'Detalle del motivo',

  // Lines added to the Observaciones column, so the history is readable in the sheet.
  observationAbandoned: (reason: string, detail: string) =>
    detail ? `Abandonada: ${reason} – ${detail}` : `Abandonada: ${reason}`,
  observationCancelled: (reason: string) => (reason ? `Cancelada: ${reason}` : 'Cancelada'),
  observationClosedLate: (dateText: string) => `Cerrada el ${dateText} (cita de un día anterior)`,
  observationReinstated: (dateTimeText: string) => `Reactivada el ${dateTimeText}`,
} as const;

/**
 * How the lines the system writes into 'Observaciones' begin (the ones above, and the day
 * closing's «Sin cerrar al cierre del día …», attention-jobs.ts). The panel shows them apart from
 * what the consultant wrote; rows written before this split hold the same lines, so they need no
 * migration. A new kind of system line must be added here (test/unit/observations.test.ts).
 */
export const SYSTEM_OBSERVATION_PATTERNS: readonly RegExp[] = [
  /^Abandonada: /,
  /^Cancelada(: |$)/,
  /^Reactivada el /,
  /^Cerrada el .* \(cita de un día anterior\)$/,
  /^Sin cerrar al cierre del día /,
];
