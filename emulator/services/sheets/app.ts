import { GasObject, type GasEnum } from '../../core/gas-object';
import type { ServiceEnv } from '../../core/env';
import { canViewFile } from './access';
import { SheetsContext } from './context';
import { MESSAGES } from './messages';
import { hasScope, SCOPES } from './scopes';
import type { Range } from './range';
import { Sheet } from './sheet';
import { Spreadsheet } from './spreadsheet';
import { DataValidationBuilder, DataValidationCriteria } from './validation';
import { Ui } from './ui';

/** Triggers with no user in front of the spreadsheet: no UI can be shown from them. */
const HEADLESS = new Set(['time', 'formSubmit']);

/**
 * The SpreadsheetApp global (developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app).
 * Simple triggers may use the spreadsheet they are bound to but not open others
 * (developers.google.com/apps-script/guides/triggers#restrictions); a manifest listing its
 * scopes must list the spreadsheets scope to open or create other spreadsheets.
 */
export class SpreadsheetAppService extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'SpreadsheetApp';
  readonly _ctx: SheetsContext;

  readonly DataValidationCriteria: GasEnum = DataValidationCriteria;
  readonly ProtectionType: GasEnum = { RANGE: 'RANGE', SHEET: 'SHEET' };
  readonly Dimension: GasEnum = { COLUMNS: 'COLUMNS', ROWS: 'ROWS' };
  readonly WrapStrategy: GasEnum = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' };

  constructor(env: ServiceEnv) {
    super();
    this._ctx = new SheetsContext(env);
  }

  /** Opening other files needs the full spreadsheets scope (read-only will do for opening). */
  private _requireAuth(method: string, ...scopes: string[]): void {
    if (!hasScope(this._ctx.env, ...scopes)) throw new Error(MESSAGES.noPermission(method));
  }

  /** The container spreadsheet of the script project; null for a standalone script. */
  getActiveSpreadsheet(): Spreadsheet | null {
    const id = this._ctx.env.project.containerId;
    const ss = id ? this._ctx.store.spreadsheet(id) : undefined;
    return ss ? new Spreadsheet(this._ctx, ss) : null;
  }

  getActive(): Spreadsheet | null {
    return this.getActiveSpreadsheet();
  }

  getActiveSheet(): Sheet | null {
    return this.getActiveSpreadsheet()?.getActiveSheet() ?? null;
  }

  openById(id: string): Spreadsheet {
    this._requireAuth('openById', SCOPES.spreadsheets, SCOPES.spreadsheetsReadonly);
    const ss = this._ctx.store.spreadsheet(String(id));
    if (!ss) throw new Error(MESSAGES.openByIdMissing);
    if (!canViewFile(ss, this._ctx.user)) throw new Error(MESSAGES.noDocumentAccess);
    return new Spreadsheet(this._ctx, ss);
  }

  openByUrl(url: string): Spreadsheet {
    this._requireAuth('openByUrl', SCOPES.spreadsheets, SCOPES.spreadsheetsReadonly);
    const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(String(url));
    const ss = m ? this._ctx.store.spreadsheet(m[1]) : undefined;
    if (!ss) throw new Error(MESSAGES.openByUrlMissing);
    if (!canViewFile(ss, this._ctx.user)) throw new Error(MESSAGES.noDocumentAccess);
    return new Spreadsheet(this._ctx, ss);
  }

  /** A new spreadsheet in the user's Drive (counts against the daily "spreadsheets create" quota). */
  create(name: string, rows?: number, columns?: number): Spreadsheet {
    this._requireAuth('create', SCOPES.spreadsheets);
    const { state, exec } = this._ctx.env;
    state.quotas.consume(exec.user, 'spreadsheetsCreated', 1, state.now());
    const id = this._ctx.store.createSpreadsheet(String(name), exec.user, { rows, columns });
    return new Spreadsheet(this._ctx, this._ctx.store.requireSpreadsheet(id));
  }

  /** Writes are applied at once in the emulator; flush only costs its modeled latency. */
  flush(): void {}

  getUi(): Ui {
    const { exec, project } = this._ctx.env;
    const id = project.containerId;
    if (HEADLESS.has(exec.record.trigger) || !id || !this._ctx.store.spreadsheet(id)) throw new Error(MESSAGES.uiContext);
    return new Ui(this._ctx, id);
  }

  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder();
  }

  // ---------------------------------------------------------------- for the runtime (hidden)

  /** The Spreadsheet object an event's `source` holds. */
  _spreadsheet(id: string): Spreadsheet {
    return new Spreadsheet(this._ctx, this._ctx.store.requireSpreadsheet(id));
  }

  /** The row a form submission wrote, as the event's `range` (row, columns 1…numColumns). */
  _rangeFor(spreadsheetId: string, sheetName: string, row: number, numColumns: number): Range {
    const ss = this._ctx.store.requireSpreadsheet(spreadsheetId);
    const sheet = this._ctx.store.requireSheet(spreadsheetId, sheetName);
    return new Sheet(this._ctx, ss, sheet)._range(row, 1, 1, Math.max(1, numColumns));
  }
}
