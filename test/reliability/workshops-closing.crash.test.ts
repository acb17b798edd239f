/**
 * B11 «Enviar orden de presentación», crashed at every service call of the panel's execution.
 * Recovery is the consultant pressing the button again.
 *
 * After recovery: each presenter got at most one «Turno de presentación» and the speaker and the
 * consultant at most one «Orden de presentación» — exactly one unless that send was left
 * ambiguous, in which case its journal entry says 'enviando', it is in 'Revisión', and recovery did
 * not send it again; 'Envíos de sesiones' says 'enviado' for exactly the emails that went out.
 */
import type { Workspace, WorkspaceSnapshot } from '../../emulator';
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { createAttentionWorld } from '../support/attention-world';
import { crashAtEveryCall, EXTERNAL_EFFECTS, formatFailures, type CrashInfo, type CrashOperation, type CrashOptions } from '../support/crash-harness';
import { appendRows as append, setCell } from '../support/sheet-rows';

const USER = 'ana.quispe@trabajo.gob.pe';
const SPEAKER = 'jose.nahui@gmail.com';
const lima = (s: string) => new Date(`${s}:00-05:00`);

const MODULE: ModuleInput = {
  requestId: 'crash-b11-closing',
  name: 'Aprende a Emprender – IV 2026',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 1,
  sessions: [
    { topic: 'Costos y precios', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: "María O'Brien", speakerEmail: 'maria.obrien@gmail.com' },
    { topic: 'Cierre', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: SPEAKER },
  ],
};

const PRESENTERS = ['persona1@gmail.com', 'persona2@gmail.com', 'persona3@gmail.com'];

interface World {
  talleres: string;
  moduleId: string;
  base: WorkspaceSnapshot;
}

const worlds = new Map<number, World>();

function world(seed: number): World {
  const cached = worlds.get(seed);
  if (cached) return cached;
  const { ws, talleres } = createAttentionWorld({ at: '2026-11-20T09:00', user: USER, seed });
  const saved = ws.callFromSidebar(talleres, 'saveModule', [MODULE]);
  if (!saved.ok || !(saved.value as SaveModuleResult).ok) throw new Error(`saveModule failed: ${JSON.stringify(saved)}`);
  const moduleId = (saved.value as Extract<SaveModuleResult, { ok: true }>).module.id;
  setCell(ws, talleres, 'Módulos', 'ID de módulo', moduleId, 'Estado', 'Inscripción abierta');
  append(
    ws,
    talleres,
    'Inscripciones',
    [1, 2, 3, 4].map((n) => ({
      'ID de inscripción': `I-${n}`,
      'ID de módulo': moduleId,
      'Fecha de inscripción': lima(`2026-11-21T10:0${n}`),
      DNI: `0${4000000 + n}`,
      'Nombres y apellidos': `Persona ${n}`,
      Correo: `persona${n}@gmail.com`,
      Estado: 'Inscrito',
      'Presentará su proyecto': n <= 3,
    })),
  );
  ws.advanceTo(lima('2026-12-02T09:00'));
  const w: World = { talleres, moduleId, base: ws.snapshot() };
  worlds.set(seed, w);
  return w;
}

interface Ctx {
  w: World;
}

function press(ws: Workspace, ctx: Ctx): void {
  ws.callFromSidebar(ctx.w.talleres, 'sendClosingOrder', [ctx.w.moduleId], USER);
}

function check(ws: Workspace, ctx: Ctx, info: CrashInfo): string[] {
  const v: string[] = [];
  const props = ws.project(ctx.w.talleres).documentProperties;
  const ambiguous = Object.entries(props).filter(([k, value]) => k.startsWith('SOE_MAIL:cierre:') && value.startsWith('enviando'));
  const to = (m: { to: string | string[] }) => [m.to].flat().join(',');
  const recoveryIds = new Set(info.recovery.map((e) => e.id));
  const mails = ws.outbox();
  const expected: [string, RegExp][] = [...PRESENTERS.map((p): [string, RegExp] => [p, /turno de presentación/i]), [SPEAKER, /^Orden de presentación/], [USER, /^Orden de presentación/]];
  const rows = ws.readTab(ctx.w.talleres, 'Envíos de sesiones');
  for (const [address, subject] of expected) {
    const got = mails.filter((m) => to(m) === address && subject.test(m.subject));
    const stuck = ambiguous.some(([k]) => k.includes(`/${address}#`) || (PRESENTERS.includes(address) && k.includes(`/I-${PRESENTERS.indexOf(address) + 1}#`)));
    if (got.length > 1) v.push(`${address} got ${got.length} emails`);
    if (got.length === 0 && !stuck) v.push(`${address} got nothing and nothing is left to review`);
    if (stuck && got.some((m) => recoveryIds.has(m.executionId))) v.push(`recovery resent to ${address} although its send was ambiguous`);
    const sentRows = rows.filter((r) => r.Correo === address && r.Envío === 'enviado').length;
    if (!stuck && sentRows !== got.length) v.push(`'Envíos de sesiones' records ${sentRows} sent to ${address}, ${got.length} went out`);
  }
  if (info.kind === 'none' && ambiguous.length > 0) v.push('a clean run left a send ambiguous');
  const review = ws.readTab(ctx.w.talleres, 'Revisión');
  for (const [k] of ambiguous) {
    const ref = k.slice('SOE_MAIL:cierre:'.length);
    if (review.filter((r) => r.Referencia === ref).length !== 1) v.push(`ambiguous ${ref} not listed once in 'Revisión'`);
  }
  return v;
}

function operation(): CrashOperation<Ctx> {
  let seedOf = 1;
  return {
    name: 'send-closing-order',
    actFunction: 'sendClosingOrder',
    base: (seed) => {
      seedOf = seed;
      return world(seed).base;
    },
    setup: () => ({ w: world(seedOf) }),
    act: (ws, ctx) => press(ws, ctx),
    recover(ws, ctx) {
      ws.advanceBy(60_000);
      press(ws, ctx);
    },
    check,
  };
}

const SAMPLE: CrashOptions = {
  exhaustiveUpTo: 2,
  sample: 3,
  everyMethod: false,
  effects: [...EXTERNAL_EFFECTS, /^Properties\.setProperties$/, /^Range\.setValues$/, /^Lock\.waitLock$/],
};

describe('B11 «Enviar orden de presentación» survives a crash at every service call', () => {
  test('send-closing-order: each email at most once, once unless ambiguous, the sheet agrees', () => {
    const report = crashAtEveryCall(operation(), SAMPLE);
    if (report.skipped) return;
    if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
    expect(report.cases).toBeGreaterThan(0);
  });
});
