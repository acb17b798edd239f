import { GasObject } from '../../core/gas-object';
import { uiStore } from '../../core/ui-store';
import { isValidTimeZone } from '../../core/zones';
import { User } from '../session';
import { splitSheetName } from './a1';
import { fileEditors, guardScriptSheet, requireFileEdit, share } from './access';
import type { SheetsContext } from './context';
import { MESSAGES, signatureError } from './messages';
import type { SheetData, SpreadsheetData } from './model';
import { emailOf, sheetProtections, type Protection } from './protection';
import type { Range } from './range';
import { Sheet } from './sheet';

/** A spreadsheet file (developers.google.com/apps-script/reference/spreadsheet/spreadsheet). */
export class Spreadsheet extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'Spreadsheet';

  constructor(
    readonly _ctx: SheetsContext,
    readonly _ss: SpreadsheetData,
  ) {
    super();
  }

  private _wrap(sheet: SheetData): Sheet {
    return new Sheet(this._ctx, this._ss, sheet);
  }

  private _active(): SheetData {
    return this._ss.sheets.find((s) => s.sheetId === this._ss.activeSheetId) ?? this._ss.sheets[0];
  }

  getId(): string {
    return this._ss.id;
  }

  getName(): string {
    return this._ss.name;
  }

  rename(newName: string): void {
    requireFileEdit(this._ss, this._ctx.user);
    this._ss.name = String(newName);
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._ss.id}/edit`;
  }

  getSpreadsheetTimeZone(): string {
    return this._ss.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    requireFileEdit(this._ss, this._ctx.user);
    if (!isValidTimeZone(String(timezone))) throw new Error(MESSAGES.invalidArgument('timezone'));
    this._ss.timeZone = String(timezone);
  }

  getSpreadsheetLocale(): string {
    return this._ss.locale;
  }

  setSpreadsheetLocale(locale: string): void {
    requireFileEdit(this._ss, this._ctx.user);
    this._ss.locale = String(locale);
  }

  // ---------------------------------------------------------------- sharing (reference/spreadsheet/spreadsheet#getOwner() … #removeViewer(String))

  /** The file's owner. */
  getOwner(): User {
    return new User(this._ss.owner);
  }

  /** The owner and the editors. */
  getEditors(): User[] {
    return fileEditors(this._ss).map((e) => new User(e));
  }

  /** Viewers and commenters (editors are not listed). */
  getViewers(): User[] {
    return this._ss.sharing.viewers.map((e) => new User(e));
  }

  private _share(method: string, who: unknown, role: 'editor' | 'viewer' | 'none'): Spreadsheet {
    const email = emailOf('Spreadsheet', method, who);
    requireFileEdit(this._ss, this._ctx.user); // editors may share (Drive's default)
    share(this._ss, email, role);
    return this;
  }

  /** Adds an editor; a viewer is promoted out of the viewers. */
  addEditor(emailAddressOrUser: string | User): Spreadsheet {
    return this._share('addEditor', emailAddressOrUser, 'editor');
  }

  addEditors(emailAddresses: string[]): Spreadsheet {
    if (!Array.isArray(emailAddresses)) throw signatureError('Spreadsheet', 'addEditors', [emailAddresses]);
    for (const e of emailAddresses) this._share('addEditors', e, 'editor');
    return this;
  }

  /** Removes an editor (the owner stays owner); a viewer stays a viewer. */
  removeEditor(emailAddressOrUser: string | User): Spreadsheet {
    const email = emailOf('Spreadsheet', 'removeEditor', emailAddressOrUser);
    const isViewer = this._ss.sharing.viewers.some((e) => e.toLowerCase() === email.toLowerCase());
    return this._share('removeEditor', email, isViewer ? 'viewer' : 'none');
  }

  /** Adds a viewer; no effect on an editor. */
  addViewer(emailAddressOrUser: string | User): Spreadsheet {
    return this._share('addViewer', emailAddressOrUser, 'viewer');
  }

  addViewers(emailAddresses: string[]): Spreadsheet {
    if (!Array.isArray(emailAddresses)) throw signatureError('Spreadsheet', 'addViewers', [emailAddresses]);
    for (const e of emailAddresses) this._share('addViewers', e, 'viewer');
    return this;
  }

  /** Removes a viewer; no effect on an editor. */
  removeViewer(emailAddressOrUser: string | User): Spreadsheet {
    const email = emailOf('Spreadsheet', 'removeViewer', emailAddressOrUser);
    const isEditor = this._ss.sharing.editors.some((e) => e.toLowerCase() === email.toLowerCase());
    return this._share('removeViewer', email, isEditor ? 'editor' : 'none');
  }

  // ---------------------------------------------------------------- protections

  /** Every protected range (RANGE) or protected sheet (SHEET) of the spreadsheet, sheet by sheet. */
  getProtections(type: string): Protection[] {
    return this._ss.sheets.flatMap((sheet) => sheetProtections(this._ctx, this._ss, sheet, type));
  }

  // ---------------------------------------------------------------- sheets

  getSheets(): Sheet[] {
    return this._ss.sheets.map((s) => this._wrap(s));
  }

  getNumSheets(): number {
    return this._ss.sheets.length;
  }

  /** Exact name; null when there is none. */
  getSheetByName(name: string): Sheet | null {
    const sheet = this._ss.sheets.find((s) => s.name === String(name));
    return sheet ? this._wrap(sheet) : null;
  }

  getSheetById(id: number): Sheet | null {
    const sheet = this._ss.sheets.find((s) => s.sheetId === Number(id));
    return sheet ? this._wrap(sheet) : null;
  }

  /**
   * insertSheet() | insertSheet(sheetIndex) | insertSheet(sheetName) |
   * insertSheet(sheetName, sheetIndex) (+ an ignored options object). The index is 0-based;
   * the new sheet becomes the active one.
   */
  insertSheet(a?: string | number | object, b?: number | object, _options?: object): Sheet {
    let name: string | undefined;
    let index: number | undefined;
    if (typeof a === 'string') {
      name = a;
      if (typeof b === 'number') index = b;
    } else if (typeof a === 'number') {
      index = a;
    } else if (a !== undefined && (typeof a !== 'object' || a === null)) {
      throw signatureError('Spreadsheet', 'insertSheet', [a, b]);
    }
    requireFileEdit(this._ss, this._ctx.user);
    const store = this._ctx.store;
    const sheet = store.addSheet(this._ss, name ?? store.nextDefaultSheetName(this._ss), index);
    this._ss.activeSheetId = sheet.sheetId;
    return this._wrap(sheet);
  }

  deleteSheet(sheet: Sheet): void {
    if (!(sheet instanceof Sheet)) throw signatureError('Spreadsheet', 'deleteSheet', [sheet]);
    if (this._ss.sheets.length <= 1) throw new Error(MESSAGES.removeAllSheets);
    const i = this._ss.sheets.indexOf(sheet._sheet);
    if (i < 0) return;
    guardScriptSheet(this._ss, sheet._sheet, this._ctx.user);
    this._ss.sheets.splice(i, 1);
    if (this._ss.activeSheetId === sheet._sheet.sheetId) this._ss.activeSheetId = this._ss.sheets[0].sheetId;
  }

  getActiveSheet(): Sheet {
    return this._wrap(this._active());
  }

  setActiveSheet(sheet: Sheet): Sheet {
    this._ss.activeSheetId = sheet._sheet.sheetId;
    return sheet;
  }

  /** ID of the active sheet (Spreadsheet.getSheetId). */
  getSheetId(): number {
    return this._active().sheetId;
  }

  getSheetName(): string {
    return this._active().name;
  }

  /** A1 notation, optionally with a sheet name ("'Hoja 2'!A1:B2"); without one, the active sheet. */
  getRange(a1Notation: string): Range {
    const { sheetName } = splitSheetName(String(a1Notation));
    const sheet = sheetName === undefined ? this._active() : this._ss.sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new Error(MESSAGES.rangeNotFound);
    return this._wrap(sheet).getRange(String(a1Notation));
  }

  getDataRange(): Range {
    return this.getActiveSheet().getDataRange();
  }

  getLastRow(): number {
    return this._active().grid.lastRow();
  }

  getLastColumn(): number {
    return this._active().grid.lastColumn();
  }

  appendRow(rowContents: unknown[]): Sheet {
    return this.getActiveSheet().appendRow(rowContents);
  }

  /** The form sending responses to this spreadsheet, or null. */
  getFormUrl(): string | null {
    const formId = Object.keys(this._ss.forms)[0];
    return formId ? `https://docs.google.com/forms/d/${formId}/viewform` : null;
  }

  /** A small pop-up at the bottom right of the spreadsheet; recorded for the UI and tests. */
  toast(msg: string, title?: string, _timeoutSeconds?: number): void {
    uiStore(this._ctx.env.state).messages.push({
      spreadsheetId: this._ss.id,
      kind: 'toast',
      title: title === undefined ? undefined : String(title),
      message: String(msg),
      at: this._ctx.env.state.now(),
    });
  }
}
