/**
 * Rows as records and the write plan: a change reaches the right cell of the right row whatever
 * the column order, and only changed blocks are written — never a person's other rows or
 * columns, and never one call per cell.
 */
import { APPOINTMENTS_TAB, AUDIT_TAB, resolveColumns } from '../../src/domain/schema';
import {
  a1,
  applyFields,
  columnSpans,
  idText,
  MissingColumnError,
  planWrites,
  rewritableColumns,
  rowsToRecords,
  runsOf,
  textFormatRuns,
  type CellValue,
} from '../../src/domain/table';

const T = APPOINTMENTS_TAB;

describe('reading rows', () => {
  test('values land on their keys whatever the column order; missing columns read as empty', () => {
    const headers = ['Estado', 'Nota personal', 'ID de cita', 'DNI'];
    const rows = rowsToRecords(T, headers, [
      ['Programada', 'llamar', 'AV-1', '01234567'],
      ['Atendida', '', 'AV-2', 12345678],
    ]);
    expect(rows[0]).toMatchObject({ id: 'AV-1', rowNumber: 2 });
    expect(rows[0].record.status).toBe('Programada');
    expect(rows[0].record.dni).toBe('01234567');
    expect(rows[0].record.email).toBe('');
    expect(rows[1].id).toBe('AV-2');
    expect(rows[1].rowNumber).toBe(3);
  });

  test('an ID typed as a number or with spaces still matches its text', () => {
    expect(idText(12345678)).toBe('12345678');
    expect(idText('  AV-7 ')).toBe('AV-7');
    expect(idText('')).toBe('');
  });
});

describe('changing fields', () => {
  const { index } = resolveColumns(T, ['ID de cita', 'Estado', 'Observaciones']);

  test('sets the fields by header position and leaves the rest as it was', () => {
    const out = applyFields(T, index, ['AV-1', 'Programada', 'x'], { status: 'Atendida', observations: null }, 3);
    expect(out).toEqual(['AV-1', 'Atendida', '']);
  });

  test('a field without a column is refused with a message a consultant can act on', () => {
    expect(() => applyFields(T, index, ['AV-1', '', ''], { meetUrl: 'https://meet.google.com/abc' }, 3)).toThrow(MissingColumnError);
    expect(() => applyFields(T, index, ['AV-1', '', ''], { meetUrl: 'x' }, 3)).toThrow(/falta la columna «Enlace Meet».*Configurar esta hoja/);
  });
});

describe('planning writes', () => {
  const grid = (): CellValue[][] => [
    ['a1', 'b1', 'c1', 'd1'],
    ['a2', 'b2', 'c2', 'd2'],
    ['a3', 'b3', 'c3', 'd3'],
    ['a4', 'b4', 'c4', 'd4'],
  ];

  test('nothing changed: nothing written', () => {
    expect(planWrites(grid(), grid(), { firstRow: 2 })).toEqual([]);
  });

  test('one changed cell is one 1×1 write at its sheet coordinates', () => {
    const after = grid();
    after[2][1] = 'B3!';
    expect(planWrites(grid(), after, { firstRow: 2 })).toEqual([{ row: 4, column: 2, values: [['B3!']] }]);
  });

  test('adjacent changed rows are written together; separate rows separately', () => {
    const after = grid();
    after[0][0] = 'x';
    after[1][0] = 'y';
    after[3][0] = 'z';
    const blocks = planWrites(grid(), after, { firstRow: 2 });
    expect(blocks).toEqual([
      { row: 2, column: 1, values: [['x'], ['y']] },
      { row: 5, column: 1, values: [['z']] },
    ]);
  });

  test("a person's column between two changed columns is not rewritten", () => {
    const after = grid();
    after[0][0] = 'x';
    after[0][2] = 'z';
    expect(planWrites(grid(), after, { firstRow: 2, mayRewrite: () => false })).toHaveLength(2);
  });

  test('a system column between two changed columns is bridged with its own value: one write', () => {
    const after = grid();
    after[0][0] = 'x';
    after[0][2] = 'z';
    const blocks = planWrites(grid(), after, { firstRow: 2, mayRewrite: (c) => c === 1 });
    expect(blocks).toEqual([{ row: 2, column: 1, values: [['x', 'b1', 'z']] }]);
  });

  test('an equal Date is not a change; a different instant is', () => {
    const d = (ms: number) => new Date(ms);
    expect(planWrites([[d(1000)]], [[d(1000)]], { firstRow: 2 })).toEqual([]);
    expect(planWrites([[d(1000)]], [[d(2000)]], { firstRow: 2 })).toHaveLength(1);
  });

  test('the number of writes depends on changed blocks, not on the size of the tab', () => {
    const big = Array.from({ length: 5000 }, (_, i) => [`AV-${i}`, 'Programada']);
    const after = big.map((r) => r.slice());
    for (let i = 100; i < 140; i++) after[i][1] = 'Atendida';
    expect(planWrites(big, after, { firstRow: 2 })).toHaveLength(1);
  });

  test('only system columns may be bridged', () => {
    const headers = ['ID de cita', 'Notas', 'Recordatorio', 'Mi fórmula'];
    expect(rewritableColumns(T, headers)).toEqual([true, false, true, false]);
    expect(columnSpans([0, 2, 5], (c) => c === 1)).toEqual([[0, 2], [5, 5]]);
  });
});

describe('helpers', () => {
  test('runs of adjacent columns sharing a setting', () => {
    expect(runsOf([{ column: 3, value: '@' }, { column: 1, value: '@' }, { column: 2, value: '@' }, { column: 5, value: '@' }, { column: 6, value: '0' }])).toEqual([
      { column: 1, width: 3, value: '@' },
      { column: 5, width: 1, value: '@' },
      { column: 6, width: 1, value: '0' },
    ]);
  });

  test('text columns of new rows are formatted in few runs, bridging only dropdown columns', () => {
    const { index } = resolveColumns(T, T.columns.map((c) => c.header));
    const runs = textFormatRuns(T, index);
    const covered = new Set(runs.flatMap((r) => Array.from({ length: r.width }, (_, k) => r.column + k)));
    for (const c of T.columns) {
      const col = index[c.key] + 1;
      if (c.format === '@') expect([c.header, covered.has(col)]).toEqual([c.header, true]);
      if (c.type === 'date' || c.type === 'datetime' || c.type === 'number' || c.type === 'bool') expect([c.header, covered.has(col)]).toEqual([c.header, false]);
    }
    expect(runs.length).toBeLessThanOrEqual(6);
    // A person's column between two text columns splits the run.
    const moved = resolveColumns(T, ['ID de cita', 'Mi columna', 'DNI']).index;
    expect(textFormatRuns(T, moved)).toEqual([{ column: 1, width: 1 }, { column: 3, width: 1 }]);
  });

  test('the audit log has no ID column: it is append-only', () => {
    expect(AUDIT_TAB.idKey).toBeNull();
    expect(AUDIT_TAB.appendOnly).toBe(true);
  });
});

describe('a1', () => {
  test('names cells and blocks as Sheets does, past Z too', () => {
    expect(a1(2, 3)).toBe('C2');
    expect(a1(2, 3, 10, 2)).toBe('C2:D11');
    expect(a1(1, 26, 1, 2)).toBe('Z1:AA1');
    expect(a1(5, 53)).toBe('BA5');
  });
});
