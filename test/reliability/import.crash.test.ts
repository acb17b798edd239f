/**
 * The import of the platform's report (A01), crashed at every service call of `importReport`
 * (before its effect, after it, killed), then recovered the way a consultant would: importing the
 * same file again. After recovery every good row of the 30-row report is in 'Citas' exactly once,
 * with the data of the file, none lost; and each of the 3 rejected rows is listed in 'Revisión'
 * exactly once (a rerun must not list it again, a crash must not lose it).
 */
import type { Workspace } from '../../emulator';
import { crashAtEveryCall, formatFailures, setUpAttentions, type CrashOperation } from '../support/crash-harness';
import { idsExactlyOnce, readRows, reviewedReferences } from '../support/invariants';
import { importReport, makeReport, type Report } from '../support/attention-world';

interface Ctx {
  ss: string;
  report: Report;
  /** Codes of the rows the importer must accept. */
  good: string[];
  /** 'Referencia' of the rejected rows in 'Revisión' (file · line). */
  rejected: string[];
  /** The consultant's last import: what the panel said. */
  last?: { ok: boolean; message: string };
}

/** Indexes of the report's rows the importer must reject (a 7-digit DNI, no email, a date that does not exist). */
const BAD = [4, 11, 23];
/** Three title rows and the header above the first appointment: row i is on line i + 5. */
const lineOf = (i: number) => i + 5;

const operation: CrashOperation<Ctx> = {
  name: 'import',
  actFunction: 'importReport',
  workspace: { at: '2026-11-27T09:00', user: 'ana.quispe@trabajo.gob.pe' },
  setup(ws: Workspace) {
    const { ss } = setUpAttentions(ws, { 'ana.quispe@trabajo.gob.pe': 'Ana Quispe' });
    const report = makeReport('2026-11-28', 30, {
      edit: (rows) => {
        rows[BAD[0]].dni = '4587963';
        rows[BAD[1]].email = '';
        rows[BAD[2]].date = '31/11/2026';
        return rows;
      },
    });
    return {
      ss,
      report,
      good: report.rows.filter((_, i) => !BAD.includes(i)).map((x) => x.code),
      rejected: BAD.map((i) => `${report.fileName} · fila ${lineOf(i)}`),
    };
  },
  act: (ws, ctx) => void importReport(ws, ctx.ss, ctx.report.fileName, ctx.report.bytes),
  recover(ws, ctx) {
    const r = importReport(ws, ctx.ss, ctx.report.fileName, ctx.report.bytes);
    ctx.last = r.ok ? { ok: r.value.ok, message: r.value.summary ?? '' } : { ok: false, message: r.error };
  },
  check(ws, ctx) {
    const v: string[] = [];
    if (!ctx.last?.ok) v.push(`importing the file again still fails: ${ctx.last?.message ?? 'not run'}`);
    v.push(...idsExactlyOnce(ws, { spreadsheetId: ctx.ss, tab: 'Citas', idColumn: 'ID de cita', expected: ctx.good }));
    const rows = readRows(ws, { spreadsheetId: ctx.ss, tab: 'Citas' })?.rows ?? [];
    const byId = new Map(rows.map((r) => [String(r.record['ID de cita']), r.record]));
    for (const [i, x] of ctx.report.rows.entries()) {
      if (BAD.includes(i)) {
        if (byId.has(x.code)) v.push(`rejected row ${x.code} was imported`);
        continue;
      }
      const row = byId.get(x.code);
      if (row && (row['Correo'] !== x.email || row['Estado'] !== 'Programada')) {
        v.push(`${x.code}: stored as ${String(row['Correo'])} / ${String(row['Estado'])}, the file says ${x.email} / Programada`);
      }
    }
    if (rows.length !== ctx.good.length) v.push(`'Citas' has ${rows.length} rows, expected ${ctx.good.length}`);
    const review = reviewedReferences(ws, {
      spreadsheetId: ctx.ss,
      tab: 'Revisión',
      referenceColumn: 'Referencia',
      kindColumn: 'Tipo',
      kindValue: 'Fila rechazada en importación',
    });
    for (const ref of ctx.rejected) {
      const n = review.get(ref) ?? 0;
      if (n !== 1) v.push(`rejected row "${ref}" is listed ${n} times in 'Revisión', expected 1`);
    }
    for (const ref of review.keys()) if (!ctx.rejected.includes(ref)) v.push(`'Revisión' lists "${ref}", which was not rejected`);
    return v;
  },
};

test('the import of a 30-row report survives a crash at every service call: every row once, rejected rows in Revisión once', () => {
  // Exhaustive in `npm test` when K is small; otherwise every call up to 30, every rare method and a seeded sample.
  const report = crashAtEveryCall(operation, { exhaustiveUpTo: 0, sample: 6, rareMethodCalls: 1 });
  if (report.skipped) return;
  if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
  expect(report.cases).toBeGreaterThan(0);
});
