/**
 * «Importar reporte» (B09) crashed at every service call of its execution (before its effect,
 * after it, killed). Recovery is what production does: the consultant sees the error and imports
 * the same report again.
 *
 * After recovery: one 'Asistencia' row per registrant and session (never two), the marks the
 * report gives (reconnections added, the nickname left unmatched), the hand mark untouched, the
 * session's participants count equal to the people present, and the import on the audit log.
 */
import { Workspace, type WorkspaceSnapshot } from '../../emulator';
import { addTeamMember, setUpPair } from '../support/attention-world';
import { appendRows } from '../support/sheet-rows';
import { crashAtEveryCall, formatFailures, hasEntryPoint, installProduct, type CrashOperation } from '../support/crash-harness';

const USER = 'ana.quispe@trabajo.gob.pe';
const t = (hhmm: string) => `2026-12-01T${hhmm}:00-05:00`;

interface Ctx {
  talleres: string;
  sessionId: string;
  url: string;
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
  const saved = ws.callFromSidebar(talleres, 'saveModule', [
    {
      requestId: 'crash-b09-0001',
      name: 'Aprende a Emprender – IV 2026',
      year: 2026,
      quarter: 'IV',
      audience: 'Personas con una idea de negocio',
      capacity: 60,
      minSessions: 1,
      sessions: [{ topic: 'Costos y precios', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' }],
    },
  ], USER);
  if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error('saveModule failed');
  const moduleId = (saved.value as { module: { id: string } }).module.id;
  const invited = ws.callFromSidebar(talleres, 'inviteSpeakers', [moduleId], USER);
  if (!invited.ok) throw new Error(invited.error);
  const s = ws.readTab(talleres, 'Sesiones').find((x) => x['ID de módulo'] === moduleId)!;
  const names = ['María José Quispe Mamani', 'José Pérez Huamán', 'Lucía Ñahui', 'Jesús Vílchez León'];
  appendRows(ws, talleres, 'Inscripciones', names.map((n, i) => ({
    'ID de inscripción': `I-${i + 1}`, 'ID de módulo': moduleId, DNI: `0${4000001 + i}`, 'Nombres y apellidos': n, Correo: `p${i + 1}@gmail.com`, Estado: 'Inscrito',
  })));
  ws.advanceTo('2026-12-01T20:30');
  const ctx: Ctx = { talleres, sessionId: String(s['ID de sesión']), url: '' };
  const hand = press(ws, ctx, 'markSessionAttendance', [ctx.sessionId, 'I-4', false]);
  if (!hand.ok) throw new Error(hand.message);
  ctx.url = ws.meet.writeAttendanceReport(String(s['ID evento']), [
    { firstName: 'María José', lastName: 'Quispe Mamani', email: 'p1@gmail.com', connections: [{ joined: t('18:00'), exited: t('18:30') }, { joined: t('18:40'), exited: t('20:00') }] },
    { firstName: 'perez huaman', lastName: 'JOSE', connections: [{ joined: t('18:05'), exited: t('19:55') }] },
    { firstName: 'Lucía', lastName: 'Ñahui', email: 'p3@gmail.com', connections: [{ joined: t('18:00'), exited: t('18:10') }] },
    { firstName: 'Pepita', connections: [{ joined: t('18:00'), exited: t('20:00') }] },
    { firstName: 'Jesús', lastName: 'Vílchez', email: 'p4@gmail.com', connections: [{ joined: t('18:00'), exited: t('20:00') }] },
  ]).url;
  return ctx;
}

const EXPECTED: Record<string, string> = {
  'I-1': 'true|Reporte de Meet|110',
  'I-2': 'true|Reporte de Meet|110',
  'I-3': 'false|Reporte de Meet|10',
  'I-4': 'false|Manual|120',
};

/** The world is built once per seed and copied for each case. */
let built: { seed: number; snapshot: WorkspaceSnapshot; ctx: Ctx } | null = null;

const importReport: CrashOperation<Ctx> = {
  name: 'meet-report-import',
  actFunction: 'importMeetReport',
  base(seed) {
    if (!built || built.seed !== seed) {
      const ws = Workspace.create({ at: '2026-11-27T09:00', user: USER, seed });
      const ctx = world(ws);
      built = { seed, snapshot: ws.snapshot(), ctx };
    }
    return built.snapshot;
  },
  setup: () => ({ ...built!.ctx, retry: undefined }),
  act: (ws, ctx) => void press(ws, ctx, 'importMeetReport', [ctx.sessionId, ctx.url]),
  recover(ws, ctx) {
    ctx.retry = press(ws, ctx, 'importMeetReport', [ctx.sessionId, ctx.url]);
  },
  check(ws, ctx) {
    const v: string[] = [];
    const rows = ws.readTab(ctx.talleres, 'Asistencia').filter((r) => r['ID de sesión'] === ctx.sessionId);
    const ids = rows.map((r) => String(r['ID de asistencia']));
    if (new Set(ids).size !== ids.length) v.push(`duplicated attendance rows: ${ids.join(', ')}`);
    const got = Object.fromEntries(rows.map((r) => [String(r['ID de inscripción']), `${r['Asistió']}|${r['Fuente']}|${r['Minutos en Meet']}`]));
    for (const [id, want] of Object.entries(EXPECTED)) if (got[id] !== want) v.push(`${id} is "${got[id]}", expected "${want}"`);
    const session = ws.readTab(ctx.talleres, 'Sesiones').find((s) => s['ID de sesión'] === ctx.sessionId)!;
    if (session['Participantes'] !== 2) v.push(`'Participantes' is ${String(session['Participantes'])}, expected 2`);
    if (!(session['Reporte de Meet importado'] instanceof Date)) v.push(`'Reporte de Meet importado' is empty`);
    if (!ws.readTab(ctx.talleres, 'Registro de auditoría').some((a) => a['Acción'] === 'Reporte de Meet importado')) v.push('the import is not on the audit log');
    if (ctx.retry && !ctx.retry.ok) v.push(`the consultant's retry was answered "${ctx.retry.message}"`);
    return v;
  },
};

describe('the Meet report import survives a crash at every service call', () => {
  test('one row per person and session, the report\'s marks, the hand mark kept, the count and the audit line', () => {
    if (!hasEntryPoint(importReport.actFunction)) return;
    // Sampled for `npm test`: the first calls, every external effect and the call after it, the last
    // call and a few more. SOE_EXHAUSTIVE=1 sweeps all 3 × K.
    const report = crashAtEveryCall(importReport, { exhaustiveUpTo: 0, sample: 1, rareMethodCalls: 1 });
    if (report.skipped) return;
    if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
    expect(report.cases).toBeGreaterThan(0);
  });
});
