/**
 * What a person reads about a module's files (B04, B05): its Drive folder, the ficha técnica
 * (its PDF) and the banner uploaded from the panel. Spanish (Peru), polite.
 */

/** The service's folder in Drive, next to the spreadsheet: one per spreadsheet. */
export const SERVICE_FOLDER_NAME = 'Talleres – Aprende a Emprender';

/** A module's folder: its name and, in brackets, its ID — the ID finds it again after a crash. */
export const moduleFolderName = (name: string, quarter: string, year: number, id: string) => `${name} (${quarter} ${year}) [${id}]`;

/** The ficha técnica's file name. */
export const factSheetFileName = (moduleName: string) => `Ficha técnica – ${moduleName}.pdf`;

/** The ficha técnica itself. */
export const FACT_SHEET_TEXT = {
  title: 'Ficha técnica',
  programme: 'Programa «Aprende a Emprender» – Servicio de Orientación para el Emprendimiento',
  quarter: (quarter: string, year: number) => `Trimestre ${quarter} de ${year}`,
  objective: 'Objetivo',
  noObjective: 'Sin objetivo registrado.',
  audience: 'Público objetivo',
  capacity: 'Cupos',
  certificate: 'Certificado',
  certificateRule: (n: number, m: number) => `Se entrega a quienes asistan al menos ${n} de ${m} sesiones.`,
  noCertificateRule: 'Regla de asistencia por definir.',
  sessions: 'Sesiones',
  noSessions: 'El módulo aún no tiene sesiones programadas.',
  headers: { number: 'N.°', topic: 'Tema', date: 'Fecha (hora de Lima)', speaker: 'Ponente', answer: 'Respuesta del ponente' },
  timeRange: (start: string, end: string) => `${start} a ${end}`,
  registrants: 'Inscripciones a la fecha',
  confirmed: 'Inscritos confirmados',
  waiting: 'En lista de espera',
  generatedAt: (when: string) => `Generada el ${when} (hora de Lima).`,
} as const;

export const FILES_MESSAGES = {
  notFound: 'No se encontró el módulo. Actualice la lista e inténtelo de nuevo.',
  cancelled: 'Este módulo fue cancelado: no se generan archivos para él.',
  lockBusy: 'Otra persona está trabajando en los módulos en este momento. Inténtelo de nuevo en unos segundos.',
  driveFailed: (reason: string) => `Google Drive no respondió como se esperaba (${reason}). Inténtelo de nuevo en unos minutos.`,
  factSheetMade: (name: string) => `Se generó la ficha técnica de «${name}». Está en la carpeta del módulo en Drive.`,
  factSheetRemade: (name: string) => `Se generó de nuevo la ficha técnica de «${name}»; la anterior se envió a la papelera.`,
  factSheetOldKept: (name: string) =>
    `Se generó de nuevo la ficha técnica de «${name}». La anterior la creó otra persona y no se pudo enviar a la papelera: quedó fuera de la carpeta del módulo.`,
  // Banner upload (B04).
  bannerMissing: 'Elija el archivo del banner (PNG, JPG o PDF).',
  bannerBadBase64: 'El archivo no llegó completo. Vuelva a elegirlo e inténtelo de nuevo.',
  bannerEmpty: 'El archivo está vacío.',
  bannerTooBig: (maxMb: number) => `El archivo pesa más de ${maxMb} MB. Reduzca su tamaño e inténtelo de nuevo.`,
  bannerBadType: 'El archivo no es una imagen PNG o JPG ni un PDF. Suba el banner en uno de esos formatos.',
  bannerNotRequested: 'Primero solicite el banner a la Dirección («Solicitar banner»).',
  bannerUploaded: (name: string) => `Se guardó el banner de «${name}» en la carpeta del módulo y quedó como recibido.`,
} as const;

/** The audit log's lines. */
export const FILES_AUDIT = {
  folderCreated: 'Carpeta de Drive creada',
  folderFound: 'Carpeta de Drive encontrada',
  factSheet: 'Ficha técnica generada',
  factSheetOldTrashed: (id: string) => `Ficha anterior a la papelera: ${id}`,
  factSheetOldMoved: (id: string) => `Ficha anterior fuera de la carpeta (de otra persona): ${id}`,
  factSheetOldLeft: (id: string, reason: string) => `Ficha anterior no retirada (${reason}): ${id}`,
  bannerUploaded: 'Banner subido',
  refused: 'Archivo del módulo no hecho',
} as const;
