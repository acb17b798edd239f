/**
 * The monthly report's pure parts (issue 15 item 3, i15-report): when it is due (first working
 * day, the one-off wait on a weekend day 1, the catch-up of missed months), the month's modules
 * and external workshops, the page (escaped; sections, bars, workshops) and its email.
 */
import {
  CATCH_UP_MONTHS,
  monthlyDue,
  monthlyReportEmail,
  monthlyReportHtml,
  monthOfKey,
  monthWorkshops,
  numericColumns,
  MONTHLY_REPORT_HOUR,
} from '../../../src/domain/indicators/monthly-report';
import { monthPeriod } from '../../../src/domain/indicators/period';
import type { IndicatorSection } from '../../../src/domain/indicators/sections';
import { limaDate } from '../../../src/domain/lima-time';

const keys = (d: ReturnType<typeof monthlyDue>) => (d.kind === 'send' ? d.months.map((m) => m.key) : d.at.toISOString());

describe('when the monthly report is due', () => {
  it('on the first working day: the previous month, across the year boundary', () => {
    expect(keys(monthlyDue(limaDate(2027, 1, 1, 8, 45), null, new Set()))).toEqual(['2026-12']); // Friday 1 January 2027
  });
  it('a weekend day 1 waits for Monday at the report hour, and Monday sends', () => {
    const sat = monthlyDue(limaDate(2026, 8, 1, 8, 10), null, new Set()); // Saturday 1 August 2026
    expect(sat).toEqual({ kind: 'wait', at: limaDate(2026, 8, 3, MONTHLY_REPORT_HOUR) });
    expect(keys(monthlyDue(limaDate(2026, 8, 3, 8, 0), null, new Set()))).toEqual(['2026-07']);
    const sun = monthlyDue(limaDate(2026, 11, 1, 8, 0), null, new Set()); // Sunday 1 November 2026
    expect(sun).toEqual({ kind: 'wait', at: limaDate(2026, 11, 2, MONTHLY_REPORT_HOUR) });
  });
  it('a month already sent is not due again (a second firing, a late one)', () => {
    expect(keys(monthlyDue(limaDate(2027, 1, 1, 8, 59), '2026-12', new Set(['2026-12'])))).toEqual([]);
    expect(keys(monthlyDue(limaDate(2027, 1, 1, 8, 59), null, new Set(['2026-12'])))).toEqual([]);
  });
  it('missed months are caught up, oldest first, at most CATCH_UP_MONTHS, never before the last one sent', () => {
    expect(keys(monthlyDue(limaDate(2027, 2, 1, 8), '2026-12', new Set(['2026-12'])))).toEqual(['2027-01']);
    expect(keys(monthlyDue(limaDate(2027, 3, 1, 8), '2026-12', new Set(['2026-12'])))).toEqual(['2027-01', '2027-02']);
    expect(keys(monthlyDue(limaDate(2027, 6, 1, 8), '2026-12', new Set()))).toHaveLength(CATCH_UP_MONTHS);
    expect(keys(monthlyDue(limaDate(2027, 6, 1, 8), '2026-12', new Set()))).toEqual(['2027-03', '2027-04', '2027-05']);
    // Never sent here: only the previous month (installing the product sends no backlog).
    expect(keys(monthlyDue(limaDate(2027, 6, 1, 8), null, new Set()))).toEqual(['2027-05']);
  });
  it('month keys: only real months', () => {
    expect(monthOfKey('2026-11')?.label).toBe('noviembre de 2026');
    for (const bad of ['2026-13', '2026-1', '26-11', '', null, 202611, '2026-11; DROP', '1999-01']) expect(monthOfKey(bad)).toBeNull();
  });
});

describe('the month’s modules and external workshops', () => {
  const p = monthPeriod(2026, 12);
  const modules = [
    { id: 'M1', name: 'Aprende a Emprender – Diciembre', kind: 'Interno', institution: '', status: 'En curso' },
    { id: 'M2', name: 'Taller para la Municipalidad', kind: 'Externo', institution: 'Municipalidad de Comas', status: 'Realizado' },
    { id: 'M3', name: 'Noviembre', kind: 'Interno', institution: '', status: 'Cerrado' },
    { id: 'M4', name: 'Cancelado', kind: 'Externo', institution: 'X', status: 'Cancelado' },
  ];
  const sessions = [
    { moduleId: 'M1', start: limaDate(2026, 12, 3, 18), status: 'Realizada' },
    { moduleId: 'M1', start: limaDate(2026, 12, 1, 18), status: 'Realizada' },
    { moduleId: 'M1', start: limaDate(2026, 12, 10, 18), status: 'Cancelada' },
    { moduleId: 'M2', start: limaDate(2026, 11, 30, 18), status: 'Realizada' },
    { moduleId: 'M2', start: limaDate(2026, 12, 31, 23, 30), status: 'Programada' }, // still December in Lima
    { moduleId: 'M3', start: limaDate(2026, 11, 20, 18), status: 'Realizada' },
    { moduleId: 'M3', start: limaDate(2027, 1, 1, 0), status: 'Programada' }, // January
    { moduleId: 'M4', start: limaDate(2026, 12, 5, 9), status: 'Cancelada' },
    { moduleId: 'M9', start: limaDate(2026, 12, 5, 9), status: 'Realizada' }, // no such module
  ];
  it('groups the sessions of the month that were not cancelled', () => {
    const w = monthWorkshops(modules, sessions, p);
    expect(w.modules).toEqual([{ name: 'Aprende a Emprender – Diciembre', institution: '', status: 'En curso', sessions: 2, dates: '01/12/2026, 03/12/2026' }]);
    expect(w.external).toEqual([{ name: 'Taller para la Municipalidad', institution: 'Municipalidad de Comas', status: 'Realizado', sessions: 1, dates: '31/12/2026' }]);
  });
});

describe('the page and the email', () => {
  const period = monthPeriod(2026, 11);
  const sections: IndicatorSection[] = [
    {
      key: 'fake',
      title: 'Atenciones <script>',
      headline: [['Atenciones realizadas', 12], ['Satisfacción', 4.25]],
      tables: [
        { title: 'Por semana', header: ['Semana', 'Atendidas', 'Abandonadas', 'Nota'], rows: [['02/11', 4, 1, 'x'], ['09/11', 8, 0, 'y']], chart: 'column', note: 'Semana de lunes a domingo.' },
        { title: 'Sin gráfico', header: ['A', 'B'], rows: [['=HYPERLINK("x")', 1]] },
        { title: 'Vacía', header: ['A', 'B'], rows: [], chart: 'bar' },
      ],
    },
  ];
  const workshops = { modules: [{ name: 'Módulo <b>', institution: '', status: 'Realizado', sessions: 3, dates: '03/11/2026' }], external: [] };
  it('numeric columns are those whose every value is a number', () => {
    expect(numericColumns(sections[0]!.tables[0]!)).toEqual([1, 2]);
    expect(numericColumns(sections[0]!.tables[2]!)).toEqual([]);
  });
  it('shows every section, a bar chart per numeric column of a charted table, and the workshops — escaped', () => {
    const page = monthlyReportHtml({ period, sections, workshops, version: 2, at: limaDate(2026, 12, 1, 8, 5) });
    expect(page).toContain('Periodo: noviembre de 2026');
    expect(page).toContain('Versión 2, generada el');
    expect(page).toContain('Atenciones &lt;script&gt;');
    expect(page).not.toContain('<script>');
    expect(page).toContain('Módulo &lt;b&gt;');
    expect(page).toContain('Por semana: Atendidas');
    expect(page).toContain('Por semana: Abandonadas');
    expect(page).not.toContain('Por semana: Nota');
    expect(page).not.toContain('Sin gráfico: B');
    expect(page).toContain('width:50%;height:12px;background:#2563eb'); // 4 of 8 attended
    expect(page).toContain('width:100%;height:12px;background:#d97706'.replace('#d97706', '#16a34a')); // 1 of 1 abandoned
    expect(page).toContain('4,3'); // 4.25 in Spanish
    expect(page).toContain('Talleres externos del mes');
    expect(page).toContain('Ninguno en el mes.');
    expect(page).toContain('(sin datos en el periodo)');
  });
  it('the email names the month and the version', () => {
    const v1 = monthlyReportEmail({ period, workshops, version: 1 });
    expect(v1.subject).toBe('Informe mensual del SOE – noviembre de 2026');
    expect(v1.text).toContain('1 módulo de «Aprende a Emprender» y 0 talleres externos');
    const v3 = monthlyReportEmail({ period, workshops, version: 3 });
    expect(v3.subject).toBe('Informe mensual del SOE – noviembre de 2026 (versión 3)');
    expect(v3.text).toContain('Esta es la versión 3 del informe');
  });
});
