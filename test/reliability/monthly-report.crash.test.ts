/**
 * The monthly report to the Sub Dirección (issue 15, i15-report) crashed at every service call
 * of its execution (before its effect, after it, killed): the automatic run of 1 January 2027
 * (December's report) and «Enviar nueva versión» of December. Recovery is what production does:
 * the next monthly run (1 February, which catches up a month that did not go) for the automatic
 * one; the coordinator pressing the same button again for the panel's.
 *
 * After recovery: the Sub Dirección got each version at most once; a version that did not (or may
 * not have) gone out is recorded 'enviando' and listed once in 'Revisión', and recovery never sent
 * it; a version that never started went out on recovery; exactly one live PDF of each version
 * sent, the one the email carried and the month's record links; one «Informes mensuales» folder.
 */
import type { Workspace, WorkspaceSnapshot } from '../../emulator';
import { driveStore } from '../../emulator/services/drive';
import { createAttentionWorld, setSetting } from '../support/attention-world';
import { fillReportModule } from '../support/report-world';
import { EXTERNAL_EFFECTS, crashAtEveryCall, formatFailures, hasEntryPoint, type CrashInfo, type CrashOperation } from '../support/crash-harness';

const USER = 'ana.quispe@trabajo.gob.pe';
const SUB = 'sub.autoempleo@trabajo.gob.pe';
const EFFECTS = [...EXTERNAL_EFFECTS, /^(File|Folder)\.(setTrashed|removeFile)$/];
const lima = (s: string) => new Date(`${s}:00-05:00`).getTime();
const MONTH = '2026-12';

interface World {
  talleres: string;
  /** Version 1 of December already sent (the «nueva versión» operation starts from it). */
  sentFirst: boolean;
  base: WorkspaceSnapshot;
}

const worlds = new Map<string, World>();

function world(seed: number, sentFirst: boolean): World {
  const key = `${seed}:${sentFirst}`;
  const cached = worlds.get(key);
  if (cached) return cached;
  const { ws, talleres } = createAttentionWorld({ at: '2026-11-20T09:00', user: USER, seed });
  setSetting(ws, talleres, 'Correo de la Sub Dirección', SUB);
  fillReportModule(ws, talleres, USER);
  // November's report went on 1 December (the clock set, not run: the other duties are not under test).
  ws.state.clock.set(lima('2026-12-01T08:30'));
  ws.runTrigger(talleres, 'runMonthlyReport');
  ws.state.clock.set(lima('2027-01-01T08:40'));
  if (sentFirst) ws.runTrigger(talleres, 'runMonthlyReport');
  const w: World = { talleres, sentFirst, base: ws.snapshot() };
  worlds.set(key, w);
  return w;
}

interface Ctx {
  w: World;
}

function press(ws: Workspace, ctx: Ctx): void {
  ws.callFromSidebar(ctx.w.talleres, 'sendMonthlyReport', [MONTH, true, 1], USER);
}

function check(ws: Workspace, ctx: Ctx, info: CrashInfo): string[] {
  const v: string[] = [];
  const { talleres } = ctx.w;
  const props = ws.project(talleres).documentProperties;
  const items = [...driveStore(ws.state).items.values()].filter((i) => !i.trashed);
  const folders = items.filter((i) => i.kind === 'folder' && i.name === 'Informes mensuales');
  if (folders.length !== 1) v.push(`${folders.length} «Informes mensuales» folders, expected 1`);
  const recoveryIds = new Set(info.recovery.map((e) => e.id));
  const review = ws.readTab(talleres, 'Revisión');
  const record = JSON.parse(props[`SOE_MONTHLY_REPORT:${MONTH}`] ?? '{}') as { version?: number; delivery?: string; url?: string };
  const versions = ctx.w.sentFirst ? [1, 2] : [1];
  for (const n of versions) {
    const subject = n === 1 ? 'Informe mensual del SOE – diciembre de 2026' : `Informe mensual del SOE – diciembre de 2026 (versión ${n})`;
    const mails = ws.outbox().filter((m) => m.to.includes(SUB) && m.subject === subject);
    const pdfs = items.filter((i) => i.kind === 'file' && i.name === `Informe mensual SOE ${MONTH} – v${n}.pdf`);
    const journal = props[`SOE_MAIL:informe-mensual:${MONTH}#v${n}`] ?? '';
    const ambiguous = journal.startsWith('enviando');
    if (mails.length > 1) v.push(`version ${n} reached the Sub Dirección ${mails.length} times`);
    if (ambiguous && mails.some((m) => recoveryIds.has(m.executionId))) v.push(`recovery sent version ${n} although its send was ambiguous`);
    if (mails.length === 0 && !ambiguous) v.push(`version ${n} never went out and nothing says so`);
    if (ambiguous && review.filter((r) => r.Referencia === `${MONTH}#v${n}`).length !== 1) v.push(`the ambiguous send of version ${n} is not listed once in 'Revisión'`);
    if (info.kind === 'none' && ambiguous) v.push(`a clean run left version ${n} ambiguous`);
    if (pdfs.length !== 1) v.push(`${pdfs.length} live PDFs of version ${n}, expected 1`);
    if (n === versions[versions.length - 1]) {
      if (record.version !== n) v.push(`the month's record says version ${String(record.version)}, expected ${n}`);
      const want = ambiguous ? 'enviando' : 'enviado';
      if (record.delivery !== want) v.push(`the month's record says "${String(record.delivery)}", expected ${want}`);
      if (pdfs[0] && !String(record.url).includes(pdfs[0].id)) v.push(`the month's record does not link the live PDF of version ${n}`);
    }
    if (mails.length === 1 && pdfs.length === 1) {
      const sent = Buffer.from(mails[0]!.attachments[0]?.base64 ?? '', 'base64');
      if (!sent.equals(Buffer.from(ws.driveFile(pdfs[0].id).bytes))) v.push(`the PDF of version ${n} kept is not the one the Sub Dirección received`);
    }
  }
  return v;
}

function operation(name: string, sentFirst: boolean): CrashOperation<Ctx> {
  let seedOf = 1;
  return {
    name,
    actFunction: sentFirst ? 'sendMonthlyReport' : 'runMonthlyReport',
    base: (seed) => {
      seedOf = seed;
      return world(seed, sentFirst).base;
    },
    setup: () => ({ w: world(seedOf, sentFirst) }),
    act: (ws, ctx) => (sentFirst ? press(ws, ctx) : void ws.runTrigger(ctx.w.talleres, 'runMonthlyReport')),
    recover(ws, ctx) {
      if (sentFirst) {
        ws.advanceBy(60_000);
        press(ws, ctx);
      } else {
        // The next monthly run (1 February): it catches up December if it did not go.
        ws.state.clock.set(lima('2027-02-01T08:30'));
        ws.runTrigger(ctx.w.talleres, 'runMonthlyReport');
      }
    },
    check,
  };
}

describe('the monthly report survives a crash at every service call', () => {
  for (const op of [operation('monthly-automatic', false), operation('monthly-new-version', true)]) {
    test(`${op.name}: each version once at most, one PDF of it (the one sent), an ambiguous send surfaced, never resent`, () => {
      if (!hasEntryPoint(op.actFunction)) return;
      // Sampled for `npm test`: the first calls, every effect (the folder, the PDF, the email, a trash) and the
      // call right after it, the last call and a few more. SOE_EXHAUSTIVE=1 sweeps all 3 × K.
      const report = crashAtEveryCall(op, { exhaustiveUpTo: 1, sample: 1, rareMethodCalls: 0, everyMethod: false, effects: EFFECTS });
      if (report.skipped) return;
      if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
      expect(report.cases).toBeGreaterThan(0);
    }, 300_000);
  }
});
