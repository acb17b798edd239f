/**
 * Spanish texts of the module invitations (B05): the email, the panel's answers and the audit
 * log's lines. One place, so the panel, the job and the tests say the same thing.
 */
export const INVITATION_EXECUTION_KIND = 'Activador de invitaciones';

/** Legal bases of the two automatic sources (an imported list's is declared by the consultant). */
export const LEGAL_BASES = {
  registration: 'Consentimiento en su inscripción (Ley 29733)',
  attention: 'Invitación aceptada en su atención',
} as const;

/** The 'Detalle' of a row the job did not send. */
export const INVITATION_NOTES = {
  unsubscribed: 'Dada de baja',
  erased: 'Sin correo (datos eliminados por solicitud de la persona)',
  alreadyRegistered: 'Ya se inscribió en el módulo',
  invalidEmail: 'Correo no válido',
  interrupted: 'Envío interrumpido: no se sabe si llegó; no se reenvía.',
} as const;

export const INVITATION_AUDIT = {
  queued: 'Invitaciones en cola',
  imported: 'Lista de invitados importada',
  run: 'Envío de invitaciones',
  ambiguous: 'Invitación por revisar',
  refused: 'Invitaciones rechazadas',
  reviewKind: 'Invitación interrumpida',
  waiting: 'Invitaciones en espera de cupo',
  continuation: 'Continuación programada',
} as const;

export const INVITATION_MESSAGES = {
  notFound: 'No se encontró el módulo. Actualice la lista de módulos.',
  notTalleres: 'Las invitaciones se envían desde la hoja «Programación Talleres Masivos».',
  cancelled: 'El módulo está cancelado: no se envían invitaciones.',
  bannerNotValidated: (why: string) => `Aún no se pueden enviar invitaciones: ${why}`,
  externalModule: 'Este es un taller externo: la institución solicitante comparte el enlace de inscripción con su gente; no se envían invitaciones.',
  registrationNotOpen: 'Aún no se pueden enviar invitaciones: el módulo debe estar en estado «Inscripción abierta».',
  noRegistrationLink: 'Aún no se pueden enviar invitaciones: falta el «Enlace de inscripción» del módulo (una dirección https://).',
  alreadyStarted: 'El módulo ya empezó: ya no se envían invitaciones.',
  lockBusy: 'Otra persona está guardando cambios en este momento. Intente de nuevo en unos segundos.',
  queued: (added: number, total: number) =>
    added === 0
      ? `No hay personas nuevas que invitar; ${total} invitaciones ya están en la lista del módulo. El envío continúa en segundo plano.`
      : `Se agregaron ${added} ${added === 1 ? 'persona' : 'personas'} a la lista de invitaciones (${total} en total). El envío empieza en un minuto y continúa en segundo plano según el cupo diario de correos.`,
  legalBasisMissing: 'Indique la base legal de la lista (por ejemplo, «Consentimiento recogido en la feria del 10/11/2026»): al menos 10 caracteres.',
  fileUnreadable: (why: string) => `No se pudo leer el archivo: ${why}`,
  noEmailColumn: 'El archivo no tiene una columna «Correo».',
  emptyList: 'El archivo no tiene filas con correos.',
  tooManyRows: (max: number) => `La lista tiene más de ${max} filas; divídala en archivos más pequeños.`,
  imported: (p: { added: number; already: number; unsubscribed: number; invalid: number; duplicates: number; invalidRows: readonly number[] }) => {
    const parts = [`Se agregaron ${p.added} ${p.added === 1 ? 'correo' : 'correos'} a la lista de invitaciones.`];
    if (p.already) parts.push(`${p.already} ya estaban en la lista.`);
    if (p.unsubscribed) parts.push(`${p.unsubscribed} se omitieron porque pidieron no recibir invitaciones.`);
    if (p.duplicates) parts.push(`${p.duplicates} repetidos en el archivo se contaron una sola vez.`);
    if (p.invalid) {
      const rows = p.invalidRows.slice(0, 5).join(', ');
      const more = p.invalidRows.length > 5 ? ' y otras' : '';
      parts.push(`${p.invalid} ${p.invalid === 1 ? 'correo no es válido' : 'correos no son válidos'} y no se agregaron (${p.invalid === 1 ? 'fila' : 'filas'} ${rows}${more}).`);
    }
    return parts.join(' ');
  },
  noWebApp:
    'La aplicación web no está publicada (falta el «Enlace de la aplicación web» en Configuración): las invitaciones piden responder «BAJA» para dejar de recibirlas, en lugar de un enlace.',
  waitingForQuota: (n: number, when: string) => `${n} ${n === 1 ? 'invitación espera' : 'invitaciones esperan'} cupo de correo; el envío sigue ${when}.`,
  status: (p: { queued: number; sent: number; skipped: number; review: number }) =>
    `Invitaciones: ${p.sent} enviadas, ${p.queued} en cola, ${p.skipped} omitidas${p.review ? `, ${p.review} por revisar` : ''}.`,
  anotherRunWorking: 'Otro envío de invitaciones está en curso; este se retomará después.',
  runSummary: (p: { sent: number; skipped: number; ambiguous: number; waiting: number; remaining: number }) => {
    const parts = [`${p.sent} ${p.sent === 1 ? 'invitación enviada' : 'invitaciones enviadas'}.`];
    if (p.skipped) parts.push(`${p.skipped} omitidas (bajas o correos no válidos).`);
    if (p.ambiguous) parts.push(`${p.ambiguous} por revisar.`);
    if (p.waiting) parts.push(`${p.waiting} esperan cupo de correo.`);
    if (p.remaining) parts.push(`${p.remaining} continúan en un minuto.`);
    return parts.join(' ');
  },
  continuation: (minutes: number) => `El envío continúa en ${minutes} minuto(s).`,
  reviewDetail: (moduleName: string) => `La invitación al módulo «${moduleName}» se interrumpió durante el envío: no se sabe si llegó. No se reenvía automáticamente.`,
} as const;
