/**
 * The procedure's real time (issue 15 item 2) in the emulator: a day of attentions worked through
 * the panel with the built bundle (import, the reminder run, «Iniciar», «Finalizar», one
 * abandonment), a module and an external request recorded in «Programación Talleres Masivos»,
 * then the «Indicadores» refresh with the timings provider (a test bundle over the product's own
 * code: the panel's entry belongs to the dashboard's wiring). Checks the table row by row against
 * what the scenario did — the waits and the calls it drove, the reminders as 'Citas' recorded them
 * — and that the chart is drawn.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import type { DayActionResult } from '../../src/api';
import { ABANDON_REASONS } from '../../src/domain/appointment';
import { limaDate } from '../../src/domain/lima-time';
import { formatMinutes } from '../../src/domain/messages/external-panel';
import { createAttentionWorld, importReport, makeReport, ROOT, type AttentionWorld, type ReportRow } from '../support/attention-world';

const DAY = '2026-11-28'; // the world starts on Friday 27 November 2026, 09:00 Lima

/** A bundle whose one function refreshes «Indicadores» with the timings provider alone, through the product's adapters. */
function refreshBundle(): string {
  const entry = `
    import { withContext } from './src/entry/context';
    import { refreshDashboard } from './src/app/indicators/dashboard';
    import { TIMINGS_PROVIDER } from './src/app/indicators/timings';
    import { ActiveGeneratedTabs } from './src/gas/generated-tabs-active';
    export function refreshTimings() {
      return withContext('Editor', (ctx) => {
        const r = refreshDashboard({ ...ctx, tabs: new ActiveGeneratedTabs() }, [TIMINGS_PROVIDER], 'mes');
        return r.ok ? r.message : 'error: ' + r.message;
      });
    }`;
  const out = esbuild.buildSync({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: '__t',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-timings-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), `${out.outputFiles[0].text}\nfunction refreshTimings() { return __t.refreshTimings.apply(this, arguments); }\n`);
  fs.copyFileSync(path.join(ROOT, 'appsscript.json'), path.join(dir, 'appsscript.json'));
  return dir;
}

/** A person types a row under the last one of a tab (by header). */
function typeRow(ws: Workspace, ss: string, tab: string, fields: Record<string, unknown>): void {
  const values = ws.values(ss, tab);
  const headers = values[0].map(String);
  let row = values.length;
  while (row > 1 && values[row - 1].every((v) => v === '' || v === null)) row--;
  for (const k of Object.keys(fields)) if (!headers.includes(k)) throw new Error(`no column ${k} in ${tab}`);
  sheetsStore(ws.state).enterValues(ss, tab, row + 1, 1, [headers.map((h) => fields[h] ?? '')]);
}

function wallTime(row: ReportRow, plus: number): string {
  const [h, m] = row.time.split(':').map(Number);
  const t = h * 60 + m + plus;
  return `${DAY}T${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

const N = (d: number, h: number, m = 0) => limaDate(2026, 11, d, h, m);

/** What the scenario does to each appointment: the minutes after its time it starts and finishes, or its abandonment. */
const PLAN: ({ start: number; finish: number } | 'abandon')[] = [
  { start: 0, finish: 22 },
  { start: 2, finish: 32 },
  'abandon',
  { start: 4, finish: 30 },
];

describe('the procedure real time, refreshed in the emulator after a day of work', () => {
  let w: AttentionWorld;
  let rows: ReportRow[];
  let table: Map<string, unknown[]>;
  let citas: Record<string, unknown>[];
  let message: unknown;
  let sheetsCalls: number;

  beforeAll(() => {
    w = createAttentionWorld();
    const report = makeReport(DAY, PLAN.length, { consultants: ['Ana Quispe'], slotMinutes: 45 });
    rows = report.rows;
    const imported = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    w.ws.advanceTo('2026-11-27T18:05'); // the reminder run
    const act = (row: ReportRow, fn: string, ...args: unknown[]) => {
      const r = w.ws.callFromSidebar(w.atenciones, fn, [row.code, ...args], w.user);
      if (!r.ok || !(r.value as DayActionResult).ok) throw new Error(`${fn}: ${r.ok ? (r.value as DayActionResult).message : r.error}`);
    };
    const steps: { at: string; run: () => void }[] = [];
    PLAN.forEach((p, i) => {
      const row = rows[i];
      if (p === 'abandon') steps.push({ at: wallTime(row, 6), run: () => act(row, 'abandonAppointment', { reason: ABANDON_REASONS[0] }) });
      else {
        steps.push({ at: wallTime(row, p.start), run: () => act(row, 'startAttention') });
        steps.push({ at: wallTime(row, p.finish), run: () => act(row, 'finishAttention', { observations: 'Orientación brindada.' }) });
      }
    });
    steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    for (const s of steps) {
      if (w.ws.formatNow() < s.at) w.ws.advanceTo(s.at);
      s.run();
    }

    // Talleres: an internal module and an external request, as their flows record them.
    typeRow(w.ws, w.talleres, 'Módulos', {
      'ID de módulo': 'MOD-T1', Módulo: 'Aprende a Emprender – Módulo IV', Tipo: 'Interno', Estado: 'En curso',
      Creado: N(2, 9), 'Programación enviada': N(2, 9, 40), 'Ficha generada': N(3, 10),
    });
    typeRow(w.ws, w.talleres, 'Sesiones', { 'ID de sesión': 'SES-T1', 'ID de módulo': 'MOD-T1', 'N.°': 1, Tema: 'Modelo de negocio', Estado: 'Realizada', Inicio: N(10, 18), Fin: N(10, 20) });
    typeRow(w.ws, w.talleres, 'Sesiones', { 'ID de sesión': 'SES-T2', 'ID de módulo': 'MOD-T1', 'N.°': 2, Tema: 'Costos', Estado: 'Realizada', Inicio: N(12, 18), Fin: N(12, 19, 30) });
    // A cancelled session is not a session that took place.
    typeRow(w.ws, w.talleres, 'Sesiones', { 'ID de sesión': 'SES-T3', 'ID de módulo': 'MOD-T1', 'N.°': 3, Tema: 'Ventas', Estado: 'Cancelada', Inicio: N(14, 18), Fin: N(14, 21) });
    typeRow(w.ws, w.talleres, 'Asistencia', { 'ID de asistencia': 'SES-T1/INS-1', 'ID de sesión': 'SES-T1', 'ID de módulo': 'MOD-T1', DNI: '40000001', Asistió: true, Fuente: 'Manual' });
    typeRow(w.ws, w.talleres, 'Solicitudes externas', {
      'ID de solicitud': 'SOL-T1', Recibida: N(16, 8), Estado: 'Aprobada', Institución: 'CETPRO Villa El Salvador',
      'Enviada a aprobación': N(16, 8, 45), Decisión: 'Aprobada', 'Fecha de la decisión': N(16, 11, 45),
    });

    w.ws.advanceTo('2026-11-30T20:00');
    w.ws.install(w.atenciones, { distDir: refreshBundle() }); // a redeploy keeps the properties (role, sibling)
    const run = w.ws.run(w.atenciones, 'refreshTimings');
    message = run.value;
    sheetsCalls = run.record.calls.Sheets ?? 0;
    const values = w.ws.values(w.atenciones, 'Indicadores');
    table = new Map(values.filter((r) => /^[ABC]\d\d$/.test(String(r[0])) && typeof r[1] === 'string' && r[1] !== '').map((r) => [String(r[0]), r]));
    citas = w.ws.readTab(w.atenciones, 'Citas').filter((r) => String(r['ID de cita'] ?? '') !== '');
  });

  const col = { actor: 2, standard: 3, handsOn: 4, basis: 5, elapsed: 6, cases: 7 };
  const at = (code: string, c: keyof typeof col) => table.get(code)?.[col[c]];
  const elapsed = (code: string) => at(code, 'elapsed');

  test('the refresh writes the tab for the month', () => {
    expect(message).toBe('Indicadores actualizados: noviembre de 2026.');
    expect(table.size).toBe(23);
  });

  test('A03 and A06: the waits and the calls the scenario drove, the abandonment counted at the tolerance', () => {
    const attended = PLAN.filter((p): p is { start: number; finish: number } => p !== 'abandon');
    const waits = [...attended.map((p) => p.start), 5];
    const calls = attended.map((p) => p.finish - p.start);
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    expect(at('A03', 'cases')).toBe(4);
    expect(at('A03', 'handsOn')).toBe(mean(waits)); // (0 + 2 + 4 + 5) / 4
    expect(elapsed('A03')).toBe(formatMinutes(2)); // median of 0, 2, 4
    expect(at('A06', 'handsOn')).toBe(mean(calls)); // (22 + 30 + 26) / 3
    expect(elapsed('A06')).toBe(formatMinutes(26));
    expect(at('A06', 'basis')).toBe('Medido');
    expect(at('A07', 'handsOn')).toBe(0);
    expect(at('A07', 'actor')).toBe('El producto (≈0 min del consultor)');
  });

  test('A01 and A02 from what «Citas» recorded (import and reminder moments)', () => {
    expect(citas).toHaveLength(PLAN.length);
    const lag = citas.map((r) => Math.round(((r['Recordatorio enviado'] as Date).getTime() - (r['Importado'] as Date).getTime()) / 60_000)).sort((a, b) => a - b);
    expect(at('A01', 'cases')).toBe(4);
    expect(at('A02', 'cases')).toBe(4);
    expect(at('A02', 'handsOn')).toBe(0); // no «Aviso extranet» ticked
    expect(elapsed('A02')).toBe(formatMinutes(Math.round((lag[1] + lag[2]) / 2)));
  });

  test('the module and the request from Talleres: the cancelled session left out, the manual mark counted', () => {
    expect(at('B01', 'cases')).toBe(1);
    expect(at('B01', 'basis')).toBe('Estimado');
    expect(elapsed('B03')).toBe(formatMinutes(40));
    expect(elapsed('B05')).toBe(formatMinutes(24 * 60 + 20)); // 2 Nov 09:40 → 3 Nov 10:00
    expect(at('B07', 'cases')).toBe(2);
    expect(at('B07', 'handsOn')).toBe(105); // (120 + 90) / 2
    expect(at('B09', 'handsOn')).toBe(1);
    expect(elapsed('B09')).toBe(formatMinutes(2 * 24 * 60 + 90)); // 10 Nov 18:00 → 12 Nov 19:30
    expect(at('C01', 'cases')).toBe(1);
    expect(elapsed('C01')).toBe(formatMinutes(225)); // 08:00 → 08:45 → 11:45
    expect(at('C02', 'cases')).toBe(0);
  });

  test('the chart of standard against real is drawn next to its table', () => {
    const data = sheetsStore(w.ws.state).requireSpreadsheet(w.atenciones);
    const sheet = data.sheets.find((s) => s.name === 'Indicadores')!;
    expect(sheet.charts).toHaveLength(1);
    const values = w.ws.values(w.atenciones, 'Indicadores');
    const titleRow = values.findIndex((r) => r[0] === 'Minutos del consultor por actividad: estándar y real');
    expect(values[titleRow + 1].slice(0, 3)).toEqual(['Actividad', 'Estándar (min)', 'Real (min)']);
  });

  test('the refresh costs the same Sheets calls with more rows (each tab read once, the tab written whole)', () => {
    // The first refresh replaced the evening closing's tab (every provider's charts removed): measure from a timings-only tab.
    const base = w.ws.run(w.atenciones, 'refreshTimings');
    const baseCalls = base.record.calls.Sheets ?? 0;
    for (let i = 0; i < 12; i++) {
      typeRow(w.ws, w.talleres, 'Sesiones', { 'ID de sesión': `SES-X${i}`, 'ID de módulo': 'MOD-T1', 'N.°': 10 + i, Tema: 'Repaso', Estado: 'Realizada', Inicio: N(20, 9 + (i % 8)), Fin: N(20, 10 + (i % 8)) });
      typeRow(w.ws, w.talleres, 'Asistencia', { 'ID de asistencia': `SES-X${i}/INS-1`, 'ID de sesión': `SES-X${i}`, 'ID de módulo': 'MOD-T1', DNI: '40000001', Asistió: true, Fuente: 'Manual' });
    }
    const again = w.ws.run(w.atenciones, 'refreshTimings');
    expect(again.value).toBe('Indicadores actualizados: noviembre de 2026.');
    expect(sheetsCalls).toBeGreaterThan(0);
    expect(baseCalls).toBeGreaterThan(0);
    expect(again.record.calls.Sheets ?? 0).toBe(baseCalls);
    const values = w.ws.values(w.atenciones, 'Indicadores');
    expect(values.find((r) => r[0] === 'B07' && r[1] === 'Sesión (ponente)')?.[7]).toBe(14); // 2 + 12 sessions
  });
});
