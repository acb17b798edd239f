import { MESSAGES } from './messages';

/**
 * A1 notation as Sheets reads it: "B2", "A1:C10", "A:A" (whole columns), "2:5" (whole rows),
 * "A2:C" (open-ended to the last row), optionally qualified by a sheet name ("Tab!A1",
 * "'Mi hoja'!A1:B2"). Open ends resolve against the sheet's current size.
 */
export interface A1Ref {
  sheetName?: string;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function columnToLetters(column: number): string {
  let s = '';
  let n = column;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellA1(row: number, column: number): string {
  return `${columnToLetters(column)}${row}`;
}

export function rangeA1(row: number, column: number, numRows: number, numColumns: number): string {
  const start = cellA1(row, column);
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${cellA1(row + numRows - 1, column + numColumns - 1)}`;
}

/** Splits "'It''s'!A1:B2" into the sheet name ("It's") and the cell part ("A1:B2"). */
export function splitSheetName(a1: string): { sheetName?: string; cells: string } {
  const text = a1.trim();
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { cells: text };
  let name = text.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, cells: text.slice(bang + 1) };
}

interface Endpoint {
  row?: number;
  column?: number;
}

function parseEndpoint(s: string): Endpoint | null {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(s.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  const ep: Endpoint = {};
  if (m[1]) ep.column = lettersToColumn(m[1]);
  if (m[2]) ep.row = Number(m[2]);
  if (ep.row === 0) return null;
  return ep;
}

/** Parses A1 notation against a sheet of the given size; throws "Range not found" when unreadable. */
export function parseA1(a1: string, maxRows: number, maxColumns: number): A1Ref {
  const { sheetName, cells } = splitSheetName(a1);
  const parts = cells.split(':');
  if (parts.length > 2 || cells === '') throw new Error(MESSAGES.rangeNotFound);
  const a = parseEndpoint(parts[0]);
  const b = parts.length === 2 ? parseEndpoint(parts[1]) : a;
  if (!a || !b) throw new Error(MESSAGES.rangeNotFound);
  if (parts.length === 1 && (a.row === undefined || a.column === undefined)) throw new Error(MESSAGES.rangeNotFound);
  const r1 = a.row ?? 1;
  const c1 = a.column ?? 1;
  const r2 = b.row ?? maxRows;
  const c2 = b.column ?? maxColumns;
  const row = Math.min(r1, r2);
  const column = Math.min(c1, c2);
  return {
    sheetName,
    row,
    column,
    numRows: Math.max(r1, r2) - row + 1,
    numColumns: Math.max(c1, c2) - column + 1,
  };
}
