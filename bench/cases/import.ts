/**
 * Importing the platform's report (A01) of N appointments (300, 5,000) from the panel: one
 * google.script.run call with the file's bytes. 'Citas' already holds the previous weeks'
 * appointments, as it does on any working day after the first month: 800 rows, so the tab setup
 * made (1,000 rows) has to grow for either size — one insertRowsAfter, whatever the size.
 *
 * Floor, from bench/framework.ts's CHAINS: the spreadsheet; 'Configuración' (the header aliases
 * and the reminder hour the import applies) and 'Citas' (the import merges by appointment code,
 * so it must see what is there), each found by name and read whole; the script lock around the
 * read-modify-write; the tab's size (getMaxRows: do the new rows fit?) and, when they do not,
 * one insertRowsAfter; one write of the new rows (contiguous: appended below the last one); and
 * the import's audit line (the tab, its header row, one append). Parsing the file is local
 * computation (Utilities, no service call). Left out: the one call that formats the new rows' ID
 * columns as text (DESIGN.md: DNI and codes keep their leading zeros), which trusting setup's
 * format would avoid at the price of a DNI losing its zero after a person pasted over the column.
 */
import type { Workspace } from '../../emulator';
import { importReport, makeReport } from '../../test/support/attention-world';
import { AUDIT_LINE, CHAINS, floorOf, sumFloors, times, type BenchCase } from '../framework';
import { setUpSpreadsheets } from './setup';

/** The day of the appointments: the day after the bench workspace's start (27 Nov 2026). */
const DAY = '2026-11-28';
/** Rows of a tab setup creates (a new sheet's 1,000). */
const SETUP_ROWS = 1000;

/** Appointments already in 'Citas' (earlier days) before the measured import. */
const EARLIER = 800;

function importRun(ws: Workspace, n: number) {
  const { atenciones } = setUpSpreadsheets(ws);
  const earlier = makeReport('2026-11-26', EARLIER, { codePrefix: 'P' });
  const before = importReport(ws, atenciones, earlier.fileName, earlier.bytes);
  if (!before.ok || !before.value.ok) throw new Error('bench import: the earlier appointments could not be imported');
  const report = makeReport(DAY, n);
  const imported = importReport(ws, atenciones, report.fileName, report.bytes);
  if (!imported.ok || !imported.value.ok) throw new Error(`bench import: the import of ${n} rows failed: ${imported.ok ? JSON.stringify(imported.value).slice(0, 300) : imported.error}`);
  return [imported.execution];
}

export const cases: BenchCase[] = [300, 5000].map((n) => ({
  operation: 'import',
  size: n,
  unit: 'rows',
  run: (ws) => importRun(ws, n),
  floor: (size) => {
    const readTable = sumFloors(CHAINS.tab, CHAINS.tableRead);
    const grows = 1 + EARLIER + size > SETUP_ROWS;
    return floorOf(
      sumFloors(CHAINS.panelAccess, CHAINS.spreadsheet, times(2, readTable), CHAINS.lock, { 'Sheet.getMaxRows': 1, 'Sheet.insertRowsAfter': grows ? 1 : 0 }, CHAINS.write, AUDIT_LINE),
    );
  },
}));
