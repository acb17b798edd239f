/**
 * Issue 15's done-when, with the built bundle in the emulator: three months of generated activity
 * (October – mid December 2026, and a few days of September; seeded and deterministic) — attentions of two consultants with
 * no-shows, cancellations, durations, topics and survey answers (in 'Citas' and in the survey's
 * responses tab, as the product and Forms write them); two internal modules (one in October, one
 * spanning November and December) with registrations in every state, attendance, surveys and
 * certificates; one external workshop with its request and four more requests. Then the panel's
 * «Indicadores» (`refreshIndicators`) for the month, the quarter and the year in BOTH spreadsheets,
 * and EVERY figure of every section (headline and table cells) is checked against values this test
 * computes on its own from what it generated — never with the product's domain functions — and the
 * timings table (A01–C04) against the moments the scenario wrote. The charts of the tab exist, each
 * over its table's range.
 *
 * The activity is written into the tabs as the product's flows leave them (the flows themselves
 * have their own scenario tests); the clock stays at 15 December 2026, 09:00, so no trigger
 * rewrites what was generated.
 */
import type { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import type { IndicatorsView } from '../../src/api';
import { SURVEY_CODE_QUESTION, SURVEY_SCALE_QUESTIONS } from '../../src/domain/survey-form';
import { createAttentionWorld } from '../support/attention-world';
import { appendRows } from '../support/sheet-rows';

// ---------------------------------------------------------------------------- generation

const NOW = '2026-12-15T09:00';
const lima = (s: string) => new Date(`${s}:00-05:00`);
const MIN = 60_000;
const DAY_MS = 86_400_000;
const addMin = (d: Date, m: number) => new Date(d.getTime() + m * MIN);

/** mulberry32: a small seeded generator, so every run generates the same three months. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261215);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

/** Lima calendar parts (Peru keeps UTC−5 all year). */
const limaParts = (d: Date) => {
  const l = new Date(d.getTime() - 5 * 3_600_000);
  return { y: l.getUTCFullYear(), m: l.getUTCMonth() + 1, d: l.getUTCDate(), dow: l.getUTCDay() };
};
const pad = (n: number) => String(n).padStart(2, '0');
const ddmmyyyy = (d: Date) => {
  const p = limaParts(d);
  return `${pad(p.d)}/${pad(p.m)}/${p.y}`;
};
/** Midnight (Lima) of the Monday of d's week. */
const mondayOf = (d: Date) => {
  const p = limaParts(d);
  return new Date(Date.UTC(p.y, p.m - 1, p.d) + 5 * 3_600_000 - ((p.dow + 6) % 7) * DAY_MS);
};

const CONSULTANTS = ['Ana Quispe', 'Luis Ñique'];
const TOPICS = ['Plan de negocio', 'Financiamiento', 'Formalización (RUC, licencias)', 'Marketing digital', 'Costos y precios'];

interface Attention {
  id: string;
  start: Date;
  consultant: string;
  status: 'Atendida' | 'Abandonada' | 'Cancelada' | 'Programada';
  topics: string[];
  importedAt: Date;
  reminderSentAt: Date | null;
  extranet: boolean;
  startedAt: Date | null;
  endedAt: Date | null;
  duration: number | null;
  answers: number[] | null;
  answeredAt: Date | null;
}

/** Two or three appointments each working day from 24 September (a few outside the quarter, inside the year) to 14 December. */
function generateAttentions(): Attention[] {
  const out: Attention[] = [];
  let n = 0;
  for (let t = lima('2026-09-24T00:00').getTime(); t < lima('2026-12-15T00:00').getTime(); t += DAY_MS) {
    const day = new Date(t);
    const dow = limaParts(day).dow;
    if (dow === 0 || dow === 6) continue;
    const count = int(2, 3);
    for (let k = 0; k < count; k++) {
      const start = addMin(day, (9 + 2 * k) * 60 + pick([0, 30]));
      const r = rand();
      const status = r < 0.6 ? 'Atendida' : r < 0.8 ? 'Abandonada' : r < 0.92 ? 'Cancelada' : 'Programada';
      const importedAt = addMin(start, -int(1, 4) * 1440 - int(0, 600));
      const reminded = status !== 'Cancelada' || rand() < 0.5;
      const a: Attention = {
        id: `CITA-${String(++n).padStart(4, '0')}`,
        start,
        consultant: pick(CONSULTANTS),
        status,
        topics: [],
        importedAt,
        reminderSentAt: reminded ? addMin(start, -int(60, 1500)) : null,
        extranet: reminded && rand() < 0.4,
        startedAt: null,
        endedAt: null,
        duration: null,
        answers: null,
        answeredAt: null,
      };
      if (status === 'Atendida') {
        a.topics = rand() < 0.2 ? [pick(TOPICS.slice(0, 2)), pick(TOPICS.slice(2))] : [pick(TOPICS)];
        a.startedAt = addMin(start, int(0, 8));
        a.duration = int(18, 55);
        a.endedAt = addMin(a.startedAt, a.duration);
        if (rand() < 0.55) {
          a.answers = SURVEY_SCALE_QUESTIONS.map(() => int(2, 5));
          a.answeredAt = addMin(a.endedAt, int(20, 600));
        }
      }
      out.push(a);
    }
  }
  return out;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const avgOrDash = (xs: number[], d: number) => (xs.length ? round(avg(xs), d) : '—');
/** 'Puntaje encuesta' as the survey link writes it: the mean of the 1–5 answers, one decimal. */
const scoreOf = (a: Attention) => (a.answers ? round(avg(a.answers), 1) : null);

interface Session {
  id: string;
  moduleId: string;
  number: number;
  start: Date;
  end: Date;
  isClosing: boolean;
}
interface Module {
  id: string;
  name: string;
  kind: 'Interno' | 'Externo';
  minSessions: number;
  createdAt: Date;
  programmeSentAt: Date;
  factSheetAt: Date;
  consolidatedAt: Date;
  reportSentAt: Date;
  requestId: string;
  sessions: Session[];
}
interface Registration {
  id: string;
  moduleId: string;
  status: string;
}
interface Mark {
  sessionId: string;
  moduleId: string;
  registrationId: string;
  source: 'Manual' | 'Formulario';
}
interface Answer {
  sessionId: string;
  moduleId: string;
  scores: number[];
}
interface Certificate {
  code: string;
  moduleId: string;
  moduleName: string;
  state: 'Vigente' | 'Reemplazado' | 'Revocado';
  issuedAt: Date;
}
interface Request {
  id: string;
  institution: string;
  ruc: string;
  state: string;
  receivedAt: Date;
  sentForApprovalAt: Date | null;
  decision: '' | 'Aprobada' | 'Rechazada';
  decidedAt: Date | null;
  scheduledAt: Date | null;
  heldAt: Date | null;
  thanksAt: Date | null;
  closedAt: Date | null;
  attendees: number | null;
  moduleId: string;
}

function module(id: string, name: string, kind: Module['kind'], created: string, minSessions: number, sessionStarts: string[], requestId = ''): Module {
  const sessions = sessionStarts.map((s, i) => ({ id: `${id}-S${i + 1}`, moduleId: id, number: i + 1, start: lima(s), end: addMin(lima(s), kind === 'Externo' ? 150 : 120 + 5 * i), isClosing: kind === 'Interno' && i === sessionStarts.length - 1 }));
  const createdAt = lima(created);
  const last = sessions[sessions.length - 1].end;
  return {
    id,
    name,
    kind,
    minSessions,
    createdAt,
    programmeSentAt: addMin(createdAt, 1440 + 37),
    factSheetAt: addMin(createdAt, 2 * 1440 + 95),
    consolidatedAt: addMin(last, 60 * 20 + 13),
    reportSentAt: addMin(last, 60 * 22 + 41),
    requestId,
    sessions,
  };
}

const MODULES: Module[] = [
  module('M-2026-IV-OCT', 'Aprende a Emprender – Octubre', 'Interno', '2026-09-21T10:00', 2, ['2026-10-06T18:00', '2026-10-13T18:00', '2026-10-20T18:00']),
  module('M-2026-IV-NOV', 'Aprende a Emprender – Noviembre', 'Interno', '2026-11-02T11:30', 3, ['2026-11-24T18:00', '2026-12-01T18:00', '2026-12-09T18:00', '2026-12-11T18:00']),
  module('M-2026-EXT-01', 'Taller externo: Costos para tu negocio', 'Externo', '2026-10-12T16:10', 1, ['2026-11-18T10:00'], 'SOL-0002'),
];
const REG_STATES = ['Inscrito', 'Inscrito', 'Inscrito', 'Inscrito', 'En lista de espera', 'Retirado', 'Por revisar', 'Anulado'];

function generateWorkshops() {
  const registrations: Registration[] = [];
  const marks: Mark[] = [];
  const answers: Answer[] = [];
  const certificates: Certificate[] = [];
  let cert = 0;
  for (const m of MODULES) {
    const people = m.kind === 'Externo' ? 14 : int(10, 16);
    for (let i = 1; i <= people; i++) registrations.push({ id: `${m.id}-I${i}`, moduleId: m.id, status: m.kind === 'Externo' ? 'Inscrito' : pick(REG_STATES) });
    const mine = registrations.filter((r) => r.moduleId === m.id);
    for (const s of m.sessions) {
      for (const r of mine) {
        // The confirmed attend most sessions; a withdrawn person came to the first one.
        const present = r.status === 'Inscrito' ? rand() < 0.7 : r.status === 'Retirado' && s.number === 1;
        if (present) marks.push({ sessionId: s.id, moduleId: m.id, registrationId: r.id, source: rand() < 0.25 ? 'Manual' : 'Formulario' });
      }
      const n = s.isClosing ? 0 : int(1, 4);
      for (let k = 0; k < n; k++) answers.push({ sessionId: s.id, moduleId: m.id, scores: [int(1, 5), int(2, 5), int(3, 5), int(1, 5)] });
    }
    // Certificates the evening after the last session: one per confirmed person meeting the rule; one reissued.
    const last = m.sessions[m.sessions.length - 1].end;
    const meeting = mine.filter((r) => r.status === 'Inscrito' && marks.filter((x) => x.registrationId === r.id).length >= m.minSessions);
    meeting.forEach((r, i) => {
      const code = () => `CERT-2026-0000-0000-${String(++cert).padStart(4, '0')}`;
      if (i === 0) certificates.push({ code: code(), moduleId: m.id, moduleName: m.name, state: 'Reemplazado', issuedAt: addMin(last, 120) });
      certificates.push({ code: code(), moduleId: m.id, moduleName: m.name, state: i === 1 && m.kind === 'Interno' ? 'Revocado' : 'Vigente', issuedAt: addMin(last, 180) });
    });
  }
  return { registrations, marks, answers, certificates };
}

const REQUESTS: Request[] = [
  { id: 'SOL-0001', institution: 'Municipalidad de Ate', ruc: '', state: 'Rechazada', receivedAt: lima('2026-09-14T10:05'), sentForApprovalAt: lima('2026-09-14T12:10'), decision: 'Rechazada', decidedAt: lima('2026-09-15T09:40'), scheduledAt: null, heldAt: null, thanksAt: null, closedAt: null, attendees: null, moduleId: '' },
  {
    id: 'SOL-0002',
    institution: 'CETPRO San Martín de Porres',
    ruc: '20131312955',
    state: 'Cerrada',
    receivedAt: lima('2026-10-08T08:15'),
    sentForApprovalAt: lima('2026-10-08T11:02'),
    decision: 'Aprobada',
    decidedAt: lima('2026-10-09T17:30'),
    scheduledAt: lima('2026-10-12T16:10'),
    heldAt: lima('2026-11-18T12:40'),
    thanksAt: lima('2026-11-18T20:00'),
    closedAt: lima('2026-11-19T10:25'),
    attendees: 31,
    moduleId: 'M-2026-EXT-01',
  },
  { id: 'SOL-0003', institution: 'Cetpro San Martin de Porres', ruc: '20131312955', state: 'Enviada a aprobación', receivedAt: lima('2026-11-03T15:00'), sentForApprovalAt: lima('2026-11-03T18:20'), decision: '', decidedAt: null, scheduledAt: null, heldAt: null, thanksAt: null, closedAt: null, attendees: null, moduleId: '' },
  { id: 'SOL-0004', institution: 'Universidad Nacional de Ingeniería', ruc: '', state: 'Rechazada', receivedAt: lima('2026-11-20T09:00'), sentForApprovalAt: lima('2026-11-20T10:00'), decision: 'Rechazada', decidedAt: lima('2026-11-23T08:45'), scheduledAt: null, heldAt: null, thanksAt: null, closedAt: null, attendees: null, moduleId: '' },
  { id: 'SOL-0005', institution: 'Universidad Nacional de Ingeniería', ruc: '', state: 'Aprobada', receivedAt: lima('2026-12-02T11:11'), sentForApprovalAt: lima('2026-12-02T12:00'), decision: 'Aprobada', decidedAt: lima('2026-12-03T09:30'), scheduledAt: null, heldAt: null, thanksAt: null, closedAt: null, attendees: null, moduleId: '' },
];

const ATTENTIONS = generateAttentions();
const { registrations: REGISTRATIONS, marks: MARKS, answers: ANSWERS, certificates: CERTIFICATES } = generateWorkshops();

// ---------------------------------------------------------------------------- expectations, computed here

interface Period {
  kind: 'mes' | 'trimestre' | 'año';
  label: string;
  start: Date;
  end: Date;
}
const PERIODS: Period[] = [
  { kind: 'mes', label: 'diciembre de 2026', start: lima('2026-12-01T00:00'), end: lima('2027-01-01T00:00') },
  { kind: 'trimestre', label: 'IV trimestre de 2026', start: lima('2026-10-01T00:00'), end: lima('2027-01-01T00:00') },
  { kind: 'año', label: '2026', start: lima('2026-01-01T00:00'), end: lima('2027-01-01T00:00') },
];
const now = lima(NOW);
const inP = (p: Period, d: Date | null) => d !== null && d.getTime() >= p.start.getTime() && d.getTime() < p.end.getTime();
const byEs = (a: string, b: string) => a.localeCompare(b, 'es');
type Cell = string | number;

/** The attentions' headline and tables for a period. */
function expectedAttentions(p: Period) {
  const mine = ATTENTIONS.filter((a) => inP(p, a.start));
  const attended = mine.filter((a) => a.status === 'Atendida');
  const abandoned = mine.filter((a) => a.status === 'Abandonada').length;
  const cancelled = mine.filter((a) => a.status === 'Cancelada').length;
  const pct = (x: number, y: number) => (y === 0 ? '—' : round((100 * x) / y, 1));
  const scored = mine.filter((a) => a.answers);
  const headline: [string, Cell][] = [
    ['Citas del periodo', mine.length],
    ['Atendidas', attended.length],
    ['Abandonadas (no se conectó)', abandoned],
    ['Canceladas', cancelled],
    ['Sin cerrar', mine.filter((a) => a.status === 'Programada').length],
    ['Tasa de inasistencia (%)', pct(abandoned, attended.length + abandoned)],
    ['Duración promedio (min)', avgOrDash(attended.map((a) => a.duration!), 1)],
    ['Tiempo estándar (min)', 35],
    ['Encuestas respondidas', scored.length],
    ['Tasa de respuesta de la encuesta (%)', pct(scored.length, attended.length)],
    ['Satisfacción promedio (1 a 5)', avgOrDash(scored.map((a) => scoreOf(a)!), 2)],
  ];
  // Weeks from the period's first Monday up to now.
  const weeks: Cell[][] = [];
  const rates: Cell[][] = [];
  for (let m = mondayOf(p.start); m.getTime() < Math.min(p.end.getTime(), now.getTime()); m = mondayOf(new Date(m.getTime() + 8 * DAY_MS))) {
    const w = mine.filter((a) => mondayOf(a.start).getTime() === m.getTime());
    const c = (s: string) => w.filter((a) => a.status === s).length;
    const label = `Sem. ${ddmmyyyy(m).slice(0, 5)}`;
    weeks.push([label, c('Atendida'), c('Abandonada'), c('Cancelada')]);
    rates.push([label, c('Atendida') + c('Abandonada') === 0 ? 0 : round((100 * c('Abandonada')) / (c('Atendida') + c('Abandonada')), 1)]);
  }
  const consultants = CONSULTANTS.map((name) => {
    const att = attended.filter((a) => a.consultant === name);
    const sc = scored.filter((a) => a.consultant === name).map((a) => scoreOf(a)!);
    return { name, attended: att.length, duration: avgOrDash(att.map((a) => a.duration!), 1), surveys: sc.length, score: avgOrDash(sc, 2) };
  })
    .filter((c) => c.attended > 0 || c.surveys > 0)
    .sort((a, b) => b.attended - a.attended || byEs(a.name, b.name));
  const topicCount = new Map<string, number>();
  for (const a of attended) for (const t of a.topics) topicCount.set(t, (topicCount.get(t) ?? 0) + 1);
  const tables: Record<string, Cell[][]> = {
    'Atenciones por semana': weeks,
    'Inasistencia por semana (%)': rates,
    'Duración promedio frente al estándar (min)': [
      ...consultants.filter((c) => c.duration !== '—').map((c) => [c.name, c.duration, 35]),
      ['Todos', avgOrDash(attended.map((a) => a.duration!), 1), 35],
    ],
    'Satisfacción por consultor (1 a 5)': consultants.filter((c) => c.score !== '—').map((c) => [c.name, c.score]),
    'Encuestas por consultor': consultants.map((c) => [c.name, c.attended, c.surveys, c.duration]),
    'Satisfacción por pregunta (1 a 5)': SURVEY_SCALE_QUESTIONS.map((q, i) => [q.title, round(avg(scored.map((a) => a.answers![i])), 2)]),
    'Temas de consulta': [...topicCount.entries()].sort((a, b) => b[1] - a[1] || byEs(a[0], b[0])).map(([t, n]) => [t, n]),
  };
  return { headline, tables, linked: scored.length };
}

const pct0 = (x: number, y: number): Cell => (y > 0 ? Math.round((100 * x) / y) : '—');
const mean1 = (xs: number[]): Cell => (xs.length ? round(avg(xs), 1) : '—');
const moduleLabel = (m: Module) => (m.kind === 'Externo' ? `${m.name} (externo)` : m.name);

/** The workshops' headline and tables for a period. */
function expectedWorkshops(p: Period) {
  const modules = MODULES.filter((m) => m.sessions.some((s) => inP(p, s.start)));
  const present = (s: Session) => MARKS.filter((x) => x.sessionId === s.id).length;
  const regsOf = (m: Module) => REGISTRATIONS.filter((r) => r.moduleId === m.id && r.status !== 'Anulado');
  const confirmedOf = (m: Module) => regsOf(m).filter((r) => r.status === 'Inscrito');
  const count = (m: Module, s: string) => regsOf(m).filter((r) => r.status === s).length;
  const sessions = modules
    .flatMap((m) => m.sessions.filter((s) => inP(p, s.start)).map((s) => ({ m, s })))
    .sort((a, b) => a.s.start.getTime() - b.s.start.getTime());
  const sessionLabel = (m: Module, s: Session) => `${moduleLabel(m)} · S${s.number} (${ddmmyyyy(s.start)})`;
  const answersOf = (s: Session) => ANSWERS.filter((a) => a.sessionId === s.id);
  const meet = (m: Module) => confirmedOf(m).filter((r) => MARKS.filter((x) => x.registrationId === r.id).length >= m.minSessions).length;
  const attendedAny = (m: Module) => confirmedOf(m).filter((r) => MARKS.some((x) => x.registrationId === r.id)).length;
  const marksOf = (m: Module) => m.sessions.reduce((n, s) => n + present(s), 0);
  const certs = CERTIFICATES.filter((c) => inP(p, c.issuedAt));
  const certModules = [...new Set(certs.map((c) => c.moduleId))];
  const allScores = sessions.flatMap(({ s }) => answersOf(s).flatMap((a) => a.scores));
  const sumConfirmed = sessions.reduce((n, { m }) => n + confirmedOf(m).length, 0);
  const headline: [string, Cell][] = [
    ['Módulos en el periodo', modules.length],
    ['Sesiones realizadas', sessions.length],
    ['Inscripciones', modules.reduce((n, m) => n + regsOf(m).length, 0)],
    ['Confirmados', modules.reduce((n, m) => n + confirmedOf(m).length, 0)],
    ['En lista de espera', modules.reduce((n, m) => n + count(m, 'En lista de espera'), 0)],
    ['Asistencia por sesión (%)', pct0(sessions.reduce((n, { s }) => n + present(s), 0), sumConfirmed)],
    ['Cumplen la regla del certificado', modules.reduce((n, m) => n + meet(m), 0)],
    ['Certificados vigentes emitidos', certs.filter((c) => c.state === 'Vigente').length],
    ['Satisfacción promedio (1 a 5)', mean1(allScores)],
    ['Respuestas a la encuesta', sessions.reduce((n, { s }) => n + answersOf(s).length, 0)],
  ];
  const tables: Record<string, Cell[][]> = {
    'Inscripciones por módulo': modules.map((m) => [moduleLabel(m), regsOf(m).length, confirmedOf(m).length, count(m, 'En lista de espera'), count(m, 'Por revisar'), count(m, 'Retirado')]),
    'Asistencia por sesión': sessions.map(({ m, s }) => [sessionLabel(m, s), confirmedOf(m).length, present(s), answersOf(s).length]),
    'Asistencia por módulo': modules.map((m) => [moduleLabel(m), m.sessions.length, confirmedOf(m).length, attendedAny(m), pct0(marksOf(m), confirmedOf(m).length * m.sessions.length)]),
    'Cumplimiento de la regla del certificado': modules.map((m) => [moduleLabel(m), m.minSessions, confirmedOf(m).length, meet(m), pct0(meet(m), confirmedOf(m).length), 'Terminado']),
    'Certificados emitidos': certModules.map((id) => {
      const list = certs.filter((c) => c.moduleId === id);
      const n = (s: string) => list.filter((c) => c.state === s).length;
      return [MODULES.find((m) => m.id === id)!.name, list.length, n('Vigente'), n('Reemplazado'), n('Revocado')];
    }),
    'Satisfacción por sesión': sessions
      .filter(({ s }) => answersOf(s).length > 0)
      .map(({ m, s }) => [sessionLabel(m, s), ...[0, 1, 2, 3].map((q) => mean1(answersOf(s).map((a) => a.scores[q])))]),
  };
  return { headline, tables };
}

const STATES = ['Recibida', 'Enviada a aprobación', 'Aprobada', 'Rechazada', 'Programada', 'Realizada', 'Cerrada'];
function expectedRequests(p: Period) {
  const mine = REQUESTS.filter((r) => inP(p, r.receivedAt));
  const approved = (r: Request) => ['Aprobada', 'Programada', 'Realizada', 'Cerrada'].includes(r.state);
  const held = (r: Request) => ['Realizada', 'Cerrada'].includes(r.state);
  const key = (r: Request) => (r.ruc ? r.ruc : r.institution.toLowerCase());
  const groups = new Map<string, Request[]>();
  for (const r of mine) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const headline: [string, Cell][] = [
    ['Solicitudes recibidas', mine.length],
    ['Aprobadas', mine.filter(approved).length],
    ['Rechazadas', mine.filter((r) => r.state === 'Rechazada').length],
    ['Talleres externos realizados', mine.filter(held).length],
    ['Asistentes a talleres externos', mine.filter(held).reduce((n, r) => n + (r.attendees ?? 0), 0)],
  ];
  const tables: Record<string, Cell[][]> = {
    'Solicitudes por estado': STATES.map((s) => [s, mine.filter((r) => r.state === s).length] as Cell[]).filter((r) => (r[1] as number) > 0),
    'Solicitudes por institución': [...groups.values()]
      .map((list) => [list[list.length - 1].institution, list.length, list.filter(approved).length, list.filter(held).length] as Cell[])
      .sort((a, b) => (b[1] as number) - (a[1] as number) || byEs(String(a[0]), String(b[0]))),
  };
  return { headline, tables };
}

/** «2 h 05 min»-style minutes as the product shows elapsed time — checked through the figure's raw minutes below. */
const minutesBetween = (a: Date | null, b: Date | null) => (a && b ? Math.max(0, Math.round((b.getTime() - a.getTime()) / MIN)) : null);
const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
};
const mean1n = (xs: number[]): number | null => (xs.length ? round(avg(xs), 1) : null);

/** Per activity code: [cases, minutes per case (null: '—'), median elapsed minutes (null: '—')]. */
function expectedTimings(p: Period): Record<string, [number, number | null, number | null]> {
  const within = (d: Date | null) => d !== null && d.getTime() <= now.getTime() && inP(p, d);
  const att = ATTENTIONS.filter((a) => within(a.start));
  const attended = att.filter((a) => a.status === 'Atendida');
  const abandoned = att.filter((a) => a.status === 'Abandonada');
  const reminded = att.filter((a) => a.reminderSentAt);
  const waits = attended.map((a) => minutesBetween(a.start, a.startedAt)!);
  const durations = attended.map((a) => a.duration!);
  const nz = (cases: number, v: number | null) => (cases ? v : null);
  const internal = MODULES.filter((m) => m.kind === 'Interno');
  const created = internal.filter((m) => within(m.createdAt));
  const programme = internal.filter((m) => within(m.programmeSentAt));
  const sheet = internal.filter((m) => within(m.factSheetAt));
  const lastEnd = (m: Module) => new Date(Math.max(...m.sessions.map((s) => s.end.getTime())));
  const firstStart = (m: Module) => new Date(Math.min(...m.sessions.map((s) => s.start.getTime())));
  const sessions = internal.flatMap((m) => m.sessions.filter((s) => !s.isClosing && within(s.end)));
  const ended = internal.filter((m) => within(lastEnd(m)));
  const manual = (m: Module) => MARKS.filter((x) => x.moduleId === m.id && x.source === 'Manual').length;
  const closings = internal.flatMap((m) => m.sessions.filter((s) => s.isClosing && within(s.end)));
  const b12 = internal.filter((m) => within(m.reportSentAt));
  const external = MODULES.filter((m) => m.kind === 'Externo');
  const extSessions = external.flatMap((m) => m.sessions.filter((s) => within(s.end)));
  const sessionStartOf = (r: Request) => external.find((m) => m.id === r.moduleId)?.sessions[0].start ?? null;
  const c01 = REQUESTS.filter((r) => within(r.decidedAt));
  const c02 = REQUESTS.filter((r) => within(r.scheduledAt));
  const c03 = REQUESTS.filter((r) => within(r.heldAt));
  const c04 = REQUESTS.filter((r) => within(r.closedAt));
  const extMarks = external.filter((m) => m.sessions.some((s) => within(s.end))).reduce((n, m) => n + manual(m), 0);
  return {
    A01: [att.length, null, median(att.map((a) => minutesBetween(a.importedAt, a.start)!))],
    A02: [reminded.length, nz(reminded.length, mean1n(reminded.map((a) => (a.extranet ? 1 : 0)))), median(reminded.map((a) => minutesBetween(a.importedAt, a.reminderSentAt)!))],
    A03: [attended.length + abandoned.length, mean1n([...waits, ...abandoned.map(() => 5)]), median(waits)],
    A04: [attended.length, null, null],
    A05: [attended.length, null, null],
    A06: [attended.length, mean1n(durations), median(durations)],
    A07: [attended.length, nz(attended.length, 0), null],
    B01: [created.length, nz(created.length, 180), null],
    B02: [created.length, nz(created.length, 120), null],
    B03: [programme.length, nz(programme.length, 0), median(programme.map((m) => minutesBetween(m.createdAt, m.programmeSentAt)!))],
    B04: [created.length, nz(created.length, 30), null],
    B05: [sheet.length, nz(sheet.length, 0), median(sheet.map((m) => minutesBetween(m.programmeSentAt, m.factSheetAt)!))],
    B06: [sessions.length, nz(sessions.length, 0), null],
    B07: [sessions.length, mean1n(sessions.map((s) => minutesBetween(s.start, s.end)!)), median(sessions.map((s) => minutesBetween(s.start, s.end)!))],
    B08: [sessions.length, nz(sessions.length, 0), null],
    B09: [ended.length, mean1n(ended.map(manual)), median(ended.map((m) => minutesBetween(firstStart(m), lastEnd(m))!))],
    B10: [ended.length, nz(ended.length, 60), null],
    B11: [closings.length, nz(closings.length, 20), median(closings.map((s) => minutesBetween(s.start, s.end)!))],
    B12: [b12.length, nz(b12.length, 0), median(b12.map((m) => minutesBetween(lastEnd(m), m.consolidatedAt)! + minutesBetween(m.consolidatedAt, m.reportSentAt)!))],
    C01: [c01.length, nz(c01.length, 15), median(c01.map((r) => minutesBetween(r.receivedAt, r.sentForApprovalAt)! + minutesBetween(r.sentForApprovalAt, r.decidedAt)!))],
    C02: [c02.length, nz(c02.length, 0), median(c02.map((r) => minutesBetween(r.decidedAt, r.scheduledAt)! + minutesBetween(r.scheduledAt, sessionStartOf(r))!))],
    C03: [extSessions.length, mean1n(extSessions.map((s) => minutesBetween(s.start, s.end)!)), median(c03.map((r) => minutesBetween(sessionStartOf(r), r.heldAt)!))],
    C04: [c04.length, c04.length ? round(60 + extMarks / c04.length, 1) : null, median(c04.map((r) => minutesBetween(r.heldAt, r.thanksAt)! + minutesBetween(r.thanksAt, r.closedAt)!))],
  };
}

const TIMING_TABLES = ['Minutos del consultor por actividad: estándar y real', 'Tiempo real por actividad (A01–C04)'];

/** The seed's standard minutes per activity (PROCEDURE.md; none for A01, A04, A05, B08). */
const STANDARD: Record<string, number> = { A02: 5, A03: 5, A06: 15, A07: 10, B01: 180, B02: 120, B03: 5, B04: 30, B05: 60, B06: 5, B07: 120, B09: 240, B10: 60, B11: 20, B12: 360, C01: 15, C02: 10, C03: 120, C04: 180 };
/** The activities whose hands-on minutes are an estimate (docs/indicators.md). */
const ESTIMATED = ['A02', 'B01', 'B02', 'B04', 'B09', 'B10', 'B11', 'C01', 'C04'];

/** Cases per group B and C: modules / requests with at least one step counted in the period. */
function timingsCases(p: Period): { B: number; C: number } {
  const within = (d: Date | null) => d !== null && d.getTime() <= now.getTime() && inP(p, d);
  const internal = MODULES.filter((m) => m.kind === 'Interno');
  const B = internal.filter((m) => [m.createdAt, m.programmeSentAt, m.factSheetAt, m.reportSentAt, ...m.sessions.map((s) => s.end)].some(within)).length;
  const C = REQUESTS.filter((r) => [r.decidedAt, r.scheduledAt, r.heldAt, r.closedAt].some(within)).length;
  return { B, C };
}

/** Minutes in words, as the tab shows them: «1 d 2 h 5 min», «45 min», «0 min». */
function words(total: number): string {
  const m = Math.max(0, Math.round(total));
  const parts = [...(m >= 1440 ? [`${Math.floor(m / 1440)} d`] : []), ...(m % 1440 >= 60 ? [`${Math.floor((m % 1440) / 60)} h`] : [])];
  if (m % 60 || parts.length === 0) parts.push(`${m % 60} min`);
  return parts.join(' ');
}

// ---------------------------------------------------------------------------- the scenario

function writeActivity(ws: Workspace, atenciones: string, talleres: string): void {
  appendRows(
    ws,
    atenciones,
    'Citas',
    ATTENTIONS.map((a, i) => ({
      'ID de cita': a.id,
      DNI: String(40000000 + i),
      'Nombres y apellidos': `Persona ${i + 1}`,
      Correo: `persona${i + 1}@example.com`,
      Fecha: ddmmyyyy(a.start),
      Inicio: a.start,
      Consultor: a.consultant,
      Servicio: 'Orientación para el emprendimiento',
      Estado: a.status,
      'Tema de consulta': a.topics.join('; '),
      'Hora de inicio': a.startedAt ?? '',
      'Hora de fin': a.endedAt ?? '',
      'Duración (min)': a.duration ?? '',
      'Recordatorio enviado': a.reminderSentAt ?? '',
      'Aviso extranet': a.extranet,
      'Encuesta respondida': a.answeredAt ?? '',
      'Puntaje encuesta': scoreOf(a) ?? '',
      Importado: a.importedAt,
    })),
  );
  // The survey's responses tab as Forms fills it (the linked copy in "Atenciones Virtuales").
  const responsesTab = ws.sheetNames(atenciones).find((n) => /^Respuestas de formulario/.test(n));
  if (!responsesTab) throw new Error(`no responses tab in ${ws.sheetNames(atenciones).join(', ')}`);
  appendRows(
    ws,
    atenciones,
    responsesTab,
    [
      ...ATTENTIONS.filter((a) => a.answers).map((a) => ({
        'Marca temporal': a.answeredAt,
        [SURVEY_CODE_QUESTION]: a.id,
        ...Object.fromEntries(SURVEY_SCALE_QUESTIONS.map((q, i) => [q.title, a.answers![i]])),
      })),
      // Never counted: an answer with a code no appointment has, and a repeat of an answered one days later (kept in «Revisión» by the product).
      ...[
        { at: lima('2026-12-02T10:00'), code: 'CITA-9999' },
        { at: addMin(ATTENTIONS.filter((a) => a.answers && a.start.getTime() >= lima('2026-12-01T00:00').getTime())[0].answeredAt!, 3 * 1440), code: ATTENTIONS.filter((a) => a.answers && a.start.getTime() >= lima('2026-12-01T00:00').getTime())[0].id },
      ].map((x) => ({ 'Marca temporal': x.at, [SURVEY_CODE_QUESTION]: x.code, ...Object.fromEntries(SURVEY_SCALE_QUESTIONS.map((q) => [q.title, 1])) })),
    ],
  );

  appendRows(
    ws,
    talleres,
    'Módulos',
    MODULES.map((m) => ({
      'ID de módulo': m.id,
      Módulo: m.name,
      Tipo: m.kind,
      Año: 2026,
      Estado: 'Cerrado',
      'Fecha de inicio': m.sessions[0].start,
      'Fecha de fin': m.sessions[m.sessions.length - 1].end,
      'ID de solicitud externa': m.requestId,
      Cupos: 30,
      'Asistencia mínima (sesiones)': m.minSessions,
      'Programación enviada': m.programmeSentAt,
      'Ficha generada': m.factSheetAt,
      Consolidado: m.consolidatedAt,
      'Informe enviado': m.reportSentAt,
      Creado: m.createdAt,
    })),
  );
  appendRows(
    ws,
    talleres,
    'Sesiones',
    MODULES.flatMap((m) =>
      m.sessions.map((s) => ({ 'ID de sesión': s.id, 'ID de módulo': m.id, 'N.°': s.number, Tema: `Sesión ${s.number}`, Inicio: s.start, Fin: s.end, 'Sesión de cierre': s.isClosing, Estado: 'Realizada' })),
    ),
  );
  appendRows(
    ws,
    talleres,
    'Inscripciones',
    REGISTRATIONS.map((r, i) => ({ 'ID de inscripción': r.id, 'ID de módulo': r.moduleId, DNI: String(70000000 + i), 'Nombres y apellidos': `Participante ${i + 1}`, Estado: r.status })),
  );
  appendRows(
    ws,
    talleres,
    'Asistencia',
    MARKS.map((x, i) => ({ 'ID de asistencia': `AS-${i + 1}`, 'ID de sesión': x.sessionId, 'ID de módulo': x.moduleId, 'ID de inscripción': x.registrationId, Asistió: true, Fuente: x.source })),
  );
  appendRows(
    ws,
    talleres,
    'Encuestas de talleres',
    ANSWERS.map((a, i) => ({
      'ID de respuesta': `ET-${i + 1}`,
      'ID de sesión': a.sessionId,
      'ID de módulo': a.moduleId,
      'Satisfacción con la sesión': a.scores[0],
      'Contenido claro y útil': a.scores[1],
      Ponente: a.scores[2],
      'Conexión a Meet': a.scores[3],
    })),
  );
  appendRows(
    ws,
    talleres,
    'Certificados',
    CERTIFICATES.map((c) => ({ Código: c.code, 'ID de módulo': c.moduleId, Módulo: c.moduleName, Estado: c.state, Emitido: c.issuedAt })),
  );
  appendRows(
    ws,
    talleres,
    'Solicitudes externas',
    REQUESTS.map((r) => ({
      'ID de solicitud': r.id,
      Recibida: r.receivedAt,
      Estado: r.state,
      Institución: r.institution,
      RUC: r.ruc,
      'Enviada a aprobación': r.sentForApprovalAt ?? '',
      Decisión: r.decision,
      'Fecha de la decisión': r.decidedAt ?? '',
      'ID de módulo': r.moduleId,
      Programada: r.scheduledAt ?? '',
      Realizada: r.heldAt ?? '',
      Asistentes: r.attendees ?? '',
      'Agradecimiento enviado': r.thanksAt ?? '',
      Cerrada: r.closedAt ?? '',
    })),
  );
}

describe('issue 15: three months of activity, every figure of «Indicadores» checked independently', () => {
  const w = createAttentionWorld({ at: NOW });
  const { ws, atenciones, talleres } = w;

  function refresh(ss: string, kind: Period['kind']): Extract<IndicatorsView, { ok: true }> {
    const r = ws.callFromSidebar(ss, 'refreshIndicators', [kind]);
    if (!r.ok) throw new Error(`refreshIndicators: ${r.error}`);
    const v = r.value as IndicatorsView;
    if (!v.ok) throw new Error(`refreshIndicators refused: ${v.message}`);
    return v;
  }
  const tab = (ss: string) => ws.values(ss, 'Indicadores');
  /** The value of a headline figure under a section's title. */
  function headline(ss: string, section: string, label: string): unknown {
    const v = tab(ss);
    const at = v.findIndex((r) => r[0] === section);
    expect(at).toBeGreaterThan(-1);
    for (let i = at + 1; i < v.length && v[i][0] !== ''; i++) if (v[i][0] === label) return v[i][1];
    throw new Error(`no headline «${label}» under «${section}»`);
  }
  /** The `n` data rows of the table titled `title` (cells up to its header's width); the row after them holds no data. */
  function table(ss: string, title: string, n: number): unknown[][] {
    const v = tab(ss);
    const at = v.findIndex((r) => r[0] === title);
    if (at < 0) throw new Error(`no table «${title}»`);
    const width = v[at + 1].filter((h) => h !== '').length;
    if (n === 0) {
      expect(v[at + 2][0]).toBe('(sin datos en el periodo)');
      return [];
    }
    const after = v[at + 2 + n] ?? [];
    expect(after.slice(1).every((c) => c === '' || c === null)).toBe(true);
    return v.slice(at + 2, at + 2 + n).map((r) => r.slice(0, width));
  }
  function checkSection(ss: string, sectionTitle: string, e: { headline: [string, Cell][]; tables: Record<string, Cell[][]> }) {
    // The whole headline block, label by label, and nothing more.
    const v = tab(ss);
    const at = v.findIndex((r) => r[0] === sectionTitle);
    expect(at).toBeGreaterThan(-1);
    const shown: unknown[][] = [];
    for (let i = at + 1; i < v.length && v[i][0] !== ''; i++) shown.push([v[i][0], v[i][1]]);
    expect(shown).toEqual(e.headline);
    for (const [title, rows] of Object.entries(e.tables)) expect([title, table(ss, title, rows.length)]).toEqual([title, rows]);
  }
  function checkTimings(ss: string, p: Period) {
    const e = expectedTimings(p);
    const rows = table(ss, 'Tiempo real por actividad (A01–C04)', 23);
    const fmt = (m: number | null) => (m === null ? '—' : m);
    for (const r of rows) {
      const [code, , , , perCase, , elapsed, cases] = r as [string, string, string, unknown, unknown, string, string, number];
      const [eCases, ePerCase, eElapsed] = e[code];
      expect([code, cases, perCase]).toEqual([code, eCases, fmt(ePerCase)]);
      // Elapsed is shown in words («1 d 2 h 37 min»); compare its minutes.
      expect([code, elapsed === '—' ? null : wordsToMinutes(elapsed)]).toEqual([code, eElapsed]);
    }
    // The headline per group: the seed's standard, the real minutes per case, the cases, the estimated part.
    const groups: [string, string, number][] = [
      ['A', 'Atención personalizada', new Set(ATTENTIONS.filter((a) => inP(p, a.start) && (a.status === 'Atendida' || a.status === 'Abandonada'))).size],
      ['B', 'Módulo de talleres internos', timingsCases(p).B],
      ['C', 'Taller externo', timingsCases(p).C],
    ];
    const v = tab(ss);
    const at = v.findIndex((r) => r[0] === 'Tiempos reales del procedimiento');
    expect(v[at + groups.length + 1][0]).toBe(''); // three lines, no «Sin acceso a»
    for (const [g, what, cases] of groups) {
      const codes = Object.keys(e).filter((c) => c[0] === g);
      const standard = codes.reduce((n, c) => n + (STANDARD[c] ?? 0), 0);
      const counted = codes.filter((c) => e[c][1] !== null);
      const real = round(counted.reduce((n, c) => n + e[c][1]!, 0), 1);
      const estimated = round(counted.filter((c) => ESTIMATED.includes(c)).reduce((n, c) => n + e[c][1]!, 0), 1);
      const value = cases > 0 && counted.length ? `${words(real)} (${cases} ${cases === 1 ? 'caso' : 'casos'}${estimated ? `; ${words(estimated)} estimados` : ''})` : 'sin casos en el periodo';
      expect(headline(ss, 'Tiempos reales del procedimiento', `${what}: estándar ${words(standard)} · real por caso`)).toBe(value);
    }
    const chart = table(ss, 'Minutos del consultor por actividad: estándar y real', 19);
    for (const [code, standard, real] of chart as [string, number, number][]) expect([code, standard, real]).toEqual([code, STANDARD[code], e[code][1] ?? 0]);
  }
  function checkCharts(ss: string) {
    const charts = sheetsStore(ws.state).requireSheet(ss, 'Indicadores').charts ?? [];
    const v = tab(ss);
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) {
      const r = c.ranges[0];
      expect(v[r.row - 2][0]).toBe(c.options.title); // the title right above the header
      const header = v[r.row - 1].filter((h) => h !== '');
      expect(r.numColumns).toBe(header.length);
      // The range ends with the table's last data row.
      const rows = v.slice(r.row, r.row - 1 + r.numRows);
      expect(rows.every((row) => row[0] !== '' && row.slice(1, r.numColumns).some((x) => typeof x === 'number'))).toBe(true);
      const next = v[r.row - 1 + r.numRows] ?? [];
      expect(next.slice(1).every((x) => x === '' || x === null)).toBe(true);
    }
    return charts.map((c) => `${c.type}:${c.options.title}`);
  }

  beforeAll(() => {
    writeActivity(ws, atenciones, talleres);
  });

  test('the generated activity has what the issue asks for', () => {
    const count = (s: string) => ATTENTIONS.filter((a) => a.status === s).length;
    expect(ATTENTIONS.length).toBeGreaterThan(100);
    expect(count('Abandonada')).toBeGreaterThan(10);
    expect(ATTENTIONS.filter((a) => a.answers).length).toBeGreaterThan(20);
    expect(MODULES.filter((m) => m.kind === 'Interno')).toHaveLength(2);
    expect(MODULES.filter((m) => m.kind === 'Externo')).toHaveLength(1);
  });

  for (const p of PERIODS) {
    test(`Atenciones, ${p.label}: every figure and the timings`, () => {
      const view = refresh(atenciones, p.kind);
      expect(view.period.label).toBe(p.label);
      expect(tab(atenciones)[1][0]).toBe(`Periodo: ${p.label}`);
      expect(view.sections.map((s) => s.key)).toEqual(['atenciones', 'tiempos']);
      const e = expectedAttentions(p);
      checkSection(atenciones, 'Atenciones virtuales (A01–A07)', e);
      expect(view.sections.flatMap((s) => s.tables.map((t) => t.title))).toEqual([...Object.keys(e.tables), ...TIMING_TABLES]);
      const note = tab(atenciones).find((r) => String(r[0]).startsWith('Respuestas de la encuesta vinculadas'));
      expect(note?.[0]).toBe(`Respuestas de la encuesta vinculadas a citas del periodo: ${e.linked}.`);
      checkTimings(atenciones, p);
      expect(checkCharts(atenciones)).toEqual([
        'COLUMN:Atenciones por semana',
        'LINE:Inasistencia por semana (%)',
        'COLUMN:Duración promedio frente al estándar (min)',
        'BAR:Satisfacción por consultor (1 a 5)',
        'BAR:Satisfacción por pregunta (1 a 5)',
        'PIE:Temas de consulta',
        'BAR:Minutos del consultor por actividad: estándar y real',
      ]);
    });

    test(`Talleres, ${p.label}: every figure and the timings`, () => {
      const view = refresh(talleres, p.kind);
      expect(view.period.label).toBe(p.label);
      expect(view.sections.map((s) => s.key)).toEqual(['talleres', 'externos', 'tiempos']);
      const wk = expectedWorkshops(p);
      const rq = expectedRequests(p);
      checkSection(talleres, 'Talleres («Aprende a Emprender» y talleres externos)', wk);
      checkSection(talleres, 'Solicitudes de talleres externos', rq);
      expect(view.sections.flatMap((s) => s.tables.map((t) => t.title))).toEqual([...Object.keys(wk.tables), ...Object.keys(rq.tables), ...TIMING_TABLES]);
      checkTimings(talleres, p);
      const charts = checkCharts(talleres);
      expect(charts).toEqual([
        'COLUMN:Inscripciones por módulo',
        'COLUMN:Asistencia por sesión',
        'COLUMN:Satisfacción por sesión',
        'PIE:Solicitudes por estado',
        'BAR:Solicitudes por institución',
        'BAR:Minutos del consultor por actividad: estándar y real',
      ]);
    });
  }
});

/** «3 d 4 h 05 min» / «2 h» / «45 min» → minutes (the product's duration wording). */
function wordsToMinutes(s: string): number {
  let m = 0;
  for (const [, n, unit] of s.matchAll(/(\d+)\s*(d|h|min)/g)) m += Number(n) * (unit === 'd' ? 1440 : unit === 'h' ? 60 : 1);
  return m;
}
