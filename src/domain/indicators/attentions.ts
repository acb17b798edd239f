/**
 * The attentions' indicators (issue 15, A01–A07) for a period: attentions per week (attended,
 * abandoned, cancelled), the no-show rate, the average duration against the standard time, the
 * satisfaction per consultant and per question of the survey (A06), and the topics of consultation.
 *
 * Input is plain rows (the provider, src/app/indicators/attentions.ts, reads 'Citas' and the
 * survey's responses tab once each), so a test can compute the same figures independently. What
 * counts in the period is the appointment's start (Lima) — a survey answered in the next month
 * counts for the attention's month. docs/indicators.md § Attentions explains each figure.
 *
 * Pure.
 */
import { formatLimaShortDate } from '../lima-time';
import { inPeriod, weekStart, type Period } from './period';
import type { IndicatorSection, IndicatorTable } from './sections';

/** One row of 'Citas', as the figures need it. */
export interface AttentionRow {
  /** 'ID de cita' (the survey's code). */
  id: string;
  /** The appointment's start; null when the row has none (it counts nowhere). */
  start: Date | null;
  /** 'Estado' as written ('Programada', 'En atención', 'Atendida', 'Abandonada', 'Cancelada'). */
  status: string;
  consultant: string;
  topic: string;
  /** 'Duración (min)'; null when empty or not a number. */
  durationMinutes: number | null;
  /** 'Puntaje encuesta' (mean of the 1–5 answers); null when not answered. */
  surveyScore: number | null;
  /** 'Encuesta respondida': when the linked response was submitted. */
  surveyAnsweredAt: Date | null;
}

/** One row of the survey's responses tab (the form's copy in this spreadsheet). */
export interface SurveyResponseRow {
  /** 'Marca temporal'. */
  submittedAt: Date | null;
  /** The appointment's code as answered. */
  code: string;
  /** The 1–5 answers, in the order of `questions`; null when not answered. */
  scores: (number | null)[];
}

export interface AttentionFigures {
  total: number;
  attended: number;
  abandoned: number;
  cancelled: number;
  /** Still 'Programada' or 'En atención'. */
  open: number;
  /** abandoned / (attended + abandoned), in % with one decimal; null when neither. */
  noShowRate: number | null;
  /** Mean of 'Duración (min)' over the attended rows that have one, one decimal; null when none. */
  averageDuration: number | null;
  standardMinutes: number;
  surveysAnswered: number;
  /** answered / attended, %; null when none attended. */
  responseRate: number | null;
  /** Mean of 'Puntaje encuesta' over the answered rows, two decimals; null when none. */
  averageScore: number | null;
  weeks: { monday: Date; attended: number; abandoned: number; cancelled: number; noShowRate: number | null }[];
  consultants: { name: string; attended: number; averageDuration: number | null; surveys: number; averageScore: number | null }[];
  questions: { question: string; average: number | null; answers: number }[];
  /** Responses of the tab counted per question (those linked to an appointment of the period). */
  responsesCounted: number;
  topics: { topic: string; count: number }[];
}

export const ATTENTION_STATUS = { attended: 'Atendida', abandoned: 'Abandonada', cancelled: 'Cancelada' } as const;
export const NO_CONSULTANT = 'Sin consultor';
export const NO_TOPIC = 'Sin tema registrado';
/** How far the tab's 'Marca temporal' may be from the row's 'Encuesta respondida' and still be that response. */
export const RESPONSE_MATCH_MS = 120_000;

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};
const mean = (xs: readonly number[], decimals: number): number | null => (xs.length === 0 ? null : round(xs.reduce((a, b) => a + b, 0) / xs.length, decimals));
const rate = (part: number, whole: number): number | null => (whole === 0 ? null : round((100 * part) / whole, 1));

/** How codes are compared (the survey form's rule): no spaces, upper case. */
export function sameCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/**
 * The attention figures of `period`. Weeks are those whose Monday falls from the week of the
 * period's start up to the earlier of the period's end and `now` (no future weeks), zeros included.
 * Survey answers per question count only the tab's response that IS the appointment's linked one
 * (same code, submitted within RESPONSE_MATCH_MS of 'Encuesta respondida'): a forged or repeated
 * answer kept in 'Revisión' never counts.
 */
export function attentionFigures(
  rows: readonly AttentionRow[],
  responses: readonly SurveyResponseRow[],
  questions: readonly string[],
  period: Pick<Period, 'start' | 'end'>,
  now: Date,
  standardMinutes: number,
): AttentionFigures {
  const inP = rows.filter((r) => r.id !== '' && inPeriod(period, r.start));
  const is = (r: AttentionRow, s: string) => r.status.trim() === s;
  const attendedRows = inP.filter((r) => is(r, ATTENTION_STATUS.attended));
  const abandoned = inP.filter((r) => is(r, ATTENTION_STATUS.abandoned)).length;
  const cancelled = inP.filter((r) => is(r, ATTENTION_STATUS.cancelled)).length;
  const attended = attendedRows.length;
  const durationOf = (r: AttentionRow) => (r.durationMinutes !== null && isFinite(r.durationMinutes) && r.durationMinutes > 0 ? r.durationMinutes : null);
  const scoreOf = (r: AttentionRow) => (r.surveyScore !== null && isFinite(r.surveyScore) && r.surveyScore >= 1 && r.surveyScore <= 5 ? r.surveyScore : null);
  const durations = attendedRows.map(durationOf).filter((d): d is number => d !== null);
  const scored = inP.filter((r) => scoreOf(r) !== null);

  // Weeks (Monday, Lima), zeros included, none in the future.
  const weeks: AttentionFigures['weeks'] = [];
  const last = Math.min(period.end.getTime(), now.getTime());
  const byWeek = new Map<number, { attended: number; abandoned: number; cancelled: number }>();
  for (let m = weekStart(period.start); m.getTime() < last; m = weekStart(new Date(m.getTime() + 8 * 86_400_000))) {
    byWeek.set(m.getTime(), { attended: 0, abandoned: 0, cancelled: 0 });
  }
  for (const r of inP) {
    const w = byWeek.get(weekStart(r.start!).getTime());
    if (!w) continue;
    if (is(r, ATTENTION_STATUS.attended)) w.attended++;
    else if (is(r, ATTENTION_STATUS.abandoned)) w.abandoned++;
    else if (is(r, ATTENTION_STATUS.cancelled)) w.cancelled++;
  }
  for (const [t, w] of byWeek) weeks.push({ monday: new Date(t), ...w, noShowRate: rate(w.abandoned, w.attended + w.abandoned) });

  // Per consultant: attended, their mean duration, surveys and mean score.
  const names = new Map<string, string>();
  const nameOf = (r: AttentionRow) => {
    const raw = r.consultant.trim().replace(/\s+/g, ' ');
    if (raw === '') return NO_CONSULTANT;
    const k = raw.toLowerCase();
    if (!names.has(k)) names.set(k, raw);
    return names.get(k)!;
  };
  const per = new Map<string, { attended: number; durations: number[]; scores: number[] }>();
  for (const r of inP) {
    const a = is(r, ATTENTION_STATUS.attended);
    const s = scoreOf(r);
    if (!a && s === null) continue;
    const n = nameOf(r);
    const e = per.get(n) ?? { attended: 0, durations: [], scores: [] };
    per.set(n, e);
    if (a) {
      e.attended++;
      const d = durationOf(r);
      if (d !== null) e.durations.push(d);
    }
    if (s !== null) e.scores.push(s);
  }
  const consultants = [...per.entries()]
    .map(([name, e]) => ({ name, attended: e.attended, averageDuration: mean(e.durations, 1), surveys: e.scores.length, averageScore: mean(e.scores, 2) }))
    .sort((a, b) => b.attended - a.attended || a.name.localeCompare(b.name, 'es'));

  // Per question: the linked response of each appointment of the period.
  const answeredAt = new Map<string, number>();
  for (const r of inP) if (r.surveyAnsweredAt instanceof Date && !isNaN(r.surveyAnsweredAt.getTime())) answeredAt.set(sameCode(r.id), r.surveyAnsweredAt.getTime());
  const perQuestion = questions.map(() => [] as number[]);
  const counted = new Set<string>();
  let responsesCounted = 0;
  for (const resp of responses) {
    const code = sameCode(resp.code);
    const at = answeredAt.get(code);
    if (at === undefined || counted.has(code) || !(resp.submittedAt instanceof Date) || Math.abs(resp.submittedAt.getTime() - at) > RESPONSE_MATCH_MS) continue;
    counted.add(code);
    responsesCounted++;
    resp.scores.forEach((s, i) => {
      if (i < perQuestion.length && s !== null && isFinite(s) && s >= 1 && s <= 5) perQuestion[i]!.push(s);
    });
  }

  // Topics of the attended rows (a cell may hold several, separated by semicolons or lines: a topic itself may hold a comma).
  const topicCount = new Map<string, number>();
  for (const r of attendedRows) {
    const parts = r.topic.split(/[;\n]/).map((t) => t.trim()).filter((t) => t !== '');
    for (const t of parts.length ? parts : [NO_TOPIC]) topicCount.set(t, (topicCount.get(t) ?? 0) + 1);
  }
  const topics = [...topicCount.entries()].map(([topic, count]) => ({ topic, count })).sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic, 'es'));

  return {
    total: inP.length,
    attended,
    abandoned,
    cancelled,
    open: inP.filter((r) => is(r, 'Programada') || is(r, 'En atención')).length,
    noShowRate: rate(abandoned, attended + abandoned),
    averageDuration: mean(durations, 1),
    standardMinutes,
    surveysAnswered: scored.length,
    responseRate: rate(attendedRows.filter((r) => scoreOf(r) !== null).length, attended),
    averageScore: mean(scored.map((r) => scoreOf(r)!), 2),
    weeks,
    consultants,
    questions: questions.map((question, i) => ({ question, average: mean(perQuestion[i]!, 2), answers: perQuestion[i]!.length })),
    responsesCounted,
    topics,
  };
}

const shown = (x: number | null): string | number => (x === null ? '—' : x);
/**
 * A week's label, «Sem. 30/11» (its Monday): text Sheets does not turn into a date (a bare
 * '30/11/2026' would become one, and the chart's axis a date axis), short enough for the chart's axis.
 */
export const weekLabel = (monday: Date): string => `Sem. ${formatLimaShortDate(monday).slice(0, 5)}`;

/** The «Atenciones» section of the dashboard (and of the monthly report). */
export function attentionSection(f: AttentionFigures): IndicatorSection {
  const tables: IndicatorTable[] = [
    {
      title: 'Atenciones por semana',
      header: ['Semana (lunes)', 'Atendidas', 'Abandonadas', 'Canceladas'],
      rows: f.weeks.map((w) => [weekLabel(w.monday), w.attended, w.abandoned, w.cancelled]),
      chart: 'column',
      note: 'Citas del periodo por la semana de su fecha (de lunes a domingo, hora de Lima).',
    },
    {
      title: 'Inasistencia por semana (%)',
      header: ['Semana (lunes)', 'Inasistencia (%)'],
      rows: f.weeks.map((w) => [weekLabel(w.monday), w.noShowRate ?? 0]),
      chart: 'line',
      note: 'Abandonadas ÷ (atendidas + abandonadas); una semana sin citas figura con 0.',
    },
    {
      title: 'Duración promedio frente al estándar (min)',
      header: ['Consultor', 'Duración promedio (min)', 'Estándar (min)'],
      rows: [
        ...f.consultants.filter((c) => c.averageDuration !== null).map((c) => [c.name, c.averageDuration!, f.standardMinutes]),
        ...(f.averageDuration === null ? [] : [['Todos', f.averageDuration, f.standardMinutes]]),
      ],
      chart: 'column',
      note: 'Promedio de «Duración (min)» de las citas atendidas; el estándar es «Tiempo estándar de atención (minutos)» de «Configuración».',
    },
    {
      title: 'Satisfacción por consultor (1 a 5)',
      header: ['Consultor', 'Puntaje promedio'],
      rows: f.consultants.filter((c) => c.averageScore !== null).map((c) => [c.name, c.averageScore!]),
      chart: 'bar',
      note: 'Promedio de «Puntaje encuesta» de las citas del periodo con la encuesta respondida.',
    },
    {
      title: 'Encuestas por consultor',
      header: ['Consultor', 'Atendidas', 'Encuestas respondidas', 'Duración promedio (min)'],
      rows: f.consultants.map((c) => [c.name, c.attended, c.surveys, shown(c.averageDuration)]),
    },
    {
      title: 'Satisfacción por pregunta (1 a 5)',
      header: ['Pregunta', 'Puntaje promedio'],
      rows: f.questions.filter((q) => q.average !== null).map((q) => [q.question, q.average!]),
      chart: 'bar',
      note: `Respuestas de la encuesta vinculadas a citas del periodo: ${f.responsesCounted}.`,
    },
    {
      title: 'Temas de consulta',
      header: ['Tema', 'Atenciones'],
      rows: f.topics.map((t) => [t.topic, t.count]),
      chart: 'pie',
      note: '«Tema de consulta» de las citas atendidas.',
    },
  ];
  return {
    key: 'atenciones',
    title: 'Atenciones virtuales (A01–A07)',
    headline: [
      ['Citas del periodo', f.total],
      ['Atendidas', f.attended],
      ['Abandonadas (no se conectó)', f.abandoned],
      ['Canceladas', f.cancelled],
      ['Sin cerrar', f.open],
      ['Tasa de inasistencia (%)', shown(f.noShowRate)],
      ['Duración promedio (min)', shown(f.averageDuration)],
      ['Tiempo estándar (min)', f.standardMinutes],
      ['Encuestas respondidas', f.surveysAnswered],
      ['Tasa de respuesta de la encuesta (%)', shown(f.responseRate)],
      ['Satisfacción promedio (1 a 5)', shown(f.averageScore)],
    ],
    tables,
  };
}
