import { openAtClose, summariseDay, type DayRow } from '../../src/domain/day-summary';
import { limaDate } from '../../src/domain/lima-time';

const d = (day: number, h: number, m = 0) => limaDate(2026, 11, day, h, m);
const rows: DayRow[] = [
  { key: 'A1', start: d(27, 9), status: 'Atendida', consultant: 'lily@trabajo.gob.pe', durationMinutes: 40, surveyAnswered: true },
  { key: 'A2', start: d(27, 10), status: 'Atendida', consultant: 'lily@trabajo.gob.pe', durationMinutes: 35, surveyAnswered: false },
  { key: 'A3', start: d(27, 11), status: 'Abandonada', consultant: 'lily@trabajo.gob.pe' },
  { key: 'A4', start: d(27, 20), status: 'En atención', consultant: 'Lily@trabajo.gob.pe ', fullName: 'Ana' }, // 01:00 UTC on the 28th
  { key: 'A5', start: d(27, 16), status: 'Programada', consultant: 'lily@trabajo.gob.pe', fullName: 'Luis' },
  { key: 'A6', start: d(27, 12), status: 'Cancelada', consultant: 'lily@trabajo.gob.pe' },
  { key: 'B1', start: d(27, 9), status: 'Atendida', consultant: 'jorge@trabajo.gob.pe', durationMinutes: null },
  { key: 'C1', start: d(28, 0, 30), status: 'Programada', consultant: 'lily@trabajo.gob.pe' }, // next Lima day
  { key: 'C2', start: d(26, 23, 59), status: 'Programada', consultant: 'lily@trabajo.gob.pe' }, // previous Lima day
];

describe('day close (A07)', () => {
  test('per consultant counts, Lima-day boundaries and the duration against the 35-minute standard', () => {
    const [jorge, lily] = summariseDay(rows, '2026-11-27');
    expect(lily).toMatchObject({
      consultant: 'lily@trabajo.gob.pe',
      dayKey: '2026-11-27',
      total: 6,
      attended: 2,
      abandoned: 1,
      cancelled: 1,
      averageDurationMinutes: 37.5,
      standardMinutes: 35,
      minutesOverStandard: 2.5,
      surveysAnswered: 1,
    });
    expect(lily.open.map((r) => r.key)).toEqual(['A5', 'A4']);
    expect(jorge).toMatchObject({ total: 1, attended: 1, averageDurationMinutes: null, minutesOverStandard: null });
  });

  test('one consultant only; with no appointments still a summary of zeros', () => {
    const [s] = summariseDay(rows, '2026-11-27', 'JORGE@trabajo.gob.pe');
    expect(s.total).toBe(1);
    const [none] = summariseDay(rows, '2026-11-27', 'nadie@trabajo.gob.pe');
    expect(none).toMatchObject({ consultant: 'nadie@trabajo.gob.pe', total: 0, attended: 0, open: [], averageDurationMinutes: null });
  });

  test('open at close: scheduled or in attention on that Lima day, earliest first', () => {
    expect(openAtClose(rows, '2026-11-27').map((r) => r.key)).toEqual(['A5', 'A4']);
    expect(openAtClose(rows, '2026-11-28').map((r) => r.key)).toEqual(['C1']);
    expect(openAtClose(rows, '2026-11-26').map((r) => r.key)).toEqual(['C2']);
  });
});
