import { attentionFigures, attentionSection, RESPONSE_MATCH_MS, type AttentionRow, type SurveyResponseRow } from '../../../src/domain/indicators/attentions';
import { monthPeriod } from '../../../src/domain/indicators/period';
import { limaDate } from '../../../src/domain/lima-time';

// December 2026: Tuesday 1st; its weeks start on Mondays 30/11, 07/12, 14/12, 21/12, 28/12.
const period = monthPeriod(2026, 12);
const afterMonth = limaDate(2027, 1, 5);
const Q = ['P1', 'P2'];

let n = 0;
function row(day: number, status: string, o: Partial<AttentionRow> = {}): AttentionRow {
  n++;
  return { id: `AV-${n}`, start: limaDate(2026, 12, day, 10), status, consultant: 'Ana Pérez', topic: '', durationMinutes: null, surveyScore: null, surveyAnsweredAt: null, ...o };
}

describe('attention figures (hand-computed)', () => {
  const answered = limaDate(2026, 12, 2, 12);
  const rows: AttentionRow[] = [
    row(1, 'Atendida', { durationMinutes: 30, topic: 'Plan de negocio', surveyScore: 4.5, surveyAnsweredAt: answered, id: 'AV-A' }),
    row(2, 'Atendida', { durationMinutes: 40, topic: 'Formalización (RUC, licencias)', consultant: ' ana  pérez ' }),
    row(3, 'Abandonada'),
    row(8, 'Atendida', { durationMinutes: 50, consultant: 'Luis Quispe', topic: 'Plan de negocio; Financiamiento', surveyScore: 3, surveyAnsweredAt: limaDate(2026, 12, 9), id: 'AV-B' }),
    row(9, 'Cancelada'),
    row(10, 'Abandonada', { consultant: 'Luis Quispe' }),
    row(15, 'Atendida', { durationMinutes: null, consultant: '' }), // no duration: not in the mean
    row(16, 'Programada'),
    row(20, 'Atendida', { durationMinutes: 0 }), // 0 is no duration
    // Outside the month: counts nowhere.
    { ...row(1, 'Atendida', { durationMinutes: 999 }), start: limaDate(2026, 11, 30, 23, 59) },
    { ...row(1, 'Atendida'), start: null },
  ];
  const responses: SurveyResponseRow[] = [
    { submittedAt: new Date(answered.getTime() + 1000), code: 'av-a ', scores: [5, 4] }, // the linked response of AV-A
    { submittedAt: new Date(answered.getTime() + RESPONSE_MATCH_MS + 5000), code: 'AV-A', scores: [1, 1] }, // a later, unlinked answer
    { submittedAt: limaDate(2026, 12, 9), code: 'AV-B', scores: [3, null] },
    { submittedAt: limaDate(2026, 12, 9), code: 'AV-B', scores: [1, 1] }, // the same code twice: only the first counts
    { submittedAt: limaDate(2026, 12, 5), code: 'AV-ZZZ', scores: [1, 1] }, // forged code
  ];
  const f = attentionFigures(rows, responses, Q, period, afterMonth, 35);

  it('counts by state, the no-show rate and the mean duration', () => {
    expect(f).toMatchObject({ total: 9, attended: 5, abandoned: 2, cancelled: 1, open: 1 });
    expect(f.noShowRate).toBe(28.6); // 2 / 7
    expect(f.averageDuration).toBe(40); // (30 + 40 + 50) / 3
    expect(f.standardMinutes).toBe(35);
    expect(f.surveysAnswered).toBe(2);
    expect(f.responseRate).toBe(40); // 2 of 5 attended
    expect(f.averageScore).toBe(3.75);
  });

  it('weeks from the period start’s Monday, zeros included', () => {
    expect(f.weeks.map((w) => [w.monday.toISOString().slice(0, 10), w.attended, w.abandoned, w.cancelled, w.noShowRate])).toEqual([
      ['2026-11-30', 2, 1, 0, 33.3],
      ['2026-12-07', 1, 1, 1, 50],
      ['2026-12-14', 2, 0, 0, 0], // 20/12 is a Sunday: still the week of 14/12
      ['2026-12-21', 0, 0, 0, null],
      ['2026-12-28', 0, 0, 0, null],
    ]); // Lima midnight is 05:00 UTC: the ISO date is the Lima date
  });

  it('no future weeks while the period runs', () => {
    const mid = attentionFigures(rows, [], Q, period, limaDate(2026, 12, 9, 9), 35);
    expect(mid.weeks).toHaveLength(2);
  });

  it('per consultant (names compared without case or extra spaces) and per question (linked responses only)', () => {
    expect(f.consultants).toEqual([
      { name: 'Ana Pérez', attended: 3, averageDuration: 35, surveys: 1, averageScore: 4.5 },
      { name: 'Luis Quispe', attended: 1, averageDuration: 50, surveys: 1, averageScore: 3 },
      { name: 'Sin consultor', attended: 1, averageDuration: null, surveys: 0, averageScore: null },
    ]);
    expect(f.responsesCounted).toBe(2);
    expect(f.questions).toEqual([
      { question: 'P1', average: 4, answers: 2 },
      { question: 'P2', average: 4, answers: 1 },
    ]);
  });

  it('topics of the attended, several in one cell, «Sin tema registrado» for none', () => {
    expect(f.topics).toEqual([
      { topic: 'Plan de negocio', count: 2 },
      { topic: 'Sin tema registrado', count: 2 },
      { topic: 'Financiamiento', count: 1 },
      { topic: 'Formalización (RUC, licencias)', count: 1 },
    ]);
  });

  it('the section: headline figures and the charts a person looks at', () => {
    const s = attentionSection(f);
    expect(s.key).toBe('atenciones');
    expect(s.headline).toContainEqual(['Tasa de inasistencia (%)', 28.6]);
    expect(s.tables.filter((t) => t.chart).map((t) => [t.title, t.chart])).toEqual([
      ['Atenciones por semana', 'column'],
      ['Inasistencia por semana (%)', 'line'],
      ['Duración promedio frente al estándar (min)', 'column'],
      ['Satisfacción por consultor (1 a 5)', 'bar'],
      ['Satisfacción por pregunta (1 a 5)', 'bar'],
      ['Temas de consulta', 'pie'],
    ]);
    const duration = s.tables.find((t) => t.title.startsWith('Duración'))!;
    expect(s.tables[0]!.rows[0]).toEqual(['Sem. 30/11', 2, 1, 0]); // text, never a date Sheets would parse
    expect(duration.rows).toEqual([['Ana Pérez', 35, 35], ['Luis Quispe', 50, 35], ['Todos', 40, 35]]);
  });

  it('an empty period shows dashes, never NaN', () => {
    const e = attentionFigures([], [], Q, period, afterMonth, 35);
    const s = attentionSection(e);
    expect(JSON.stringify(s)).not.toMatch(/NaN|null/);
    expect(s.headline).toContainEqual(['Duración promedio (min)', '—']);
  });
});
