/**
 * What a person reads about a module's consolidation and its report to the Dirección (B12):
 * the generated tabs' headers and chart titles, the report's PDF and email, the panel's answers
 * and the audit lines. Spanish (Peru), polite.
 */

/** The generated tabs: titles, section headings and column headers. */
export const CONSOLIDATION_TEXT = {
  attendanceTitle: (module: string) => `Consolidado de asistencia – ${module}`,
  surveyTitle: (module: string) => `Consolidado de encuestas – ${module}`,
  generatedAt: (when: string) => `Actualizado el ${when} (hora de Lima). Esta pestaña se reemplaza al volver a consolidar: no escriba en ella.`,
  rule: (n: number, m: number) => `Regla del certificado: al menos ${n} de ${m} sesiones.`,
  noRule: 'Regla del certificado: por definir (Asistencia mínima en 0).',
  perSession: 'Asistencia por sesión',
  matrix: 'Asistencia de los inscritos confirmados',
  session: (n: number) => `Sesión ${n}`,
  sessionHeaders: { session: 'Sesión', attended: 'Asistentes', date: 'Fecha', topic: 'Tema', percent: '% de inscritos' },
  matrixHeaders: { number: 'N.°', name: 'Nombres y apellidos', attended: 'Sesiones asistidas', percent: '% de asistencia', meets: 'Cumple la regla' },
  present: 'Sí',
  absent: '',
  yes: 'Sí',
  no: 'No',
  nobody: 'No hay inscritos confirmados.',
  satisfaction: 'Satisfacción por sesión (escala de 1 a 5)',
  satisfactionHeaders: { session: 'Sesión', satisfaction: 'Satisfacción (promedio)', answers: 'Respuestas', score: 'Puntaje promedio' },
  byQuestion: 'Resultados por pregunta',
  questionHeaders: { session: 'Sesión', question: 'Pregunta', answers: 'Respuestas', mean: 'Promedio' },
  allSessions: 'Todo el módulo',
  recommend: '¿Recomendaría el taller?',
  recommendHeaders: { session: 'Sesión', answers: 'Respuestas' },
  comments: 'Comentarios (sin nombres)',
  commentHeaders: { session: 'Sesión', comment: 'Comentario' },
  noComments: 'Sin comentarios.',
  questions: ['Satisfacción con la sesión', 'Contenido claro y útil', 'Ponente', 'Conexión a Meet'] as const,
  attendanceChart: 'Asistentes por sesión',
  satisfactionChart: 'Satisfacción por sesión (1 a 5)',
} as const;

/** The report to the Dirección (its PDF). */
export const REPORT_TEXT = {
  title: 'Informe del módulo',
  programme: 'Programa «Aprende a Emprender» – Servicio de Orientación para el Emprendimiento',
  version: (v: number, when: string) => `Versión ${v} · elaborado el ${when} (hora de Lima)`,
  figures: 'Cifras del módulo',
  figure: {
    registered: 'Inscripciones recibidas',
    confirmed: 'Inscritos confirmados',
    waiting: 'En lista de espera',
    withdrawn: 'Retirados',
    sessions: 'Sesiones realizadas',
    completion: 'Cumplen la regla del certificado',
    certificates: 'Certificados emitidos (vigentes)',
    answers: 'Encuestas respondidas',
  },
  completionValue: (meets: number, of: number, rule: string) => `${meets} de ${of} (${rule})`,
  ruleText: (n: number, m: number) => `al menos ${n} de ${m} sesiones`,
  noRule: 'regla por definir',
  attendance: 'Asistencia por sesión',
  satisfaction: 'Satisfacción por sesión (promedio de 1 a 5)',
  noAnswers: 'sin respuestas',
  lists: 'Listas de asistencia',
  survey: 'Resumen de la encuesta de satisfacción',
  recommend: '¿Recomendaría el taller?',
  comments: 'Comentarios de los participantes',
  fileName: (module: string, version: number) => `Informe a la Dirección – ${module} – v${version}.pdf`,
} as const;

/** The email to the Dirección with the PDF attached. */
export const REPORT_EMAIL = {
  subject: (module: string, version: number) => (version > 1 ? `Informe del módulo «${module}» (versión ${version})` : `Informe del módulo «${module}»`),
  greeting: 'Estimada Dirección:',
  intro: (module: string, dates: string) => `Le hacemos llegar, adjunto en PDF, el informe del módulo «${module}»${dates ? ` (${dates})` : ''} del programa «Aprende a Emprender», con sus cifras, las listas de asistencia y el resumen de la encuesta de satisfacción.`,
  newVersion: (version: number) => `Esta es la versión ${version} del informe: reemplaza a la enviada anteriormente.`,
  summary: (confirmed: number, meets: number, certificates: number) =>
    `En resumen: ${confirmed} inscritos confirmados, ${meets} cumplieron la regla de asistencia y se emitieron ${certificates} certificados.`,
  signature: 'Atentamente,\nServicio de Orientación para el Emprendimiento – MTPE',
} as const;

export const REPORT_MESSAGES = {
  notTalleres: 'Esta función está disponible en la hoja «Programación Talleres Masivos».',
  notFound: 'No se encontró el módulo. Actualice la lista e inténtelo de nuevo.',
  lockBusy: 'Otra persona está trabajando en los módulos en este momento. Inténtelo de nuevo en unos segundos.',
  noSessions: 'El módulo no tiene sesiones que contar: no hay nada que consolidar.',
  consolidated: (when: string) => `Consolidado actualizado el ${when}: se reemplazaron las pestañas de asistencia y de encuestas del módulo.`,
  consolidationFailed: (reason: string) => `No se pudo escribir el consolidado en la hoja: ${reason}. Inténtelo de nuevo; las pestañas se rehacen completas.`,
  notEnded: (when: string) => `El informe se envía cuando haya terminado la última sesión del módulo${when ? ` (${when})` : ''}.`,
  noRecipient: (setting: string, fallback: string) =>
    `Falta el correo de la Dirección: complete «${setting}» (o «${fallback}») en la pestaña «Configuración» y vuelva a intentarlo.`,
  badRecipient: (setting: string, value: string) => `El correo de la Dirección en «${setting}» no es válido («${value}»). Corríjalo en «Configuración».`,
  alreadySent: (version: number, when: string, to: string) =>
    `La versión ${version} del informe ya se envió el ${when} a ${to}. Si necesita enviar una versión corregida, use «Enviar nueva versión».`,
  interrupted: (version: number) =>
    `Un envío anterior de la versión ${version} del informe se interrumpió y no se sabe si llegó a la Dirección; no se reenvía automáticamente. Consulte con la Dirección y, si no lo recibió, use «Enviar nueva versión». Quedó anotado en «Revisión».`,
  meanwhile: (version: number) => `Mientras tanto alguien más envió el informe (ahora va en la versión ${version}). Revise el estado antes de enviar otra versión.`,
  sent: (version: number, to: string) => `Se envió la versión ${version} del informe a ${to}, con el PDF adjunto.`,
  sendFailed: (reason: string) => `No se pudo enviar el informe: ${reason} Inténtelo de nuevo más tarde.`,
  failed: (reason: string) => `No se pudo completar el informe: ${reason}. Inténtelo de nuevo: lo que ya se envió no se vuelve a enviar.`,
} as const;

export const REPORT_AUDIT = {
  consolidated: 'Módulo consolidado',
  consolidatedAuto: 'Módulo consolidado (automático)',
  reportSent: 'Informe enviado a la Dirección',
  reportPdf: 'PDF del informe guardado',
  refused: 'Informe del módulo no enviado',
  consolidationRefused: 'Consolidado no realizado',
  reviewKind: 'Informe del módulo por confirmar',
  reviewDetail: (module: string, version: number, to: string) =>
    `El envío de la versión ${version} del informe del módulo «${module}» a ${to} se interrumpió: confirme con la Dirección si lo recibió; si no, envíe una nueva versión desde el panel.`,
  detail: (to: string, version: number, url: string) => `Versión ${version} a ${to} · ${url}`,
} as const;
