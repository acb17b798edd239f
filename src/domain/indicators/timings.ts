/**
 * The procedure's real time (issue 15 item 2): for each activity code of PE-SOE-001-01 (A01–C04),
 * the seed's standard minutes of consultant work, who does the step now (the product alone, a
 * person, or both), the consultant's hands-on minutes and the elapsed time, over a period.
 *
 * Elapsed time is not hands-on time. The product keeps moments (when a row was imported, a
 * reminder sent, an attention started and finished, a programme sent…); the time between two
 * moments is mostly waiting — for the user, the Sub Director, the workshop's date. Hands-on time
 * is only *measured* where a person is busy between two recorded moments:
 *   - A03: the wait for the user, from the appointment's time to «Iniciar» (Hora de inicio);
 *   - A04–A06: the attention itself, from «Iniciar» to «Finalizar» (Duración (min));
 *   - B07/C03: the workshop's session, from its start to its end (the speaker's time).
 * Everywhere else the hands-on figure is either 0 (the product does the step alone: the
 * consultant clicks once at most) or an ESTIMATE, marked as such, with the reason in ESTIMATES:
 * the seed's own standard where a person still does the whole step and the product keeps no
 * moment for it (an upper bound where the product took part of it over), or a per-item figure
 * for a small manual task the product counts (a ticked extranet notice, a manual attendance mark).
 *
 * Which cases count in the period: each code has one moment that places a case in a period (the
 * step's end: an attention's scheduled time, a module's programme sent, a session's end, a
 * request's decision…; see `caseMoment` below and docs/indicators.md). Elapsed figures are the
 * median over those cases; hands-on figures the mean.
 *
 * Pure: plain rows in (see the *Times interfaces, which a test can build by hand), figures out.
 */
import { moduleTimings, requestTimings, type RequestMoments, type TimingsView } from '../external/timings';
import { formatMinutes } from '../messages/external-panel';
import { inPeriod, type Period } from './period';
import type { IndicatorSection, IndicatorTable } from './sections';

// ---------------------------------------------------------------------------- inputs

/** What one 'Citas' row recorded (A01–A07). Dates are null when the cell is empty or not a date. */
export interface AttentionTimes {
  /** 'Programada' | 'En atención' | 'Atendida' | 'Abandonada' | 'Cancelada' */
  status: string;
  /** The appointment's scheduled time (Inicio, else Fecha + Hora). */
  scheduled: Date | null;
  importedAt: Date | null;
  reminderSentAt: Date | null;
  extranetNotified: boolean;
  startedAt: Date | null;
  endedAt: Date | null;
  /** 'Duración (min)' as recorded by «Finalizar»; null when empty (then endedAt − startedAt). */
  durationMinutes: number | null;
}

/** One session of a module (cancelled sessions left out by the caller). */
export interface SessionTimes {
  start: Date | null;
  end: Date | null;
  isClosing: boolean;
}

/** What one 'Módulos' row (and its sessions, its manual attendance marks) recorded (B01–B12, C03). */
export interface ModuleTimes {
  /** An external workshop (kind 'Externo' or with a request) counts under C, not B. */
  external: boolean;
  createdAt: Date | null;
  programmeSentAt: Date | null;
  factSheetAt: Date | null;
  consolidatedAt: Date | null;
  reportSentAt: Date | null;
  sessions: SessionTimes[];
  /** 'Asistencia' rows of this module marked by a person (Fuente 'Manual'). */
  manualMarks: number;
}

/** Everything the figures are computed from. */
export interface TimingsInput {
  attentions: AttentionTimes[];
  modules: ModuleTimes[];
  /** 'Solicitudes externas' rows, as src/domain/external/timings.ts reads them (sessionStart from the workshop). */
  requests: RequestMoments[];
}

// ---------------------------------------------------------------------------- the procedure's activities

export type Group = 'A' | 'B' | 'C';
/** Who does the step now. */
export type Actor = 'Usuario' | 'Producto' | 'Persona' | 'Producto y persona' | 'Ponente';
/** Where the hands-on figure comes from. */
export type Basis = 'medido' | 'producto' | 'estimado' | 'incluido' | 'no aplica';

export interface Activity {
  code: string;
  group: Group;
  /** Short Spanish name. */
  name: string;
  /** The seed's standard minutes of consultant (or speaker) work; null where the seed gives none. */
  standard: number | null;
  actor: Actor;
  basis: Basis;
}

/**
 * The seed's table (PROCEDURE.md; seed 000_ec53a207494d0bcb.txt, columns MINUTOS/HORAS), with who
 * does each step now and how its hands-on minutes are known.
 */
export const ACTIVITIES: readonly Activity[] = [
  { code: 'A01', group: 'A', name: 'Reserva de la cita', standard: null, actor: 'Usuario', basis: 'no aplica' },
  { code: 'A02', group: 'A', name: 'Recordatorio y aviso', standard: 5, actor: 'Producto y persona', basis: 'estimado' },
  { code: 'A03', group: 'A', name: 'Espera y conexión', standard: 5, actor: 'Persona', basis: 'medido' },
  { code: 'A04', group: 'A', name: 'Inicio y presentación', standard: null, actor: 'Persona', basis: 'incluido' },
  { code: 'A05', group: 'A', name: 'Consulta e invitación a talleres', standard: null, actor: 'Persona', basis: 'incluido' },
  { code: 'A06', group: 'A', name: 'Cierre de la atención', standard: 15, actor: 'Persona', basis: 'medido' },
  { code: 'A07', group: 'A', name: 'Registro de la atención', standard: 10, actor: 'Producto', basis: 'producto' },
  { code: 'B01', group: 'B', name: 'Organizar el módulo', standard: 180, actor: 'Persona', basis: 'estimado' },
  { code: 'B02', group: 'B', name: 'Programar sesiones y ponentes', standard: 120, actor: 'Producto y persona', basis: 'estimado' },
  { code: 'B03', group: 'B', name: 'Programación a la Sub Dirección', standard: 5, actor: 'Producto', basis: 'producto' },
  { code: 'B04', group: 'B', name: 'Solicitud del banner', standard: 30, actor: 'Producto y persona', basis: 'estimado' },
  { code: 'B05', group: 'B', name: 'Inscripción, confirmación y ficha', standard: 60, actor: 'Producto', basis: 'producto' },
  { code: 'B06', group: 'B', name: 'Enlace de acceso', standard: 5, actor: 'Producto', basis: 'producto' },
  { code: 'B07', group: 'B', name: 'Sesión (ponente)', standard: 120, actor: 'Ponente', basis: 'medido' },
  { code: 'B08', group: 'B', name: 'Preguntas, encuesta y conteo', standard: null, actor: 'Producto', basis: 'producto' },
  { code: 'B09', group: 'B', name: 'Registro de asistencia', standard: 240, actor: 'Producto y persona', basis: 'estimado' },
  { code: 'B10', group: 'B', name: 'Silnet y grupo de WhatsApp', standard: 60, actor: 'Persona', basis: 'estimado' },
  { code: 'B11', group: 'B', name: 'Sesión de cierre', standard: 20, actor: 'Persona', basis: 'estimado' },
  { code: 'B12', group: 'B', name: 'Consolidado, certificados e informe', standard: 360, actor: 'Producto', basis: 'producto' },
  { code: 'C01', group: 'C', name: 'Revisión y aprobación', standard: 15, actor: 'Producto y persona', basis: 'estimado' },
  { code: 'C02', group: 'C', name: 'Inscripción y enlace', standard: 10, actor: 'Producto', basis: 'producto' },
  { code: 'C03', group: 'C', name: 'Taller (ponente)', standard: 120, actor: 'Ponente', basis: 'medido' },
  { code: 'C04', group: 'C', name: 'Asistencia, certificados y Silnet', standard: 180, actor: 'Producto y persona', basis: 'estimado' },
];

const ACT: Readonly<Record<string, Activity>> = Object.fromEntries(ACTIVITIES.map((a) => [a.code, a]));

/** Minutes the consultant spends pasting the ready message into the extranet (A02; no API, no timestamp). */
export const EXTRANET_NOTICE_MINUTES = 1;
/** Minutes one manual attendance mark takes (B09; the product counts them: Fuente 'Manual'). */
export const MANUAL_MARK_MINUTES = 1;
/** The tolerance a consultant waits before marking an appointment abandoned (A03; abandonment keeps no time column). */
export const ABANDON_WAIT_MINUTES = 5;
/** The seed's Silnet work of an external workshop (C04 keeps B10's 1 h: Silnet has no API). */
export const EXTERNAL_SILNET_MINUTES = 60;

/** Why each estimated figure is what it is (shown as the table's note and in docs/indicators.md). */
export const ESTIMATES: Readonly<Record<string, string>> = {
  A02: `${EXTRANET_NOTICE_MINUTES} min por cita con «Aviso extranet» marcado (pegar el mensaje listo); el correo y el evento los envía el producto`,
  B01: 'el estándar: decidir el módulo es trabajo de una persona y el producto no registra cuánto dura',
  B02: 'el estándar como cota superior: el producto crea los eventos e invita a los ponentes; elegir temas y ponentes sigue siendo de una persona',
  B04: 'el estándar como cota superior: la solicitud es un correo de plantilla; validar el banner sigue siendo de una persona',
  B09: `${MANUAL_MARK_MINUTES} min por marca manual de asistencia; el formulario y el reporte de Meet no toman tiempo`,
  B10: 'el estándar: Silnet no tiene API; el producto prepara el archivo pero registrar en Triage sigue siendo manual',
  B11: 'el estándar: la sesión de cierre la conduce una persona',
  C01: 'el estándar como cota superior: el acuse y la solicitud de aprobación son automáticos; revisar y proponer sigue siendo de una persona',
  C04: `${EXTERNAL_SILNET_MINUTES} min de Silnet (sin API) más ${MANUAL_MARK_MINUTES} min por marca manual; certificados y asistencia automáticos`,
};

// ---------------------------------------------------------------------------- the figures

export interface ActivityFigure extends Activity {
  /** Cases of this step in the period (attentions, modules, sessions, requests). */
  cases: number;
  /** Mean consultant (or speaker, B07/C03) minutes per case; null without cases or where it does not apply. */
  handsOn: number | null;
  /** Median elapsed minutes per case between the step's recorded moments; null where the product keeps none. */
  elapsed: number | null;
}

export interface GroupTotal {
  standard: number;
  handsOn: number | null;
  /** The part of `handsOn` that is an estimate (rows with basis 'estimado'). */
  estimated: number | null;
  cases: number;
}

export interface TimingsFigures {
  activities: ActivityFigure[];
  /**
   * Per group: the sum of its steps' standard minutes, the sum of its steps' real minutes per case
   * (speaker's included, as the seed's total includes them), and its cases: attentions attended or
   * abandoned (A), modules (B) and requests (C) with at least one step counted in the period.
   */
  totals: Record<Group, GroupTotal>;
}

function minutes(from: Date | null, to: Date | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
}

function mean(xs: readonly number[]): number | null {
  return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
}

/** The median, the mean of the two middle values when even (rounded to the minute). */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

function nonNull(xs: readonly (number | null)[]): number[] {
  return xs.filter((x): x is number => x !== null);
}

/** Elapsed minutes of the steps of one code in a timings view (their sum), null when none was reached. */
function stepMinutes(view: TimingsView, code: string): number | null {
  const ms = view.steps.filter((s) => s.code === code && s.elapsedMinutes !== null).map((s) => s.elapsedMinutes as number);
  return ms.length ? ms.reduce((a, b) => a + b, 0) : null;
}

function latest(ds: readonly (Date | null)[]): Date | null {
  const ok = ds.filter((d): d is Date => d !== null);
  return ok.length ? ok.reduce((a, b) => (b.getTime() > a.getTime() ? b : a)) : null;
}

function asDate(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

/** The attention's hands-on minutes in the call (A04–A06): 'Duración (min)', else Inicio → Fin. */
function callMinutes(a: AttentionTimes): number | null {
  if (a.durationMinutes !== null && Number.isFinite(a.durationMinutes) && a.durationMinutes >= 0) return a.durationMinutes;
  return minutes(a.startedAt, a.endedAt);
}

/** Computes every figure of the period. `now` bounds what a module's or request's moments may have reached. */
export function computeTimings(input: TimingsInput, period: Pick<Period, 'start' | 'end'>, now: Date): TimingsFigures {
  const within = (d: Date | null) => d !== null && d.getTime() <= now.getTime() && inPeriod(period, d);
  const fig = new Map<string, { cases: number; handsOn: number | null; elapsed: number | null }>();
  const set = (code: string, cases: number, handsOn: number | null, elapsed: number | null) => fig.set(code, { cases, handsOn: cases ? handsOn : null, elapsed });

  // A: attentions placed in the period by their scheduled time.
  const att = input.attentions.filter((a) => within(a.scheduled));
  const attended = att.filter((a) => a.status === 'Atendida' && a.startedAt && a.endedAt);
  const abandoned = att.filter((a) => a.status === 'Abandonada');
  const reminded = att.filter((a) => a.reminderSentAt !== null);
  set('A01', att.length, null, median(nonNull(att.map((a) => minutes(a.importedAt, a.scheduled)))));
  set('A02', reminded.length, mean(reminded.map((a) => (a.extranetNotified ? EXTRANET_NOTICE_MINUTES : 0))), median(nonNull(reminded.map((a) => minutes(a.importedAt, a.reminderSentAt)))));
  const waits = [...nonNull(attended.map((a) => minutes(a.scheduled, a.startedAt))), ...abandoned.map(() => ABANDON_WAIT_MINUTES)];
  set('A03', attended.length + abandoned.length, mean(waits), median(nonNull(attended.map((a) => minutes(a.scheduled, a.startedAt)))));
  set('A04', attended.length, null, null);
  set('A05', attended.length, null, null);
  const calls = nonNull(attended.map(callMinutes));
  set('A06', attended.length, mean(calls), median(calls));
  set('A07', attended.length, 0, null);

  // B: internal modules, each step placed by the moment that ends it.
  const internal = input.modules.filter((m) => !m.external);
  const views = internal.map((m) => ({ m, view: moduleTimings({ ...m, sessions: m.sessions }, now) }));
  const created = internal.filter((m) => within(m.createdAt));
  set('B01', created.length, ACT.B01.standard, null);
  set('B02', created.length, ACT.B02.standard, null);
  const programme = views.filter((x) => within(x.m.programmeSentAt));
  set('B03', programme.length, 0, median(nonNull(programme.map((x) => stepMinutes(x.view, 'B03')))));
  set('B04', created.length, ACT.B04.standard, null);
  const sheet = views.filter((x) => within(x.m.factSheetAt));
  set('B05', sheet.length, 0, median(nonNull(sheet.map((x) => stepMinutes(x.view, 'B05')))));
  const sessions = internal.flatMap((m) => m.sessions.filter((s) => !s.isClosing && within(s.end)));
  const sessionMinutes = nonNull(sessions.map((s) => minutes(s.start, s.end)));
  set('B06', sessions.length, 0, null);
  set('B07', sessions.length, mean(sessionMinutes), median(sessionMinutes));
  set('B08', sessions.length, 0, null);
  // B09, B10: once per module, when its last session has ended.
  const ended = views.filter((x) => x.m.sessions.length > 0 && x.m.sessions.every((s) => s.end && s.end.getTime() <= now.getTime()) && within(latest(x.m.sessions.map((s) => s.end))));
  set('B09', ended.length, mean(ended.map((x) => x.m.manualMarks * MANUAL_MARK_MINUTES)), median(nonNull(ended.map((x) => stepMinutes(x.view, 'B09')))));
  set('B10', ended.length, ACT.B10.standard, null);
  const closings = internal.flatMap((m) => m.sessions.filter((s) => s.isClosing && within(s.end)));
  set('B11', closings.length, ACT.B11.standard, median(nonNull(closings.map((s) => minutes(s.start, s.end)))));
  const b12 = views.filter((x) => within(x.m.reportSentAt ?? x.m.consolidatedAt));
  set('B12', b12.length, 0, median(nonNull(b12.map((x) => stepMinutes(x.view, 'B12')))));

  // C: external requests, each step placed by the moment that ends it; C03's hands-on from the workshops' sessions.
  const reqs = input.requests.map((r) => ({ r, view: requestTimings(r, now) }));
  const c01 = reqs.filter((x) => within(asDate(x.r.decidedAt)));
  set('C01', c01.length, ACT.C01.standard, median(nonNull(c01.map((x) => stepMinutes(x.view, 'C01')))));
  const c02 = reqs.filter((x) => within(asDate(x.r.scheduledAt)));
  set('C02', c02.length, 0, median(nonNull(c02.map((x) => stepMinutes(x.view, 'C02')))));
  const extSessions = input.modules.filter((m) => m.external).flatMap((m) => m.sessions.filter((s) => within(s.end)));
  const extMinutes = nonNull(extSessions.map((s) => minutes(s.start, s.end)));
  const c03 = reqs.filter((x) => within(asDate(x.r.heldAt)));
  set('C03', extSessions.length, mean(extMinutes), median(nonNull(c03.map((x) => stepMinutes(x.view, 'C03')))));
  // C04: Silnet per request closed in the period, plus the external workshops' manual marks spread over them.
  const c04 = reqs.filter((x) => within(asDate(x.r.closedAt)));
  const marks = input.modules.filter((m) => m.external && m.sessions.some((s) => within(s.end))).reduce((a, m) => a + m.manualMarks, 0);
  set('C04', c04.length, c04.length ? Math.round((EXTERNAL_SILNET_MINUTES + (marks * MANUAL_MARK_MINUTES) / c04.length) * 10) / 10 : null, median(nonNull(c04.map((x) => stepMinutes(x.view, 'C04')))));

  const activities: ActivityFigure[] = ACTIVITIES.map((a) => ({ ...a, ...(fig.get(a.code) ?? { cases: 0, handsOn: null, elapsed: null }) }));
  // A group's total: the sum of its steps' minutes per case (the seed's standard counts the speaker's B07/C03 too).
  const total = (g: Group, cases: number) => {
    const of = activities.filter((a) => a.group === g);
    const standard = of.reduce((s, a) => s + (a.standard ?? 0), 0);
    const sum = (xs: ActivityFigure[]) => Math.round(xs.reduce((s, a) => s + (a.handsOn as number), 0) * 10) / 10;
    const counted = of.filter((a) => a.handsOn !== null);
    const some = cases > 0 && counted.length > 0;
    return { standard, handsOn: some ? sum(counted) : null, estimated: some ? sum(counted.filter((a) => a.basis === 'estimado')) : null, cases };
  };
  return {
    activities,
    totals: {
      A: total('A', attended.length + abandoned.length),
      // The modules and requests with at least one step counted in the period.
      B: total('B', new Set([...created, ...[...programme, ...sheet, ...ended, ...b12].map((x) => x.m), ...internal.filter((m) => m.sessions.some((s) => within(s.end)))]).size),
      C: total('C', new Set([...c01, ...c02, ...c03, ...c04].map((x) => x.r)).size),
    },
  };
}

// ---------------------------------------------------------------------------- the section

const ACTOR_LABEL: Record<Actor, string> = {
  Usuario: 'El usuario',
  Producto: 'El producto (≈0 min del consultor)',
  Persona: 'Una persona',
  'Producto y persona': 'El producto y una persona',
  Ponente: 'El ponente',
};

const BASIS_LABEL: Record<Basis, string> = {
  medido: 'Medido',
  producto: 'Automático',
  estimado: 'Estimado',
  incluido: 'Incluido en A06',
  'no aplica': 'No es trabajo del consultor',
};

function cell(n: number | null): number | string {
  return n === null ? '—' : n;
}

/**
 * The «Tiempos reales del procedimiento» section: headline per group, a chart table and the detail
 * table. `missing` names the spreadsheets that could not be opened (their activities show no cases).
 */
export function timingsSection(f: TimingsFigures, missing: readonly string[] = []): IndicatorSection {
  const byCode = f.activities;
  const chart: IndicatorTable = {
    title: 'Minutos del consultor por actividad: estándar y real',
    header: ['Actividad', 'Estándar (min)', 'Real (min)'],
    rows: byCode.filter((a) => a.standard !== null).map((a) => [a.code, a.standard as number, a.handsOn ?? 0]),
    chart: 'bar',
    note: 'Real: promedio por caso en el periodo (0 donde el producto hace el paso solo o no hubo casos; B07 y C03 son minutos del ponente).',
  };
  const detail: IndicatorTable = {
    title: 'Tiempo real por actividad (A01–C04)',
    header: ['Código', 'Actividad', 'Quién lo hace ahora', 'Estándar (min)', 'Minutos por caso', 'Base del dato', 'Transcurrido (mediana)', 'Casos'],
    rows: byCode.map((a) => [a.code, a.name, ACTOR_LABEL[a.actor], cell(a.standard), cell(a.handsOn), BASIS_LABEL[a.basis], a.elapsed === null ? '—' : formatMinutes(a.elapsed), a.cases]),
    note:
      'El tiempo transcurrido no es tiempo de trabajo: incluye esperas (la fecha del taller, la decisión de la Sub Dirección). Estimados: ' +
      Object.entries(ESTIMATES)
        .map(([code, why]) => `${code}: ${why}`)
        .join('; ') +
      '.',
  };
  const line = (g: Group, what: string): [string, string] => {
    const t = f.totals[g];
    const cases = `${t.cases} ${t.cases === 1 ? 'caso' : 'casos'}`;
    const estimated = t.estimated ? `; ${formatMinutes(t.estimated)} estimados` : '';
    const real = t.handsOn === null ? 'sin casos en el periodo' : `${formatMinutes(t.handsOn)} (${cases}${estimated})`;
    return [`${what}: estándar ${formatMinutes(t.standard)} · real por caso`, real];
  };
  const headline = [line('A', 'Atención personalizada'), line('B', 'Módulo de talleres internos'), line('C', 'Taller externo')];
  if (missing.length) headline.push(['Sin acceso a', `${missing.join(' y ')}: sus actividades quedan sin casos.`]);
  return {
    key: 'tiempos',
    title: 'Tiempos reales del procedimiento',
    headline,
    tables: [chart, detail],
  };
}
