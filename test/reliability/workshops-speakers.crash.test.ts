/**
 * «Invitar a los ponentes» (B02) crashed at every service call of its execution (before its
 * effect, after it, killed). Recovery is what production does: the consultant sees the error and
 * presses the button again.
 *
 * After recovery: each session has exactly one live event with Meet, under its deterministic ID,
 * recorded on its row; each speaker got the invitation at most once, and exactly once unless the
 * send was left ambiguous — the row says 'enviando', it is listed once in 'Revisión', and the
 * retry did not send it again.
 */
import type { Workspace } from '../../emulator';
import { SPEAKER_REVIEW_KINDS } from '../../src/domain/messages/workshops';
import { sessionEventId } from '../../src/domain/workshops/events';
import { addTeamMember, setUpPair } from '../support/attention-world';
import { crashAtEveryCall, formatFailures, installProduct, type CrashOperation } from '../support/crash-harness';
import { emailsOnce, type MailKey, type MailKind } from '../support/invariants';

const USER = 'ana.quispe@trabajo.gob.pe';
const INVITATION: MailKind = { kind: 'invitacion-ponente', subjectPrefix: 'Invitación como ponente:' };
const SPEAKERS = ['carmen.vilchez@gmail.com', 'jose.nahui@gmail.com', 'maria.obrien@gmail.com', 'luis.huaman@gmail.com'];

interface Ctx {
  talleres: string;
  moduleId: string;
  retry?: { ok: boolean; message: string };
}

function press(ws: Workspace, ss: string, moduleId: string): { ok: boolean; message: string } {
  const r = ws.callFromSidebar(ss, 'inviteSpeakers', [moduleId], USER);
  if (!r.ok) return { ok: false, message: r.error };
  const v = r.value as { ok: boolean; message: string };
  return { ok: v.ok, message: v.message };
}

const operation: CrashOperation<Ctx> = {
  name: 'invite-speakers',
  actFunction: 'inviteSpeakers',
  workspace: { at: '2026-11-27T09:00', user: USER },
  setup(ws) {
    const atenciones = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
    const talleres = ws.createSpreadsheet('Programación Talleres Masivos');
    installProduct(ws, atenciones);
    installProduct(ws, talleres);
    setUpPair(ws, atenciones, talleres);
    addTeamMember(ws, atenciones, USER, 'Ana Quispe', ['coordinador', 'consultor']);
    const topics = ['Validar mi idea', 'Costos y precios', 'Marketing digital', 'Formalización'];
    const saved = ws.callFromSidebar(talleres, 'saveModule', [
      {
        requestId: 'crash-b02-0001',
        name: 'Aprende a Emprender – IV 2026',
        year: 2026,
        quarter: 'IV',
        audience: 'Personas con una idea de negocio',
        capacity: 60,
        minSessions: 3,
        sessions: SPEAKERS.map((email, i) => ({
          topic: topics[i],
          date: `2026-12-0${i + 1}`,
          startTime: '18:00',
          endTime: '20:00',
          speaker: `Ponente ${'ABCD'[i]}`,
          speakerEmail: email,
        })),
      },
    ], USER);
    if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error('saveModule failed');
    return { talleres, moduleId: (saved.value as { module: { id: string } }).module.id };
  },
  act: (ws, ctx) => void press(ws, ctx.talleres, ctx.moduleId),
  recover(ws, ctx) {
    ctx.retry = press(ws, ctx.talleres, ctx.moduleId);
  },
  check(ws, ctx, info) {
    const v: string[] = [];
    const rows = ws.readTab(ctx.talleres, 'Sesiones');
    if (rows.length !== 4) v.push(`'Sesiones' has ${rows.length} rows, expected 4`);
    const live = ws.calendarEvents();
    if (live.length !== 4) v.push(`${live.length} live events, expected 4`);
    const review = ws.readTab(ctx.talleres, 'Revisión').filter((r) => r.Tipo === SPEAKER_REVIEW_KINDS.mailAmbiguous);
    const ambiguous: MailKey[] = [];
    const expected: MailKey[] = [];
    for (const row of rows) {
      const sid = String(row['ID de sesión']);
      const id = sessionEventId(sid);
      const events = live.filter((e) => e.id === id);
      if (events.length !== 1) v.push(`${sid} has ${events.length} events`);
      if (row['ID evento'] !== id) v.push(`${sid}: 'ID evento' is "${String(row['ID evento'])}"`);
      if (!/^https:\/\/meet\.google\.com\//.test(String(row['Enlace Meet']))) v.push(`${sid}: no Meet link recorded`);
      if (events[0] && events[0].hangoutLink !== row['Enlace Meet']) v.push(`${sid}: the recorded Meet link is not the event's`);
      const key: MailKey = { kind: INVITATION.kind, to: String(row['Correo del ponente']) };
      expected.push(key);
      const state = String(row['Invitación al ponente'] ?? '');
      if (state === 'enviando') {
        ambiguous.push(key);
        const items = review.filter((r) => String(r.Referencia).includes(sid));
        if (items.length !== 1) v.push(`${sid}: ambiguous invitation listed ${items.length} times in 'Revisión'`);
      } else if (state !== 'enviado') v.push(`${sid}: 'Invitación al ponente' left "${state}"`);
    }
    v.push(...emailsOnce(ws, { kinds: [INVITATION], expected, ambiguous, recoveryExecutionIds: info.recovery.map((e) => e.id) }));
    if (ctx.retry && !ctx.retry.ok) v.push(`the consultant's retry was answered "${ctx.retry.message}"`);
    if (info.kind === 'none' && ambiguous.length > 0) v.push('a clean run left an invitation ambiguous');
    return v;
  },
};

describe('«Invitar a los ponentes» survives a crash at every service call', () => {
  test('one event per session, each invitation at most once and never resent blindly', () => {
    // Sampled for `npm test`: the first calls, every rare method (the sends, the events, the
    // journal, the write), the last call and a few more. SOE_EXHAUSTIVE=1 sweeps all 3 × K.
    const report = crashAtEveryCall(operation, { exhaustiveUpTo: 0, sample: 4, rareMethodCalls: 4 });
    if (report.skipped) return;
    if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
    expect(report.cases).toBeGreaterThan(0);
  });
});

/**
 * An edit that moves session 3 and removes session 4 of an invited module, crashed at every
 * call; recovery: the consultant saves the same again. After it: session 3's event is at its new
 * time (same ID, same Meet link) and its speaker was told at most once (exactly once unless
 * ambiguous, then listed in 'Revisión'); session 4's event is cancelled and its speaker told
 * likewise; nobody else got a second email.
 */
const CHANGE: MailKind = { kind: 'cambio-ponente', subjectPrefix: 'Cambio de fecha u hora de su sesión:' };
const CANCELLATION: MailKind = { kind: 'cancelacion-ponente', subjectPrefix: 'Sesión cancelada:' };

interface EditCtx extends Ctx {
  edit: Record<string, unknown>;
}

const editOperation: CrashOperation<EditCtx> = {
  name: 'edit-invited-module',
  actFunction: 'saveModule',
  workspace: { at: '2026-11-27T09:00', user: USER },
  setup(ws) {
    const base = operation.setup(ws);
    const invited = press(ws, base.talleres, base.moduleId);
    if (!invited.ok) throw new Error(`invite failed: ${invited.message}`);
    const view = ws.callFromSidebar(base.talleres, 'getModules', [], USER);
    if (!view.ok) throw new Error(view.error);
    const mod = (view.value as { modules: { id: string; sessions: Record<string, unknown>[] }[] }).modules[0];
    const keep = ['topic', 'date', 'startTime', 'endTime', 'speaker', 'speakerEmail'];
    const sessions = mod.sessions.slice(0, 3).map((s) => Object.fromEntries(keep.map((k) => [k, s[k]])));
    sessions[2] = { ...sessions[2], date: '2026-12-10', startTime: '17:00', endTime: '19:00' };
    const edit = { id: base.moduleId, name: 'Aprende a Emprender – IV 2026', year: 2026, quarter: 'IV', audience: 'Personas con una idea de negocio', capacity: 60, minSessions: 3, sessions };
    return { ...base, edit };
  },
  act: (ws, ctx) => void ws.callFromSidebar(ctx.talleres, 'saveModule', [ctx.edit], USER),
  recover(ws, ctx) {
    const r = ws.callFromSidebar(ctx.talleres, 'saveModule', [ctx.edit], USER);
    ctx.retry = r.ok ? { ok: (r.value as { ok: boolean }).ok, message: (r.value as { message: string }).message } : { ok: false, message: r.error };
  },
  check(ws, ctx, info) {
    const v: string[] = [];
    const rows = ws.readTab(ctx.talleres, 'Sesiones');
    const s3 = rows[2];
    const s4 = rows[3];
    const all = ws.calendarEvents({ includeCancelled: true });
    const ev3 = all.filter((e) => e.id === s3['ID evento']);
    const ev4 = all.filter((e) => e.id === s4['ID evento']);
    if (ev3.length !== 1 || ev3[0].status === 'cancelled') v.push('session 3 lost its event');
    else {
      const start = ev3[0].start?.dateTime ? new Date(ev3[0].start.dateTime).toISOString() : '';
      if (start !== '2026-12-10T22:00:00.000Z') v.push(`session 3's event starts at ${start}`);
      if (ev3[0].hangoutLink !== s3['Enlace Meet']) v.push("session 3's Meet link changed");
    }
    if (ev4.length !== 1 || ev4[0].status !== 'cancelled') v.push("session 4's event is not cancelled");
    if (s4['Estado'] !== 'Cancelada') v.push(`session 4 is "${String(s4['Estado'])}"`);
    if (ws.calendarEvents().length !== 3) v.push(`${ws.calendarEvents().length} live events, expected 3`);
    const review = ws.readTab(ctx.talleres, 'Revisión').filter((r) => r.Tipo === SPEAKER_REVIEW_KINDS.mailAmbiguous);
    const ambiguousOf = (sid: string, prefix: string): boolean => review.some((r) => String(r.Referencia).startsWith(`${prefix}|${sid}|`));
    const change: MailKey = { kind: CHANGE.kind, to: String(s3['Correo del ponente']) };
    const cancel: MailKey = { kind: CANCELLATION.kind, to: String(s4['Correo del ponente']) };
    const ambiguous = [
      ...(ambiguousOf(String(s3['ID de sesión']), 'cambio') ? [change] : []),
      ...(ambiguousOf(String(s4['ID de sesión']), 'cancelacion') ? [cancel] : []),
    ];
    v.push(...emailsOnce(ws, { kinds: [CHANGE, CANCELLATION], expected: [change, cancel], ambiguous, recoveryExecutionIds: info.recovery.map((e) => e.id) }));
    const invitations = ws.outbox().filter((m) => m.subject.startsWith(INVITATION.subjectPrefix));
    if (invitations.length !== 4) v.push(`${invitations.length} invitations, expected 4`);
    if (ctx.retry && !ctx.retry.ok) v.push(`the consultant's retry was answered "${ctx.retry.message}"`);
    if (info.kind === 'none' && ambiguous.length > 0) v.push('a clean edit left an email ambiguous');
    return v;
  },
};

describe('an edit of an invited module survives a crash at every service call', () => {
  test('the moved event patched and the removed one cancelled, each speaker told at most once and never blindly again', () => {
    const report = crashAtEveryCall(editOperation, { exhaustiveUpTo: 0, sample: 4, rareMethodCalls: 4 });
    if (report.skipped) return;
    if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
    expect(report.cases).toBeGreaterThan(0);
  });
});
