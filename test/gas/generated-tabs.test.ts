/**
 * The GeneratedTabs adapter (src/gas/generated-tabs.ts) against the emulated Sheets service
 * (called from the host): a generated tab replaced whole — values, header in bold, charts —
 * with no string turned into a formula, other tabs untouched, and the old charts removed (clearing
 * cells leaves charts in place, so the adapter removes them itself).
 */
import { WorkspaceState } from '../../emulator/core/state';
import { install, sheetsStore, type SpreadsheetAppService } from '../../emulator/services/sheets';
import { ChartsService } from '../../emulator/services/sheets/charts';
import { makeTestEnv } from '../../emulator/testing';
import { SheetsGeneratedTabs, tabValues } from '../../src/gas/generated-tabs';

type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
const g = globalThis as Record<string, unknown>;

function world() {
  const state = new WorkspaceState({ now: Date.UTC(2026, 11, 23, 14, 0), seed: 5, account: 'workspace', user: 'ana@trabajo.gob.pe' });
  const store = sheetsStore(state);
  const id = store.createSpreadsheet('Talleres', 'ana@trabajo.gob.pe');
  const env = makeTestEnv({ state, containerId: id, manifest: { timeZone: 'America/Lima' } });
  const app = install(env).SpreadsheetApp as SpreadsheetAppService;
  g.Charts = new ChartsService();
  const ss = app.getActiveSpreadsheet()!;
  ss.getSheets()[0].setName('Inscripciones');
  store.enterValues(id, 'Inscripciones', 1, 1, [['ID', 'Nombre'], ['I-1', 'Ana']]);
  return { store, id, ss, tabs: new SheetsGeneratedTabs(ss as unknown as GasSpreadsheet) };
}

afterEach(() => {
  delete g.Charts;
});

const ROWS = [
  ['Participante', 'Sesión 1', 'Sesión 2', '%', 'Cumple'],
  ['Ana', 'Sí', 'No', 50, 'No'],
  ['=HYPERLINK("http://x")', 'Sí', 'Sí', 100, 'Sí'],
  ['+51 987 654 321', '-', '@ana'],
];

test('creates the tab, writes the rows padded to one rectangle, neutralises formula-like text, bolds the header, inserts the charts', () => {
  const w = world();
  expect(w.tabs.exists('Asistencia')).toBe(false);
  w.tabs.replace('Asistencia', ROWS, [
    { type: 'column', title: 'Asistencia por sesión', range: { row: 1, column: 2, numRows: 3, numColumns: 2 }, anchor: { row: 2, column: 7 } },
    { type: 'pie', title: 'Cumplen', range: { row: 1, column: 5, numRows: 3, numColumns: 1 }, anchor: { row: 20, column: 7 } },
  ]);
  expect(w.tabs.exists('Asistencia')).toBe(true);
  const values = w.store.readValues(w.id, 'Asistencia');
  expect(values.slice(0, 4)).toEqual([
    ['Participante', 'Sesión 1', 'Sesión 2', '%', 'Cumple'],
    ['Ana', 'Sí', 'No', 50, 'No'],
    ['=HYPERLINK("http://x")', 'Sí', 'Sí', 100, 'Sí'],
    ['+51 987 654 321', '-', '@ana', '', ''],
  ]);
  const sheet = w.ss.getSheetByName('Asistencia')!;
  expect(sheet.getRange('A3').getFormula()).toBe('');
  const charts = sheet.getCharts();
  expect(charts.map((c) => [c.getOptions().get('title'), c.getContainerInfo().getAnchorRow(), c.getContainerInfo().getAnchorColumn(), c.getRanges()[0].getA1Notation()])).toEqual([
    ['Asistencia por sesión', 2, 7, 'B1:C3'],
    ['Cumplen', 20, 7, 'E1:E3'],
  ]);
  expect(sheet._sheet.charts!.map((c) => c.type)).toEqual(['COLUMN', 'PIE']);
  // Other tabs untouched.
  expect(w.store.readValues(w.id, 'Inscripciones').slice(0, 2)).toEqual([['ID', 'Nombre'], ['I-1', 'Ana']]);
});

test('replacing again: old values and charts gone, new ones in; anchors past the grid grow it', () => {
  const w = world();
  w.tabs.replace('Asistencia', ROWS, [{ type: 'column', title: 'A', range: { row: 1, column: 2, numRows: 3, numColumns: 2 }, anchor: { row: 2, column: 7 } }]);
  w.tabs.replace('Asistencia', [['Sesión', 'Promedio'], ['1', 4.5]], [{ type: 'bar', title: 'Satisfacción', range: { row: 1, column: 1, numRows: 2, numColumns: 2 }, anchor: { row: 1, column: 30 } }]);
  const values = w.store.readValues(w.id, 'Asistencia');
  // The old five columns and four rows are gone (the data range is the new two by two).
  expect(values).toEqual([
    ['Sesión', 'Promedio'],
    [1, 4.5],
  ]);
  const sheet = w.ss.getSheetByName('Asistencia')!;
  expect(sheet.getCharts().map((c) => c.getOptions().get('title'))).toEqual(['Satisfacción']);
  expect(sheet.getMaxColumns()).toBeGreaterThanOrEqual(30);
});

test('tabValues: an empty table is no rectangle; Dates and numbers pass as they are', () => {
  const d = new Date(Date.UTC(2026, 11, 1));
  expect(tabValues([])).toEqual([]);
  expect(tabValues([['a'], [d, 1, '=1']])).toEqual([['a', '', ''], [d, 1, "'=1"]]);
});
