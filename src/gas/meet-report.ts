/**
 * The `ReportSheets` port over SpreadsheetApp (reference/spreadsheet/spreadsheet-app#openById):
 * the Meet attendance report, a Google Sheet in the organizer's Drive, opened by the ID the
 * consultant pasted. One `openById`, one `getDataRange().getValues()` of its first sheet. Needs
 * only the spreadsheets scope the product already has (no Drive scope).
 */
import type { ReportSheets } from '../ports';

export class SpreadsheetReportSheets implements ReportSheets {
  read(id: string): { name: string; values: unknown[][] } | null {
    let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
    try {
      ss = SpreadsheetApp.openById(id);
    } catch {
      // No such file, not a spreadsheet, or not shared with this person.
      return null;
    }
    const sheet = ss.getSheets()[0];
    if (!sheet) return { name: ss.getName(), values: [] };
    return { name: ss.getName(), values: sheet.getDataRange().getValues() as unknown[][] };
  }
}
