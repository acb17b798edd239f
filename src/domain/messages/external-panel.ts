/**
 * What the panel's «Solicitudes externas» (C01–C04) says: the real timings against the seed's
 * standard (src/domain/external/timings.ts), the next step of each state and the refusals of the
 * reads (src/app/external/view.ts). Spanish (Peru), Lima time.
 */
import type { ExternalRequestState } from '../schema';

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

/** '5 h 25 min', '2 d 3 h', '40 min', '0 min': days, hours and minutes, the zero parts left out. */
export function formatMinutes(total: number): string {
  const m = Math.max(0, Math.round(total));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const minutes = m % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes || parts.length === 0) parts.push(`${minutes} min`);
  return parts.join(' ');
}

/** The moments of an external request, as the timings table names them. */
export const REQUEST_MOMENTS = {
  received: 'Solicitud recibida',
  sentForApproval: 'Enviada a aprobación',
  approved: 'Aprobada',
  rejected: 'Rechazada',
  decided: 'Decisión',
  scheduled: 'Taller programado (inscripción abierta)',
  sessionStart: 'Inicio del taller',
  held: 'Taller realizado',
  thanks: 'Agradecimiento a la institución',
  closed: 'Solicitud cerrada',
} as const;

/** The moments of an internal module («Aprende a Emprender»). */
export const MODULE_MOMENTS = {
  created: 'Módulo creado',
  programmeSent: 'Programación enviada a la Sub Dirección',
  factSheet: 'Ficha técnica generada',
  firstSession: 'Inicio de la primera sesión',
  lastSession: 'Fin de la última sesión',
  consolidated: 'Asistencia y encuestas consolidadas',
  reportSent: 'Informe enviado a la Dirección',
} as const;

export const TIMINGS_MESSAGES = {
  step: (from: string, to: string) => `${from} → ${to}`,
  activity: { request: 'C01–C04', module: 'B01–B12' },
  reference: (standard: string, activity: string) =>
    `Referencia: ${standard} de trabajo del consultor según el procedimiento (${activity}).`,
  notHandsOn: 'Es tiempo transcurrido entre momentos registrados, con las esperas incluidas (la aprobación, la fecha del taller): no es tiempo de trabajo del consultor.',
  notYet: 'Todavía no hay dos momentos registrados: el tiempo se irá midiendo a medida que avancen los pasos.',
  done: (elapsed: string, first: string, last: string) => `De «${first}» a «${last}» pasaron ${elapsed}.`,
  sofar: (elapsed: string, first: string, last: string) => `Hasta ahora, de «${first}» a «${last}» (último paso registrado) pasaron ${elapsed}.`,
} as const;

/** The list's and the detail's texts about a request. */
export const EXTERNAL_PANEL_MESSAGES = {
  notReady: 'Las «Solicitudes externas» se ven en la hoja «Programación Talleres Masivos» después de la configuración.',
  tabMissing: 'Falta la pestaña «Solicitudes externas». Pida a la coordinación que ejecute la configuración otra vez.',
  empty: 'Todavía no hay solicitudes de instituciones. Comparta el enlace del formulario de solicitud con las instituciones interesadas.',
  notFound: 'No se encontró esa solicitud. Actualice la lista e inténtelo de nuevo.',
  badId: 'El código de solicitud no es válido. Elija la solicitud en la lista.',
  unknownState: 'El estado de esta solicitud en la hoja no es uno de los previstos: revíselo en la pestaña «Solicitudes externas».',
  /** What the consultant does next, per state. */
  nextStep: {
    Recibida: 'Revise la solicitud y envíe la propuesta (fecha, hora y ponente) a aprobación de la Sub Dirección.',
    'Enviada a aprobación': 'Esperando la decisión de la Sub Dirección. Una coordinadora o un coordinador puede registrar una decisión tomada por otro medio.',
    Aprobada: 'Aprobada: el sistema está creando el taller (sesión con Meet, invitación al ponente, inscripción) y avisará a la institución.',
    Rechazada: 'Rechazada: la institución ya fue informada del motivo. No hay más pasos.',
    Programada: 'Taller programado: la institución comparte el enlace de inscripción. Siga el taller en «Módulos».',
    Realizada: 'Taller realizado: el sistema enviará a la institución el número de asistentes y el agradecimiento; emita los certificados si corresponde.',
    Cerrada: 'Solicitud cerrada. No hay más pasos.',
  } satisfies Record<ExternalRequestState, string>,
  counts: (n: number) => plural(n, 'solicitud', 'solicitudes'),
} as const;
