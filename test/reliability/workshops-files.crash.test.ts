/**
 * «Ficha técnica: Generar» (B05) and «Subir banner» (B04) crashed at every service call of their
 * execution (before its effect, after it, killed). Recovery is what production does: the
 * consultant sees the error and presses the button again.
 *
 * After recovery: one service folder "Talleres – Aprende a Emprender" and one folder for the
 * module — a folder made by a run that died before recording it is found again, never doubled —
 * recorded on the module's row; exactly one live ficha (or banner) in it, the one the row links;
 * nothing shared beyond the team.
 */
import type { Workspace } from '../../emulator';
import { driveStore } from '../../emulator/services/drive';
import { SERVICE_FOLDER_NAME } from '../../src/domain/messages/workshops-files';
import { addTeamMember, setSetting, setUpPair } from '../support/attention-world';
import { EXTERNAL_EFFECTS, crashAtEveryCall, formatFailures, hasEntryPoint, installProduct, type CrashOperation } from '../support/crash-harness';

const USER = 'ana.quispe@trabajo.gob.pe';
const COLLEAGUE = 'luis.huaman@trabajo.gob.pe';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 3)]).toString('base64');
/** Drive's changes besides creating (trashing the old file): a sampled sweep tries each one and the call after it. */
const EFFECTS = [...EXTERNAL_EFFECTS, /^(File|Folder)\.(setTrashed|removeFile)$/];

interface Ctx {
  talleres: string;
  moduleId: string;
  retry?: { ok: boolean; message: string };
}

function press(ws: Workspace, ctx: Ctx, fn: string, args: unknown[]): { ok: boolean; message: string } {
  const r = ws.callFromSidebar(ctx.talleres, fn, args, USER);
  if (!r.ok) return { ok: false, message: r.error };
  const v = r.value as { ok: boolean; message: string };
  return { ok: v.ok, message: v.message };
}

function world(ws: Workspace): Ctx {
  const atenciones = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
  const talleres = ws.createSpreadsheet('Programación Talleres Masivos');
  installProduct(ws, atenciones);
  installProduct(ws, talleres);
  setUpPair(ws, atenciones, talleres);
  addTeamMember(ws, atenciones, USER, 'Ana Quispe', ['coordinador', 'consultor']);
  addTeamMember(ws, talleres, COLLEAGUE, 'Luis Huamán', ['consultor']);
  const saved = ws.callFromSidebar(talleres, 'saveModule', [
    {
      requestId: 'crash-b05-0001',
      name: 'Aprende a Emprender – IV 2026',
      year: 2026,
      quarter: 'IV',
      audience: 'Personas con una idea de negocio',
      capacity: 60,
      minSessions: 1,
      objective: 'Que cada participante arme su plan de negocio',
      sessions: [{ topic: 'Costos y precios', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' }],
    },
  ], USER);
  if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error('saveModule failed');
  return { talleres, moduleId: (saved.value as { module: { id: string } }).module.id };
}

/** The folders and the one live file of `prefix` the row must link; violations as sentences. */
function checkDrive(ws: Workspace, ctx: Ctx, prefix: string, column: string): string[] {
  const v: string[] = [];
  const items = [...driveStore(ws.state).items.values()].filter((i) => !i.trashed);
  const service = items.filter((i) => i.kind === 'folder' && i.name === SERVICE_FOLDER_NAME);
  if (service.length !== 1) v.push(`${service.length} service folders, expected 1`);
  const mine = items.filter((i) => i.kind === 'folder' && i.name.endsWith(`[${ctx.moduleId}]`));
  if (mine.length !== 1) v.push(`${mine.length} folders for the module, expected 1`);
  const row = ws.readTab(ctx.talleres, 'Módulos').find((m) => m['ID de módulo'] === ctx.moduleId)!;
  if (mine[0] && row['Carpeta del módulo'] !== `https://drive.google.com/drive/folders/${mine[0].id}`) v.push(`'Carpeta del módulo' is "${String(row['Carpeta del módulo'])}"`);
  for (const f of [...service, ...mine]) {
    if (!f.sharing.restricted) v.push(`folder "${f.name}" was never shared (open to every workspace user in the emulator)`);
    else if (f.sharing.access !== 'PRIVATE') v.push(`folder "${f.name}" is shared as ${f.sharing.access}`);
    if (!f.sharing.editors.includes(COLLEAGUE)) v.push(`folder "${f.name}" is not shared with the team`);
  }
  const files = mine[0] ? items.filter((i) => i.kind === 'file' && i.parents.includes(mine[0].id) && i.name.startsWith(prefix)) : [];
  if (files.length !== 1) v.push(`${files.length} live "${prefix}" files in the module's folder, expected 1`);
  if (files[0] && row[column] !== `https://drive.google.com/file/d/${files[0].id}/view?usp=drivesdk`) v.push(`'${column}' is "${String(row[column])}", not the live file`);
  if (ctx.retry && !ctx.retry.ok) v.push(`the consultant's retry was answered "${ctx.retry.message}"`);
  return v;
}

const firstFicha: CrashOperation<Ctx> = {
  name: 'fact-sheet-first',
  actFunction: 'generateFactSheet',
  workspace: { at: '2026-11-27T09:00', user: USER },
  setup: world,
  act: (ws, ctx) => void press(ws, ctx, 'generateFactSheet', [ctx.moduleId]),
  recover(ws, ctx) {
    ctx.retry = press(ws, ctx, 'generateFactSheet', [ctx.moduleId]);
  },
  check: (ws, ctx) => checkDrive(ws, ctx, 'Ficha técnica', 'Ficha técnica'),
};

const againFicha: CrashOperation<Ctx> = {
  ...firstFicha,
  name: 'fact-sheet-again',
  setup(ws) {
    const ctx = world(ws);
    const first = press(ws, ctx, 'generateFactSheet', [ctx.moduleId]);
    if (!first.ok) throw new Error(first.message);
    return ctx;
  },
};

const banner: CrashOperation<Ctx> = {
  name: 'banner-upload',
  actFunction: 'uploadBanner',
  workspace: { at: '2026-11-27T09:00', user: USER },
  setup(ws) {
    const ctx = world(ws);
    setSetting(ws, ctx.talleres, 'Correo de la Dirección (banners)', 'direccion.banners@trabajo.gob.pe');
    const req = press(ws, ctx, 'requestBanner', [ctx.moduleId]);
    if (!req.ok) throw new Error(req.message);
    return ctx;
  },
  act: (ws, ctx) => void press(ws, ctx, 'uploadBanner', [ctx.moduleId, { name: 'b.png', mimeType: 'image/png', base64: PNG }]),
  recover(ws, ctx) {
    ctx.retry = press(ws, ctx, 'uploadBanner', [ctx.moduleId, { name: 'b.png', mimeType: 'image/png', base64: PNG }]);
  },
  check(ws, ctx) {
    const v = checkDrive(ws, ctx, 'Banner –', 'Enlace del banner');
    const row = ws.readTab(ctx.talleres, 'Módulos').find((m) => m['ID de módulo'] === ctx.moduleId)!;
    if (row['Banner'] !== 'Recibido') v.push(`'Banner' is "${String(row['Banner'])}"`);
    return v;
  },
};

describe('a module\'s files survive a crash at every service call', () => {
  for (const op of [firstFicha, againFicha, banner]) {
    test(`${op.name}: one folder per module (found again, never doubled), one live file, the one the row links`, () => {
      if (!hasEntryPoint(op.actFunction)) return;
      // Sampled for `npm test`: the first calls, every Drive change and the call after it, the last
      // call and a few more. SOE_EXHAUSTIVE=1 sweeps all 3 × K.
      const report = crashAtEveryCall(op, { exhaustiveUpTo: 0, sample: 1, rareMethodCalls: 1, effects: EFFECTS });
      if (report.skipped) return;
      if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
      expect(report.cases).toBeGreaterThan(0);
    });
  }
});
