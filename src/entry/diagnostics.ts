/**
 * «Emprendimiento › Diagnóstico» (coordinators only): checks on the real deployment what the
 * emulator assumes, writes the 'Diagnóstico' tab and says in a toast how it went
 * (src/app/diagnostics.ts; docs/diagnostics.md).
 */
import { runDiagnostics as runDiagnosticsUseCase } from '../app/diagnostics';
import { DIAGNOSTICS_MESSAGES } from '../domain/messages/diagnostics';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { GasDiagnosticsProbe } from '../gas/diagnostics';
import { SlidesCertificates } from '../gas/certificate-slides';
import { showToast } from '../gas/ui';
import { guarded } from './guard';

/** The menu item: runs every check, shows the report tab, returns the one-line summary. */
export function runDiagnostics(): string {
  return guarded('runDiagnostics', EXECUTION_KINDS.menu, (ctx) => {
    const report = runDiagnosticsUseCase({ ...ctx, probe: new GasDiagnosticsProbe(), slides: new SlidesCertificates() });
    console.log(report.summary);
    showToast(report.summary, DIAGNOSTICS_MESSAGES.toastTitle);
    return report.summary;
  });
}
