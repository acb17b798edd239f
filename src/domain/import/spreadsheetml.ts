/**
 * Reads the first worksheet of an Excel 2003 XML workbook ("XML Spreadsheet 2003", SpreadsheetML
 * 2003) into rows of values, with the same row contract as `parseXlsx`.
 *
 * Platforms written in Java, .NET or PHP often export this format with an '.xls' name: one XML
 * file, `<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">` → `<Worksheet>` →
 * `<Table>` → `<Row>` → `<Cell>` → `<Data ss:Type="…">`. What is read:
 * - `ss:Index` on rows and cells (1-based; sparse files skip empty rows and cells), `ss:Span` on
 *   rows (one element standing for several empty rows);
 * - `ss:MergeAcross` / `ss:MergeDown`: the value stays in the top-left cell, the covered cells are
 *   null, and (as the format says) the next cell without `ss:Index` starts after the merged columns;
 * - types: String (rich text `<ss:Data><B>…</B><Font>…</Font>` gives its text), Number, DateTime
 *   (a wall-clock time with no zone is Lima time, as in `parseXlsx`; time-only values are written
 *   by Excel on 1899-12-31 and come back exactly like `excelSerialToDate` of the day fraction),
 *   Boolean ('1'/'0'), Error (its text, e.g. '#N/A'). Text stays text: a DNI '01234567' keeps
 *   its zero.
 *
 * This module also holds two helpers the other spreadsheet readers (`ods.ts`, `html-table.ts`)
 * share: `SheetGrid`, the sparse grid with the size limits, and `isoDateTimeToLima`.
 */
import { limaDate } from '../lima-time';
import { XlsxFormatError, type XlsxValue } from './xlsx';
import { attrByLocalName, childElements, firstChild, parseXml, textContent, XmlSyntaxError, type XmlElement } from './xml';
import { SHEET_READ_MESSAGES } from './messages';

// ---------------------------------------------------------------------------------------------
// Shared: size limits and the sparse grid
// ---------------------------------------------------------------------------------------------

/** Rows and columns of an Excel (and LibreOffice) sheet: data beyond them is not a real sheet. */
export const SHEET_MAX_ROWS = 1_048_576;
export const SHEET_MAX_COLUMNS = 16_384;
/**
 * Most cells (rows × width, empty ones included) a reader hands back. A report of appointments
 * has a few thousand rows of a few dozen columns; this leaves ample room while keeping a hostile
 * file (a value repeated a million times, a colspan of thousands) from exhausting the memory of
 * an Apps Script execution.
 */
export const MAX_IMPORT_CELLS = 2_000_000; // quoted in SHEET_READ_MESSAGES.tooLarge

export { SHEET_READ_MESSAGES };

/**
 * The cells of one sheet, stored sparsely so that positions far away (a sparse `ss:Index`, an
 * ODS repeat) cost nothing until they hold a value. Empty values (null, '') are not stored.
 * `toRows` gives the reader's contract: 0-based rows up to the last one with a value, every row
 * as wide as the right-most value, missing cells null.
 */
export class SheetGrid {
  private readonly rows = new Map<number, Map<number, XlsxValue>>();
  private stored = 0;
  private lastRow = -1;
  private width = 0;

  /** Number of non-empty cells stored so far. */
  get cellCount(): number {
    return this.stored;
  }

  /** Cells `toRows` would allocate: rows up to the last value × the widest row. */
  get materialisedCells(): number {
    return (this.lastRow + 1) * this.width;
  }

  /** Stores a value; throws XlsxFormatError past the sheet limits or the cell budget. */
  set(row: number, col: number, value: XlsxValue): void {
    if (value === null || value === '') return;
    if (!(row >= 0 && col >= 0)) return;
    if (row >= SHEET_MAX_ROWS || col >= SHEET_MAX_COLUMNS) throw new XlsxFormatError(SHEET_READ_MESSAGES.outsideSheet);
    let cells = this.rows.get(row);
    if (!cells) {
      cells = new Map();
      this.rows.set(row, cells);
    }
    if (!cells.has(col)) {
      if (++this.stored > MAX_IMPORT_CELLS) throw new XlsxFormatError(SHEET_READ_MESSAGES.tooLarge);
    }
    cells.set(col, value);
    if (row > this.lastRow) this.lastRow = row;
    if (col + 1 > this.width) this.width = col + 1;
  }

  toRows(): XlsxValue[][] {
    const height = this.lastRow + 1;
    if (this.materialisedCells > MAX_IMPORT_CELLS) throw new XlsxFormatError(SHEET_READ_MESSAGES.tooLarge);
    const out: XlsxValue[][] = [];
    for (let r = 0; r < height; r++) {
      const row = new Array<XlsxValue>(this.width).fill(null);
      const cells = this.rows.get(r);
      if (cells) for (const [c, v] of cells) row[c] = v;
      out.push(row);
    }
    return out;
  }
}

/** A non-negative integer attribute ('3', ' 3 '), or undefined when absent or not a number. */
export function integerAttribute(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (!/^\d+$/.test(s)) return undefined;
  return Number(s);
}

// ---------------------------------------------------------------------------------------------
// Shared: ISO 8601 dates
// ---------------------------------------------------------------------------------------------

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * '2026-11-27', '2026-11-27T10:00:00', '2026-11-27T10:00:00.000' → that Lima wall-clock time:
 * spreadsheets store what the person typed, with no zone, and this service lives in Lima.
 * With an explicit zone ('…Z', '…-05:00', as some exporters write) it is that instant.
 * Fractions of a second are rounded to the second, like `excelSerialToDate`.
 * Returns null when the text is not such a date or names an impossible one.
 */
export function isoDateTimeToLima(text: string): Date | null {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = +y;
  const month = +mo;
  const day = +d;
  const hour = h === undefined ? 0 : +h;
  const minute = mi === undefined ? 0 : +mi;
  const second = (s === undefined ? 0 : +s) + (frac === undefined ? 0 : Number('0' + frac));
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (hour > 24 || minute > 59 || second >= 61) return null;
  const secondsMs = Math.round(second) * 1000;
  if (zone === undefined) return new Date(limaDate(year, month, day, hour, minute).getTime() + secondsMs);
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const z = zone.replace(':', '');
    offsetMinutes = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute) + secondsMs - offsetMinutes * 60_000);
}

// ---------------------------------------------------------------------------------------------
// SpreadsheetML 2003
// ---------------------------------------------------------------------------------------------

const SPREADSHEET_NAMESPACE = 'urn:schemas-microsoft-com:office:spreadsheet';

/**
 * True when the text is an Excel 2003 XML workbook: the `<?mso-application progid="Excel.Sheet"?>`
 * marker, or a `<Workbook>` element in the SpreadsheetML namespace near the start.
 * (Excel's own HTML export declares `urn:schemas-microsoft-com:office:excel`, a different one.)
 */
export function looksLikeSpreadsheetMl(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (!/^\s*</.test(head)) return false;
  if (/<\?mso-application\s+progid\s*=\s*["']Excel\.Sheet["']/i.test(head)) return true;
  return /<(?:[\w.-]+:)?Workbook[\s>]/.test(head) && head.includes(SPREADSHEET_NAMESPACE);
}

/** Parses the first worksheet of an Excel 2003 XML workbook. Throws XlsxFormatError when it cannot. */
export function parseSpreadsheetMl(text: string): XlsxValue[][] {
  let root: XmlElement;
  try {
    root = parseXml(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new XlsxFormatError(SHEET_READ_MESSAGES.xmlWorkbookDamaged);
    throw e;
  }
  if (root.name !== 'Workbook') throw new XlsxFormatError(SHEET_READ_MESSAGES.xmlWorkbookNotWorkbook);
  const worksheet = firstChild(root, 'Worksheet');
  const table = worksheet ? firstChild(worksheet, 'Table') : undefined;
  if (!table) throw new XlsxFormatError(SHEET_READ_MESSAGES.xmlWorkbookNoSheet);

  const grid = new SheetGrid();
  let row = -1;
  for (const rowEl of childElements(table, 'Row')) {
    const index = integerAttribute(attrByLocalName(rowEl, 'Index'));
    row = index !== undefined && index >= 1 ? index - 1 : row + 1;
    let col = -1;
    for (const cell of childElements(rowEl, 'Cell')) {
      const cellIndex = integerAttribute(attrByLocalName(cell, 'Index'));
      col = cellIndex !== undefined && cellIndex >= 1 ? cellIndex - 1 : col + 1;
      grid.set(row, col, cellValue(cell));
      // The next cell without ss:Index follows the merged columns (MergeDown does not move it).
      col += integerAttribute(attrByLocalName(cell, 'MergeAcross')) ?? 0;
      if (col >= SHEET_MAX_COLUMNS) break;
    }
    // ss:Span="n": this element also stands for the n rows after it (formatting only, no cells).
    row += integerAttribute(attrByLocalName(rowEl, 'Span')) ?? 0;
    if (row >= SHEET_MAX_ROWS) break;
  }
  return grid.toRows();
}

function cellValue(cell: XmlElement): XlsxValue {
  const data = firstChild(cell, 'Data');
  if (!data) return null;
  // Rich text (<ss:Data> with html <B>, <Font>, <Sup>…) is the concatenation of its text.
  const text = textContent(data);
  const type = attrByLocalName(data, 'Type') ?? 'String';
  switch (type) {
    case 'Number': {
      const t = text.trim();
      if (t === '') return null;
      const n = Number(t);
      return Number.isFinite(n) ? n : text;
    }
    case 'DateTime': {
      if (text.trim() === '') return null;
      return isoDateTimeToLima(text) ?? text;
    }
    case 'Boolean': {
      const t = text.trim().toLowerCase();
      if (t === '1' || t === 'true') return true;
      if (t === '0' || t === 'false') return false;
      return t === '' ? null : text;
    }
    case 'Error':
      return text.trim();
    default:
      return text;
  }
}
