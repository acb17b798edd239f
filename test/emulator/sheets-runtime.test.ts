import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';

/**
 * SpreadsheetApp as a script sees it: through the sandbox bridge, in the execution contexts
 * Apps Script runs code in (editor, simple onOpen, menu, time-driven trigger).
 */
function bundle(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-sheets-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
  return dir;
}

function setupWith(code: string) {
  const ws = Workspace.create({ at: '2026-11-27T09:00', seed: 7 });
  const ss = ws.createSpreadsheet('Programación Talleres Masivos');
  ws.install(ss, { distDir: bundle(code) });
  return { ws, ss };
}

describe('SpreadsheetApp through the sandbox', () => {
  test('values cross the bridge as the script expects: Date instances, arrays, numbers; hidden helpers stay hidden', () => {
    const { ws, ss } = setupWith(`
      function roundTrip() {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
        sheet.getRange(1, 1, 1, 3).setValues([[new Date(Date.UTC(2026, 10, 27, 20, 30)), '00123', '=A2']]); // 15:30 in Lima
        var v = sheet.getDataRange().getValues();
        return {
          isDate: v[0][0] instanceof Date,
          hour: v[0][0].getUTCHours(),
          number: v[0][1],
          formula: sheet.getRange('C1').getFormula(),
          isArray: Array.isArray(v) && Array.isArray(v[0]),
          hidden: typeof SpreadsheetApp._rangeFor,
          criteria: String(SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST),
          display: sheet.getRange('A1').getDisplayValue(),
        };
      }`);
    const out = ws.run(ss, 'roundTrip');
    expect(out.error).toBeUndefined();
    expect(out.value).toEqual({
      isDate: true,
      hour: 20,
      number: 123,
      formula: '=A2',
      isArray: true,
      hidden: 'undefined',
      criteria: 'VALUE_IN_LIST',
      display: '27/11/2026 15:30:00',
    });
    expect(out.record.methods['Range.setValues']).toBe(1);
    expect(out.record.calls.Sheets).toBeGreaterThan(0);
  });

  test('Apps Script errors reach the script as Error with the real message (range#setValues)', () => {
    const { ws, ss } = setupWith(`
      function wrongShape() {
        try {
          SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1:B2').setValues([[1, 2]]);
        } catch (e) { return [e instanceof Error, e.message]; }
      }`);
    expect(ws.run(ss, 'wrongShape').value).toEqual([
      true,
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    ]);
  });

  test('a simple onOpen adds menus but cannot openById; a menu click runs the item (developers.google.com/apps-script/guides/triggers)', () => {
    const { ws, ss } = setupWith(`
      function onOpen() {
        SpreadsheetApp.getUi().createMenu('SOE').addItem('Configurar', 'configurar').addToUi();
        SpreadsheetApp.openById(SpreadsheetApp.getActiveSpreadsheet().getId());
      }
      function configurar() {
        SpreadsheetApp.getActiveSpreadsheet().insertSheet('Config').appendRow(['clave', 'valor']);
        SpreadsheetApp.getUi().alert('Listo');
      }`);
    const [open] = ws.openSpreadsheet(ss);
    expect(open.error).toBe(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
    expect(ws.menus(ss)).toEqual([{ name: 'SOE', items: [{ caption: 'Configurar', functionName: 'configurar' }] }]);
    const click = ws.clickMenu(ss, 'Configurar');
    expect(click.error).toBeUndefined();
    expect(ws.values(ss, 'Config')).toEqual([['clave', 'valor']]);
  });

  test('getUi from a time-driven trigger fails the execution (developers.google.com/apps-script/guides/dialogs)', () => {
    const { ws, ss } = setupWith(`function recordatorios() { SpreadsheetApp.getUi().alert('hola'); }`);
    expect(ws.run(ss, 'recordatorios', [], { as: 'time' }).error).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});

// support.google.com/docs/answer/37603 (files you can store in Google Drive): "Cells: 50,000 characters per cell".
test('a value over 50,000 characters is refused and nothing in the block is written', () => {
  const ws = Workspace.create({ at: '2026-11-27T09:00' });
  const ss = ws.createSpreadsheet('Libro');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-cell-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), `function f() {
    var r = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1, 1, 2);
    try { r.setValues([['corto', new Array(50002).join('x')]]); return 'written'; } catch (e) { return e.message; }
  }`);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima' }));
  ws.install(ss, { distDir: dir });
  expect(ws.run(ss, 'f').value).toBe('Your input contains more than the maximum of 50000 characters in a single cell.');
  expect(ws.values(ss, ws.sheetNames(ss)[0])).toEqual([['']]); // an empty sheet's data range is A1
});
