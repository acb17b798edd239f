/**
 * B03 «Enviar programación a la Sub Dirección» and B04 «Solicitar banner», crashed at every
 * service call of the panel's execution (before its effect, after it, killed). Recovery is what
 * the consultant does: the panel showed an error, so they press the button again (the same call,
 * or the same «Enviar de nuevo» with the same `previous`).
 *
 * After recovery: the Sub Dirección / Dirección got the email at most once per explicit send, and
 * exactly once unless the send was left ambiguous — then its journal entry says 'enviando', it is
 * listed once in 'Revisión', and the retry did not send it again; the module's row agrees with
 * what went out ('Programación enviada' is the send's time, 'Banner' is 'Solicitado'); the retry
 * was answered sensibly (done, or «Ya se envió … ¿Enviar de nuevo?», or the interrupted notice).
 *
 * Every case starts from a snapshot of the world, built once per seed (`base`).
 */
import type { Workspace, WorkspaceSnapshot } from '../../emulator';
import type { DirectionResult, ModuleInput } from '../../src/api';
import { DIRECTION_AUDIT as A, DIRECTION_MESSAGES as M } from '../../src/domain/messages/workshops-direction';
import { createAttentionWorld, setSetting } from '../support/attention-world';
import { crashAtEveryCall, EXTERNAL_EFFECTS, formatFailures, type CrashInfo, type CrashOperation, type CrashOptions } from '../support/crash-harness';

const USER = 'ana.quispe@trabajo.gob.pe';
const SUB_DIRECTOR = 'subdireccion@trabajo.gob.pe';
const DIRECTION = 'direccion.banners@trabajo.gob.pe';

const MODULE: ModuleInput = {
  requestId: 'crash-b03-b04',
  name: 'Aprende a Emprender – IV 2026',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 2,
  sessions: [
    { topic: 'Costos y precios', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
    { topic: 'Marketing digital', date: '2026-12-03', startTime: '18:30', endTime: '20:00', speaker: "María O'Brien", speakerEmail: 'maria.obrien@gmail.com' },
  ],
};

interface World {
  talleres: string;
  moduleId: string;
  /** Nothing sent yet. */
  fresh: WorkspaceSnapshot;
  /** The programme sent once; `previous` is what the panel's question carries. */
  sentOnce: WorkspaceSnapshot;
  previous: string;
}

const worlds = new Map<number, World>();

function call(ws: Workspace, ss: string, fn: string, args: unknown[]): DirectionResult | { ok: false; message: string; thrown: true } {
  const r = ws.callFromSidebar(ss, fn, args, USER);
  return r.ok ? (r.value as DirectionResult) : { ok: false, message: r.error, thrown: true };
}

function world(seed: number): World {
  const cached = worlds.get(seed);
  if (cached) return cached;
  const { ws, talleres } = createAttentionWorld({ at: '2026-11-20T09:00', user: USER, seed });
  const saved = ws.callFromSidebar(talleres, 'saveModule', [MODULE]);
  if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error(`saveModule failed: ${JSON.stringify(saved)}`);
  const moduleId = (saved.value as { module: { id: string } }).module.id;
  setSetting(ws, talleres, 'Correo de la Sub Dirección', SUB_DIRECTOR);
  setSetting(ws, talleres, 'Correo de la Dirección (banners)', DIRECTION);
  const fresh = ws.snapshot();
  ws.advanceBy(60 * 60_000);
  const first = call(ws, talleres, 'sendProgramme', [moduleId]);
  if (!first.ok) throw new Error(`first send failed: ${first.message}`);
  ws.advanceBy(24 * 60 * 60_000);
  const asked = call(ws, talleres, 'sendProgramme', [moduleId]);
  const previous = !asked.ok && 'confirm' in asked && asked.confirm ? asked.confirm.previous : '';
  if (!previous) throw new Error(`the second press did not ask: ${asked.message}`);
  const w: World = { talleres, moduleId, fresh, sentOnce: ws.snapshot(), previous };
  worlds.set(seed, w);
  return w;
}

interface Ctx {
  w: World;
  retry?: { ok: boolean; message: string; confirm?: boolean };
}

type Kind = 'programacion' | 'banner';

interface Plan {
  name: string;
  fn: 'sendProgramme' | 'requestBanner';
  kind: Kind;
  to: string;
  subject: string;
  stage: 'fresh' | 'sentOnce';
  /** Arguments after the module's ID. */
  options: (w: World) => unknown[];
  /** Sends of this kind owed in total once recovered (earlier ones included). */
  sends: number;
}

function operation(plan: Plan): CrashOperation<Ctx> {
  let seedOf = 1;
  const press = (ws: Workspace, ctx: Ctx) => call(ws, ctx.w.talleres, plan.fn, [ctx.w.moduleId, ...plan.options(ctx.w)]);
  return {
    name: plan.name,
    actFunction: plan.fn,
    base: (seed) => {
      seedOf = seed;
      return world(seed)[plan.stage];
    },
    setup: () => ({ w: world(seedOf) }),
    act: (ws, ctx) => void press(ws, ctx),
    recover(ws, ctx) {
      ws.advanceBy(60_000);
      const r = press(ws, ctx);
      ctx.retry = { ok: r.ok, message: r.message, confirm: !r.ok && 'confirm' in r && r.confirm !== undefined };
    },
    check: (ws, ctx, info) => check(ws, ctx, info, plan),
  };
}

function check(ws: Workspace, ctx: Ctx, info: CrashInfo, plan: Plan): string[] {
  const v: string[] = [];
  const { talleres, moduleId } = ctx.w;
  const props = ws.project(talleres).documentProperties;
  const prefix = `SOE_MAIL:${plan.kind}:${moduleId}:`;
  const journal = Object.entries(props)
    .filter(([k]) => k.startsWith(prefix))
    .map(([k, value]) => ({ n: Number(k.slice(prefix.length)), state: value.split('|')[0], at: value.split('|')[1] ?? '' }))
    .sort((a, b) => a.n - b.n);
  const mails = ws.outbox().filter((m) => m.subject.startsWith(plan.subject));
  const recoveryIds = new Set(info.recovery.map((e) => e.id));
  const ambiguous = journal.filter((j) => j.state === 'enviando');
  const sent = journal.filter((j) => j.state === 'enviado');

  if (journal.length !== plan.sends) v.push(`the journal records ${journal.length} sends (${journal.map((j) => `${j.n}=${j.state}`).join(', ')}), expected ${plan.sends}`);
  if (mails.some((m) => !m.to.includes(plan.to))) v.push(`an email went to ${mails.map((m) => m.to.join()).join('; ')}`);
  if (mails.length > plan.sends) v.push(`${mails.length} emails to ${plan.to}, at most ${plan.sends} allowed`);
  if (mails.length < sent.length) v.push(`${sent.length} sends recorded 'enviado' but ${mails.length} emails went out`);
  if (mails.length > sent.length + ambiguous.length) v.push(`${mails.length} emails but only ${sent.length + ambiguous.length} sends recorded`);
  if (ambiguous.length && mails.some((m) => recoveryIds.has(m.executionId))) v.push('recovery sent an email although a send was left ambiguous (blind resend)');
  if (info.kind === 'none' && ambiguous.length) v.push('a clean run left a send ambiguous');

  // Each ambiguous send is listed once in 'Revisión'.
  const review = ws.readTab(talleres, 'Revisión').filter((r) => r['Tipo'] === A.reviewKind);
  for (const j of ambiguous) {
    const n = review.filter((r) => r['Referencia'] === `${moduleId}:${plan.kind}:${j.n}`).length;
    if (n !== 1) v.push(`ambiguous send ${j.n} listed ${n} times in 'Revisión'`);
  }

  // The module's row agrees with the last send that surely went out.
  const row = ws.readTab(talleres, 'Módulos').find((r) => r['ID de módulo'] === moduleId);
  const last = journal[journal.length - 1];
  if (!row) v.push('the module row is gone');
  else if (plan.kind === 'programacion') {
    const at = row['Programación enviada'];
    const recorded = at instanceof Date ? at.toISOString() : '';
    if (last?.state === 'enviado' && recorded !== last.at) v.push(`'Programación enviada' is "${recorded}", the last send went at ${last.at}`);
  } else if (last?.state === 'enviado' && row['Banner'] !== 'Solicitado') v.push(`'Banner' is "${String(row['Banner'])}" although the request went out`);

  // The retry's answer: done, the question about a send already made, or the interrupted notice.
  const r = ctx.retry;
  if (!r) v.push('no retry answer');
  else if (!r.ok && !r.confirm && r.message !== M.interrupted && !/de nuevo|no se envió otra vez|no se solicitó otra vez/i.test(r.message)) v.push(`the retry was answered "${r.message}"`);
  return v;
}

const PROGRAMME = 'Programación del módulo «';
const BANNER = 'Solicitud de banner: módulo «';

const OPERATIONS = [
  operation({ name: 'send-programme', fn: 'sendProgramme', kind: 'programacion', to: SUB_DIRECTOR, subject: PROGRAMME, stage: 'fresh', options: () => [], sends: 1 }),
  operation({ name: 'send-programme-again', fn: 'sendProgramme', kind: 'programacion', to: SUB_DIRECTOR, subject: PROGRAMME, stage: 'sentOnce', options: (w) => [{ again: true, previous: w.previous }], sends: 2 }),
  operation({ name: 'request-banner', fn: 'requestBanner', kind: 'banner', to: DIRECTION, subject: BANNER, stage: 'fresh', options: () => [], sends: 1 }),
];

// Sampled for `npm test`: the send, the journal writes and the row's write, each with the call
// after it, the first calls and the last, a few drawn with the seed. SOE_EXHAUSTIVE=1: every call.
const SAMPLE: CrashOptions = {
  exhaustiveUpTo: 2,
  sample: 2,
  everyMethod: false,
  effects: [...EXTERNAL_EFFECTS, /^Properties\.setProperties$/, /^Range\.setValues$/, /^Lock\.waitLock$/],
};

describe('B03 and B04 survive a crash at every service call', () => {
  for (const op of OPERATIONS) {
    test(`${op.name}: at most once per explicit send, the module's row agrees`, () => {
      const report = crashAtEveryCall(op, SAMPLE);
      if (report.skipped) return;
      if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
      expect(report.cases).toBeGreaterThan(0);
    });
  }
});
