/**
 * The reminder run (A02) for N next-day appointments (10, 300, 800): every execution from the
 * daily trigger at 18:00 until the work is done (continuations included). N = 300 does not fit
 * in one execution (about 1.3 s of modeled time per appointment against the 6-minute limit), so
 * it runs as a job of two executions, N = 800 of five; each execution makes the same Sheets calls
 * as the single one for N = 10.
 *
 * Floor, per appointment: one Calendar Events.insert (the event with its Meet link) and one email
 * once (CHAINS.onceOnlyEmail: the send and the two journal writes DESIGN.md requires around it —
 * a send without them could be repeated by a retry). Per run, however many executions it takes:
 * the spreadsheet; 'Citas' and 'Configuración' found and read whole; the script lock around the
 * write; one write of the outcomes (one span of columns); and the run's audit line (the tab, its
 * header row, one append).
 */
import type { ExecutionRecord, Workspace } from '../../emulator';
import { importReport, makeReport } from '../../test/support/attention-world';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase } from '../framework';
import { setUpSpreadsheets } from './setup';

/** The day the appointments are on: the day after the bench workspace's start (27 Nov 2026). */
const DAY = '2026-11-28';

function remindersRun(ws: Workspace, n: number): ExecutionRecord[] {
  const { atenciones } = setUpSpreadsheets(ws);
  const report = makeReport(DAY, n);
  const imported = importReport(ws, atenciones, report.fileName, report.bytes);
  if (!imported.ok || !imported.value.ok) throw new Error(`bench reminders: the import of ${n} appointments failed`);
  // The daily trigger fires at 18:00; a continuation follows a minute after each execution that
  // stops itself (about 5.5 minutes apart), until the last one removes it.
  const runs = ws.advanceTo('2026-11-27T18:59').filter((e) => e.functionName === 'runReminders');
  if (ws.outbox().length !== n) throw new Error(`bench reminders: ${ws.outbox().length} of ${n} reminders sent by 18:59`);
  return runs;
}

export const cases: BenchCase[] = [10, 300, 800].map((n) => ({
  operation: 'reminders',
  size: n,
  unit: 'appointments',
  run: (ws) => remindersRun(ws, n),
  floor: (size) => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const run = sumFloors(CHAINS.triggerAccess, CHAINS.spreadsheet, times(2, readTable), CHAINS.lock, CHAINS.write, AUDIT_LINE);
    return floorOf(sumFloors(run, times(size, sumFloors({ 'Calendar.Events.insert': 1 }, CHAINS.onceOnlyEmail))));
  },
}));

/** Sheets calls of each execution (what must not grow with N), for the report of a run. */
export function sheetsCallsPerExecution(records: readonly ExecutionRecord[]): number[] {
  return records.map((r) => r.calls.Sheets ?? 0);
}
