import type { ExecutionTrigger } from '../../emulator/core/execution';
import { WorkspaceState } from '../../emulator/core/state';
import { uiStore } from '../../emulator/core/ui-store';
import { install, sheetsStore, type SpreadsheetAppService } from '../../emulator/services/sheets';
import type { Range } from '../../emulator/services/sheets/range';
import type { Sheet } from '../../emulator/services/sheets/sheet';
import { makeTestEnv, nextExecution } from '../../emulator/testing';

/**
 * The emulated SpreadsheetApp, called from the host (no sandbox). Each test names the page of
 * developers.google.com/apps-script/reference/spreadsheet/ (or other guide) it follows.
 */
const REF = 'developers.google.com/apps-script/reference/spreadsheet';
const USER = 'consultora@trabajo.gob.pe';
const LIMA_MIDNIGHT_27_NOV = Date.UTC(2026, 10, 27, 5, 0); // 2026-11-27 00:00 in Lima (UTC−5)

function newState(): WorkspaceState {
  return new WorkspaceState({ now: Date.UTC(2026, 10, 27, 14, 0), seed: 42, account: 'workspace', user: USER });
}

function setup(
  opts: { trigger?: ExecutionTrigger; locale?: string; rows?: number; columns?: number; state?: WorkspaceState; scopes?: string[] } = {},
) {
  const state = opts.state ?? newState();
  const id = sheetsStore(state).createSpreadsheet('Atenciones Virtuales – Centro de Empleo', USER, {
    locale: opts.locale,
    rows: opts.rows,
    columns: opts.columns,
  });
  const manifest = { timeZone: 'America/Lima', ...(opts.scopes ? { oauthScopes: opts.scopes } : {}) };
  const env = makeTestEnv({ state, containerId: id, trigger: opts.trigger, manifest });
  const app = install(env).SpreadsheetApp as SpreadsheetAppService;
  const ss = app.getActiveSpreadsheet()!;
  const sheet = ss.getSheets()[0];
  return { state, env, app, ss, sheet, id };
}

function appFor(env: ReturnType<typeof makeTestEnv>): SpreadsheetAppService {
  return install(env).SpreadsheetApp as SpreadsheetAppService;
}

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an exception');
}

describe('SpreadsheetApp and Spreadsheet', () => {
  test(`a new spreadsheet has one tab "Hoja 1" in es_PE, "Sheet1" in en_US, Lima time zone (${REF}/spreadsheet-app#create(String))`, () => {
    const { ss, state } = setup();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Hoja 1']);
    expect(ss.getSpreadsheetLocale()).toBe('es_PE');
    expect(ss.getSpreadsheetTimeZone()).toBe('America/Lima');
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
    expect(ss.getId()).toMatch(/^1[A-Za-z0-9_-]{43}$/);
    expect(ss.getSheets()[0].getSheetId()).toBe(0);
    const en = setup({ locale: 'en_US', state });
    expect(en.ss.getSheets()[0].getName()).toBe('Sheet1');
    expect(sheetsStore(state).spreadsheetIds()).toEqual([ss.getId(), en.ss.getId()]);
  });

  test(`getActiveSpreadsheet is the bound spreadsheet, null for a standalone script (${REF}/spreadsheet-app#getActiveSpreadsheet())`, () => {
    const { app, id } = setup();
    expect(app.getActiveSpreadsheet()!.getId()).toBe(id);
    expect(app.getActive()!.getName()).toBe('Atenciones Virtuales – Centro de Empleo');
    const standalone = appFor(makeTestEnv());
    expect(standalone.getActiveSpreadsheet()).toBeNull();
  });

  test(`openById opens any spreadsheet and fails for an unknown ID (${REF}/spreadsheet-app#openById(String))`, () => {
    const { app, state } = setup();
    const other = sheetsStore(state).createSpreadsheet('Programación Talleres Masivos', USER);
    expect(app.openById(other).getName()).toBe('Programación Talleres Masivos');
    expect(app.openByUrl(`https://docs.google.com/spreadsheets/d/${other}/edit#gid=0`).getId()).toBe(other);
    expect(thrown(() => app.openById('1nope'))).toBe(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
  });

  test('a simple trigger may use its own spreadsheet but not openById (developers.google.com/apps-script/guides/triggers#restrictions)', () => {
    const { state, id } = setup();
    const env = makeTestEnv({ state, containerId: id, trigger: 'simple' });
    const app = appFor(env);
    expect(app.getActiveSpreadsheet()!.getId()).toBe(id);
    expect(thrown(() => app.openById(id))).toBe(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
  });

  test('explicit oauthScopes without the spreadsheets scope: the bound spreadsheet works, opening others does not (developers.google.com/apps-script/concepts/scopes)', () => {
    const narrow = setup({ scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] });
    expect(narrow.app.getActiveSpreadsheet()!.getId()).toBe(narrow.id);
    expect(thrown(() => narrow.app.openById(narrow.id))).toBe(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
    expect(thrown(() => narrow.app.create('x'))).toContain('SpreadsheetApp.create');
    const full = setup({ scopes: ['https://www.googleapis.com/auth/spreadsheets'] });
    expect(full.app.openById(full.id).getId()).toBe(full.id);
  });

  test(`create counts against the daily quota of spreadsheets created (${REF}/spreadsheet-app#create(String); developers.google.com/apps-script/guides/services/quotas)`, () => {
    const { app, state } = setup();
    state.quotas.overrides.spreadsheetsCreated = 1;
    const made = app.create('Reporte');
    expect(made.getName()).toBe('Reporte');
    expect(made.getSheets()[0].getMaxRows()).toBe(1000);
    expect(made.getSheets()[0].getMaxColumns()).toBe(26);
    expect(thrown(() => app.create('Otro'))).toBe('Service invoked too many times for one day: spreadsheets create.');
  });

  test(`insertSheet names, positions and activates tabs; duplicates are refused (${REF}/spreadsheet#insertSheet(String,Integer))`, () => {
    const { ss } = setup();
    const citas = ss.insertSheet('Citas');
    expect(ss.getActiveSheet().getName()).toBe('Citas');
    ss.insertSheet('Config', 0);
    ss.insertSheet();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Config', 'Hoja 1', 'Citas', 'Hoja 4']);
    expect(citas.getIndex()).toBe(3);
    expect(thrown(() => ss.insertSheet('Citas'))).toBe('A sheet with the name "Citas" already exists. Please enter another name.');
    expect(thrown(() => ss.getSheetByName('Config')!.setName('citas'))).toBe(
      'A sheet with the name "citas" already exists. Please enter another name.',
    );
    expect(ss.getSheetByName('No existe')).toBeNull();
  });

  test(`deleteSheet removes a tab but never the last one (${REF}/spreadsheet#deleteSheet(Sheet))`, () => {
    const { ss } = setup();
    const extra = ss.insertSheet('Temporal');
    ss.deleteSheet(extra);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Hoja 1']);
    expect(ss.getActiveSheet().getName()).toBe('Hoja 1');
    expect(thrown(() => ss.deleteSheet(ss.getSheets()[0]))).toBe("You can't remove all the sheets in a document.");
  });

  test(`Spreadsheet.getRange reads "'Tab'!A1:B2" notation (${REF}/spreadsheet#getRange(String))`, () => {
    const { ss } = setup();
    ss.insertSheet('Mis citas').getRange('A1:B2').setValues([['a', 'b'], ['c', 'd']]);
    expect(ss.getRange("'Mis citas'!A1:B2").getValues()).toEqual([['a', 'b'], ['c', 'd']]);
    expect(ss.getRange("'Mis citas'!B2").getValue()).toBe('d');
    expect(thrown(() => ss.getRange("'Otra'!A1"))).toBe('Range not found');
  });

  test(`toast is recorded for the spreadsheet's UI (${REF}/spreadsheet#toast(String,String,Number))`, () => {
    const { ss, state, id } = setup();
    ss.toast('Se enviaron 3 recordatorios', 'Recordatorios', 5);
    expect(uiStore(state).messages).toEqual([
      { spreadsheetId: id, kind: 'toast', title: 'Recordatorios', message: 'Se enviaron 3 recordatorios', at: state.now() },
    ]);
  });
});

describe('Sheet', () => {
  test(`getRange forms and their bounds errors (${REF}/sheet#getRange(Integer,Integer,Integer,Integer))`, () => {
    const { sheet } = setup();
    expect(sheet.getRange(2, 3).getA1Notation()).toBe('C2');
    expect(sheet.getRange(2, 3, 4).getA1Notation()).toBe('C2:C5');
    expect(sheet.getRange(2, 3, 4, 2).getA1Notation()).toBe('C2:D5');
    expect(sheet.getRange('B2:D4').getNumRows()).toBe(3);
    expect(sheet.getRange('A:A').getNumRows()).toBe(1000);
    expect(sheet.getRange('A2:C').getNumRows()).toBe(999);
    expect(sheet.getRange('2:3').getNumColumns()).toBe(26);
    expect(thrown(() => sheet.getRange(1001, 1))).toBe('The coordinates of the range are outside the dimensions of the sheet.');
    expect(thrown(() => sheet.getRange(1, 27))).toBe('The coordinates of the range are outside the dimensions of the sheet.');
    expect(thrown(() => sheet.getRange(0, 1))).toBe('The starting row of the range is too small.');
    expect(thrown(() => sheet.getRange(1, 0))).toBe('The starting column of the range is too small.');
    expect(thrown(() => sheet.getRange(1, 1, 0))).toBe('The number of rows in the range must be at least 1.');
    expect(thrown(() => sheet.getRange('A1:??'))).toBe('Range not found');
  });

  test(`getRangeList acts on non-adjacent ranges in one call (${REF}/sheet#getRangeList(String), ${REF}/range-list)`, () => {
    const { sheet } = setup();
    sheet.getRange('A2:C2').setValues([['01234567', 'x', '987654321']]);
    const list = sheet.getRangeList(['A3:A5', 'C3:C5']);
    expect(list.getRanges().map((r) => r.getA1Notation())).toEqual(['A3:A5', 'C3:C5']);
    list.setNumberFormat('@');
    expect(sheet.getRange('A3:C3').getNumberFormats()).toEqual([['@', 'General', '@']]);
    sheet.getRange('A3:C3').setValues([['01234567', '007', '987654321']]);
    // '@' keeps the leading zeros; the column between, left automatic, makes a number of '007'.
    expect(sheet.getRange('A3:C3').getValues()).toEqual([['01234567', 7, '987654321']]);
    sheet.getRangeList(['A2', 'C2']).clearContent();
    expect(sheet.getRange('A2:C2').getValues()).toEqual([['', 'x', '']]);
    expect(thrown(() => sheet.getRangeList([]))).toMatch(/getRangeList/);
  });

  test(`appendRow writes after the last row with content and returns the sheet (${REF}/sheet#appendRow(Object))`, () => {
    const { sheet } = setup();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    const back = sheet.appendRow(['Código', 'DNI']).appendRow(['C-1', '12345678']);
    expect(back).toBe(sheet);
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getLastColumn()).toBe(2);
    expect(sheet.getDataRange().getValues()).toEqual([['Código', 'DNI'], ['C-1', 12345678]]);
    // A formatted but empty row does not count as data (getLastRow: "the last row that has content").
    sheet.getRange('A3:B10').setNumberFormat('@');
    expect(sheet.getLastRow()).toBe(2);
    sheet.appendRow(['C-2', '00123456']);
    expect(sheet.getRange('B3').getValue()).toBe('00123456');
  });

  test(`appendRow grows a full sheet; the new row keeps the formats of the row above (${REF}/sheet#appendRow(Object))`, () => {
    const { sheet } = setup({ rows: 2, columns: 2 });
    sheet.getRange('B1:B2').setNumberFormat('@');
    sheet.appendRow(['a', '001']).appendRow(['b', '002']).appendRow(['c', '003', 'extra']);
    expect(sheet.getMaxRows()).toBe(3);
    expect(sheet.getMaxColumns()).toBe(3);
    expect(sheet.getRange('A1:C3').getValues()).toEqual([
      ['a', '001', ''],
      ['b', '002', ''],
      ['c', '003', 'extra'],
    ]);
  });

  test(`getDataRange is A1 on an empty sheet and shrinks when content is cleared (${REF}/sheet#getDataRange())`, () => {
    const { sheet } = setup();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
    sheet.getRange('A1:C3').setValues([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    sheet.getRange('C1:C3').clearContent();
    sheet.getRange('A3:C3').clearContent();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B2');
  });

  test(`insertRowsAfter inherits formats and validation from the row above; deleteRows shifts rows up (${REF}/sheet#insertRowsAfter(Integer,Integer))`, () => {
    const { sheet, app } = setup();
    const rule = app.newDataValidation().requireValueInList(['Sí', 'No']).setAllowInvalid(false).build();
    sheet.getRange('A1:B1').setValues([['DNI', '¿Asistió?']]);
    sheet.getRange('A2').setNumberFormat('@');
    sheet.getRange('B2').setDataValidation(rule);
    sheet.getRange('A2:B2').setValues([['0123', 'Sí']]);
    sheet.insertRowsAfter(2, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    sheet.getRange('A3').setValue('0456');
    expect(sheet.getRange('A3').getValue()).toBe('0456');
    expect(thrown(() => sheet.getRange('B4').setValue('Tal vez'))).toContain('violates the data validation rules');
    sheet.getRange('A5').setValue('fin');
    sheet.deleteRows(3, 2);
    expect(sheet.getRange('A3').getValue()).toBe('fin');
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getMaxRows()).toBe(1000);
  });

  test('deleteRows errors: out of bounds, and all non-frozen rows (Apps Script messages)', () => {
    const { sheet } = setup({ rows: 3 });
    sheet.setFrozenRows(1);
    expect(thrown(() => sheet.deleteRows(3, 2))).toBe('Those rows are out of bounds.');
    expect(thrown(() => sheet.deleteRows(2, 2))).toBe('Sorry, it is not possible to delete all non-frozen rows.');
    sheet.deleteRow(3);
    expect(sheet.getMaxRows()).toBe(2);
  });

  test(`insert and delete columns move cells sideways (${REF}/sheet#insertColumnsAfter(Integer,Integer))`, () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.insertColumnAfter(1);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['a', '', 'b', 'c']]);
    expect(sheet.getLastColumn()).toBe(4);
    expect(sheet.getMaxColumns()).toBe(27);
    sheet.deleteColumns(1, 2);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['b', 'c']]);
    expect(sheet.getLastColumn()).toBe(2);
  });

  test(`frozen rows/columns, hiding, tab colour, column widths and activation (${REF}/sheet)`, () => {
    const { ss, sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
    expect(thrown(() => sheet.hideSheet())).toBe("You can't hide all the sheets in a document.");
    const other = ss.insertSheet('Otra');
    sheet.activate();
    expect(ss.getActiveSheet().getName()).toBe('Hoja 1');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    expect(ss.getActiveSheet().getName()).toBe('Otra');
    sheet.showSheet();
    expect(sheet.isSheetHidden()).toBe(false);
    other.setTabColor('#ff0000');
    expect(other.getTabColor()).toBe('#ff0000');
    sheet.setColumnWidths(1, 3, 180).autoResizeColumns(1, 3);
    expect([sheet.getColumnWidth(2), sheet.getColumnWidth(4)]).toEqual([180, 100]);
    expect(sheet.getParent().getId()).toBe(ss.getId());
  });

  test(`clear removes contents and formats; clearContents keeps formats (${REF}/sheet#clear())`, () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('@').setValue('007');
    sheet.clearContents();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getRange('A1').getNumberFormat()).toBe('@');
    sheet.getRange('A1').setValue('007');
    sheet.clear();
    expect(sheet.getRange('A1').getNumberFormat()).toBe('General');
    sheet.getRange('A1').setValue('007');
    expect(sheet.getRange('A1').getValue()).toBe(7);
  });

  test(`sort orders rows below the frozen header; blanks last (${REF}/sheet#sort(Integer,Boolean))`, () => {
    const { sheet } = setup();
    sheet.getRange('A1:B5').setValues([['Nombre', 'Edad'], ['Óscar', 30], ['ana', 25], ['Beto', 41], ['', '']]);
    sheet.getRange('A5:B5').setValues([['Zoila', '']]);
    sheet.setFrozenRows(1);
    sheet.sort(1);
    expect(sheet.getRange('A2:A5').getValues().flat()).toEqual(['ana', 'Beto', 'Óscar', 'Zoila']);
    sheet.sort(2, false);
    expect(sheet.getRange('B2:B5').getValues().flat()).toEqual([41, 30, 25, '']);
  });

  test(`protect records a sheet protection (${REF}/protection)`, () => {
    const { sheet, app } = setup();
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toEqual([]);
    sheet.protect().setDescription('Solo el sistema').setWarningOnly(true);
    const [p] = sheet.getProtections('SHEET');
    expect([p.getDescription(), p.isWarningOnly(), p.canEdit()]).toEqual(['Solo el sistema', true, true]);
    p.remove();
    expect(sheet.getProtections('SHEET')).toEqual([]);
  });
});

describe('Range values', () => {
  test(`getValues: Dates as Date, numbers as numbers, booleans, '' for empty cells (${REF}/range#getValues())`, () => {
    const { sheet } = setup();
    const when = new Date(Date.UTC(2026, 10, 27, 20, 30));
    sheet.getRange('A1:D1').setValues([[when, 3.5, true, null]]);
    const [[d, n, b, empty]] = sheet.getRange('A1:E1').getValues() as unknown[][];
    expect(d).toBeInstanceOf(Date);
    expect((d as Date).getTime()).toBe(when.getTime());
    expect([n, b, empty]).toEqual([3.5, true, '']);
    expect(sheet.getRange('E1').getValue()).toBe('');
    // Callers get copies: mutating a returned Date does not change the cell.
    (d as Date).setTime(0);
    expect((sheet.getRange('A1').getValue() as Date).getTime()).toBe(when.getTime());
  });

  test(`a string starting with "=" is a formula; its value is not computed (${REF}/range#setValue(Object), ${REF}/range#getFormula())`, () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').setValues([[1], [2]]);
    sheet.getRange('A3').setValue('=SUM(A1:A2)');
    expect(sheet.getRange('A3').getFormula()).toBe('=SUM(A1:A2)');
    // The emulator evaluates no formula: the value reads '' and getFormulas is the truth.
    expect(sheet.getRange('A3').getValue()).toBe('');
    expect(sheet.getRange('A1:A3').getFormulas()).toEqual([[''], [''], ['=SUM(A1:A2)']]);
    expect(sheet.getLastRow()).toBe(3);
    sheet.appendRow(['=A1*2', 'texto']);
    expect(sheet.getRange('A4:B4').getFormulas()).toEqual([['=A1*2', '']]);
    sheet.getRange('B1').setFormula('=HOY()');
    expect(sheet.getRange('B1').getFormula()).toBe('=HOY()');
    sheet.getRange('B1:B2').setFormulas([['=1'], ['']]);
    expect(sheet.getRange('B1:B2').getFormulas()).toEqual([['=1'], ['']]);
  });

  test('a value from the public starting with "+" or "-" also becomes a formula; "-5" stays a number (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption USER_ENTERED)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['+51 987 654 321', '-5', '- guion']]);
    expect(sheet.getRange('A1:C1').getFormulas()).toEqual([['=+51 987 654 321', '', '=- guion']]);
    expect(sheet.getRange('B1').getValue()).toBe(-5);
  });

  test(`a leading apostrophe stores literal text without the apostrophe (${REF}/range#setValue(Object))`, () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([["'=1+1", "'00123", "'+51 987"]]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['=1+1', '00123', '+51 987']]);
    expect(sheet.getRange('A1:C1').getFormulas()).toEqual([['', '', '']]);
  });

  test(`number-like strings lose leading zeros in automatic cells but not in "@" plain-text cells (${REF}/range#setNumberFormat(String))`, () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('00123');
    expect(sheet.getRange('A1').getValue()).toBe(123);
    sheet.getRange('B1:B3').setNumberFormat('@');
    sheet.getRange('B1:B3').setValues([['00123'], ['=1+1'], ["'x"]]);
    expect(sheet.getRange('B1:B3').getValues()).toEqual([['00123'], ['=1+1'], ["'x"]]);
    expect(sheet.getRange('B2').getFormula()).toBe('');
    // Formatting as text later changes later writes only, not values already there.
    sheet.getRange('A1').setNumberFormat('@');
    expect(sheet.getRange('A1').getValue()).toBe(123);
    sheet.getRange('A1').setValue('00123');
    expect(sheet.getRange('A1').getValue()).toBe('00123');
    expect(sheet.getRange('A1:B1').getNumberFormats()).toEqual([['@', '@']]);
  });

  test('es_PE reads "." as decimal and "," as thousands; percentages, booleans (developers.google.com/sheets/api/guides/formats)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:G1').setValues([['3.5', '1,234', '1,5', '50%', 'TRUE', 'falso', ' 42 ']]);
    expect(sheet.getRange('A1:G1').getValues()).toEqual([[3.5, 1234, '1,5', 0.5, true, false, 42]]);
    expect(sheet.getRange('B1').getNumberFormat()).toBe('#,##0');
    expect(sheet.getRange('D1').getDisplayValue()).toBe('50%');
  });

  test('date-like strings become Dates at midnight in the spreadsheet time zone (developers.google.com/sheets/api/guides/formats#about_date_time_values)', () => {
    const { sheet, state } = setup();
    sheet.getRange('A1:E1').setValues([['2026-11-27', '27/11/2026', '27/11/2026 15:30', '31/02/2026', '15:30']]);
    const [[iso, es, withTime, invalid, time]] = sheet.getRange('A1:E1').getValues() as unknown[][];
    expect((iso as Date).getTime()).toBe(LIMA_MIDNIGHT_27_NOV);
    expect((es as Date).getTime()).toBe(LIMA_MIDNIGHT_27_NOV);
    expect((withTime as Date).getTime()).toBe(Date.UTC(2026, 10, 27, 20, 30));
    expect(invalid).toBe('31/02/2026');
    expect(time).toBeInstanceOf(Date);
    expect(sheet.getRange('E1').getDisplayValue()).toBe('15:30:00');
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['27/11/2026', '27/11/2026', '27/11/2026 15:30:00']]);
    const en = setup({ locale: 'en_US', state });
    en.sheet.getRange('A1:B1').setValues([['11/27/2026', '27/11/2026']]);
    expect((en.sheet.getRange('A1').getValue() as Date).getTime()).toBe(LIMA_MIDNIGHT_27_NOV);
    expect(en.sheet.getRange('B1').getValue()).toBe('27/11/2026');
  });

  test(`setValues with the wrong shape throws Apps Script's messages (${REF}/range#setValues(Object))`, () => {
    const { sheet } = setup();
    const range = sheet.getRange(1, 1, 2, 3);
    expect(thrown(() => range.setValues([[1, 2, 3]]))).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(thrown(() => range.setValues([[1, 2, 3], [4, 5]]))).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(thrown(() => range.setValues('abc' as never))).toBe(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  test(`setValue on a block sets every cell; getValue reads the top-left one (${REF}/range#setValue(Object))`, () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue('pendiente');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([['pendiente', 'pendiente'], ['pendiente', 'pendiente']]);
    sheet.getRange('B2').setValue('listo');
    expect(sheet.getRange('B2:C3').getValue()).toBe('listo');
  });

  test(`range geometry: getRow/getColumn/getLastRow/getA1Notation/offset/getCell (${REF}/range#offset(Integer,Integer,Integer,Integer))`, () => {
    const { sheet } = setup();
    const r = sheet.getRange('B3:D7');
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns(), r.getLastRow(), r.getLastColumn()]).toEqual([3, 2, 5, 3, 7, 4]);
    expect(r.offset(1, 1).getA1Notation()).toBe('C4:E8');
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe('B3');
    expect(r.getCell(2, 3).getA1Notation()).toBe('D4');
    expect(r.getSheet().getName()).toBe('Hoja 1');
    expect(thrown(() => r.offset(-3, 0))).toBe('The starting row of the range is too small.');
    expect(r.setBackground('#eee').setFontWeight('bold').setWrap(true).setHorizontalAlignment('center')).toBe(r);
  });

  test(`getDisplayValues renders numbers and dates in the spreadsheet's locale and zone (${REF}/range#getDisplayValues())`, () => {
    const { sheet } = setup();
    const at = new Date(Date.UTC(2026, 10, 27, 20, 30)); // 15:30 in Lima
    sheet.getRange('A1:F1').setValues([[1234.5, at, true, 'texto', 0.125, 42]]);
    sheet.getRange('E1').setNumberFormat('0.0%');
    sheet.getRange('F1').setNumberFormat('#,##0.00');
    expect(sheet.getRange('A1:F1').getDisplayValues()).toEqual([['1234.5', '27/11/2026 15:30:00', 'VERDADERO', 'texto', '12.5%', '42.00']]);
    expect(sheet.getRange('B1').getNumberFormat()).toBe('dd/MM/yyyy HH:mm:ss');
    sheet.getRange('B1').setNumberFormat('dddd d "de" mmmm "de" yyyy, hh:mm');
    expect(sheet.getRange('B1').getDisplayValue()).toBe('viernes 27 de noviembre de 2026, 15:30');
    sheet.getRange('C1').setNumberFormat('"S/ "#,##0.00');
    sheet.getRange('C1').setValue(1500);
    expect(sheet.getRange('C1').getDisplayValue()).toBe('S/ 1,500.00');
    sheet.getRange('D1').setNumberFormat('@').setValue(123);
    expect(sheet.getRange('D1').getDisplayValue()).toBe('123');
  });

  test('numbers and dates share Sheets\' serial numbers: a number in a date-formatted cell shows as a date (developers.google.com/sheets/api/guides/formats#about_date_time_values)', () => {
    const { sheet } = setup();
    const serial = (Date.UTC(2026, 10, 27) - Date.UTC(1899, 11, 30)) / 86_400_000 + 0.5; // noon
    sheet.getRange('A1').setNumberFormat('dd/mm/yyyy hh:mm').setValue(serial);
    expect(sheet.getRange('A1').getValue()).toBe(serial);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('27/11/2026 12:00');
    sheet.getRange('B1').setValue(new Date(Date.UTC(2026, 10, 27, 17, 0))).setNumberFormat('0.00');
    expect(sheet.getRange('B1').getDisplayValue()).toBe(serial.toFixed(2));
  });

  test('en_US display uses month-first dates and TRUE/FALSE', () => {
    const { sheet } = setup({ locale: 'en_US' });
    sheet.getRange('A1:B1').setValues([[new Date(Date.UTC(2026, 10, 27, 20, 30)), false]]);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['11/27/2026 15:30:00', 'FALSE']]);
  });

  test(`setNumberFormats checks its shape; "General" means automatic (${REF}/range#setNumberFormats(Object))`, () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1').getNumberFormat()).toBe('General');
    sheet.getRange('A1:B1').setNumberFormats([['@', '0.00']]);
    expect(sheet.getRange('A1:B1').getNumberFormats()).toEqual([['@', '0.00']]);
    expect(thrown(() => sheet.getRange('A1:B1').setNumberFormats([['@']]))).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    sheet.getRange('A1').setNumberFormat('General');
    expect(sheet.getRange('A1').getNumberFormat()).toBe('General');
  });

  test(`checkboxes: insertCheckboxes writes false; check/uncheck/isChecked (${REF}/range#insertCheckboxes())`, () => {
    const { sheet } = setup();
    const r = sheet.getRange('C2:C3').insertCheckboxes();
    expect(r.getValues()).toEqual([[false], [false]]);
    expect(r.getDataValidation()!.getCriteriaType()).toBe('CHECKBOX');
    sheet.getRange('C2').check();
    expect(r.isChecked()).toBeNull();
    r.check();
    expect(r.isChecked()).toBe(true);
  });
});

describe('Data validation', () => {
  test(`the builder's rule reports its criteria; allowInvalid defaults to true (${REF}/data-validation-builder)`, () => {
    const { app } = setup();
    const builder = app.newDataValidation().requireValueInList(['Presencial', 'Virtual'], false);
    expect(builder.getAllowInvalid()).toBe(true);
    const rule = builder.setAllowInvalid(false).setHelpText('Elija una modalidad').build();
    expect(rule.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(rule.getCriteriaValues()).toEqual([['Presencial', 'Virtual'], false]);
    expect([rule.getAllowInvalid(), rule.getHelpText()]).toEqual([false, 'Elija una modalidad']);
    expect(app.newDataValidation().requireValueInList(['a']).build().getCriteriaValues()).toEqual([['a'], true]);
    expect(app.newDataValidation().requireNumberBetween(1, 5).build().getCriteriaValues()).toEqual([1, 5]);
    expect(app.newDataValidation().requireDate().build().getCriteriaType()).toBe('DATE_IS_VALID_DATE');
    expect(rule.copy().setAllowInvalid(true).build().getAllowInvalid()).toBe(true);
  });

  test(`a strict list rule rejects other values with Sheets' message, and the whole write is refused (${REF}/data-validation-builder#setAllowInvalid(Boolean))`, () => {
    const { app, sheet } = setup();
    const rule = app.newDataValidation().requireValueInList(['Pendiente', 'Atendida', 'Abandonada']).setAllowInvalid(false).build();
    sheet.getRange('C2:C10').setDataValidation(rule);
    sheet.getRange('C2').setValue('Atendida');
    expect(thrown(() => sheet.getRange('C3').setValue('Cancelada'))).toBe(
      'The data you entered in cell C3 violates the data validation rules set on this cell. Please enter one of the following values: Pendiente, Atendida, Abandonada.',
    );
    expect(thrown(() => sheet.getRange('B2:C3').setValues([['x', 'Pendiente'], ['y', 'Otra']]))).toContain('cell C3');
    expect(sheet.getRange('B2:C3').getValues()).toEqual([['', 'Atendida'], ['', '']]);
    sheet.getRange('C2').clearContent(); // clearing is always allowed
    expect(sheet.getRange('C2').getDataValidation()!.getCriteriaValues()[0]).toEqual(['Pendiente', 'Atendida', 'Abandonada']);
    expect(sheet.getRange('D2').getDataValidation()).toBeNull();
  });

  test('a lenient rule (allowInvalid true) accepts any value; other criteria reject what they should', () => {
    const { app, sheet } = setup();
    sheet.getRange('A1').setDataValidation(app.newDataValidation().requireValueInList(['Sí']).build());
    sheet.getRange('A1').setValue('Quizá');
    expect(sheet.getRange('A1').getValue()).toBe('Quizá');
    sheet.getRange('B1').setDataValidation(app.newDataValidation().requireCheckbox().setAllowInvalid(false).build());
    expect(thrown(() => sheet.getRange('B1').setValue('tal vez'))).toBe(
      'The data you entered in cell B1 violates the data validation rules set on this cell.',
    );
    sheet.getRange('B1').setValue('TRUE');
    expect(sheet.getRange('B1').getValue()).toBe(true);
    sheet.getRange('C1').setDataValidation(app.newDataValidation().requireNumberBetween(1, 5).setAllowInvalid(false).build());
    expect(thrown(() => sheet.getRange('C1').setValue(6))).toContain('cell C1');
    sheet.getRange('C1').setValue('4');
    sheet.getRange('D1').setDataValidation(app.newDataValidation().requireDate().setAllowInvalid(false).build());
    sheet.getRange('D1').setValue('27/11/2026');
    expect(thrown(() => sheet.getRange('D1').setValue('mañana'))).toContain('cell D1');
    sheet.getRange('A1').setDataValidation(null);
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
  });
});

describe('Ui', () => {
  const htmlOutput = (content: string, title: string, width?: number) => ({
    getContent: () => content,
    getTitle: () => title,
    getWidth: () => width,
    getHeight: () => undefined,
  });

  test('getUi from a time-driven or form-submit trigger throws (developers.google.com/apps-script/guides/dialogs)', () => {
    for (const trigger of ['time', 'formSubmit'] as const) {
      const { app } = setup({ trigger });
      expect(thrown(() => app.getUi())).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    expect(thrown(() => appFor(makeTestEnv()).getUi())).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  test('custom menus are recorded per spreadsheet; the next onOpen replaces them (developers.google.com/apps-script/guides/menus)', () => {
    const { state, id } = setup();
    const open = makeTestEnv({ state, containerId: id, trigger: 'simple' });
    const ui = appFor(open).getUi();
    const sub = ui.createMenu('Talleres').addItem('Nuevo módulo', 'nuevoModulo');
    ui.createMenu('SOE').addItem('Abrir panel', 'abrirPanel').addSeparator().addSubMenu(sub).addToUi();
    ui.createMenu('Ayuda').addItem('Guía', 'guia').addToUi();
    expect(uiStore(state).menus[id]).toEqual([
      {
        name: 'SOE',
        items: [
          { caption: 'Abrir panel', functionName: 'abrirPanel' },
          { separator: true },
          { caption: 'Nuevo módulo', functionName: 'nuevoModulo' },
        ],
      },
      { name: 'Ayuda', items: [{ caption: 'Guía', functionName: 'guia' }] },
    ]);
    const reopen = appFor(nextExecution(open, 'simple')).getUi();
    reopen.createMenu('SOE').addItem('Configurar', 'configurar').addToUi();
    expect(uiStore(state).menus[id]).toEqual([{ name: 'SOE', items: [{ caption: 'Configurar', functionName: 'configurar' }] }]);
  });

  test('showSidebar and dialogs record the HtmlOutput content, title and size (developers.google.com/apps-script/reference/base/ui#showSidebar(Object))', () => {
    const { app, state, id } = setup({ trigger: 'menu' });
    const ui = app.getUi();
    ui.showSidebar(htmlOutput('<p>Citas de hoy</p>', 'SOE', 300));
    ui.showModalDialog(htmlOutput('<p>¿Confirmar?</p>', 'ignorado'), 'Confirmación');
    const [side, modal] = uiStore(state).surfaces;
    expect(side).toMatchObject({ spreadsheetId: id, kind: 'sidebar', title: 'SOE', html: '<p>Citas de hoy</p>', width: 300, user: USER });
    expect(modal).toMatchObject({ kind: 'modal', title: 'Confirmación', html: '<p>¿Confirmar?</p>' });
    expect(thrown(() => ui.showSidebar('<p>x</p>'))).toBe('Invalid argument: userInterface');
  });

  test('sidebars need the container-UI scope: not from a simple onOpen, not when the manifest leaves it out (developers.google.com/apps-script/concepts/scopes)', () => {
    const html = htmlOutput('<p>x</p>', 'SOE');
    const simple = setup({ trigger: 'simple' });
    expect(thrown(() => simple.app.getUi().showSidebar(html))).toBe(
      'You do not have permission to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    );
    const narrow = setup({ trigger: 'menu', scopes: ['https://www.googleapis.com/auth/spreadsheets'] });
    expect(thrown(() => narrow.app.getUi().showModalDialog(html, 'T'))).toContain('Ui.showModalDialog');
    const listed = setup({ trigger: 'menu', scopes: ['https://www.googleapis.com/auth/script.container.ui'] });
    listed.app.getUi().showSidebar(html);
    expect(uiStore(listed.state).surfaces).toHaveLength(1);
  });

  test('alert records the message and returns the confirming button (developers.google.com/apps-script/reference/base/ui#alert(String,String,ButtonSet))', () => {
    const { app, state } = setup();
    const ui = app.getUi();
    expect(ui.alert('Configuración completa')).toBe(ui.Button.OK);
    expect(ui.alert('Enviar', '¿Enviar 20 correos?', ui.ButtonSet.YES_NO)).toBe('YES');
    expect(uiStore(state).messages.map((m) => [m.kind, m.title, m.message])).toEqual([
      ['alert', undefined, 'Configuración completa'],
      ['alert', 'Enviar', '¿Enviar 20 correos?'],
    ]);
  });
});

describe('Form responses (host API used by the Forms service)', () => {
  test('ensureFormResponseSheet creates "Respuestas de formulario N" first, with a frozen header; idempotent per form (developers.google.com/apps-script/reference/forms/form#setDestination(DestinationType,String))', () => {
    const { state, id, ss } = setup();
    const store = sheetsStore(state);
    const name = store.ensureFormResponseSheet(id, 'form-1', ['DNI', 'Correo']);
    expect(name).toBe('Respuestas de formulario 1');
    expect(store.sheetNames(id)).toEqual(['Respuestas de formulario 1', 'Hoja 1']);
    expect(store.readValues(id, name)).toEqual([['Marca temporal', 'DNI', 'Correo']]);
    expect(ss.getSheetByName(name)!.getFrozenRows()).toBe(1);
    expect(store.ensureFormResponseSheet(id, 'form-1', ['DNI', 'Correo'])).toBe(name);
    expect(store.sheetNames(id)).toHaveLength(2);
    // A new question adds a column at the end; the old ones keep their place.
    store.ensureFormResponseSheet(id, 'form-1', ['Celular', 'DNI', 'Correo']);
    expect(store.readValues(id, name)).toEqual([['Marca temporal', 'DNI', 'Correo', 'Celular']]);
    expect(store.ensureFormResponseSheet(id, 'form-2', ['Pregunta'])).toBe('Respuestas de formulario 2');
    expect(ss.getSheetByName(name)!.getFormUrl()).toBe('https://docs.google.com/forms/d/form-1/viewform');
    const en = setup({ locale: 'en_US', state });
    expect(store.ensureFormResponseSheet(en.id, 'form-3', ['Q'])).toBe('Form Responses 1');
    expect(store.readValues(en.id, 'Form Responses 1')).toEqual([['Timestamp', 'Q']]);
  });

  test('appendFormResponse writes answers as data: timestamps as Dates, no formulas, text columns keep zeros', () => {
    const { state, id, ss } = setup();
    const store = sheetsStore(state);
    const name = store.ensureFormResponseSheet(id, 'form-1', ['DNI', 'Nombre', 'Temas']);
    ss.getSheetByName(name)!.getRange('B2:B').setNumberFormat('@');
    const ts = new Date(Date.UTC(2026, 10, 27, 20, 30));
    expect(store.appendFormResponse(id, 'form-1', [ts, '00123456', '=HYPERLINK("x")', ['Ventas', 'Costos']])).toEqual({ sheetName: name, row: 2 });
    store.ensureFormResponseSheet(id, 'form-1', ['Celular', 'DNI', 'Nombre', 'Temas']);
    expect(store.appendFormResponse(id, 'form-1', [ts, '987654321', '07654321', 'Ana', 'Ventas'])).toEqual({ sheetName: name, row: 3 });
    const values = store.readValues(id, name);
    expect(values[1]).toEqual([ts, '00123456', '=HYPERLINK("x")', 'Ventas, Costos', '']);
    expect(values[2]).toEqual([ts, '07654321', 'Ana', 'Ventas', 987654321]);
    expect(store.readFormulas(id, name)[1][2]).toBe('');
    expect(store.readDisplayValues(id, name)[1][0]).toBe('27/11/2026 15:30:00');
    expect(store.readNumberFormats(id, name)[1].slice(0, 2)).toEqual(['dd/MM/yyyy HH:mm:ss', '@']);
    expect(() => store.appendFormResponse(id, 'unknown-form', [ts])).toThrow('form unknown-form has no response sheet');
  });

  test('a person typing in the browser UI gets the same reading and validation as setValues; sheetsInfo lists the tabs', () => {
    const { state, id, app, sheet } = setup();
    const store = sheetsStore(state);
    sheet.getRange('B2').setDataValidation(app.newDataValidation().requireValueInList(['Sí', 'No']).setAllowInvalid(false).build());
    store.enterValues(id, 'Hoja 1', 2, 1, [['00042', 'Sí', '=A2']]);
    expect(store.readValues(id, 'Hoja 1')).toEqual([['', '', ''], [42, 'Sí', '']]);
    expect(() => store.enterValues(id, 'Hoja 1', 2, 2, [['Quizá']])).toThrow('violates the data validation rules');
    expect(() => store.enterValues(id, 'Hoja 1', 1001, 1, [['x']])).toThrow('outside the dimensions of the sheet');
    expect(store.sheetsInfo(id)).toEqual([
      { name: 'Hoja 1', sheetId: 0, hidden: false, frozenRows: 0, frozenColumns: 0, maxRows: 1000, maxColumns: 26, lastRow: 2, lastColumn: 3 },
    ]);
  });

  test('_rangeFor and _spreadsheet give the runtime the objects of a form-submit event (developers.google.com/apps-script/guides/triggers/events#form-submit)', () => {
    const { state, id, app } = setup({ trigger: 'formSubmit' });
    const store = sheetsStore(state);
    const name = store.ensureFormResponseSheet(id, 'form-1', ['DNI', 'Nombre']);
    const { row } = store.appendFormResponse(id, 'form-1', [new Date(state.now()), '12345678', 'Ana']);
    const range = app._rangeFor(id, name, row, 3) as Range;
    expect(range.getA1Notation()).toBe('A2:C2');
    expect(range.getValues()[0].slice(1)).toEqual([12345678, 'Ana']);
    expect(range.getSheet().getName()).toBe(name);
    expect(app._spreadsheet(id).getId()).toBe(id);
  });
});

describe('Persistence and scale', () => {
  test('the store survives a JSON round trip: values, dates, formulas, formats, rules, form links', () => {
    const { state, id, app, sheet, ss } = setup();
    const rule = app.newDataValidation().requireValueInList(['Sí', 'No']).setAllowInvalid(false).build();
    sheet.setName('Citas');
    sheet.setFrozenRows(1);
    sheet.getRange('A1:D1').setValues([['DNI', 'Fecha', 'Total', 'Asistió']]);
    sheet.getRange('A2:A').setNumberFormat('@');
    sheet.getRange('D2:D5').setDataValidation(rule);
    sheet.getRange('A2:D2').setValues([['00123456', '27/11/2026', 2, 'Sí']]);
    sheet.getRange('C3').setFormula('=SUM(C2)');
    sheet.getRange('B4').setValue("'texto");
    sheetsStore(state).ensureFormResponseSheet(id, 'form-1', ['P1']);
    sheetsStore(state).appendFormResponse(id, 'form-1', [new Date(state.now()), 'r1']);

    const revived = WorkspaceState.fromJSON(JSON.parse(JSON.stringify(state.toJSON())));
    const store = sheetsStore(revived);
    expect(store.readValues(id, 'Citas')).toEqual(sheetsStore(state).readValues(id, 'Citas'));
    expect(store.readFormulas(id, 'Citas')).toEqual(sheetsStore(state).readFormulas(id, 'Citas'));
    expect(store.readNumberFormats(id, 'Citas')).toEqual(sheetsStore(state).readNumberFormats(id, 'Citas'));
    expect(store.readValues(id, 'Citas')[1][1]).toBeInstanceOf(Date);
    expect(store.sheetNames(id)).toEqual(ss.getSheets().map((s) => s.getName()));

    const env2 = makeTestEnv({ state: revived, containerId: id });
    const again = appFor(env2).getActiveSpreadsheet()!.getSheetByName('Citas')! as Sheet;
    expect(again.getFrozenRows()).toBe(1);
    expect(again.getLastRow()).toBe(4);
    expect(thrown(() => again.getRange('D3').setValue('Tal vez'))).toContain('Please enter one of the following values: Sí, No.');
    again.getRange('A3').setValue('0999');
    expect(again.getRange('A3').getValue()).toBe('0999');
    expect(store.appendFormResponse(id, 'form-1', [new Date(revived.now()), 'r2']).row).toBe(3);
  });

  test('5,000-row sheets: appendRow one by one, block writes and reads stay linear (benchmarks read whole tabs)', () => {
    const { sheet } = setup();
    const started = performance.now();
    sheet.appendRow(['ID', 'DNI', 'Nombre', 'Fecha', 'Estado']);
    for (let i = 1; i <= 5000; i++) sheet.appendRow([`C-${i}`, `${10000000 + i}`, `Persona ${i}`, new Date(Date.UTC(2026, 0, 1 + (i % 300))), 'Pendiente']);
    expect(sheet.getLastRow()).toBe(5001);
    expect(sheet.getMaxRows()).toBe(5001);
    const block = Array.from({ length: 5000 }, (_, i) => Array.from({ length: 20 }, (_, j) => (j === 0 ? `fila ${i}` : i * j)));
    sheet.getRange(2, 6, 5000, 20).setValues(block);
    const all = sheet.getDataRange().getValues();
    expect(all).toHaveLength(5001);
    expect(all[5000][5]).toBe('fila 4999');
    expect(sheet.getDataRange().getDisplayValues()[5000][24]).toBe(String(4999 * 19));
    for (let i = 0; i < 2000; i++) sheet.getLastRow();
    // Quadratic work at this size takes minutes; linear work takes well under a second.
    expect(performance.now() - started).toBeLessThan(8000);
  });
});
