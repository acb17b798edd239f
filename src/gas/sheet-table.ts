/**
 * A tab as records (the Table port) over SpreadsheetApp.
 *
 * Reads the whole tab with one `getDataRange().getValues()` per execution and keeps it; updates
 * write only the rectangles `planWrites` computes (changed rows, changed columns); appends are one
 * `setValues` after the text columns of the new rows are formatted '@'.
 *
 * No string written ever becomes a formula (DESIGN.md "Data in Sheets"), including a value read
 * back and written again ('=…' stored as text reads as '=…'). Two cases:
 * - the schema's text columns are plain text ('@'), where Sheets keeps a string exactly as given:
 *   the string is written as is (an apostrophe would be kept and shown), and a cell about to
 *   receive a string that starts like a formula is made '@' first, in case a person reset it;
 * - every other column (dropdowns, a person's own) gets `neutraliseFormula`'s leading apostrophe,
 *   which Sheets swallows in a cell with an automatic format.
 */
import { FORMATS, resolveColumns, type TabSpec } from '../domain/schema';
import {
  a1,
  applyFields,
  duplicateIds,
  idText,
  MissingColumnError,
  newRow,
  planSpanWrites,
  planWrites,
  rowsToRecords,
  textFormatRuns,
  rewritableColumns,
  sameCell,
  type CellValue,
  type FieldValue,
  type TableRow,
  type WriteBlock,
} from '../domain/table';
import { neutraliseFormula } from '../domain/text';
import type { RowChange, RowNumberChange, Table, TableSnapshot, UpdateOptions, UpdateResult } from '../ports';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface Loaded<K extends string> {
  headers: string[];
  /** Data rows (sheet row 2 on), each exactly `width` long. */
  data: CellValue[][];
  width: number;
  index: Record<K, number>;
  mask: boolean[];
  /** Columns the schema knows (system or a person's): what a 'row' update may write back. */
  known: boolean[];
  /** 0-based columns that are the schema's plain-text ('@') columns. */
  text: Set<number>;
  view: TableSnapshot<K>;
}

/** What goes into a cell: strings neutralised unless the column is plain text; everything else as is. */
export function cellForSheet(v: CellValue, plainText: boolean): CellValue {
  return typeof v === 'string' && !plainText ? neutraliseFormula(v) : v;
}

/** True for a string Sheets would read as a formula in a cell with an automatic format. */
function looksLikeFormula(v: CellValue): boolean {
  return typeof v === 'string' && neutraliseFormula(v) !== v;
}

/** 'Missing tab' in words a consultant can act on. */
export class MissingTabError extends Error {
  constructor(readonly tab: string) {
    super(`No existe la pestaña «${tab}». Use «Emprendimiento › Configurar esta hoja» para crearla.`);
    this.name = 'MissingTabError';
  }
}

export class SheetTable<K extends string> implements Table<K> {
  private loaded?: Loaded<K>;
  /** The snapshot was read with `fresh` and nothing was written since: a span update may trust it. */
  private fresh = false;
  /** Header row read by `append` when the tab was not read whole (an append-only log). */
  private appendHeaders?: string[];

  /** @param sheet returns the tab's Sheet, or null when it does not exist (looked up lazily, once). */
  constructor(
    readonly spec: TabSpec<K>,
    private readonly sheet: () => Sheet | null,
  ) {}

  exists(): boolean {
    return this.sheet() !== null;
  }

  private requireSheet(): Sheet {
    const s = this.sheet();
    if (!s) throw new MissingTabError(this.spec.name);
    return s;
  }

  read(options: { fresh?: boolean } = {}): TableSnapshot<K> {
    if (options.fresh) {
      this.loaded = undefined;
      const view = this.load().view;
      this.fresh = true;
      return view;
    }
    return this.load().view;
  }

  private load(): Loaded<K> {
    if (this.loaded) return this.loaded;
    const values = this.requireSheet().getDataRange().getValues() as CellValue[][];
    const rawHeaders = values[0] ?? [];
    const width = rawHeaders.length;
    const headers = rawHeaders.map((h) => String(h).trim());
    const data = values.slice(1);
    this.loaded = this.build(headers, data, width);
    return this.loaded;
  }

  private build(headers: string[], data: CellValue[][], width: number): Loaded<K> {
    const { index, missing } = resolveColumns(this.spec, headers);
    const rows: TableRow<K>[] = rowsToRecords(this.spec, headers, data);
    const byId = new Map<string, TableRow<K>>();
    for (const r of rows) if (r.id !== '' && !byId.has(r.id)) byId.set(r.id, r);
    return {
      headers,
      data,
      width,
      index,
      mask: rewritableColumns(this.spec, headers),
      known: knownColumns(headers.length, index),
      text: textColumns(this.spec, index),
      view: { headers, rows, byId, missingColumns: missing.map((c) => c.header), duplicateIds: duplicateIds(rows) },
    };
  }

  update(changes: readonly RowChange<K>[], options: UpdateOptions = {}): UpdateResult {
    if (changes.length === 0) return { updated: [], notFound: [], writes: 0 };
    if (this.spec.idKey === null) throw new Error(`tab ${this.spec.key} has no ID column: rows cannot be updated`);
    const span = options.mode === 'span';
    const wholeRow = options.mode === 'row';
    // Span and row writes rewrite unchanged cells with their values: they must be the sheet's current ones.
    if ((span || wholeRow) && !this.fresh) this.loaded = undefined;
    this.fresh = false;
    const s = this.load();
    const idCol = s.index[this.spec.idKey];
    if (idCol < 0) throw new MissingColumnError(this.spec.name, [this.spec.columns.find((c) => c.key === this.spec.idKey)!.header]);
    const position = new Map<string, number>();
    s.data.forEach((row, i) => {
      const id = idText(row[idCol]);
      if (id !== '' && !position.has(id)) position.set(id, i);
    });
    const after = s.data.slice();
    const notFound: string[] = [];
    const touched = new Set<number>();
    for (const change of changes) {
      const i = position.get(idText(change.id));
      if (i === undefined) {
        notFound.push(change.id);
        continue;
      }
      after[i] = applyFields(this.spec, s.index, after[i], change.fields, s.width);
      touched.add(i);
    }
    const plan = span ? planSpanWrites : planWrites;
    const mayRewrite = wholeRow ? (c: number) => s.known[c] === true : (c: number) => s.mask[c] === true;
    const blocks = plan(s.data, after, { firstRow: 2, mayRewrite });
    this.writeBlocks(s, blocks);
    const updated = [...touched].filter((i) => after[i].some((v, j) => !sameCell(s.data[i][j], v))).map((i) => idText(after[i][idCol]));
    this.loaded = this.build(s.headers, after, s.width);
    return { updated, notFound, writes: blocks.length };
  }

  updateByRowNumber(changes: readonly RowNumberChange<K>[]): { updated: number; writes: number } {
    if (changes.length === 0) return { updated: 0, writes: 0 };
    // Span writes rewrite unchanged cells with their values: they must be the sheet's current ones.
    if (!this.fresh) this.loaded = undefined;
    this.fresh = false;
    const s = this.load();
    const after = s.data.slice();
    const touched = new Set<number>();
    for (const change of changes) {
      const i = change.rowNumber - 2;
      if (!Number.isInteger(i) || i < 0 || i >= after.length) continue;
      after[i] = applyFields(this.spec, s.index, after[i], change.fields, s.width);
      touched.add(i);
    }
    const blocks = planSpanWrites(s.data, after, { firstRow: 2, mayRewrite: (c: number) => s.mask[c] === true });
    this.writeBlocks(s, blocks);
    const updated = [...touched].filter((i) => after[i].some((v, j) => !sameCell(s.data[i][j], v))).length;
    this.loaded = this.build(s.headers, after, s.width);
    return { updated, writes: blocks.length };
  }

  /** One setValues per block; a text column about to receive a formula-looking string is made '@' first. */
  private writeBlocks(s: Loaded<K>, blocks: readonly WriteBlock[]): void {
    if (blocks.length === 0) return;
    const sheet = this.requireSheet();
    for (const b of blocks) {
      b.values.forEach((line, r) =>
        line.forEach((v, c) => {
          if (s.text.has(b.column - 1 + c) && looksLikeFormula(v)) sheet.getRange(b.row + r, b.column + c).setNumberFormat(FORMATS.text);
        }),
      );
      const values = b.values.map((line) => line.map((v, c) => cellForSheet(v, s.text.has(b.column - 1 + c))));
      sheet.getRange(b.row, b.column, b.values.length, b.values[0].length).setValues(values);
    }
  }

  append(records: readonly Partial<Record<K, FieldValue>>[]): void {
    if (records.length === 0) return;
    this.fresh = false;
    const sheet = this.requireSheet();
    // Append-only logs are never read whole: their header row and last row are enough.
    let headers: string[];
    let width: number;
    let lastRow: number;
    if (this.loaded) {
      ({ headers, width } = this.loaded);
      // An append-only log read whole (a personal-data request or the retention redacting it) may
      // have grown since, under another lock hold: its last row is asked, never assumed.
      lastRow = this.spec.appendOnly ? Math.max(1, sheet.getLastRow()) : 1 + this.loaded.data.length;
    } else {
      // Row 1 whole ('1:1', one call), once per execution: trailing empty cells are no columns.
      if (!this.appendHeaders) {
        const row = sheet.getRange('1:1').getValues()[0].map((h) => String(h).trim());
        while (row.length && row[row.length - 1] === '') row.pop();
        this.appendHeaders = row;
      }
      headers = this.appendHeaders;
      width = headers.length;
      // Asked each time: another execution may have appended since (callers hold the lock).
      lastRow = Math.max(1, sheet.getLastRow());
    }
    const { index } = resolveColumns(this.spec, headers);
    if (width === 0) throw new MissingColumnError(this.spec.name, this.spec.columns.map((c) => c.header));
    const rows = records.map((r) => newRow(this.spec, index, r, width));

    const first = lastRow + 1;
    const needed = first + rows.length - 1;
    const maxRows = sheet.getMaxRows();
    const grew = needed > maxRows;
    // An append-only log (the audit tab: a line in nearly every execution) grows with room to
    // spare, so the appends after it neither grow the sheet nor format their rows again: one
    // insertRowsAfter per LOG_GROWTH_ROWS lines instead of one per execution once setup's rows are
    // used up. The rows inserted take the formats of the row above them (Sheets' insertRowsAfter).
    if (grew) sheet.insertRowsAfter(maxRows, this.spec.appendOnly ? Math.max(needed - maxRows, LOG_GROWTH_ROWS) : needed - maxRows);

    // Text columns first, so '01234567' and '+51 9…' stay text (DESIGN.md "Data in Sheets"). Setup
    // formats whole columns; this covers rows the sheet grew by and formats a person pasted over.
    // An append-only log (the audit tab: only the script writes there) skips a run whose new
    // values Sheets would keep as typed even without '@' (no formula, number, date or boolean
    // look): setup formatted those rows, and a lost format could change nothing in them.
    const trustSetupFormats = this.spec.appendOnly && !grew;
    const runs = textFormatRuns(this.spec, index).filter(
      (run) => !(trustSetupFormats && rows.every((r) => r.slice(run.column - 1, run.column - 1 + run.width).every(keptAsTypedWithoutFormat))),
    );
    // Every run in one call: the runs are not adjacent (dates and checkboxes lie between them).
    if (runs.length > 0) sheet.getRangeList(runs.map((run) => a1(first, run.column, rows.length, run.width))).setNumberFormat(FORMATS.text);
    const text = textColumns(this.spec, index);
    sheet.getRange(first, 1, rows.length, width).setValues(rows.map((r) => r.map((v, c) => cellForSheet(v, text.has(c)))));

    if (this.loaded) {
      // A log's snapshot would miss what others appended: it is read again when next needed.
      if (this.spec.appendOnly) this.loaded = undefined;
      else this.loaded = this.build(this.loaded.headers, [...this.loaded.data, ...rows], width);
    }
  }
}

/** Rows an append-only log grows by when it is full (a new sheet's 1,000). */
export const LOG_GROWTH_ROWS = 1000;

/**
 * True for a value a cell with an automatic format would store exactly as given: empty, or a
 * string that starts with a letter and does not read as a formula, a boolean, or a short word
 * followed by a number (a month-name date like 'nov 27', a currency like 'S/ 100').
 */
export function keptAsTypedWithoutFormat(v: CellValue): boolean {
  if (v === '') return true;
  if (typeof v !== 'string' || looksLikeFormula(v)) return false;
  const t = v.trim();
  if (!/^\p{L}/u.test(t)) return false;
  if (/^(true|false|verdadero|falso)$/i.test(t)) return false;
  return !/^[\p{L}./$]{1,12}\s*\d/u.test(t);
}

function knownColumns<K extends string>(width: number, index: Record<K, number>): boolean[] {
  const known: boolean[] = new Array<boolean>(width).fill(false);
  for (const i of Object.values(index) as number[]) if (i >= 0 && i < width) known[i] = true;
  return known;
}

function textColumns<K extends string>(spec: TabSpec<K>, index: Record<K, number>): Set<number> {
  return new Set(spec.columns.filter((c) => c.format === FORMATS.text && index[c.key] >= 0).map((c) => index[c.key]));
}
