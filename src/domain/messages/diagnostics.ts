/**
 * What a coordinator reads in the «Diagnóstico» report (src/domain/diagnostics.ts builds it):
 * the tab, its headers, the name of each check, the three results and every detail sentence.
 */

export const DIAGNOSTICS_TAB_NAME = 'Diagnóstico';

export const DIAGNOSTICS_HEADERS = ['Comprobación', 'Resultado', 'Detalle', 'Fecha y hora'] as const;

export const RESULT_LABELS = { ok: 'OK', attention: 'Atención', failure: 'Falla' } as const;

export const CHECK_NAMES = {
  plainText: 'Texto que empieza con =, +, - o @',
  timeZones: 'Zona horaria (hoja y script)',
  meet: 'Calendar y Google Meet',
  forms: 'Formularios publicados',
  triggers: 'Activadores',
  triggerOwner: 'Dueño(a) de los activadores',
  mailQuota: 'Cuota de correo de hoy',
  scopes: 'Permisos concedidos (OAuth)',
} as const;

const list = (xs: readonly string[]) => xs.map((x) => `«${x}»`).join(', ');

export const DIAGNOSTICS_MESSAGES = {
  couldNotCheck: (error: string) => `No se pudo comprobar: ${error}`,

  plainTextOk: (samples: readonly string[]) =>
    `Escritos en una celda con formato de texto sin formato (@), ${list(samples)} se leyeron tal cual: ninguno se volvió fórmula ni número.`,
  plainTextFormula: (s: string, formula: string) => `${`«${s}»`} se volvió la fórmula ${formula}`,
  plainTextChanged: (s: string, read: string) => `«${s}» se leyó como «${read}»`,
  plainTextFailed: (problems: readonly string[]) =>
    `${problems.join('; ')}. El sistema supone que una celda de texto guarda lo escrito tal cual: avise al equipo técnico antes de registrar datos.`,

  timeZonesOk: 'La hoja y el script usan America/Lima (hora de Lima).',
  timeZoneSheet: (tz: string) => `La hoja usa «${tz}»: ejecute «Configurar esta hoja», que la pone en America/Lima.`,
  timeZoneScript: (tz: string) =>
    `El script usa «${tz}»: el archivo appsscript.json debe decir America/Lima; vuelva a desplegar el proyecto.`,

  meetOk: (url: string) => `Se creó un evento de prueba con enlace de Meet (${url}) en su calendario principal y se borró.`,
  meetNoLink: (status: string) =>
    `Se creó el evento de prueba, pero Meet no dio un enlace (estado: ${status}). Revise que Google Meet esté habilitado para su cuenta.`,
  meetInsertFailed: (error: string) =>
    `No se pudo crear un evento con Meet en su calendario principal: ${error}. Revise que el servicio avanzado Calendar esté habilitado y los permisos concedidos.`,
  meetNotRemoved: (title: string, error: string) =>
    `El evento de prueba «${title}» no se pudo borrar (${error}): bórrelo a mano de su calendario.`,
  meetTitle: 'Prueba del diagnóstico (se borra sola)',
  meetDescription: 'Evento creado por «Diagnóstico» para comprobar Google Meet. Se borra en el acto.',

  noForms: 'Esta hoja no administra formularios.',
  surveyFormName: 'Encuesta de satisfacción',
  registrationFormName: 'Formulario de inscripción a los talleres',
  // Check-in form (B09, i12-checkin).
  checkinFormName: 'Formato de asistencia a las sesiones',
  // B08 (issue 12): the workshop survey form.
  workshopSurveyFormName: 'Encuesta de satisfacción de los talleres',
  externalRequestFormName: 'Solicitud de talleres para instituciones',
  formMissingId: (name: string) => `No hay ${name} registrada: ejecute «Configurar esta hoja».`,
  formNotFound: (name: string, id: string) => `No se pudo abrir el formulario «${name}» (${id}): ejecute «Configurar esta hoja» para crearlo de nuevo.`,
  formOk: (name: string) => `«${name}» está publicado y acepta respuestas de cualquier persona con el enlace.`,
  formNotPublished: (name: string) => `«${name}» no está publicado: nadie puede responderlo. Ejecute «Configurar esta hoja».`,
  formNotAccepting: (name: string) =>
    `«${name}» no acepta respuestas: ábralo y active «Aceptar respuestas», o ejecute «Configurar esta hoja».`,
  formRequiresLogin: (name: string) =>
    `«${name}» solo admite cuentas de su dominio: los ciudadanos no podrán responder. En su configuración, desactive la restricción a usuarios de la organización.`,
  formLoginUnknown: 'no se pudo saber si exige iniciar sesión en el dominio',

  notConfigured: 'Esta hoja aún no está configurada: ejecute «Configurar esta hoja».',
  noTriggersNeeded: 'Esta hoja no necesita activadores.',
  dailyTrigger: (label: string, hour: number) => `${label} (todos los días entre las ${hour}:00 y las ${(hour + 1) % 24}:00)`,
  surveyTrigger: 'la vinculación de las respuestas de la encuesta (al enviarse cada respuesta)',
  registrationTrigger: 'el registro de las inscripciones (al enviarse cada respuesta del formulario de inscripción)',
  checkinTrigger: 'el registro de la asistencia (al enviarse cada respuesta del formato de asistencia)',
  workshopSurveyTrigger: 'el registro de las respuestas de la encuesta de talleres (al enviarse cada respuesta)',
  externalRequestTrigger: 'el registro de las solicitudes de taller de las instituciones (al enviarse cada solicitud)',
  triggersOk: (labels: readonly string[]) => `Existe uno de cada uno: ${labels.join('; ')}.`,
  triggerMissing: (label: string) => `falta ${label}`,
  triggerDuplicated: (label: string, n: number) => `${label} está ${n} veces`,
  triggerOutdated: (label: string) => `${label} tiene un horario distinto del configurado`,
  triggerStale: (label: string) => `${label} apunta a un formulario que ya no es el de la encuesta`,
  triggerUnneeded: (label: string) => `hay un activador de ${label} que esta hoja no usa`,
  triggersFailed: (problems: readonly string[]) => `${problems.join('; ')}. Ejecute «Configurar esta hoja» para corregirlo.`,
  triggersSeenOnlyByOwner: (owner: string) =>
    `Apps Script muestra a cada persona solo sus propios activadores, y los de esta hoja son de ${owner}: para revisarlos, ${owner} debe ejecutar «Diagnóstico».`,
  triggersAlsoYours: (handlers: readonly string[], owner: string) =>
    `Usted también tiene activadores de ${list(handlers)}, además de los de ${owner}: esas tareas se harían dos veces. Pida a ${owner} que ejecute «Configurar esta hoja», o elimine los suyos.`,

  ownerYou: (email: string) => `Los activadores son de ${email} (usted).`,
  ownerOther: (owner: string, me: string) => `Los activadores son de ${owner}; este diagnóstico lo ejecutó ${me || 'una cuenta no identificada'}.`,
  ownerNone: 'No hay dueño(a) registrado(a) de los activadores: ejecute «Configurar esta hoja».',
  ownerNotNeeded: 'Esta hoja no necesita activadores.',

  quotaOk: (n: number) => `Quedan ${n} destinatarios de correo para hoy.`,
  quotaLow: (n: number) => `Quedan solo ${n} destinatarios de correo para hoy: los envíos que no quepan esperarán a mañana.`,
  quotaNone: 'No quedan envíos de correo por hoy: recordatorios y encuestas esperarán a mañana.',

  scopesOk: (n: number) => `Los ${n} permisos que pide el proyecto están concedidos.`,
  scopesMissing: (scopes: readonly string[]) =>
    `Faltan permisos: ${scopes.join(', ')}. Ejecute cualquier opción del menú y acepte todos los permisos que Google pida.`,
  scopesRequired: 'Google indica que falta autorizar el script: ejecute cualquier opción del menú y acepte todos los permisos.',

  summary: (ok: number, attention: number, failure: number) =>
    failure + attention === 0
      ? `Diagnóstico: las ${ok} comprobaciones salieron bien.`
      : `Diagnóstico: ${ok} bien, ${attention} con atención, ${failure} con falla. Vea la pestaña «${DIAGNOSTICS_TAB_NAME}».`,
  toastTitle: 'Emprendimiento',
  auditAction: 'Diagnóstico ejecutado',
} as const;
