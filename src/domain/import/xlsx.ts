/**
 * Reads the first worksheet of an XLSX workbook (ECMA-376 SpreadsheetML) into rows of values.
 *
 * The caller unzips the file (Apps Script: `Utilities.unzip`) and passes each part's XML text by
 * its path. What is read:
 * - the first sheet in workbook order (`xl/workbook.xml` → its relationship → the sheet part);
 * - shared strings, including rich text (`<r><t>`; phonetic `<rPh>` runs are skipped), inline
 *   strings, formula results (`t="str"`), booleans, errors (as their text, e.g. '#N/A'), numbers,
 *   ISO dates (`t="d"`);
 * - numbers whose cell style has a date/time number format become `Date`s. Excel stores a date as
 *   the number of days since its epoch with no time zone: it is the wall-clock time the person
 *   typed, which for this service is Lima time, so it is converted with `limaDate`;
 * - sparse cells (`r="C5"` after `A2`) land in their real row and column. Rows are 0-based in the
 *   result (row index + 1 = the row number Excel shows); missing cells are null; every row has the
 *   same width; empty rows at the end are dropped.
 */
import { limaDate } from '../lima-time';
import { attrByLocalName, childElements, firstChild, parseXml, type XmlElement } from './xml';

export type XlsxValue = string | number | Date | boolean | null;

/** The file is not a workbook we can read; the message is for the consultant. */
export class XlsxFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxFormatError';
  }
}

const DAY_MS = 86_400_000;

/**
 * The Lima instant of an Excel serial date.
 * 1900 date system: serial 1 = 1900-01-01, and Excel counts a 29 February 1900 that never existed
 * (serial 60, inherited from Lotus 1-2-3), so from serial 61 (1900-03-01) the epoch is 1899-12-30;
 * below it, 1899-12-31. 1904 date system (old Mac workbooks, `date1904`): serial 0 = 1904-01-01.
 * The fraction is the time of day, rounded to the second (15:30 is stored as 0.6458333333333334).
 */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds >= 86_400) {
    days += 1;
    seconds -= 86_400;
  }
  let epoch: number;
  if (date1904) epoch = Date.UTC(1904, 0, 1);
  else if (days >= 61) epoch = Date.UTC(1899, 11, 30);
  else epoch = Date.UTC(1899, 11, 31);
  const day = new Date(epoch + days * DAY_MS);
  const midnight = limaDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
  return new Date(midnight.getTime() + seconds * 1000);
}

/** Built-in number formats that are dates or times (ECMA-376 Part 1, §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * True when a custom number format code shows a date or time: it has a d, m, y or h (or an
 * elapsed-time [h]/[m]/[s]) outside quoted literals, escaped characters, padding/fill characters
 * and bracketed sections like [Red], [$-280A] or [>=100].
 */
export function isDateFormatCode(code: string): boolean {
  const s = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
  return /[dmyh]/i.test(s);
}

function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const p of path.replace(/\\/g, '/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** Resolves a relationship target against the folder of the part that owns the relationship. */
function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return normalisePath(target);
  const folder = sourcePart.includes('/') ? sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1) : '';
  return normalisePath(folder + target);
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return part.slice(0, slash + 1) + '_rels/' + part.slice(slash + 1) + '.rels';
}

interface Relationship {
  type: string;
  target: string;
}

/** Entries looked up by path, ignoring a leading '/' and (as OPC says) letter case. */
class Parts {
  private readonly byLowerPath = new Map<string, string>();
  constructor(entries: Record<string, string>) {
    for (const key of Object.keys(entries)) this.byLowerPath.set(normalisePath(key).toLowerCase(), entries[key]);
  }
  get(path: string): string | undefined {
    return this.byLowerPath.get(normalisePath(path).toLowerCase());
  }
  xml(path: string): XmlElement | undefined {
    const text = this.get(path);
    return text === undefined ? undefined : parseXml(text);
  }
  relationships(part: string): Map<string, Relationship> {
    const rels = new Map<string, Relationship>();
    const root = this.xml(relsPathOf(part));
    if (!root) return rels;
    for (const r of childElements(root, 'Relationship')) {
      const id = r.attrs.Id;
      if (id && r.attrs.Target && r.attrs.TargetMode !== 'External') {
        rels.set(id, { type: r.attrs.Type ?? '', target: resolveTarget(part, r.attrs.Target) });
      }
    }
    return rels;
  }
}

function findRelationship(rels: Map<string, Relationship>, typeSuffix: string): Relationship | undefined {
  for (const r of rels.values()) if (r.type.endsWith(typeSuffix)) return r;
  return undefined;
}

/** `_xHHHH_` is how OOXML writes characters XML cannot carry (e.g. `_x000D_`); `_x005F_` is '_'. */
function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Text of a `<t>`: kept exactly when `xml:space="preserve"` applies; otherwise only whitespace
 * that contains a line break at either end is removed — that is indentation from a
 * pretty-printing producer, while a plain space at the end of a rich-text run is part of the text.
 */
function tText(t: XmlElement, preserve: boolean): string {
  let s = '';
  for (const c of t.children) if (typeof c === 'string') s += c;
  if (!preserve && t.attrs['xml:space'] !== 'preserve') s = s.replace(/^\s*\n\s*|\s*\n\s*$/g, '');
  return decodeOoxmlEscapes(s);
}

/** Text of a string item (`<si>` or `<is>`): its `<t>`, or its rich-text runs' `<t>`s. */
function stringItemText(item: XmlElement): string {
  const preserve = item.attrs['xml:space'] === 'preserve';
  let s = '';
  for (const c of item.children) {
    if (typeof c === 'string') continue;
    if (c.name === 't') s += tText(c, preserve);
    else if (c.name === 'r') {
      const runPreserve = preserve || c.attrs['xml:space'] === 'preserve';
      for (const t of childElements(c, 't')) s += tText(t, runPreserve);
    }
    // rPh (phonetic guide) and phoneticPr are not part of the cell's text.
  }
  return s;
}

function readSharedStrings(root: XmlElement | undefined): string[] {
  if (!root) return [];
  return childElements(root, 'si').map(stringItemText);
}

/** For each cell style index (`s` attribute), whether it shows a date or time. */
function readDateStyles(root: XmlElement | undefined): boolean[] {
  if (!root) return [];
  const custom = new Map<number, string>();
  const numFmts = firstChild(root, 'numFmts');
  if (numFmts) {
    for (const f of childElements(numFmts, 'numFmt')) custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? '');
  }
  const cellXfs = firstChild(root, 'cellXfs');
  if (!cellXfs) return [];
  return childElements(cellXfs, 'xf').map((xf) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

/** 'C5' → column 2 (0-based); 'AA10' → 26. Returns -1 when there are no letters. */
function columnIndex(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i === 0 ? -1 : col - 1;
}

function rowNumberOf(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? parseInt(m[0], 10) : NaN;
}

/** `t="d"` cells: ISO 8601 without a zone is a wall-clock time, read as Lima time. */
function isoToLimaDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?/.exec(s.trim());
  if (!m) return null;
  const d = limaDate(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0);
  return new Date(d.getTime() + (m[6] ? +m[6] * 1000 : 0));
}

interface WorkbookInfo {
  sheetPath: string;
  sharedStringsPath?: string;
  stylesPath?: string;
  date1904: boolean;
}

function locateParts(parts: Parts): WorkbookInfo {
  const rootRels = parts.relationships('');
  const officeDoc = findRelationship(rootRels, '/officeDocument');
  const workbookPath = officeDoc?.target ?? 'xl/workbook.xml';
  const workbook = parts.xml(workbookPath);
  if (!workbook) {
    throw new XlsxFormatError('El archivo no es un libro de Excel (.xlsx) válido: no contiene la hoja de cálculo (xl/workbook.xml).');
  }
  const pr = firstChild(workbook, 'workbookPr');
  const date1904 = pr ? /^(1|true)$/i.test(pr.attrs.date1904 ?? '') : false;
  const sheets = firstChild(workbook, 'sheets');
  const firstSheet = sheets ? childElements(sheets, 'sheet')[0] : undefined;
  if (!firstSheet) throw new XlsxFormatError('El libro de Excel no tiene hojas.');
  const rels = parts.relationships(workbookPath);
  const rid = attrByLocalName(firstSheet, 'id');
  const sheetRel = rid ? rels.get(rid) : undefined;
  const sheetPath = sheetRel?.target ?? 'xl/worksheets/sheet1.xml';
  return {
    sheetPath,
    sharedStringsPath: findRelationship(rels, '/sharedStrings')?.target ?? 'xl/sharedStrings.xml',
    stylesPath: findRelationship(rels, '/styles')?.target ?? 'xl/styles.xml',
    date1904,
  };
}

/** Parses the first worksheet of an unzipped XLSX workbook (part path → XML text). */
export function parseXlsx(entries: Record<string, string>): XlsxValue[][] {
  const parts = new Parts(entries);
  const info = locateParts(parts);
  const sheet = parts.xml(info.sheetPath);
  if (!sheet) throw new XlsxFormatError(`El libro de Excel está incompleto: falta la hoja ${info.sheetPath}.`);
  const shared = readSharedStrings(info.sharedStringsPath ? parts.xml(info.sharedStringsPath) : undefined);
  const dateStyles = readDateStyles(info.stylesPath ? parts.xml(info.stylesPath) : undefined);

  const cellsByRow = new Map<number, Map<number, XlsxValue>>();
  let lastRow = -1;
  let width = 0;
  const sheetData = firstChild(sheet, 'sheetData');
  let rowIndex = -1;
  for (const rowEl of sheetData ? childElements(sheetData, 'row') : []) {
    const r = rowEl.attrs.r ? parseInt(rowEl.attrs.r, 10) - 1 : NaN;
    const firstRef = childElements(rowEl, 'c')[0]?.attrs.r;
    rowIndex = r >= 0 ? r : firstRef && rowNumberOf(firstRef) > 0 ? rowNumberOf(firstRef) - 1 : rowIndex + 1;
    let col = -1;
    const cells = new Map<number, XlsxValue>();
    for (const c of childElements(rowEl, 'c')) {
      const ref = c.attrs.r;
      const refCol = ref ? columnIndex(ref) : -1;
      col = refCol >= 0 ? refCol : col + 1;
      const value = cellValue(c, shared, dateStyles, info.date1904);
      if (value === null || value === '') continue;
      cells.set(col, value);
      if (col + 1 > width) width = col + 1;
    }
    if (cells.size > 0) {
      const existing = cellsByRow.get(rowIndex);
      if (existing) for (const [k, v] of cells) existing.set(k, v);
      else cellsByRow.set(rowIndex, cells);
      if (rowIndex > lastRow) lastRow = rowIndex;
    }
  }

  const rows: XlsxValue[][] = [];
  for (let r = 0; r <= lastRow; r++) {
    const row = new Array<XlsxValue>(width).fill(null);
    const cells = cellsByRow.get(r);
    if (cells) for (const [k, v] of cells) row[k] = v;
    rows.push(row);
  }
  return rows;
}

function cellValue(c: XmlElement, shared: string[], dateStyles: boolean[], date1904: boolean): XlsxValue {
  const type = c.attrs.t ?? 'n';
  const vEl = firstChild(c, 'v');
  const v = vEl ? vEl.children.filter((x): x is string => typeof x === 'string').join('') : undefined;
  switch (type) {
    case 's': {
      const idx = v === undefined ? NaN : parseInt(v, 10);
      return idx >= 0 && idx < shared.length ? shared[idx] : null;
    }
    case 'inlineStr': {
      const is = firstChild(c, 'is');
      return is ? stringItemText(is) : v !== undefined ? decodeOoxmlEscapes(v) : null;
    }
    case 'str':
      return v === undefined ? null : decodeOoxmlEscapes(v);
    case 'b':
      return v === undefined ? null : v.trim() === '1' || v.trim().toLowerCase() === 'true';
    case 'e':
      return v === undefined ? null : v.trim();
    case 'd':
      return v === undefined ? null : isoToLimaDate(v) ?? v;
    default: {
      if (v === undefined || v.trim() === '') return null;
      const num = Number(v);
      if (!Number.isFinite(num)) return v.trim();
      const s = c.attrs.s ? parseInt(c.attrs.s, 10) : 0;
      if (dateStyles[s] && num >= 0) return excelSerialToDate(num, date1904);
      return num;
    }
  }
}
