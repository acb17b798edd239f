/**
 * Apps Script's limits (issue 5, point 3), with the built bundle in the emulator and its latency
 * model (each call advances the virtual clock by what it costs in real Apps Script):
 * - the 6-minute execution limit: a reminder run for 800 appointments cannot fit in one
 *   execution; it finishes across several, each leaving a continuation trigger for the next,
 *   with every appointment reminded exactly once and no trigger left behind;
 * - the daily mail quota: what cannot go today waits (the panel says how many), and goes once
 *   Google renews the quota (24 hours after the window's first send);
 * - reminders take the quota before the day's other mail (the surveys and abandonment emails
 *   the consultant's clicks could not send, which the day closing retries).
 */
import { calendarEventId } from '../../src/domain/ids';
import { citas, createAttentionWorld, importReport, makeReport } from '../support/attention-world';
import { jobsFinished } from '../support/invariants';

const TODAY = '2026-11-27'; // the world starts on Friday 27 November 2026, 09:00 Lima
const DAY = '2026-11-28';

function ok(r: { ok: boolean; value?: unknown; error?: string }, what: string): void {
  const v = r.ok ? (r.value as { ok?: boolean; message?: string } | null) : null;
  if (!r.ok || v?.ok === false) throw new Error(`${what}: ${r.ok ? v?.message : r.error}`);
}

describe('the 6-minute limit: 800 reminders across several executions', () => {
  const { ws, atenciones } = createAttentionWorld({ seed: 8 });
  const report = makeReport(DAY, 800);
  let runs: ReturnType<typeof ws.advanceTo> = [];

  beforeAll(() => {
    const imported = importReport(ws, atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    runs = ws.advanceTo('2026-11-27T18:59').filter((e) => e.functionName === 'runReminders');
  });

  test('it runs as several executions, each within the limit, chained by continuation triggers', () => {
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (const r of runs) {
      expect(r.status).toBe('completed');
      expect(r.modeledMs).toBeLessThan(6 * 60_000);
    }
    expect(runs[0].trigger).toBe('time');
    // Each execution after the first starts after the one before ended (a continuation, not a second daily run).
    for (let i = 1; i < runs.length; i++) expect(runs[i].startedAt).toBeGreaterThanOrEqual(runs[i - 1].endedAt!);
  });

  test('every appointment gets exactly one event and one reminder', () => {
    const events = ws.calendarEvents();
    expect(events).toHaveLength(800);
    expect(new Set(events.map((e) => e.id)).size).toBe(800);
    for (const row of report.rows) expect(events.some((e) => e.id === calendarEventId('cita', row.code))).toBe(true);
    const outbox = ws.outbox();
    expect(outbox).toHaveLength(800);
    const recipients = outbox.map((m) => m.to.join(','));
    expect(new Set(recipients).size).toBe(800);
    expect(new Set(report.rows.map((r) => r.email))).toEqual(new Set(recipients));
    const rows = citas(ws, atenciones);
    expect(rows).toHaveLength(800);
    expect(rows.filter((r) => r['Recordatorio'] === 'enviado')).toHaveLength(800);
  });

  test('no continuation trigger, lease or journal entry is left at the end', () => {
    expect(ws.triggers(atenciones).filter((t) => t.handler === 'runReminders')).toHaveLength(1); // the daily one
    expect(jobsFinished(ws, atenciones, { continuationHandlers: [] })).toEqual([]);
    const props = Object.keys(ws.project(atenciones).documentProperties);
    expect(props.filter((k) => /^SOE_(JOB_|LEASE_|MAIL:|PENDING_)/.test(k))).toEqual([]);
  });

  test('the daily trigger the next evening sends nothing again', () => {
    ws.advanceTo('2026-11-28T18:30');
    expect(ws.outbox()).toHaveLength(800);
    expect(ws.calendarEvents()).toHaveLength(800);
  });
});

describe('the daily mail quota', () => {
  test('what cannot go today waits, the panel says how many, and it goes when the quota renews', () => {
    const { ws, atenciones } = createAttentionWorld({ seed: 9 });
    ws.setQuota('emailRecipients', 20);
    // One attention this morning (booked today: its reminder goes at once, and its survey at the
    // finish): those two emails open today's quota window a little after 09:00.
    const morning = makeReport(TODAY, 1, { startTime: '09:20', consultants: ['Ana Quispe'], codePrefix: 'M' });
    ok(importReport(ws, atenciones, morning.fileName, morning.bytes), 'import of the morning');
    ws.advanceTo(`${TODAY}T09:21`);
    ok(ws.callFromSidebar(atenciones, 'startAttention', [morning.rows[0].code]), 'start');
    ws.advanceTo(`${TODAY}T09:50`);
    ok(ws.callFromSidebar(atenciones, 'finishAttention', [morning.rows[0].code, { observations: 'Se orientó.' }]), 'finish');
    expect(ws.outbox().map((m) => m.subject.split(':')[0]).sort()).toEqual(['Encuesta de Satisfacción – Servicios Virtuales MTPE', 'Recordatorio'].sort());

    // 30 appointments tomorrow from noon: the 18:00 run has 18 emails of quota left.
    const report = makeReport(DAY, 30, { startTime: '12:00', slotMinutes: 20 });
    ok(importReport(ws, atenciones, report.fileName, report.bytes), 'import of tomorrow');
    ws.advanceTo(`${TODAY}T18:30`);
    const reminded = () => ws.outbox().filter((m) => /^Recordatorio/.test(m.subject) && m.subject.includes('sábado 28 de noviembre'));
    expect(reminded()).toHaveLength(18);
    expect(citas(ws, atenciones).filter((r) => r['Recordatorio'] === '' && String(r['ID de cita']).startsWith('261128'))).toHaveLength(12);
    const view = ws.callFromSidebar(atenciones, 'getDayView', [{ scope: 'all' }]);
    expect(view.ok && (view.value as { pendingMail?: { count: number; message: string } }).pendingMail).toMatchObject({
      count: 12,
      message: expect.stringContaining('12 recordatorios esperan cupo de correo'),
    });

    // Overnight the hourly continuation finds no quota and sends nothing; none fails.
    ws.advanceTo(`${DAY}T08:55`);
    expect(reminded()).toHaveLength(18);
    expect(ws.executions({ functionName: 'runReminders' }).every((e) => e.status === 'completed')).toBe(true);

    // Google renews the quota 24 hours after the window's first send (about 09:01): the next hourly look sends the rest, before noon.
    ws.advanceTo(`${DAY}T11:00`);
    expect(reminded()).toHaveLength(30);
    expect(new Set(reminded().map((m) => m.to.join(','))).size).toBe(30);
    expect(citas(ws, atenciones).filter((r) => String(r['ID de cita']).startsWith('261128') && r['Recordatorio'] === 'enviado')).toHaveLength(30);
    const after = ws.callFromSidebar(atenciones, 'getDayView', [{ scope: 'all' }]);
    expect(after.ok && (after.value as { pendingMail?: unknown }).pendingMail).toBeUndefined();
    expect(jobsFinished(ws, atenciones, { continuationHandlers: [] })).toEqual([]);
  });

  test("reminders take the quota before the day's surveys and abandonment emails left waiting", () => {
    const { ws, atenciones } = createAttentionWorld({ seed: 10 });
    // Two attentions today, three appointments tomorrow (one report, two days).
    const report = makeReport(TODAY, 5, {
      startTime: '10:00',
      consultants: ['Ana Quispe'],
      edit: (rows) => rows.map((r, i) => (i >= 2 ? { ...r, date: '28/11/2026' } : r)),
    });
    ok(importReport(ws, atenciones, report.fileName, report.bytes), 'import');
    // No mail quota left today when the consultant finishes: the surveys are left pending.
    ws.setQuota('emailRecipients', 0);
    for (const [i, row] of report.rows.slice(0, 2).entries()) {
      ws.advanceTo(`${TODAY}T1${i}:05`);
      ok(ws.callFromSidebar(atenciones, 'startAttention', [row.code]), 'start');
      ws.advanceTo(`${TODAY}T1${i}:35`);
      const fin = ws.callFromSidebar(atenciones, 'finishAttention', [row.code, { observations: 'Se orientó.' }]);
      expect(fin.ok).toBe(true);
    }
    expect(ws.outbox()).toHaveLength(0);
    const surveyState = () => citas(ws, atenciones).slice(0, 2).map((r) => r['Encuesta']);
    expect(surveyState()).toEqual(['pendiente', 'pendiente']);

    // Three emails of quota by evening: the reminder run (18:00) takes them all; the day closing
    // (20:00), the surveys' second chance, finds none left and leaves them waiting.
    ws.setQuota('emailRecipients', 3);
    ws.advanceTo(`${TODAY}T20:30`);
    expect(ws.outbox().map((m) => m.subject.split(':')[0])).toEqual(['Recordatorio', 'Recordatorio', 'Recordatorio']);
    expect(surveyState()).toEqual(['pendiente', 'pendiente']);

    // Once the quota renews (24 h after the first reminder), the next closing sends the surveys, once each.
    ws.setQuota('emailRecipients', 20);
    ws.advanceTo(`${DAY}T20:30`);
    const surveys = ws.outbox().filter((m) => /Encuesta de Satisfacci/.test(m.subject));
    expect(surveys.map((m) => m.to.join(',')).sort()).toEqual(report.rows.slice(0, 2).map((r) => r.email).sort());
    expect(surveyState()).toEqual(['enviado', 'enviado']);
  });
});
