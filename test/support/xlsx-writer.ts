/**
 * A small XLSX writer and ZIP reader for tests (Node only: uses zlib).
 *
 * `writeXlsx` produces a real .xlsx (ZIP with deflate, CRC-32 and central directory) laid out the
 * way Excel saves one: [Content_Types].xml, _rels/.rels, docProps, xl/workbook.xml with its rels,
 * a shared string table with counts, styles.xml with built-in and custom date formats, sparse
 * cells with `r` references and `spans`, dates as serial numbers in date-formatted cells, text
 * cells formatted '@' (a DNI keeps its leading zero), and a merged title row.
 * `readZipEntries` unzips any .xlsx (also this one) into part path → XML text, which is what
 * the Apps Script adapter gets from `Utilities.unzip` and passes to `parseXlsx`.
 */
import { deflateRawSync, inflateRawSync } from 'zlib';
import { limaParts } from '../../src/domain/lima-time';

/** What a test can put in a cell. */
export type XlsxCellSpec =
  | string // shared string, General format
  | number // number, General format
  | boolean
  | Date // Lima date and time, format dd/mm/yyyy hh:mm (or 'date' when at 00:00)
  | null
  | undefined // no cell at all (sparse)
  | { text: string } // shared string in a cell formatted as text ('@')
  | { number: number; asText?: false; format: 'text' | 'thousands' } // a number with a style
  | { date: Date; format: 'date' | 'datetime' | 'time' | 'locale-date' }
  | { serial: number; format: 'date' | 'datetime' | 'time' | 'locale-date' }
  | { inline: string } // t="inlineStr"
  | { formula: string; result: string } // t="str" (formula with a text result)
  | { rich: string[] } // shared string made of rich-text runs
  | { error: string }; // t="e", e.g. '#N/A'

export interface XlsxOptions {
  sheetName?: string;
  /** Old Mac workbooks count days from 1904-01-01. */
  date1904?: boolean;
  /** Write every element with an 'x:' namespace prefix, as the OpenXML SDK does. */
  prefixed?: boolean;
  /** Name of the first sheet's part (Excel renumbers after deleting sheets, e.g. 'sheet3.xml'). */
  sheetFile?: string;
  /** Add a second sheet after the first (it must be ignored). */
  secondSheet?: XlsxCellSpec[][];
  /** Merge the first row across all columns (a title). */
  mergeTitle?: boolean;
  /** Write relationship targets as absolute part names ('/xl/worksheets/…'). */
  absoluteTargets?: boolean;
}

const DAY_MS = 86_400_000;

/** Excel serial number of a Lima wall-clock instant (1900 system unless date1904). */
export function dateToSerial(d: Date, date1904 = false): number {
  const p = limaParts(d);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  if (date1904) return (wall - Date.UTC(1904, 0, 1)) / DAY_MS;
  const serial = (wall - Date.UTC(1899, 11, 30)) / DAY_MS;
  return serial < 61 ? serial - 1 : serial; // before 1900-03-01 Excel's count has no fake 29 Feb yet
}

function escapeXml(s: string, attribute = false): string {
  let out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) out = out.replace(/"/g, '&quot;');
  // Control characters XML 1.0 cannot carry are written the OOXML way.
  return out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);
}

function tElement(s: string): string {
  const preserve = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : '';
  return `<t${preserve}>${escapeXml(s)}</t>`;
}

function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// Cell style indexes in cellXfs below.
const STYLE = { general: 0, date: 1, datetime: 2, time: 3, text: 4, localeDate: 5, thousands: 6 } as const;

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="[$-280A]dd/mm/yyyy;@"/><numFmt numFmtId="166" formatCode="&quot;S/&quot;\\ #,##0.00"/></numFmts><fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

class SharedStrings {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;
  add(xml: string): number {
    this.count++;
    let i = this.index.get(xml);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(xml);
      this.index.set(xml, i);
    }
    return i;
  }
}

function cellXml(ref: string, spec: XlsxCellSpec, sst: SharedStrings, date1904: boolean): string | null {
  if (spec === undefined || spec === null) return null;
  const dateFormatStyle = (f: 'date' | 'datetime' | 'time' | 'locale-date') =>
    f === 'date' ? STYLE.date : f === 'datetime' ? STYLE.datetime : f === 'time' ? STYLE.time : STYLE.localeDate;
  if (typeof spec === 'string') return `<c r="${ref}" t="s"><v>${sst.add(`<si>${tElement(spec)}</si>`)}</v></c>`;
  if (typeof spec === 'number') return `<c r="${ref}"><v>${spec}</v></c>`;
  if (typeof spec === 'boolean') return `<c r="${ref}" t="b"><v>${spec ? 1 : 0}</v></c>`;
  if (spec instanceof Date) {
    const p = limaParts(spec);
    const style = p.hour === 0 && p.minute === 0 ? STYLE.date : STYLE.datetime;
    return `<c r="${ref}" s="${style}"><v>${dateToSerial(spec, date1904)}</v></c>`;
  }
  if ('text' in spec) return `<c r="${ref}" s="${STYLE.text}" t="s"><v>${sst.add(`<si>${tElement(spec.text)}</si>`)}</v></c>`;
  if ('number' in spec) return `<c r="${ref}" s="${spec.format === 'text' ? STYLE.text : STYLE.thousands}"><v>${spec.number}</v></c>`;
  if ('date' in spec) {
    let serial = dateToSerial(spec.date, date1904);
    if (spec.format === 'time') serial -= Math.floor(serial);
    return `<c r="${ref}" s="${dateFormatStyle(spec.format)}"><v>${serial}</v></c>`;
  }
  if ('serial' in spec) return `<c r="${ref}" s="${dateFormatStyle(spec.format)}"><v>${spec.serial}</v></c>`;
  if ('inline' in spec) return `<c r="${ref}" t="inlineStr"><is>${tElement(spec.inline)}</is></c>`;
  if ('formula' in spec) return `<c r="${ref}" t="str"><f>${escapeXml(spec.formula)}</f><v>${escapeXml(spec.result)}</v></c>`;
  if ('rich' in spec) {
    const runs = spec.rich
      .map((t, i) => `<r>${i % 2 === 1 ? '<rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr>' : ''}${tElement(t)}</r>`)
      .join('');
    // A phonetic run, which is not part of the text, as East Asian Excel writes it.
    return `<c r="${ref}" t="s"><v>${sst.add(`<si>${runs}<rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>`)}</v></c>`;
  }
  return `<c r="${ref}" t="e"><v>${escapeXml(spec.error)}</v></c>`;
}

function sheetXml(rows: XlsxCellSpec[][], sst: SharedStrings, options: XlsxOptions): string {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 1);
  const rowXml: string[] = [];
  rows.forEach((row, r) => {
    const cells: string[] = [];
    let first = -1;
    let last = -1;
    row.forEach((spec, c) => {
      const xml = cellXml(`${columnName(c)}${r + 1}`, spec, sst, options.date1904 ?? false);
      if (xml) {
        cells.push(xml);
        if (first < 0) first = c;
        last = c;
      }
    });
    if (cells.length > 0) rowXml.push(`<row r="${r + 1}" spans="${first + 1}:${last + 1}" x14ac:dyDescent="0.25">${cells.join('')}</row>`);
  });
  const merge = options.mergeTitle ? `<mergeCells count="1"><mergeCell ref="A1:${columnName(width - 1)}1"/></mergeCells>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:${columnName(width - 1)}${Math.max(rows.length, 1)}"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>${rowXml.join('')}</sheetData>${merge}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

/** Adds an 'x:' prefix to every element of a SpreadsheetML part (OpenXML SDK style). */
function prefixElements(xml: string): string {
  return xml
    .replace(/<(\/?)([A-Za-z][\w]*)(?=[\s/>])/g, (_m, slash: string, name: string) => `<${slash}x:${name}`)
    .replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
}

/** The parts of the workbook as XML text, before zipping. */
export function buildXlsxParts(rows: XlsxCellSpec[][], options: XlsxOptions = {}): Record<string, string> {
  const sst = new SharedStrings();
  const sheetFile = options.sheetFile ?? 'sheet1.xml';
  const target = (p: string) => (options.absoluteTargets ? `/xl/${p}` : p);
  const sheets = [sheetXml(rows, sst, options)];
  if (options.secondSheet) sheets.push(sheetXml(options.secondSheet, sst, options));
  const sheetFiles = [sheetFile, ...(options.secondSheet ? ['sheet_otra.xml'] : [])];
  const sharedStringsXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.count}" uniqueCount="${sst.items.length}">${sst.items.join('')}</sst>`;
  const workbookXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr${options.date1904 ? ' date1904="1"' : ''} defaultThemeVersion="166925"/><bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/></bookViews><sheets>${sheetFiles
    .map((_, i) => `<sheet name="${escapeXml(i === 0 ? options.sheetName ?? 'Reporte' : 'Otra hoja', true)}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`)
    .join('')}</sheets><calcPr calcId="191029"/></workbook>`;
  // Relationship IDs deliberately not in sheet order: rId1/rId2 are styles and strings, as in Excel.
  const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="${target('styles.xml')}"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="${target('sharedStrings.xml')}"/>${sheetFiles
    .map((f, i) => `<Relationship Id="rId${i + 3}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target('worksheets/' + f)}"/>`)
    .join('')}</Relationships>`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetFiles
    .map((f) => `<Override PartName="/xl/worksheets/${f}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const spreadsheetPart = (xml: string) => (options.prefixed ? prefixElements(xml) : xml);
  const parts: Record<string, string> = {
    '[Content_Types].xml': contentTypes,
    '_rels/.rels': rootRels,
    'docProps/app.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`,
    'docProps/core.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Plataforma de citas</dc:creator></cp:coreProperties>`,
    'xl/workbook.xml': spreadsheetPart(workbookXml),
    'xl/_rels/workbook.xml.rels': workbookRels,
    'xl/styles.xml': spreadsheetPart(STYLES_XML),
    'xl/sharedStrings.xml': spreadsheetPart(sharedStringsXml),
  };
  sheetFiles.forEach((f, i) => (parts[`xl/worksheets/${f}`] = spreadsheetPart(sheets[i])));
  return parts;
}

/** A complete .xlsx file. */
export function writeXlsx(rows: XlsxCellSpec[][], options: XlsxOptions = {}): Uint8Array {
  return zipFiles(buildXlsxParts(rows, options));
}

// ---------------------------------------------------------------------------------------------
// ZIP (PKWARE APPNOTE 6.3: local file headers, central directory, end of central directory)
// ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Zips files (deflate), with a fixed timestamp so the output is reproducible. */
export function zipFiles(files: Record<string, string | Uint8Array>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const dosTime = (9 << 11) | (30 << 5); // 09:30:00
  const dosDate = ((2026 - 1980) << 9) | (3 << 5) | 9; // 2026-03-09
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const compressed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

/** Unzips a ZIP (stored or deflated entries) into path → UTF-8 text. Checks each CRC-32. */
export function readZipEntries(bytes: Uint8Array): Record<string, string> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('Not a ZIP file: end of central directory not found');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: Record<string, string> = {};
  for (let k = 0; k < count; k++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('Broken ZIP central directory');
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const raw = buf.subarray(dataStart, dataStart + compressedSize);
    const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : null;
    if (!data) throw new Error(`Unsupported ZIP method ${method} for ${name}`);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch for ${name}`);
    if (!name.endsWith('/')) out[name] = data.toString('utf8');
  }
  return out;
}
