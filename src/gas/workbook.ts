/**
 * The Workbook and Workbooks ports over SpreadsheetApp: tabs, header rows, formats and dropdowns
 * for setup, and the tables of a spreadsheet for the use cases.
 *
 * Sheet objects and tables are cached per execution, so a tab is looked up once and a table is
 * read once however many use cases touch it. Formats and dropdowns are applied per run of
 * adjacent columns that share them (one call per run, not per column or cell).
 */
import type { TabSpec } from '../domain/schema';
import { SPREADSHEET_ID_PROPERTY } from '../domain/web-page';
import { runsOf } from '../domain/table';
import type { ColumnRule, ColumnValidation, HeaderCell, Table, TabProtection, Workbook, Workbooks } from '../ports';
import { SheetTable } from './sheet-table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Names a new spreadsheet's first sheet gets, by interface language. */
const DEFAULT_SHEET_NAMES = new Set(['Hoja 1', 'Hoja1', 'Sheet1', 'Sheet 1']);

/** Header colours: the people's columns in the service's light red, the system's in grey. */
const HEADER_BACKGROUND = { people: '#f9e0e1', system: '#e5e7eb' };

function sameValidation(a: ColumnValidation, b: ColumnValidation): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class SpreadsheetWorkbook implements Workbook {
  private idCache?: string;
  private readonly sheets = new Map<string, Sheet | null>();
  private readonly tables = new Map<string, Table<string>>();

  /** @param knownId the ID it was opened by, when there is one (saves asking for it). */
  constructor(
    private readonly ss: Spreadsheet,
    knownId?: string,
  ) {
    this.idCache = knownId;
  }

  /** Asked for only by the use cases that need it (most never do: one call saved per execution). */
  get id(): string {
    if (this.idCache === undefined) this.idCache = this.ss.getId();
    return this.idCache;
  }

  name(): string {
    return this.ss.getName();
  }

  timeZone(): string {
    return this.ss.getSpreadsheetTimeZone();
  }

  setTimeZone(timeZone: string): void {
    this.ss.setSpreadsheetTimeZone(timeZone);
  }

  tabNames(): string[] {
    return this.ss.getSheets().map((s) => s.getName());
  }

  private sheet(tab: string): Sheet | null {
    if (!this.sheets.has(tab)) this.sheets.set(tab, this.ss.getSheetByName(tab));
    return this.sheets.get(tab) ?? null;
  }

  private requireSheet(tab: string): Sheet {
    const s = this.sheet(tab);
    if (!s) throw new Error(`no tab named ${tab}`);
    return s;
  }

  headers(tab: string): string[] | null {
    const s = this.sheet(tab);
    if (!s) return null;
    const lastColumn = s.getLastColumn();
    if (lastColumn === 0) return [];
    const row = s.getRange(1, 1, 1, lastColumn).getValues()[0].map((v) => String(v).trim());
    while (row.length && row[row.length - 1] === '') row.pop();
    return row;
  }

  createTab(tab: string, headers: readonly HeaderCell[]): void {
    const sheet = this.takeOverDefaultSheet(tab) ?? this.ss.insertSheet(tab, this.ss.getNumSheets());
    this.sheets.set(tab, sheet);
    this.writeHeaders(sheet, 1, headers);
  }

  /** A brand-new spreadsheet's lone empty default sheet becomes the first tab instead of staying behind. */
  private takeOverDefaultSheet(tab: string): Sheet | null {
    const all = this.ss.getSheets();
    if (all.length !== 1) return null;
    const only = all[0];
    const name = only.getName();
    if (!DEFAULT_SHEET_NAMES.has(name)) return null;
    if (only.getLastRow() !== 0 || only.getLastColumn() !== 0) return null;
    only.setName(tab);
    this.sheets.set(name, null);
    return only;
  }

  addHeaders(tab: string, startColumn: number, headers: readonly HeaderCell[]): void {
    this.writeHeaders(this.requireSheet(tab), startColumn, headers);
  }

  private writeHeaders(sheet: Sheet, startColumn: number, headers: readonly HeaderCell[]): void {
    if (headers.length === 0) return;
    const lastNeeded = startColumn + headers.length - 1;
    const maxColumns = sheet.getMaxColumns();
    if (lastNeeded > maxColumns) sheet.insertColumnsAfter(maxColumns, lastNeeded - maxColumns);
    const range = sheet.getRange(1, startColumn, 1, headers.length);
    range.setValues([headers.map((h) => h.text)]);
    range.setFontWeight('bold');
    range.setBackgrounds([headers.map((h) => (h.system ? HEADER_BACKGROUND.system : HEADER_BACKGROUND.people))]);
  }

  freezeHeaderRow(tab: string): boolean {
    const sheet = this.requireSheet(tab);
    if (sheet.getFrozenRows() >= 1) return false;
    sheet.setFrozenRows(1);
    return true;
  }

  applyColumnRules(tab: string, rules: readonly ColumnRule[]): void {
    if (rules.length === 0) return;
    const sheet = this.requireSheet(tab);
    const dataRows = sheet.getMaxRows() - 1;
    if (dataRows < 1) return;
    const formats = runsOf(rules.filter((r) => r.format !== undefined).map((r) => ({ column: r.column, value: r.format as string })));
    for (const run of formats) sheet.getRange(2, run.column, dataRows, run.width).setNumberFormat(run.value);

    const validations = runsOf(
      rules.filter((r) => r.validation !== undefined).map((r) => ({ column: r.column, value: r.validation as ColumnValidation })),
      sameValidation,
    );
    const built = new Map<string, GoogleAppsScript.Spreadsheet.DataValidation>();
    for (const run of validations) {
      const key = JSON.stringify(run.value);
      let rule = built.get(key);
      if (!rule) {
        rule = buildValidation(run.value);
        built.set(key, rule);
      }
      sheet.getRange(2, run.column, dataRows, run.width).setDataValidation(rule);
    }
  }

  ownerEmail(): string | null {
    try {
      const owner = this.ss.getOwner();
      const email = owner ? String(owner.getEmail() ?? '').trim().toLowerCase() : '';
      return email || null;
    } catch {
      return null;
    }
  }

  protectTab(tab: string, want: TabProtection): boolean {
    const sheet = this.sheet(tab);
    if (!sheet) return false;
    const ours = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).filter((p) => p.getDescription() === want.description);
    let protection = ours[0];
    let changed = false;
    const fresh = !protection;
    if (!protection) {
      protection = sheet.protect().setDescription(want.description);
      changed = true;
    }
    if (want.unprotectedColumns) {
      // The people's columns stay open; a column is named by its data rows (A1 is compared to
      // decide whether anything changed, so a rerun makes no call beyond the reading).
      const rows = Math.max(sheet.getMaxRows() - 1, 1);
      const open = want.unprotectedColumns.map((c) => sheet.getRange(2, c, rows, 1));
      const have = protection.getUnprotectedRanges().map((r) => r.getA1Notation()).sort().join(',');
      if (open.map((r) => r.getA1Notation()).sort().join(',') !== have) {
        protection.setUnprotectedRanges(open);
        changed = true;
      }
    }
    if (want.editors === 'warning') {
      if (!protection.isWarningOnly()) {
        protection.setWarningOnly(true);
        changed = true;
      }
      return changed;
    }
    if (protection.isWarningOnly()) {
      protection.setWarningOnly(false);
      changed = true;
    }
    // The owner and the person running this always stay editors (Protection.removeEditors says so).
    const wanted = new Set(want.editors.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''));
    const current = protection.getEditors().map((u) => u.getEmail().trim().toLowerCase());
    const extra = current.filter((e) => !wanted.has(e));
    const missing = [...wanted].filter((e) => !current.includes(e));
    if (fresh) {
      // A new protection mirrors the file's sharing until its editor list is changed
      // (reference of Sheet.protect): removing the editors makes it a list of its own.
      protection.removeEditors(protection.getEditors());
    } else if (extra.length) {
      protection.removeEditors(extra);
      changed = true;
    }
    if (missing.length) {
      protection.addEditors(missing);
      changed = true;
    }
    if (protection.canDomainEdit()) {
      protection.setDomainEdit(false);
      changed = true;
    }
    return changed;
  }

  table<K extends string>(spec: TabSpec<K>): Table<K> {
    let t = this.tables.get(spec.key) as Table<K> | undefined;
    if (!t) {
      t = new SheetTable(spec, () => this.sheet(spec.name));
      this.tables.set(spec.key, t as unknown as Table<string>);
    }
    return t;
  }
}

function buildValidation(v: ColumnValidation): GoogleAppsScript.Spreadsheet.DataValidation {
  if (v.kind === 'checkbox') return SpreadsheetApp.newDataValidation().requireCheckbox().build();
  return SpreadsheetApp.newDataValidation()
    .requireValueInList([...v.values], true)
    .setAllowInvalid(!v.strict)
    .setHelpText(v.help)
    .build();
}

export class GasWorkbooks implements Workbooks {
  private currentBook?: SpreadsheetWorkbook;
  private readonly others = new Map<string, SpreadsheetWorkbook | null>();

  /**
   * The container spreadsheet. Where Google reports none (getActiveSpreadsheet: "or null if there
   * is none" — a web app execution, docs/web-app.md), the spreadsheet setup recorded is opened by ID.
   */
  current(): Workbook {
    if (!this.currentBook) {
      const active = SpreadsheetApp.getActiveSpreadsheet();
      if (active) this.currentBook = new SpreadsheetWorkbook(active);
      else {
        const id = recordedSpreadsheetId();
        if (!id) throw new Error('No hay una hoja de cálculo activa ni una registrada por la configuración: ejecute «Configurar» desde el menú.');
        this.currentBook = new SpreadsheetWorkbook(SpreadsheetApp.openById(id), id);
      }
    }
    return this.currentBook;
  }

  open(id: string): Workbook | null {
    if (this.currentBook && this.currentBook.id === id) return this.currentBook;
    if (!this.others.has(id)) {
      let book: SpreadsheetWorkbook | null = null;
      try {
        book = new SpreadsheetWorkbook(SpreadsheetApp.openById(id), id);
      } catch {
        book = null; // wrong ID or no access: the caller tells the person
      }
      this.others.set(id, book);
    }
    return this.others.get(id) ?? null;
  }
}

/** The ID setup recorded (app/setup.ts): document properties of the bound script, else the script's. */
function recordedSpreadsheetId(): string | null {
  const read = (get: () => GoogleAppsScript.Properties.Properties | null) => {
    try {
      return get()?.getProperty(SPREADSHEET_ID_PROPERTY) || null;
    } catch {
      return null;
    }
  };
  return read(() => PropertiesService.getDocumentProperties()) ?? read(() => PropertiesService.getScriptProperties());
}
