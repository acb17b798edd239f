/**
 * B10 «Confirmar carga en Silnet», crashed at every service call of the panel's execution (before
 * its effect, after it, killed). Recovery is what the consultant does: the panel showed an error,
 * so they press the button again with the same export.
 *
 * After recovery: exactly the exported people are 'Registrado en Silnet' with a date — not the
 * attendee who came after the export, nobody twice-dated (the date is the first confirmation's,
 * never rewritten by the retry) — and the retry was answered sensibly (confirmed, or already
 * confirmed). Every case starts from a snapshot of the world, built once per seed (`base`).
 */
import type { Workspace, WorkspaceSnapshot } from '../../emulator';
import type { ModuleInput, SaveModuleResult, SilnetConfirmResult, SilnetExportResult } from '../../src/api';
import { createAttentionWorld } from '../support/attention-world';
import { crashAtEveryCall, EXTERNAL_EFFECTS, formatFailures, type CrashInfo, type CrashOperation, type CrashOptions } from '../support/crash-harness';
import { appendRows as append, setCell } from '../support/sheet-rows';

const USER = 'ana.quispe@trabajo.gob.pe';
const lima = (s: string) => new Date(`${s}:00-05:00`);

const MODULE: ModuleInput = {
  requestId: 'crash-b10-silnet',
  name: 'Aprende a Emprender – IV 2026',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 60,
  minSessions: 1,
  sessions: [
    { topic: 'Costos y precios', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
    { topic: 'Marketing digital', date: '2026-12-03', startTime: '18:30', endTime: '20:00', speaker: "María O'Brien", speakerEmail: 'maria.obrien@gmail.com' },
  ],
};

interface World {
  talleres: string;
  moduleId: string;
  exportId: string;
  ids: string[];
  base: WorkspaceSnapshot;
}

const worlds = new Map<number, World>();

function world(seed: number): World {
  const cached = worlds.get(seed);
  if (cached) return cached;
  const { ws, talleres } = createAttentionWorld({ at: '2026-11-20T09:00', user: USER, seed });
  const saved = ws.callFromSidebar(talleres, 'saveModule', [MODULE]);
  if (!saved.ok || !(saved.value as SaveModuleResult).ok) throw new Error(`saveModule failed: ${JSON.stringify(saved)}`);
  const module = (saved.value as Extract<SaveModuleResult, { ok: true }>).module;
  const moduleId = module.id;
  const [s1, s2] = module.sessions.map((s) => s.id);
  setCell(ws, talleres, 'Módulos', 'ID de módulo', moduleId, 'Estado', 'Inscripción abierta');
  const reg = (n: number) => ({
    'ID de inscripción': `I-${n}`,
    'ID de módulo': moduleId,
    'Fecha de inscripción': lima(`2026-11-21T10:0${n}`),
    'Tipo doc.': 'DNI',
    DNI: `0${4000000 + n}`,
    'Nombres y apellidos': `Persona ${n}`,
    Correo: `persona${n}@gmail.com`,
    Celular: `98765432${n}`,
    Estado: 'Inscrito',
  });
  append(ws, talleres, 'Inscripciones', [1, 2, 3, 4, 5].map(reg));
  const present = (s: string, n: number) => ({ 'ID de asistencia': `${s}/I-${n}`, 'ID de sesión': s, 'ID de módulo': moduleId, 'ID de inscripción': `I-${n}`, Asistió: true, Fuente: 'Manual' });
  ws.advanceTo(lima('2026-12-01T20:30'));
  append(ws, talleres, 'Asistencia', [present(s1, 1), present(s1, 2), present(s1, 3)]);
  const r = ws.callFromSidebar(talleres, 'exportSilnet', [moduleId], USER);
  if (!r.ok || !(r.value as SilnetExportResult).ok) throw new Error(`export failed: ${JSON.stringify(r)}`);
  const exp = r.value as Extract<SilnetExportResult, { ok: true }>;
  // Someone attends after the export: never marked by its confirmation.
  ws.advanceTo(lima('2026-12-03T20:30'));
  append(ws, talleres, 'Asistencia', [present(s2, 4)]);
  const w: World = { talleres, moduleId, exportId: exp.exportId, ids: exp.registrationIds, base: ws.snapshot() };
  worlds.set(seed, w);
  return w;
}

interface Ctx {
  w: World;
  retry?: { ok: boolean; message: string; thrown: boolean };
}

function press(ws: Workspace, ctx: Ctx): { ok: boolean; message: string; thrown: boolean } {
  const r = ws.callFromSidebar(ctx.w.talleres, 'confirmSilnetUpload', [ctx.w.moduleId, ctx.w.exportId, ctx.w.ids], USER);
  if (!r.ok) return { ok: false, message: r.error, thrown: true };
  const v = r.value as SilnetConfirmResult;
  return { ok: v.ok, message: v.message, thrown: false };
}

function check(ws: Workspace, ctx: Ctx, info: CrashInfo): string[] {
  const v: string[] = [];
  const rows = ws.readTab(ctx.w.talleres, 'Inscripciones');
  const marked = rows.filter((r) => r['Registrado en Silnet'] === true).map((r) => String(r['ID de inscripción'])).sort();
  if (marked.join() !== [...ctx.w.ids].sort().join()) v.push(`marked ${marked.join(', ') || 'nobody'}, expected exactly ${ctx.w.ids.join(', ')}`);
  for (const r of rows.filter((x) => x['Registrado en Silnet'] === true)) {
    if (!(r['Fecha de registro en Silnet'] instanceof Date)) v.push(`${String(r['ID de inscripción'])} marked without a date`);
  }
  const dates = new Set(rows.filter((x) => x['Fecha de registro en Silnet'] instanceof Date).map((x) => (x['Fecha de registro en Silnet'] as Date).getTime()));
  if (dates.size > 1) v.push(`the exported people carry ${dates.size} different dates: a retry rewrote some`);
  const r = ctx.retry;
  if (!r) v.push('no retry answer');
  else if (!r.ok) v.push(`the retry was answered "${r.message}"`);
  if (info.kind === 'none' && r && !/ya estaba confirmada/.test(r.message)) v.push(`a clean run's retry said "${r.message}"`);
  return v;
}

function operation(): CrashOperation<Ctx> {
  let seedOf = 1;
  return {
    name: 'confirm-silnet',
    actFunction: 'confirmSilnetUpload',
    base: (seed) => {
      seedOf = seed;
      return world(seed).base;
    },
    setup: () => ({ w: world(seedOf) }),
    act: (ws, ctx) => void press(ws, ctx),
    recover(ws, ctx) {
      ws.advanceBy(60_000);
      ctx.retry = press(ws, ctx);
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

describe('B10 «Confirmar carga en Silnet» survives a crash at every service call', () => {
  test('confirm-silnet: exactly the exported people marked, once, with one date', () => {
    const report = crashAtEveryCall(operation(), SAMPLE);
    if (report.skipped) return;
    if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
    expect(report.cases).toBeGreaterThan(0);
  });
});
