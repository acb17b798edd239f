import { GasObject } from '../../core/gas-object';
import { parseA1 } from './a1';
import { RangeList } from './range-list';
import { chartsOf, insertChart, newChartBuilder, removeChart, updateChart, type EmbeddedChart, type EmbeddedChartBuilder } from './charts';
import { clearBlock, writeValues } from './cells';
import type { SheetsContext } from './context';
import { MESSAGES, signatureError } from './messages';
import { guardScriptSheet, guardScriptStructure, guardScriptWrite, moveProtections, requireFileEdit, wholeSheet } from './access';
import { DEFAULT_COLUMN_WIDTH, type GridArea, type SheetData, type SpreadsheetData } from './model';
import { protectSheet, sheetProtections, type Protection } from './protection';
import { Range } from './range';
import { Spreadsheet } from './spreadsheet';
import { SheetsStore } from './store';

/** One tab (developers.google.com/apps-script/reference/spreadsheet/sheet). */
export class Sheet extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'Sheet';

  constructor(
    readonly _ctx: SheetsContext,
    readonly _ss: SpreadsheetData,
    readonly _sheet: SheetData,
  ) {
    super();
  }

  /** A range checked against the sheet's size, with Apps Script's messages. */
  _range(row: number, column: number, numRows = 1, numColumns = 1): Range {
    if (row < 1) throw new Error(MESSAGES.startRowTooSmall);
    if (column < 1) throw new Error(MESSAGES.startColumnTooSmall);
    if (numRows < 1) throw new Error(MESSAGES.rowsAtLeastOne);
    if (numColumns < 1) throw new Error(MESSAGES.columnsAtLeastOne);
    const s = this._sheet;
    if (row + numRows - 1 > s.maxRows || column + numColumns - 1 > s.maxColumns) throw new Error(MESSAGES.outsideSheet);
    return new Range(this._ctx, this._ss, s, row, column, numRows, numColumns);
  }

  /** Refuses a write to `area` the execution's user may not make (sharing, protections). */
  _guard(area: GridArea = wholeSheet(this._sheet)): void {
    guardScriptWrite(this._ss, this._sheet, this._ctx.user, area);
  }

  private _guardStructure(dim: 'rows' | 'columns', at: number, n: number, change: 'insert' | 'delete'): void {
    guardScriptStructure(this._ss, this._sheet, this._ctx.user, dim, at, n, change);
  }

  // ---------------------------------------------------------------- identity

  getName(): string {
    return this._sheet.name;
  }

  setName(name: string): Sheet {
    const n = String(name);
    guardScriptSheet(this._ss, this._sheet, this._ctx.user);
    if (this._ss.sheets.some((s) => s !== this._sheet && s.name.toLowerCase() === n.toLowerCase())) throw new Error(MESSAGES.sheetExists(n));
    this._sheet.name = n;
    return this;
  }

  getSheetId(): number {
    return this._sheet.sheetId;
  }

  /** Position among the tabs, 1-based. */
  getIndex(): number {
    return this._ss.sheets.indexOf(this._sheet) + 1;
  }

  getParent(): Spreadsheet {
    return new Spreadsheet(this._ctx, this._ss);
  }

  activate(): Sheet {
    this._ss.activeSheetId = this._sheet.sheetId;
    return this;
  }

  // ---------------------------------------------------------------- ranges

  /**
   * getRange(a1) | getRange(row, column) | getRange(row, column, numRows) |
   * getRange(row, column, numRows, numColumns).
   */
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof a === 'string' && column === undefined) {
      const ref = parseA1(a, this._sheet.maxRows, this._sheet.maxColumns);
      return this._range(ref.row, ref.column, ref.numRows, ref.numColumns);
    }
    if (typeof a !== 'number' || typeof column !== 'number') throw signatureError('Sheet', 'getRange', [a, column, numRows, numColumns]);
    return this._range(Math.trunc(a), Math.trunc(column), Math.trunc(numRows ?? 1), Math.trunc(numColumns ?? 1));
  }

  /**
   * getRangeList(a1Notations): the ranges of a non-empty list of A1 notations in this sheet, to
   * act on together (one call for all of them).
   */
  getRangeList(a1Notations: string[]): RangeList {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0 || a1Notations.some((a) => typeof a !== 'string')) {
      throw signatureError('Sheet', 'getRangeList', [a1Notations]);
    }
    return new RangeList(a1Notations.map((a1) => this.getRange(a1)));
  }

  /** A1 through the last row and column holding data (A1 alone on an empty sheet). */
  getDataRange(): Range {
    const { rows, columns } = SheetsStore.dataSize(this._sheet);
    return new Range(this._ctx, this._ss, this._sheet, 1, 1, rows, columns);
  }

  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    return this.getRange(startRow, startColumn, numRows, numColumns).getValues();
  }

  /** Last row with content (values or formulas); 0 for an empty sheet. Formats don't count. */
  getLastRow(): number {
    return this._sheet.grid.lastRow();
  }

  getLastColumn(): number {
    return this._sheet.grid.lastColumn();
  }

  getMaxRows(): number {
    return this._sheet.maxRows;
  }

  getMaxColumns(): number {
    return this._sheet.maxColumns;
  }

  // ---------------------------------------------------------------- rows and columns

  /**
   * Writes the values on the row after the last row with content (a value starting with "="
   * is a formula). A full sheet grows by one row, which takes the formats of the row above.
   */
  appendRow(rowContents: unknown[]): Sheet {
    if (!Array.isArray(rowContents)) throw signatureError('Sheet', 'appendRow', [rowContents]);
    const s = this._sheet;
    const row = s.grid.lastRow() + 1;
    const grow = row > s.maxRows;
    if (rowContents.length > s.maxColumns) s.maxColumns = rowContents.length;
    if (rowContents.length === 0) return this;
    this._guard({ row, column: 1, numRows: 1, numColumns: rowContents.length });
    if (grow) {
      s.grid.insertRows(row, 1, row - 1);
      s.maxRows = row;
    }
    try {
      writeValues(this._ss, s, row, 1, [rowContents], { formulas: true, validate: true });
    } catch (e) {
      if (grow) {
        s.grid.deleteRows(row, 1);
        s.maxRows = row - 1;
      }
      throw e;
    }
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    const s = this._sheet;
    if (afterPosition < 1 || afterPosition > s.maxRows || howMany < 1) throw new Error(MESSAGES.rowsOutOfBounds);
    this._guardStructure('rows', afterPosition + 1, howMany, 'insert');
    s.grid.insertRows(afterPosition + 1, howMany, afterPosition);
    moveProtections(s, 'rows', afterPosition + 1, howMany, 'insert');
    s.maxRows += howMany;
    return this;
  }

  insertRowAfter(afterPosition: number): Sheet {
    return this.insertRowsAfter(afterPosition, 1);
  }

  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    const s = this._sheet;
    if (beforePosition < 1 || beforePosition > s.maxRows || howMany < 1) throw new Error(MESSAGES.rowsOutOfBounds);
    this._guardStructure('rows', beforePosition, howMany, 'insert');
    s.grid.insertRows(beforePosition, howMany, beforePosition > 1 ? beforePosition - 1 : undefined);
    moveProtections(s, 'rows', beforePosition, howMany, 'insert');
    s.maxRows += howMany;
    return this;
  }

  insertRowBefore(beforePosition: number): Sheet {
    return this.insertRowsBefore(beforePosition, 1);
  }

  insertRows(rowIndex: number, numRows?: number): void {
    this.insertRowsBefore(rowIndex, numRows ?? 1);
  }

  deleteRows(rowPosition: number, howMany: number): void {
    const s = this._sheet;
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > s.maxRows) throw new Error(MESSAGES.rowsOutOfBounds);
    if (s.maxRows - howMany <= s.frozenRows) throw new Error(MESSAGES.deleteAllRows);
    this._guardStructure('rows', rowPosition, howMany, 'delete');
    s.grid.deleteRows(rowPosition, howMany);
    moveProtections(s, 'rows', rowPosition, howMany, 'delete');
    s.maxRows -= howMany;
  }

  deleteRow(rowPosition: number): Sheet {
    this.deleteRows(rowPosition, 1);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    const s = this._sheet;
    if (afterPosition < 1 || afterPosition > s.maxColumns || howMany < 1) throw new Error(MESSAGES.columnsOutOfBounds);
    this._guardStructure('columns', afterPosition + 1, howMany, 'insert');
    s.grid.insertColumns(afterPosition + 1, howMany, afterPosition);
    moveProtections(s, 'columns', afterPosition + 1, howMany, 'insert');
    s.maxColumns += howMany;
    return this;
  }

  insertColumnAfter(afterPosition: number): Sheet {
    return this.insertColumnsAfter(afterPosition, 1);
  }

  insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
    const s = this._sheet;
    if (beforePosition < 1 || beforePosition > s.maxColumns || howMany < 1) throw new Error(MESSAGES.columnsOutOfBounds);
    this._guardStructure('columns', beforePosition, howMany, 'insert');
    s.grid.insertColumns(beforePosition, howMany, beforePosition > 1 ? beforePosition - 1 : undefined);
    moveProtections(s, 'columns', beforePosition, howMany, 'insert');
    s.maxColumns += howMany;
    return this;
  }

  insertColumnBefore(beforePosition: number): Sheet {
    return this.insertColumnsBefore(beforePosition, 1);
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    const s = this._sheet;
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > s.maxColumns) throw new Error(MESSAGES.columnsOutOfBounds);
    if (s.maxColumns - howMany <= s.frozenColumns) throw new Error(MESSAGES.deleteAllColumns);
    this._guardStructure('columns', columnPosition, howMany, 'delete');
    s.grid.deleteColumns(columnPosition, howMany);
    moveProtections(s, 'columns', columnPosition, howMany, 'delete');
    s.maxColumns -= howMany;
  }

  deleteColumn(columnPosition: number): Sheet {
    this.deleteColumns(columnPosition, 1);
    return this;
  }

  /** Sorts the rows below the frozen ones by a column (Sheet.sort). */
  sort(columnPosition: number, ascending?: boolean): Sheet {
    const s = this._sheet;
    const first = s.frozenRows + 1;
    const last = s.grid.lastRow();
    if (last >= first) {
      new Range(this._ctx, this._ss, s, first, 1, last - first + 1, s.maxColumns).sort({ column: columnPosition, ascending: ascending !== false });
    }
    return this;
  }

  // ---------------------------------------------------------------- view

  setFrozenRows(rows: number): void {
    requireFileEdit(this._ss, this._ctx.user);
    if (rows < 0 || rows >= this._sheet.maxRows) throw new Error(MESSAGES.invalidArgument('rows'));
    this._sheet.frozenRows = Math.trunc(rows);
  }

  getFrozenRows(): number {
    return this._sheet.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    requireFileEdit(this._ss, this._ctx.user);
    if (columns < 0 || columns >= this._sheet.maxColumns) throw new Error(MESSAGES.invalidArgument('columns'));
    this._sheet.frozenColumns = Math.trunc(columns);
  }

  getFrozenColumns(): number {
    return this._sheet.frozenColumns;
  }

  hideSheet(): Sheet {
    requireFileEdit(this._ss, this._ctx.user);
    if (!this._sheet.hidden && !this._ss.sheets.some((s) => s !== this._sheet && !s.hidden)) throw new Error(MESSAGES.hideAllSheets);
    this._sheet.hidden = true;
    if (this._ss.activeSheetId === this._sheet.sheetId) {
      this._ss.activeSheetId = this._ss.sheets.find((s) => !s.hidden)!.sheetId;
    }
    return this;
  }

  showSheet(): Sheet {
    requireFileEdit(this._ss, this._ctx.user);
    this._sheet.hidden = false;
    return this;
  }

  isSheetHidden(): boolean {
    return this._sheet.hidden;
  }

  setColumnWidth(columnPosition: number, width: number): Sheet {
    requireFileEdit(this._ss, this._ctx.user);
    this._sheet.columnWidths[columnPosition] = width;
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    requireFileEdit(this._ss, this._ctx.user);
    for (let c = startColumn; c < startColumn + numColumns; c++) this._sheet.columnWidths[c] = width;
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    return this._sheet.columnWidths[columnPosition] ?? DEFAULT_COLUMN_WIDTH;
  }

  /** Fitting columns to their content needs a renderer; accepted, widths unchanged. */
  autoResizeColumns(_startColumn: number, _numColumns: number): Sheet {
    return this;
  }

  autoResizeColumn(_columnPosition: number): Sheet {
    return this;
  }

  setRowHeight(_rowPosition: number, _height: number): Sheet {
    return this;
  }

  setRowHeights(_startRow: number, _numRows: number, _height: number): Sheet {
    return this;
  }

  setTabColor(color: string | null): Sheet {
    requireFileEdit(this._ss, this._ctx.user);
    this._sheet.tabColor = color === null || color === undefined ? null : String(color);
    return this;
  }

  getTabColor(): string | null {
    return this._sheet.tabColor;
  }

  // ---------------------------------------------------------------- clearing

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): Sheet {
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly;
    this._guard();
    clearBlock(this._sheet, 1, 1, this._sheet.maxRows, this._sheet.maxColumns, { contents: !any || o.contentsOnly, formats: !any || o.formatOnly });
    return this;
  }

  clearContents(): Sheet {
    this._guard();
    clearBlock(this._sheet, 1, 1, this._sheet.maxRows, this._sheet.maxColumns, { contents: true });
    return this;
  }

  clearFormats(): Sheet {
    this._guard();
    clearBlock(this._sheet, 1, 1, this._sheet.maxRows, this._sheet.maxColumns, { formats: true });
    return this;
  }

  // ---------------------------------------------------------------- charts (./charts.ts)

  /** A builder for a chart on this sheet (inserted by insertChart). */
  newChart(): EmbeddedChartBuilder {
    return newChartBuilder(this._ctx, this._ss, this._sheet);
  }

  insertChart(chart: EmbeddedChart): void {
    insertChart(this._ctx, this._ss, this._sheet, chart);
  }

  getCharts(): EmbeddedChart[] {
    return chartsOf(this._ctx, this._ss, this._sheet);
  }

  removeChart(chart: EmbeddedChart): void {
    removeChart(this._ctx, this._ss, this._sheet, chart);
  }

  updateChart(chart: EmbeddedChart): void {
    updateChart(this._ctx, this._ss, this._sheet, chart);
  }

  // ---------------------------------------------------------------- protection and forms

  /**
   * Protects the sheet, or returns its existing protection (Sheet.protect): until the script
   * changes its editors it mirrors the spreadsheet's permissions.
   */
  protect(): Protection {
    return protectSheet(this._ctx, this._ss, this._sheet);
  }

  /** The sheet's own protection (SHEET, at most one) or its protected ranges (RANGE). */
  getProtections(type: string): Protection[] {
    return sheetProtections(this._ctx, this._ss, this._sheet, type);
  }

  /** The form writing its responses to this tab, or null (Sheet.getFormUrl). */
  getFormUrl(): string | null {
    const formId = this._ctx.store.formForSheet(this._ss.id, this._sheet.sheetId);
    return formId ? `https://docs.google.com/forms/d/${formId}/viewform` : null;
  }
}
