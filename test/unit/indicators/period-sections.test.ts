import { firstWorkingDay, inPeriod, monthPeriod, parsePeriodKind, periodContaining, previousMonth, weekStart } from '../../../src/domain/indicators/period';
import { CHART_ROWS, layoutDashboard, type IndicatorSection } from '../../../src/domain/indicators/sections';
import { limaDate, limaDateKey } from '../../../src/domain/lima-time';

describe('indicator periods (Lima)', () => {
  it('month, quarter and year containing an instant', () => {
    const at = limaDate(2026, 12, 31, 23, 30); // 04:30 UTC on 1 January: still December in Lima
    expect(periodContaining('mes', at)).toMatchObject({ key: '2026-12', label: 'diciembre de 2026', start: limaDate(2026, 12, 1), end: limaDate(2027, 1, 1) });
    expect(periodContaining('trimestre', at)).toMatchObject({ key: '2026-T4', label: 'IV trimestre de 2026', start: limaDate(2026, 10, 1) });
    expect(periodContaining('año', at)).toMatchObject({ key: '2026', end: limaDate(2027, 1, 1) });
    expect(inPeriod(periodContaining('mes', at), at)).toBe(true);
    expect(inPeriod(periodContaining('mes', at), limaDate(2027, 1, 1))).toBe(false);
  });
  it('the previous month, across a year boundary', () => {
    expect(previousMonth(limaDate(2027, 1, 4, 8)).key).toBe('2026-12');
    expect(previousMonth(limaDate(2027, 3, 1)).key).toBe('2027-02');
    expect(monthPeriod(2027, 2).end).toEqual(limaDate(2027, 3, 1));
  });
  it('parses the selector leniently and refuses anything else', () => {
    expect(parsePeriodKind('Año')).toBe('año');
    expect(parsePeriodKind(' TRIMESTRE ')).toBe('trimestre');
    expect(parsePeriodKind('month')).toBe('mes');
    expect(parsePeriodKind('semana')).toBeNull();
    expect(parsePeriodKind({})).toBeNull();
  });
  it('weeks start on Monday; the first working day skips the weekend', () => {
    expect(limaDateKey(weekStart(limaDate(2026, 12, 6, 20)))).toBe('2026-11-30'); // a Sunday
    expect(limaDateKey(weekStart(limaDate(2026, 12, 7, 0)))).toBe('2026-12-07'); // a Monday
    expect(limaDateKey(firstWorkingDay(limaDate(2026, 8, 20)))).toBe('2026-08-03'); // 1 Aug 2026 is a Saturday
    expect(limaDateKey(firstWorkingDay(limaDate(2026, 12, 20)))).toBe('2026-12-01');
  });
});

describe('the dashboard layout', () => {
  const section: IndicatorSection = {
    key: 'atenciones',
    title: 'Atenciones',
    headline: [['Atenciones realizadas', 12]],
    tables: [
      { title: 'Atenciones por semana', header: ['Semana', 'Atendidas', 'Abandonadas'], rows: [['30/11', 5, 1], ['07/12', 7, 0]], chart: 'column' },
      { title: 'Temas', header: ['Tema', 'Atenciones'], rows: [], chart: 'pie' },
    ],
  };
  it('puts each table under the previous one and anchors its chart to the right, over its own rows', () => {
    const { rows, charts } = layoutDashboard('Indicadores', monthPeriod(2026, 12), '05/12/2026 20:00', [section]);
    expect(rows[0]).toEqual(['Indicadores']);
    const header = rows.findIndex((r) => r[0] === 'Semana') + 1;
    expect(charts).toEqual([{ type: 'column', title: 'Atenciones por semana', range: { row: header, column: 1, numRows: 3, numColumns: 3 }, anchor: { row: header - 1, column: 5 } }]);
    // The empty table has no chart and says so; it starts below the chart's rows.
    const empty = rows.findIndex((r) => r[0] === 'Temas') + 1;
    expect(empty - (header - 1)).toBeGreaterThanOrEqual(CHART_ROWS);
    expect(rows[empty + 1]).toEqual(['(sin datos en el periodo)']);
  });
});
