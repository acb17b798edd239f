import { GasObject } from '../../core/gas-object';
import { User } from '../session';
import { canEditProtection, materializeEditors, protectionEditors, requireFileEdit } from './access';
import type { SheetsContext } from './context';
import { MESSAGES, signatureError } from './messages';
import type { GridArea, ProtectionData, RangeProtectionData, SheetData, SpreadsheetData } from './model';
import { Range } from './range';

/** An email from a String or a User (the reference accepts both for editors). */
export function emailOf(className: string, method: string, x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof User) return x.getEmail();
  throw signatureError(className, method, [x]);
}

/**
 * A protected range or sheet (developers.google.com/apps-script/reference/spreadsheet/protection).
 * Following the reference:
 * - a new protection mirrors the spreadsheet's permissions until the script changes its editors
 *   (Range.protect / Sheet.protect): `getEditors()` lists the file's editors and nobody is kept out;
 * - the first addEditor/removeEditor/setDomainEdit makes the list explicit, starting from the
 *   file's editors and the protection's creator;
 * - "Neither the owner of the spreadsheet nor the current user can be removed" (removeEditor);
 *   the owner can always edit (canEdit);
 * - warning-only protections let every editor of the file through (scripts are never stopped;
 *   a person in the UI confirms a warning);
 * - reading the editors or changing the protection needs permission to edit it, else it throws.
 * `getRangeName` is null (no named ranges in the emulator); `setDomainEdit` is kept and applies
 * to users of the owner's email domain.
 */
export class Protection extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'Protection';

  constructor(
    readonly _ctx: SheetsContext,
    readonly _ss: SpreadsheetData,
    readonly _sheet: SheetData,
    readonly _data: ProtectionData,
    readonly _type: 'SHEET' | 'RANGE',
  ) {
    super();
  }

  private _requireEdit(): void {
    if (!canEditProtection(this._ss, this._data, this._ctx.user)) throw new Error(MESSAGES.protectedCell);
  }

  private _range(a: GridArea): Range {
    return new Range(this._ctx, this._ss, this._sheet, a.row, a.column, a.numRows, a.numColumns);
  }

  getProtectionType(): string {
    return this._type;
  }

  getDescription(): string {
    return this._data.description;
  }

  setDescription(description: string): Protection {
    this._requireEdit();
    this._data.description = String(description);
    return this;
  }

  isWarningOnly(): boolean {
    return this._data.warningOnly;
  }

  setWarningOnly(warningOnly: boolean): Protection {
    this._requireEdit();
    this._data.warningOnly = Boolean(warningOnly);
    return this;
  }

  /** The users who may edit the area (the owner included). Throws for a user who may not edit it. */
  getEditors(): User[] {
    this._requireEdit();
    return protectionEditors(this._ss, this._data).map((e) => new User(e));
  }

  addEditor(emailAddressOrUser: string | User): Protection {
    const email = emailOf('Protection', 'addEditor', emailAddressOrUser);
    this._requireEdit();
    const editors = materializeEditors(this._ss, this._data);
    if (!editors.some((e) => e.toLowerCase() === email.toLowerCase())) editors.push(email);
    return this;
  }

  addEditors(emailAddresses: string[]): Protection {
    if (!Array.isArray(emailAddresses)) throw signatureError('Protection', 'addEditors', [emailAddresses]);
    for (const e of emailAddresses) this.addEditor(emailOf('Protection', 'addEditors', e));
    return this;
  }

  /** The owner of the spreadsheet and the user running the script stay (the reference: they "cannot be removed"). */
  removeEditor(emailAddressOrUser: string | User): Protection {
    return this._remove([emailOf('Protection', 'removeEditor', emailAddressOrUser)]);
  }

  removeEditors(emailAddresses: (string | User)[]): Protection {
    if (!Array.isArray(emailAddresses)) throw signatureError('Protection', 'removeEditors', [emailAddresses]);
    return this._remove(emailAddresses.map((e) => emailOf('Protection', 'removeEditors', e)));
  }

  private _remove(emails: string[]): Protection {
    this._requireEdit();
    const keep = new Set([this._ss.owner.toLowerCase(), this._ctx.user.toLowerCase()]);
    const drop = new Set(emails.map((e) => e.toLowerCase()).filter((e) => !keep.has(e)));
    this._data.editors = materializeEditors(this._ss, this._data).filter((e) => !drop.has(e.toLowerCase()));
    return this;
  }

  canEdit(): boolean {
    return canEditProtection(this._ss, this._data, this._ctx.user);
  }

  canDomainEdit(): boolean {
    this._requireEdit();
    return this._data.domainEdit;
  }

  setDomainEdit(editable: boolean): Protection {
    this._requireEdit();
    materializeEditors(this._ss, this._data);
    this._data.domainEdit = Boolean(editable);
    return this;
  }

  /** The protected range; for a sheet protection, the whole sheet. */
  getRange(): Range {
    if (this._type === 'RANGE') return this._range((this._data as RangeProtectionData).area);
    return this._range({ row: 1, column: 1, numRows: this._sheet.maxRows, numColumns: this._sheet.maxColumns });
  }

  /** Moves a protected range to another block of the same sheet. */
  setRange(range: Range): Protection {
    if (!(range instanceof Range) || this._type !== 'RANGE' || range._sheet !== this._sheet) throw new Error(MESSAGES.invalidArgument('range'));
    this._requireEdit();
    (this._data as RangeProtectionData).area = { row: range._row, column: range._col, numRows: range._nr, numColumns: range._nc };
    return this;
  }

  /** No named ranges in the emulator: always null, as for a protection not tied to one. */
  getRangeName(): string | null {
    return null;
  }

  /** Unprotected regions of a protected sheet; [] for a protected range. */
  getUnprotectedRanges(): Range[] {
    if (this._type === 'RANGE') return [];
    return (this._data.unprotected ?? []).map((a) => this._range(a));
  }

  /** Protected sheets only; every range must be on this sheet. */
  setUnprotectedRanges(ranges: Range[]): Protection {
    if (this._type === 'RANGE') throw new Error(MESSAGES.invalidArgument('ranges'));
    if (!Array.isArray(ranges) || ranges.some((r) => !(r instanceof Range) || r._sheet !== this._sheet)) throw new Error(MESSAGES.invalidArgument('ranges'));
    this._requireEdit();
    this._data.unprotected = ranges.map((r) => ({ row: r._row, column: r._col, numRows: r._nr, numColumns: r._nc }));
    return this;
  }

  /** Unprotects the range or sheet. */
  remove(): void {
    this._requireEdit();
    if (this._type === 'SHEET') {
      if (this._sheet.protection === this._data) this._sheet.protection = null;
    } else {
      this._sheet.rangeProtections = this._sheet.rangeProtections.filter((p) => p !== this._data);
    }
  }
}

/** Sheet.protect(): the existing sheet protection, or a new one mirroring the file's permissions. */
export function protectSheet(ctx: SheetsContext, ss: SpreadsheetData, sheet: SheetData): Protection {
  if (!sheet.protection) {
    requireFileEdit(ss, ctx.user);
    sheet.protection = { description: '', warningOnly: false, editors: null, domainEdit: false, creator: ctx.user, unprotected: [] };
  }
  return new Protection(ctx, ss, sheet, sheet.protection, 'SHEET');
}

/** Range.protect(): always a new protected range (overlapping ones may coexist). */
export function protectRange(ctx: SheetsContext, ss: SpreadsheetData, sheet: SheetData, area: GridArea): Protection {
  requireFileEdit(ss, ctx.user);
  const data: RangeProtectionData = { description: '', warningOnly: false, editors: null, domainEdit: false, creator: ctx.user, area: { ...area } };
  sheet.rangeProtections.push(data);
  return new Protection(ctx, ss, sheet, data, 'RANGE');
}

/** The protections of one sheet of the given type (ProtectionType.SHEET or RANGE). */
export function sheetProtections(ctx: SheetsContext, ss: SpreadsheetData, sheet: SheetData, type: unknown): Protection[] {
  const t = String(type);
  if (t === 'SHEET') return sheet.protection ? [new Protection(ctx, ss, sheet, sheet.protection, 'SHEET')] : [];
  if (t === 'RANGE') return sheet.rangeProtections.map((p) => new Protection(ctx, ss, sheet, p, 'RANGE'));
  throw new Error(MESSAGES.invalidArgument('type'));
}
