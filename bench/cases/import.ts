/**
 * Importing the platform's report (A01) of N appointments (300, 5,000) from the panel: one
 * google.script.run call with the file's bytes, into an empty 'Citas'.
 *
 * Floor: one getValues to read 'Citas' (the import merges by appointment code, so it must see
 * what is there), one of 'Configuración' (the header aliases and the reminder hour the import
 * applies), one setValues to write the new rows (contiguous: they are appended below the last
 * one), and the import's audit line (every change is recorded): one getValues of the audit tab's
 * header row (columns are found by header, DESIGN.md) and one setValues. Parsing the file is local
 * computation (Utilities, no service call). The rest — finding tabs and ranges, the lock, the
 * text format of the new rows' ID columns — is left out, so a sub-second operation like this one
 * sits well above 1.2: the fixed overhead is most of it (see the report of the run).
 */
import type { Workspace } from '../../emulator';
import { importReport, makeReport } from '../../test/support/attention-world';
import { floorOf, type BenchCase } from '../framework';
import { setUpSpreadsheets } from './setup';

/** The day of the appointments: the day after the bench workspace's start (27 Nov 2026). */
const DAY = '2026-11-28';

function importRun(ws: Workspace, n: number) {
  const { atenciones } = setUpSpreadsheets(ws);
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
  floor: () => floorOf({ 'Range.getValues': 3, 'Range.setValues': 2 }),
}));
