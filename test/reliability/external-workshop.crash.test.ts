/**
 * The external workshop's creation (C02, `runExternalRequests`) crashed at every service call of
 * its execution (before its effect, after it, killed). Recovery is what production does: the
 * job's own triggers fire — the safety continuation a run leaves first (there even when it dies),
 * a retry after an error, and the next day's safety-net run.
 *
 * After recovery: exactly one module kind 'Externo' for the request, with one live session and one
 * 'Programación anual' line; exactly one live event with Meet for the session, recorded on its row;
 * registration open with the module's link; the request 'Programada' pointing at the module; the
 * speaker's invitation and the institution's approval email each at most once, and exactly once
 * unless the send was left ambiguous — then the row says 'enviando', it is listed in 'Revisión'
 * and no later run sent it again; no one-off trigger of the job left behind.
 *
 * Sampled by default (every side effect — the event, the emails, the form's choices, each sheet
 * write — and the call right after it, a seeded dozen more); SOE_EXHAUSTIVE=1 sweeps every call
 * × 3 kinds.
 */
import type { WorkspaceSnapshot } from '../../emulator';
import { Workspace as WS } from '../../emulator';
import { sessionEventId } from '../../src/domain/workshops/events';
import { addTeamMember, setUpPair } from '../support/attention-world';
import { crashAtEveryCall, EXTERNAL_EFFECTS, formatFailures, installProduct, runPendingTriggers, type CrashOperation } from '../support/crash-harness';
import { seedApprovedRequests } from '../support/external-approved';
import { emailsOnce, type MailKey, type MailKind } from '../support/invariants';

const USER = 'ana.quispe@trabajo.gob.pe';
const CONTACT = 'direccion@cetpro-smp.edu.pe';
const SPEAKER = 'carmen.vilchez@gmail.com';
const REQUEST = 'SOL-2026-0001';
const APPROVAL: MailKind = { kind: 'aprobacion-institucion', subjectPrefix: 'Taller aprobado:' };
const INVITATION: MailKind = { kind: 'invitacion-ponente', subjectPrefix: 'Invitación como ponente:' };

interface Ctx {
  talleres: string;
}

const bases = new Map<number, { snapshot: WorkspaceSnapshot; talleres: string }>();
let current: Ctx | null = null;

function build(seed: number): { snapshot: WorkspaceSnapshot; talleres: string } {
  const ws = WS.create({ at: '2026-11-27T09:00', user: USER, seed });
  const atenciones = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
  const talleres = ws.createSpreadsheet('Programación Talleres Masivos');
  installProduct(ws, atenciones);
  installProduct(ws, talleres);
  setUpPair(ws, atenciones, talleres);
  addTeamMember(ws, atenciones, USER, 'Ana Quispe', ['coordinador', 'consultor']);
  seedApprovedRequests(ws, talleres, [{ id: REQUEST, expected: 40, certificates: false, contactEmail: CONTACT, speakerEmail: SPEAKER }]);
  return { snapshot: ws.snapshot(), talleres };
}

const operation: CrashOperation<Ctx> = {
  name: 'external-workshop',
  actFunction: 'runExternalRequests',
  base: (seed) => {
    if (!bases.has(seed)) bases.set(seed, build(seed));
    const b = bases.get(seed)!;
    current = { talleres: b.talleres };
    return b.snapshot;
  },
  setup: () => current!,
  act: (ws, ctx) => void ws.runTrigger(ctx.talleres, 'runExternalRequests'),
  recover(ws, ctx) {
    // The safety continuation (7 min) and the retries after an error (15 min, a few times)…
    runPendingTriggers(ws, ctx.talleres, ['runExternalRequests'], { until: '2026-11-27T11:00' });
    // …and setup's daily safety-net run (next morning; run here without waiting the day out): it
    // covers a run that died before it could leave its safety continuation.
    ws.runTrigger(ctx.talleres, 'runExternalRequests');
    runPendingTriggers(ws, ctx.talleres, ['runExternalRequests'], { until: '2026-11-27T12:00' });
  },
  check(ws, ctx, info) {
    const v: string[] = [];
    const req = ws.readTab(ctx.talleres, 'Solicitudes externas').find((r) => r['ID de solicitud'] === REQUEST);
    if (!req) return ['the request row is gone'];
    const modules = ws.readTab(ctx.talleres, 'Módulos').filter((m) => m['ID de solicitud externa'] === REQUEST);
    if (modules.length !== 1) return [...v, `${modules.length} modules for the request, expected 1`];
    const m = modules[0]!;
    const moduleId = String(m['ID de módulo']);
    if (m['Tipo'] !== 'Externo') v.push(`module kind "${String(m['Tipo'])}"`);
    if (m['Estado'] !== 'Inscripción abierta' || !/^https:\/\//.test(String(m['Enlace de inscripción']))) v.push(`registration not open: "${String(m['Estado'])}" "${String(m['Enlace de inscripción'])}"`);
    const plan = ws.readTab(ctx.talleres, 'Programación anual').filter((p) => p['ID de módulo'] === moduleId);
    if (plan.length !== 1) v.push(`${plan.length} 'Programación anual' lines for the module`);
    const sessions = ws.readTab(ctx.talleres, 'Sesiones').filter((s) => s['ID de módulo'] === moduleId && s['Estado'] !== 'Cancelada');
    if (sessions.length !== 1) return [...v, `${sessions.length} live sessions, expected 1`];
    const s = sessions[0]!;
    const sid = String(s['ID de sesión']);
    const events = ws.calendarEvents().filter((e) => e.id === sessionEventId(sid));
    if (events.length !== 1) v.push(`${events.length} live events for ${sid}`);
    if (s['ID evento'] !== sessionEventId(sid)) v.push(`'ID evento' is "${String(s['ID evento'])}"`);
    if (!events[0] || events[0].hangoutLink !== s['Enlace Meet']) v.push('the recorded Meet link is not the event’s');
    if (req['Estado'] !== 'Programada') v.push(`request left "${String(req['Estado'])}" (${String(req['Detalle'] ?? '')})`);
    if (req['ID de módulo'] !== moduleId) v.push(`request's 'ID de módulo' is "${String(req['ID de módulo'])}"`);
    if (!(req['Programada'] instanceof Date)) v.push('no scheduledAt');

    const review = ws.readTab(ctx.talleres, 'Revisión');
    const ambiguous: MailKey[] = [];
    const approvalKey: MailKey = { kind: APPROVAL.kind, to: CONTACT };
    const told = String(req['Respuesta a la institución'] ?? '');
    if (told === 'enviando') {
      ambiguous.push(approvalKey);
      if (!review.some((r) => String(r['Referencia']).includes(REQUEST))) v.push('ambiguous approval email not in Revisión');
    } else if (told !== 'enviado') v.push(`'Respuesta a la institución' left "${told}"`);
    const invitationKey: MailKey = { kind: INVITATION.kind, to: SPEAKER };
    const invited = String(s['Invitación al ponente'] ?? '');
    if (invited === 'enviando') {
      ambiguous.push(invitationKey);
      if (!review.some((r) => String(r['Referencia']).includes(sid))) v.push('ambiguous speaker invitation not in Revisión');
    } else if (invited !== 'enviado') v.push(`'Invitación al ponente' left "${invited}"`);
    v.push(...emailsOnce(ws, { kinds: [APPROVAL, INVITATION], expected: [approvalKey, invitationKey], ambiguous, recoveryExecutionIds: info.recovery.map((e) => e.id) }));
    for (const t of ws.triggers(ctx.talleres)) {
      if (t.handler === 'runExternalRequests' && t.at !== undefined) v.push(`one-off trigger of runExternalRequests left (${t.nextRun === undefined ? 'fired' : 'pending'})`);
    }
    if (info.kind === 'none' && ambiguous.length > 0) v.push('a clean run left an email ambiguous');
    return v;
  },
};

describe('the external workshop’s creation survives a crash at every service call', () => {
  test('one module, one session, one event with Meet, registration open, the request Programada, each email at most once', () => {
    // Sampled for `npm test` (under a minute): every side effect (the event, the emails, the form's
    // choices) and the call right after it, and the last call.
    const report = crashAtEveryCall(operation, { exhaustiveUpTo: 0, sample: 0, everyMethod: false, effects: [...EXTERNAL_EFFECTS, /^Form\./, /^Range\.setValues$/] });
    if (report.skipped) return;
    if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
    expect(report.cases).toBeGreaterThan(0);
  }, 600_000);
});
