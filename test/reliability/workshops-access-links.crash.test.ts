/**
 * The access-link run (B06/B07, a duty of runSessionClock) crashed at every service call of its
 * execution (before its effect, after it, killed). Recovery is what production does: the clock's
 * own wake-ups fire (the safety wake-up a run records first is there even when it dies, and the
 * clock looks every hour until the session starts).
 *
 * After recovery: each confirmed registrant got the session's access link at most once, and
 * exactly once unless the send was left ambiguous — then its row says 'enviando', it is listed
 * once in 'Revisión' and no later run sent it again; the speaker's brief likewise; the waiting
 * list got nothing; no fired one-off trigger of the clock is left behind.
 */
import type { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import { ACCESS_AUDIT } from '../../src/domain/messages/workshop-access';
import { addTeamMember, setUpPair } from '../support/attention-world';
import { crashAtEveryCall, formatFailures, installProduct, runPendingTriggers, type CrashOperation } from '../support/crash-harness';
import { emailsOnce, jobsFinished, type MailKey, type MailKind } from '../support/invariants';

const USER = 'ana.quispe@trabajo.gob.pe';
const LINK: MailKind = { kind: 'enlace-acceso', subjectPrefix: 'Enlace de acceso: ' };
const BRIEF: MailKind = { kind: 'resumen-ponente', subjectPrefix: 'Resumen para su sesión' };
const CONFIRMED = ['ana@correo.pe', 'beto@correo.pe', 'carla@correo.pe', 'dario@correo.pe'];
const WAITING = 'elena@correo.pe';
const SPEAKER = 'ponente@gmail.com';

interface Ctx {
  talleres: string;
}

const operation: CrashOperation<Ctx> = {
  name: 'access-links',
  actFunction: 'runSessionClock',
  workspace: { at: '2026-12-01T09:00', user: USER },
  setup(ws: Workspace) {
    const atenciones = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
    const talleres = ws.createSpreadsheet('Programación Talleres Masivos');
    installProduct(ws, atenciones);
    installProduct(ws, talleres);
    setUpPair(ws, atenciones, talleres);
    addTeamMember(ws, atenciones, USER, 'Ana Quispe', ['coordinador', 'consultor']);
    const saved = ws.callFromSidebar(talleres, 'saveModule', [
      {
        requestId: 'crash-b06-0001',
        name: 'Aprende a Emprender – IV 2026',
        year: 2026,
        quarter: 'IV',
        audience: 'Personas con una idea de negocio',
        capacity: 4,
        minSessions: 1,
        sessions: [{ topic: 'Validar mi idea', date: '2026-12-03', startTime: '10:00', endTime: '12:00', speaker: 'Ponente A', speakerEmail: SPEAKER }],
      },
    ], USER);
    if (!saved.ok || !(saved.value as { ok: boolean }).ok) throw new Error('saveModule failed');
    const moduleId = (saved.value as { module: { id: string } }).module.id;
    const invited = ws.callFromSidebar(talleres, 'inviteSpeakers', [moduleId], USER);
    if (!invited.ok) throw new Error('inviteSpeakers failed');
    const values = ws.values(talleres, 'Inscripciones');
    const headers = values[0].map(String);
    const rec = (id: string, email: string, status: string): unknown[] =>
      headers.map((h) => ({ 'ID de inscripción': id, 'ID de módulo': moduleId, Correo: email, 'Nombres y apellidos': `Persona ${id}`, Estado: status, Preguntas: '¿Cómo empiezo?' } as Record<string, string>)[h] ?? '');
    sheetsStore(ws.state).enterValues(talleres, 'Inscripciones', 2, 1, [...CONFIRMED.map((e, i) => rec(`R-${i + 1}`, e, 'Inscrito')), rec('W-1', WAITING, 'En lista de espera')] as never);
    ws.advanceTo('2026-12-02T17:30');
    return { talleres };
  },
  // The clock's daily trigger fires at the access-link hour (18:00), the day before the session.
  act: (ws) => void ws.advanceTo('2026-12-02T18:01'),
  recover(ws, ctx) {
    runPendingTriggers(ws, ctx.talleres, ['runSessionClock'], { until: '2026-12-02T21:00' });
  },
  check(ws, ctx, info) {
    const v: string[] = [];
    const rows = ws.readTab(ctx.talleres, 'Envíos de sesiones');
    const review = ws.readTab(ctx.talleres, 'Revisión').filter((r) => r.Tipo === ACCESS_AUDIT.reviewKind);
    const expected: MailKey[] = [];
    const ambiguous: MailKey[] = [];
    const check = (kind: MailKind, tipo: string, email: string) => {
      const key: MailKey = { kind: kind.kind, to: email };
      expected.push(key);
      const row = rows.filter((r) => r.Tipo === tipo && r.Correo === email);
      if (row.length !== 1) return void v.push(`${email}: ${row.length} '${tipo}' rows`);
      const state = String(row[0]['Envío']);
      if (state === 'enviando') {
        ambiguous.push(key);
        const items = review.filter((r) => r.Referencia === row[0]['ID de envío']);
        if (items.length !== 1) v.push(`${email}: ambiguous '${tipo}' listed ${items.length} times in 'Revisión'`);
      } else if (state !== 'enviado') v.push(`${email}: '${tipo}' left "${state}"`);
    };
    for (const e of CONFIRMED) check(LINK, 'Enlace de acceso', e);
    check(BRIEF, 'Resumen al ponente', SPEAKER);
    if (ws.outbox().some((m) => m.to.includes(WAITING))) v.push('the waiting list was written to');
    v.push(...emailsOnce(ws, { kinds: [LINK, BRIEF], expected, ambiguous, recoveryExecutionIds: info.recovery.map((e) => e.id), strict: false }));
    v.push(...jobsFinished(ws, ctx.talleres, { continuationHandlers: [] }));
    if (info.kind === 'none' && ambiguous.length > 0) v.push('a clean run left a send ambiguous');
    return v;
  },
};

describe('the access-link run survives a crash at every service call', () => {
  test('each access link and brief at most once, never resent blindly, the waiting list untouched, no fired trigger left', () => {
    // Sampled for `npm test`; SOE_EXHAUSTIVE=1 sweeps all 3 × K.
    const report = crashAtEveryCall(operation, { exhaustiveUpTo: 0, sample: 2, rareMethodCalls: 2 });
    if (report.skipped) return;
    if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
    expect(report.cases).toBeGreaterThan(0);
  });
});
