/**
 * The invitation job (B05, runInvitations) crashed at every service call of its execution (before
 * its effect, after it, killed). Recovery is what production does: the job's own continuation
 * triggers fire (the safety continuation a run leaves first is there even when it dies).
 *
 * After recovery: every queued address got its invitation at most once, and exactly once unless
 * the send was left ambiguous — then its row says 'enviando', it is listed once in 'Revisión' and
 * no later run sent it again; an unsubscribed address got nothing; no trigger of the job is left.
 */
import type { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import { INVITATION_AUDIT, INVITATION_NOTES } from '../../src/domain/messages/workshops-invitations';
import { addTeamMember, setUpPair } from '../support/attention-world';
import { crashAtEveryCall, formatFailures, installProduct, runPendingTriggers, type CrashOperation } from '../support/crash-harness';
import { emailsOnce, jobsFinished, type MailKey, type MailKind } from '../support/invariants';

const USER = 'ana.quispe@trabajo.gob.pe';
const INVITATION: MailKind = { kind: 'invitacion-modulo', subjectPrefix: 'Invitación: «' };
const ADDRESSES = ['ana@correo.pe', 'beto@correo.pe', 'carla@correo.pe', 'dario@correo.pe', 'elena@correo.pe', 'fabio@correo.pe'];
const UNSUBSCRIBED = 'dario@correo.pe';

interface Ctx {
  talleres: string;
  moduleId: string;
}

function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const operation: CrashOperation<Ctx> = {
  name: 'invitations',
  actFunction: 'runInvitations',
  workspace: { at: '2026-11-27T09:00', user: USER },
  setup(ws: Workspace) {
    const atenciones = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
    const talleres = ws.createSpreadsheet('Programación Talleres Masivos');
    installProduct(ws, atenciones);
    installProduct(ws, talleres);
    setUpPair(ws, atenciones, talleres);
    addTeamMember(ws, atenciones, USER, 'Ana Quispe', ['coordinador', 'consultor']);
    const saved = ws.callFromSidebar(talleres, 'saveModule', [
      {
        requestId: 'crash-b05-0001',
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
    const [headers, ...rows] = ws.values(talleres, 'Módulos');
    const h = headers.map(String);
    const row = rows.findIndex((r) => r[h.indexOf('ID de módulo')] === moduleId) + 2;
    const cells: Record<string, string> = {
      Banner: 'Validado',
      'Enlace del banner': 'https://drive.google.com/file/d/1Banner/view',
      Estado: 'Inscripción abierta',
      'Enlace de inscripción': 'https://forms.gle/InscripcionIV2026',
    };
    for (const [header, value] of Object.entries(cells)) ws.typeInto(talleres, 'Módulos', `${letters(h.indexOf(header))}${row}`, value, { confirmWarning: true });
    const text = ['Correo,Nombre', ...ADDRESSES.map((a, i) => `${a},Persona ${i + 1}`)].join('\n');
    const imported = ws.callFromSidebar(talleres, 'importInvitationList', [moduleId, { name: 'lista.csv', text }, 'Consentimiento recogido en la feria del 10/11/2026'], USER);
    if (!imported.ok || !(imported.value as { ok: boolean }).ok) throw new Error(`import failed: ${JSON.stringify(imported)}`);
    const sent = ws.callFromSidebar(talleres, 'sendInvitations', [moduleId], USER);
    if (!sent.ok || !(sent.value as { ok: boolean }).ok) throw new Error(`sendInvitations failed: ${JSON.stringify(sent)}`);
    // Unsubscribed after being queued (the web app writes 'Bajas de difusión').
    const bajas = ws.values(talleres, 'Bajas de difusión');
    sheetsStore(ws.state).enterValues(talleres, 'Bajas de difusión', bajas.length + 1, 1, [[UNSUBSCRIBED, '', 'Aplicación web']] as never);
    return { talleres, moduleId };
  },
  // The requested run fires a minute after «Enviar invitaciones» (relative: setup's own modeled
  // time grows as setup makes more forms).
  act: (ws) => void ws.advanceBy(2 * 60_000),
  recover(ws, ctx) {
    runPendingTriggers(ws, ctx.talleres, ['runInvitations'], { until: '2026-11-27T12:00' });
  },
  check(ws, ctx, info) {
    const v: string[] = [];
    const rows = ws.readTab(ctx.talleres, 'Invitaciones');
    if (rows.length !== ADDRESSES.length) v.push(`'Invitaciones' has ${rows.length} rows, expected ${ADDRESSES.length}`);
    const review = ws.readTab(ctx.talleres, 'Revisión').filter((r) => r.Tipo === INVITATION_AUDIT.reviewKind);
    const expected: MailKey[] = [];
    const ambiguous: MailKey[] = [];
    for (const row of rows) {
      const email = String(row.Correo);
      const id = String(row['ID de invitación']);
      const state = String(row['Envío'] ?? '');
      const key: MailKey = { kind: INVITATION.kind, to: email };
      if (email === UNSUBSCRIBED) {
        if (state === 'enviando') ambiguous.push(key);
        else if (state !== 'error' || row.Detalle !== INVITATION_NOTES.unsubscribed) v.push(`${email}: unsubscribed but left "${state}" / "${String(row.Detalle)}"`);
        continue;
      }
      expected.push(key);
      if (state === 'enviando') {
        ambiguous.push(key);
        const items = review.filter((r) => r.Referencia === id);
        if (items.length !== 1) v.push(`${email}: ambiguous invitation listed ${items.length} times in 'Revisión'`);
      } else if (state !== 'enviado') v.push(`${email}: 'Envío' left "${state}"`);
    }
    const unsubscribedMails = ws.outbox().filter((m) => m.to.includes(UNSUBSCRIBED) && !ambiguous.some((a) => a.to === UNSUBSCRIBED));
    if (unsubscribedMails.length) v.push(`${UNSUBSCRIBED} unsubscribed and was sent ${unsubscribedMails.length} invitation(s)`);
    v.push(...emailsOnce(ws, { kinds: [INVITATION], expected: expected.filter((k) => k.to !== UNSUBSCRIBED), ambiguous, recoveryExecutionIds: info.recovery.map((e) => e.id), strict: false }));
    v.push(...jobsFinished(ws, ctx.talleres, { continuationHandlers: ['runInvitations'] }));
    if (info.kind === 'none' && ambiguous.length > 0) v.push('a clean run left an invitation ambiguous');
    return v;
  },
};

describe('the invitation job survives a crash at every service call', () => {
  test('each invitation at most once, never resent blindly, unsubscribed skipped, no trigger left', () => {
    // Sampled for `npm test`: the first calls, every rare method (the sends, the journal, the
    // write), the last call and a few more. SOE_EXHAUSTIVE=1 sweeps all 3 × K.
    const report = crashAtEveryCall(operation, { exhaustiveUpTo: 0, sample: 2, rareMethodCalls: 2 });
    if (report.skipped) return;
    if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
    expect(report.cases).toBeGreaterThan(0);
  });
});
