import { isDate } from '../../core/gas-object';
import { registerStore, type Store, type WorkspaceState } from '../../core/state';
import { canEditFile, protectionEditors, protectionsOver, share as shareFile, verdict } from './access';
import { rangeA1 } from './a1';
import { applyWrite, readDisplayValues, readFormulas, readNumberFormats, readValues, writeValues } from './cells';
import type { CellValue } from './format';
import { Grid, type Cell } from './grid';
import { isSpanishLocale, localeInfo } from './locale';
import { MESSAGES } from './messages';
import { newSharing, newSheetData, DEFAULT_MAX_COLUMNS, type FormLink, type SheetData, type SpreadsheetData } from './model';
import { interpretInput } from './values';
import { ruleKey, type ValidationRule } from './validation-rule';

export const DEFAULT_LOCALE = 'es_PE';

/** One protection as `Workspace.protections` lists it. */
export interface ProtectionInfo {
  tab: string;
  type: 'SHEET' | 'RANGE';
  /** A1 range of a protected range; null for a whole-sheet protection. */
  range: string | null;
  description: string;
  warningOnly: boolean;
  /** Who may edit the area (the owner always; while `mirrorsFile`, the file's editors). */
  editors: string[];
  /** No script changed the editors yet: the area is as editable as the file (Range.protect / Sheet.protect). */
  mirrorsFile: boolean;
  domainEdit: boolean;
  /** Sheet protections: the regions left editable, in A1. */
  unprotected: string[];
}
export const DEFAULT_TIME_ZONE = 'America/Lima';

/** The name Sheets gives the n-th new tab: "Hoja 1" in Spanish, "Sheet1" otherwise. */
export function defaultSheetName(locale: string, n: number): string {
  return isSpanishLocale(locale) ? `Hoja ${n}` : `Sheet${n}`;
}

function formSheetName(locale: string, n: number): string {
  return isSpanishLocale(locale) ? `Respuestas de formulario ${n}` : `Form Responses ${n}`;
}

function timestampHeader(locale: string): string {
  return isSpanishLocale(locale) ? 'Marca temporal' : 'Timestamp';
}

/**
 * Every spreadsheet in the emulated Drive, with its tabs and cells. Scripts reach it through
 * SpreadsheetApp; the Workspace, the browser UI and other services (Forms writing responses,
 * Drive listing files) use the host-side methods below.
 */
export class SheetsStore implements Store {
  readonly spreadsheets = new Map<string, SpreadsheetData>();
  /** Attached by `sheetsStore(state)`: IDs come from the workspace's seeded randomness. */
  state?: WorkspaceState;

  private get random() {
    if (!this.state) throw new Error('SheetsStore used without a workspace state: get it with sheetsStore(state)');
    return this.state.random;
  }

  // ------------------------------------------------------------------ spreadsheets

  createSpreadsheet(name: string, owner: string, opts: { locale?: string; timeZone?: string; rows?: number; columns?: number } = {}): string {
    let id = this.random.driveId();
    while (this.spreadsheets.has(id)) id = this.random.driveId();
    const locale = opts.locale ?? DEFAULT_LOCALE;
    this.spreadsheets.set(id, {
      id,
      name,
      owner,
      locale,
      timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE,
      sheets: [newSheetData(0, defaultSheetName(locale, 1), opts.rows, opts.columns)],
      activeSheetId: 0,
      forms: {},
      sharing: newSharing(),
    });
    return id;
  }

  spreadsheetIds(): string[] {
    return [...this.spreadsheets.keys()];
  }

  spreadsheet(id: string): SpreadsheetData | undefined {
    return this.spreadsheets.get(id);
  }

  requireSpreadsheet(id: string): SpreadsheetData {
    const ss = this.spreadsheets.get(id);
    if (!ss) throw new Error(`no spreadsheet with id ${id}`);
    return ss;
  }

  spreadsheetName(id: string): string {
    return this.requireSpreadsheet(id).name;
  }

  /** Renaming from Drive (File.setName) renames the spreadsheet. */
  setSpreadsheetName(id: string, name: string): void {
    this.requireSpreadsheet(id).name = name;
  }

  deleteSpreadsheet(id: string): boolean {
    return this.spreadsheets.delete(id);
  }

  // ------------------------------------------------------------------ sheets

  sheetNames(id: string): string[] {
    return this.requireSpreadsheet(id).sheets.map((s) => s.name);
  }

  requireSheet(id: string, sheetName: string): SheetData {
    const sheet = this.requireSpreadsheet(id).sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new Error(`no sheet "${sheetName}" in spreadsheet ${id}`);
    return sheet;
  }

  newSheetId(ss: SpreadsheetData): number {
    let id = 1 + this.random.int(2_000_000_000);
    while (ss.sheets.some((s) => s.sheetId === id)) id = 1 + this.random.int(2_000_000_000);
    return id;
  }

  /** Adds a tab at `index` (0-based; default last). Names are unique, compared case-insensitively as Sheets does. */
  addSheet(ss: SpreadsheetData, name: string, index = ss.sheets.length, size: { rows?: number; columns?: number } = {}): SheetData {
    if (ss.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(MESSAGES.sheetExists(name));
    const sheet = newSheetData(this.newSheetId(ss), name, size.rows, size.columns);
    ss.sheets.splice(Math.max(0, Math.min(index, ss.sheets.length)), 0, sheet);
    return sheet;
  }

  /** The next free "Hoja N" name. */
  nextDefaultSheetName(ss: SpreadsheetData): string {
    for (let n = ss.sheets.length + 1; ; n++) {
      const name = defaultSheetName(ss.locale, n);
      if (!ss.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) return name;
    }
  }

  /** Rows × columns holding data: what getDataRange covers (at least A1). */
  static dataSize(sheet: SheetData): { rows: number; columns: number } {
    return { rows: Math.max(1, sheet.grid.lastRow()), columns: Math.max(1, sheet.grid.lastColumn()) };
  }

  // ------------------------------------------------------------------ host-side reading

  /** The tab's data range as `getDataRange().getValues()` returns it. */
  readValues(id: string, sheetName: string): unknown[][] {
    const sheet = this.requireSheet(id, sheetName);
    const { rows, columns } = SheetsStore.dataSize(sheet);
    return readValues(sheet, 1, 1, rows, columns);
  }

  readDisplayValues(id: string, sheetName: string): string[][] {
    const ss = this.requireSpreadsheet(id);
    const sheet = this.requireSheet(id, sheetName);
    const { rows, columns } = SheetsStore.dataSize(sheet);
    return readDisplayValues(ss, sheet, 1, 1, rows, columns);
  }

  readFormulas(id: string, sheetName: string): string[][] {
    const sheet = this.requireSheet(id, sheetName);
    const { rows, columns } = SheetsStore.dataSize(sheet);
    return readFormulas(sheet, 1, 1, rows, columns);
  }

  readNumberFormats(id: string, sheetName: string): string[][] {
    const sheet = this.requireSheet(id, sheetName);
    const { rows, columns } = SheetsStore.dataSize(sheet);
    return readNumberFormats(sheet, 1, 1, rows, columns);
  }

  /** The tabs as the browser UI lists them. */
  sheetsInfo(id: string): { name: string; sheetId: number; hidden: boolean; frozenRows: number; frozenColumns: number; maxRows: number; maxColumns: number; lastRow: number; lastColumn: number }[] {
    return this.requireSpreadsheet(id).sheets.map((s) => ({
      name: s.name,
      sheetId: s.sheetId,
      hidden: s.hidden,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
      lastRow: s.grid.lastRow(),
      lastColumn: s.grid.lastColumn(),
    }));
  }

  /**
   * A person types values into cells from (row, column) in the browser UI: read as typed input
   * ("=" starts a formula, number-like text becomes a number unless the cell is plain text),
   * rejected as a whole when a strict validation rule refuses one value.
   */
  enterValues(id: string, sheetName: string, row: number, column: number, values: unknown[][]): void {
    const ss = this.requireSpreadsheet(id);
    const sheet = this.requireSheet(id, sheetName);
    const width = Math.max(0, ...values.map((v) => v.length));
    if (row < 1 || column < 1 || row + values.length - 1 > sheet.maxRows || column + width - 1 > sheet.maxColumns) {
      throw new Error(MESSAGES.outsideSheet);
    }
    writeValues(ss, sheet, row, column, values, { formulas: true, validate: true });
  }

  /**
   * A person types into one cell of the Sheets UI, as `user`: refused when that user cannot
   * edit the file or a protection over the cell does not list them; a warning-only protection
   * needs the warning dialog confirmed (`confirmWarning`). The text is then entered as typed.
   */
  typeInto(id: string, sheetName: string, row: number, column: number, text: unknown, user: string, confirmWarning = false): void {
    const ss = this.requireSpreadsheet(id);
    const sheet = this.requireSheet(id, sheetName);
    if (!canEditFile(ss, user)) throw new Error(`${user} cannot edit this spreadsheet (view only or not shared)`);
    const v = verdict(ss, user, protectionsOver(sheet, { row, column, numRows: 1, numColumns: 1 }));
    if (v === 'blocked') throw new Error(MESSAGES.protectedCell);
    if (v === 'warning' && !confirmWarning) throw new Error(`${MESSAGES.protectionWarning} (the edit was not confirmed: pass confirmWarning: true)`);
    this.enterValues(id, sheetName, row, column, [[text]]);
  }

  // ------------------------------------------------------------------ sharing and protections

  /** Shares the file with `email` (Drive's share dialog); the file's sharing becomes explicit. */
  share(id: string, email: string, role: 'editor' | 'viewer' | 'none'): void {
    shareFile(this.requireSpreadsheet(id), email, role);
  }

  /** Owner, editors, viewers and whether sharing is explicit (restricted). */
  sharingInfo(id: string): { owner: string; restricted: boolean; editors: string[]; viewers: string[] } {
    const ss = this.requireSpreadsheet(id);
    return { owner: ss.owner, restricted: ss.sharing.restricted, editors: [...ss.sharing.editors], viewers: [...ss.sharing.viewers] };
  }

  /** Every protection of the spreadsheet, tab by tab: sheet protections first, then protected ranges. */
  protectionsInfo(id: string): ProtectionInfo[] {
    const ss = this.requireSpreadsheet(id);
    const out: ProtectionInfo[] = [];
    for (const sheet of ss.sheets) {
      const p = sheet.protection;
      if (p) {
        out.push({
          tab: sheet.name,
          type: 'SHEET',
          range: null,
          description: p.description,
          warningOnly: p.warningOnly,
          editors: protectionEditors(ss, p),
          mirrorsFile: p.editors === null,
          domainEdit: p.domainEdit,
          unprotected: (p.unprotected ?? []).map((a) => rangeA1(a.row, a.column, a.numRows, a.numColumns)),
        });
      }
      for (const r of sheet.rangeProtections) {
        out.push({
          tab: sheet.name,
          type: 'RANGE',
          range: rangeA1(r.area.row, r.area.column, r.area.numRows, r.area.numColumns),
          description: r.description,
          warningOnly: r.warningOnly,
          editors: protectionEditors(ss, r),
          mirrorsFile: r.editors === null,
          domainEdit: r.domainEdit,
          unprotected: [],
        });
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ form responses

  /**
   * Links a form to this spreadsheet as Forms does when its destination is set: a new first
   * tab "Respuestas de formulario N" with the header row "Marca temporal" + question titles,
   * frozen. Calling it again for the same form reuses the tab and appends a column for each
   * new question (existing columns keep their place). Returns the tab's name.
   */
  ensureFormResponseSheet(spreadsheetId: string, formId: string, headers: string[]): string {
    const ss = this.requireSpreadsheet(spreadsheetId);
    let link: FormLink | undefined = ss.forms[formId];
    let sheet = link && ss.sheets.find((s) => s.sheetId === link!.sheetId);
    if (!sheet || !link) {
      let n = 1;
      while (ss.sheets.some((s) => s.name.toLowerCase() === formSheetName(ss.locale, n).toLowerCase())) n++;
      sheet = this.addSheet(ss, formSheetName(ss.locale, n), 0, { columns: Math.max(DEFAULT_MAX_COLUMNS, headers.length + 1) });
      sheet.frozenRows = 1;
      sheet.grid.setContent(1, 1, timestampHeader(ss.locale));
      link = { sheetId: sheet.sheetId, titles: [], columns: [], order: [] };
      ss.forms[formId] = link;
    }
    const used = new Map<string, number>();
    const order: number[] = [];
    for (const title of headers) {
      const seen = used.get(title) ?? 0;
      used.set(title, seen + 1);
      // The k-th question with this title maps to the k-th column linked under it.
      let found = -1;
      for (let i = 0, k = 0; i < link.titles.length; i++) {
        if (link.titles[i] === title && k++ === seen) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        const column = Math.max(1, sheet.grid.lastColumn(), ...link.columns) + 1;
        if (column > sheet.maxColumns) sheet.maxColumns = column;
        sheet.grid.setContent(1, column, title);
        link.titles.push(title);
        link.columns.push(column);
        found = link.titles.length - 1;
      }
      order.push(link.columns[found]);
    }
    link.order = order;
    return sheet.name;
  }

  /**
   * Writes one response on the next row of the form's tab: `values[0]` is the timestamp, the
   * rest follow the titles of the latest ensureFormResponseSheet. Answers are entered as
   * data (number-like text becomes a number unless the column is plain text; nothing becomes
   * a formula); checkbox answers (arrays) are joined with ", " as Forms writes them.
   */
  appendFormResponse(spreadsheetId: string, formId: string, values: unknown[]): { sheetName: string; row: number } {
    const ss = this.requireSpreadsheet(spreadsheetId);
    const link = ss.forms[formId];
    const sheet = link && ss.sheets.find((s) => s.sheetId === link.sheetId);
    if (!link || !sheet) throw new Error(`form ${formId} has no response sheet in spreadsheet ${spreadsheetId}`);
    const row = sheet.grid.lastRow() + 1;
    if (row > sheet.maxRows) sheet.maxRows = row;
    const loc = localeInfo(ss.locale);
    const put = (column: number, input: unknown) => {
      if (column > sheet.maxColumns) sheet.maxColumns = column;
      const value = Array.isArray(input) ? input.map(String).join(', ') : input;
      const cell = sheet.grid.get(row, column);
      applyWrite(sheet, row, column, interpretInput(value, { pattern: cell?.nf, loc, timeZone: ss.timeZone, formulas: false }));
    };
    put(1, values[0]);
    for (let i = 1; i < values.length; i++) {
      const column = link.order[i - 1] ?? Math.max(1, ...link.order, ...link.columns) + (i - link.order.length);
      put(column, values[i]);
    }
    return { sheetName: sheet.name, row };
  }

  /** The form whose responses land in this tab, if any. */
  formForSheet(spreadsheetId: string, sheetId: number): string | null {
    const ss = this.requireSpreadsheet(spreadsheetId);
    for (const [formId, link] of Object.entries(ss.forms)) if (link.sheetId === sheetId) return formId;
    return null;
  }

  // ------------------------------------------------------------------ persistence

  toJSON(): unknown {
    return { spreadsheets: [...this.spreadsheets.values()].map(encodeSpreadsheet) };
  }

  static fromJSON(json: unknown): SheetsStore {
    const store = new SheetsStore();
    const j = json as { spreadsheets?: SpreadsheetJSON[] };
    for (const s of j.spreadsheets ?? []) store.spreadsheets.set(s.id, decodeSpreadsheet(s));
    return store;
  }
}

registerStore('sheets', { create: () => new SheetsStore(), fromJSON: SheetsStore.fromJSON });

export function sheetsStore(state: WorkspaceState): SheetsStore {
  const store = state.store<SheetsStore>('sheets');
  store.state = state;
  return store;
}

// -------------------------------------------------------------------- JSON codec

type DateJSON = { $date: number };
type CellJSON = null | string | number | boolean | DateJSON | { v?: unknown; f?: string; nf?: string; dv?: number };

interface SheetJSON extends Omit<SheetData, 'grid' | 'rangeProtections'> {
  rangeProtections?: SheetData['rangeProtections'];
  rules: { criteria: ValidationRule['criteria']; args: unknown[]; allowInvalid: boolean; helpText?: string }[];
  rows: (CellJSON[] | null)[];
}

interface SpreadsheetJSON extends Omit<SpreadsheetData, 'sheets' | 'sharing'> {
  sharing?: SpreadsheetData['sharing'];
  sheets: SheetJSON[];
}

function encodeValue(v: CellValue): unknown {
  return isDate(v) ? { $date: (v as Date).getTime() } : v;
}

function decodeValue(v: unknown): CellValue {
  if (v && typeof v === 'object' && '$date' in (v as object)) return new Date((v as DateJSON).$date);
  return (v ?? '') as CellValue;
}

function encodeSheet(sheet: SheetData): SheetJSON {
  const rules: ValidationRule[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (rule: ValidationRule) => {
    const key = ruleKey(rule);
    let i = ruleIndex.get(key);
    if (i === undefined) {
      i = rules.length;
      rules.push(rule);
      ruleIndex.set(key, i);
    }
    return i;
  };
  const encodeCell = (cell: Cell | undefined): CellJSON => {
    if (!cell) return null;
    if (cell.f === undefined && cell.nf === undefined && cell.dv === undefined) {
      return cell.v === '' ? null : (encodeValue(cell.v) as CellJSON);
    }
    const o: { v?: unknown; f?: string; nf?: string; dv?: number } = {};
    if (cell.v !== '') o.v = encodeValue(cell.v);
    if (cell.f !== undefined) o.f = cell.f;
    if (cell.nf !== undefined) o.nf = cell.nf;
    if (cell.dv !== undefined) o.dv = indexOf(cell.dv);
    return o;
  };
  const rows = sheet.grid.rows.map((row) => {
    if (!row || row.length === 0) return null;
    const out: CellJSON[] = [];
    for (let i = 0; i < row.length; i++) out.push(encodeCell(row[i]));
    while (out.length && out[out.length - 1] === null) out.pop();
    return out.length ? out : null;
  });
  while (rows.length && rows[rows.length - 1] === null) rows.pop();
  const { grid: _grid, ...rest } = sheet;
  return { ...rest, rules: rules.map((r) => ({ ...r })), rows };
}

function decodeSheet(j: SheetJSON): SheetData {
  const rules: ValidationRule[] = j.rules.map((r) => ({ ...r }));
  const rows: (Cell | undefined)[][] = j.rows.map((row) => {
    const out: (Cell | undefined)[] = [];
    if (!row) return out;
    row.forEach((c, i) => {
      if (c === null) return;
      if (typeof c !== 'object' || '$date' in c) {
        out[i] = { v: decodeValue(c) };
        return;
      }
      const cell: Cell = { v: decodeValue(c.v) };
      if (c.f !== undefined) cell.f = c.f;
      if (c.nf !== undefined) cell.nf = c.nf;
      if (c.dv !== undefined) cell.dv = rules[c.dv];
      out[i] = cell;
    });
    return out;
  });
  const { rules: _rules, rows: _rows, ...rest } = j;
  const sheet: SheetData = { ...rest, rangeProtections: j.rangeProtections ?? [], grid: Grid.fromRows(rows) };
  return sheet;
}

function encodeSpreadsheet(ss: SpreadsheetData): SpreadsheetJSON {
  return { ...ss, sheets: ss.sheets.map(encodeSheet) };
}

function decodeSpreadsheet(j: SpreadsheetJSON): SpreadsheetData {
  return { ...j, forms: j.forms ?? {}, sharing: j.sharing ?? newSharing(), sheets: j.sheets.map(decodeSheet) };
}
