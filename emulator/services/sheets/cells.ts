import { cellA1 } from './a1';
import { formatDisplay, isAutomaticFormat, type CellValue } from './format';
import type { Cell } from './grid';
import { localeInfo } from './locale';
import type { SheetData, SpreadsheetData } from './model';
import { interpretInput, type Interpreted } from './values';
import { violates, violationMessage } from './validation-rule';

/**
 * Block reads and writes on a sheet's grid: what Range.getValues/setValues and the host-side
 * readers share. Each is one pass over the block (no per-cell lookups of the sheet), so a
 * 5,000-row read or write costs what its cells cost.
 */

function copyValue(v: CellValue): CellValue {
  return v instanceof Date ? new Date(v.getTime()) : v;
}

export function readValues(sheet: SheetData, r: number, c: number, nr: number, nc: number): CellValue[][] {
  const out: CellValue[][] = new Array(nr);
  const rows = sheet.grid.rows;
  for (let i = 0; i < nr; i++) {
    const row = rows[r - 1 + i];
    const line: CellValue[] = new Array(nc);
    for (let j = 0; j < nc; j++) {
      const cell = row ? row[c - 1 + j] : undefined;
      // A formula's value is what Sheets computed; the emulator computes no formulas, so it is ''.
      line[j] = cell ? copyValue(cell.v) : '';
    }
    out[i] = line;
  }
  return out;
}

export function readDisplayValues(ss: SpreadsheetData, sheet: SheetData, r: number, c: number, nr: number, nc: number): string[][] {
  const loc = localeInfo(ss.locale);
  const out: string[][] = new Array(nr);
  const rows = sheet.grid.rows;
  for (let i = 0; i < nr; i++) {
    const row = rows[r - 1 + i];
    const line: string[] = new Array(nc);
    for (let j = 0; j < nc; j++) {
      const cell = row ? row[c - 1 + j] : undefined;
      line[j] = cell ? formatDisplay(cell.v, cell.nf, loc, ss.timeZone) : '';
    }
    out[i] = line;
  }
  return out;
}

function readField(sheet: SheetData, r: number, c: number, nr: number, nc: number, pick: (cell: Cell | undefined) => string): string[][] {
  const out: string[][] = new Array(nr);
  const rows = sheet.grid.rows;
  for (let i = 0; i < nr; i++) {
    const row = rows[r - 1 + i];
    const line: string[] = new Array(nc);
    for (let j = 0; j < nc; j++) line[j] = pick(row ? row[c - 1 + j] : undefined);
    out[i] = line;
  }
  return out;
}

export function readFormulas(sheet: SheetData, r: number, c: number, nr: number, nc: number): string[][] {
  return readField(sheet, r, c, nr, nc, (cell) => cell?.f ?? '');
}

/** Number formats; a cell never formatted reads "General" (automatic), as in Sheets. */
export function readNumberFormats(sheet: SheetData, r: number, c: number, nr: number, nc: number): string[][] {
  return readField(sheet, r, c, nr, nc, (cell) => (cell && !isAutomaticFormat(cell.nf) ? cell.nf! : 'General'));
}

export interface WriteOptions {
  /** Strings starting with "=" become formulas (false for form answers). */
  formulas: boolean;
  /** Reject values that break a cell's data validation when it disallows invalid data. */
  validate: boolean;
}

/** Longest text a cell accepts. */
export const MAX_CELL_CHARS = 50_000;

/**
 * Writes a block of input values. The whole block is read and checked first: a value that
 * breaks a strict validation rule rejects the write and nothing changes, as in Sheets.
 */
export function writeValues(ss: SpreadsheetData, sheet: SheetData, r: number, c: number, values: unknown[][], opts: WriteOptions): void {
  const loc = localeInfo(ss.locale);
  const grid = sheet.grid;
  const planned: Interpreted[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const input = values[i];
    const line: Interpreted[] = new Array(input.length);
    for (let j = 0; j < input.length; j++) {
      const raw = input[j];
      if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS) {
        // Sheets refuses the whole write (support.google.com/docs/answer/37603: 50,000 characters per cell).
        throw new Error(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
      }
      const cell = grid.get(r + i, c + j);
      const w = interpretInput(input[j], { pattern: cell?.nf, loc, timeZone: ss.timeZone, formulas: opts.formulas });
      if (opts.validate && cell?.dv && !cell.dv.allowInvalid && w.f === undefined && violates(cell.dv, w.v)) {
        throw new Error(violationMessage(cell.dv, cellA1(r + i, c + j)));
      }
      line[j] = w;
    }
    planned[i] = line;
  }
  for (let i = 0; i < planned.length; i++) {
    const line = planned[i];
    for (let j = 0; j < line.length; j++) applyWrite(sheet, r + i, c + j, line[j]);
  }
}

export function applyWrite(sheet: SheetData, r: number, c: number, w: Interpreted): void {
  const grid = sheet.grid;
  grid.setContent(r, c, w.v, w.f);
  if (w.format !== undefined) {
    const cell = grid.get(r, c);
    if (cell && isAutomaticFormat(cell.nf)) cell.nf = w.format;
  }
}

/** setFormulas: "=…" is a formula, "" clears the content, anything else is entered as a value. */
export function writeFormulas(ss: SpreadsheetData, sheet: SheetData, r: number, c: number, formulas: unknown[][]): void {
  const loc = localeInfo(ss.locale);
  for (let i = 0; i < formulas.length; i++) {
    for (let j = 0; j < formulas[i].length; j++) {
      const f = formulas[i][j];
      if (typeof f === 'string' && f.startsWith('=') && f.length > 1) sheet.grid.setContent(r + i, c + j, '', f);
      else {
        const cell = sheet.grid.get(r + i, c + j);
        applyWrite(sheet, r + i, c + j, interpretInput(f, { pattern: cell?.nf, loc, timeZone: ss.timeZone, formulas: true }));
      }
    }
  }
}

export function clearBlock(
  sheet: SheetData,
  r: number,
  c: number,
  nr: number,
  nc: number,
  what: { contents?: boolean; formats?: boolean; validations?: boolean },
): void {
  const grid = sheet.grid;
  const lastRow = Math.min(r + nr - 1, grid.rows.length);
  for (let i = r; i <= lastRow; i++) {
    const row = grid.rows[i - 1];
    if (!row) continue;
    const lastCol = Math.min(c + nc - 1, row.length);
    for (let j = c; j <= lastCol; j++) {
      const cell = row[j - 1];
      if (!cell) continue;
      if (what.contents) grid.setContent(i, j, '');
      if (what.formats) delete cell.nf;
      if (what.validations) delete cell.dv;
    }
  }
}
