/**
 * «Enviar informe a la Dirección» and «Enviar nueva versión» (B12) crashed at every service call
 * of their execution (before its effect, after it, killed). Recovery is what production does:
 * the coordinator sees the error and presses the same button again.
 *
 * After recovery: the Dirección got each version at most once; a version that did not (or may
 * not have) gone out is recorded 'enviando' on the module's row and listed in 'Revisión', and
 * recovery never sent it; exactly one live PDF of each version in the module's folder, the one
 * the row links and the one the email carried; one folder for the module.
 */
import type { Workspace, WorkspaceSnapshot } from '../../emulator';
import { driveStore } from '../../emulator/services/drive';
import { createAttentionWorld } from '../support/attention-world';
import { DIRECTION, fillReportModule } from '../support/report-world';
import { EXTERNAL_EFFECTS, crashAtEveryCall, formatFailures, hasEntryPoint, type CrashInfo, type CrashOperation } from '../support/crash-harness';

const USER = 'ana.quispe@trabajo.gob.pe';
/** Besides the harness's effects: Drive's trash/removal of an earlier PDF. */
const EFFECTS = [...EXTERNAL_EFFECTS, /^(File|Folder)\.(setTrashed|removeFile)$/];
const lima = (s: string) => new Date(`${s}:00-05:00`);

interface World {
  talleres: string;
  moduleId: string;
  /** Version 1 already sent (the «nueva versión» operation starts from it). */
  sentFirst: boolean;
  base: WorkspaceSnapshot;
}

const worlds = new Map<string, World>();

function world(seed: number, sentFirst: boolean): World {
  const key = `${seed}:${sentFirst}`;
  const cached = worlds.get(key);
  if (cached) return cached;
  const { ws, talleres } = createAttentionWorld({ at: '2026-11-20T09:00', user: USER, seed });
  const { moduleId } = fillReportModule(ws, talleres, USER);
  // Past the last session without running the clock's duties (not what is under test here).
  ws.state.clock.set(lima('2026-12-11T09:00').getTime());
  if (sentFirst) {
    const r = ws.callFromSidebar(talleres, 'sendModuleReport', [moduleId, false, 0], USER);
    if (!r.ok || !(r.value as { ok: boolean }).ok) throw new Error(`first report not sent: ${JSON.stringify(r)}`);
  }
  const w: World = { talleres, moduleId, sentFirst, base: ws.snapshot() };
  worlds.set(key, w);
  return w;
}

interface Ctx {
  w: World;
  retry?: { ok: boolean; message: string };
}

function press(ws: Workspace, ctx: Ctx): { ok: boolean; message: string } {
  const args = ctx.w.sentFirst ? [ctx.w.moduleId, true, 1] : [ctx.w.moduleId, false, 0];
  const r = ws.callFromSidebar(ctx.w.talleres, 'sendModuleReport', args, USER);
  if (!r.ok) return { ok: false, message: r.error };
  const v = r.value as { ok: boolean; message: string };
  return { ok: v.ok, message: v.message };
}

function check(ws: Workspace, ctx: Ctx, info: CrashInfo): string[] {
  const v: string[] = [];
  const { talleres, moduleId } = ctx.w;
  const row = ws.readTab(talleres, 'Módulos').find((m) => m['ID de módulo'] === moduleId)!;
  const items = [...driveStore(ws.state).items.values()].filter((i) => !i.trashed);
  const folders = items.filter((i) => i.kind === 'folder' && i.name.endsWith(`[${moduleId}]`));
  if (folders.length !== 1) v.push(`${folders.length} folders for the module, expected 1`);
  const recoveryIds = new Set(info.recovery.map((e) => e.id));
  const review = ws.readTab(talleres, 'Revisión');
  const versions = ctx.w.sentFirst ? [1, 2] : [1];
  for (const n of versions) {
    const mails = ws.outbox().filter((m) => m.to.includes(DIRECTION) && (n === 1 ? !/\(versión \d+\)$/.test(m.subject) : m.subject.endsWith(`(versión ${n})`)));
    const pdfs = items.filter((i) => i.kind === 'file' && i.name.endsWith(`– v${n}.pdf`) && folders[0] && i.parents.includes(folders[0].id));
    const journal = ws.project(talleres).documentProperties[`SOE_MAIL:informe-modulo:${moduleId}#v${n}`] ?? '';
    const ambiguous = journal.startsWith('enviando');
    if (mails.length > 1) v.push(`version ${n} reached the Dirección ${mails.length} times`);
    if (pdfs.length !== 1) v.push(`${pdfs.length} live PDFs of version ${n}, expected 1`);
    if (ambiguous && mails.some((m) => recoveryIds.has(m.executionId))) v.push(`recovery sent version ${n} although its send was ambiguous`);
    if (mails.length === 0 && !ambiguous) v.push(`version ${n} never went out and nothing says so`);
    if (ambiguous && review.filter((r) => r.Referencia === `${moduleId}#v${n}`).length !== 1) v.push(`the ambiguous send of version ${n} is not listed once in 'Revisión'`);
    if (info.kind === 'none' && ambiguous) v.push(`a clean run left version ${n} ambiguous`);
    if (n === versions[versions.length - 1]) {
      if (row['Versión del informe'] !== n) v.push(`'Versión del informe' is ${String(row['Versión del informe'])}, expected ${n}`);
      const want = ambiguous ? 'enviando' : 'enviado';
      if (row['Envío del informe'] !== want) v.push(`'Envío del informe' is "${String(row['Envío del informe'])}", expected ${want}`);
      if (pdfs[0] && row['Informe a la Dirección'] !== `https://drive.google.com/file/d/${pdfs[0].id}/view?usp=drivesdk`) v.push(`'Informe a la Dirección' does not link the live PDF of version ${n}`);
    }
    if (mails.length === 1 && pdfs.length === 1) {
      const sent = Buffer.from(mails[0].attachments[0]?.base64 ?? '', 'base64');
      if (!sent.equals(Buffer.from(ws.driveFile(pdfs[0].id).bytes))) v.push(`the PDF of version ${n} kept is not the one the Dirección received`);
    }
  }
  return v;
}

function operation(name: string, sentFirst: boolean): CrashOperation<Ctx> {
  let seedOf = 1;
  return {
    name,
    actFunction: 'sendModuleReport',
    base: (seed) => {
      seedOf = seed;
      return world(seed, sentFirst).base;
    },
    setup: () => ({ w: world(seedOf, sentFirst) }),
    act: (ws, ctx) => void press(ws, ctx),
    recover(ws, ctx) {
      ws.advanceBy(60_000);
      ctx.retry = press(ws, ctx);
    },
    check,
  };
}

describe('the report to the Dirección survives a crash at every service call', () => {
  for (const op of [operation('report-first', false), operation('report-new-version', true)]) {
    test(`${op.name}: each version once at most, one PDF of it (the one sent), an ambiguous send surfaced, never resent`, () => {
      if (!hasEntryPoint(op.actFunction)) return;
      // Sampled for `npm test`: the first calls, every effect (the folder, the PDF, the email, a trash) and the
      // call right after it, the last call and a few more. SOE_EXHAUSTIVE=1 sweeps all 3 × K.
      const report = crashAtEveryCall(op, { exhaustiveUpTo: 2, sample: 3, rareMethodCalls: 1, everyMethod: false, effects: EFFECTS });
      if (report.skipped) return;
      if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
      expect(report.cases).toBeGreaterThan(0);
    });
  }
});
