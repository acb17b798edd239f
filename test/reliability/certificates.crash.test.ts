/**
 * The certificate issuing job (B12, runCertificates) crashed at every service call of its
 * execution (before its effect, after it — the ambiguous case —, killed). Recovery is what
 * production does: the job's continuation triggers fire (the safety continuation a run leaves
 * first is there even when it dies); the consultant may press «Emitir certificados» again.
 *
 * After recovery: each person who meets the rule has exactly one certificate (one row, one code,
 * one PDF kept in the module's folder, the registration naming that code) and got its email at
 * most once — exactly once unless the send was left ambiguous, in which case the row says
 * 'enviando', it is listed in 'Revisión' and nothing resent it; the person without a valid email
 * has the PDF and no email; nobody else has anything; no filled Slides copy is left; no
 * continuation trigger of the job is left.
 */
import type { WorkspaceSnapshot } from '../../emulator';
import { crashAtEveryCall, formatFailures, runPendingTriggers, type CrashOperation } from '../support/crash-harness';
import { createFinishedModule, tabRows, type FinishedPerson } from '../support/finished-module';
import { emailsOnce, type MailKey, type MailKind } from '../support/invariants';
import { Workspace } from '../../emulator';

const CERT: MailKind = { kind: 'certificado', subjectPrefix: 'Su certificado del taller' };

interface Ctx {
  talleres: string;
  moduleId: string;
  people: FinishedPerson[];
  eligible: string[];
  templateId: string;
}

const worlds = new Map<number, { snapshot: WorkspaceSnapshot; ctx: Ctx }>();
let current: Ctx | null = null;
function baseOf(seed: number): WorkspaceSnapshot {
  let w = worlds.get(seed);
  if (!w) {
    const f = createFinishedModule({ seed });
    const asked = f.ws.callFromSidebar(f.talleres, 'issueCertificates', [f.moduleId]);
    if (!asked.ok || !(asked.value as { ok: boolean }).ok) throw new Error(`issueCertificates failed: ${JSON.stringify(asked)}`);
    const settings = tabRows(f.ws, f.talleres, 'Configuración');
    const templateId = String(settings.find((r) => r['Parámetro'] === 'Plantilla de certificado (ID)')?.['Valor'] ?? '');
    w = { snapshot: f.ws.snapshot(), ctx: { talleres: f.talleres, moduleId: f.moduleId, people: f.people, eligible: f.eligible, templateId } };
    worlds.set(seed, w);
  }
  current = w.ctx;
  return w.snapshot;
}

const operation: CrashOperation<Ctx> = {
  name: 'certificates',
  actFunction: 'runCertificates',
  base: baseOf,
  setup: () => current!,
  act: (ws, ctx) => void ws.runTrigger(ctx.talleres, 'runCertificates'),
  recover(ws: Workspace, ctx) {
    runPendingTriggers(ws, ctx.talleres, ['runCertificates'], { until: ws.now.getTime() + 2 * 3_600_000 });
    // The consultant presses «Emitir certificados» again (a refusal is fine: nothing left).
    ws.callFromSidebar(ctx.talleres, 'issueCertificates', [ctx.moduleId]);
    runPendingTriggers(ws, ctx.talleres, ['runCertificates'], { until: ws.now.getTime() + 2 * 3_600_000 });
  },
  check(ws, ctx, info) {
    const v: string[] = [];
    const rows = tabRows(ws, ctx.talleres, 'Certificados');
    const regs = tabRows(ws, ctx.talleres, 'Inscripciones');
    const review = tabRows(ws, ctx.talleres, 'Revisión');
    const files = ws.driveFiles();
    const livePdfs = files.filter((f) => !f.trashed && f.mimeType === 'application/pdf' && f.name.startsWith('Certificado - '));
    const expected: MailKey[] = [];
    const ambiguous: MailKey[] = [];
    for (const p of ctx.people) {
      const mine = rows.filter((r) => r['ID de inscripción'] === p.id);
      if (!ctx.eligible.includes(p.id)) {
        if (mine.length) v.push(`${p.id} does not meet the rule but has ${mine.length} certificate(s)`);
        continue;
      }
      if (mine.length !== 1) {
        v.push(`${p.id}: ${mine.length} certificate rows, expected 1`);
        continue;
      }
      const c = mine[0]!;
      const code = String(c['Código']);
      if (c['Estado'] !== 'Vigente') v.push(`${p.id}: state ${String(c['Estado'])}`);
      const reg = regs.find((r) => r['ID de inscripción'] === p.id);
      if (reg?.['Código de certificado'] !== code) v.push(`${p.id}: registration names ${String(reg?.['Código de certificado'])}, not ${code}`);
      const pdfs = livePdfs.filter((f) => f.name.endsWith(`${code}.pdf`));
      if (pdfs.length !== 1) v.push(`${p.id}: ${pdfs.length} PDFs kept for ${code}`);
      else if (!String(c['PDF']).includes(pdfs[0]!.id)) v.push(`${p.id}: the row's PDF is not the one kept`);
      const state = String(c['Envío']);
      const hasEmail = /@gmail\.com$/.test(p.email);
      if (!hasEmail) {
        if (state !== 'error') v.push(`${p.id} (no valid email): 'Envío' ${state}`);
        continue;
      }
      const key: MailKey = { kind: CERT.kind, to: p.email };
      if (state === 'enviando') {
        ambiguous.push(key);
        if (!review.some((r) => r['Referencia'] === code)) v.push(`${p.id}: ambiguous send not listed in 'Revisión'`);
      } else if (state === 'enviado') expected.push(key);
      else v.push(`${p.id}: 'Envío' left "${state}"`);
    }
    if (livePdfs.length !== ctx.eligible.length) v.push(`${livePdfs.length} certificate PDFs kept, expected ${ctx.eligible.length}`);
    const copies = files.filter((f) => !f.trashed && f.mimeType === 'application/vnd.google-apps.presentation' && f.id !== ctx.templateId);
    if (copies.length) v.push(`${copies.length} filled Slides copy(ies) left in Drive: ${copies.map((f) => f.name).join(', ')}`);
    v.push(...emailsOnce(ws, { kinds: [CERT], expected, ambiguous, recoveryExecutionIds: info.recovery.map((e) => e.id), strict: true }));
    const leftover = ws.triggers(ctx.talleres).filter((t) => t.handler === 'runCertificates');
    if (leftover.length) v.push(`${leftover.length} trigger(s) of runCertificates left over`);
    if (info.kind === 'none' && ambiguous.length > 0) v.push('a clean run left a send ambiguous');
    return v;
  },
};

describe('the certificate issuing job survives a crash at every service call', () => {
  test('one certificate, one code, one PDF per person; each email at most once, never resent blindly; no copy or trigger left', () => {
    // Sampled for `npm test`: the first calls, every external effect (copy, create, send) and the
    // call right after each, a few more. SOE_EXHAUSTIVE=1 sweeps all 3 × K.
    const report = crashAtEveryCall(operation, { exhaustiveUpTo: 3, sample: 4, rareMethodCalls: 1, everyMethod: false });
    if (report.skipped) return;
    console.log(report.summary);
    if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
    expect(report.cases).toBeGreaterThan(0);
  });
});
