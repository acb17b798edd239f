/**
 * What a consultant and the Dirección read about a module's programme sent to the Sub Director
 * (B03) and its banner (B04): refusals, answers, the emails and the audit lines.
 */

/** Ends with a period unless it already does ('… 9:00 a. m.' does). */
function sentence(s: string): string {
  return s.endsWith('.') ? s : `${s}.`;
}

export const DIRECTION_MESSAGES = {
  notFound: 'No encontramos ese módulo en la pestaña «Módulos». Actualice la lista e inténtelo otra vez.',
  cancelled: 'Este módulo está cancelado: no se envía nada sobre él.',
  noSessions: 'Este módulo no tiene sesiones programadas: agregue al menos una antes de enviar su programación.',
  lockBusy: 'Otra tarea está usando la hoja en este momento. Espere un minuto e inténtelo otra vez.',
  settingMissing: (setting: string) =>
    `Falta el correo en «${setting}» de la pestaña «Configuración». Pida a la coordinación que lo escriba y vuelva a intentarlo.`,
  settingInvalid: (setting: string, value: string) =>
    `El correo «${value}» de «${setting}» (pestaña «Configuración») no es válido. Pida a la coordinación que lo corrija y vuelva a intentarlo.`,
  // B03
  programmeSent: (to: string) => `Se envió la programación del módulo a la Sub Dirección (${to}).`,
  programmeAlreadySent: (when: string) => `Ya se envió la programación el ${sentence(when)} ¿Enviar de nuevo?`,
  programmeResentMeanwhile: (when: string) =>
    `La programación se volvió a enviar el ${when} (otra persona o un doble clic); no se envió otra vez.`,
  // B04
  bannerRequested: (to: string) => `Se envió la solicitud del banner a la Dirección (${to}).`,
  bannerAlreadyRequested: (when: string) => `Ya se solicitó el banner el ${sentence(when)} ¿Solicitar de nuevo?`,
  bannerRequestedMeanwhile: (when: string) =>
    `El banner se volvió a solicitar el ${when} (otra persona o un doble clic); no se envió otra vez.`,
  bannerAlreadyDone: (state: string) => `El banner ya está «${state}»: no hace falta solicitarlo otra vez.`,
  bannerStateSaved: (state: string) => `Banner: «${state}».`,
  interrupted:
    'Un envío anterior se interrumpió y no se sabe si el correo llegó. Confirme con el destinatario y, si no llegó, use «Enviar de nuevo».',
  sendFailed: (reason: string) => `No se pudo enviar el correo: ${reason}`,
} as const;

export const BANNER_MESSAGES = {
  unknownState: 'Indique el estado del banner: «Recibido» o «Validado».',
  notRequested: 'Primero solicite el banner a la Dirección («Solicitar banner»); después podrá marcarlo como recibido.',
  notReceived: 'El banner todavía no se ha recibido: márquelo primero como «Recibido», con su enlace.',
  alreadyValidated: 'El banner ya está validado; su estado no cambia.',
  linkMissing: 'Pegue el enlace del banner (su archivo en Drive u otra dirección https://).',
  linkInvalid: 'El enlace del banner debe ser una dirección https:// completa (por ejemplo, https://drive.google.com/file/d/…).',
  // What the module's list item says.
  none: 'Banner: sin solicitar',
  state: (state: string) => `Banner: ${state.toLowerCase()}`,
  blockedNone: 'Las invitaciones (B05) no pueden salir todavía: falta solicitar el banner a la Dirección.',
  blockedRequested: 'Las invitaciones (B05) no pueden salir todavía: el banner fue solicitado y aún no llega.',
  blockedReceived: 'Las invitaciones (B05) no pueden salir todavía: el banner se recibió pero falta validarlo.',
} as const;

/** The emails (Spanish, to the Sub Dirección and the Dirección). */
export const DIRECTION_EMAILS = {
  programmeSubject: (module: string) => `Programación del módulo «${module}» – Aprende a Emprender`,
  programmeIntro: (module: string, quarter: string, year: number) =>
    `Le enviamos la programación del módulo «${module}» del taller «Aprende a Emprender», trimestre ${quarter} de ${year}.`,
  programmeAgain: 'Este envío reemplaza al anterior.',
  bannerSubject: (module: string) => `Solicitud de banner: módulo «${module}» – Aprende a Emprender`,
  bannerIntro: (module: string) =>
    `Solicitamos el banner de difusión del módulo «${module}» del taller «Aprende a Emprender». Estos son sus datos:`,
  bannerClosing:
    'Le agradeceremos enviarnos el banner (o el enlace a su archivo en Drive) respondiendo a este correo. Las invitaciones al público salen cuando el banner está validado.',
  greeting: 'Estimado(a):',
  signature: 'Servicio de Orientación para el Emprendimiento',
  headers: { number: 'N.°', topic: 'Tema', date: 'Fecha', time: 'Hora (Lima)', speaker: 'Ponente' },
  facts: {
    module: 'Módulo',
    quarter: 'Trimestre',
    dates: 'Fechas',
    audience: 'Público objetivo',
    capacity: 'Cupos',
    sessions: 'Sesiones',
  },
  timeRange: (from: string, to: string) => `${from} a ${to}`,
} as const;

/** Lines of the 'Registro de auditoría'. */
export const DIRECTION_AUDIT = {
  programmeSent: 'Programación enviada a la Sub Dirección',
  bannerRequested: 'Banner solicitado a la Dirección',
  bannerState: 'Estado del banner',
  refused: 'Acción de módulo rechazada',
  sentTo: (to: string, n: number) => `Para ${to} (envío n.° ${n})`,
  /** 'Revisión': a send to the Dirección that may or may not have gone out. */
  reviewKind: 'Correo a la Dirección: envío dudoso',
  reviewDetail: (what: string, module: string, to: string) =>
    `${what} («${module}», para ${to}): el envío se interrumpió y no se sabe si el correo llegó. Confírmelo con el destinatario; si no llegó, use «Enviar de nuevo» en el panel. No se reenvía automáticamente.`,
} as const;
