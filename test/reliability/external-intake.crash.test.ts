/**
 * The institutions' request submission (C01) crashed at every service call of its form-submit
 * execution (`onExternalRequestSubmit`) — before the call's effect, after it, or killed:
 *
 * - `request-new`: a valid request from a new institution (a row 'Recibida', the acknowledgment);
 * - `request-duplicate`: the same institution, topic and dates again with more participants (its
 *   row updated, no second acknowledgment);
 * - `request-invalid`: a RUC with a wrong check digit ('Revisión', the what-to-fix email).
 *
 * Recovery is what production does: the clock runs 5 minutes (the sweep a burst schedules fires;
 * a crash that left the lock busy left one), then another institution sends its request, and the
 * clock runs again (that burst's sweep).
 *
 * After recovery: every form response accounted for exactly once (on a request's row or an item
 * of 'Revisión'); one row per request, 'Recibida'; each email (acknowledgment, what to fix) at
 * most once, and exactly once unless the crash hit the send itself — then the row (or the
 * 'Revisión' item) says so and recovery did not send it again; no journal entry (SOE_MAIL:…)
 * left but those in doubt; no pending marker nor sweep trigger left.
 *
 * Sampled by default (each send, each row write and the call right after each, the last call,
 * both waitLocks); SOE_EXHAUSTIVE=1: every call.
 */
import { Workspace, type WorkspaceSnapshot } from '../../emulator';
import { REQUEST_QUESTIONS as Q } from '../../src/domain/external/request-form';
import { EXTERNAL_INTAKE_REVIEW as R } from '../../src/domain/messages/external-intake';
import { createAttentionWorld } from '../support/attention-world';
import { crashAtEveryCall, EXTERNAL_EFFECTS, formatFailures, type CrashInfo, type CrashOperation, type CrashOptions } from '../support/crash-harness';
import { INSTITUTIONS, requestAnswers, wrongDigit, type Institution } from '../support/external-request-answers';
import { noTriggersFor } from '../support/invariants';

const TAB = 'Solicitudes externas';
const ACK = 'Recibimos su solicitud de taller';
const FIX = 'Su solicitud de taller al MTPE necesita una corrección';
const SWEEP_WAIT_MS = 5 * 60_000;
const [CETPRO, INSTITUTO, MUNI] = INSTITUTIONS as [Institution, Institution, Institution];

interface Stage {
  snapshot: WorkspaceSnapshot;
  responses: string[];
}

interface World {
  talleres: string;
  formId: string;
  /** 0: no request yet; 1: CETPRO's request received and acknowledged. */
  stages: Record<0 | 1, Stage>;
}

const worlds = new Map<number, World>();

function world(seed: number): World {
  const cached = worlds.get(seed);
  if (cached) return cached;
  const { ws, talleres } = createAttentionWorld({ at: '2026-12-04T10:00', seed });
  const formId = String(ws.readTab(talleres, 'Configuración').find((r) => r['Parámetro'] === 'Formulario de solicitudes externas (ID)')?.['Valor'] ?? '');
  if (!formId) throw new Error('no request form');
  const s0: Stage = { snapshot: ws.snapshot(), responses: [] };
  ws.advanceBy(60_000);
  const r = ws.submitForm(formId, requestAnswers(CETPRO));
  if (r.executions.some((e) => e.status !== 'completed')) throw new Error('the first request failed');
  ws.advanceBy(SWEEP_WAIT_MS + 60_000);
  const s1: Stage = { snapshot: ws.snapshot(), responses: [r.responseId] };
  const w: World = { talleres, formId, stages: { 0: s0, 1: s1 } };
  worlds.set(seed, w);
  return w;
}

interface Ctx {
  op: string;
  w: World;
  responses: string[];
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/** The fault-free run's calls of each operation (its baseline runs first). */
const baselines = new Map<string, string[]>();

/** True when call k is a send, or the journal write just before or after one. */
function crashHitSend(op: string, info: CrashInfo): boolean {
  const seq = baselines.get(op) ?? [];
  const k = info.k;
  if (info.kind === 'none' || k === 0) return false;
  const isSend = (j: number) => /^(MailApp|GmailApp)\.send/.test(seq[j - 1] ?? '');
  return isSend(k) || isSend(k - 1) || (info.kind === 'after' && isSend(k + 1));
}

interface Expect {
  /** RUCs that must have exactly one row. */
  rucs: string[];
  /** Addresses owed one what-to-fix email. */
  fixTo?: string[];
  /** Expected participants of a RUC's row. */
  expected?: Record<string, number>;
}

function check(ws: Workspace, ctx: Ctx, info: CrashInfo, want: Expect): string[] {
  const v: string[] = [];
  if (info.kind === 'none') baselines.set(ctx.op, [...(info.acted?.sequence ?? [])]);
  const hitSend = crashHitSend(ctx.op, info);
  const ss = ctx.w.talleres;
  const rows = ws.readTab(ss, TAB);
  const review = ws.readTab(ss, 'Revisión');

  for (const id of ctx.responses) {
    const onRows = rows.filter((r) => text(r['ID de respuesta']).split(/\s+/).includes(id)).length;
    const inReview = review.filter((r) => text(r['Referencia']) === id).length;
    if (onRows + inReview !== 1) v.push(`response ${id} accounted for ${onRows + inReview} times (rows ${onRows}, 'Revisión' ${inReview})`);
  }
  const ids = rows.map((r) => text(r['ID de solicitud']));
  if (new Set(ids).size !== ids.length) v.push(`duplicate request IDs: ${ids.join(', ')}`);
  for (const ruc of want.rucs) {
    const mine = rows.filter((r) => text(r['RUC']) === ruc);
    if (mine.length !== 1) v.push(`RUC ${ruc} has ${mine.length} rows`);
    else if (text(mine[0]!['Estado']) !== 'Recibida') v.push(`RUC ${ruc} is "${text(mine[0]!['Estado'])}"`);
  }
  if (rows.length !== want.rucs.length) v.push(`'${TAB}' has ${rows.length} rows, expected ${want.rucs.length}`);
  for (const [ruc, n] of Object.entries(want.expected ?? {})) {
    const row = rows.find((r) => text(r['RUC']) === ruc);
    if (row && row['Participantes esperados'] !== n) v.push(`RUC ${ruc}: ${text(row['Participantes esperados'])} participants, expected ${n}`);
  }

  const recoveryIds = new Set(info.recovery.map((e) => e.id));
  const mails = (to: string, subject: string) => ws.outbox().filter((m) => m.to.includes(to) && m.subject.includes(subject));
  // Acknowledgments: as each row says.
  for (const r of rows) {
    const to = text(r['Correo de contacto']);
    const state = text(r['Acuse de recibo']);
    const sent = mails(to, ACK);
    if (state === 'enviado') {
      if (sent.length !== 1) v.push(`${text(r['ID de solicitud'])}: acknowledgment 'enviado' but ${sent.length} sent`);
    } else if (state === 'enviando') {
      if (!hitSend) v.push(`${text(r['ID de solicitud'])}: acknowledgment left 'enviando' although the crash did not hit a send`);
      if (sent.length > 1) v.push(`${text(r['ID de solicitud'])}: acknowledgment in doubt sent ${sent.length} times`);
      if (sent.some((m) => recoveryIds.has(m.executionId))) v.push(`recovery resent an acknowledgment in doubt to ${to}`);
    } else v.push(`${text(r['ID de solicitud'])}: acknowledgment is "${state}"`);
  }
  if (info.kind === 'none' && rows.some((r) => text(r['Acuse de recibo']) !== 'enviado')) v.push('a clean run left an acknowledgment not sent');
  // What-to-fix emails: once, unless the crash hit the send (then at most once, never by recovery).
  for (const to of want.fixTo ?? []) {
    const sent = mails(to, FIX);
    if (sent.length > 1) v.push(`what-to-fix email to ${to} sent ${sent.length} times`);
    else if (sent.length === 0 && !hitSend) v.push(`no what-to-fix email to ${to}`);
    if (hitSend && sent.some((m) => recoveryIds.has(m.executionId)) && info.kind !== 'before') v.push(`recovery sent a what-to-fix email in doubt to ${to}`);
  }
  // The journal keeps only what is in doubt; no marker, no sweep left.
  for (const [key, value] of Object.entries(ws.properties(ss))) {
    if (key.startsWith('SOE_MAIL:') && !value.startsWith('enviando')) v.push(`journal entry left that the sheet records: ${key}=${value}`);
    if (key.startsWith('SOE_MAIL:') && !hitSend) v.push(`journal entry left although no send was hit: ${key}`);
    if (key.startsWith('SOE_EXT_PENDING:')) v.push(`pending marker left: ${key}`);
  }
  v.push(...noTriggersFor(ws, ss, ['runExternalRequestSweep']));
  return v;
}

function submit(ws: Workspace, ctx: Ctx, answers: Record<string, string | string[]>): void {
  ws.advanceBy(60_000);
  ctx.responses.push(ws.submitForm(ctx.w.formId, answers).responseId);
}

function operation(name: string, stage: 0 | 1, answers: Record<string, string | string[]>, want: Expect, extra?: (ws: Workspace, ctx: Ctx) => string[]): CrashOperation<Ctx> {
  let seedOf = 1;
  return {
    name,
    actFunction: 'onExternalRequestSubmit',
    base: (seed) => {
      seedOf = seed;
      return world(seed).stages[stage].snapshot;
    },
    setup: () => {
      const w = world(seedOf);
      return { op: name, w, responses: [...w.stages[stage].responses] };
    },
    act: (ws, ctx) => submit(ws, ctx, answers),
    recover(ws, ctx) {
      ws.advanceBy(SWEEP_WAIT_MS);
      submit(ws, ctx, requestAnswers(MUNI));
      ws.advanceBy(SWEEP_WAIT_MS + 60_000);
    },
    check: (ws, ctx, info) => [...check(ws, ctx, info, want), ...(extra ? extra(ws, ctx) : [])],
  };
}

const OPERATIONS: CrashOperation<Ctx>[] = [
  operation('request-new', 0, requestAnswers(CETPRO), { rucs: [CETPRO.ruc, MUNI.ruc] }),
  operation('request-duplicate', 1, requestAnswers(CETPRO, { [Q.expected]: '55' }), { rucs: [CETPRO.ruc, MUNI.ruc], expected: { [CETPRO.ruc]: 55 } }),
  operation(
    'request-invalid',
    1,
    requestAnswers(INSTITUTO, { [Q.ruc]: wrongDigit(INSTITUTO.ruc) }),
    { rucs: [CETPRO.ruc, MUNI.ruc], fixTo: [INSTITUTO.email] },
    (ws, ctx) => {
      const items = ws.readTab(ctx.w.talleres, 'Revisión').filter((r) => r['Tipo'] === R.kindInvalid);
      return items.length === 1 ? [] : [`${items.length} '${R.kindInvalid}' items, expected 1`];
    },
  ),
];

// Each send and each row write with the call right after it, both waitLocks (the busy-lock path
// that leaves a sweep trigger), the last call. SOE_EXHAUSTIVE=1: every call.
const SAMPLE: CrashOptions = {
  exhaustiveUpTo: 0,
  sample: 0,
  everyMethod: false,
  effects: [...EXTERNAL_EFFECTS, /^Range\.setValues$/, /^Lock\.waitLock$/],
};

describe('a request submission that crashes at any call is handled exactly once after recovery', () => {
  for (const op of OPERATIONS) {
    test(op.name, () => {
      const report = crashAtEveryCall(op, SAMPLE);
      if (report.skipped) return;
      if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
      expect(report.cases).toBeGreaterThan(0);
    });
  }
});
