/**
 * Issuing a finished module's certificates (B12) for N participants who meet the rule (10, 60):
 * «Emitir certificados» from the panel (issueCertificates) and every execution of the job
 * (runCertificates) from the run a minute later until every certificate is out (continuations
 * included: about one execution per 20 certificates within the job's 4.5-minute budget). Each
 * execution makes the same Sheets calls whatever N is: the rows are written in one batch per run.
 *
 * Floor, per certificate (src/gas/certificate-slides.ts is that chain; nothing shorter makes a
 * filled PDF from a Slides template): copy the template into the module's folder
 * (File.makeCopy), open the copy (SlidesApp.openById), the QR image into its box
 * (Slide.insertImage: the QR holds this certificate's verification link, so it is drawn per
 * certificate), save (Presentation.saveAndClose: an export sees only saved changes), fill every
 * placeholder in ONE Slides API request (Slides.Presentations.batchUpdate, the advanced service),
 * export (File.getAs PDF), store the PDF in the folder (Folder.createFile), trash the copy
 * (File.setTrashed); then the email with the PDF attached, once (CHAINS.onceOnlyEmail).
 *
 * Per execution of the job, counted for the fewest executions the 6-minute limit allows (see
 * fewestExecutions): the trigger's proof; the spreadsheet; 'Configuración', 'Módulos',
 * 'Sesiones', 'Inscripciones', 'Asistencia' and 'Certificados' found and read whole (the template
 * and the web app's address, the module, its counted sessions, who is confirmed and their
 * addresses, who attended, what was already issued); the journal read once (the snapshot the
 * once-only sends check); the sibling opened by its ID with its 'Citas' read (tomorrow's reminders
 * keep their mail quota); the quota asked once; the template and the folder each fetched once
 * (DriveApp.getFileById, DriveApp.getFolderById: a File or Folder is only had that way); the
 * script lock around the final write; the new 'Certificados' rows appended and the registrations'
 * columns written (one rectangle); the run's audit line. The panel's call: the caller's access;
 * the same six tabs read; the template checked (fetched and opened: it is refused with the missing
 * placeholders' names before anything is issued); the lock around the request; the request
 * recorded (one property write); the job's trigger made; its audit line.
 *
 * Left out of the floor, so the ratio shows them: the template opened again by each run to check
 * it, the folder's sharing checked each run, two listings of the folder per certificate (its PDF
 * or a leftover copy from a killed run: the crash safety of the job), the PDF fetched back from
 * Drive for the attachment (the port gives the mailer a file ID, not the blob in hand), and one
 * Presentation.replaceAllText per placeholder where the manifest does not enable the advanced
 * Slides service (it does not today: see docs/performance.md).
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { benchFinishedModule, AFTER_MODULE } from '../finished-module';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase, type FloorCalls } from '../framework';

function certificatesRun(ws: Workspace, n: number): ExecutionRecord[] {
  const { talleres, moduleId } = benchFinishedModule(ws, n);
  const started = ws.callFromSidebar(talleres, 'issueCertificates', [moduleId]);
  if (!started.ok || !(started.value as { ok: boolean }).ok) throw new Error(`bench certificates: issueCertificates failed: ${started.ok ? (started.value as { message: string }).message : started.error}`);
  const runs = ws.advanceBy(3 * 3_600_000).filter((e) => e.functionName === 'runCertificates');
  const mails = ws.outbox().filter((m) => /Su certificado del taller/.test(m.subject) && m.attachments.length === 1).length;
  if (mails !== n) throw new Error(`bench certificates: ${mails} of ${n} certificates sent within three hours`);
  return [started.execution, ...runs];
}

/** One certificate: copy, open, QR, save, fill, export, store, trash the copy, send once. */
export const CERTIFICATE: FloorCalls = sumFloors(
  {
    'File.makeCopy': 1,
    'SlidesApp.openById': 1,
    'Slide.insertImage': 1,
    'Presentation.saveAndClose': 1,
    'Slides.Presentations.batchUpdate': 1,
    'File.getAs': 1,
    'Folder.createFile': 1,
    'File.setTrashed': 1,
  },
  CHAINS.onceOnlyEmail,
);

/**
 * The fewest executions any implementation needs for n certificates: Apps Script stops an
 * execution at 6 minutes, and each certificate's unavoidable calls take floorOf(CERTIFICATE).ms.
 * (The job takes more: it stops itself at 4.5 minutes and keeps a reserve for its final write.)
 */
export function fewestExecutions(n: number): number {
  return Math.max(1, Math.ceil((n * floorOf(CERTIFICATE).ms) / (6 * 60_000)));
}

export const cases: BenchCase[] = [10, 60].map((n) => ({
  operation: 'certificates',
  size: n,
  unit: 'certificates',
  workspace: { at: AFTER_MODULE },
  run: (ws) => certificatesRun(ws, n),
  floor: (size) => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const sibling = sumFloors({ 'SpreadsheetApp.openById': 1 }, readTable);
    const start = sumFloors(
      CHAINS.panelAccess,
      CHAINS.spreadsheet,
      times(6, readTable),
      { 'DriveApp.getFileById': 1, 'SlidesApp.openById': 1 },
      CHAINS.lock,
      { 'Properties.setProperties': 1, 'ScriptApp.newTrigger': 1, 'ClockTriggerBuilder.create': 1 },
      AUDIT_LINE,
    );
    const run = sumFloors(
      CHAINS.triggerAccess,
      CHAINS.spreadsheet,
      times(6, readTable),
      { 'Properties.getProperties': 1 },
      sibling,
      { 'MailApp.getRemainingDailyQuota': 1, 'DriveApp.getFileById': 1, 'DriveApp.getFolderById': 1 },
      CHAINS.lock,
      CHAINS.append,
      CHAINS.write,
      AUDIT_LINE,
    );
    return floorOf(sumFloors(start, times(fewestExecutions(size), run), times(size, CERTIFICATE)));
  },
}));
