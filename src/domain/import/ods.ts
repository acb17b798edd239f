/**
 * Reads the first sheet of an OpenDocument spreadsheet (.ods: LibreOffice "Guardar como",
 * Google Sheets "Descargar como .ods") into rows of values, with the same row contract as
 * `parseXlsx`.
 *
 * The caller unzips the file and passes each entry's text by path; only `content.xml` is read
 * (a flat, single-file .fods document can be given to `parseOdsXml` directly). What is read:
 * - the first `table:table` of `office:spreadsheet`, its rows also inside header-row and
 *   row-group elements;
 * - `table:number-rows-repeated` / `table:number-columns-repeated`. LibreOffice describes the
 *   whole sheet, so a saved file ends with e.g. one row repeated 1 048 000 times and cells
 *   repeated 16 000 times: empty repeats only move the position (nothing is allocated, and
 *   trailing ones disappear); a repeated value is copied, within `MAX_IMPORT_CELLS`;
 * - merged cells: the value is in the top-left cell, `table:covered-table-cell`s are null;
 * - types: float/percentage/currency → `office:value` as a number; date → `office:date-value` at
 *   Lima wall-clock; time → `office:time-value` ('PT10H30M00S') as the Date `excelSerialToDate`
 *   gives for that day fraction (so a time reads the same from .ods and .xlsx); boolean →
 *   `office:boolean-value`; string or no type → the cell's text (`text:p` paragraphs joined by
 *   '\n', with `text:s` spaces, tabs, line breaks, spans and links; annotations are not text).
 *   Text stays text: a DNI '01234567' keeps its zero.
 */
import { excelSerialToDate, XlsxFormatError, type XlsxValue } from './xlsx';
import {
  integerAttribute,
  isoDateTimeToLima,
  MAX_IMPORT_CELLS,
  SHEET_MAX_COLUMNS,
  SHEET_MAX_ROWS,
  SHEET_READ_MESSAGES,
  SheetGrid,
} from './spreadsheetml';
import { attrByLocalName, childElements, firstChild, parseXml, XmlSyntaxError, type XmlElement } from './xml';
import { ODS_MESSAGES } from './messages';

const SPREADSHEET_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

export { ODS_MESSAGES };

/** Entries by path, ignoring a leading '/' and letter case. */
function entryText(entries: Record<string, string>, path: string): string | undefined {
  for (const key of Object.keys(entries)) {
    if (key.replace(/^\/+/, '').toLowerCase() === path) return entries[key];
  }
  return undefined;
}

/** Parses the first sheet of an unzipped .ods (entry path → text). Throws XlsxFormatError when it cannot. */
export function parseOds(entries: Record<string, string>): XlsxValue[][] {
  const manifest = entryText(entries, 'meta-inf/manifest.xml');
  // An encrypted package has readable metadata but a scrambled content.xml.
  if (manifest && /<(?:[\w.-]+:)?encryption-data[\s/>]/.test(manifest)) throw new XlsxFormatError(ODS_MESSAGES.encrypted);
  const mimetype = entryText(entries, 'mimetype');
  if (mimetype !== undefined && /^application\/vnd\.oasis\.opendocument\./.test(mimetype.trim()) && !mimetype.trim().startsWith(SPREADSHEET_MIMETYPE)) {
    throw new XlsxFormatError(ODS_MESSAGES.notSpreadsheet);
  }
  const content = entryText(entries, 'content.xml');
  if (content === undefined) throw new XlsxFormatError(ODS_MESSAGES.noContent);
  return parseOdsXml(content);
}

/**
 * True when the text is a flat OpenDocument spreadsheet (.fods): an `office:document` whose
 * mimetype is the spreadsheet one.
 */
export function looksLikeFlatOds(text: string): boolean {
  const head = text.slice(0, 8192).replace(/^\uFEFF/, '');
  return /^\s*</.test(head) && /<(?:[\w.-]+:)?document[\s>]/.test(head) && head.includes(SPREADSHEET_MIMETYPE);
}

/** Parses the first sheet of `content.xml`, or of a flat .fods document. */
export function parseOdsXml(xml: string): XlsxValue[][] {
  let root: XmlElement;
  try {
    root = parseXml(xml.replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new XlsxFormatError(ODS_MESSAGES.damaged);
    throw e;
  }
  if (root.name !== 'document-content' && root.name !== 'document') throw new XlsxFormatError(ODS_MESSAGES.damaged);
  const body = firstChild(root, 'body');
  if (!body) throw new XlsxFormatError(ODS_MESSAGES.damaged);
  const spreadsheet = firstChild(body, 'spreadsheet');
  if (!spreadsheet) throw new XlsxFormatError(ODS_MESSAGES.notSpreadsheet);
  const table = firstChild(spreadsheet, 'table');
  if (!table) throw new XlsxFormatError(ODS_MESSAGES.noTable);

  const grid = new SheetGrid();
  let row = 0;
  for (const rowEl of tableRows(table)) {
    const repeat = Math.max(1, integerAttribute(attrByLocalName(rowEl, 'number-rows-repeated')) ?? 1);
    const cells = rowCells(rowEl);
    if (cells.length > 0) {
      // Checked before copying: a value repeated a million times is refused, not expanded.
      if (row + repeat > SHEET_MAX_ROWS) throw new XlsxFormatError(SHEET_READ_MESSAGES.outsideSheet);
      if (grid.cellCount + cells.length * repeat > MAX_IMPORT_CELLS) throw new XlsxFormatError(SHEET_READ_MESSAGES.tooLarge);
      for (let k = 0; k < repeat; k++) for (const [col, value] of cells) grid.set(row + k, col, value);
    }
    // Empty rows, repeated or not, only move the position; those at the end never become rows.
    row += repeat;
  }
  return grid.toRows();
}

/** The table's rows in order, including those inside header-row, row-group and rows elements. */
function tableRows(container: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    for (const child of childElements(el)) {
      if (child.name === 'table-row') out.push(child);
      else if (child.name === 'table-header-rows' || child.name === 'table-row-group' || child.name === 'table-rows') visit(child);
    }
  };
  visit(container);
  return out;
}

/** The non-empty cells of a row as [column, value], repeated values copied, empty repeats skipped. */
function rowCells(rowEl: XmlElement): [number, XlsxValue][] {
  const out: [number, XlsxValue][] = [];
  let col = 0;
  for (const cell of childElements(rowEl)) {
    if (cell.name !== 'table-cell' && cell.name !== 'covered-table-cell') continue;
    const repeat = Math.max(1, integerAttribute(attrByLocalName(cell, 'number-columns-repeated')) ?? 1);
    // A covered cell is hidden under a merge: its value (if LibreOffice kept one) is not shown.
    const value = cell.name === 'table-cell' ? cellValue(cell) : null;
    if (value !== null && value !== '') {
      if (col + repeat > SHEET_MAX_COLUMNS) throw new XlsxFormatError(SHEET_READ_MESSAGES.outsideSheet);
      for (let k = 0; k < repeat; k++) out.push([col + k, value]);
    }
    col += repeat;
  }
  return out;
}

function cellValue(cell: XmlElement): XlsxValue {
  const type = officeAttribute(cell, 'value-type');
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const raw = officeAttribute(cell, 'value');
      const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(n) ? n : cellText(cell);
    }
    case 'date': {
      const raw = officeAttribute(cell, 'date-value');
      return (raw !== undefined ? isoDateTimeToLima(raw) : null) ?? cellText(cell);
    }
    case 'time': {
      const raw = officeAttribute(cell, 'time-value');
      const fraction = raw !== undefined ? durationToDays(raw) : null;
      return fraction !== null ? excelSerialToDate(fraction) : cellText(cell);
    }
    case 'boolean': {
      const raw = (officeAttribute(cell, 'boolean-value') ?? '').trim().toLowerCase();
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      return cellText(cell);
    }
    case 'string': {
      const raw = officeAttribute(cell, 'string-value');
      return raw !== undefined ? raw : cellText(cell);
    }
    default:
      return cellText(cell);
  }
}

/**
 * `office:value` and friends by their `office:` name: LibreOffice also writes `calcext:value-type`
 * next to `office:value-type`, and the local-name lookup must not pick the extension's one.
 */
function officeAttribute(cell: XmlElement, name: string): string | undefined {
  return cell.attrs['office:' + name] ?? attrByLocalName(cell, name);
}

/** 'PT10H30M00S', 'PT10H30M0.5S', 'P1DT2H' → days (0.4375 for 10:30). Null when not a plain duration. */
function durationToDays(raw: string): number | null {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(raw.trim());
  if (!m || raw.trim() === 'P' || raw.trim() === 'PT') return null;
  // Years and months have no fixed length; LibreOffice never writes them for a time of day.
  if ((m[1] && +m[1] !== 0) || (m[2] && +m[2] !== 0)) return null;
  const seconds = (m[3] ? +m[3] * 86_400 : 0) + (m[4] ? +m[4] * 3600 : 0) + (m[5] ? +m[5] * 60 : 0) + (m[6] ? +m[6] : 0);
  return Number.isFinite(seconds) ? seconds / 86_400 : null;
}

/** Longest run of spaces a `text:s` may stand for (a hostile text:c must not build a huge string). */
const MAX_SPACE_RUN = 1000;

/** Elements inside a paragraph whose text is not part of the cell's text. */
const NOT_TEXT = new Set(['annotation', 'annotation-end', 'note', 'frame', 'custom-shape', 'tracked-changes', 'ruby-text']);

/** The cell's text: its paragraphs joined by '\n'. */
function cellText(cell: XmlElement): string {
  const paragraphs: string[] = [];
  for (const child of childElements(cell)) {
    if (child.name === 'p' || child.name === 'h') paragraphs.push(paragraphText(child));
  }
  return paragraphs.join('\n');
}

/**
 * ODF white-space rules (ODF 1.2 part 1, §6.1.2): in character data, each run of spaces, tabs and
 * line ends counts as one space, and those at the start and end of the paragraph are dropped;
 * spaces that matter are written as `text:s`, tabs as `text:tab`, line breaks as
 * `text:line-break`.
 */
function paragraphText(p: XmlElement): string {
  let out = '';
  let pendingSpace = false;
  const put = (s: string) => {
    if (pendingSpace && out !== '' && !out.endsWith('\n')) out += ' ';
    pendingSpace = false;
    out += s;
  };
  const visit = (el: XmlElement) => {
    for (const node of el.children) {
      if (typeof node === 'string') {
        const parts = node.split(/[ \t\r\n]+/);
        parts.forEach((part, i) => {
          if (i > 0) pendingSpace = true;
          if (part !== '') put(part);
        });
        continue;
      }
      switch (node.name) {
        case 's': {
          const count = Math.min(MAX_SPACE_RUN, Math.max(1, integerAttribute(attrByLocalName(node, 'c')) ?? 1));
          put(' '.repeat(count));
          break;
        }
        case 'tab':
          put('\t');
          break;
        case 'line-break':
          pendingSpace = false;
          out += '\n';
          break;
        default:
          if (!NOT_TEXT.has(node.name)) visit(node);
      }
    }
  };
  visit(p);
  return out;
}
