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
import { readZip, writeZip } from '../../emulator/services/utilities/zip';
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
// ZIP: the emulator's own reader and writer (the one behind Utilities.zip/unzip), so tests and
// the emulator agree on one implementation.
// ---------------------------------------------------------------------------------------------

/** Zips files (deflate), with a fixed timestamp so the output is reproducible. */
export function zipFiles(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries = Object.entries(files).map(([name, content]) => ({
    name,
    data: typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content,
  }));
  return writeZip(entries, Date.UTC(2026, 2, 9, 9, 30));
}

/** Unzips a ZIP (stored or deflated entries) into path → UTF-8 text. */
export function readZipEntries(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readZip(bytes)) if (!e.name.endsWith('/')) out[e.name] = Buffer.from(e.data).toString('utf8');
  return out;
}
