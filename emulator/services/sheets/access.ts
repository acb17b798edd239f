import { MESSAGES } from './messages';
import type { GridArea, ProtectionData, SharingData, SheetData, SpreadsheetData } from './model';

/**
 * Who may change what in a spreadsheet: Drive sharing (owner, editors, viewers) and Sheets
 * protections (developers.google.com/apps-script/reference/spreadsheet/protection). Shared by
 * the script-facing classes (the user is the execution's effective user) and the host-side
 * "a person types into a cell" path (the user is that person).
 */

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

function unique(list: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const e of list) if (e && !out.some((x) => same(x, e))) out.push(e);
  return out;
}

// ------------------------------------------------------------------ the file

/** Owner and editors (Spreadsheet.getEditors lists the owner too). */
export function fileEditors(ss: SpreadsheetData): string[] {
  return unique([ss.owner, ...ss.sharing.editors]);
}

export function canEditFile(ss: SpreadsheetData, user: string): boolean {
  if (same(user, ss.owner)) return true;
  if (!ss.sharing.restricted) return true;
  return ss.sharing.editors.some((e) => same(e, user));
}

export function canViewFile(ss: SpreadsheetData, user: string): boolean {
  return canEditFile(ss, user) || ss.sharing.viewers.some((e) => same(e, user));
}

/** A script running as `user` changes the file: only its owner and editors may. */
export function requireFileEdit(ss: SpreadsheetData, user: string): void {
  if (!canEditFile(ss, user)) throw new Error(MESSAGES.noDocumentAccess);
}

/** Makes sharing explicit (restricted) and gives `email` that role; an editor is not demoted by addViewer. */
export function share(ss: SpreadsheetData, email: string, role: 'editor' | 'viewer' | 'none'): void {
  shareWith(ss.sharing, ss.owner, email, role);
}

/**
 * Drive's sharing rule, for any file (a spreadsheet, a Drive item): the first explicit share
 * makes it restricted; the owner's role never changes; addViewer does not demote an editor.
 */
export function shareWith(s: SharingData, owner: string, email: string, role: 'editor' | 'viewer' | 'none'): void {
  s.restricted = true;
  if (same(email, owner)) return;
  const isEditor = s.editors.some((e) => same(e, email));
  if (role === 'editor') {
    s.viewers = s.viewers.filter((e) => !same(e, email));
    if (!isEditor) s.editors.push(email);
  } else if (role === 'viewer') {
    if (!isEditor && !s.viewers.some((e) => same(e, email))) s.viewers.push(email);
  } else {
    s.editors = s.editors.filter((e) => !same(e, email));
    s.viewers = s.viewers.filter((e) => !same(e, email));
  }
}

// ------------------------------------------------------------------ protections

/** The editors a protection lists: while it mirrors the file, the file's editors; the owner always. */
export function protectionEditors(ss: SpreadsheetData, p: ProtectionData): string[] {
  if (p.editors === null) return fileEditors(ss);
  return unique([ss.owner, ...p.editors]);
}

/**
 * Protection.canEdit for `user`: the owner always; anyone who can edit the file while the
 * protection mirrors the file's permissions or is warning-only; else the listed editors, and
 * the owner's domain when domain edit is on.
 */
export function canEditProtection(ss: SpreadsheetData, p: ProtectionData, user: string): boolean {
  if (!canEditFile(ss, user)) return false;
  if (same(user, ss.owner) || p.warningOnly || p.editors === null) return true;
  if (p.editors.some((e) => same(e, user))) return true;
  return p.domainEdit && domainOf(user) === domainOf(ss.owner);
}

/** First change to the editors: the list stops mirroring the file and starts from its editors and the creator. */
export function materializeEditors(ss: SpreadsheetData, p: ProtectionData): string[] {
  if (p.editors === null) p.editors = unique([ss.owner, p.creator, ...ss.sharing.editors]);
  return p.editors;
}

export function wholeSheet(sheet: SheetData): GridArea {
  return { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns };
}

function intersects(a: GridArea, b: GridArea): boolean {
  return a.row <= b.row + b.numRows - 1 && b.row <= a.row + a.numRows - 1 && a.column <= b.column + b.numColumns - 1 && b.column <= a.column + a.numColumns - 1;
}

function contains(outer: GridArea, inner: GridArea): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.column + inner.numColumns <= outer.column + outer.numColumns
  );
}

/** True when some cell of `area` lies outside every unprotected region of the sheet protection. */
function sheetProtectionTouches(p: ProtectionData, area: GridArea): boolean {
  const holes = p.unprotected ?? [];
  if (holes.length === 0) return true;
  if (holes.some((h) => contains(h, area))) return false;
  for (let r = area.row; r < area.row + area.numRows; r++) {
    for (let c = area.column; c < area.column + area.numColumns; c++) {
      if (!holes.some((h) => r >= h.row && r < h.row + h.numRows && c >= h.column && c < h.column + h.numColumns)) return true;
    }
  }
  return false;
}

/** The protections covering at least one cell of `area`. */
export function protectionsOver(sheet: SheetData, area: GridArea): ProtectionData[] {
  const out: ProtectionData[] = [];
  if (sheet.protection && sheetProtectionTouches(sheet.protection, area)) out.push(sheet.protection);
  for (const p of sheet.rangeProtections) if (intersects(p.area, area)) out.push(p);
  return out;
}

/**
 * The protections a row/column insertion or deletion touches: the sheet's own protection
 * always (a protected sheet's structure is protected); a protected range when rows are
 * deleted across it, or inserted strictly inside it (inserting at its edge only moves it).
 */
export function protectionsOverStructure(sheet: SheetData, dim: 'rows' | 'columns', at: number, n: number, change: 'insert' | 'delete'): ProtectionData[] {
  const out: ProtectionData[] = [];
  if (sheet.protection) out.push(sheet.protection);
  for (const p of sheet.rangeProtections) {
    const start = dim === 'rows' ? p.area.row : p.area.column;
    const end = start + (dim === 'rows' ? p.area.numRows : p.area.numColumns) - 1;
    const touched = change === 'insert' ? at > start && at <= end : at <= end && at + n - 1 >= start;
    if (touched) out.push(p);
  }
  return out;
}

export type EditVerdict = 'ok' | 'warning' | 'blocked';

/** What happens when `user` edits under these protections: blocked by one they cannot edit, a warning, or fine. */
export function verdict(ss: SpreadsheetData, user: string, protections: ProtectionData[]): EditVerdict {
  let warn = false;
  for (const p of protections) {
    if (p.warningOnly) warn = true;
    else if (!canEditProtection(ss, p, user)) return 'blocked';
  }
  return warn ? 'warning' : 'ok';
}

/** Nothing to check: the file is open to everyone and the sheet has no protection (the hot path). */
export function unguarded(ss: SpreadsheetData, sheet: SheetData): boolean {
  return !ss.sharing.restricted && !sheet.protection && sheet.rangeProtections.length === 0;
}

/**
 * A script running as `user` writes `area`: a non-editor of the file is refused; a protection
 * the user cannot edit refuses with Sheets' message; warning-only protections never stop a
 * script (there is nobody to confirm the warning).
 */
export function guardScriptWrite(ss: SpreadsheetData, sheet: SheetData, user: string, area: GridArea): void {
  if (unguarded(ss, sheet)) return;
  requireFileEdit(ss, user);
  if (verdict(ss, user, protectionsOver(sheet, area)) === 'blocked') throw new Error(MESSAGES.protectedCell);
}

export function guardScriptStructure(ss: SpreadsheetData, sheet: SheetData, user: string, dim: 'rows' | 'columns', at: number, n: number, change: 'insert' | 'delete'): void {
  if (unguarded(ss, sheet)) return;
  requireFileEdit(ss, user);
  if (verdict(ss, user, protectionsOverStructure(sheet, dim, at, n, change)) === 'blocked') throw new Error(MESSAGES.protectedCell);
}

/** Deleting or renaming a sheet: any protection on it that the user cannot edit refuses. */
export function guardScriptSheet(ss: SpreadsheetData, sheet: SheetData, user: string): void {
  if (unguarded(ss, sheet)) return;
  requireFileEdit(ss, user);
  const all: ProtectionData[] = [...(sheet.protection ? [sheet.protection] : []), ...sheet.rangeProtections];
  if (verdict(ss, user, all) === 'blocked') throw new Error(MESSAGES.protectedCell);
}

// ------------------------------------------------------------------ moving with rows and columns

function shiftInsert(start: number, len: number, at: number, n: number): [number, number] {
  if (at <= start) return [start + n, len];
  if (at <= start + len - 1) return [start, len + n];
  return [start, len];
}

function shiftDelete(start: number, len: number, at: number, n: number): [number, number] | null {
  const end = start + len - 1;
  const delEnd = at + n - 1;
  if (delEnd < start) return [start - n, len];
  if (at > end) return [start, len];
  const overlap = Math.min(end, delEnd) - Math.max(start, at) + 1;
  const left = len - overlap;
  return left > 0 ? [Math.min(start, at), left] : null;
}

function moveArea(a: GridArea, dim: 'rows' | 'columns', at: number, n: number, change: 'insert' | 'delete'): GridArea | null {
  const [start, len] = dim === 'rows' ? [a.row, a.numRows] : [a.column, a.numColumns];
  const moved = change === 'insert' ? shiftInsert(start, len, at, n) : shiftDelete(start, len, at, n);
  if (!moved) return null;
  return dim === 'rows' ? { ...a, row: moved[0], numRows: moved[1] } : { ...a, column: moved[0], numColumns: moved[1] };
}

/**
 * Protected ranges and unprotected regions move with inserted and deleted rows/columns as
 * Sheets moves them; a protected range whose cells are all deleted is gone.
 */
export function moveProtections(sheet: SheetData, dim: 'rows' | 'columns', at: number, n: number, change: 'insert' | 'delete'): void {
  if (!sheet.protection && sheet.rangeProtections.length === 0) return;
  const kept = [];
  for (const p of sheet.rangeProtections) {
    const area = moveArea(p.area, dim, at, n, change);
    if (area) {
      p.area = area;
      kept.push(p);
    }
  }
  sheet.rangeProtections = kept;
  if (sheet.protection?.unprotected) {
    sheet.protection.unprotected = sheet.protection.unprotected.map((a) => moveArea(a, dim, at, n, change)).filter((a): a is GridArea => a !== null);
  }
}
