/**
 * The workshops' and external requests' indicators (issue 15, Talleres: B05–B12, C01–C04), pure.
 *
 * The provider (src/app/indicators/workshops.ts) reads 'Módulos', 'Sesiones', 'Inscripciones',
 * 'Asistencia', 'Encuestas de talleres', 'Certificados' and 'Solicitudes externas' once each into
 * the plain rows below; these functions compute every figure. docs/indicators.md («Workshops and
 * external requests») says how each one is computed and what counts in the period:
 *
 * - a module belongs to the period when one of its counted sessions (not 'Cancelada') starts in
 *   it — or, with no dated session, when its 'Fecha de inicio' falls in it; its registrations,
 *   attendance and completion are then the module's whole (a module is one unit, not cut by dates);
 * - a session counts in the period when it is not cancelled, starts in the period and has been
 *   held ('Realizada', or its end is past);
 * - certificates count by 'Emitido' in the period; external requests by 'Recibida' in the period.
 *
 * Completion uses the certificate's own rule (src/domain/workshops/completion.ts), so the
 * dashboard, the consolidation and the certificates never disagree.
 */
import { formatLimaShortDate } from '../lima-time';
import { EXTERNAL_REQUEST_STATES } from '../schema';
import { moduleCompletion, type CompletionSession } from '../workshops/completion';
import { inPeriod, type Period } from './period';
import type { IndicatorCell, IndicatorSection, IndicatorTable } from './sections';

// ---------------------------------------------------------------------------- inputs (plain rows)

export interface WModule {
  id: string;
  name: string;
  /** 'Interno' | 'Externo'. */
  kind: string;
  startDate: Date | null;
  /** 'Asistencia mínima (sesiones)' (0: not set). */
  minSessions: number;
}
export interface WSession {
  id: string;
  moduleId: string;
  number: number;
  /** 'Programada' | 'Realizada' | 'Cancelada'. */
  status: string;
  start: Date | null;
  end: Date | null;
}
export interface WRegistration {
  id: string;
  moduleId: string;
  /** REGISTRATION_STATES. */
  status: string;
}
/** An attendance row marked present ('Asistió' true); others are not passed. */
export interface WPresence {
  sessionId: string;
  registrationId: string;
}
export interface WSurvey {
  sessionId: string;
  /** q1–q4 (1–5; anything else is ignored). */
  scores: (number | null)[];
}
export interface WCertificate {
  moduleId: string;
  moduleName: string;
  /** 'Vigente' | 'Reemplazado' | 'Revocado'. */
  state: string;
  issuedAt: Date | null;
}
export interface WRequest {
  id: string;
  state: string;
  institution: string;
  ruc: string;
  receivedAt: Date | null;
  /** 'Asistentes' reported after the workshop (0 when blank). */
  attendees: number;
}

export interface WorkshopRows {
  modules: WModule[];
  sessions: WSession[];
  registrations: WRegistration[];
  present: WPresence[];
  surveys: WSurvey[];
  certificates: WCertificate[];
}

// ---------------------------------------------------------------------------- figures

export interface ModuleFigures {
  id: string;
  label: string;
  kind: string;
  /** Sign-ups not annulled: confirmed + waiting + to review + withdrawn. */
  registrations: number;
  confirmed: number;
  waiting: number;
  toReview: number;
  withdrawn: number;
  /** Counted sessions held up to now (any date: the module's whole). */
  heldSessions: number;
  /** Present marks in the held counted sessions (each registration once per session, any state). */
  presentMarks: number;
  /** Confirmed registrants present in at least one counted session. */
  attendedAny: number;
  /** presentMarks / (confirmed × heldSessions), 0–100 rounded; null when the denominator is 0. */
  attendancePercent: number | null;
  /** The certificate's rule (0: not set). */
  minSessions: number;
  /** Confirmed registrants that meet the rule (0 when the rule is not set). */
  meetRule: number;
  /** meetRule / confirmed, 0–100 rounded; null with no confirmed registrant or no rule. */
  meetRulePercent: number | null;
  /** 'Regla sin definir' | 'En curso' | 'Terminado'. */
  stage: string;
}

export interface SessionFigures {
  id: string;
  moduleId: string;
  label: string;
  start: Date | null;
  /** The module's confirmed registrants now. */
  confirmed: number;
  /** Registrations of the module marked present in it (any state), once each. */
  present: number;
  /** present / confirmed, 0–100 rounded; null without confirmed registrants. */
  attendancePercent: number | null;
  /** Survey answers of the session. */
  answers: number;
  /** Average of each question (1–5, one decimal) over its valid answers; null when none. */
  averages: (number | null)[];
  /** Average of every valid score of the session (1–5, one decimal). */
  overall: number | null;
}

export interface CertificateFigures {
  moduleId: string;
  label: string;
  /** Every certificate row issued in the period (each PDF made). */
  issued: number;
  valid: number;
  replaced: number;
  revoked: number;
}

export interface WorkshopFigures {
  modules: ModuleFigures[];
  sessions: SessionFigures[];
  certificates: CertificateFigures[];
  totals: {
    modules: number;
    heldSessions: number;
    registrations: number;
    confirmed: number;
    waiting: number;
    /** Sum of present over the period's sessions / sum of confirmed, 0–100 rounded (null: none). */
    attendancePercent: number | null;
    meetRule: number;
    /** Valid certificates issued in the period (issued − replaced − revoked). */
    certificatesValid: number;
    /** Average of every valid score of the period's sessions (1–5, one decimal). */
    satisfaction: number | null;
    surveyAnswers: number;
  };
}

/** Round to one decimal (the survey's own precision). */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((100 * part) / whole) : null;
}
function mean(values: readonly number[]): number | null {
  return values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null;
}
/** A valid scale answer: a whole number 1–5. */
export function validScore(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;
}

/** A counted session (not cancelled) that has been held by `now`. */
export function sessionHeld(s: Pick<WSession, 'status' | 'end'>, now: Date): boolean {
  if (s.status === 'Cancelada') return false;
  return s.status === 'Realizada' || (s.end !== null && s.end.getTime() <= now.getTime());
}

/** Whether a module belongs to the period (see the file's comment). */
export function moduleInPeriod(m: WModule, sessions: readonly WSession[], period: Pick<Period, 'start' | 'end'>): boolean {
  const dated = sessions.filter((s) => s.moduleId === m.id && s.status !== 'Cancelada' && s.start !== null);
  if (dated.length) return dated.some((s) => inPeriod(period, s.start));
  return inPeriod(period, m.startDate);
}

function moduleLabel(m: WModule): string {
  return m.kind === 'Externo' ? `${m.name || m.id} (externo)` : m.name || m.id;
}

export function computeWorkshopFigures(rows: WorkshopRows, period: Pick<Period, 'start' | 'end'>, now: Date): WorkshopFigures {
  const sessionsByModule = groupBy(rows.sessions, (s) => s.moduleId);
  const regsByModule = groupBy(rows.registrations, (r) => r.moduleId);
  const presentBySession = new Map<string, Set<string>>();
  for (const p of rows.present) {
    let set = presentBySession.get(p.sessionId);
    if (!set) presentBySession.set(p.sessionId, (set = new Set()));
    set.add(p.registrationId);
  }
  const surveysBySession = groupBy(rows.surveys, (s) => s.sessionId);

  // Each module looks only at its own sessions: linear in the rows, whatever a year holds.
  const periodModules = rows.modules.filter((m) => m.id !== '' && moduleInPeriod(m, sessionsByModule.get(m.id) ?? [], period));
  const byStart = (a: { start: Date | null }, b: { start: Date | null }) => (a.start?.getTime() ?? Infinity) - (b.start?.getTime() ?? Infinity);
  const modules: ModuleFigures[] = [];
  const sessions: SessionFigures[] = [];
  for (const m of periodModules) {
    const mine = sessionsByModule.get(m.id) ?? [];
    const regs = (regsByModule.get(m.id) ?? []).filter((r) => r.status !== 'Anulado');
    const count = (state: string) => regs.filter((r) => r.status === state).length;
    const confirmed = count('Inscrito');
    const held = mine.filter((s) => sessionHeld(s, now));
    const presentMarks = held.reduce((n, s) => n + (presentBySession.get(s.id)?.size ?? 0), 0);
    const completion = moduleCompletion({
      minSessions: m.minSessions,
      sessions: mine.map((s): CompletionSession => ({ id: s.id, status: s.status, start: s.start, end: s.end })),
      registrations: regs,
      present: rows.present,
      now,
    });
    const meetRule = completion.people.filter((p) => p.meetsRule).length;
    modules.push({
      id: m.id,
      label: moduleLabel(m),
      kind: m.kind,
      registrations: regs.length,
      confirmed,
      waiting: count('En lista de espera'),
      toReview: count('Por revisar'),
      withdrawn: count('Retirado'),
      heldSessions: held.length,
      presentMarks,
      attendedAny: completion.people.filter((p) => p.attended > 0).length,
      attendancePercent: percent(presentMarks, confirmed * held.length),
      minSessions: completion.minSessions,
      meetRule,
      meetRulePercent: completion.ruleSet ? percent(meetRule, confirmed) : null,
      stage: !completion.ruleSet ? 'Regla sin definir' : completion.ended ? 'Terminado' : 'En curso',
    });
    for (const s of mine.filter((x) => sessionHeld(x, now) && inPeriod(period, x.start)).sort(byStart)) {
      const answers = surveysBySession.get(s.id) ?? [];
      const present = presentBySession.get(s.id)?.size ?? 0;
      const averages = [0, 1, 2, 3].map((q) => mean(answers.map((a) => a.scores[q]).filter(validScore)));
      sessions.push({
        id: s.id,
        moduleId: m.id,
        label: `${moduleLabel(m)} · S${s.number || '?'}${s.start ? ` (${formatLimaShortDate(s.start)})` : ''}`,
        start: s.start,
        confirmed,
        present,
        attendancePercent: percent(present, confirmed),
        answers: answers.length,
        averages,
        overall: mean(answers.flatMap((a) => a.scores.filter(validScore))),
      });
    }
  }
  sessions.sort(byStart);

  const certGroups = groupBy(
    rows.certificates.filter((c) => inPeriod(period, c.issuedAt)),
    (c) => c.moduleId,
  );
  const certificates: CertificateFigures[] = [...certGroups.entries()].map(([moduleId, list]) => ({
    moduleId,
    label: rows.modules.find((m) => m.id === moduleId)?.name || list[0].moduleName || moduleId,
    issued: list.length,
    valid: list.filter((c) => c.state === 'Vigente').length,
    replaced: list.filter((c) => c.state === 'Reemplazado').length,
    revoked: list.filter((c) => c.state === 'Revocado').length,
  }));

  const sumConfirmed = sessions.reduce((n, s) => n + s.confirmed, 0);
  const periodSessionIds = new Set(sessions.map((s) => s.id));
  const allScores = rows.surveys.filter((a) => periodSessionIds.has(a.sessionId)).flatMap((a) => a.scores.filter(validScore));
  return {
    modules,
    sessions,
    certificates,
    totals: {
      modules: modules.length,
      heldSessions: sessions.length,
      registrations: sum(modules, (m) => m.registrations),
      confirmed: sum(modules, (m) => m.confirmed),
      waiting: sum(modules, (m) => m.waiting),
      attendancePercent: percent(
        sessions.reduce((n, s) => n + s.present, 0),
        sumConfirmed,
      ),
      meetRule: sum(modules, (m) => m.meetRule),
      certificatesValid: sum(certificates, (c) => c.valid),
      satisfaction: mean(allScores),
      surveyAnswers: sum(sessions, (s) => s.answers),
    },
  };
}

// ---------------------------------------------------------------------------- external requests

export interface InstitutionFigures {
  label: string;
  requests: number;
  /** Approved at some point: 'Aprobada', 'Programada', 'Realizada', 'Cerrada'. */
  approved: number;
  /** Held: 'Realizada' or 'Cerrada'. */
  held: number;
}

export interface RequestFigures {
  received: number;
  /** Every state of EXTERNAL_REQUEST_STATES in order, with its count (zeros included); unknown states last. */
  byState: [string, number][];
  byInstitution: InstitutionFigures[];
  approved: number;
  rejected: number;
  held: number;
  /** Sum of 'Asistentes' of the held requests. */
  attendees: number;
}

const APPROVED_STATES = new Set(['Aprobada', 'Programada', 'Realizada', 'Cerrada']);
const HELD_STATES = new Set(['Realizada', 'Cerrada']);

/** The key an institution is grouped by: its RUC (11 digits) when given, else its name folded. */
export function institutionKey(r: Pick<WRequest, 'ruc' | 'institution'>): string {
  const ruc = r.ruc.replace(/\D/g, '');
  if (ruc.length === 11) return `ruc:${ruc}`;
  return `name:${r.institution.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ')}`;
}

export function computeRequestFigures(requests: readonly WRequest[], period: Pick<Period, 'start' | 'end'>): RequestFigures {
  const mine = requests.filter((r) => r.id !== '' && inPeriod(period, r.receivedAt));
  const counts = new Map<string, number>(EXTERNAL_REQUEST_STATES.map((s) => [s, 0]));
  for (const r of mine) counts.set(r.state || '(sin estado)', (counts.get(r.state || '(sin estado)') ?? 0) + 1);
  const groups = groupBy(mine, institutionKey);
  const byInstitution = [...groups.values()]
    .map((list) => ({
      label: list[list.length - 1].institution.trim() || '(sin nombre)',
      requests: list.length,
      approved: list.filter((r) => APPROVED_STATES.has(r.state)).length,
      held: list.filter((r) => HELD_STATES.has(r.state)).length,
    }))
    .sort((a, b) => b.requests - a.requests || a.label.localeCompare(b.label, 'es'));
  const heldList = mine.filter((r) => HELD_STATES.has(r.state));
  return {
    received: mine.length,
    byState: [...counts.entries()],
    byInstitution,
    approved: mine.filter((r) => APPROVED_STATES.has(r.state)).length,
    rejected: mine.filter((r) => r.state === 'Rechazada').length,
    held: heldList.length,
    attendees: sum(heldList, (r) => r.attendees),
  };
}

// ---------------------------------------------------------------------------- sections

/** A figure that may be missing ('—' on the tab, never a fake zero). */
function cell(n: number | null): IndicatorCell {
  return n === null ? '—' : n;
}

export function workshopSection(f: WorkshopFigures): IndicatorSection {
  const t = f.totals;
  const tables: IndicatorTable[] = [
    {
      title: 'Inscripciones por módulo',
      header: ['Módulo', 'Inscripciones', 'Confirmados', 'En lista de espera', 'Por revisar', 'Retirados'],
      rows: f.modules.map((m) => [m.label, m.registrations, m.confirmed, m.waiting, m.toReview, m.withdrawn]),
      chart: 'column',
      note: 'Inscripciones: todas las del módulo salvo las anuladas. Un módulo cuenta en el periodo si una de sus sesiones (no canceladas) empieza en él.',
    },
    {
      title: 'Asistencia por sesión',
      header: ['Sesión', 'Confirmados', 'Asistentes', 'Respuestas a la encuesta'],
      rows: f.sessions.map((s) => [s.label, s.confirmed, s.present, s.answers]),
      chart: 'column',
      note: 'Sesiones realizadas en el periodo (no canceladas). Asistentes: inscripciones marcadas «Asistió» en la sesión.',
    },
    {
      title: 'Asistencia por módulo',
      header: ['Módulo', 'Sesiones realizadas', 'Confirmados', 'Asistieron al menos a una sesión', 'Asistencia promedio (%)'],
      rows: f.modules.map((m) => [m.label, m.heldSessions, m.confirmed, m.attendedAny, cell(m.attendancePercent)]),
      note: 'Asistencia promedio: asistencias marcadas ÷ (confirmados × sesiones realizadas).',
    },
    {
      title: 'Cumplimiento de la regla del certificado',
      header: ['Módulo', 'Asistencia mínima (sesiones)', 'Confirmados', 'Cumplen la regla', 'Cumplen (%)', 'Estado'],
      rows: f.modules.map((m) => [m.label, m.minSessions || '—', m.confirmed, m.meetRule, cell(m.meetRulePercent), m.stage]),
      note: 'La misma regla que la de los certificados: al menos la asistencia mínima de sesiones no canceladas; solo inscritos confirmados.',
    },
    {
      title: 'Certificados emitidos',
      header: ['Módulo', 'Emitidos', 'Vigentes', 'Reemplazados', 'Revocados'],
      rows: f.certificates.map((c) => [c.label, c.issued, c.valid, c.replaced, c.revoked]),
      note: 'Por fecha de emisión en el periodo; una reemisión (nombre corregido) cuenta como emitido y deja el anterior «Reemplazado».',
    },
    {
      title: 'Satisfacción por sesión',
      header: ['Sesión', 'Satisfacción con la sesión', 'Contenido claro y útil', 'Ponente', 'Conexión a Meet'],
      rows: f.sessions.filter((s) => s.answers > 0).map((s) => [s.label, ...s.averages.map(cell)]),
      chart: 'column',
      note: 'Promedio de 1 a 5 de las respuestas válidas de la encuesta de cada sesión.',
    },
  ];
  return {
    key: 'talleres',
    title: 'Talleres («Aprende a Emprender» y talleres externos)',
    headline: [
      ['Módulos en el periodo', t.modules],
      ['Sesiones realizadas', t.heldSessions],
      ['Inscripciones', t.registrations],
      ['Confirmados', t.confirmed],
      ['En lista de espera', t.waiting],
      ['Asistencia por sesión (%)', cell(t.attendancePercent)],
      ['Cumplen la regla del certificado', t.meetRule],
      ['Certificados vigentes emitidos', t.certificatesValid],
      ['Satisfacción promedio (1 a 5)', cell(t.satisfaction)],
      ['Respuestas a la encuesta', t.surveyAnswers],
    ],
    tables,
  };
}

export function requestSection(f: RequestFigures): IndicatorSection {
  return {
    key: 'externos',
    title: 'Solicitudes de talleres externos',
    headline: [
      ['Solicitudes recibidas', f.received],
      ['Aprobadas', f.approved],
      ['Rechazadas', f.rejected],
      ['Talleres externos realizados', f.held],
      ['Asistentes a talleres externos', f.attendees],
    ],
    tables: [
      {
        title: 'Solicitudes por estado',
        header: ['Estado', 'Solicitudes'],
        rows: f.received ? f.byState.filter(([, n]) => n > 0) : [],
        chart: 'pie',
        note: 'Solicitudes recibidas en el periodo, por su estado actual.',
      },
      {
        title: 'Solicitudes por institución',
        header: ['Institución', 'Solicitudes', 'Aprobadas', 'Realizadas'],
        rows: f.byInstitution.map((i) => [i.label, i.requests, i.approved, i.held]),
        chart: 'bar',
        note: 'Una institución se reconoce por su RUC (o por su nombre si no lo dio).',
      },
    ],
  };
}

// ---------------------------------------------------------------------------- helpers

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(it);
  }
  return out;
}
function sum<T>(items: readonly T[], f: (t: T) => number): number {
  return items.reduce((n, t) => n + f(t), 0);
}
