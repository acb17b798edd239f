/**
 * Reads the first worksheet of a legacy Excel workbook (`.xls`) into rows of values, in the same
 * shape as `parseXlsx`: 0-based rows, null for missing cells, every row the same width, empty
 * rows at the end dropped.
 *
 * An `.xls` file is a compound file (see `./cfb`) holding a 'Workbook' stream of BIFF8 records
 * (Excel 97–2003) or a 'Book' stream of BIFF5 records (Excel 5.0/95, strings in the workbook's
 * code page). A stream is a sequence of records — type (2 bytes), length (2 bytes), data — split
 * into substreams that each run from a BOF to an EOF record: first the workbook globals (shared
 * strings, number formats, cell formats, the list of sheets), then one per sheet
 * ([MS-XLS] 2.1.4, 2.4).
 *
 * What is read: strings (shared, inline, rich), numbers (NUMBER, RK, MULRK, INTEGER), booleans,
 * errors (as their text, e.g. '#N/A'), and formulas' cached results. Numbers whose cell format is a
 * date or time become `Date`s in Lima time (`excelSerialToDate`), honouring the 1904 date system.
 *
 * The file is untrusted: every read is bounds-checked, every loop advances, and whatever is
 * malformed ends in an `XlsxFormatError` with a Spanish message for the consultant. A file that is
 * cut short is refused rather than read in part: the import treats appointments missing from the
 * report as cancelled on the platform.
 */
import { openCompoundFile, u16, u32, type CompoundFile } from './cfb';
import { decodeWindows1252 } from './decode';
import { XLS_MESSAGES } from './messages';
import { excelSerialToDate, isDateFormatCode, XlsxFormatError, type XlsxValue } from './xlsx';

export { XLS_MESSAGES };

// Record types ([MS-XLS] 2.3).
const R_FORMULA = 0x0006;
const R_EOF = 0x000a;
const R_DATEMODE = 0x0022;
const R_FILEPASS = 0x002f;
const R_CONTINUE = 0x003c;
const R_CODEPAGE = 0x0042;
const R_BOUNDSHEET = 0x0085;
const R_MULRK = 0x00bd;
const R_MULBLANK = 0x00be;
const R_RSTRING = 0x00d6;
const R_XF = 0x00e0;
const R_SST = 0x00fc;
const R_LABELSST = 0x00fd;
const R_BLANK = 0x0201;
const R_NUMBER = 0x0203;
const R_LABEL = 0x0204;
const R_BOOLERR = 0x0205;
const R_STRING = 0x0207;
const R_RK = 0x027e;
const R_FORMAT = 0x041e;
const R_BOF = 0x0809;
/** BIFF2 (Excel 2.x) only; kept because some generators still write it. */
const R_INTEGER = 0x0002;
/** BOF records of BIFF2, BIFF3 and BIFF4 (Excel 2.x–4.0), whose layout is not read here. */
const OLD_BOFS = new Set([0x0009, 0x0209, 0x0409]);

const BOF_WORKBOOK_GLOBALS = 0x0005;
const SHEET_TYPE_WORKSHEET = 0;
/** Excel's last column is IV (256 columns) in BIFF5 and BIFF8. */
const MAX_COLUMN = 255;
/** Serial of 31/12/9999, the last date Excel shows; larger "dates" stay numbers. */
const MAX_DATE_SERIAL = 2958465;

/** Built-in number formats that are dates or times ([MS-XLS] 2.4.126; ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

const ERROR_TEXTS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/**
 * Code pages of BIFF5 8-bit strings read as Windows-1252: 1252 itself (Excel on Windows in
 * Spanish), 0x8001 (BIFF's own number for it), US-ASCII, and ISO-8859-1 (equal to 1252 except in
 * the rarely used 0x80–0x9F controls).
 */
const WINDOWS_1252_CODE_PAGES = new Set([1252, 0x8001, 367, 20127, 28591]);

function damaged(): never {
  throw new XlsxFormatError(XLS_MESSAGES.damaged);
}

const CHUNK = 8192;

/** Characters from a list of UTF-16 code units, in chunks (apply has an argument limit). */
function fromCodes(codes: ArrayLike<number>): string {
  if (codes.length <= CHUNK) return String.fromCharCode.apply(null, codes as number[]);
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, Array.prototype.slice.call(codes, i, i + CHUNK) as number[]));
  }
  return parts.join('');
}

/**
 * Reads a structure that may go on in CONTINUE records. The data is a list of byte ranges of the
 * stream (the record's, then each CONTINUE's). Numbers and skipped bytes flow across range
 * boundaries as if the ranges were one; the characters of a string do not: when they go on in the
 * next range, it starts with a new option byte whose low bit says whether the rest are 8-bit
 * (Latin-1, "compressed") or 16-bit (UTF-16LE) ([MS-XLS] 2.4.58, 2.5.293).
 */
class ContinuedReader {
  private index = 0;
  private pos: number;
  private end: number;

  constructor(
    private readonly b: Uint8Array,
    private readonly ranges: number[], // [start0, end0, start1, end1, …]
  ) {
    this.pos = ranges[0];
    this.end = ranges[1];
  }

  private nextRange(): void {
    this.index++;
    if (this.index * 2 >= this.ranges.length) damaged();
    this.pos = this.ranges[this.index * 2];
    this.end = this.ranges[this.index * 2 + 1];
  }

  /** True when every range is used up. */
  atEnd(): boolean {
    while (this.pos >= this.end) {
      if ((this.index + 1) * 2 >= this.ranges.length) return true;
      this.nextRange();
    }
    return false;
  }

  u8(): number {
    while (this.pos >= this.end) this.nextRange();
    return this.b[this.pos++];
  }

  u16(): number {
    const lo = this.u8();
    return lo | (this.u8() << 8);
  }

  u32(): number {
    const lo = this.u16();
    return (lo + this.u16() * 0x10000) >>> 0;
  }

  skip(n: number): void {
    while (n > 0) {
      while (this.pos >= this.end) this.nextRange();
      const k = Math.min(n, this.end - this.pos);
      this.pos += k;
      n -= k;
    }
  }

  chars(count: number, sixteenBit: boolean): string {
    const parts: string[] = [];
    let left = count;
    let wide = sixteenBit;
    while (left > 0) {
      if (this.pos >= this.end) {
        this.nextRange();
        if (this.pos >= this.end) continue; // an empty CONTINUE: not even an option byte
        wide = (this.b[this.pos++] & 0x01) === 1;
      }
      const width = wide ? 2 : 1;
      const n = Math.min(left, Math.floor((this.end - this.pos) / width));
      if (n === 0) damaged(); // a 16-bit character cut in half by a record boundary
      if (wide) {
        const codes = new Array<number>(n);
        for (let i = 0, at = this.pos; i < n; i++, at += 2) codes[i] = this.b[at] | (this.b[at + 1] << 8);
        parts.push(fromCodes(codes));
      } else {
        parts.push(fromCodes(this.b.subarray(this.pos, this.pos + n)));
      }
      this.pos += n * width;
      left -= n;
    }
    return parts.length === 1 ? parts[0] : parts.join('');
  }

  /**
   * A BIFF8 string: character count, option byte (bit 0: 16-bit characters; bit 3: rich-text
   * runs follow; bit 2: Far-East phonetic data follows), then the characters, then the runs
   * (4 bytes each) and phonetic data, which are not part of the text and are skipped.
   */
  unicodeString(): string {
    const count = this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const phonetic = flags & 0x04 ? this.u32() : 0;
    const text = this.chars(count, (flags & 0x01) === 1);
    this.skip(runs * 4 + phonetic);
    return text;
  }
}

interface BiffRecord {
  type: number;
  /** Where the data starts and ends in the stream. */
  start: number;
  end: number;
}


interface Globals {
  biff: 5 | 8;
  codePage: number;
  date1904: boolean;
  /** For each XF (cell format) index: whether its number format shows a date or time. */
  dateXf: boolean[];
  sst: string[];
  /** Stream offset of the first worksheet's BOF; undefined when the workbook has none. */
  firstSheet: number | undefined;
}

class BiffStream {
  readonly view: DataView;

  constructor(readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /** The record at `pos`; a record header or data running past the end is damage. */
  recordAt(pos: number): BiffRecord {
    if (pos + 4 > this.b.length) damaged();
    const start = pos + 4;
    const end = start + u16(this.b, pos + 2);
    if (end > this.b.length) damaged();
    return { type: u16(this.b, pos), start, end };
  }

  /** The data ranges of the record at `pos` and of the CONTINUE records right after it. */
  continuedRanges(rec: BiffRecord): number[] {
    const ranges = [rec.start, rec.end];
    let pos = rec.end;
    while (pos + 4 <= this.b.length && u16(this.b, pos) === R_CONTINUE) {
      const next = this.recordAt(pos);
      ranges.push(next.start, next.end);
      pos = next.end;
    }
    return ranges;
  }

  /** A BIFF8 string within one record. */
  unicodeString(start: number, end: number): string {
    if (start >= end) damaged();
    return new ContinuedReader(this.b, [start, end]).unicodeString();
  }

  /** An 8-bit BIFF5 string of `count` bytes at `start` (only Windows-1252-family code pages get this far). */
  byteString(start: number, count: number, end: number): string {
    if (start + count > end) damaged();
    return decodeWindows1252(this.b.subarray(start, start + count));
  }
}

function readGlobals(s: BiffStream): Globals {
  const b = s.b;
  const bof = s.recordAt(0);
  if (OLD_BOFS.has(bof.type)) throw new XlsxFormatError(XLS_MESSAGES.tooOld);
  if (bof.type !== R_BOF || bof.end - bof.start < 4) damaged();
  const version = u16(b, bof.start);
  let biff: 5 | 8;
  if (version === 0x0500) biff = 5;
  else if (version === 0x0600 || bof.end - bof.start >= 16) biff = 8; // BIFF8's BOF is 16 bytes
  else throw new XlsxFormatError(XLS_MESSAGES.tooOld);
  if (u16(b, bof.start + 2) !== BOF_WORKBOOK_GLOBALS) damaged();

  const g: Globals = { biff, codePage: 1252, date1904: false, dateXf: [], sst: [], firstSheet: undefined };
  const formatCodes = new Map<number, string>();
  const xfFormats: number[] = [];
  let pos = bof.end;
  for (;;) {
    const r = s.recordAt(pos); // a globals substream without its EOF is a truncated file
    const { start, end } = r;
    const len = end - start;
    switch (r.type) {
      case R_FILEPASS:
        // Everything after it is encrypted (RC4 or XOR obfuscation).
        throw new XlsxFormatError(XLS_MESSAGES.encrypted);
      case R_CODEPAGE:
        if (len >= 2) g.codePage = u16(b, start);
        break;
      case R_DATEMODE:
        if (len >= 2) g.date1904 = u16(b, start) === 1;
        break;
      case R_FORMAT:
        if (len < 3) damaged();
        formatCodes.set(u16(b, start), biff === 8 ? s.unicodeString(start + 2, end) : s.byteString(start + 3, b[start + 2], end));
        break;
      case R_XF:
        if (len < 4) damaged();
        xfFormats.push(u16(b, start + 2));
        break;
      case R_BOUNDSHEET:
        if (len < 6) damaged();
        if (g.firstSheet === undefined && b[start + 5] === SHEET_TYPE_WORKSHEET) g.firstSheet = u32(b, start);
        break;
      case R_SST:
        if (biff === 8) g.sst = readSst(s, r);
        break;
      case R_EOF:
        g.dateXf = xfFormats.map((id) => {
          const code = formatCodes.get(id);
          return code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id);
        });
        return g;
    }
    pos = end;
  }
}

/** The shared string table: total count, unique count, then the unique strings ([MS-XLS] 2.4.265). */
function readSst(s: BiffStream, rec: BiffRecord): string[] {
  const r = new ContinuedReader(s.b, s.continuedRanges(rec));
  r.u32(); // how many cells use the table
  const unique = r.u32();
  const strings: string[] = [];
  // Some writers miscount: read what is there, up to the declared number.
  while (strings.length < unique && !r.atEnd()) strings.push(r.unicodeString());
  return strings;
}

function rkNumber(view: DataView, rk: number): number {
  let v: number;
  if (rk & 0x02) {
    v = (rk | 0) >> 2; // a signed 30-bit integer
  } else {
    // The 30 high bits of an IEEE 754 double; the low 34 bits are zero.
    view.setUint32(0, 0, true);
    view.setUint32(4, (rk & 0xfffffffc) >>> 0, true);
    v = view.getFloat64(0, true);
  }
  return rk & 0x01 ? v / 100 : v;
}

function readFirstSheet(s: BiffStream, g: Globals): XlsxValue[][] {
  const b = s.b;
  if (g.firstSheet === undefined) throw new XlsxFormatError(XLS_MESSAGES.noSheets);
  if (g.biff === 5 && !WINDOWS_1252_CODE_PAGES.has(g.codePage)) throw new XlsxFormatError(XLS_MESSAGES.codePage);
  const bof = s.recordAt(g.firstSheet);
  if (bof.type !== R_BOF) damaged();

  const scratch = new DataView(new ArrayBuffer(8));
  const cells = new Map<number, Map<number, XlsxValue>>();
  const put = (row: number, col: number, v: XlsxValue) => {
    if (col > MAX_COLUMN) return;
    let rowCells = cells.get(row);
    if (v === null || v === '') {
      rowCells?.delete(col);
      return;
    }
    if (!rowCells) cells.set(row, (rowCells = new Map()));
    rowCells.set(col, v);
  };
  const numberValue = (xf: number, v: number): XlsxValue => {
    if (!Number.isFinite(v)) return null;
    if (g.dateXf[xf] && v >= 0 && v <= MAX_DATE_SERIAL) return excelSerialToDate(v, g.date1904);
    return v;
  };
  // BIFF8: a unicode string; BIFF5: a 16-bit length and 8-bit characters in the code page.
  const text = (start: number, end: number): string => {
    if (g.biff === 8) return s.unicodeString(start, end);
    if (end - start < 2) damaged();
    return s.byteString(start + 2, u16(b, start), end);
  };

  // A formula with a text result keeps the text in the STRING record that follows it (after a
  // SHRFMLA or ARRAY record when the formula is shared).
  let pendingString: { row: number; col: number } | null = null;
  // Embedded charts are substreams (BOF…EOF) nested inside the sheet's; their cached series
  // values use cell records too, which are not cells of the sheet.
  let depth = 0;
  let pos = bof.end;
  for (;;) {
    const r = s.recordAt(pos);
    const { start, end } = r;
    const len = end - start;
    pos = end;
    if (r.type === R_BOF) {
      depth++;
      continue;
    }
    if (r.type === R_EOF) {
      if (depth === 0) break;
      depth--;
      continue;
    }
    if (depth > 0) continue;
    const row = len >= 4 ? u16(b, start) : 0;
    const col = len >= 4 ? u16(b, start + 2) : 0;
    const xf = len >= 6 ? u16(b, start + 4) : 0;
    switch (r.type) {
      case R_NUMBER:
        if (len < 14) damaged();
        pendingString = null;
        put(row, col, numberValue(xf, s.view.getFloat64(start + 6, true)));
        break;
      case R_RK:
        if (len < 10) damaged();
        pendingString = null;
        put(row, col, numberValue(xf, rkNumber(scratch, u32(b, start + 6))));
        break;
      case R_MULRK: {
        // row, first column, then (XF, RK) for each column, then the last column.
        if (len < 12) damaged();
        pendingString = null;
        const n = Math.floor((len - 6) / 6);
        for (let i = 0; i < n; i++) {
          const at = start + 4 + i * 6;
          put(row, col + i, numberValue(u16(b, at), rkNumber(scratch, u32(b, at + 2))));
        }
        break;
      }
      case R_INTEGER:
        // BIFF2 layout: row, column, 3 bytes of attributes, an unsigned 16-bit value.
        if (len < 9) damaged();
        pendingString = null;
        put(row, col, u16(b, start + 7));
        break;
      case R_LABELSST: {
        if (len < 10) damaged();
        pendingString = null;
        const index = u32(b, start + 6);
        if (index >= g.sst.length) damaged();
        put(row, col, g.sst[index]);
        break;
      }
      case R_LABEL:
      case R_RSTRING:
        if (len < 8) damaged();
        pendingString = null;
        put(row, col, text(start + 6, end));
        break;
      case R_BOOLERR:
        if (len < 8) damaged();
        pendingString = null;
        put(row, col, b[start + 7] ? ERROR_TEXTS[b[start + 6]] ?? '#N/A' : b[start + 6] !== 0);
        break;
      case R_FORMULA: {
        // row, column, XF, 8-byte cached result, flags, 4 reserved bytes, the parsed formula.
        if (len < 20) damaged();
        pendingString = null;
        if (u16(b, start + 12) !== 0xffff) {
          put(row, col, numberValue(xf, s.view.getFloat64(start + 6, true)));
          break;
        }
        const kind = b[start + 6];
        if (kind === 0) pendingString = { row, col };
        else if (kind === 1) put(row, col, b[start + 8] !== 0);
        else if (kind === 2) put(row, col, ERROR_TEXTS[b[start + 8]] ?? '#N/A');
        else put(row, col, null); // 3: an empty string
        break;
      }
      case R_STRING:
        if (pendingString) {
          // A long BIFF8 text result goes on in CONTINUE records.
          const value = g.biff === 8 ? new ContinuedReader(b, s.continuedRanges(r)).unicodeString() : text(start, end);
          put(pendingString.row, pendingString.col, value);
          pendingString = null;
        }
        break;
      case R_BLANK:
      case R_MULBLANK:
        pendingString = null;
        break;
    }
  }

  let lastRow = -1;
  let width = 0;
  for (const [row, rowCells] of cells) {
    if (rowCells.size === 0) continue;
    if (row > lastRow) lastRow = row;
    for (const col of rowCells.keys()) if (col + 1 > width) width = col + 1;
  }
  const rows: XlsxValue[][] = [];
  for (let r = 0; r <= lastRow; r++) {
    const row = new Array<XlsxValue>(width).fill(null);
    const rowCells = cells.get(r);
    if (rowCells) for (const [c, v] of rowCells) row[c] = v;
    rows.push(row);
  }
  return rows;
}

/**
 * Parses the first worksheet of a BIFF8 ('Workbook') or BIFF5 ('Book') workbook stream, as
 * taken out of the compound file.
 */
export function parseBiffWorkbook(stream: Uint8Array): XlsxValue[][] {
  try {
    const s = new BiffStream(stream);
    return readFirstSheet(s, readGlobals(s));
  } catch (e) {
    if (e instanceof XlsxFormatError) throw e;
    // Any other failure on untrusted bytes (an out-of-range read) is a damaged file too.
    damaged();
  }
}

/** Parses the first worksheet of an `.xls` file (the compound file's bytes). */
export function parseXls(bytes: Uint8Array): XlsxValue[][] {
  let cfb: CompoundFile;
  let stream: Uint8Array | null;
  try {
    cfb = openCompoundFile(bytes);
    // Excel 97's "Excel 97 & 5.0/95" format keeps both; the BIFF8 'Workbook' is the complete one.
    stream = cfb.readStream('Workbook') ?? cfb.readStream('Book');
  } catch (e) {
    if (e instanceof XlsxFormatError) throw e;
    // CompoundFileError, or any other failure on untrusted bytes: the file is damaged.
    damaged();
  }
  if (stream === null) {
    const names = new Set(cfb.rootEntries.map((e) => e.name.toUpperCase()));
    // A password-protected .xlsx is a compound file holding the encrypted zip ([MS-OFFCRYPTO]).
    if (names.has('ENCRYPTEDPACKAGE') || names.has('ENCRYPTIONINFO')) throw new XlsxFormatError(XLS_MESSAGES.encrypted);
    if (names.has('WORDDOCUMENT')) throw new XlsxFormatError(XLS_MESSAGES.notWorkbookKind('un documento de Word'));
    if (names.has('POWERPOINT DOCUMENT')) throw new XlsxFormatError(XLS_MESSAGES.notWorkbookKind('una presentación de PowerPoint'));
    throw new XlsxFormatError(XLS_MESSAGES.notWorkbook);
  }
  return parseBiffWorkbook(stream);
}
