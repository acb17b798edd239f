/**
 * Rows of a sheet as records, and the plan of writes that puts changes back.
 *
 * Pure: the Sheets adapter (src/gas/sheet-table.ts) reads a tab once (`getValues` of the data
 * range), turns it into records here, applies the use case's changes here, and asks `planWrites`
 * which rectangles to write. Those rectangles hold only rows that changed and only the columns
 * that changed in them, so a person editing another row or their own column at the same moment
 * is not overwritten, and the number of `setValues` calls depends on how many separate blocks
 * changed, never on how many rows the tab has.
 */
import { FORMATS, resolveColumns, type TabSpec } from './schema';

/** What `getValues` gives and `setValues` takes. Empty cells are ''. */
export type CellValue = string | number | boolean | Date;

/** A record's values by schema key. */
export type RecordValues<K extends string = string> = Record<K, CellValue>;

/** A change to one field; null or undefined clears the cell. */
export type FieldValue = CellValue | null | undefined;

export interface TableRow<K extends string = string> {
  /** The row's ID ('' when the ID cell is empty: such rows are never addressed by the system). */
  readonly id: string;
  /** 1-based sheet row at read time; for messages to people only, never kept across executions. */
  readonly rowNumber: number;
  /** Every schema column's value; '' for empty cells and for columns missing from the sheet. */
  readonly record: Readonly<RecordValues<K>>;
}

/** How a cell holding an ID reads as text: trimmed; a number (a DNI that lost its '@') as digits. */
export function idText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : v.toISOString();
  return String(v).trim();
}

/** Normalises what a use case passes into a cell value. */
export function toCell(v: FieldValue): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && !isFinite(v)) return '';
  return v;
}

/** Equal as Sheets would store them: Dates by instant, everything else strictly. */
export function sameCell(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  const x = a === null || a === undefined ? '' : a;
  const y = b === null || b === undefined ? '' : b;
  return x === y;
}

/** The records of a tab's data rows (rows 2…), given its header row. */
export function rowsToRecords<K extends string>(
  spec: TabSpec<K>,
  headers: readonly unknown[],
  dataRows: readonly (readonly CellValue[])[],
  firstRowNumber = 2,
): TableRow<K>[] {
  const { index } = resolveColumns(spec, headers);
  const idCol = spec.idKey === null ? -1 : index[spec.idKey];
  return dataRows.map((row, i) => {
    const record = {} as RecordValues<K>;
    for (const col of spec.columns) {
      const j = index[col.key];
      record[col.key] = j >= 0 && j < row.length ? row[j] : '';
    }
    return { id: idCol >= 0 ? idText(row[idCol]) : '', rowNumber: firstRowNumber + i, record };
  });
}

/** IDs found on more than one row (a person copied a row): the first row keeps the ID. */
export function duplicateIds(rows: readonly TableRow[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of rows) {
    if (r.id === '') continue;
    if (seen.has(r.id)) dup.add(r.id);
    seen.add(r.id);
  }
  return [...dup];
}

/** Thrown when a change names a column the sheet does not have (setup was not run, or a header was renamed). */
export class MissingColumnError extends Error {
  constructor(
    readonly tab: string,
    readonly headers: string[],
  ) {
    super(
      `A la pestaña «${tab}» le ${headers.length === 1 ? 'falta la columna' : 'faltan las columnas'} ` +
        headers.map((h) => `«${h}»`).join(', ') +
        '. Use «Emprendimiento › Configurar esta hoja» para agregarlas.',
    );
    this.name = 'MissingColumnError';
  }
}

/**
 * A sheet row with some fields replaced (a copy). `width` is the row's length in the sheet.
 * Throws MissingColumnError when a changed field has no column.
 */
export function applyFields<K extends string>(
  spec: TabSpec<K>,
  index: Record<K, number>,
  row: readonly CellValue[],
  fields: Partial<Record<K, FieldValue>>,
  width: number,
): CellValue[] {
  const out: CellValue[] = [];
  for (let j = 0; j < width; j++) out.push(j < row.length ? row[j] : '');
  const missing: string[] = [];
  for (const key of Object.keys(fields) as K[]) {
    const j = index[key];
    const col = spec.columns.find((x) => x.key === key);
    if (!col) throw new Error(`tab ${spec.key} has no column ${key}`);
    if (j === undefined || j < 0) {
      missing.push(col.header);
      continue;
    }
    out[j] = toCell(fields[key]);
  }
  if (missing.length) throw new MissingColumnError(spec.name, missing);
  return out;
}

/** A rectangle to write with one `setValues`: 1-based sheet coordinates. */
export interface WriteBlock {
  row: number;
  column: number;
  values: CellValue[][];
}

export interface PlanOptions {
  /** Sheet row of `before[0]` (2 when row 1 holds the headers). */
  firstRow: number;
  /**
   * May an unchanged column (0-based) be rewritten with its own value to join two changed
   * columns into one block? True for the schema's columns; false for a person's own columns,
   * which may hold formulas that a rewrite would turn into values.
   */
  mayRewrite?: (column: number) => boolean;
}

/** Per row, the (0-based) columns whose cell differs between `before` and `after`. */
function changedColumns(before: readonly (readonly CellValue[])[], after: readonly (readonly CellValue[])[]): number[][] {
  return after.map((row, i) => {
    const cols: number[] = [];
    const width = Math.max(row.length, before[i].length);
    for (let j = 0; j < width; j++) if (!sameCell(before[i][j], row[j])) cols.push(j);
    return cols;
  });
}

/**
 * The fewest rectangles that write every changed cell, under two rules: only rows that changed
 * are written (a run of consecutive changed rows is one block), and a block spans unchanged
 * columns only where `mayRewrite` allows it.
 */
export function planWrites(before: readonly (readonly CellValue[])[], after: readonly (readonly CellValue[])[], opts: PlanOptions): WriteBlock[] {
  if (before.length !== after.length) throw new Error('planWrites: before and after must have the same rows');
  const mayRewrite = opts.mayRewrite ?? (() => false);
  const changedCols = changedColumns(before, after);
  const blocks: WriteBlock[] = [];
  let i = 0;
  while (i < after.length) {
    if (changedCols[i].length === 0) {
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < after.length && changedCols[end + 1].length > 0) end++;
    const cols = [...new Set(changedCols.slice(i, end + 1).flat())].sort((a, b) => a - b);
    for (const [c0, c1] of columnSpans(cols, mayRewrite)) {
      const values: CellValue[][] = [];
      for (let r = i; r <= end; r++) {
        const line: CellValue[] = [];
        for (let j = c0; j <= c1; j++) line.push(toCell(after[r][j]));
        values.push(line);
      }
      blocks.push({ row: opts.firstRow + i, column: c0 + 1, values });
    }
    i = end + 1;
  }
  return blocks;
}

/**
 * Writes for a job that changes scattered rows (the reminders run touches a few columns of rows
 * spread all over the tab): one rectangle per span of changed columns, from the first to the last
 * changed row, so the number of writes does not grow with the rows. Unchanged rows inside the
 * rectangle are written back with their own values, which is only allowed where every column of
 * the span may be rewritten (`mayRewrite`: the schema's system columns); a person's column that
 * changed gets one block per run of adjacent changed rows, as `planWrites` does.
 * The caller must have read `before` under the same lock it writes under.
 */
export function planSpanWrites(before: readonly (readonly CellValue[])[], after: readonly (readonly CellValue[])[], opts: PlanOptions): WriteBlock[] {
  if (before.length !== after.length) throw new Error('planSpanWrites: before and after must have the same rows');
  const mayRewrite = opts.mayRewrite ?? (() => false);
  const changedCols = changedColumns(before, after);
  const rows = changedCols.map((c, i) => (c.length ? i : -1)).filter((i) => i >= 0);
  if (rows.length === 0) return [];
  const first = rows[0];
  const last = rows[rows.length - 1];
  const cols = [...new Set(changedCols.flat())].sort((a, b) => a - b);
  const block = (r0: number, r1: number, c0: number, c1: number): WriteBlock => {
    const values: CellValue[][] = [];
    for (let r = r0; r <= r1; r++) {
      const line: CellValue[] = [];
      for (let j = c0; j <= c1; j++) line.push(toCell(after[r][j]));
      values.push(line);
    }
    return { row: opts.firstRow + r0, column: c0 + 1, values };
  };
  const blocks: WriteBlock[] = [];
  // System columns: one rectangle per span (bridging only other system columns), first to last changed row.
  for (const [c0, c1] of columnSpans(cols.filter((j) => mayRewrite(j)), mayRewrite)) blocks.push(block(first, last, c0, c1));
  // A person's columns: only the rows that change there, one block per run of adjacent ones.
  for (const [c0, c1] of columnSpans(cols.filter((j) => !mayRewrite(j)), () => false)) {
    const touches = (r: number) => changedCols[r].some((j) => j >= c0 && j <= c1);
    let r = first;
    while (r <= last) {
      if (!touches(r)) {
        r++;
        continue;
      }
      let end = r;
      while (end + 1 <= last && touches(end + 1)) end++;
      blocks.push(block(r, end, c0, c1));
      r = end + 1;
    }
  }
  return blocks;
}

/** Sorted columns joined into [first, last] spans, bridging gaps whose every column may be rewritten. */
export function columnSpans(sortedCols: readonly number[], mayRewrite: (column: number) => boolean): [number, number][] {
  const spans: [number, number][] = [];
  for (const c of sortedCols) {
    const last = spans[spans.length - 1];
    if (last) {
      let bridge = true;
      for (let g = last[1] + 1; g < c; g++) if (!mayRewrite(g)) bridge = false;
      if (bridge) {
        last[1] = c;
        continue;
      }
    }
    spans.push([c, c]);
  }
  return spans;
}

/** A new row for `append`: schema fields in their columns, '' elsewhere. */
export function newRow<K extends string>(spec: TabSpec<K>, index: Record<K, number>, fields: Partial<Record<K, FieldValue>>, width: number): CellValue[] {
  return applyFields(spec, index, [], fields, width);
}

/**
 * Runs of consecutive columns sharing one value (a number format, a validation rule), so a
 * setting can be applied with one call per run instead of one per column. Keys compare by ===.
 */
export function runsOf<T>(items: readonly { column: number; value: T }[], same: (a: T, b: T) => boolean = (a, b) => a === b): { column: number; width: number; value: T }[] {
  const sorted = [...items].sort((a, b) => a.column - b.column);
  const runs: { column: number; width: number; value: T }[] = [];
  for (const it of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.column + last.width === it.column && same(last.value, it.value)) last.width++;
    else runs.push({ column: it.column, width: 1, value: it.value });
  }
  return runs;
}

/**
 * Which columns (0-based) of this header row a write may rewrite with their own value to join
 * two blocks: the schema's system columns only. A person may be typing in any other column
 * (their own, or a shared one like 'Notas') while the script runs; those are written only when
 * the script itself changes them.
 */
export function rewritableColumns(spec: TabSpec, headers: readonly unknown[]): boolean[] {
  const { index } = resolveColumns(spec, headers);
  const mask = headers.map(() => false);
  for (const col of spec.columns) if (col.system && index[col.key] >= 0) mask[index[col.key]] = true;
  return mask;
}

/**
 * The text ('@') columns of a tab as runs of adjacent sheet columns (1-based), to format new rows
 * with one call per run. A run may pass over dropdown (status) columns lying between two text
 * columns — '@' is harmless on a list of words — but never over a date, number or checkbox column,
 * nor over a column the schema does not know.
 */
export function textFormatRuns<K extends string>(spec: TabSpec<K>, index: Record<K, number>): { column: number; width: number }[] {
  const kind = new Map<number, 'text' | 'bridge'>();
  for (const c of spec.columns) {
    const i = index[c.key];
    if (i === undefined || i < 0) continue;
    if (c.format === FORMATS.text) kind.set(i + 1, 'text');
    else if (c.type === 'status') kind.set(i + 1, 'bridge');
  }
  const runs = runsOf([...kind.keys()].map((column) => ({ column, value: true })));
  const out: { column: number; width: number }[] = [];
  for (const r of runs) {
    let a = r.column;
    let b = r.column + r.width - 1;
    while (a <= b && kind.get(a) !== 'text') a++;
    while (b >= a && kind.get(b) !== 'text') b--;
    if (a <= b) out.push({ column: a, width: b - a + 1 });
  }
  return out;
}

/** A1 notation of a block (1-based row and column): `a1(2, 3, 10, 2)` is 'C2:D11'. */
export function a1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const letters = (n: number): string => {
    let out = '';
    for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) out = String.fromCharCode(65 + ((c - 1) % 26)) + out;
    return out;
  };
  const start = `${letters(column)}${row}`;
  return numRows === 1 && numColumns === 1 ? start : `${start}:${letters(column + numColumns - 1)}${row + numRows - 1}`;
}
