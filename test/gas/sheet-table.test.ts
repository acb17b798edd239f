/**
 * The SheetTable adapter against the emulated Sheets service (called from the host, as the
 * emulator's own service tests do): one read per execution, only changed cells written, in few
 * calls, nothing a person typed or computed in their own columns overwritten, no value ever
 * turned into a formula, and IDs kept as text when rows are appended.
 */
import { WorkspaceState } from '../../emulator/core/state';
import { install, sheetsStore, type SpreadsheetAppService } from '../../emulator/services/sheets';
import { Range } from '../../emulator/services/sheets/range';
import { Sheet } from '../../emulator/services/sheets/sheet';
import { makeTestEnv } from '../../emulator/testing';
import { APPOINTMENTS_TAB, AUDIT_TAB } from '../../src/domain/schema';
import { MissingColumnError } from '../../src/domain/table';
import { LOG_GROWTH_ROWS, SheetTable } from '../../src/gas/sheet-table';

type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;

function world() {
  const state = new WorkspaceState({ now: Date.UTC(2026, 10, 27, 14, 0), seed: 5, account: 'workspace', user: 'ana@trabajo.gob.pe' });
  const store = sheetsStore(state);
  const id = store.createSpreadsheet('Atenciones Virtuales – Centro de Empleo', 'ana@trabajo.gob.pe');
  const env = makeTestEnv({ state, containerId: id, manifest: { timeZone: 'America/Lima' } });
  const app = install(env).SpreadsheetApp as SpreadsheetAppService;
  const ss = app.getActiveSpreadsheet()!;
  const sheet = ss.getSheets()[0];
  sheet.setName('Citas');
  const table = () => new SheetTable(APPOINTMENTS_TAB, () => sheet as unknown as GasSheet);
  return { store, id, sheet, table };
}

/** A small register as a person keeps it: columns in their own order, plus a formula column of theirs. */
function seed(w: ReturnType<typeof world>, rows = 4) {
  w.store.enterValues(w.id, 'Citas', 1, 1, [['ID de cita', 'Estado', 'Mi cálculo', 'Observaciones', 'Recordatorio', 'DNI', 'Nombres y apellidos']]);
  w.sheet.getRange(2, 1, 999, 1).setNumberFormat('@');
  w.sheet.getRange(2, 6, 999, 1).setNumberFormat('@');
  for (let i = 1; i <= rows; i++) {
    w.store.enterValues(w.id, 'Citas', i + 1, 1, [[`AV-${i}`, 'Programada', `=LEN(A${i + 1})`, '', '', `0000000${i}`, `Persona ${i}`]]);
  }
}

let setValues: jest.SpyInstance;
let getDataRange: jest.SpyInstance;
beforeEach(() => {
  setValues = jest.spyOn(Range.prototype, 'setValues');
  getDataRange = jest.spyOn(Sheet.prototype, 'getDataRange');
});
afterEach(() => jest.restoreAllMocks());

test('reads the tab once however often a use case asks', () => {
  const w = world();
  seed(w);
  const t = w.table();
  const first = t.read();
  t.read();
  t.read();
  expect(getDataRange).toHaveBeenCalledTimes(1);
  expect(first.rows).toHaveLength(4);
  expect(first.byId.get('AV-3')!.record.dni).toBe('00000003');
  expect(first.missingColumns).toContain('Correo');
});

test("an update writes only the changed cells; a person's formula column is left alone", () => {
  const w = world();
  seed(w);
  const t = w.table();
  const r = t.update([{ id: 'AV-2', fields: { status: 'Atendida', observations: 'Consultó sobre RUC' } }]);
  expect(r).toEqual({ updated: ['AV-2'], notFound: [], writes: 2 });
  const formulas = w.store.readFormulas(w.id, 'Citas');
  expect(formulas.slice(1).map((row) => row[2])).toEqual(['=LEN(A2)', '=LEN(A3)', '=LEN(A4)', '=LEN(A5)']);
  const values = w.store.readValues(w.id, 'Citas');
  expect(values[2].slice(0, 2)).toEqual(['AV-2', 'Atendida']);
  expect(values[2][3]).toBe('Consultó sobre RUC');
  expect(values[1][1]).toBe('Programada');
});

test('adjacent rows changed together are one write; the number of writes does not grow with the tab', () => {
  const w = world();
  seed(w, 60);
  const t = w.table();
  t.read();
  setValues.mockClear();
  const r = t.update(
    Array.from({ length: 30 }, (_, k) => ({ id: `AV-${k + 11}`, fields: { reminderStatus: 'enviado' } })),
  );
  expect(r.writes).toBe(1);
  expect(setValues).toHaveBeenCalledTimes(1);
  expect(w.store.readValues(w.id, 'Citas').slice(11, 41).every((row) => row[4] === 'enviado')).toBe(true);
});

test('values from the public never become formulas, also when written back', () => {
  const w = world();
  seed(w);
  const t = w.table();
  t.update([{ id: 'AV-1', fields: { fullName: '=HYPERLINK("http://malo.example","clic")', observations: '+51 987 654 321' } }]);
  const values = w.store.readValues(w.id, 'Citas');
  const formulas = w.store.readFormulas(w.id, 'Citas');
  expect(values[1][6]).toBe('=HYPERLINK("http://malo.example","clic")');
  expect(formulas[1][6]).toBe('');
  expect(values[1][3]).toBe('+51 987 654 321');
  // Those cells had lost their '@' (the seed formats only ID and DNI): they were made text first.
  expect(w.store.readNumberFormats(w.id, 'Citas')[1][6]).toBe('@');
  // A dropdown column is not plain text: the value goes in with Sheets' apostrophe, and reads back as typed.
  t.update([{ id: 'AV-2', fields: { status: '=1+1' } }]);
  expect(w.store.readValues(w.id, 'Citas')[2][1]).toBe('=1+1');
  expect(w.store.readFormulas(w.id, 'Citas')[2][1]).toBe('');
  // A later execution changes the same row: what it read back is written as text again.
  const again = w.table();
  again.update([{ id: 'AV-1', fields: { status: 'Atendida', fullName: again.read().byId.get('AV-1')!.record.fullName as string } }]);
  expect(w.store.readFormulas(w.id, 'Citas')[1][6]).toBe('');
});

test('unknown IDs are reported, not guessed; a field without a column is refused in Spanish', () => {
  const w = world();
  seed(w);
  const t = w.table();
  expect(t.update([{ id: 'AV-99', fields: { status: 'Atendida' } }])).toEqual({ updated: [], notFound: ['AV-99'], writes: 0 });
  expect(() => t.update([{ id: 'AV-1', fields: { meetUrl: 'https://meet.google.com/abc-defg-hij' } }])).toThrow(MissingColumnError);
  expect(() => t.update([{ id: 'AV-1', fields: { meetUrl: 'x' } }])).toThrow(/Configurar esta hoja/);
});

test('appended rows keep DNIs as text even where a person reset the format, in one write', () => {
  const w = world();
  seed(w, 2);
  w.sheet.getRange(2, 6, 999, 1).setNumberFormat('0'); // someone pasted numbers over the DNI column
  const t = w.table();
  t.read();
  setValues.mockClear();
  t.append([
    { id: 'AV-10', status: 'Programada', dni: '01234567', fullName: "María O'Brien Ñahui" },
    { id: 'AV-11', status: 'Programada', dni: '00123456', fullName: '@malicioso' },
  ]);
  expect(setValues).toHaveBeenCalledTimes(1);
  const values = w.store.readValues(w.id, 'Citas');
  expect(values[3].slice(0, 2)).toEqual(['AV-10', 'Programada']);
  expect(values[3][5]).toBe('01234567');
  expect(values[4][5]).toBe('00123456');
  expect(values[3][6]).toBe("María O'Brien Ñahui");
  expect(values[4][6]).toBe('@malicioso');
  expect(w.store.readFormulas(w.id, 'Citas')[3][2]).toBe(''); // the new row's formula column stays empty
  expect(t.read().byId.get('AV-11')!.rowNumber).toBe(5);
});

test('appending past the last row of the sheet grows it', () => {
  const w = world();
  seed(w, 1);
  const info = () => w.store.sheetsInfo(w.id)[0];
  w.sheet.deleteRows(3, info().maxRows - 2); // a sheet with only the header and one row
  w.table().append([{ id: 'AV-2', dni: '01234567' }, { id: 'AV-3', dni: '07654321' }]);
  expect(info().maxRows).toBe(4);
  expect(w.store.readValues(w.id, 'Citas').map((r) => r[5])).toEqual(['DNI', '00000001', '01234567', '07654321']);
});

test('an append-only log is appended to without reading it whole', () => {
  const w = world();
  w.sheet.setName('Registro de auditoría');
  w.store.enterValues(w.id, 'Registro de auditoría', 1, 1, [AUDIT_TAB.columns.map((c) => c.header)]);
  const log = new SheetTable(AUDIT_TAB, () => w.sheet as unknown as GasSheet);
  const at = new Date(Date.UTC(2026, 10, 27, 14, 5));
  log.append([{ at, action: 'Pestaña creada', target: 'Citas', result: 'Correcto', detail: '-', execution: 'Panel' }]);
  log.append([{ at, action: 'Recordatorio enviado', target: 'ana@example.org', result: 'Correcto', detail: '', execution: 'Activador diario' }]);
  expect(getDataRange).not.toHaveBeenCalled();
  const rows = w.store.readValues(w.id, 'Registro de auditoría');
  expect(rows).toHaveLength(3);
  expect((rows[1][0] as Date).getTime()).toBe(at.getTime());
  expect(rows[1][4]).toBe('-');
  expect(rows[2][1]).toBe('Recordatorio enviado');
});

describe('the audit log trusts the formats setup gave its rows only for values Sheets keeps as typed', () => {
  const auditWorld = () => {
    const w = world();
    w.sheet.setName('Registro de auditoría');
    w.store.enterValues(w.id, 'Registro de auditoría', 1, 1, [AUDIT_TAB.columns.map((c) => c.header)]);
    w.sheet.getRange(2, 2, 999, 5).setNumberFormat('@'); // as setup formats the text columns
    const log = new SheetTable(AUDIT_TAB, () => w.sheet as unknown as GasSheet);
    const formats = jest.spyOn(Range.prototype, 'setNumberFormat');
    return { w, log, formats };
  };
  const at = new Date(Date.UTC(2026, 10, 27, 14, 5));

  test('a line of words and codes that start with a letter is written in one call, no format call', () => {
    const { w, log, formats } = auditWorld();
    log.append([{ at, action: 'Atención iniciada', target: 'AV-0001', result: 'Correcto', detail: 'Se envió a ana@example.org.', execution: 'Panel · ana@trabajo.gob.pe' }]);
    expect(formats).not.toHaveBeenCalled();
    expect(w.store.readValues(w.id, 'Registro de auditoría')[1].slice(1, 3)).toEqual(['Atención iniciada', 'AV-0001']);
  });

  test.each([['01234567'], ['=HYPERLINK("http://x")'], ['+51 987 654 321'], ['nov 27'], ['TRUE']])(
    '%s is made text first, even where a person reset the format',
    (target) => {
      const { w, log, formats } = auditWorld();
      w.sheet.getRange(2, 3, 999, 1).setNumberFormat('0');
      formats.mockClear();
      log.append([{ at, action: 'Cita importada', target, result: 'Correcto', detail: '', execution: 'Panel' }]);
      expect(formats).toHaveBeenCalledTimes(1);
      expect(w.store.readValues(w.id, 'Registro de auditoría')[1][2]).toBe(target);
      expect(w.store.readFormulas(w.id, 'Registro de auditoría')[1][2]).toBe('');
    },
  );

  test('rows the sheet grows by are formatted', () => {
    const { w, log, formats } = auditWorld();
    w.sheet.deleteRows(3, w.store.sheetsInfo(w.id)[0].maxRows - 2);
    formats.mockClear();
    log.append([{ at, action: 'Atención iniciada', target: 'AV-1', result: 'Correcto', detail: '', execution: 'Panel' }, { at, action: 'Atención finalizada', target: 'AV-1', result: 'Correcto', detail: '', execution: 'Panel' }]);
    expect(formats).toHaveBeenCalledTimes(1);
  });

  test('a full log grows with room to spare: the next lines neither grow it nor format their rows', () => {
    const { w, log, formats } = auditWorld();
    const info = () => w.store.sheetsInfo(w.id)[0];
    w.sheet.deleteRows(3, info().maxRows - 2); // full: the header and one line
    w.store.enterValues(w.id, 'Registro de auditoría', 2, 1, [[at, 'Pestaña creada', 'Citas', 'Correcto', '-', 'Panel']]);
    const grow = jest.spyOn(Sheet.prototype, 'insertRowsAfter');
    formats.mockClear();
    log.append([{ at, action: 'Atención iniciada', target: 'AV-1', result: 'Correcto', detail: '', execution: 'Panel' }]);
    expect(grow).toHaveBeenCalledTimes(1);
    expect(info().maxRows).toBe(2 + LOG_GROWTH_ROWS);
    expect(formats).toHaveBeenCalledTimes(1);
    for (let i = 2; i <= 5; i++) log.append([{ at, action: 'Atención finalizada', target: `AV-${i}`, result: 'Correcto', detail: '', execution: 'Panel' }]);
    expect(grow).toHaveBeenCalledTimes(1);
    expect(formats).toHaveBeenCalledTimes(1);
    expect(w.store.readValues(w.id, 'Registro de auditoría').slice(1).map((r) => r[2])).toEqual(['Citas', 'AV-1', 'AV-2', 'AV-3', 'AV-4', 'AV-5']);
  });
});

test("mode 'row': one write per row across the schema's columns, never over a person's own column", () => {
  const w = world();
  seed(w);
  // A person typed an observation after this execution's first look: 'row' reads again before writing.
  const t = w.table();
  t.read();
  w.store.enterValues(w.id, 'Citas', 3, 4, [['Llamó antes']]);
  setValues.mockClear();
  // 'Estado' (col 2) and 'Recordatorio' (col 5) change; 'Observaciones' (col 4) lies between them,
  // and so does 'Mi cálculo' (col 3), a column the schema does not know, holding a formula.
  const r = t.update([{ id: 'AV-2', fields: { status: 'Atendida', reminderStatus: 'enviado' } }], { mode: 'row' });
  expect(r.writes).toBe(2); // split around 'Mi cálculo': B3, then D3:E3
  expect(w.store.readFormulas(w.id, 'Citas')[2][2]).toBe('=LEN(A3)');
  const row = w.store.readValues(w.id, 'Citas')[2];
  expect([row[1], row[3], row[4]]).toEqual(['Atendida', 'Llamó antes', 'enviado']);

  // Without the unknown column in the way, the whole change is one setValues.
  w.sheet.deleteColumn(3);
  const again = w.table();
  setValues.mockClear();
  expect(again.update([{ id: 'AV-3', fields: { status: 'Abandonada', reminderStatus: 'enviado' } }], { mode: 'row' }).writes).toBe(1);
  expect(setValues).toHaveBeenCalledTimes(1);
  expect(w.store.readValues(w.id, 'Citas')[3].slice(1, 4)).toEqual(['Abandonada', '', 'enviado']);
});
