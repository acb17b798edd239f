/**
 * The Sub Director's decision on an institution's request through the web app (C01: the
 * 'rechazar' and 'aprobar' buttons' POST), and the consultant's «Enviar a aprobación», each
 * crashed at every service call of its execution (before its effect, after it — the ambiguous
 * case —, killed). Recovery is what people do: the page failed, so the Sub Director presses the
 * button again (same token, same reason) and later opens the link once more; the consultant
 * presses «Enviar a aprobación» again with the same proposal.
 *
 * After recovery, a rejection: the request is 'Rechazada' by 'Enlace' with the reason; the
 * institution got the rejection at most once — exactly once unless the send was left ambiguous,
 * in which case the row says 'enviando' and 'Revisión' lists it —; the link is spent exactly once;
 * the retry's page says it was rejected (never "not valid"); opening the link says it was used.
 * An approval: 'Aprobada' by 'Enlace', the external job asked for (its one-off trigger), no email
 * to the institution (that is the job's). A proposal: 'Enviada a aprobación' with round 1 and the
 * Sub Director emailed at most once (exactly once unless ambiguous, then 'Revisión').
 *
 * Sampled by default (each external effect and the call right after it, the first calls, a drawn
 * sample); SOE_EXHAUSTIVE=1 tries every call.
 */
import type { WorkspaceSnapshot } from '../../emulator';
import { Workspace } from '../../emulator';
import { WEB_APP_MESSAGES } from '../../src/domain/web-page';
import { linkIdOf } from '../../src/domain/web-links';
import { crashAtEveryCall, formatFailures, type CrashOperation } from '../support/crash-harness';
import { approvalLinks, confirmLink, createExternalWorld, openLink, requestRow, seedRequests, SUB_DIRECTOR, tokenIn } from '../support/external-world';

const CONTACT = 'direccion@cetprosantarosa.edu.pe';
const INSTITUTION = 'CETPRO Santa Rosa de Lima';
const REASON = 'No hay ponente disponible en esas fechas';
const PROPOSAL = { requestId: 'SE-0001', slot: '1', endTime: '12:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com', certificates: true };

interface Ctx {
  talleres: string;
  url: string;
  approve: string;
  reject: string;
  retryText?: string;
  laterText?: string;
}

/** The world once per seed: a request sent for approval, the Sub Director's email with its links opened (GET). */
const worlds = new Map<string, { snapshot: WorkspaceSnapshot; ctx: Ctx }>();
let current: Ctx | null = null;
function baseOf(seed: number, sent: boolean): WorkspaceSnapshot {
  const key = `${seed}:${sent}`;
  let w = worlds.get(key);
  if (!w) {
    const x = createExternalWorld({ at: '2026-11-20T09:00', seed });
    seedRequests(x.ws, x.talleres, [{ id: 'SE-0001', institution: INSTITUTION, contactEmail: CONTACT }]);
    let approve = '';
    let reject = '';
    if (sent) {
      const r = x.ws.callFromSidebar(x.talleres, 'sendExternalForApproval', [PROPOSAL]);
      if (!r.ok || !(r.value as { ok: boolean }).ok) throw new Error(`sendExternalForApproval failed: ${JSON.stringify(r)}`);
      ({ approve, reject } = approvalLinks(x.ws, INSTITUTION)[0]);
      openLink(x.ws, reject);
    }
    w = { snapshot: x.ws.snapshot(), ctx: { talleres: x.talleres, url: x.url, approve, reject } };
    worlds.set(key, w);
  }
  current = { ...w.ctx };
  return w.snapshot;
}

const used = (ws: Workspace, ctx: Ctx, link: string) =>
  ws.readTab(ctx.talleres, 'Enlaces usados').filter((r) => r['ID de enlace'] === linkIdOf(tokenIn(link))).length;
const reviewed = (ws: Workspace, ctx: Ctx) => ws.readTab(ctx.talleres, 'Revisión').filter((r) => String(r['Tipo']).startsWith('Solicitud externa')).length;

/** One email that must have gone out at most once — exactly once unless its column says 'enviando' and 'Revisión' lists it. */
function onceOrReviewed(v: string[], what: string, count: number, column: unknown, reviews: number): void {
  if (count > 1) v.push(`${what} sent ${count} times`);
  if (column === 'enviado' && count !== 1) v.push(`${what}: the row says 'enviado' but ${count} emails went out`);
  else if (column === 'enviando' && reviews < 1) v.push(`${what}: the row says 'enviando' but 'Revisión' does not list it`);
  else if (column !== 'enviado' && column !== 'enviando') v.push(`${what}: the row says '${String(column)}' after recovery`);
}

const rejectOp: CrashOperation<Ctx> = {
  name: 'external-reject',
  actFunction: 'doPost',
  base: (seed) => baseOf(seed, true),
  setup: () => current!,
  act: (ws, ctx) => void confirmLink(ws, ctx.url, ctx.reject, REASON),
  recover(ws, ctx) {
    ws.advanceBy(5_000);
    ctx.retryText = confirmLink(ws, ctx.url, ctx.reject, REASON).text;
    ctx.laterText = openLink(ws, ctx.reject).text;
  },
  check(ws, ctx) {
    const v: string[] = [];
    const row = requestRow(ws, ctx.talleres, 'SE-0001');
    if (row['Estado'] !== 'Rechazada' || row['Decisión'] !== 'Rechazada' || row['Vía de la decisión'] !== 'Enlace') {
      v.push(`the request is '${String(row['Estado'])}' / '${String(row['Decisión'])}' / '${String(row['Vía de la decisión'])}'`);
    }
    if (row['Motivo del rechazo'] !== REASON) v.push(`the reason is "${String(row['Motivo del rechazo'])}"`);
    const told = ws.outbox().filter((m) => m.to.includes(CONTACT)).length;
    onceOrReviewed(v, 'the rejection to the institution', told, row['Respuesta a la institución'], reviewed(ws, ctx));
    if (used(ws, ctx, ctx.reject) !== 1) v.push(`'Enlaces usados' has the reject link ${used(ws, ctx, ctx.reject)} times`);
    if (ws.outbox().filter((m) => m.to.includes(SUB_DIRECTOR)).length !== 1) v.push('the Sub Director got another email');
    if (!ctx.retryText || ctx.retryText.includes(WEB_APP_MESSAGES.invalid[0]) || !/rechaz|ya se usó/i.test(ctx.retryText)) v.push(`the retry's page says "${ctx.retryText}"`);
    if (!ctx.laterText?.includes('ya se usó')) v.push(`opening the link afterwards says "${ctx.laterText}"`);
    return v;
  },
};

const approveOp: CrashOperation<Ctx> = {
  name: 'external-approve',
  actFunction: 'doPost',
  base: (seed) => baseOf(seed, true),
  setup: () => current!,
  act: (ws, ctx) => void confirmLink(ws, ctx.url, ctx.approve),
  recover(ws, ctx) {
    ws.advanceBy(5_000);
    ctx.retryText = confirmLink(ws, ctx.url, ctx.approve).text;
    ctx.laterText = openLink(ws, ctx.approve).text;
  },
  check(ws, ctx) {
    const v: string[] = [];
    const row = requestRow(ws, ctx.talleres, 'SE-0001');
    if (row['Estado'] !== 'Aprobada' || row['Vía de la decisión'] !== 'Enlace' || row['Decidida por'] !== SUB_DIRECTOR) {
      v.push(`the request is '${String(row['Estado'])}' by '${String(row['Vía de la decisión'])}' / '${String(row['Decidida por'])}'`);
    }
    if (!ws.triggers(ctx.talleres).some((t) => t.handler === 'runExternalRequests')) v.push('no run of the external job was asked for');
    if (ws.outbox().some((m) => m.to.includes(CONTACT))) v.push('the institution got an email from the decision (that is the job\u2019s)');
    if (used(ws, ctx, ctx.approve) !== 1) v.push(`'Enlaces usados' has the approve link ${used(ws, ctx, ctx.approve)} times`);
    if (!ctx.retryText || ctx.retryText.includes(WEB_APP_MESSAGES.invalid[0]) || !/aprobad|ya se usó/i.test(ctx.retryText)) v.push(`the retry's page says "${ctx.retryText}"`);
    if (!ctx.laterText?.includes('ya se usó')) v.push(`opening the link afterwards says "${ctx.laterText}"`);
    return v;
  },
};

const sendOp: CrashOperation<Ctx> = {
  name: 'external-send',
  actFunction: 'sendExternalForApproval',
  base: (seed) => baseOf(seed, false),
  setup: () => current!,
  act: (ws, ctx) => void ws.callFromSidebar(ctx.talleres, 'sendExternalForApproval', [PROPOSAL]),
  recover(ws, ctx) {
    ws.advanceBy(60_000);
    ws.callFromSidebar(ctx.talleres, 'sendExternalForApproval', [PROPOSAL]);
  },
  check(ws, ctx) {
    const v: string[] = [];
    const row = requestRow(ws, ctx.talleres, 'SE-0001');
    const mails = ws.outbox().filter((m) => m.to.includes(SUB_DIRECTOR));
    if (row['Estado'] !== 'Enviada a aprobación') v.push(`the request is '${String(row['Estado'])}'`);
    onceOrReviewed(v, 'the proposal to the Sub Director', mails.length, row['Envío a aprobación'], reviewed(ws, ctx));
    const round = Number(row['Ronda de aprobación']);
    if (round !== 1) v.push(`the round is ${round}, expected 1 (the same proposal again must not open a new round)`);
    // The email out must carry the round the row records: its buttons must work.
    const last = approvalLinks(ws, INSTITUTION).at(-1);
    if (last && row['Envío a aprobación'] === 'enviado') {
      const page = openLink(ws, last.approve).text;
      if (!page.includes('Aprobar la solicitud de taller')) v.push(`the emailed approve link says "${page}"`);
    }
    return v;
  },
};

const SAMPLE = { exhaustiveUpTo: 2, sample: 4, rareMethodCalls: 1, everyMethod: false } as const;

describe('C01 decision through the web app, crashed at every call', () => {
  for (const op of [rejectOp, approveOp, sendOp]) {
    test(`${op.name}: recovered by pressing again, every effect once`, () => {
      const report = crashAtEveryCall(op, SAMPLE);
      if (report.skipped) return;
      if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
      expect(report.cases).toBeGreaterThan(0);
    });
  }
});
