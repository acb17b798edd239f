/**
 * The GeneratedTabs port on the spreadsheet the script is bound to (i13-report): the entry points
 * build it without touching Apps Script themselves (docs/architecture.md: globals only in
 * src/gas). The spreadsheet is looked up on first use, so an execution that never writes a
 * generated tab (the session clock with no module to consolidate) makes no extra call.
 */
import type { GeneratedTabs, TabChart } from '../ports';
import { SheetsGeneratedTabs } from './generated-tabs';

export class ActiveGeneratedTabs implements GeneratedTabs {
  private inner?: SheetsGeneratedTabs;

  private tabs(): SheetsGeneratedTabs {
    if (!this.inner) {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      if (!ss) throw new Error('No hay una hoja de cálculo activa para escribir el consolidado.');
      this.inner = new SheetsGeneratedTabs(ss);
    }
    return this.inner;
  }

  replace(tabName: string, rows: readonly (readonly (string | number | Date)[])[], charts: readonly TabChart[]): void {
    this.tabs().replace(tabName, rows, charts);
  }

  exists(tabName: string): boolean {
    return this.tabs().exists(tabName);
  }
}
