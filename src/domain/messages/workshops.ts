/**
 * What a consultant reads when organising the modules of "Aprende a Emprender" (B01): the form's
 * per-field messages, refusals of the whole module, answers of a save, and the audit lines.
 */

/** Roman numerals of the quarters, as the sheet writes them. */
export const QUARTER_MONTHS: Readonly<Record<string, string>> = {
  I: 'enero a marzo',
  II: 'abril a junio',
  III: 'julio a septiembre',
  IV: 'octubre a diciembre',
};

export const MODULE_FIELD_MESSAGES = {
  nameMissing: 'Escriba el nombre del módulo.',
  nameInvalid: 'El nombre del módulo debe empezar con una letra o un número.',
  nameTooLong: (max: number) => `El nombre del módulo es demasiado largo (máximo ${max} caracteres).`,
  nameTaken: (quarter: string, year: number) => `Ya hay un módulo con ese nombre en el trimestre ${quarter} de ${year}. Elija otro nombre o edite el que existe.`,
  yearInvalid: (min: number, max: number) => `Escriba el año del módulo con cuatro cifras (de ${min} a ${max}).`,
  quarterInvalid: 'Elija el trimestre: I, II, III o IV.',
  audienceMissing: 'Indique el público objetivo del módulo.',
  audienceInvalid: 'El público objetivo debe empezar con una letra o un número.',
  capacityInvalid: (max: number) => `Indique los cupos con un número entero de 1 a ${max}.`,
  attendanceInvalid: 'Indique cuántas sesiones debe asistir una persona para recibir el certificado (un número entero, al menos 1).',
  attendanceTooHigh: (sessions: number) =>
    `La asistencia mínima no puede ser mayor que el número de sesiones del módulo (${sessions}).`,
  whatsappInvalid: 'El enlace del grupo de WhatsApp debe empezar con https://chat.whatsapp.com/ (cópielo desde «Invitar al grupo mediante enlace»).',
  sessionsMissing: 'Agregue al menos una sesión al módulo.',
  sessionsTooMany: (max: number) => `Un módulo puede tener como máximo ${max} sesiones.`,
} as const;

export const SESSION_FIELD_MESSAGES = {
  topicMissing: 'Escriba el tema de la sesión.',
  topicInvalid: 'El tema debe empezar con una letra o un número.',
  dateMissing: 'Indique la fecha de la sesión.',
  dateInvalid: 'La fecha no es válida. Use el calendario o escríbala como dd/mm/aaaa.',
  dateOutsideQuarter: (quarter: string, year: number) =>
    `La fecha debe estar dentro del trimestre ${quarter} de ${year} (${QUARTER_MONTHS[quarter] ?? ''}).`,
  datePast: 'La fecha ya pasó. Elija una fecha desde hoy en adelante.',
  startMissing: 'Indique la hora de inicio (hora de Lima).',
  startInvalid: 'La hora de inicio no es válida. Escríbala como HH:mm, por ejemplo 18:00.',
  startPast: 'Esa hora de hoy ya pasó. Elija una hora posterior.',
  endMissing: 'Indique la hora de fin (hora de Lima).',
  endInvalid: 'La hora de fin no es válida. Escríbala como HH:mm, por ejemplo 20:00.',
  endNotAfterStart: 'La hora de fin debe ser posterior a la hora de inicio.',
  overlaps: (other: number, from: string, to: string) => `Se cruza con la sesión ${other} de este módulo (de ${from} a ${to}).`,
  speakerMissing: 'Escriba el nombre del ponente.',
  speakerInvalid: 'El nombre del ponente debe empezar con una letra y no puede tener números ni signos como «=», «+», «@», «<» o «;».',
  speakerTooLong: 'El nombre del ponente es demasiado largo (máximo 200 caracteres).',
  speakerEmailMissing: 'Escriba el correo del ponente.',
  speakerEmailInvalid: 'El correo del ponente no es válido. Revíselo, por ejemplo: nombre@dominio.com.',
  speakerBusy: (module: string, date: string, from: string, to: string) =>
    `Este ponente ya tiene una sesión del módulo «${module}» el ${date}, de ${from} a ${to}. Una persona no puede estar en dos lugares a la vez.`,
} as const;

export const WORKSHOP_MESSAGES = {
  wrongRole:
    'Los módulos de talleres se organizan en la hoja «Programación Talleres Masivos». Abra el panel en esa hoja.',
  notConfigured: 'Falta configurar esta hoja: pida a la coordinación que use «Emprendimiento › Configurar esta hoja».',
  tabsMissing: 'Faltan las pestañas de talleres en esta hoja. Pida a la coordinación que use «Emprendimiento › Configurar esta hoja».',
  invalidForm: 'Revise los datos marcados: el módulo no se guardó.',
  notFound: 'No encontramos ese módulo en la pestaña «Módulos». Actualice la lista e inténtelo otra vez.',
  alreadyStarted: (when: string) =>
    `Este módulo ya no se puede editar: su primera sesión empezó el ${when}. Si algo cambió, anótelo en «Observaciones» de la hoja.`,
  notEditableState: (state: string) => `Este módulo está «${state}» y ya no se puede editar.`,
  alreadyExists:
    'Este módulo ya se había guardado con otros datos. Ábralo desde la lista «Módulos» para editarlo.',
  created: (name: string) => `Se creó el módulo «${name}» como borrador.`,
  updated: (name: string) => `Se guardaron los cambios del módulo «${name}».`,
  unchanged: (name: string) => `El módulo «${name}» ya estaba guardado así; no hubo cambios.`,
  lockBusy: 'Otra tarea está usando la hoja en este momento. Espere un minuto y vuelva a guardar el módulo.',
  empty: 'Todavía no hay módulos. Use «Nuevo módulo» para organizar el primero.',
  attendanceRule: (n: number, m: number) => `al menos ${n} de ${m} sesiones`,
} as const;

/** Lines of the 'Registro de auditoría'. */
export const WORKSHOP_AUDIT = {
  created: 'Módulo creado',
  updated: 'Módulo modificado',
  refused: 'Cambio de módulo rechazado',
  /** 'campo: antes → después' */
  change: (field: string, before: string, after: string) => `${field}: ${before || '(vacío)'} → ${after || '(vacío)'}`,
  sessionAdded: 'Sesión de módulo agregada',
  sessionChanged: 'Sesión de módulo modificada',
  sessionRemoved: 'Sesión de módulo retirada',
  sessionRemovedDetail: 'Estado: Programada → Cancelada (la fila se conserva)',
  moduleFieldsUnchanged: 'Los datos del módulo no cambiaron; cambiaron sus sesiones.',
} as const;

/** Field names as the audit line and the panel call them. */
export const MODULE_FIELD_LABELS = {
  name: 'Módulo',
  year: 'Año',
  quarter: 'Trimestre',
  audience: 'Público objetivo',
  capacity: 'Cupos',
  minSessions: 'Asistencia mínima',
  whatsappUrl: 'Grupo de WhatsApp',
  topic: 'Tema',
  date: 'Fecha',
  startTime: 'Hora de inicio',
  endTime: 'Hora de fin',
  speaker: 'Ponente',
  speakerEmail: 'Correo del ponente',
} as const;
