/**
 * Issue 15: the evening closing refreshes «Indicadores» after its work, and a failure of that
 * refresh is audited but never fails the closing (its summaries still go).
 */
import { runDayClosing } from '../../../src/app/day-closing';
import { INDICATORS_TAB } from '../../../src/app/indicators/dashboard';
import type { GeneratedTabs, TabChart } from '../../../src/ports';
import { appointment, at, jobsWorld, TODAY } from './attention-jobs-fixtures';

class RecordingTabs implements GeneratedTabs {
  written: { name: string; rows: readonly (readonly (string | number | Date)[])[]; charts: readonly TabChart[] }[] = [];
  constructor(private readonly fail = false) {}
  replace(name: string, rows: readonly (readonly (string | number | Date)[])[], charts: readonly TabChart[]): void {
    if (this.fail) throw new Error('Service Spreadsheets failed while accessing document');
    this.written.push({ name, rows, charts });
  }
  exists(): boolean {
    return this.written.length > 0;
  }
}

function world() {
  const w = jobsWorld({ now: at(TODAY, 20) });
  w.add(
    appointment('A1', TODAY, 8, { status: 'Atendida', startedAt: at(TODAY, 8), endedAt: at(TODAY, 8, 30), durationMinutes: 30, topic: 'Plan de negocio' }),
    appointment('A2', TODAY, 9, { status: 'Abandonada', observations: 'Abandonada: No se conectó a la videollamada' }),
  );
  return w;
}

describe('the closing refreshes «Indicadores» (issue 15)', () => {
  test('after its work: the tab with the attentions of the month and its charts', () => {
    const w = world();
    const tabs = new RecordingTabs();
    const r = runDayClosing({ ...w.deps, tabs });
    expect(r.indicators).toBe('Indicadores actualizados: noviembre de 2026.');
    expect(tabs.written).toHaveLength(1);
    expect(tabs.written[0]!.name).toBe(INDICATORS_TAB);
    const rows = tabs.written[0]!.rows.map((x) => x.join('|'));
    expect(rows).toContain('Atendidas|1');
    expect(rows).toContain('Tasa de inasistencia (%)|50');
    expect(tabs.written[0]!.charts.map((c) => c.title)).toContain('Atenciones por semana');
    expect(w.mailer.sent).toHaveLength(1); // the summary went too
  });

  test('a failing refresh is audited and the closing goes on', () => {
    const w = world();
    const r = runDayClosing({ ...w.deps, tabs: new RecordingTabs(true) });
    expect(r.indicators).toMatch(/^No se pudieron actualizar los indicadores/);
    expect(r.summariesSent).toBe(1);
    expect(w.audit.entries().find((e) => e.action === 'Indicadores')).toMatchObject({ result: 'Error' });
    expect(w.audit.entries().some((e) => e.action === 'Cierre del día' || /cierre/i.test(e.action))).toBe(true);
  });

  test('without the port (older callers) nothing is refreshed', () => {
    const w = world();
    expect(runDayClosing(w.deps).indicators).toBeUndefined();
  });
});
