/**
 * B10: the Silnet upload file (issue 12, item 6). Silnet has no API: the consultant uploads a file
 * to its Triage. Pure: src/app/workshops/silnet.ts chooses the people and hands the files to the
 * panel.
 *
 * - The column layout lives in the setting 'Columnas de carga a Silnet' («Encabezado=dato | …»),
 *   so a change in Silnet's format is a change of that row, not of the code. `parseSilnetLayout`
 *   reads it; an entry it cannot use is reported and left out; with no usable entry at all the
 *   default layout is used.
 * - Who goes in the file: the module's participants — people marked present in at least one of
 *   its sessions ('Asistencia'), the "participants" PROCEDURE.md B10 asks to register — whose
 *   registration is not yet 'Registrado en Silnet'. A registrant who never attended is not a
 *   participant of the service and is not registered.
 * - Formula-safe: every CSV cell goes through `csvCell` (src/domain/personal-data.ts: the value's
 *   start and every ';', tab, CR or LF inside it); in the XLSX every cell is an inline string
 *   (never a formula) and one starting with = + - @ tab CR LF also gets Excel's quote prefix (the
 *   apostrophe Excel keeps when the cell is edited).
 * - The CSV starts with a BOM (U+FEFF): Excel in es-PE opens it as UTF-8 (Ñ and tildes intact).
 * - An export is identified by `silnetExportId` (an HMAC of the module and the exported
 *   registrations): «Confirmar carga en Silnet» marks exactly those people, whoever attended later.
 */
import { hmacSha256, toHex, utf8Encode } from '../ids';
import { limaDateKey } from '../lima-time';
import { csvCell } from '../personal-data';
import { normalisePeruMobile } from '../validation';

/** The data a Silnet column can take (the setting's description lists them). */
export const SILNET_FIELDS = ['documentType', 'dni', 'fullName', 'email', 'phone', 'region', 'sector', 'businessStage', 'service', 'module', 'date'] as const;
export type SilnetField = (typeof SILNET_FIELDS)[number];

export interface SilnetColumn {
  header: string;
  field: SilnetField;
}

/** Used when the setting holds no usable entry (the setting's own default). */
export const DEFAULT_SILNET_LAYOUT: readonly SilnetColumn[] = [
  { header: 'Tipo de documento', field: 'documentType' },
  { header: 'Número de documento', field: 'dni' },
  { header: 'Apellidos y nombres', field: 'fullName' },
  { header: 'Correo electrónico', field: 'email' },
  { header: 'Celular', field: 'phone' },
  { header: 'Región', field: 'region' },
  { header: 'Servicio', field: 'service' },
  { header: 'Fecha', field: 'date' },
];

/** What 'service' writes: the service the person received. */
export const SILNET_SERVICE = 'Taller «Aprende a Emprender»';

export interface SilnetLayout {
  columns: SilnetColumn[];
  /** Entries left out, each as written ('' when none). */
  ignored: string[];
  /** True when no entry was usable and the default layout is used. */
  usedDefault: boolean;
}

/**
 * The layout from the setting's entries ('Header=field', as src/app/settings.ts splits the «|»
 * list). The field is matched without regard to case; a header may not be empty nor longer than
 * 100 characters; an unknown field, a missing '=' or an empty header leaves that entry out.
 */
export function parseSilnetLayout(entries: readonly string[]): SilnetLayout {
  const columns: SilnetColumn[] = [];
  const ignored: string[] = [];
  for (const raw of entries) {
    const entry = String(raw ?? '').trim();
    if (entry === '') continue;
    const eq = entry.lastIndexOf('=');
    const header = eq > 0 ? entry.slice(0, eq).trim() : '';
    const name = eq > 0 ? entry.slice(eq + 1).trim().toLowerCase() : '';
    const field = SILNET_FIELDS.find((f) => f.toLowerCase() === name);
    if (!field || header === '' || header.length > 100) {
      ignored.push(entry);
      continue;
    }
    columns.push({ header, field });
  }
  if (columns.length === 0) return { columns: [...DEFAULT_SILNET_LAYOUT], ignored, usedDefault: true };
  return { columns, ignored, usedDefault: false };
}

/** One person of the export, as the app reads them. */
export interface SilnetPerson {
  registrationId: string;
  documentType: string;
  dni: string;
  fullName: string;
  email: string;
  phone: string;
  region: string;
  sector: string;
  businessStage: string;
  /** The first session the person attended (its 'Fecha' in the file). */
  firstAttended: Date | null;
}

function valueOf(p: SilnetPerson, field: SilnetField, moduleName: string): string {
  switch (field) {
    case 'phone': {
      // A Peruvian mobile as its 9 digits (what Silnet's form takes; a leading '+' would need the
      // CSV's formula guard and reach Silnet as "'+51…"); anything else as typed.
      const mobile = normalisePeruMobile(p.phone);
      return mobile ? mobile.slice(4) : p.phone;
    }
    case 'service':
      return SILNET_SERVICE;
    case 'module':
      return moduleName;
    case 'date': {
      if (!p.firstAttended) return '';
      const [y, m, d] = limaDateKey(p.firstAttended).split('-');
      return `${d}/${m}/${y}`;
    }
    case 'documentType':
      return p.documentType || 'DNI';
    default:
      return p[field];
  }
}

/** The table: the headers, then one line per person, in the layout's order. */
export function silnetTable(layout: readonly SilnetColumn[], people: readonly SilnetPerson[], moduleName: string): string[][] {
  return [layout.map((c) => c.header), ...people.map((p) => layout.map((c) => valueOf(p, c.field, moduleName)))];
}

/** The BOM Excel needs to open a CSV as UTF-8. */
export const BOM = '\uFEFF';

/** A CSV (BOM, comma-separated, CRLF after every line), every cell formula-safe. */
export function toCsv(table: readonly (readonly string[])[]): string {
  return BOM + table.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** 'silnet-<module>-2026-12-02.csv' with the module's name made file-safe. */
export function silnetFileName(moduleName: string, now: Date, ext: 'csv' | 'xlsx'): string {
  return `silnet-${fileSafe(moduleName)}-${limaDateKey(now)}.${ext}`;
}

export function fileSafe(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 60) || 'modulo';
}

/**
 * The export's identity: 24 hex characters of an HMAC (the spreadsheet's signing secret) over the
 * module and the exported registration IDs in order. The panel sends it back with the IDs; a list
 * changed on the way does not match.
 */
export function silnetExportId(secret: string, moduleId: string, registrationIds: readonly string[]): string {
  return toHex(hmacSha256(secret, `silnet\u0000${moduleId}\u0000${registrationIds.join('\u0000')}`)).slice(0, 24);
}

// ---------------------------------------------------------------------------- XLSX

const FORMULA_START = /^[=+\-@\t\r\n]/;

function xmlText(s: string): string {
  // Characters XML 1.0 cannot hold are dropped; the rest escaped.
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function sheetXml(table: readonly (readonly string[])[]): string {
  const rows = table
    .map((r, ri) => {
      const cells = r
        .map((v, ci) => {
          // Style 1: text ('@'); style 2: text with Excel's quote prefix (a value that would start a formula).
          const style = FORMULA_START.test(v) ? 2 : 1;
          const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : '';
          return `<c r="${columnName(ci)}${ri + 1}" s="${style}" t="inlineStr"><is><t${space}>${xmlText(v)}</t></is></c>`;
        })
        .join('');
      return `<row r="${ri + 1}">${cells}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    rows +
    '</sheetData></worksheet>'
  );
}

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/></cellXfs>' +
  '</styleSheet>';

/** The parts of a one-sheet workbook (path → XML). */
export function xlsxParts(table: readonly (readonly string[])[], sheetName: string): [string, string][] {
  const name = xmlText(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Hoja1');
  return [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ],
    [
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ],
    ['xl/styles.xml', STYLES],
    ['xl/worksheets/sheet1.xml', sheetXml(table)],
  ];
}

let CRC_TABLE: number[] | null = null;

function crc32(bytes: readonly number[]): number {
  if (!CRC_TABLE) {
    CRC_TABLE = [];
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE.push(c >>> 0);
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function u16(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff];
}

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

/** A ZIP of these files, stored (no compression: pure and small enough for a module's list). */
export function zipStored(files: readonly [string, string][]): number[] {
  const out: number[] = [];
  const central: number[] = [];
  // 1 January 2026 00:00 in DOS format: the files carry no personal timestamp.
  const time = 0;
  const date = ((2026 - 1980) << 9) | (1 << 5) | 1;
  for (const [path, text] of files) {
    const name = utf8Encode(path);
    const data = utf8Encode(text);
    const crc = crc32(data);
    const offset = out.length;
    const common = [...u16(20), ...u16(0x0800), ...u16(0), ...u16(time), ...u16(date), ...u32(crc), ...u32(data.length), ...u32(data.length), ...u16(name.length), ...u16(0)];
    out.push(...u32(0x04034b50), ...common, ...name);
    for (const b of data) out.push(b);
    central.push(...u32(0x02014b50), ...u16(20), ...common, ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...name);
  }
  const start = out.length;
  out.push(...central);
  out.push(...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(files.length), ...u16(files.length), ...u32(central.length), ...u32(start), ...u16(0));
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding), for the panel to rebuild the bytes. */
export function toBase64(bytes: readonly number[]): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    s += B64[(n >>> 18) & 63] + B64[(n >>> 12) & 63];
    s += i + 1 < bytes.length ? B64[(n >>> 6) & 63] : '=';
    s += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return s;
}

/** The XLSX file as base64. */
export function toXlsxBase64(table: readonly (readonly string[])[], sheetName: string): string {
  return toBase64(zipStored(xlsxParts(table, sheetName)));
}
