import type { ServiceInstaller } from '../core/env';
import { SpreadsheetAppService } from './sheets/app';
import { ChartsService } from './sheets/charts';

/**
 * The emulated Sheets service: the SpreadsheetApp global and the 'sheets' store. The store's
 * host-side API (createSpreadsheet, readValues, ensureFormResponseSheet …) is what the
 * Workspace, the browser UI and the other services use; see sheets/store.ts.
 */
export { SheetsStore, sheetsStore, defaultSheetName, DEFAULT_LOCALE, DEFAULT_TIME_ZONE } from './sheets/store';
export { SpreadsheetAppService } from './sheets/app';
export type { SheetData, SpreadsheetData } from './sheets/model';
export type { Spreadsheet } from './sheets/spreadsheet';
export type { Sheet } from './sheets/sheet';
export type { Range } from './sheets/range';

export type { ChartData } from './sheets/charts';

/** SpreadsheetApp, and the Charts service whose enums (Charts.ChartType) sheet charts use. */
export const install: ServiceInstaller = (env) => ({ SpreadsheetApp: new SpreadsheetAppService(env), Charts: new ChartsService() });
