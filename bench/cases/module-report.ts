/**
 * A finished module's consolidation and its report to the Dirección (B12) for N participants who
 * meet the rule (30, 300; one in five more attended too little, so N × 1.2 registrants, about
 * 3.5 attendance marks and survey answers each): «Consolidar» (consolidateModule) and then
 * «Enviar informe a la Dirección» (sendModuleReport), two panel calls of one coordinator. Sheets
 * calls per execution do not grow with N: each tab is read once, each generated tab written in one
 * rectangle whatever its rows.
 *
 * Floor of «Consolidar»: the caller's access; the spreadsheet; the script lock; 'Módulos',
 * 'Sesiones', 'Inscripciones', 'Asistencia', 'Encuestas de talleres' and 'Certificados' found and
 * read whole (the module, its counted sessions, who is confirmed, who attended, the answers, the
 * certificates' states); the two generated tabs, the first time: inserted, written in one
 * rectangle, their chart's range taken and the chart inserted; the module's 'Consolidado' written;
 * the audit line.
 *
 * Floor of the send: the caller's access; the spreadsheet; the lock; the same six tabs and
 * 'Configuración' read (the recipient); the journal read once (which versions were sent); the
 * module's folder fetched (DriveApp.getFolderById); the report's HTML converted to PDF
 * (Blob.getAs) and stored in the folder (Folder.createFile); the email with the PDF attached, once
 * (CHAINS.onceOnlyEmail); the module's row written once; the audit line.
 *
 * Left out, so the ratio shows them: the generated tabs cleared and their charts looked for
 * before the write (a recomputation replaces them; the first has nothing to clear), the header row
 * made bold, the grid's size asked; the folder's sharing checked and earlier PDFs of the version
 * looked for (crash safety of the send); the PDF fetched back from Drive for the attachment; the
 * view recomputed after the send (the panel shows it without another round trip).
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { settingSpec } from '../../src/domain/schema';
import { setSetting } from '../../test/support/attention-world';
import { AFTER_MODULE, benchFinishedModule } from '../finished-module';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase } from '../framework';

const DIRECTION = 'direccion.informes@trabajo.gob.pe';

function reportRun(ws: Workspace, n: number): ExecutionRecord[] {
  const { talleres, moduleId } = benchFinishedModule(ws, n, { surveys: true });
  setSetting(ws, talleres, settingSpec('directionReportEmail').name, DIRECTION);
  const consolidated = ws.callFromSidebar(talleres, 'consolidateModule', [moduleId]);
  if (!consolidated.ok || !(consolidated.value as { ok: boolean }).ok) throw new Error(`bench module report: consolidateModule failed: ${consolidated.ok ? (consolidated.value as { message: string }).message : consolidated.error}`);
  const sent = ws.callFromSidebar(talleres, 'sendModuleReport', [moduleId, false]);
  if (!sent.ok || !(sent.value as { ok: boolean }).ok) throw new Error(`bench module report: sendModuleReport failed: ${sent.ok ? (sent.value as { message: string }).message : sent.error}`);
  const mails = ws.outbox().filter((m) => m.to.includes(DIRECTION) && m.attachments.length === 1).length;
  if (mails !== 1) throw new Error(`bench module report: ${mails} reports with a PDF sent to the Dirección`);
  return [consolidated.execution, sent.execution];
}

export const cases: BenchCase[] = [30, 300].map((n) => ({
  operation: 'module-report',
  size: n,
  unit: 'participants',
  workspace: { at: AFTER_MODULE },
  run: (ws) => reportRun(ws, n),
  floor: () => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const generatedTab = sumFloors({ 'Spreadsheet.insertSheet': 1 }, CHAINS.write, { 'Sheet.getRange': 1, 'Sheet.newChart': 1, 'Sheet.insertChart': 1 });
    const consolidate = sumFloors(CHAINS.panelAccess, CHAINS.spreadsheet, CHAINS.lock, times(6, readTable), times(2, generatedTab), CHAINS.write, AUDIT_LINE);
    const send = sumFloors(
      CHAINS.panelAccess,
      CHAINS.spreadsheet,
      CHAINS.lock,
      times(7, readTable),
      { 'Properties.getProperties': 1, 'DriveApp.getFolderById': 1, 'Blob.getAs': 1, 'Folder.createFile': 1 },
      CHAINS.onceOnlyEmail,
      CHAINS.write,
      AUDIT_LINE,
    );
    return floorOf(sumFloors(consolidate, send));
  },
}));
