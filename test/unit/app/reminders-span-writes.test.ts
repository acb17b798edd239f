/**
 * The 'span' write the reminders run uses: its outcomes touch a few system columns of rows spread
 * all over 'Citas', and writing one block per changed row would make its Sheets calls grow with
 * the appointments. A span writes one rectangle per run of changed columns, from the first to the
 * last changed row, re-writing the rows in between with their current values — only ever over
 * the schema's system columns.
 */
import { WorkspaceState } from '../../../emulator/core/state';
import { install, sheetsStore, type SpreadsheetAppService } from '../../../emulator/services/sheets';
import { Range } from '../../../emulator/services/sheets/range';
import { makeTestEnv } from '../../../emulator/testing';
import { APPOINTMENTS_TAB } from '../../../src/domain/schema';
import { planSpanWrites, planWrites, type CellValue } from '../../../src/domain/table';
import { SheetTable } from '../../../src/gas/sheet-table';

describe('planSpanWrites', () => {
  const before: CellValue[][] = [
    ['A', 'x', '', ''],
    ['B', 'y', '', ''],
    ['C', 'z', '', ''],
    ['D', 'w', '', ''],
  ];
  const system = (c: number) => c >= 2; // columns 2 and 3 belong to the system

  test('scattered rows, system columns: one rectangle from the first to the last changed row', () => {
    const after = before.map((r) => [...r]);
    after[0][2] = 'enviado';
    after[0][3] = 'https://meet.google.com/a';
    after[3][2] = 'enviado';
    const blocks = planSpanWrites(before, after, { firstRow: 2, mayRewrite: system });
    expect(blocks).toEqual([
      {
        row: 2,
        column: 3,
        values: [
          ['enviado', 'https://meet.google.com/a'],
          ['', ''],
          ['', ''],
          ['enviado', ''],
        ],
      },
    ]);
    // The row-by-row plan would need one write per changed row.
    expect(planWrites(before, after, { firstRow: 2, mayRewrite: system })).toHaveLength(2);
  });

  test("a person's column is never rewritten: a span holding one falls back to the changed rows", () => {
    const after = before.map((r) => [...r]);
    after[0][1] = 'nota 1';
    after[3][1] = 'nota 4';
    after[3][3] = 'sistema';
    const blocks = planSpanWrites(before, after, { firstRow: 2, mayRewrite: system });
    expect(blocks).toEqual([
      { row: 2, column: 4, values: [[''], [''], [''], ['sistema']] },
      { row: 2, column: 2, values: [['nota 1']] },
      { row: 5, column: 2, values: [['nota 4']] },
    ]);
  });

  test('nothing changed, nothing written', () => {
    expect(planSpanWrites(before, before, { firstRow: 2, mayRewrite: system })).toEqual([]);
  });
});

describe("SheetTable's span mode on the emulated Sheets service", () => {
  function world(rows: number) {
    const state = new WorkspaceState({ now: Date.UTC(2026, 10, 27, 23, 0), seed: 3, account: 'workspace', user: 'ana@trabajo.gob.pe' });
    const store = sheetsStore(state);
    const id = store.createSpreadsheet('Atenciones Virtuales – Centro de Empleo', 'ana@trabajo.gob.pe');
    const env = makeTestEnv({ state, containerId: id, manifest: { timeZone: 'America/Lima' } });
    const app = install(env).SpreadsheetApp as SpreadsheetAppService;
    const sheet = app.getActiveSpreadsheet()!.getSheets()[0];
    sheet.setName('Citas');
    // A person's layout: their own formula column between the system ones.
    store.enterValues(id, 'Citas', 1, 1, [['ID de cita', 'Estado', 'Recordatorio', 'ID evento', 'Mi cálculo', 'Enlace Meet', 'Notas']]);
    for (let i = 1; i <= rows; i++) store.enterValues(id, 'Citas', i + 1, 1, [[`AV-${i}`, 'Programada', '', '', `=LEN(A${i + 1})`, '', '']]);
    const table = () => new SheetTable(APPOINTMENTS_TAB, () => sheet as unknown as GoogleAppsScript.Spreadsheet.Sheet);
    return { store, id, table };
  }

  test('the writes do not grow with the rows changed, and nobody else’s cells are lost', () => {
    const setValues = jest.spyOn(Range.prototype, 'setValues');
    try {
      for (const n of [10, 300]) {
        const w = world(n);
        const t = w.table();
        t.read();
        // While the job worked: a person typed a note and the panel set a row's state.
        w.store.enterValues(w.id, 'Citas', 4, 3, [['enviando']]);
        w.store.enterValues(w.id, 'Citas', 5, 7, [['llamar luego']]);
        setValues.mockClear();
        const fresh = t.read({ fresh: true });
        expect(fresh.byId.get('AV-3')!.record.reminderStatus).toBe('enviando');
        const ids = Array.from({ length: n }, (_, i) => `AV-${i + 1}`).filter((_, i) => i % 2 === 0 && i !== 2);
        const r = t.update(
          ids.map((id) => ({ id, fields: { reminderStatus: 'enviado', eventId: `ev${id}`, meetUrl: `https://meet.google.com/${id}` } })),
          { mode: 'span' },
        );
        // 'Recordatorio'+'ID evento' and 'Enlace Meet', split by the person's formula column.
        expect(setValues).toHaveBeenCalledTimes(2);
        expect(r.writes).toBe(2);
        expect(r.updated).toHaveLength(ids.length);
        const values = w.store.readValues(w.id, 'Citas');
        expect(values[1]).toEqual(['AV-1', 'Programada', 'enviado', 'evAV-1', expect.anything(), 'https://meet.google.com/AV-1', '']);
        expect(values[2].slice(2, 4)).toEqual(['', '']);
        expect(values[3][2]).toBe('enviando'); // written meanwhile, kept
        expect(values[4][6]).toBe('llamar luego');
        expect(w.store.readFormulas(w.id, 'Citas')[5][4]).toBe('=LEN(A6)'); // the person's formulas stay formulas
      }
    } finally {
      setValues.mockRestore();
    }
  });

  test('a span without a fresh read reads the tab again first', () => {
    const w = world(5);
    const t = w.table();
    t.read();
    w.store.enterValues(w.id, 'Citas', 3, 3, [['error']]); // after our read
    t.update([{ id: 'AV-1', fields: { reminderStatus: 'enviado' } }, { id: 'AV-4', fields: { reminderStatus: 'enviado' } }], { mode: 'span' });
    expect(w.store.readValues(w.id, 'Citas').map((r) => r[2])).toEqual(['Recordatorio', 'enviado', 'error', '', 'enviado', '']);
  });
});
