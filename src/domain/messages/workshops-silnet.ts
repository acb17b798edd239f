/**
 * What the consultant reads about a running module's status, its Silnet registration, its
 * WhatsApp contacts (B09 → B10) and its closing (B11); the closing's emails; the audit lines.
 */
import { joinHtml } from '../html';
import { emailDocument, factsTable, greeting, oneLine, paragraph, SENDER_NAME, textDocument, textList, bulletList, type EmailMessage } from './email-layout';

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

export const PROGRESS_AUDIT = {
  session: 'Estado de sesión actualizado',
  module: 'Estado de módulo actualizado',
  summary: (sessions: number, modules: number) =>
    sessions + modules === 0 ? 'Estados al día: nada que cambiar.' : `Estados actualizados: ${plural(sessions, 'sesión', 'sesiones')}, ${plural(modules, 'módulo', 'módulos')}.`,
} as const;

export const SILNET_MESSAGES = {
  notFound: 'No encontramos ese módulo en la pestaña «Módulos». Actualice la lista e inténtelo otra vez.',
  notTalleres: 'Esta hoja no es la de «Programación Talleres Masivos» (o falta configurarla).',
  lockBusy: 'Otra tarea está usando la hoja en este momento. Espere un minuto e inténtelo otra vez.',
  nobodyPending: 'No hay participantes por registrar en Silnet: todos los asistentes ya están registrados (o aún no hay asistencia marcada).',
  exported: (n: number) => `Archivo listo: ${plural(n, 'participante', 'participantes')} por registrar en Silnet. Súbalo al Triage de Silnet y, cuando termine, pulse «Confirmar carga en Silnet».`,
  layoutIgnored: (entries: readonly string[]) => `Se omitieron columnas de «Columnas de carga a Silnet» que no se entienden: ${entries.map((e) => `«${e}»`).join(', ')}.`,
  layoutDefault: 'La fila «Columnas de carga a Silnet» no tiene columnas válidas: se usó el formato predeterminado.',
  badExport: 'Esta confirmación no corresponde a un archivo exportado de este módulo. Exporte el archivo otra vez y confirme ese.',
  confirmed: (n: number, already: number) =>
    `Carga en Silnet confirmada: ${plural(n, 'persona marcada', 'personas marcadas')} como «Registrado en Silnet»${already > 0 ? ` (${already} ya lo estaba${already === 1 ? '' : 'n'})` : ''}.`,
  confirmedNothing: (already: number) => `Esa carga ya estaba confirmada: ${plural(already, 'persona ya figuraba', 'personas ya figuraban')} como registrada${already === 1 ? '' : 's'} en Silnet.`,
  missingRows: (n: number) => `${plural(n, 'inscripción del archivo ya no está', 'inscripciones del archivo ya no están')} en «Inscripciones»: no se marcaron.`,
  noContacts: 'Este módulo aún no tiene inscritos confirmados: no hay contactos que exportar.',
  contacts: (n: number, withoutMobile: number) =>
    `Contactos listos: ${plural(n, 'inscrito', 'inscritos')}${withoutMobile > 0 ? ` (${withoutMobile} sin celular peruano válido: agréguelos por correo)` : ''}. Impórtelos en Google Contactos o en el teléfono y agréguelos al grupo de WhatsApp del módulo.`,
  noWhatsapp: 'El módulo no tiene «Grupo de WhatsApp»: créelo en el teléfono, copie su enlace de invitación y péguelo en la columna «Grupo de WhatsApp» de «Módulos» para que vaya en las confirmaciones.',
} as const;

export const SILNET_AUDIT = {
  exported: 'Exportación para Silnet',
  confirmed: 'Carga en Silnet confirmada',
  refused: 'Carga en Silnet rechazada',
  contacts: 'Contactos de WhatsApp exportados',
} as const;

export const CLOSING_MESSAGES = {
  notFound: SILNET_MESSAGES.notFound,
  lockBusy: SILNET_MESSAGES.lockBusy,
  noClosing: 'El módulo no tiene sesiones programadas: no hay sesión de cierre.',
  closingOver: 'La sesión de cierre ya terminó: el orden de presentación no se envía.',
  unknown: 'Alguna persona de la lista no es un inscrito confirmado del módulo. Actualice la pantalla e inténtelo otra vez.',
  duplicate: 'Una persona aparece dos veces en la lista.',
  tooMany: 'La lista es demasiado larga.',
  saved: (n: number) => (n === 0 ? 'Orden guardado: nadie presenta su proyecto en el cierre.' : `Orden guardado: ${plural(n, 'expositor', 'expositores')}.`),
  noPresenters: 'Nadie presenta su proyecto todavía: agregue expositores y guarde el orden antes de enviarlo.',
  noSpeakerEmail: 'La sesión de cierre no tiene correo del ponente: el orden se envía solo a usted.',
  sent: (slots: number, orders: number) =>
    slots + orders === 0
      ? 'El orden ya se había enviado así: nadie recibe un correo nuevo.'
      : `Orden de presentación enviado: ${plural(slots, 'turno', 'turnos')} a los expositores y ${plural(orders, 'copia del orden', 'copias del orden')} (ponente y consultor).`,
  failed: (n: number) => `${plural(n, 'correo no salió', 'correos no salieron')}: revise «Envíos de sesiones» y la pestaña «Revisión».`,
  interrupted: 'Un envío anterior se interrumpió y no se sabe si el correo llegó: está en «Revisión» y no se reenvía solo.',
} as const;

export const CLOSING_AUDIT = {
  saved: 'Orden de presentación guardado',
  sent: 'Orden de presentación enviado',
  slot: 'Turno de presentación enviado',
  order: 'Orden de presentación (correo) enviado',
  refused: 'Orden de presentación rechazado',
  ambiguous: 'Envío del cierre por revisar',
} as const;

export interface ClosingLine {
  order: number;
  name: string;
  slot: string;
}

/** «Turno de presentación» to one presenter (or its change). */
export function slotEmail(p: { fullName: string; moduleName: string; when: string; slot: string; order: number; total: number; minutes: number; meetUrl: string; change: boolean; whatsappUrl: string }): EmailMessage {
  const subject = `${p.change ? 'Cambio de turno' : 'Su turno de presentación'} – cierre del módulo «${oneLine(p.moduleName)}»`;
  const intro = p.change
    ? `Cambió el orden de presentación del cierre del módulo «${oneLine(p.moduleName)}». Este es su nuevo turno (reemplaza al que le enviamos antes):`
    : `Gracias por ofrecerse a presentar su proyecto en la sesión de cierre del módulo «${oneLine(p.moduleName)}». Este es su turno:`;
  const facts: [string, string][] = [
    ['Sesión de cierre', p.when],
    ['Su turno', `${p.order} de ${p.total}`],
    ['Hora', `${p.slot} (hora de Lima)`],
    ['Tiempo', `${p.minutes} minutos`],
  ];
  if (p.meetUrl) facts.push(['Enlace Meet', p.meetUrl]);
  const advice = 'Conéctese unos minutos antes, con su presentación lista para compartir pantalla. Si no podrá presentar, responda a este correo.';
  return {
    subject,
    senderName: SENDER_NAME,
    html: emailDocument(subject, joinHtml([paragraph(greeting(p.fullName)), paragraph(intro), factsTable(facts), paragraph(advice)]), intro),
    text: textDocument([greeting(p.fullName), intro, facts.map(([k, v]) => `${k}: ${v}`).join('\n'), advice]),
  };
}

/** «Orden de presentación» to the speaker and the consultant (or its change). */
export function orderEmail(p: { moduleName: string; when: string; lines: readonly ClosingLine[]; minutes: number; change: boolean }): EmailMessage {
  const subject = `${p.change ? 'Orden de presentación actualizado' : 'Orden de presentación'} – cierre del módulo «${oneLine(p.moduleName)}»`;
  const intro = p.change
    ? `El orden de presentación de la sesión de cierre (${p.when}) cambió; este reemplaza al enviado antes.`
    : `Este es el orden de presentación de los proyectos en la sesión de cierre (${p.when}), ${p.minutes} minutos por persona:`;
  const items = p.lines.map((l) => `${l.order}. ${oneLine(l.name)} — ${l.slot}`);
  return {
    subject,
    senderName: SENDER_NAME,
    html: emailDocument(subject, joinHtml([paragraph('Estimado(a):'), paragraph(intro), bulletList(items)]), intro),
    text: textDocument(['Estimado(a):', intro, textList(items)]),
  };
}
