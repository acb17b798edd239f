/**
 * The module's consolidation (B12, issue 13 item 1), pure: from the rows the use case read once,
 * the attendance matrix (participants × counted sessions, sessions attended, %, meets the rule),
 * the survey consolidation per session and per question (mean, distribution of each answer value,
 * number of answers, the comments without names) and the module's figures; then the two
 * generated tabs (rows + Sheets chart specs) that recomputing replaces.
 *
 * Who meets the rule comes from `moduleCompletion` (completion.ts) only — the matrix, the
 * certificates and the report share that one reading. The tabs hold names in the matrix and
 * nothing else of anyone: no document, no email (Ley 29733: the least data for the purpose).
 *
 * Counting conventions (docs/traceability.md B12):
 * - the matrix lists confirmed registrants ('Inscrito'), as the rule does;
 * - "attended" per session counts every registration of the module marked present in it (a
 *   person withdrawn after attending still attended), once;
 * - satisfaction of a session is the mean of question 1 («¿Qué tan satisfecho(a) está con la
 *   sesión?»); the score is the mean of the answers' 'Puntaje' (q1–q4);
 * - means are rounded to one decimal; a question with no valid answer has no mean (blank).
 */
import { formatLimaDate, formatLimaDateTime } from '../lima-time';
import { CONSOLIDATION_TEXT as T } from '../messages/workshops-report';
import { neutraliseFormula } from '../text';
import { moduleCompletion, type CompletionSession, type ModuleCompletion } from './completion';
import { WORKSHOP_SURVEY_RECOMMEND_CHOICES } from './survey-form';

// ---------------------------------------------------------------------------- input

export interface ConsolidationSession extends CompletionSession {
  readonly number: number;
  readonly topic: string;
}

export interface ConsolidationRegistration {
  readonly id: string;
  readonly status: string;
  readonly fullName: string;
}

export interface ConsolidationSurvey {
  readonly sessionId: string;
  readonly submittedAt: Date | null;
  /** q1–q4 as the sheet holds them (an integer 1–5; anything else is not an answer). */
  readonly scores: readonly unknown[];
  readonly score: unknown;
  readonly recommend: string;
  readonly comment: string;
}

export interface ConsolidationInput {
  readonly module: { readonly id: string; readonly name: string; readonly minSessions: number };
  /** The module's sessions (cancelled ones included: the rule leaves them out). */
  readonly sessions: readonly ConsolidationSession[];
  /** The module's registrations, every state. */
  readonly registrations: readonly ConsolidationRegistration[];
  /** Merged attendance marks of the module ('Asistencia' rows with 'Asistió' checked). */
  readonly present: readonly { readonly sessionId: string; readonly registrationId: string }[];
  /** The module's survey answers ('Encuestas de talleres'). */
  readonly surveys: readonly ConsolidationSurvey[];
  /** States of the module's 'Certificados' rows. */
  readonly certificateStates: readonly string[];
  readonly now: Date;
}

// ---------------------------------------------------------------------------- output

export interface QuestionSummary {
  /** Valid answers (1–5). */
  readonly answers: number;
  /** Mean to one decimal; null without answers. */
  readonly mean: number | null;
  /** How many answered 1, 2, 3, 4, 5 (index 0 is 1). */
  readonly distribution: readonly [number, number, number, number, number];
}

export interface SessionSummary {
  readonly id: string;
  readonly number: number;
  readonly topic: string;
  readonly start: Date | null;
  /** Registrations of the module marked present in this session (any state), once each. */
  readonly attended: number;
  /** attended / confirmed, 0–100 rounded (0 without confirmed registrants). */
  readonly percentOfConfirmed: number;
  /** Survey answers of this session. */
  readonly answers: number;
  /** Mean of question 1 (satisfaction), one decimal; null without answers. */
  readonly satisfaction: number | null;
  /** Mean of the answers' score (q1–q4), one decimal; null without answers. */
  readonly score: number | null;
  /** q1–q4. */
  readonly questions: readonly QuestionSummary[];
  /** 'Sí', 'No', 'Tal vez' → count. */
  readonly recommend: Readonly<Record<string, number>>;
  /** Non-empty comments, oldest first (no name attached). */
  readonly comments: readonly string[];
}

export interface MatrixRow {
  readonly registrationId: string;
  readonly name: string;
  /** Per counted session (the sessions' order): present or not. */
  readonly marks: readonly boolean[];
  readonly attended: number;
  readonly percent: number;
  readonly meetsRule: boolean;
}

export interface ModuleFigures {
  /** Every registration of the module (sign-ups received, any state). */
  readonly registered: number;
  readonly confirmed: number;
  readonly waiting: number;
  readonly withdrawn: number;
  readonly toReview: number;
  readonly annulled: number;
  /** Counted (not cancelled) sessions. */
  readonly sessions: number;
  readonly ruleSet: boolean;
  readonly minSessions: number;
  /** Confirmed registrants meeting the rule. */
  readonly meetsRule: number;
  /** 'Certificados' rows of the module 'Vigente'. */
  readonly certificatesIssued: number;
  readonly surveyAnswers: number;
  /** Every counted session has ended. */
  readonly ended: boolean;
}

export interface ModuleConsolidation {
  readonly moduleId: string;
  readonly moduleName: string;
  readonly completion: ModuleCompletion;
  readonly sessions: readonly SessionSummary[];
  readonly matrix: readonly MatrixRow[];
  /** q1–q4 over every counted session. */
  readonly moduleQuestions: readonly QuestionSummary[];
  readonly moduleRecommend: Readonly<Record<string, number>>;
  readonly figures: ModuleFigures;
  readonly now: Date;
}

// ---------------------------------------------------------------------------- computing

/** An integer 1–5 as the sheet may hold it (number or text), else null. */
export function scaleValue(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[1-5]\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

/** Mean to one decimal, null for none. */
export function mean1(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((s, n) => s + n, 0) / values.length) * 10) / 10;
}

export function summariseQuestion(values: readonly unknown[]): QuestionSummary {
  const valid = values.map(scaleValue).filter((n): n is number => n !== null);
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const n of valid) distribution[n - 1]++;
  return { answers: valid.length, mean: mean1(valid), distribution };
}

function scoreValue(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : NaN;
  return Number.isFinite(n) && n >= 1 && n <= 5 ? n : null;
}

function recommendCounts(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of WORKSHOP_SURVEY_RECOMMEND_CHOICES) out[c] = 0;
  for (const v of values) if (Object.prototype.hasOwnProperty.call(out, v)) out[v]++;
  return out;
}

export function consolidateModule(i: ConsolidationInput): ModuleConsolidation {
  const completion = moduleCompletion({
    minSessions: i.module.minSessions,
    sessions: i.sessions,
    registrations: i.registrations,
    present: i.present,
    now: i.now,
  });
  const byId = new Map(i.sessions.map((s) => [s.id, s]));
  const counted = completion.sessionIds.map((id) => byId.get(id)!);
  const registrationIds = new Set(i.registrations.map((r) => r.id));
  const confirmed = i.registrations.filter((r) => r.status === 'Inscrito').length;

  // Present marks of the module's registrations, once per (session, registration).
  const presentBy = new Map<string, Set<string>>();
  for (const p of i.present) {
    if (!registrationIds.has(p.registrationId)) continue;
    let set = presentBy.get(p.sessionId);
    if (!set) presentBy.set(p.sessionId, (set = new Set()));
    set.add(p.registrationId);
  }

  const surveysBy = new Map<string, ConsolidationSurvey[]>();
  for (const s of i.surveys) {
    if (!byId.has(s.sessionId)) continue;
    const list = surveysBy.get(s.sessionId) ?? [];
    list.push(s);
    surveysBy.set(s.sessionId, list);
  }

  const sessions: SessionSummary[] = counted.map((s) => {
    const answers = [...(surveysBy.get(s.id) ?? [])].sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
    const questions = [0, 1, 2, 3].map((q) => summariseQuestion(answers.map((a) => a.scores[q])));
    const attended = presentBy.get(s.id)?.size ?? 0;
    return {
      id: s.id,
      number: s.number,
      topic: s.topic,
      start: s.start,
      attended,
      percentOfConfirmed: confirmed === 0 ? 0 : Math.round((100 * attended) / confirmed),
      answers: answers.length,
      satisfaction: questions[0].mean,
      score: mean1(answers.map((a) => scoreValue(a.score)).filter((n): n is number => n !== null)),
      questions,
      recommend: recommendCounts(answers.map((a) => a.recommend.trim())),
      comments: answers.map((a) => a.comment.trim()).filter((c) => c !== ''),
    };
  });

  const names = new Map(i.registrations.map((r) => [r.id, r.fullName]));
  const matrix: MatrixRow[] = completion.people.map((p) => {
    const mine = new Set(p.attendedSessionIds);
    return {
      registrationId: p.registrationId,
      name: names.get(p.registrationId) ?? '',
      marks: completion.sessionIds.map((id) => mine.has(id)),
      attended: p.attended,
      percent: p.percent,
      meetsRule: p.meetsRule,
    };
  });

  const allAnswers = counted.flatMap((s) => surveysBy.get(s.id) ?? []);
  const count = (state: string) => i.registrations.filter((r) => r.status === state).length;
  const figures: ModuleFigures = {
    registered: i.registrations.length,
    confirmed,
    waiting: count('En lista de espera'),
    withdrawn: count('Retirado'),
    toReview: count('Por revisar'),
    annulled: count('Anulado'),
    sessions: counted.length,
    ruleSet: completion.ruleSet,
    minSessions: completion.minSessions,
    meetsRule: completion.people.filter((p) => p.meetsRule).length,
    certificatesIssued: i.certificateStates.filter((s) => s === 'Vigente').length,
    surveyAnswers: allAnswers.length,
    ended: completion.ended,
  };
  return {
    moduleId: i.module.id,
    moduleName: i.module.name,
    completion,
    sessions,
    matrix,
    moduleQuestions: [0, 1, 2, 3].map((q) => summariseQuestion(allAnswers.map((a) => a.scores[q]))),
    moduleRecommend: recommendCounts(allAnswers.map((a) => a.recommend.trim())),
    figures,
    now: i.now,
  };
}

// ---------------------------------------------------------------------------- the generated tabs

export type TabCell = string | number | Date;

/** One Sheets chart (the GeneratedTabs port's TabChart): 1-based ranges on the same tab, header row included. */
export interface ChartSpec {
  readonly type: 'column' | 'bar' | 'pie' | 'line';
  readonly title: string;
  readonly range: { readonly row: number; readonly column: number; readonly numRows: number; readonly numColumns: number };
  readonly anchor: { readonly row: number; readonly column: number };
}

export interface GeneratedTab {
  readonly name: string;
  /** Rectangular (every row the same length). */
  readonly rows: readonly (readonly TabCell[])[];
  readonly charts: readonly ChartSpec[];
}

/** Sheets' limit on a tab's name. */
export const TAB_NAME_MAX = 100;

/** The module's ID as a tab name may carry it: letters, digits, '-' and '_' only, at most 40. */
function idPart(moduleId: string): string {
  return String(moduleId ?? '').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'modulo';
}

/** The attendance tab of a module: 'Asistencia consolidada M-…'. */
export function attendanceTabName(moduleId: string): string {
  return `Asistencia consolidada ${idPart(moduleId)}`;
}

/** The survey tab of a module: 'Encuestas consolidadas M-…'. */
export function surveyTabName(moduleId: string): string {
  return `Encuestas consolidadas ${idPart(moduleId)}`;
}

/** A name or comment as a cell: one line, never a formula. */
function cellText(s: string): string {
  return neutraliseFormula(String(s ?? '').replace(/[\r\n\t]+/g, ' ').trim());
}

function rectangular(rows: TabCell[][]): TabCell[][] {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return rows.map((r) => (r.length < width ? [...r, ...Array<TabCell>(width - r.length).fill('')] : r));
}

const blank = (v: number | null): TabCell => (v === null ? '' : v);

/**
 * The attendance tab: a title, the per-session summary (the chart's range: 'Sesión' and
 * 'Asistentes' side by side) and the matrix (names only).
 */
export function attendanceTab(c: ModuleConsolidation): GeneratedTab {
  const H = T.sessionHeaders;
  const M = T.matrixHeaders;
  const rows: TabCell[][] = [];
  rows.push([T.attendanceTitle(cellText(c.moduleName))]);
  rows.push([T.generatedAt(formatLimaDateTime(c.now))]);
  rows.push([c.figures.ruleSet ? T.rule(c.figures.minSessions, c.figures.sessions) : T.noRule]);
  rows.push([]);
  rows.push([T.perSession]);
  const summaryHeader = rows.length + 1;
  rows.push([H.session, H.attended, H.date, H.topic, H.percent]);
  for (const s of c.sessions) rows.push([T.session(s.number), s.attended, s.start ? formatLimaDate(s.start) : '', cellText(s.topic), s.percentOfConfirmed]);
  rows.push([]);
  rows.push([T.matrix]);
  rows.push([M.number, M.name, ...c.sessions.map((s) => T.session(s.number)), M.attended, M.percent, M.meets]);
  c.matrix.forEach((p, k) =>
    rows.push([k + 1, cellText(p.name), ...p.marks.map((m) => (m ? T.present : T.absent)), p.attended, p.percent, p.meetsRule ? T.yes : T.no]),
  );
  if (c.matrix.length === 0) rows.push(['', T.nobody]);
  const width = Math.max(5, 5 + c.sessions.length);
  const charts: ChartSpec[] =
    c.sessions.length === 0
      ? []
      : [
          {
            type: 'column',
            title: T.attendanceChart,
            range: { row: summaryHeader, column: 1, numRows: c.sessions.length + 1, numColumns: 2 },
            anchor: { row: 1, column: width + 2 },
          },
        ];
  return { name: attendanceTabName(c.moduleId), rows: rectangular(rows), charts };
}

/**
 * The survey tab: satisfaction per session (the chart's range), each question per session and for
 * the whole module (answers, mean, how many answered 1…5), the recommendation, the comments.
 */
export function surveyTab(c: ModuleConsolidation): GeneratedTab {
  const S = T.satisfactionHeaders;
  const Q = T.questionHeaders;
  const rows: TabCell[][] = [];
  rows.push([T.surveyTitle(cellText(c.moduleName))]);
  rows.push([T.generatedAt(formatLimaDateTime(c.now))]);
  rows.push([]);
  rows.push([T.satisfaction]);
  const header = rows.length + 1;
  rows.push([S.session, S.satisfaction, S.answers, S.score]);
  for (const s of c.sessions) rows.push([T.session(s.number), blank(s.satisfaction), s.answers, blank(s.score)]);
  rows.push([]);
  rows.push([T.byQuestion]);
  rows.push([Q.session, Q.question, Q.answers, Q.mean, '1', '2', '3', '4', '5']);
  const questionRows = (label: string, qs: readonly QuestionSummary[]) =>
    qs.forEach((q, k) => rows.push([label, T.questions[k], q.answers, blank(q.mean), ...q.distribution]));
  for (const s of c.sessions) questionRows(T.session(s.number), s.questions);
  questionRows(T.allSessions, c.moduleQuestions);
  rows.push([]);
  rows.push([T.recommend]);
  rows.push([T.recommendHeaders.session, T.recommendHeaders.answers, ...WORKSHOP_SURVEY_RECOMMEND_CHOICES]);
  const recommendRow = (label: string, r: Readonly<Record<string, number>>) =>
    rows.push([label, WORKSHOP_SURVEY_RECOMMEND_CHOICES.reduce((n, k) => n + (r[k] ?? 0), 0), ...WORKSHOP_SURVEY_RECOMMEND_CHOICES.map((k) => r[k] ?? 0)]);
  for (const s of c.sessions) recommendRow(T.session(s.number), s.recommend);
  recommendRow(T.allSessions, c.moduleRecommend);
  rows.push([]);
  rows.push([T.comments]);
  rows.push([T.commentHeaders.session, T.commentHeaders.comment]);
  let comments = 0;
  for (const s of c.sessions) for (const text of s.comments) {
    rows.push([T.session(s.number), cellText(text)]);
    comments++;
  }
  if (comments === 0) rows.push(['', T.noComments]);
  const charts: ChartSpec[] =
    c.sessions.length === 0
      ? []
      : [
          {
            type: 'column',
            title: T.satisfactionChart,
            range: { row: header, column: 1, numRows: c.sessions.length + 1, numColumns: 2 },
            anchor: { row: 1, column: 11 },
          },
        ];
  return { name: surveyTabName(c.moduleId), rows: rectangular(rows), charts };
}
