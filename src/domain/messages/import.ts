/**
 * What a consultant reads when importing the platform's report (A01) or booking a walk-in from
 * the sidebar: refusals of the whole file, the 'Revisión' entries for rejected rows, the audit
 * lines, and the booking form's per-field messages. Row-level reasons and the import summary
 * live in `../import/messages.ts`.
 */
import { formatLimaDateTime } from '../lima-time';

/** Largest report accepted (bytes once decoded): the platform's report of a month is far smaller. */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;

export const IMPORT_FILE_MESSAGES = {
  empty: 'El archivo está vacío. Descargue otra vez el reporte de citas de la plataforma y vuelva a importarlo.',
  tooLarge: (mb: number) =>
    `El archivo es demasiado grande (más de ${mb} MB). Importe solo el reporte de citas reservadas de la plataforma.`,
  badBase64: 'No se pudo leer el archivo enviado. Vuelva a seleccionarlo e inténtelo otra vez.',
  notCsvOrXlsx: (kind: string) =>
    `El archivo no es un CSV ni un Excel (.xlsx)${kind ? ` (parece ${kind})` : ''}. Descargue el reporte de citas de la plataforma en formato CSV o Excel y vuelva a importarlo.`,
  damagedZip:
    'El archivo parece un Excel (.xlsx) pero está dañado o incompleto. Descárguelo otra vez de la plataforma y vuelva a importarlo.',
  noRows: 'El reporte no tiene citas: solo se encontró la fila de encabezados.',
  lockBusy: 'Otra tarea está usando la hoja en este momento. Espere un minuto y vuelva a importar el reporte.',
  setupMissing: 'Falta configurar esta hoja: use «Emprendimiento › Configurar esta hoja» y vuelva a importar el reporte.',
  /**
   * When the reminders of the appointments this import added or moved go out, and whether the
   * cancelled ones' Calendar events are being removed now (only what is true is said).
   */
  reminderTiming: (t: { soon: number; soonDays: string; tomorrow: number; later: number; runAt: string; runRequested: boolean; cancelledEvents: boolean }) => {
    const parts: string[] = [];
    if (t.runRequested && t.soon) {
      parts.push(
        t.soon === 1
          ? `El recordatorio de la cita nueva o cambiada de ${t.soonDays} se enviará en unos minutos.`
          : `Los recordatorios de las ${t.soon} citas nuevas o cambiadas de ${t.soonDays} se enviarán en unos minutos.`,
      );
    }
    if (t.tomorrow) {
      parts.push(
        t.tomorrow === 1
          ? `El recordatorio de la cita nueva o cambiada de mañana se enviará hoy a las ${t.runAt}, la hora de los recordatorios.`
          : `Los recordatorios de las ${t.tomorrow} citas nuevas o cambiadas de mañana se enviarán hoy a las ${t.runAt}, la hora de los recordatorios.`,
      );
    }
    if (t.later) {
      parts.push(
        `Los recordatorios de las citas de días siguientes se enviarán la víspera de cada una, a las ${t.runAt}.`,
      );
    }
    if (t.runRequested && t.cancelledEvents) parts.push('Los eventos de Calendar de las citas canceladas se quitarán en unos minutos.');
    return parts.join(' ');
  },
  walkInsKept: (n: number) =>
    `${n === 1 ? 'Una cita registrada' : `${n} citas registradas`} desde el panel coinciden con el reporte y se dejaron como estaban.`,
  reminderRunFailed:
    'No se pudo programar el envío inmediato de recordatorios; saldrán en la próxima ejecución diaria. Si la cita es hoy, avise al usuario.',
  reviewTabMissing:
    'No existe la pestaña «Revisión»: las filas rechazadas no quedaron anotadas allí. Use «Emprendimiento › Configurar esta hoja».',
} as const;

/** Kinds the file was recognised as, for `notCsvOrXlsx`. */
export const FILE_KIND_NAMES = {
  pdf: 'un PDF',
  image: 'una imagen',
  zip: 'un archivo comprimido que no es un Excel',
  word: 'un documento de Word',
  ods: 'una hoja de cálculo OpenDocument (.ods)',
  binary: 'un archivo binario',
} as const;

/** The 'Revisión' tab's 'Tipo' for a row of the report that was not imported. */
export const REVIEW_KIND_REJECTED_ROW = 'Fila rechazada en importación';

/** Longest 'Detalle' written to 'Revisión' for a rejected row. */
export const REVIEW_DETAIL_MAX = 5000;

export const IMPORT_REVIEW = {
  reference: (fileName: string, line: number) => `${fileName} · fila ${line}`,
  /** Capped: a broken row can hold a whole file's text, and a Sheets cell takes at most 50,000 characters. */
  detail: (reason: string, raw: string[]) => {
    const values = raw.map((v) => v.trim()).filter((v) => v !== '');
    const text = values.length ? `${reason}. Datos de la fila: ${values.join(' | ')}` : reason;
    return text.length > REVIEW_DETAIL_MAX ? `${text.slice(0, REVIEW_DETAIL_MAX - 1)}…` : text;
  },
} as const;

/**
 * The import's preview, its confirmation and the undo of its cancellations (issue 10 item 2).
 * Dates and times are Lima's.
 */
export const IMPORT_PREVIEW_MESSAGES = {
  /** The first sentence of the preview. */
  previewIntro: 'Vista previa: todavía no se guardó nada. Revise la lista y confirme para aplicar los cambios.',
  nothingToApply: 'El reporte no trae cambios para las citas registradas: no hay nada que aplicar.',
  scope: (from: string, to: string, consultants: string[]) => {
    const days = from === to ? `del ${from}` : `del ${from} al ${to}`;
    const who = consultants.filter((c) => c !== '');
    const people =
      who.length === 0
        ? ''
        : who.length === 1
          ? ` y solo a las de ${who[0]}`
          : ` y solo a las de ${who.slice(0, -1).join(', ')} y ${who[who.length - 1]}`;
    return `El reporte cubre las citas ${days}. Una cita que no figura en el reporte solo se cancela si es de esas fechas${people}; las demás no se tocan.`;
  },
  emptyScope: 'El reporte no trae citas válidas: no se cancelará ninguna cita.',
  cancelInferred: 'ya no figura en el reporte',
  cancelAnnulled: 'anulada en la plataforma',
  cancelToday: 'es de hoy',
  changedFields: (labels: string[]) => `cambia: ${labels.join(', ')}`,
  movedTo: (when: string) => `pasa al ${when}`,
  reinstated: 'se reactiva',
  heldBack: (n: number) =>
    n === 1
      ? 'Una cita de hoy o de un grupo grande que el reporte ya no lista no se canceló: para cancelarla, importe el reporte desde el panel y confirme la cancelación.'
      : `${n} citas de hoy o de un grupo grande que el reporte ya no lista no se cancelaron: para cancelarlas, importe el reporte desde el panel y confirme la cancelación.`,
  secondConfirmationToday: (n: number) =>
    n === 1 ? 'Se cancelaría 1 cita de hoy.' : `Se cancelarían ${n} citas de hoy.`,
  secondConfirmationShare: (n: number, total: number, percent: number) =>
    `Se cancelarían ${n} de las ${total} citas programadas que cubre el reporte (más del ${percent} %). ¿El reporte está completo?`,
  secondConfirmationAsk: 'Para aplicar estas cancelaciones marque «Sí, cancelar también estas citas» y confirme otra vez.',
  secondConfirmationMissing:
    'Esta importación cancela citas de hoy o muchas citas a la vez: marque «Sí, cancelar también estas citas» para confirmarlo. No se guardó nada.',
  planMissing: 'Primero revise la vista previa del reporte y luego confirme. No se guardó nada.',
  planChanged:
    'El reporte o las citas registradas cambiaron desde la vista previa (otra persona o tarea modificó la hoja, o se eligió otro archivo). No se guardó nada: revise la nueva vista previa y confirme otra vez.',
  planExpired: 'La vista previa tiene más de 30 minutos. No se guardó nada: revise la nueva vista previa y confirme otra vez.',
  cancelledNow: (n: number) => (n === 1 ? 'Se canceló 1 cita:' : `Se cancelaron ${n} citas:`),
  // Undo
  undoNotFound: 'Ya no se puede deshacer esta importación (pasaron más de 7 días o ya se deshizo). Si una cita debe volver, reactívela desde «Citas de hoy» o pida al usuario que reserve otra vez.',
  undoDone: (n: number) => (n === 1 ? 'Se deshizo la cancelación de 1 cita: vuelve a estar programada.' : `Se deshizo la cancelación de ${n} citas: vuelven a estar programadas.`),
  undoAlready: (n: number) => (n === 1 ? '1 cita ya estaba restaurada.' : `${n} citas ya estaban restauradas.`),
  undoChanged: (n: number) =>
    n === 1
      ? '1 cita no se restauró porque cambió después de la importación (alguien la modificó, la reactivó o ya pasó su hora); revísela en «Citas».'
      : `${n} citas no se restauraron porque cambiaron después de la importación (alguien las modificó, las reactivó o ya pasó su hora); revíselas en «Citas».`,
  undoNothing: 'No se restauró ninguna cita.',
  undoLockBusy: 'Otra tarea está usando la hoja en este momento. Espere un minuto y vuelva a pulsar «Deshacer las cancelaciones».',
  undoRowChanged: 'cambió después de la importación',
  undoRowAlready: 'ya estaba restaurada',
  undoRowMissing: 'ya no está en «Citas»',
} as const;

/** Lines of the 'Registro de auditoría'. */
export const IMPORT_AUDIT = {
  import: 'Importación de citas',
  undo: 'Cancelaciones de importación deshechas',
  undoRow: 'Cancelación por importación deshecha',
  cancelled: 'Cita cancelada por importación',
  moved: 'Cita reprogramada por importación',
  reinstated: 'Cita reactivada por importación',
  reminderRun: 'Recordatorios inmediatos solicitados',
  reminderRunDetail: 'Hay citas para hoy o mañana registradas después de la hora de recordatorios.',
  walkIn: 'Cita registrada desde el panel',
  walkInRefused: 'Cita desde el panel no registrada',
} as const;

/**
 * The Observaciones line the import writes when it cancels an appointment the report no longer
 * lists. The import recognises its own cancellations by this text: one cancelled any other way
 * (by a person) is never reactivated by a later report.
 */
export const IMPORT_CANCELLATION_REASON = 'ya no figura en el reporte de la plataforma';
export const IMPORT_CANCELLATION_PLATFORM = 'anulada en la plataforma';

// ---------------------------------------------------------------------------- walk-in booking

export type WalkInField = 'documentType' | 'dni' | 'fullName' | 'email' | 'phone' | 'date' | 'time' | 'consultant';

export const WALK_IN_MESSAGES = {
  dniMissing: 'Escriba el DNI.',
  dniInvalid: 'El DNI debe tener 8 dígitos (solo números).',
  documentMissing: 'Escriba el número de documento.',
  documentInvalid: 'El número de documento debe tener de 5 a 15 letras o números.',
  nameMissing: 'Escriba los nombres y apellidos.',
  nameTooLong: 'Los nombres y apellidos son demasiado largos (máximo 200 caracteres).',
  emailMissing: 'Escriba el correo electrónico: allí le llegan el recordatorio y el enlace de Meet.',
  emailInvalid: 'El correo electrónico no es válido (por ejemplo: nombre@gmail.com).',
  phoneInvalid: 'El celular debe tener 9 dígitos y empezar con 9 (por ejemplo: 987 654 321).',
  dateMissing: 'Elija la fecha de la cita.',
  dateInvalid: 'La fecha no es válida (use dd/mm/aaaa).',
  timeMissing: 'Elija la hora de la cita.',
  timeInvalid: 'La hora no es válida (por ejemplo: 09:30 o 3:30 p. m.).',
  past: 'Esa fecha y hora ya pasaron: elija una hora futura.',
  tooFar: (days: number) => `La cita no puede ser dentro de más de ${days} días.`,
  consultantMissing: 'Indique el consultor que atenderá la cita.',
  invalidForm: 'Revise los datos marcados.',
  slotTaken: (when: Date, consultant: string) =>
    `El horario del ${formatLimaDateTime(when)} ya está reservado para ${consultant}. Elija otra hora u otro consultor.`,
  personBusy: (when: Date) =>
    // The time ends in 'a. m.'/'p. m.': a colon, not a second period, goes after it.
    `Esta persona ya tiene una cita el ${formatLimaDateTime(when)}: elija otra hora.`,
  booked: (when: Date, consultant: string) => `Cita registrada para el ${formatLimaDateTime(when)} con ${consultant}.`,
  alreadyBooked: (when: Date, consultant: string) =>
    `Esta cita ya estaba registrada (${formatLimaDateTime(when)} con ${consultant}); no se creó otra.`,
  reinstated: (when: Date, consultant: string) =>
    `La cita del ${formatLimaDateTime(when)} con ${consultant} estaba cancelada y se reactivó.`,
  reminderSoon: 'El recordatorio con el enlace de Meet se enviará en unos minutos.',
  lockBusy: 'Otra persona o tarea está usando la hoja en este momento. Espere unos segundos y vuelva a intentarlo.',
} as const;
