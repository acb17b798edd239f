/**
 * Entry points of the monthly report to the Sub Dirección (issue 15 item 3, i15-report), in
 * "Programación Talleres Masivos": the monthly trigger's run (`runMonthlyReport`, trigger only),
 * the report's state for the panel and «Enviar informe mensual» / «Enviar nueva versión»
 * (coordinators only: it speaks for the service).
 */
import { INDICATOR_PROVIDERS } from '../app/indicators/providers';
import { monthlyReportView, runMonthlyReport as runUseCase, sendMonthlyReport as sendUseCase, type MonthlyReportView, type MonthlySendResult } from '../app/indicators/monthly-report';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { DriveAppFiles } from '../gas/drive-files';
import { guarded } from './guard';

/** How the monthly run started, for the audit log's 'Ejecución' column. */
const MONTHLY_REPORT_EXECUTION_KIND = 'Activador del informe mensual';

/** Time-driven: the monthly trigger (day 1) and the one-off run it asks for on the first working day. */
export function runMonthlyReport(e?: GoogleAppsScript.Events.TimeDriven): string {
  return guarded(
    'runMonthlyReport',
    MONTHLY_REPORT_EXECUTION_KIND,
    (ctx) => {
      const summary = runUseCase({ ...ctx, drive: new DriveAppFiles() }, INDICATOR_PROVIDERS);
      console.log(summary);
      return summary;
    },
    e,
  );
}

/** «Informe mensual»: the state of the report of `month` ('yyyy-mm'; empty: the previous month). */
export function getMonthlyReportView(month?: string): MonthlyReportView | { ok: false; message: string } {
  return guarded('getMonthlyReportView', EXECUTION_KINDS.panel, (ctx) => monthlyReportView({ ...ctx, drive: new DriveAppFiles() }, month));
}

/**
 * «Enviar informe mensual» (`newVersion` false) / «Enviar nueva versión» (true) of `month`
 * ('yyyy-mm'; empty: the previous month). `seenVersion`: the version the panel showed.
 */
export function sendMonthlyReport(month: string, newVersion: boolean, seenVersion?: number): MonthlySendResult {
  return guarded('sendMonthlyReport', EXECUTION_KINDS.panel, (ctx) =>
    sendUseCase({ ...ctx, drive: new DriveAppFiles() }, INDICATOR_PROVIDERS, month, { newVersion: newVersion === true, ...(typeof seenVersion === 'number' ? { seenVersion } : {}) }),
  );
}
