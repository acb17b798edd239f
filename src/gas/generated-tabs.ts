/**
 * TEMPORARY stand-in (i13-report) for the GeneratedTabs adapter that i13-emu owns: on merging
 * i13-emu, its src/gas/generated-tabs.ts replaces this file (the entry imports its class). It
 * clears and rewrites a whole tab and inserts its charts with EmbeddedChartBuilder where the
 * runtime has it.
 */
import type { GeneratedTabs, TabChart } from '../ports';

function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('No hay hoja de cálculo activa.');
  return ss;
}

const TYPES: Record<TabChart['type'], () => GoogleAppsScript.Charts.ChartType> = {
  column: () => Charts.ChartType.COLUMN,
  bar: () => Charts.ChartType.BAR,
  pie: () => Charts.ChartType.PIE,
  line: () => Charts.ChartType.LINE,
};

export class SheetGeneratedTabs implements GeneratedTabs {
  replace(tabName: string, rows: readonly (readonly (string | number | Date)[])[], charts: readonly TabChart[]): void {
    const ss = active();
    const sheet = ss.getSheetByName(tabName) ?? ss.insertSheet(tabName);
    const withCharts = typeof (sheet as { getCharts?: unknown }).getCharts === 'function';
    if (withCharts) for (const c of sheet.getCharts()) sheet.removeChart(c);
    sheet.clear();
    const width = Math.max(1, ...rows.map((r) => r.length));
    if (rows.length > 0) {
      const grid = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
      sheet.getRange(1, 1, grid.length, width).setValues(grid);
    }
    if (!withCharts) return;
    for (const c of charts) {
      const chart = sheet
        .newChart()
        .setChartType(TYPES[c.type]())
        .addRange(sheet.getRange(c.range.row, c.range.column, c.range.numRows, c.range.numColumns))
        .setPosition(c.anchor.row, c.anchor.column, 0, 0)
        .setOption('title', c.title)
        .build();
      sheet.insertChart(chart);
    }
  }

  exists(tabName: string): boolean {
    return active().getSheetByName(tabName) !== null;
  }
}
