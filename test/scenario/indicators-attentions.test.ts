/**
 * Issue 15 (i15-attn) with the built bundle in the emulator: a day of attentions of two
 * consultants (attended with topics and durations, abandoned, cancelled, left open), three
 * citizens answer the survey from their link; the evening closing writes «Indicadores» with its
 * charts, and every figure matches what this test computes independently from 'Citas' and the
 * answers it submitted. The panel's «Indicadores» changes the period (kept for the next refresh),
 * works in the Talleres spreadsheet too, and refuses a stranger.
 */
import type { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import { parsePrefilledUrl } from '../../emulator/services/forms';
import type { IndicatorsView } from '../../src/api';
import { SURVEY_CONSENT_CHOICE, SURVEY_CONSENT_QUESTION, SURVEY_RECOMMEND_QUESTION, SURVEY_SCALE_QUESTIONS } from '../../src/domain/survey-form';
import { addTeamMember, citas, createAttentionWorld, importReport, makeReport, type ReportRow } from '../support/attention-world';

const DAY = '2026-12-01';
const LUIS = 'luis.nique@trabajo.gob.pe';

function call<T = unknown>(ws: Workspace, ss: string, fn: string, args: unknown[], user?: string): T {
  const r = ws.callFromSidebar(ss, fn, args, user);
  if (!r.ok) throw new Error(`${fn}: ${r.error}`);
  const v = r.value as { ok?: boolean; message?: string };
  if (v && v.ok === false) throw new Error(`${fn} refused: ${v.message}`);
  return r.value as T;
}

const at = (row: ReportRow, plus: number) => {
  const [h, m] = row.time.split(':').map(Number);
  const t = h * 60 + m + plus;
  return `${DAY}T${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
};

const TOPICS = ['Plan de negocio', 'Financiamiento', 'Plan de negocio', 'Formalización (RUC, licencias)'];
/** Per-question answers (the four 1–5 questions) of Ana's first two citizens and Luis's first. */
const ANSWERS: Record<number, number[]> = { 0: [5, 4, 5, 3], 1: [4, 4, 3, 5], 12: [2, 3, 2, 4] };

describe('«Indicadores» of the attentions (issue 15)', () => {
  const w = createAttentionWorld({ at: '2026-11-30T09:00' });
  const { ws, atenciones, talleres } = w;
  const report = makeReport(DAY, 14, { consultants: ['Ana Quispe', 'Luis Ñique'] });
  const rows = report.rows;
  /** Ana (0–11): 0–3 attended (30, 36, 42, 48 min), 4–5 abandoned, 6 cancelled, 7–11 left open; Luis (12–13): 12 attended (40 min), 13 abandoned. */
  const plan = (i: number) => (i <= 3 || i === 12 ? 'attend' : i === 4 || i === 5 || i === 13 ? 'abandon' : i === 6 ? 'cancel' : 'open');
  const duration = (i: number) => (i === 12 ? 40 : 30 + 6 * i);
  const who = (i: number) => (i >= 12 ? LUIS : w.user);
  const tab = () => ws.values(atenciones, 'Indicadores').map((r) => r.map((c) => (c instanceof Date ? c.toISOString() : c)));
  /** The value next to a headline label. */
  const headline = (label: string) => tab().find((r) => r[0] === label)?.[1];

  beforeAll(() => {
    addTeamMember(ws, atenciones, LUIS, 'Luis Ñique');
    const imported = importReport(ws, atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    const steps: { at: string; run: () => void }[] = [];
    rows.forEach((row, i) => {
      const p = plan(i);
      if (p === 'attend') {
        steps.push({ at: at(row, 1), run: () => call(ws, atenciones, 'startAttention', [row.code], who(i)) });
        steps.push({ at: at(row, 2), run: () => call(ws, atenciones, 'saveConsultation', [row.code, { topic: TOPICS[i % TOPICS.length], notes: 'Orientación.' }], who(i)) });
        steps.push({ at: at(row, 1 + duration(i)), run: () => call(ws, atenciones, 'finishAttention', [row.code, {}], who(i)) });
      }
      if (p === 'abandon') steps.push({ at: at(row, 7), run: () => call(ws, atenciones, 'abandonAppointment', [row.code, { reason: 'No se conectó a la videollamada' }], who(i)) });
      if (p === 'cancel') steps.push({ at: at(row, -30), run: () => call(ws, atenciones, 'cancelAppointment', [row.code, 'La persona pidió otra fecha por teléfono.'], who(i)) });
    });
    steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    for (const s of steps) {
      ws.advanceTo(s.at);
      s.run();
    }
    ws.advanceTo(`${DAY}T19:00`);
    for (const [i, scores] of Object.entries(ANSWERS)) {
      const row = rows[Number(i)];
      const mail = ws.outbox().find((m) => m.to.includes(row.email) && /Encuesta de Satisfacción/.test(m.subject))!;
      const { formId, answers } = parsePrefilledUrl(ws.state, /Responda la encuesta aquí: (\S+)/.exec(mail.body)![1]);
      const rest: Record<string, string> = { [SURVEY_RECOMMEND_QUESTION]: 'Sí', [SURVEY_CONSENT_QUESTION]: SURVEY_CONSENT_CHOICE };
      SURVEY_SCALE_QUESTIONS.forEach((q, k) => (rest[q.title] = String(scores[k])));
      ws.submitForm(formId, { ...answers, ...rest });
    }
    ws.advanceTo(`${DAY}T20:10`); // the evening closing
  });

  test('the closing wrote the tab for the month, with its charts over its tables (six of the attentions, one of the procedure real time)', () => {
    expect(ws.sheetNames(atenciones)).toContain('Indicadores');
    expect(tab()[1][0]).toBe('Periodo: diciembre de 2026');
    const charts = (sheetsStore(ws.state).requireSheet(atenciones, 'Indicadores').charts ?? []).map((c) => [c.type, c.options.title]);
    expect(charts).toEqual([
      ['COLUMN', 'Atenciones por semana'],
      ['LINE', 'Inasistencia por semana (%)'],
      ['COLUMN', 'Duración promedio frente al estándar (min)'],
      ['BAR', 'Satisfacción por consultor (1 a 5)'],
      ['BAR', 'Satisfacción por pregunta (1 a 5)'],
      ['PIE', 'Temas de consulta'],
      ['BAR', 'Minutos del consultor por actividad: estándar y real'], // the procedure's time (timings provider, both spreadsheets)
    ]);
  });

  test('every figure matches what the sheet and the answers say, computed here independently', () => {
    const december = citas(ws, atenciones);
    const count = (s: string) => december.filter((r) => r['Estado'] === s).length;
    const attended = december.filter((r) => r['Estado'] === 'Atendida');
    expect(count('Atendida')).toBe(5);
    expect(headline('Citas del periodo')).toBe(14);
    expect(headline('Atendidas')).toBe(5);
    expect(headline('Abandonadas (no se conectó)')).toBe(3);
    expect(headline('Canceladas')).toBe(1);
    expect(headline('Sin cerrar')).toBe(5);
    expect(headline('Tasa de inasistencia (%)')).toBe(Math.round((1000 * 3) / 8) / 10); // 37.5
    const durations = attended.map((r) => Number(r['Duración (min)']));
    expect(durations.sort((a, b) => a - b)).toEqual([30, 36, 40, 42, 48]); // the clock's minutes, as the panel recorded them
    expect(headline('Duración promedio (min)')).toBe(Math.round((10 * durations.reduce((a, b) => a + b)) / 5) / 10); // 39.2
    expect(headline('Tiempo estándar (min)')).toBe(35);
    expect(headline('Encuestas respondidas')).toBe(3);
    const means = Object.values(ANSWERS).map((s) => s.reduce((a, b) => a + b) / s.length); // 4.25, 4, 2.75
    const round1 = (x: number) => Math.round(x * 10) / 10; // 'Puntaje encuesta' keeps one decimal
    expect(headline('Satisfacción promedio (1 a 5)')).toBe(Math.round((100 * means.map(round1).reduce((a, b) => a + b)) / 3) / 100);

    // The tables, found under their titles.
    const table = (title: string) => {
      const all = tab();
      const i = all.findIndex((r) => r[0] === title);
      const out: unknown[][] = [];
      for (let k = i + 2; k < all.length && all[k][0] !== '' && !String(all[k][0]).startsWith('Citas') && !/^(Promedio|Abandonadas ÷|«|Respuestas)/.test(String(all[k][0])); k++) out.push(all[k].filter((c) => c !== ''));
      return out;
    };
    expect(table('Atenciones por semana')).toEqual([['Sem. 30/11', 5, 3, 1]]);
    expect(table('Duración promedio frente al estándar (min)')).toEqual([
      ['Ana Quispe', 39, 35],
      ['Luis Ñique', 40, 35],
      ['Todos', 39.2, 35],
    ]);
    expect(table('Satisfacción por consultor (1 a 5)')).toEqual([
      ['Ana Quispe', (round1(means[0]) + round1(means[1])) / 2],
      ['Luis Ñique', round1(means[2])],
    ]);
    const perQuestion = SURVEY_SCALE_QUESTIONS.map((q, k) => [q.title, Math.round((100 * Object.values(ANSWERS).reduce((a, s) => a + s[k], 0)) / 3) / 100]);
    expect(table('Satisfacción por pregunta (1 a 5)')).toEqual(perQuestion);
    expect(table('Temas de consulta')).toEqual([
      ['Plan de negocio', 3],
      ['Financiamiento', 1],
      ['Formalización (RUC, licencias)', 1],
    ]);
  });

  test('the panel changes the period; the choice is kept for the next refresh', () => {
    const q = call<Extract<IndicatorsView, { ok: true }>>(ws, atenciones, 'refreshIndicators', ['trimestre']);
    expect(q.period).toEqual({ kind: 'trimestre', label: 'IV trimestre de 2026', key: '2026-T4' });
    expect(q.tabUrl).toMatch(/#gid=\d+$/);
    expect(q.sections.map((s) => s.key)).toEqual(['atenciones', 'tiempos']);
    expect(tab()[1][0]).toBe('Periodo: IV trimestre de 2026');
    const again = call<Extract<IndicatorsView, { ok: true }>>(ws, atenciones, 'refreshIndicators', [], LUIS);
    expect(again.period.kind).toBe('trimestre');
    const nonsense = call<Extract<IndicatorsView, { ok: true }>>(ws, atenciones, 'refreshIndicators', ['semana<script>']);
    expect(nonsense.period.kind).toBe('trimestre');
    call(ws, atenciones, 'refreshIndicators', ['mes']);
  });

  test('in the Talleres spreadsheet too; a stranger gets nothing', () => {
    const t = call<Extract<IndicatorsView, { ok: true }>>(ws, talleres, 'refreshIndicators', ['año']);
    expect(t.period.label).toBe('2026');
    expect(t.sections.map((s) => s.key)).not.toContain('atenciones'); // the attentions show in Atenciones
    expect(ws.sheetNames(talleres)).toContain('Indicadores');
    const stranger = ws.callFromSidebar(atenciones, 'refreshIndicators', ['mes'], 'alguien@gmail.com');
    expect(stranger.ok).toBe(false);
  });
});
