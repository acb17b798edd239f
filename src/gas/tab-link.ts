/**
 * The link of a tab of the spreadsheet the script is bound to (the panel's «Ver la pestaña»):
 * the spreadsheet's URL with the tab's `#gid=`. Null when there is no such tab.
 */
export function activeTabUrl(tabName: string): string | null {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss ? ss.getSheetByName(tabName) : null;
  if (!ss || !sheet) return null;
  return `${ss.getUrl()}#gid=${sheet.getSheetId()}`;
}
