/**
 * Reads the ".xls" that is really a web page: many platforms (Java, PHP, .NET) export a report as
 * an HTML `<table>` sent with an Excel content type, and Excel opens it. This reads the report's
 * table into rows with the same contract as `parseXlsx`, without a DOM (Apps Script has none):
 * - a forgiving tokenizer: tags in any case, attributes quoted or not, comments, `<!…>` and
 *   `<?…>` skipped, `<script>`/`<style>` (and the other raw-text elements) skipped whole,
 *   truncated input read up to where it stops;
 * - HTML's implicit closes: a `<td>`/`<th>`/`<tr>` closes the open cell/row, `<thead>`, `<tbody>`
 *   and `<tfoot>` close the row, `</table>` closes everything of its table;
 * - `colspan`/`rowspan`: the value goes in the top-left cell of the span, the others are null;
 * - cell text as a browser shows it: runs of white space are one space, `<br>` is a line break,
 *   block elements (`<p>`, `<div>`, …) start a new line, inline tags (`<b>`, `<span>`, `<font>`,
 *   `<a>`) only lose their markup, entities are decoded (named, at least Latin-1 and the common
 *   typographic ones, and numeric), `&nbsp;` is a space; a cell's text is trimmed at both ends
 *   and an empty cell is null;
 * - every value is a string: Excel formats such as `mso-number-format:'\@'` or `x:str` only
 *   confirm that, and dates, times and numbers are parsed later from the text the person sees
 *   (a DNI '01234567' keeps its zero).
 * Which table: platforms put a title or layout table before the data, so the report is the first
 * table with at least two rows of two or more non-empty cells. Tables are taken in the order they
 * end, so a data table nested inside a layout table is found before the table around it; the text
 * of a nested table that is not taken becomes part of its cell's text.
 */
import { XlsxFormatError, type XlsxValue } from './xlsx';
import { MAX_IMPORT_CELLS, SHEET_MAX_COLUMNS, SHEET_READ_MESSAGES, SheetGrid } from './spreadsheetml';
import { HTML_TABLE_MESSAGES } from './messages';

export { HTML_TABLE_MESSAGES };

// ---------------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------------

/** U+00A0 … U+00FF in order: the Latin-1 entities of HTML 4 (all also valid without ';'). */
const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr ' +
  'deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml ' +
  'eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');

const OTHER_ENTITIES: Record<string, number> = {
  amp: 38, lt: 60, gt: 62, quot: 34, apos: 39, AMP: 38, LT: 60, GT: 62, QUOT: 34, COPY: 169, REG: 174,
  euro: 0x20ac, ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a,
  ldquo: 0x201c, rdquo: 0x201d, bdquo: 0x201e, bull: 0x2022, hellip: 0x2026, trade: 0x2122,
  dagger: 0x2020, Dagger: 0x2021, permil: 0x2030, lsaquo: 0x2039, rsaquo: 0x203a, prime: 0x2032,
  Prime: 0x2033, OElig: 0x152, oelig: 0x153, Scaron: 0x160, scaron: 0x161, Yuml: 0x178, fnof: 0x192,
  circ: 0x2c6, tilde: 0x2dc, ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009, zwnj: 0x200c, zwj: 0x200d,
  lrm: 0x200e, rlm: 0x200f, minus: 0x2212, larr: 0x2190, rarr: 0x2192, le: 0x2264, ge: 0x2265,
  ne: 0x2260, infin: 0x221e, check: 0x2713, Tab: 9, NewLine: 10,
};

const NAMED_ENTITIES = new Map<string, string>();
LATIN1_NAMES.forEach((name, i) => NAMED_ENTITIES.set(name, String.fromCharCode(0xa0 + i)));
for (const name of Object.keys(OTHER_ENTITIES)) NAMED_ENTITIES.set(name, String.fromCodePoint(OTHER_ENTITIES[name]));

/** Names browsers also accept without the ';' (the HTML spec's legacy list). */
const LEGACY_NAMES = new Set([...LATIN1_NAMES, 'amp', 'lt', 'gt', 'quot', 'AMP', 'LT', 'GT', 'QUOT', 'COPY', 'REG']);
const LONGEST_LEGACY_NAME = 6;

/** &#128;–&#159; as browsers read them: the Windows-1252 characters ('&#150;' is '–'). */
const WINDOWS_1252: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x2c6, 0x89: 0x2030, 0x8a: 0x160, 0x8b: 0x2039, 0x8c: 0x152, 0x8e: 0x17d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x2dc,
  0x99: 0x2122, 0x9a: 0x161, 0x9b: 0x203a, 0x9c: 0x153, 0x9e: 0x17e, 0x9f: 0x178,
};

const ENTITY = /&(?:#(\d{1,10});?|#[xX]([0-9a-fA-F]{1,8});?|([A-Za-z][A-Za-z0-9]{0,31})(;?))/g;

function numericReference(cp: number): string {
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(WINDOWS_1252[cp] ?? cp);
}

/**
 * Decodes HTML character references as a browser does in text: '&aacute;' 'á', '&ntilde' 'ñ'
 * (legacy names work without ';'), '&#233;' and '&#xE9;' 'é'. Unknown names stay as written
 * ('AT&T', '&foo;').
 */
export function decodeHtmlEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole: string, dec?: string, hex?: string, name?: string, semi?: string) => {
    if (dec !== undefined) return numericReference(parseInt(dec, 10));
    if (hex !== undefined) return numericReference(parseInt(hex, 16));
    const n = name as string;
    if (semi === ';') {
      const known = NAMED_ENTITIES.get(n);
      if (known !== undefined) return known;
    }
    // '&ntilde' or '&notit;': the longest legacy name at the start, the rest is text.
    for (let len = Math.min(n.length, LONGEST_LEGACY_NAME); len >= 2; len--) {
      const prefix = n.slice(0, len);
      if (LEGACY_NAMES.has(prefix)) return (NAMED_ENTITIES.get(prefix) as string) + n.slice(len) + semi;
    }
    return whole;
  });
}

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

/**
 * True when the text is an HTML page or fragment with a table: it starts (after a BOM and white
 * space) with a doctype, `<html>` or `<table>`, or has a `<table` tag in its first 4 KB (PHP
 * exports sometimes print a warning before the markup). Excel 2003 XML (`<Table>` inside a
 * `<Workbook>`) and OpenDocument XML (`<table:table>`) are not HTML.
 */
export function looksLikeHtmlTable(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (/^\s*<(?:!doctype\s+html|html[\s>]|table[\s>])/i.test(head)) return !isOtherXmlSpreadsheet(head);
  if (/<table[\s>]/i.test(head)) return !isOtherXmlSpreadsheet(head);
  return /^\s*</.test(head) && /<html[\s>]/i.test(head) && !isOtherXmlSpreadsheet(head);
}

function isOtherXmlSpreadsheet(head: string): boolean {
  return (
    /<\?mso-application\s+progid\s*=\s*["']Excel\.Sheet["']/i.test(head) ||
    (/<(?:[\w.-]+:)?Workbook[\s>]/.test(head) && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) ||
    head.includes('urn:oasis:names:tc:opendocument:xmlns:office:1.0')
  );
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

interface Cell {
  /** Text so far: ' ' is collapsible white space, '\u00a0' a kept space, '\n' a line break. */
  raw: string;
  colspan: number;
  rowspan: number;
  text?: string;
}

interface OpenTable {
  rows: Cell[][];
  row: Cell[] | null;
  cell: Cell | null;
  /** The cell of the enclosing table this table is nested in. */
  parent: Cell | null;
}

/** The largest spans browsers honour (HTML Living Standard, "rules for parsing tables"). */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65_534;

/**
 * Deepest nesting of tables that is followed. Each nested table's text is copied into the cell
 * around it, so unbounded nesting would cost quadratic time; deeper tables are read as part of
 * the table that holds them.
 */
const MAX_TABLE_DEPTH = 16;

/** Elements whose content is not shown as text (skipped up to their end tag). */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'template']);

/** Elements that start a new line inside a cell, like a browser's rendering. */
const BLOCKS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre',
  'hr', 'center', 'address', 'section', 'article', 'header', 'footer', 'nav', 'aside', 'form', 'fieldset',
]);

function appendText(cell: Cell, rawText: string): void {
  let s = decodeHtmlEntities(rawText).replace(/[ \t\n\r\f]+/g, ' ');
  if (s === '') return;
  if (s.charCodeAt(0) === 32) {
    const last = cell.raw.charCodeAt(cell.raw.length - 1);
    if (cell.raw === '' || last === 32 || last === 10) s = s.slice(1);
  }
  cell.raw += s;
}

function appendBreak(cell: Cell): void {
  let end = cell.raw.length;
  while (end > 0 && cell.raw.charCodeAt(end - 1) === 32) end--;
  cell.raw = cell.raw.slice(0, end) + '\n';
}

function softBreak(cell: Cell): void {
  if (cell.raw !== '' && !cell.raw.endsWith('\n')) appendBreak(cell);
}

/** The text a person sees: kept spaces as spaces, none next to a line break or at the ends. */
function finishText(raw: string): string {
  let out = '';
  let spaces = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === ' ' || ch === '\u00a0') {
      spaces++;
    } else if (ch === '\n') {
      spaces = 0;
      if (out !== '') out += '\n';
    } else {
      if (spaces > 0 && out !== '' && !out.endsWith('\n')) out += ' '.repeat(spaces);
      spaces = 0;
      out += ch;
    }
  }
  let end = out.length;
  while (end > 0 && out.charCodeAt(end - 1) === 10) end--;
  return out.slice(0, end);
}

function spanAttribute(value: string | undefined, max: number, zeroMeans: number): number {
  // HTML's "rules for parsing non-negative integers": leading digits count ('3px' is 3).
  const m = value === undefined ? null : /^\s*\+?(\d+)/.exec(value);
  if (!m) return 1;
  const n = Number(m[1]);
  if (n === 0) return zeroMeans;
  return Math.min(n, max);
}

class TableCollector {
  private readonly stack: OpenTable[] = [];
  /** Tables as they end, in that order (only kept when every table is wanted). */
  readonly tables: XlsxValue[][][] = [];
  chosen: XlsxValue[][] | null = null;
  fallback: XlsxValue[][] | null = null;
  done = false;
  /** Columns visited while laying out every table: bounds the work of a hostile span pattern. */
  private work = 0;
  private materialised = 0;
  /** `<table>`s opened beyond MAX_TABLE_DEPTH, whose `</table>` must not close a followed table. */
  private ignoredTables = 0;

  constructor(private readonly keepAll: boolean) {}

  private get top(): OpenTable | undefined {
    return this.stack[this.stack.length - 1];
  }

  text(s: string): void {
    const cell = this.top?.cell;
    if (cell) appendText(cell, s);
  }

  startTag(name: string, attrs: Record<string, string>): void {
    const t = this.top;
    switch (name) {
      case 'table':
        // A table can only sit inside a cell; '<table>' anywhere else in a table ends that table.
        if (t && !t.cell) this.closeTable();
        if (this.stack.length >= MAX_TABLE_DEPTH) {
          this.ignoredTables++;
          return;
        }
        this.stack.push({ rows: [], row: null, cell: null, parent: this.top?.cell ?? null });
        return;
      case 'tr':
        if (!t) return;
        this.closeRow(t);
        t.row = [];
        t.rows.push(t.row);
        return;
      case 'td':
      case 'th': {
        if (!t) return;
        this.closeCell(t);
        if (!t.row) {
          t.row = [];
          t.rows.push(t.row);
        }
        const cell: Cell = {
          raw: '',
          colspan: spanAttribute(attrs.colspan, MAX_COLSPAN, 1),
          // rowspan="0" spans to the end of the table: clipped there like any long span.
          rowspan: spanAttribute(attrs.rowspan, MAX_ROWSPAN, MAX_ROWSPAN),
        };
        t.row.push(cell);
        t.cell = cell;
        return;
      }
      case 'thead':
      case 'tbody':
      case 'tfoot':
      case 'caption':
      case 'colgroup':
        if (t) this.closeRow(t);
        return;
      case 'br':
        if (t?.cell) appendBreak(t.cell);
        return;
      default:
        if (t?.cell && BLOCKS.has(name)) softBreak(t.cell);
    }
  }

  endTag(name: string): void {
    const t = this.top;
    if (!t) return;
    switch (name) {
      case 'table':
        if (this.ignoredTables > 0) this.ignoredTables--;
        else this.closeTable();
        return;
      case 'tr':
      case 'thead':
      case 'tbody':
      case 'tfoot':
        this.closeRow(t);
        return;
      case 'td':
      case 'th':
        this.closeCell(t);
        return;
      case 'br': // browsers read '</br>' as '<br>'
        if (t.cell) appendBreak(t.cell);
        return;
      default:
        if (t.cell && BLOCKS.has(name)) softBreak(t.cell);
    }
  }

  /** Ends every open table, innermost first (end of input). */
  finish(): void {
    while (!this.done && this.stack.length > 0) this.closeTable();
  }

  private closeCell(t: OpenTable): void {
    if (t.cell) {
      t.cell.text = finishText(t.cell.raw);
      t.cell = null;
    }
  }

  private closeRow(t: OpenTable): void {
    this.closeCell(t);
    t.row = null;
  }

  private closeTable(): void {
    const t = this.stack.pop();
    if (!t) return;
    this.closeRow(t);
    const rows = this.layOut(t);
    const fullRows = t.rows.filter((r) => r.filter((c) => c.text !== '').length >= 2).length;
    if (rows.length > 0) {
      if (this.keepAll) this.tables.push(rows);
      if (fullRows >= 2 && !this.chosen) {
        this.chosen = rows;
        if (!this.keepAll) {
          this.done = true;
          return;
        }
      }
      if (!this.fallback) this.fallback = rows;
    }
    if (t.parent) {
      // A nested table that is not the report: its text is part of the cell around it.
      const lines = t.rows.map((r) => r.map((c) => c.text ?? '').filter((s) => s !== '').join(' ')).filter((s) => s !== '');
      if (lines.length > 0) {
        softBreak(t.parent);
        t.parent.raw += lines.join('\n');
      }
    }
  }

  /** Places cells on the grid, skipping the positions taken by row spans from above. */
  private layOut(t: OpenTable): XlsxValue[][] {
    const grid = new SheetGrid();
    // coveredUntil[c]: last row index that a rowspan from above occupies in column c.
    const coveredUntil: number[] = [];
    t.rows.forEach((row, r) => {
      let col = 0;
      for (const cell of row) {
        while (col < SHEET_MAX_COLUMNS && (coveredUntil[col] ?? -1) >= r) {
          col++;
          this.countWork(1);
        }
        grid.set(r, col, cell.text ?? null);
        if (cell.rowspan > 1) {
          const last = r + cell.rowspan - 1;
          const end = Math.min(col + cell.colspan, SHEET_MAX_COLUMNS);
          for (let c = col; c < end; c++) coveredUntil[c] = Math.max(coveredUntil[c] ?? -1, last);
        }
        this.countWork(cell.colspan);
        col += cell.colspan;
      }
    });
    this.materialised += grid.materialisedCells;
    if (this.materialised > MAX_IMPORT_CELLS) throw new XlsxFormatError(SHEET_READ_MESSAGES.tooLarge);
    return grid.toRows();
  }

  private countWork(n: number): void {
    this.work += n;
    if (this.work > 2 * MAX_IMPORT_CELLS) throw new XlsxFormatError(SHEET_READ_MESSAGES.tooLarge);
  }
}

// ---------------------------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------------------------

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const rawTextEnds = new Map<string, RegExp>();
function rawTextEnd(name: string): RegExp {
  let re = rawTextEnds.get(name);
  if (!re) {
    re = new RegExp(`</${name}[\\s/>]`, 'gi');
    rawTextEnds.set(name, re);
  }
  return re;
}

/** Feeds the markup to the collector; stops when it is done. Linear in the input. */
function scan(html: string, out: TableCollector): void {
  const n = html.length;
  let i = 0;
  while (i < n && !out.done) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) out.text(html.slice(i, textEnd));
    if (lt < 0) return;
    i = lt;
    const next = html.charCodeAt(i + 1);
    if (next === 33 /* ! */) {
      if (html.startsWith('<!--', i)) {
        if (html.startsWith('<!-->', i)) i += 5;
        else if (html.startsWith('<!--->', i)) i += 6;
        else {
          const close = html.indexOf('-->', i + 4);
          i = close < 0 ? n : close + 3;
        }
      } else {
        // <!DOCTYPE …>, <![if …]>, <![endif]>, <![CDATA[…]>: nothing to show.
        const close = html.indexOf('>', i + 2);
        i = close < 0 ? n : close + 1;
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const close = html.indexOf('>', i + 2);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (next === 47 /* / */) {
      if (isLetter(html.charCodeAt(i + 2))) {
        let j = i + 2;
        while (j < n && !isSpace(html.charCodeAt(j)) && html[j] !== '/' && html[j] !== '>') j++;
        const name = html.slice(i + 2, j).toLowerCase();
        const close = html.indexOf('>', j);
        if (close < 0) return; // truncated inside an end tag
        i = close + 1;
        out.endTag(name);
      } else if (html.charCodeAt(i + 2) === 62 /* > */) {
        i += 3;
      } else {
        const close = html.indexOf('>', i + 2);
        i = close < 0 ? n : close + 1;
      }
      continue;
    }
    if (!isLetter(next)) {
      out.text('<');
      i++;
      continue;
    }
    const tag = readStartTag(html, i + 1);
    if (!tag) return; // truncated inside a tag
    i = tag.end;
    out.startTag(tag.name, tag.attrs);
    if (RAW_TEXT.has(tag.name) && !tag.selfClosing) {
      const re = rawTextEnd(tag.name);
      re.lastIndex = i;
      const m = re.exec(html);
      if (!m) return;
      const close = html.indexOf('>', m.index);
      i = close < 0 ? n : close + 1;
    }
  }
}

interface StartTag {
  name: string;
  attrs: Record<string, string>;
  selfClosing: boolean;
  /** Index just after the '>'. */
  end: number;
}

/** Reads `name attr=value attr='v' attr="v" attr>` from just after '<'; null if the input ends first. */
function readStartTag(html: string, from: number): StartTag | null {
  const n = html.length;
  let j = from;
  while (j < n && !isSpace(html.charCodeAt(j)) && html[j] !== '/' && html[j] !== '>') j++;
  const name = html.slice(from, j).toLowerCase();
  const attrs: Record<string, string> = {};
  let selfClosing = false;
  for (;;) {
    while (j < n && (isSpace(html.charCodeAt(j)) || html[j] === '/')) {
      selfClosing = html[j] === '/';
      j++;
    }
    if (j >= n) return null;
    if (html[j] === '>') return { name, attrs, selfClosing, end: j + 1 };
    selfClosing = false;
    const nameStart = j;
    j++; // an attribute name has at least one character, even '='
    while (j < n && !isSpace(html.charCodeAt(j)) && html[j] !== '/' && html[j] !== '>' && html[j] !== '=') j++;
    const attrName = html.slice(nameStart, j).toLowerCase();
    let k = j;
    while (k < n && isSpace(html.charCodeAt(k))) k++;
    let value = '';
    if (html[k] === '=') {
      k++;
      while (k < n && isSpace(html.charCodeAt(k))) k++;
      const q = html[k];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, k + 1);
        if (close < 0) return null;
        value = html.slice(k + 1, close);
        j = close + 1;
      } else {
        const start = k;
        while (k < n && !isSpace(html.charCodeAt(k)) && html[k] !== '>') k++;
        value = html.slice(start, k);
        j = k;
      }
    }
    if (!(attrName in attrs)) attrs[attrName] = decodeHtmlEntities(value);
  }
}

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

/**
 * The report's table of an HTML page (see the module comment for which table). Every value is a
 * string or null. Throws XlsxFormatError when the page has no table with data.
 */
export function parseHtmlTable(text: string): XlsxValue[][] {
  const collector = new TableCollector(false);
  scan(text, collector);
  collector.finish();
  const rows = collector.chosen ?? collector.fallback;
  if (!rows) throw new XlsxFormatError(HTML_TABLE_MESSAGES.noTable);
  return rows;
}

/**
 * Every table of the page that has a value, in the order the tables end (a nested table before
 * the one around it), for a caller that picks the report by its header. Empty when there is none.
 */
export function parseHtmlTables(text: string): XlsxValue[][][] {
  const collector = new TableCollector(true);
  scan(text, collector);
  collector.finish();
  return collector.tables;
}
