import type { ChartData } from './charts';
import { Grid } from './grid';

/** A sheet (tab) of a spreadsheet, as the Sheets UI and the API see it. */
export interface SheetData {
  /** The tab's gid: 0 for the first sheet of a new spreadsheet, random for later ones. */
  sheetId: number;
  name: string;
  grid: Grid;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
  hidden: boolean;
  tabColor: string | null;
  /** Column (1-based) → width in pixels; absent = the default 100. */
  columnWidths: Record<number, number>;
  /** The sheet's own protection (Sheet.protect), if any. */
  protection: ProtectionData | null;
  /** Protected ranges on this sheet (Range.protect), in creation order. */
  rangeProtections: RangeProtectionData[];
  /** Embedded charts (Sheet.insertChart), in insertion order; absent = none. */
  charts?: ChartData[];
}

/** A block of cells, 1-based. */
export interface GridArea {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/**
 * A protection as Sheets keeps it (developers.google.com/apps-script/reference/spreadsheet/protection).
 * `editors` is null until a script changes the list: until then "the permissions mirror those
 * of the spreadsheet itself" (Range.protect / Sheet.protect), i.e. whoever can edit the file
 * can edit the area.
 */
export interface ProtectionData {
  description: string;
  warningOnly: boolean;
  editors: string[] | null;
  domainEdit: boolean;
  /** The user whose script (or hand) created it. */
  creator?: string;
  /** Sheet protections only: the regions left editable (Protection.setUnprotectedRanges). */
  unprotected?: GridArea[];
}

export interface RangeProtectionData extends ProtectionData {
  area: GridArea;
}

/**
 * Who may open and edit a spreadsheet (Drive sharing). `restricted` false is the emulator's
 * compatibility default: every user of the emulated domain edits it (as "anyone in the
 * organization with the link: Editor"). The first explicit sharing (Workspace.share, a script's
 * Spreadsheet.addEditor/addViewer/remove…) makes it restricted: only the owner, the editors and
 * the viewers have access, as for a file shared person by person.
 */
export interface SharingData {
  restricted: boolean;
  editors: string[];
  viewers: string[];
}

/** Where a linked form writes its responses, and which column holds each question. */
export interface FormLink {
  sheetId: number;
  /** Every question title ever linked, with its column (1-based); the timestamp is column 1. */
  titles: string[];
  columns: number[];
  /** Columns of the titles passed to the latest ensureFormResponseSheet, in that order. */
  order: number[];
}

export interface SpreadsheetData {
  id: string;
  name: string;
  owner: string;
  locale: string;
  timeZone: string;
  sheets: SheetData[];
  activeSheetId: number;
  forms: Record<string, FormLink>;
  sharing: SharingData;
}

export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MAX_COLUMNS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;

export function newSheetData(sheetId: number, name: string, maxRows = DEFAULT_MAX_ROWS, maxColumns = DEFAULT_MAX_COLUMNS): SheetData {
  return {
    sheetId,
    name,
    grid: new Grid(),
    frozenRows: 0,
    frozenColumns: 0,
    maxRows,
    maxColumns,
    hidden: false,
    tabColor: null,
    columnWidths: {},
    protection: null,
    rangeProtections: [],
  };
}

export function newSharing(): SharingData {
  return { restricted: false, editors: [], viewers: [] };
}
