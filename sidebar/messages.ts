/** What the consultant reads in the panel's shell (Spanish, Peru). Server-side texts come from the server. */
export const M = {
  loading: 'Cargando…',
  loadingStatus: 'Revisando esta hoja…',
  settingUp: 'Configurando la hoja… puede tardar un minuto.',
  errorTitle: 'No se pudo completar la acción.',
  notInSheets: 'Este panel funciona dentro de Google Sheets: ábralo desde el menú «Emprendimiento».',
  unknownError: 'Ocurrió un error inesperado. Vuelva a intentarlo; si se repite, avise al responsable técnico.',
  googleBusy: 'Google no pudo atender el pedido en este momento. Espere unos segundos y vuelva a intentarlo.',
  timedOut: 'La operación tardó demasiado y Google la detuvo. Vuelva a intentarlo; lo que ya se hizo no se repite.',
  noConnection: 'Se perdió la conexión con Google. Revise su internet y vuelva a intentarlo.',
  chooseRole: 'Elija qué hoja es esta.',
  facts: {
    spreadsheet: 'Hoja',
    role: 'Función',
    sibling: 'Hoja hermana (ID)',
    tasksOwner: 'Tareas automáticas a cargo de',
    lastSetup: 'Última configuración',
    user: 'Usted',
  },
  none: '—',
  notConfigured: 'Esta hoja aún no está configurada. Use «Configurar esta hoja».',
  configured: 'La hoja está lista.',
  missingTabs: (tabs: string[]) =>
    `Faltan ${tabs.length === 1 ? 'la pestaña' : 'las pestañas'} ${tabs.map((t) => `«${t}»`).join(', ')}. Vuelva a configurar la hoja para crearlas.`,
  takeoverHelp: (owner: string) =>
    `Las tareas automáticas las instaló ${owner}. Márquelo solo si esa persona ya no trabaja con esta hoja.`,
  version: (v: string) => `Servicio de Orientación para el Emprendimiento – MTPE · versión ${v}`,

  // ------------------------------------------------------------------ the day (A03–A06)
  day: {
    loading: 'Cargando las citas de hoy…',
    mine: (n: number) => `Mías (${n})`,
    all: (n: number) => `Todas (${n})`,
    refresh: 'Actualizar',
    empty: 'No hay citas para hoy.',
    emptyMine: 'No tiene citas asignadas hoy. Elija «Todas» para ver las del equipo.',
    counts: (attended: number, abandoned: number, open: number) =>
      `Atendidas: ${attended} · Abandonadas: ${abandoned} · Por atender: ${open}`,
    review: (n: number) =>
      n === 1
        ? 'Hay 1 asunto por revisar en la pestaña «Revisión».'
        : `Hay ${n} asuntos por revisar en la pestaña «Revisión».`,
    listLabel: 'Citas de hoy',
    consultant: (name: string) => `Consultor(a): ${name}`,
    // Countdown (A03: 5 minutes of tolerance from the appointment's time)
    startsIn: (t: string) => `Empieza en ${t}`,
    tolerance: (t: string) => `Tolerancia: quedan ${t}`,
    late: 'Pasó la tolerancia: si no logró contactar al usuario, puede marcarla como abandonada.',
    lateShort: 'Pasó la tolerancia',
    // The attention's running time ('En atención'), on the server's clock
    sessionElapsed: (t: string) => `En atención: ${t}`,
    sessionOf: (t: string, standard: number) => `En atención: ${t} (duración prevista: ${standard} min)`,
    sessionOver: (t: string, standard: number) => `En atención: ${t} — pasó la duración prevista de ${standard} min`,
    // The day refreshes itself (every minute while shown)
    autoRefreshed: (hhmm: string) => `Se actualiza sola cada minuto · última vez a las ${hhmm}`,
    autoRefreshFailed: (minutes: number) =>
      minutes === 1
        ? 'No se pudo actualizar la lista; se volverá a intentar en 1 minuto. Lo que ve puede no estar al día.'
        : `No se pudo actualizar la lista; se volverá a intentar en ${minutes} minutos. Lo que ve puede no estar al día.`,
    // Detail
    contact: 'Contacto',
    dni: (type: string, n: string) => `${type || 'Documento'}: ${n || '—'}`,
    email: 'Correo',
    call: 'Llamar',
    whatsapp: 'WhatsApp',
    noPhone: 'Sin teléfono registrado.',
    noEmail: 'Sin correo válido.',
    meet: 'Abrir Meet',
    noMeet: 'Aún no hay enlace de Meet (se crea con el recordatorio).',
    statusTitle: 'Estado',
    duration: (min: number) => `Duración: ${min} min`,
    extranetTitle: 'Aviso en la extranet',
    extranetShowMessage: 'Ver el mensaje para la extranet',
    extranetMessage: 'Mensaje para la extranet',
    copy: 'Copiar mensaje',
    copied: 'Mensaje copiado. Péguelo en la notificación de la extranet.',
    copyFailed: 'No se pudo copiar automáticamente: el mensaje quedó seleccionado; cópielo con Ctrl+C.',
    extranetDone: 'Aviso enviado en la extranet',
    start: 'Iniciar',
    scriptTitle: 'Pauta de atención',
    sayLabel: 'Diga:',
    doLabel: 'Haga:',
    topic: 'Tema de la consulta',
    chooseTopic: 'Elija un tema…',
    notes: 'Notas',
    save: 'Guardar tema y notas',
    invite: 'Invitar a talleres',
    observations: 'Observaciones',
    finish: 'Finalizar',
    abandonTitle: 'Marcar como abandonada',
    reason: 'Motivo del abandono',
    chooseReason: 'Elija un motivo…',
    detail: 'Detalle',
    detailHelp: 'Obligatorio si elige «Otro». No se envía al usuario.',
    abandon: 'Marcar abandonada',
    // «Pendientes de días anteriores» and «Cancelar cita»
    earlierBadge: 'Día anterior',
    lateDuration: 'Duración de la atención (minutos)',
    lateDurationHelp: 'Obligatoria: la cita es de un día anterior, así que el sistema no puede medirla.',
    lateAbandonHelp: 'Como la cita es de un día anterior, no se enviará el aviso de cita abandonada al usuario.',
    cancelTitle: 'Cancelar cita',
    cancelReason: 'Motivo de la cancelación',
    cancelReasonHelp: 'Obligatorio (al menos 5 caracteres). Queda en Observaciones; no se envía ningún correo al usuario.',
    cancelButton: 'Cancelar cita',
    busyCancel: 'Cancelando la cita…',
    resendAbandonment: 'Enviarle el aviso otra vez',
    resendAbandonmentHelp: 'El usuario ya recibió el aviso de cita abandonada. Si no marca esta casilla, no se le envía otro.',
    reinstate: 'Reactivar',
    reinstateHelp: 'Si el usuario se comunicó más tarde o marcó esta cita por error, vuelva a dejarla programada.',
    busyReinstate: 'Reactivando la cita…',
    observationsSaved: 'Observaciones registradas',
    systemNotes: 'Notas del sistema',
    busyStart: 'Iniciando la atención…',
    busySave: 'Guardando…',
    busyInvite: 'Buscando talleres abiertos y enviando la invitación…',
    busyFinish: 'Finalizando y enviando la encuesta…',
    busyAbandon: 'Registrando el abandono y avisando al usuario…',
    busyExtranet: 'Guardando…',
    // «Atender en lugar de» (another consultant's appointment, taken over with a reason)
    onBehalf: 'Atender en lugar de…',
    onBehalfTitle: (consultant: string) => `Atender en lugar de ${consultant || 'su consultor(a)'}`,
    onBehalfHelp:
      'Use esta opción solo si su colega no puede atender la cita. Quedará registrado con su nombre y el motivo que indique.',
    onBehalfReason: 'Motivo',
    onBehalfReasonHelp: 'Por ejemplo: «Mi colega sigue con otro usuario y este ya se conectó».',
    onBehalfReasonMissing: 'Indique el motivo por el que atenderá esta cita.',
    onBehalfConfirm: 'Atender esta cita',
    cancel: 'Cancelar',
    busyOnBehalf: 'Registrando que usted atenderá esta cita…',
    onBehalfBadge: (consultant: string) => `En lugar de ${consultant || 'su consultor(a)'}`,
    restricted: (consultant: string) =>
      `Los datos de contacto de esta cita solo los ve ${consultant ? `su consultor(a), ${consultant}` : 'su consultor(a)'}. Si debe atenderla usted, use «Atender en lugar de».`,
    restrictedClosed: (consultant: string) =>
      `Los datos de contacto de esta cita solo los ve ${consultant ? `su consultor(a), ${consultant}` : 'su consultor(a)'}.`,
  },

  // ------------------------------------------------------------------ navigation
  nav: {
    label: 'Secciones del panel',
    day: 'Citas de hoy',
    import: 'Importar reporte',
    walkIn: 'Cita presencial',
    personalData: 'Datos personales',
    team: 'Equipo y permisos',
    sheet: 'Esta hoja',
  },

  // ------------------------------------------------------------------ «Equipo y permisos» (coordinators)
  // The screen's fixed labels are in sidebar/index.html; what the server did or refused comes from the server.
  team: {
    loading: 'Cargando el equipo…',
    busySave: 'Guardando los permisos…',
    busyRemove: 'Retirando los permisos…',
    empty: 'Aún no hay nadie registrado en el equipo.',
    count: (n: number) => (n === 1 ? '1 persona en el equipo' : `${n} personas en el equipo`),
    noName: 'Sin nombre registrado',
    you: '(usted)',
    edit: 'Editar',
    editLabel: (email: string) => `Editar a ${email}`,
    remove: 'Retirar',
    removeLabel: (email: string) => `Retirar a ${email}`,
    confirmRemove: (who: string) =>
      `¿Retirar los permisos de ${who}? Ya no podrá usar el panel en esta hoja. Puede volver a registrarle cuando quiera.`,
    confirmRemoveYou: 'Si se retira usted, dejará de ver esta pantalla y el panel de esta hoja.',
    confirmRemoveButton: 'Sí, retirar',
    cancel: 'Cancelar',
    addTitle: 'Agregar a una persona',
    editTitle: (email: string) => `Editar los permisos de ${email}`,
    emailMissing: 'Escriba el correo de la persona (su cuenta de Google institucional).',
    emailInvalid: 'Ese correo no parece válido. Revíselo, por ejemplo: nombre@trabajo.gob.pe.',
    rolesMissing: 'Marque al menos un rol: Coordinador(a) o Consultor(a).',
    updated: (when: string, who: string) => `Último cambio: ${when}${who ? ` por ${who}` : ''}.`,
    noLongerCoordinator: 'Usted ya no es coordinador(a) de esta hoja: esta pantalla se cerró.',
  },

  // ------------------------------------------------------------------ import (A01)
  import: {
    chooseFile: 'Elija el archivo del reporte (.csv, .txt, .xlsx, .xls, .xml u .ods).',
    wrongType: 'El archivo debe ser el reporte de citas: .csv, .txt, .xlsx, .xls, .xml u .ods.',
    tooBig: (mb: number) => `El archivo pesa más de ${mb} MB; no parece el reporte de citas.`,
    unreadable: 'No se pudo leer el archivo desde su computadora. Vuelva a elegirlo.',
    busy: 'Importando el reporte… puede tardar un minuto.',
    rejectedTitle: (n: number) => (n === 1 ? '1 fila rechazada' : `${n} filas rechazadas`),
    warningsTitle: 'Para tener en cuenta',
    counts: {
      inserted: 'Nuevas',
      updated: 'Actualizadas',
      moved: 'Con cambio de fecha u hora',
      reinstated: 'Reactivadas',
      cancelled: 'Canceladas',
      unchanged: 'Sin cambios',
      rejected: 'Rechazadas',
    },
    reminders: 'Los recordatorios de las citas de hoy y mañana saldrán en unos minutos.',
    busyPreview: 'Leyendo el reporte… puede tardar un minuto.',
    busyUndo: 'Deshaciendo las cancelaciones…',
    previewCancel: (n: number) => (n === 1 ? '1 cita por cancelar' : `${n} citas por cancelar`),
    previewInsert: (n: number) => (n === 1 ? '1 cita nueva' : `${n} citas nuevas`),
    previewUpdate: (n: number) => (n === 1 ? '1 cita cambiada' : `${n} citas cambiadas`),
    cancelledTitle: (n: number) => (n === 1 ? 'Se canceló 1 cita' : `Se cancelaron ${n} citas`),
    item: (name: string, when: string, detail: string) => [when ? `${name} — ${when}` : name, detail ? `(${detail})` : ''].filter(Boolean).join(' '),
    secondMissing: 'Marque «Sí, cancelar también estas citas» o descarte la vista previa.',
    previewAgain: 'Se muestra la nueva vista previa.',
  },

  // ------------------------------------------------------------------ walk-in (A01)
  walkIn: {
    busy: 'Reservando la cita…',
    fixFields: 'Revise los datos marcados.',
    already: 'Esa cita ya estaba registrada; no se duplicó.',
  },

  // ------------------------------------------------------------------ personal data (Ley 29733)
  // The screen's labels and warnings are in sidebar/index.html, like the other screens'; these
  // are the texts the code writes. What the server found, did or refused comes from the server.
  personalData: {
    busySearch: 'Buscando los datos de la persona…',
    busyExport: 'Preparando el archivo…',
    busyCorrect: 'Corrigiendo los datos…',
    busyDelete: 'Eliminando los datos…',
    dniMissing: 'Escriba el DNI de la persona (8 dígitos) o su correo.',
    dniInvalid: 'Un DNI tiene 8 dígitos, por ejemplo 01234567. Revise lo que escribió.',
    emailInvalid: 'Ese correo no parece válido. Revíselo, por ejemplo: nombre@gmail.com.',
    resultsTitle: (key: string) => (key.includes('@') ? `Datos del correo ${key}` : `Datos del DNI ${key}`),
    /** 'el DNI' or 'el correo', before the value in the panels' titles. */
    keyKind: (key: string) => (key.includes('@') ? 'del correo' : 'del DNI'),
    keyArticle: (key: string) => (key.includes('@') ? 'el correo' : 'el DNI'),
    /** A group of records: its source as the server names it, and how many. */
    group: (source: string, n: number) => `${source} (${n})`,
    recordId: (id: string) => `ID: ${id}`,
    noFields: 'Este registro no tiene otros datos.',
    downloadAgain: (fileName: string) => `Descargar «${fileName}» otra vez`,
    copyHelp:
      'Si la descarga no empezó (el navegador puede bloquearla dentro de este panel), copie el contenido, péguelo en un archivo de texto nuevo y guárdelo con la extensión .csv.',
    copyBoxName: (fileName: string) => `Contenido de «${fileName}»`,
    copy: 'Copiar',
    copied: 'Copiado. Péguelo en un archivo de texto nuevo y guárdelo con la extensión .csv.',
    copyByHand: 'Seleccione el texto del recuadro y cópielo con Ctrl+C (en Mac, Cmd+C).',
    /** The export's name when the server gives none. */
    fallbackFileName: (dni: string) => `datos-personales-${dni}.csv`,
    nothingChanged: 'No cambió ningún dato. Modifique el que la persona pidió corregir y vuelva a pulsar «Guardar corrección».',
    confirmationHint: (key: string) => `Escriba ${key.includes('@') ? 'el correo' : 'el DNI'} ${key} para activar el botón.`,
    confirmationMatches: 'Coincide: ya puede eliminar los datos.',
  },

  // ------------------------------------------------------------------ the programme of modules (B01)
  // Labels of the fixed form are in sidebar/index.html; these are the texts the code writes.
  modules: {
    loading: 'Cargando los módulos…',
    saving: 'Guardando el módulo…',
    newTitle: 'Nuevo módulo',
    editTitle: (name: string) => `Editar «${name}»`,
    counts: (modules: number, sessions: number, drafts: number) =>
      `${modules === 1 ? '1 módulo' : `${modules} módulos`} · ${sessions === 1 ? '1 sesión' : `${sessions} sesiones`} · ${drafts === 1 ? '1 borrador' : `${drafts} borradores`}`,
    quarter: (quarter: string, year: number) => `Trimestre ${quarter} de ${year}`,
    summary: (sessions: number, capacity: number, registered: number) =>
      `${sessions === 1 ? '1 sesión' : `${sessions} sesiones`} · ${registered} de ${capacity} cupos ocupados`,
    certificate: (rule: string) => `Certificado: ${rule}`,
    session: (n: number) => `Sesión ${n}`,
    sessionLine: (n: number, topic: string, when: string, speaker: string) => `${n}. ${topic} — ${when} · ${speaker}`,
    timeRange: (from: string, to: string) => `de ${from} a ${to}`,
    edit: 'Editar',
    editLabel: (name: string) => `Editar el módulo «${name}»`,
    remove: 'Quitar',
    removeLabel: (n: number) => `Quitar la sesión ${n}`,
    topic: 'Tema',
    date: 'Fecha',
    start: 'Hora de inicio',
    end: 'Hora de fin',
    speaker: 'Nombre del ponente',
    speakerEmail: 'Correo del ponente',
    sessionsLabel: 'Sesiones del módulo',
    fixFields: 'Revise los datos marcados.',
    whatsapp: 'Grupo de WhatsApp',
  },
} as const;
