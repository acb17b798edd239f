/**
 * Entry points of B12's consolidation and report to the Dirección (issue 13, items 1 and 5), in
 * "Programación Talleres Masivos": «Consolidado e informe» of a module — its figures and the
 * report's state, «Consolidar» (the module's attendance and survey tabs with charts) and «Enviar
 * informe a la Dirección» / «Enviar nueva versión» (coordinators only: it speaks for the service).
 */
import { moduleReportView, sendModuleReport as sendUseCase, type ModuleReportView, type ReportSendResult } from '../app/workshops/module-report';
import { consolidate, type ConsolidationResult } from '../app/workshops/consolidation';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { DriveAppFiles } from '../gas/drive-files';
import { ActiveGeneratedTabs } from '../gas/generated-tabs-active';
import { guarded } from './guard';

/** «Consolidado e informe»: the module's figures, when it was consolidated, the report's state and recipient. */
export function getModuleReportView(moduleId: string): ModuleReportView {
  return guarded('getModuleReportView', EXECUTION_KINDS.panel, (ctx) => moduleReportView({ ...ctx, drive: new DriveAppFiles(), tabs: new ActiveGeneratedTabs() }, moduleId));
}

/** «Consolidar»: rewrites the module's attendance and survey tabs (with their charts); nothing else is touched. */
export function consolidateModule(moduleId: string): ConsolidationResult {
  return guarded('consolidateModule', EXECUTION_KINDS.panel, (ctx) => consolidate({ ...ctx, tabs: new ActiveGeneratedTabs() }, moduleId));
}

/**
 * «Enviar informe a la Dirección» (`newVersion` false) / «Enviar nueva versión» (true): the PDF in
 * the module's folder, emailed once per version. `seenVersion`: the version the panel showed.
 */
export function sendModuleReport(moduleId: string, newVersion: boolean, seenVersion?: number): ReportSendResult {
  return guarded('sendModuleReport', EXECUTION_KINDS.panel, (ctx) =>
    sendUseCase({ ...ctx, drive: new DriveAppFiles(), tabs: new ActiveGeneratedTabs() }, moduleId, { newVersion: newVersion === true, ...(typeof seenVersion === 'number' ? { seenVersion } : {}) }),
  );
}
