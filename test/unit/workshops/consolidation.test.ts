/**
 * B12 consolidation (issue 13 item 1), pure: the matrix, the per-session and per-question survey
 * figures and the module's figures against values computed by hand, and the generated tabs
 * (names, no document or email, charts on the right ranges).
 */
import {
  attendanceTab,
  attendanceTabName,
  consolidateModule,
  summariseQuestion,
  surveyTab,
  surveyTabName,
  TAB_NAME_MAX,
  type ConsolidationInput,
} from '../../../src/domain/workshops/consolidation';
import { moduleReportEmail, moduleReportHtml, reportTarget } from '../../../src/domain/workshops/module-report';
import { needsAutoConsolidation } from '../../../src/app/workshops/consolidation';
import { consolidationDueTimes } from '../../../src/app/workshops/session-duties';

const at = (s: string) => new Date(`${s}:00-05:00`);
const session = (n: number, status = 'Realizada') => ({
  id: `M-X-S${n}`,
  number: n,
  topic: `Tema ${n}`,
  status,
  start: at(`2026-12-0${n}T18:00`),
  end: at(`2026-12-0${n}T20:00`),
});

/**
 * Four sessions, S3 cancelled (so 3 counted); rule 2 of 3. People:
 * R1 Inscrito S1 S2 S4 (3/3 100 % Sí) · R2 Inscrito S1 (1/3 33 % No) · R3 Inscrito S2 S3(cancelled) S4 (2/3 67 % Sí)
 * R4 Inscrito none (0 %) · R5 Retirado S1 (counts in 'attended' per session, not in the matrix)
 * R6 En lista de espera · R7 Por revisar · R8 Anulado.
 */
function input(over: Partial<ConsolidationInput> = {}): ConsolidationInput {
  const p = (s: number, r: number) => ({ sessionId: `M-X-S${s}`, registrationId: `R${r}` });
  return {
    module: { id: 'M-X', name: 'Aprende a Emprender – Diciembre', minSessions: 2 },
    sessions: [session(1), session(2), session(3, 'Cancelada'), session(4)],
    registrations: [
      { id: 'R1', status: 'Inscrito', fullName: 'María José Quispe' },
      { id: 'R2', status: 'Inscrito', fullName: '=HYPERLINK("http://x","Raúl")' },
      { id: 'R3', status: 'Inscrito', fullName: 'Lucía Ñahui' },
      { id: 'R4', status: 'Inscrito', fullName: "D'Angelo Peña" },
      { id: 'R5', status: 'Retirado', fullName: 'Jesús León' },
      { id: 'R6', status: 'En lista de espera', fullName: 'Ana' },
      { id: 'R7', status: 'Por revisar', fullName: 'Beto' },
      { id: 'R8', status: 'Anulado', fullName: 'Carla' },
    ],
    present: [p(1, 1), p(2, 1), p(4, 1), p(1, 2), p(2, 3), p(3, 3), p(4, 3), p(1, 5), p(1, 1), p(1, 99)],
    surveys: [
      // S1: q1 5,4,4 → mean 4.3; q2 3,'',5 → 2 answers mean 4; recommend Sí, Sí, Tal vez.
      { sessionId: 'M-X-S1', submittedAt: at('2026-12-01T21:00'), scores: [5, 3, 4, 4], score: 4, recommend: 'Sí', comment: 'Muy bueno' },
      { sessionId: 'M-X-S1', submittedAt: at('2026-12-01T20:30'), scores: ['4', '', 5, 5], score: 4.7, recommend: 'Sí', comment: '' },
      { sessionId: 'M-X-S1', submittedAt: at('2026-12-01T22:00'), scores: [4, 5, 3, 2], score: 3.5, recommend: 'Tal vez', comment: '=cmd|x' },
      // S2: one answer; out-of-range values are no answer.
      { sessionId: 'M-X-S2', submittedAt: at('2026-12-02T21:00'), scores: [2, 9, 0, 'x'], score: 2, recommend: 'No', comment: 'Audio malo' },
      // Another module's session: ignored.
      { sessionId: 'M-Y-S1', submittedAt: at('2026-12-02T21:00'), scores: [1, 1, 1, 1], score: 1, recommend: 'No', comment: 'otro' },
    ],
    certificateStates: ['Vigente', 'Vigente', 'Reemplazado', 'Revocado'],
    now: at('2026-12-05T09:00'),
    ...over,
  };
}

describe('consolidateModule', () => {
  const c = consolidateModule(input());

  test('the matrix: confirmed registrants × counted sessions, attended, %, rule (via moduleCompletion)', () => {
    expect(c.sessions.map((s) => s.number)).toEqual([1, 2, 4]);
    expect(c.matrix.map((m) => [m.registrationId, m.marks, m.attended, m.percent, m.meetsRule])).toEqual([
      ['R1', [true, true, true], 3, 100, true],
      ['R2', [true, false, false], 1, 33, false],
      ['R3', [false, true, true], 2, 67, true],
      ['R4', [false, false, false], 0, 0, false],
    ]);
  });

  test('attended per session counts every registration of the module marked present, once', () => {
    // S1: R1 (twice), R2, R5 (withdrawn); R99 is not the module's. S2: R1, R3. S4: R1, R3.
    expect(c.sessions.map((s) => [s.attended, s.percentOfConfirmed])).toEqual([
      [3, 75],
      [2, 50],
      [2, 50],
    ]);
  });

  test('survey per session and per question: answers, mean, distribution', () => {
    const s1 = c.sessions[0];
    expect(s1.answers).toBe(3);
    expect(s1.questions[0]).toEqual({ answers: 3, mean: 4.3, distribution: [0, 0, 0, 2, 1] });
    expect(s1.questions[1]).toEqual({ answers: 2, mean: 4, distribution: [0, 0, 1, 0, 1] });
    expect(s1.questions[3]).toEqual({ answers: 3, mean: 3.7, distribution: [0, 1, 0, 1, 1] });
    expect(s1.satisfaction).toBe(4.3);
    expect(s1.score).toBe(4.1); // (4 + 4.7 + 3.5) / 3 = 4.066…
    expect(s1.recommend).toEqual({ Sí: 2, No: 0, 'Tal vez': 1 });
    expect(s1.comments).toEqual(['Muy bueno', '=cmd|x']); // oldest first, blanks left out
    const s2 = c.sessions[1];
    expect(s2.questions.map((q) => q.answers)).toEqual([1, 0, 0, 0]);
    expect(s2.questions[1].mean).toBeNull();
    expect(c.sessions[2]).toMatchObject({ answers: 0, satisfaction: null, score: null });
    // Whole module: q1 5,4,4,2 → 3.75 → 3.8.
    expect(c.moduleQuestions[0]).toEqual({ answers: 4, mean: 3.8, distribution: [0, 1, 0, 2, 1] });
    expect(c.moduleRecommend).toEqual({ Sí: 2, No: 1, 'Tal vez': 1 });
  });

  test('the module\'s figures', () => {
    expect(c.figures).toEqual({
      registered: 8,
      confirmed: 4,
      waiting: 1,
      withdrawn: 1,
      toReview: 1,
      annulled: 1,
      sessions: 3,
      ruleSet: true,
      minSessions: 2,
      meetsRule: 2,
      certificatesIssued: 2,
      surveyAnswers: 4,
      ended: true,
    });
  });

  test('rule 0 is "not set": nobody meets it; before the last session the module has not ended', () => {
    const d = consolidateModule(input({ module: { id: 'M-X', name: 'x', minSessions: 0 }, now: at('2026-12-03T09:00') }));
    expect(d.figures.ruleSet).toBe(false);
    expect(d.figures.meetsRule).toBe(0);
    expect(d.figures.ended).toBe(false);
  });

  test('summariseQuestion reads numbers and digit text only', () => {
    expect(summariseQuestion([1, '2', ' 3 ', 3.5, '6', null, undefined, '', 'cinco'])).toEqual({ answers: 3, mean: 2, distribution: [1, 1, 1, 0, 0] });
  });
});

describe('the generated tabs', () => {
  const c = consolidateModule(input());
  const a = attendanceTab(c);
  const s = surveyTab(c);

  test('named from the module ID, short, nothing Sheets refuses', () => {
    expect(a.name).toBe('Asistencia consolidada M-X');
    expect(s.name).toBe('Encuestas consolidadas M-X');
    const hostile = attendanceTabName("M-'=[x]/*?:" + 'Z'.repeat(300));
    expect(hostile.length).toBeLessThanOrEqual(TAB_NAME_MAX);
    expect(hostile).toMatch(/^[A-Za-z0-9 _-]+$/);
    expect(surveyTabName('')).toBe('Encuestas consolidadas modulo');
  });

  test('rectangular rows; names only in the matrix; formulas neutralised; no document or email', () => {
    for (const t of [a, s]) {
      const width = t.rows[0].length;
      expect(t.rows.every((r) => r.length === width)).toBe(true);
      const all = t.rows.flat().map(String).join('\n');
      expect(all).not.toMatch(/@|DNI|\b\d{8}\b/);
    }
    const matrixHeader = a.rows.findIndex((r) => r[0] === 'N.°');
    expect(a.rows[matrixHeader]).toEqual(['N.°', 'Nombres y apellidos', 'Sesión 1', 'Sesión 2', 'Sesión 4', 'Sesiones asistidas', '% de asistencia', 'Cumple la regla']);
    expect(a.rows[matrixHeader + 1]).toEqual([1, 'María José Quispe', 'Sí', 'Sí', 'Sí', 3, 100, 'Sí']);
    expect(a.rows[matrixHeader + 2][1]).toBe('\'=HYPERLINK("http://x","Raúl")');
    expect(s.rows.flat()).toContain("'=cmd|x");
    expect(s.rows.flat().join(' ')).not.toContain('Jesús');
  });

  test('charts: attendance per session and satisfaction per session, over the summary rows', () => {
    expect(a.charts).toHaveLength(1);
    const ar = a.charts[0].range;
    expect(a.rows[ar.row - 1].slice(0, 2)).toEqual(['Sesión', 'Asistentes']);
    expect(a.rows.slice(ar.row, ar.row - 1 + ar.numRows).map((r) => r.slice(0, 2))).toEqual([
      ['Sesión 1', 3],
      ['Sesión 2', 2],
      ['Sesión 4', 2],
    ]);
    const sr = s.charts[0].range;
    expect(s.rows[sr.row - 1].slice(0, 2)).toEqual(['Sesión', 'Satisfacción (promedio)']);
    expect(s.rows.slice(sr.row, sr.row - 1 + sr.numRows).map((r) => r.slice(0, 3))).toEqual([
      ['Sesión 1', 4.3, 3],
      ['Sesión 2', 2, 1],
      ['Sesión 4', '', 0],
    ]);
    // The charts sit right of the data, never over it.
    expect(a.charts[0].anchor.column).toBeGreaterThan(a.rows[0].length);
    expect(s.charts[0].anchor.column).toBeGreaterThan(s.rows[0].length);
  });

  test('per-question rows with their distribution', () => {
    const row = s.rows.find((r) => r[0] === 'Todo el módulo' && r[1] === 'Satisfacción con la sesión');
    expect(row).toEqual(['Todo el módulo', 'Satisfacción con la sesión', 4, 3.8, 0, 1, 0, 2, 1]);
  });

  test('a module without counted sessions: no chart, still a tab', () => {
    const e = consolidateModule(input({ sessions: [session(1, 'Cancelada')] }));
    expect(attendanceTab(e).charts).toEqual([]);
    expect(surveyTab(e).charts).toEqual([]);
  });
});

describe('the report', () => {
  const c = consolidateModule(input());
  const m = { name: 'Aprende a Emprender <b>Dic</b>', quarter: 'IV', year: 2026, dates: '01/12, 02/12 y 04/12/2026' };

  test('the page: figures, bars, lists (names only), survey summary; data escaped', () => {
    const page = moduleReportHtml(m, c, 2, at('2026-12-05T10:00'));
    expect(page).toContain('Aprende a Emprender &lt;b&gt;Dic&lt;/b&gt;');
    expect(page).not.toContain('<b>Dic');
    expect(page).toContain('Versión 2');
    expect(page).toContain('2 de 4 (al menos 2 de 3 sesiones)');
    expect(page).toContain('María José Quispe');
    expect(page).not.toContain('Jesús León');
    expect(page).toContain('width:75%'); // S1's bar: 3 of 4 confirmed
    expect(page).toContain('4,3');
    expect(page).toContain('Audio malo');
    expect(page).not.toMatch(/<script|<img|\bsrc=|<a /i);
  });

  test('the email: version in the subject after the first, the summary', () => {
    const first = moduleReportEmail(m, c, 1);
    expect(first.subject).toBe('Informe del módulo «Aprende a Emprender <b>Dic</b>»');
    const again = moduleReportEmail(m, c, 2);
    expect(again.subject).toContain('(versión 2)');
    expect(again.text).toContain('reemplaza a la enviada anteriormente');
    expect(again.html).not.toContain('<b>Dic');
    expect(again.text).toContain('4 inscritos confirmados, 2 cumplieron');
  });
});

describe('which version a send makes (reportTarget)', () => {
  test('first 1; an unsent version is sent as it is; a sent or ambiguous one only as a new version', () => {
    expect(reportTarget(0, '', false)).toEqual({ version: 1 });
    expect(reportTarget(0, '', true)).toEqual({ version: 1 });
    expect(reportTarget(1, 'error', false)).toEqual({ version: 1 });
    expect(reportTarget(1, 'pendiente', true)).toEqual({ version: 1 });
    expect(reportTarget(1, 'enviado', false)).toEqual({ refuse: 'sent' });
    expect(reportTarget(1, 'enviado', true)).toEqual({ version: 2 });
    expect(reportTarget(2, 'enviando', false)).toEqual({ refuse: 'ambiguous' });
    expect(reportTarget(2, 'enviando', true)).toEqual({ version: 3 });
    expect(reportTarget(NaN, 'enviado', false)).toEqual({ version: 1 });
  });
});

describe('the clock\'s consolidation duty', () => {
  const s = (moduleId: string, n: number, end: string | null, status = 'Realizada') => ({
    id: `${moduleId}-S${n}`, moduleId, number: n, start: null, end: end === null ? null : at(end).getTime(), status, meetUrl: '',
  });
  test('due a day after each module\'s last counted session; a module with a session without its end is not due', () => {
    const times = consolidationDueTimes([
      s('A', 1, '2026-12-01T20:00'),
      s('A', 2, '2026-12-10T20:00'),
      s('A', 3, '2026-12-20T20:00', 'Cancelada'),
      s('B', 1, '2026-12-05T20:00'),
      s('B', 2, null),
    ]);
    expect(times).toEqual([at('2026-12-11T20:00').getTime()]);
  });
  test('once: after its moment, unless consolidated since', () => {
    const end = at('2026-12-10T20:00');
    expect(needsAutoConsolidation(end, null, at('2026-12-11T19:59'))).toBe(false);
    expect(needsAutoConsolidation(end, null, at('2026-12-11T20:00'))).toBe(true);
    // Consolidated by hand right after the end: the day-after one still runs (the answers are in by then).
    expect(needsAutoConsolidation(end, at('2026-12-10T21:00'), at('2026-12-11T21:00'))).toBe(true);
    expect(needsAutoConsolidation(end, at('2026-12-11T20:05'), at('2026-12-12T09:00'))).toBe(false);
    expect(needsAutoConsolidation(null, null, at('2026-12-12T09:00'))).toBe(false);
  });
});
