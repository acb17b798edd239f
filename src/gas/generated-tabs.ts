/**
 * The GeneratedTabs port over SpreadsheetApp (reference/spreadsheet/sheet,
 * embedded-chart-builder): tabs the product writes whole (the module's consolidation). Replacing
 * one: get or insert the tab, remove its charts (clearing cells leaves charts in place, in Sheets
 * as in the emulator), clear its contents and formats, write every row in one setValues, bold the
 * header row, insert the charts. Other tabs are not touched.
 *
 * No string becomes a formula: a text starting with '=', '+', '-' or '@' gets the leading
 * apostrophe Sheets swallows (neutraliseFormula, as SheetTable does for non-text columns).
 */
import { neutraliseFormula } from '../domain/text';
import type { GeneratedTabs, TabChart } from '../ports';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const CHART_TYPE: Record<TabChart['type'], 'COLUMN' | 'BAR' | 'PIE' | 'LINE'> = { column: 'COLUMN', bar: 'BAR', pie: 'PIE', line: 'LINE' };

/** The rows as one rectangle of cell values: padded to the widest row, strings neutralised. */
export function tabValues(rows: readonly (readonly (string | number | Date)[])[]): (string | number | Date)[][] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r) => {
    const out: (string | number | Date)[] = [];
    for (let i = 0; i < width; i++) {
      const v = i < r.length ? r[i] : '';
      out.push(typeof v === 'string' ? neutraliseFormula(v) : v);
    }
    return out;
  });
}

export class SheetsGeneratedTabs implements GeneratedTabs {
  constructor(private readonly ss: Spreadsheet) {}

  exists(tabName: string): boolean {
    return this.ss.getSheetByName(tabName) !== null;
  }

  replace(tabName: string, rows: readonly (readonly (string | number | Date)[])[], charts: readonly TabChart[]): void {
    const sheet = this.ss.getSheetByName(tabName) ?? this.ss.insertSheet(tabName);
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    sheet.clear();
    const values = tabValues(rows);
    const width = values[0]?.length ?? 0;
    let needRows = values.length;
    let needColumns = width;
    for (const c of charts) {
      needRows = Math.max(needRows, c.anchor.row, c.range.row + c.range.numRows - 1);
      needColumns = Math.max(needColumns, c.anchor.column, c.range.column + c.range.numColumns - 1);
    }
    this.grow(sheet, needRows, needColumns);
    if (values.length > 0 && width > 0) {
      sheet.getRange(1, 1, values.length, width).setValues(values);
      sheet.getRange(1, 1, 1, width).setFontWeight('bold');
    }
    for (const c of charts) {
      const chart = sheet
        .newChart()
        .setChartType(Charts.ChartType[CHART_TYPE[c.type]])
        .addRange(sheet.getRange(c.range.row, c.range.column, c.range.numRows, c.range.numColumns))
        .setPosition(c.anchor.row, c.anchor.column, 0, 0)
        .setOption('title', c.title)
        .build();
      sheet.insertChart(chart);
    }
  }

  /** Makes the grid at least this big (a new tab has 1000 × 26 cells). */
  private grow(sheet: Sheet, rows: number, columns: number): void {
    const maxRows = sheet.getMaxRows();
    if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
    const maxColumns = sheet.getMaxColumns();
    if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
  }
}
