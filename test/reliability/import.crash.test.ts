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
import { importReport, makeReport, reportFile, type Report } from '../support/attention-world';
import type { ImportPreview, ImportResult, UndoImportResult } from '../../src/api';

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

// ---------------------------------------------------------------------------- confirm and undo (issue 10 item 2)

/**
 * Ten appointments of tomorrow are registered; the consultant previewed a report that lists six of
 * them (four to cancel, so the second confirmation is ticked) and confirms. Crashed at every call
 * of that confirmation, then recovered as the panel does: preview again and confirm again when
 * there is still something to apply. After recovery exactly the four are 'Cancelada', each with
 * ONE cancellation line, the six untouched, and an undo record in the script properties covers
 * every cancelled row (so «Deshacer» still works).
 */
interface ConfirmCtx {
  ss: string;
  all: Report;
  partial: { fileName: string; b64: string };
  planId: string;
  last?: string;
}

const CANCEL_LINE = 'Cancelada: ya no figura en el reporte de la plataforma';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function preview(ws: Workspace, ss: string, fileName: string, data: string): ImportPreview {
  const r = ws.callFromSidebar(ss, 'previewImport', [fileName, data]);
  if (!r.ok) throw new Error(r.error);
  return r.value as ImportPreview;
}

function setUpTen(ws: Workspace): { ss: string; all: Report; partial: { fileName: string; b64: string } } {
  const { ss } = setUpAttentions(ws, { 'ana.quispe@trabajo.gob.pe': 'Ana Quispe' });
  const all = makeReport('2026-11-28', 10, { consultants: ['Ana Quispe'] });
  const first = importReport(ws, ss, all.fileName, all.bytes);
  if (!first.ok || !first.value.ok) throw new Error('the first import failed');
  return { ss, all, partial: { fileName: 'reporte-parcial.csv', b64: b64(reportFile(all.rows.slice(0, 6))) } };
}

function cancelledRowsViolations(ws: Workspace, ss: string, all: Report, expectCancelled: boolean): string[] {
  const v: string[] = [];
  const rows = readRows(ws, { spreadsheetId: ss, tab: 'Citas' })?.rows ?? [];
  if (rows.length !== 10) v.push(`'Citas' has ${rows.length} rows, expected 10`);
  const byId = new Map(rows.map((r) => [String(r.record['ID de cita']), r.record]));
  for (const [i, x] of all.rows.entries()) {
    const row = byId.get(x.code);
    if (!row) continue;
    const cancelled = expectCancelled && i >= 6;
    const obs = String(row['Observaciones'] ?? '');
    if (row['Estado'] !== (cancelled ? 'Cancelada' : 'Programada')) v.push(`${x.code} is ${String(row['Estado'])}, expected ${cancelled ? 'Cancelada' : 'Programada'}`);
    if (obs !== (cancelled ? CANCEL_LINE : '')) v.push(`${x.code}: Observaciones ${JSON.stringify(obs)}`);
  }
  return v;
}

const confirmOperation: CrashOperation<ConfirmCtx> = {
  name: 'import-confirm',
  actFunction: 'importReport',
  workspace: { at: '2026-11-27T09:00', user: 'ana.quispe@trabajo.gob.pe' },
  setup(ws) {
    const { ss, all, partial } = setUpTen(ws);
    const p = preview(ws, ss, partial.fileName, partial.b64);
    if (!p.planId || !p.needsSecondConfirmation) throw new Error('the preview should ask for the second confirmation');
    return { ss, all, partial, planId: p.planId };
  },
  act: (ws, ctx) => void ws.callFromSidebar(ctx.ss, 'importReport', [ctx.partial.fileName, ctx.partial.b64, { planId: ctx.planId, confirmCancellations: true }]),
  recover(ws, ctx) {
    const p = preview(ws, ctx.ss, ctx.partial.fileName, ctx.partial.b64);
    if (!p.planId) return void (ctx.last = 'nothing left to apply');
    const r = ws.callFromSidebar(ctx.ss, 'importReport', [ctx.partial.fileName, ctx.partial.b64, { planId: p.planId, confirmCancellations: true }]);
    ctx.last = r.ok ? ((r.value as ImportResult).ok ? 'applied' : (r.value as ImportResult).summary) : r.error;
  },
  check(ws, ctx) {
    const v = cancelledRowsViolations(ws, ctx.ss, ctx.all, true);
    if (ctx.last !== 'applied' && ctx.last !== 'nothing left to apply') v.push(`the confirmation after recovery: ${ctx.last}`);
    // «Deshacer» must still be possible: an undo record names every cancelled row.
    // The bundle keeps its properties as the spreadsheet's document properties.
    const props = ws.project(ctx.ss).documentProperties;
    const covered = new Set<string>();
    for (const [k, val] of Object.entries(props)) {
      if (!k.startsWith('IMPORT_UNDO_') || !k.endsWith('.0')) continue;
      try {
        for (const r of (JSON.parse(val) as { rows: { id: string }[] }).rows) covered.add(r.id);
      } catch {
        /* a record in several pieces: the unit tests cover decoding */
      }
    }
    for (const x of ctx.all.rows.slice(6)) if (!covered.has(x.code)) v.push(`no undo record covers the cancelled ${x.code}`);
    return v;
  },
};

test('the confirmation of a previewed import survives a crash at every service call: the four cancelled once, undo still possible', () => {
  const report = crashAtEveryCall(confirmOperation, { exhaustiveUpTo: 0, sample: 6, rareMethodCalls: 1 });
  if (report.skipped) return;
  if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
  expect(report.cases).toBeGreaterThan(0);
});

/**
 * The same import confirmed, then «Deshacer las cancelaciones», crashed at every call of the undo
 * and recovered by clicking it again: all ten 'Programada' with their Observaciones as before
 * (no line added or lost), and the second click says so rather than failing.
 */
interface UndoCtx {
  ss: string;
  all: Report;
  undoId: string;
  last?: UndoImportResult | string;
}

const undoOperation: CrashOperation<UndoCtx> = {
  name: 'import-undo',
  actFunction: 'undoImportCancellations',
  workspace: { at: '2026-11-27T09:00', user: 'ana.quispe@trabajo.gob.pe' },
  setup(ws) {
    const { ss, all, partial } = setUpTen(ws);
    const p = preview(ws, ss, partial.fileName, partial.b64);
    const r = ws.callFromSidebar(ss, 'importReport', [partial.fileName, partial.b64, { planId: p.planId, confirmCancellations: true }]);
    const undoId = r.ok ? (r.value as ImportResult).undoId : null;
    if (!undoId) throw new Error('the confirmed import gave no undo ID');
    return { ss, all, undoId };
  },
  act: (ws, ctx) => void ws.callFromSidebar(ctx.ss, 'undoImportCancellations', [ctx.undoId]),
  recover(ws, ctx) {
    const r = ws.callFromSidebar(ctx.ss, 'undoImportCancellations', [ctx.undoId]);
    ctx.last = r.ok ? (r.value as UndoImportResult) : r.error;
  },
  check(ws, ctx) {
    const v = cancelledRowsViolations(ws, ctx.ss, ctx.all, false);
    if (typeof ctx.last === 'string') v.push(`the second «Deshacer» failed: ${ctx.last}`);
    else if (ctx.last && ctx.last.notRestored.some((x) => x.detail !== 'ya estaba restaurada')) v.push(`the second «Deshacer» says: ${ctx.last.summary}`);
    return v;
  },
};

test('the undo of an import\'s cancellations survives a crash at every service call: all back once, as they were', () => {
  const report = crashAtEveryCall(undoOperation, { exhaustiveUpTo: 0, sample: 6, rareMethodCalls: 1 });
  if (report.skipped) return;
  if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
  expect(report.cases).toBeGreaterThan(0);
});
