/**
 * The messages real Apps Script throws from SpreadsheetApp, word for word, so scripts that
 * match on them (and people reading execution logs) see what they would see on Google's servers.
 * Each was checked against public execution logs quoting the exception.
 */
export const MESSAGES = {
  rangeNotFound: 'Range not found',
  outsideSheet: 'The coordinates of the range are outside the dimensions of the sheet.',
  startRowTooSmall: 'The starting row of the range is too small.',
  startColumnTooSmall: 'The starting column of the range is too small.',
  rowsAtLeastOne: 'The number of rows in the range must be at least 1.',
  columnsAtLeastOne: 'The number of columns in the range must be at least 1.',
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  sheetExists: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  removeAllSheets: "You can't remove all the sheets in a document.",
  hideAllSheets: "You can't hide all the sheets in a document.",
  rowsOutOfBounds: 'Those rows are out of bounds.',
  columnsOutOfBounds: 'Those columns are out of bounds.',
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteAllColumns: 'Sorry, it is not possible to delete all non-frozen columns.',
  openByIdMissing: 'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
  openByUrlMissing: 'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.',
  noPermission: (method: string) =>
    `You do not have permission to call SpreadsheetApp.${method}. Required permissions: https://www.googleapis.com/auth/spreadsheets`,
  noUiPermission: (method: string) =>
    `You do not have permission to call Ui.${method}. Required permissions: https://www.googleapis.com/auth/script.container.ui`,
  uiContext: 'Cannot call SpreadsheetApp.getUi() from this context.',
  invalidUi: 'Invalid argument: userInterface',
  validation: (cell: string) => `The data you entered in cell ${cell} violates the data validation rules set on this cell.`,
  validationList: (cell: string, list: string[]) =>
    `The data you entered in cell ${cell} violates the data validation rules set on this cell. Please enter one of the following values: ${list.join(', ')}.`,
  sheetDeleted: 'The sheet has been deleted.',
  invalidArgument: (name: string) => `Invalid argument: ${name}`,
  /** Sheets' refusal when a protection stops the user (script or hand): quoted by the brief and in public logs. */
  protectedCell: 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  /** Drive's refusal for a file the user may not open (or, for the emulator, not change). */
  noDocumentAccess: 'You do not have permissions to access the requested document.',
  /** The Sheets UI's dialog before editing a warning-only protected area. */
  protectionWarning: "Heads up! You're trying to edit part of this sheet that shouldn't be changed accidentally. Edit anyway?",
};

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    const first = v.find((x) => x !== null && x !== undefined);
    if (first === undefined) return 'Object[]';
    const inner = typeName(first);
    return `${inner === 'String' || inner === 'number' || inner === 'Boolean' || inner.endsWith('[]') ? inner : 'Object'}[]`;
  }
  if (Object.prototype.toString.call(v) === '[object Date]') return 'Date';
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'number':
      return 'number';
    case 'boolean':
      return 'Boolean';
    default:
      return 'Object';
  }
}

/** "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues." */
export function signatureError(className: string, method: string, args: unknown[]): Error {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const names = args.slice(0, n).map((a) => (a === undefined ? 'undefined' : typeName(a)));
  return new Error(`The parameters (${names.join(',')}) don't match the method signature for SpreadsheetApp.${className}.${method}.`);
}
