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
  protection: ProtectionData | null;
}

export interface ProtectionData {
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
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
  };
}
