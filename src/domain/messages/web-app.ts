/**
 * What a visitor of the web app reads (docs/web-app.md): the router's own pages (not valid,
 * already used, try again), the unsubscribe link's pages ('baja', B05), and the audit lines.
 */

/** Spanish text of the web app's own pages (the handlers bring their own). */
export const WEB_APP_MESSAGES = {
  invalidTitle: 'Enlace no válido',
  invalid: [
    'Este enlace no es válido o ya venció.',
    'Si necesita ayuda, responda al correo en el que recibió el enlace y el Servicio le atenderá.',
  ],
  usedTitle: 'Enlace ya utilizado',
  used: ['Este enlace ya se usó y no puede usarse de nuevo.', 'Si necesita algo más, responda al correo en el que recibió el enlace.'],
  busyTitle: 'Inténtelo nuevamente',
  busy: ['En este momento no pudimos atender su solicitud. Por favor, vuelva a abrir el enlace en unos minutos.'],
  /** Audit lines. */
  auditInvalid: 'Enlace web no válido',
  auditUsed: 'Enlace web ya usado',
  auditShown: 'Enlace web abierto',
  auditDone: 'Enlace web usado',
  auditRetry: 'Enlace web no completado',
  detailInvalid: 'enlace no válido',
  detailExpired: 'enlace vencido',
} as const;

// ---------------------------------------------------------------------------- 'baja': no more invitations (B05)

/** How the unsubscription arrived ('Medio' column). */
export const UNSUBSCRIBE_VIA_LINK = 'Enlace del correo';

export const UNSUBSCRIBE_MESSAGES = {
  title: 'Dejar de recibir invitaciones',
  describe: (masked: string) => `Dejará de recibir invitaciones a los talleres del Servicio en la dirección ${masked}.`,
  confirmHint: 'Para confirmarlo, pulse el botón. Podrá volver a inscribirse en cualquier taller cuando lo desee.',
  confirm: 'Confirmar: no recibir más invitaciones',
  doneTitle: 'Listo',
  done: (masked: string) => `Ya no enviaremos invitaciones a los talleres a la dirección ${masked}.`,
  alreadyTitle: 'Su baja ya está registrada',
  already: (masked: string) => `La dirección ${masked} ya no recibe invitaciones a los talleres del Servicio.`,
  goneTitle: 'Nada que hacer',
  gone: 'No encontramos la invitación de este enlace; no hay nada que hacer.',
  thanks: 'Gracias por su interés en el Servicio de Orientación para el Emprendimiento.',
  retry: 'En este momento no pudimos registrar su baja. Vuelva a abrir el enlace en unos minutos.',
  audit: 'Baja de difusión registrada',
} as const;
