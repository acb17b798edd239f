/**
 * What a consultant reads in the day view of the panel (A03–A06) that the server writes: the
 * answers to each action (Iniciar, Finalizar, Marcar abandonada, Invitar a talleres, the extranet
 * checklist), the state of each email, and the audit log's wording for these actions.
 *
 * Refusals of the state machine itself (finish a never-started appointment …) live in
 * ./appointments.ts; this module adds what the use cases around it have to say.
 */

/** Words for the delivery columns ('Recordatorio', 'Encuesta', 'Correo abandono', 'Invitación talleres'). */
export const DELIVERY_LABELS = {
  reminder: {
    '': 'Recordatorio aún no enviado',
    pendiente: 'Recordatorio pendiente',
    enviando: 'Recordatorio por revisar: el envío se interrumpió',
    enviado: 'Recordatorio enviado',
    error: 'El recordatorio no se pudo enviar',
  },
  survey: {
    '': 'Encuesta no enviada',
    pendiente: 'Encuesta pendiente de envío',
    enviando: 'Encuesta por revisar: el envío se interrumpió',
    enviado: 'Encuesta enviada',
    error: 'La encuesta no se pudo enviar',
  },
  abandonment: {
    '': 'Correo de abandono no enviado',
    pendiente: 'Correo de abandono pendiente',
    enviando: 'Correo de abandono por revisar: el envío se interrumpió',
    enviado: 'Correo de abandono enviado',
    error: 'El correo de abandono no se pudo enviar',
  },
  invitation: {
    '': 'Aún no se invitó a talleres',
    pendiente: 'Invitación a talleres pendiente',
    enviando: 'Invitación a talleres por revisar: el envío se interrumpió',
    enviado: 'Invitación a talleres enviada',
    error: 'La invitación a talleres no se pudo enviar',
  },
} as const;

/** The "Revisión" tab's words for a send that may or may not have left (journal still 'enviando'). */
export const DAY_REVIEW = {
  kind: {
    encuesta: 'Encuesta: envío interrumpido',
    abandono: 'Correo de abandono: envío interrumpido',
    talleres: 'Invitación a talleres: envío interrumpido',
  },
  detail: (what: string, name: string, email: string) =>
    `El envío de ${what} a ${name || 'el usuario'} (${email || 'sin correo'}) se interrumpió y no se sabe si llegó. ` +
    'Pregunte al usuario si lo recibió antes de enviarlo de nuevo a mano.',
  what: {
    encuesta: 'la encuesta de satisfacción',
    abandono: 'el correo de cita abandonada',
    talleres: 'la invitación a talleres',
  },
} as const;

export const DAY_MESSAGES = {
  // Loading the view
  notConfigured:
    'Esta hoja aún no está configurada como «Atenciones Virtuales – Centro de Empleo». Use «Emprendimiento › Configurar esta hoja».',
  wrongRole:
    'Esta hoja está configurada como «Programación Talleres Masivos»: las citas del día se atienden en la hoja «Atenciones Virtuales – Centro de Empleo».',
  noAppointmentsTab: 'Falta la pestaña «Citas». Use «Emprendimiento › Configurar esta hoja» para crearla.',
  notAConsultant: (email: string) =>
    email
      ? `Su correo (${email}) no está en la lista de consultores de la pestaña «Configuración». Agregue la fila «Consultor: ${email}» con su nombre, tal como aparece en el reporte de la plataforma, para ver sus citas en «Mías».`
      : 'Google no indicó con qué cuenta trabaja; se muestran todas las citas del día.',
  consultantWithoutName: (email: string) =>
    `Escriba su nombre, tal como aparece en el reporte de la plataforma, en «Valor» de la fila «Consultor: ${email}» de la pestaña «Configuración»: así se reconocen sus citas.`,
  settingsProblem: (text: string) => `Configuración: ${text}`,
  badStart: (count: number) =>
    count === 1
      ? 'Una cita de la pestaña «Citas» no tiene una fecha u hora válida y no aparece en la lista; corríjala en la hoja.'
      : `${count} citas de la pestaña «Citas» no tienen una fecha u hora válida y no aparecen en la lista; corríjalas en la hoja.`,
  unknownStatus: (status: string) =>
    `El estado «${status}» no es uno de los de la lista; corríjalo en la hoja para poder usar los botones.`,
  extranetNoMeet:
    'El enlace de Meet se crea con el recordatorio del día anterior; cuando exista, aquí aparecerá el mensaje para la extranet.',
  walkInNoEmail: 'Sin correo',

  // Any action
  notFound: (id: string) =>
    `No se encontró la cita «${id}» en la pestaña «Citas»; puede que alguien haya borrado o cambiado su ID. Actualice la lista.`,
  unexpected:
    'Ocurrió un error inesperado y no se completó la acción. Actualice la lista y vuelva a intentarlo; si se repite, avise al responsable técnico.',

  // Iniciar (A04)
  started: (name: string, time: string) => `Atención iniciada a las ${time}: ${name || 'usuario'}.`,

  // Tema y notas (A05)
  consultationSaved: 'Se guardaron el tema de la consulta y las notas.',

  // Finalizar (A06)
  finished: (minutes: number | null) =>
    minutes === null ? 'Atención finalizada.' : `Atención finalizada (${minutes} min).`,
  surveySent: (email: string) => `La encuesta de satisfacción se envió a ${email}.`,
  surveyAlreadySent: 'La encuesta de satisfacción ya se había enviado; no se envió de nuevo.',
  surveyNoForm:
    'La encuesta no se envió porque falta su formulario. Use «Emprendimiento › Configurar esta hoja» para crearlo; la encuesta quedó pendiente.',
  surveyNoEmail: 'La encuesta no se envió: la cita no tiene un correo válido. Corrija el correo en la hoja.',
  surveyFailed: (why: string) => `La encuesta no se pudo enviar (${why}); quedó pendiente.`,
  surveyAmbiguous:
    'No se sabe si la encuesta llegó: el envío se interrumpió. Quedó en la pestaña «Revisión»; confirme con el usuario antes de reenviarla.',

  // Marcar abandonada (A03)
  abandoned: 'La cita quedó registrada como abandonada.',
  abandonedEarlierNoEmail:
    'Como la cita era de un día anterior, no se envió el aviso de cita abandonada; si desea escribirle, use el correo o el teléfono de la cita.',
  abandonmentSent: (email: string) => `Se envió a ${email} el aviso de cita abandonada con el enlace para reservar otra cita.`,
  abandonmentAlreadySent: 'El aviso de cita abandonada ya se había enviado; no se envió de nuevo.',
  /** Abandoned again after «Reactivar»: the citizen already has the email, nothing new goes out. */
  abandonmentNotResent: (email: string) =>
    `No se envió otro aviso: ${email} ya lo recibió la primera vez que la cita se marcó abandonada. Si quiere enviárselo de nuevo, marque «Enviarle el aviso otra vez» y vuelva a marcarla.`,
  abandonmentResent: (email: string) => `Se envió a ${email} el aviso de cita abandonada otra vez, como lo pidió.`,
  abandonmentNoEmail: 'No se envió el aviso de cita abandonada: la cita no tiene un correo válido.',
  abandonmentFailed: (why: string) => `El aviso de cita abandonada no se pudo enviar (${why}); quedó pendiente.`,
  abandonmentAmbiguous:
    'No se sabe si el aviso de cita abandonada llegó: el envío se interrumpió. Quedó en la pestaña «Revisión».',

  // Invitar a talleres (A05)
  inviteNotStarted: 'Inicie la atención antes de invitar al usuario a los talleres.',
  inviteClosed: 'Esta cita no fue atendida; no se puede invitar a talleres desde ella.',
  inviteNoEmail: 'No se puede enviar la invitación: la cita no tiene un correo válido. Corrija el correo en la hoja.',
  inviteAlreadySent: 'La invitación a talleres ya se envió a este usuario; no se envió de nuevo.',
  inviteAmbiguous:
    'Un envío anterior de la invitación se interrumpió y no se sabe si llegó; está en la pestaña «Revisión». No se envió de nuevo.',
  inviteNoSibling:
    'No se sabe cuál es la hoja «Programación Talleres Masivos». Registre su ID en «Emprendimiento › Configurar esta hoja».',
  inviteSiblingUnreachable:
    'No se pudo abrir la hoja «Programación Talleres Masivos»: revise que su ID sea correcto y que usted tenga acceso a ella.',
  inviteNoModulesTab: 'La hoja «Programación Talleres Masivos» no tiene la pestaña «Módulos»; configúrela primero.',
  inviteNoneOpen:
    'En este momento no hay talleres con inscripción abierta, así que no se envió ninguna invitación. Puede invitar al usuario más adelante.',
  inviteSent: (count: number, email: string) =>
    count === 1
      ? `Se envió a ${email} la invitación con el enlace de inscripción del taller abierto.`
      : `Se envió a ${email} la invitación con los enlaces de inscripción de ${count} talleres abiertos.`,
  inviteFailed: (why: string) => `La invitación no se pudo enviar (${why}). Vuelva a intentarlo más tarde.`,

  // Reactivar (an abandoned user turns up the same day; a cancelled appointment is listed again)
  reinstated: 'La cita volvió a «Programada»: puede iniciarla.',
  reinstatedAfterEmail:
    'El usuario ya había recibido el aviso de cita abandonada: explíquele que su cita sigue en pie.',

  // Cancelar cita (by hand)
  cancelled: 'La cita quedó cancelada. No se envió ningún correo al usuario.',
  cancelledEventToo: 'También se canceló su reunión de Calendar (Meet).',
  cancelEventFailed:
    'No se pudo cancelar la reunión de Calendar de esta cita, así que la cita no se canceló: no se cambió nada. Vuelva a intentarlo en unos minutos.',

  // Aviso en la extranet (A02 checklist)
  extranetMarked: 'Aviso en la extranet marcado como hecho.',
  extranetUnmarked: 'Aviso en la extranet marcado como pendiente.',

  // Why a send was refused before leaving (the mailer's words are English or technical)
  quotaExhausted: 'se acabó la cuota de correos de hoy',
  sendRefused: 'el servicio de correo lo rechazó',
} as const;

/**
 * How a workshop's dates read in the invitation (A05) when the module's 'Fechas' cell is empty:
 * from its 'Fecha de inicio' and 'Fecha de fin' (already formatted, e.g. 'martes 1 de diciembre').
 */
export const WORKSHOP_DATES = {
  range: (from: string, to: string) => `del ${from} al ${to}`,
  single: (day: string) => `el ${day}`,
  from: (day: string) => `desde el ${day}`,
  toBeConfirmed: 'Fechas por confirmar: se las enviaremos al inscribirse.',
} as const;

/** The 'Acción' column of the audit log for the day's actions. */
export const DAY_AUDIT = {
  started: 'Atención iniciada',
  consultationSaved: 'Tema de consulta registrado',
  finished: 'Atención finalizada',
  surveySent: 'Encuesta enviada',
  abandoned: 'Cita abandonada',
  abandonmentSent: 'Correo de abandono enviado',
  abandonmentNotResent: 'Correo de abandono no reenviado (ya se había enviado)',
  invitationSent: 'Invitación a talleres enviada',
  /** «Invitar a talleres» refused or failed: nothing was sent (never audited as sent). */
  invitationNotSent: 'Invitación a talleres no enviada',
  extranetMarked: 'Aviso en extranet',
  reinstated: 'Cita reactivada',
  cancelled: 'Cita cancelada a mano',
  cancelEvent: 'Reunión de la cita cancelada',
  refused: 'Acción no permitida',
  sendProblem: 'Correo no enviado',
  sendAmbiguous: 'Correo por revisar',
} as const;

/** The day closing's log line about surveys and abandonment emails sent late (pending ones). */
export function pendingMailLine(r: { sent: number; waiting: number; ambiguous: number }): string {
  const parts = [`${r.sent} correo(s) pendiente(s) de encuesta o abandono enviado(s)`];
  if (r.waiting) parts.push(`${r.waiting} siguen en espera`);
  if (r.ambiguous) parts.push(`${r.ambiguous} por revisar en «Revisión»`);
  return `${parts.join('; ')}.`;
}
