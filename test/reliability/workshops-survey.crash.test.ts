/**
 * The workshop survey run (B08, runWorkshopSurveys) crashed at every service call of its
 * execution (before its effect, after it, killed). Recovery is what production does: the run's
 * own continuation triggers fire (the safety continuation a run leaves first is there even when
 * it dies), then the session clock's next run (here its stand-in trigger, fired once more).
 *
 * After recovery: each person marked present got the survey at most once, and exactly once
 * unless the send was left ambiguous — then its row says 'enviando', it is listed once in
 * 'Revisión' and no later run sent it again; the absent person got nothing; the session's
 * 'Participantes' is 3; no continuation trigger of the run is left.
 */
import { Workspace, type WorkspaceSnapshot } from '../../emulator';
import { WORKSHOP_SURVEY_REVIEW } from '../../src/domain/messages/workshop-survey';
import { addTeamMember, setUpPair } from '../support/attention-world';
import { crashAtEveryCall, formatFailures, installProduct, runPendingTriggers, type CrashOperation } from '../support/crash-harness';
import { emailsOnce, type MailKey, type MailKind } from '../support/invariants';
import { putRows } from '../support/workshop-rows';

const USER = 'ana.quispe@trabajo.gob.pe';
const SURVEY: MailKind = { kind: 'encuesta-taller', subjectPrefix: 'Encuesta de Satisfacción – Servicios Virtuales MTPE: sesión' };
const PEOPLE = [
  { id: 'R-C1', email: 'ana@correo.pe', present: true },
  { id: 'R-C2', email: 'beto@correo.pe', present: true },
  { id: 'R-C3', email: 'carla@correo.pe', present: false },
  { id: 'R-C4', email: 'dario@correo.pe', present: true },
];
const ABSENT = 'carla@correo.pe';

interface Ctx {
  talleres: string;
  sessionId: string;
}

/** The session clock's stand-in: a daily trigger of the run that never fires by itself (the test fires it). */
function installStandIn(ws: Workspace, ss: string): void {
  if (ws.project(ss).triggers.some((t) => t.handler === 'runWorkshopSurveys' && t.everyDays === 1)) return;
  ws.project(ss).triggers.push({
    uid: '9700000000001',
    handler: 'runWorkshopSurveys',
    owner: USER,
    source: 'CLOCK',
    eventType: 'CLOCK',
    everyDays: 1,
    atHour: 3,
    createdAt: ws.state.now(),
    nextRun: Date.UTC(2099, 0, 1),
  } as never);
}

/** The world before the run, built once per seed: every case starts from a copy of it. */
const worlds = new Map<number, { snapshot: WorkspaceSnapshot; ctx: Ctx }>();
let current: Ctx | null = null;
function baseOf(seed: number): WorkspaceSnapshot {
  let w = worlds.get(seed);
  if (!w) {
    const ws = Workspace.create({ at: '2026-11-27T09:00', user: USER, seed });
    const ctx = buildWorld(ws);
    w = { snapshot: ws.snapshot(), ctx };
    worlds.set(seed, w);
  }
  current = w.ctx;
  return w.snapshot;
}

function buildWorld(ws: Workspace): Ctx {
  {
    const atenciones = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
    const talleres = ws.createSpreadsheet('Programación Talleres Masivos');
    installProduct(ws, atenciones);
    installProduct(ws, talleres);
    setUpPair(ws, atenciones, talleres);
    addTeamMember(ws, atenciones, USER, 'Ana Quispe', ['coordinador', 'consultor']);
    const saved = ws.callFromSidebar(talleres, 'saveModule', [
      {
        requestId: 'crash-b08-0001',
        name: 'Aprende a Emprender – IV 2026',
        year: 2026,
        quarter: 'IV',
        audience: 'Personas con una idea de negocio',
        capacity: 60,
        minSessions: 1,
        sessions: [{ topic: 'Validar mi idea', date: '2026-12-10', startTime: '18:00', endTime: '20:00', speaker: 'Ponente A', speakerEmail: 'ponente@gmail.com' }],
      },
    ], USER);
    if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error('saveModule failed');
    const moduleId = (saved.value as { module: { id: string } }).module.id;
    const sessionId = String(ws.readTab(talleres, 'Sesiones')[0]['ID de sesión']);
    putRows(ws, talleres, 'Inscripciones', PEOPLE.map((p, i) => ({ 'ID de inscripción': p.id, 'ID de módulo': moduleId, DNI: `4000000${i}`, 'Nombres y apellidos': `Persona ${i + 1}`, Correo: p.email, Estado: 'Inscrito' })));
    // The session clock (installed by setup) looks at the survey's due moment (end + 15 min) and
    // finds nobody marked yet; the marks typed in afterwards are what the swept run sends.
    ws.advanceTo('2026-12-10T20:30');
    putRows(ws, talleres, 'Asistencia', PEOPLE.map((p) => ({ 'ID de asistencia': `${sessionId}/${p.id}`, 'ID de sesión': sessionId, 'ID de módulo': moduleId, 'ID de inscripción': p.id, 'Asistió': p.present, Fuente: 'Manual' })));
    installStandIn(ws, talleres);
    return { talleres, sessionId };
  }
}

const operation: CrashOperation<Ctx> = {
  name: 'workshop-survey',
  actFunction: 'runWorkshopSurveys',
  base: baseOf,
  setup: () => current!,
  act: (ws, ctx) => void ws.runTrigger(ctx.talleres, 'runWorkshopSurveys'),
  recover(ws, ctx) {
    runPendingTriggers(ws, ctx.talleres, ['runWorkshopSurveys'], { until: '2026-12-10T23:00' });
    // The session clock runs the duty again later (its next due moment or its daily safety net).
    ws.advanceTo('2026-12-11T03:00');
    installStandIn(ws, ctx.talleres);
    ws.runTrigger(ctx.talleres, 'runWorkshopSurveys');
    runPendingTriggers(ws, ctx.talleres, ['runWorkshopSurveys'], { until: '2026-12-11T06:00' });
  },
  check(ws, ctx, info) {
    const v: string[] = [];
    const rows = ws.readTab(ctx.talleres, 'Envíos de sesiones').filter((r) => r.Tipo === 'Encuesta');
    const review = ws.readTab(ctx.talleres, 'Revisión').filter((r) => r.Tipo === WORKSHOP_SURVEY_REVIEW.interruptedKind);
    const expected: MailKey[] = [];
    const ambiguous: MailKey[] = [];
    for (const p of PEOPLE.filter((x) => x.present)) {
      const id = `ENC/${ctx.sessionId}/${p.id}`;
      const matching = rows.filter((r) => r['ID de envío'] === id);
      if (matching.length !== 1) {
        v.push(`${p.email}: ${matching.length} survey rows, expected 1`);
        continue;
      }
      const state = String(matching[0]['Envío'] ?? '');
      const key: MailKey = { kind: SURVEY.kind, to: p.email };
      if (state === 'enviando') {
        ambiguous.push(key);
        const items = review.filter((r) => r.Referencia === id);
        if (items.length !== 1) v.push(`${p.email}: ambiguous survey listed ${items.length} times in 'Revisión'`);
      } else if (state === 'enviado') expected.push(key);
      else v.push(`${p.email}: 'Envío' left "${state}"`);
    }
    if (rows.some((r) => r.Correo === ABSENT)) v.push('the absent person has a survey row');
    if (ws.outbox().some((m) => m.to.includes(ABSENT))) v.push('the absent person was sent the survey');
    v.push(...emailsOnce(ws, { kinds: [SURVEY], expected, ambiguous, recoveryExecutionIds: info.recovery.map((e) => e.id), strict: true }));
    const session = ws.readTab(ctx.talleres, 'Sesiones')[0];
    if (session['Participantes'] !== 3) v.push(`'Participantes' is ${String(session['Participantes'])}, expected 3`);
    const leftover = ws.triggers(ctx.talleres).filter((t) => t.handler === 'runWorkshopSurveys' && t.at !== undefined);
    if (leftover.length) v.push(`${leftover.length} continuation trigger(s) of runWorkshopSurveys left over`);
    if (info.kind === 'none' && ambiguous.length > 0) v.push('a clean run left a survey ambiguous');
    return v;
  },
};

describe('the workshop survey run survives a crash at every service call', () => {
  test('each attendee surveyed at most once, never resent blindly, the absent never, no trigger left', () => {
    // Sampled for `npm test`: the first calls, every rare method (the sends, the journal, the
    // writes), the last call and a few more. SOE_EXHAUSTIVE=1 sweeps all 3 × K.
    const report = crashAtEveryCall(operation, { exhaustiveUpTo: 0, sample: 2, rareMethodCalls: 2 });
    if (report.skipped) return;
    if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
    expect(report.cases).toBeGreaterThan(0);
  });
});
