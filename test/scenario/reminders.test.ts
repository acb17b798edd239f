/**
 * Reminders (A02) with the built bundle in the emulator: the platform's report of 30 next-day
 * appointments is imported through the panel in the morning; at the reminder hour (18:00 Lima)
 * the daily trigger makes one Calendar event with a Meet link and sends one reminder per
 * appointment. Then what happens afterwards: the trigger running again, a walk-in booked for
 * tomorrow after the run, an appointment the platform moved, and a day when the mail quota runs
 * short.
 */
import type { ExecutionRecord } from '../../emulator';
import { calendarStore } from '../../emulator/services/calendar/store';
import { calendarEventId } from '../../src/domain/ids';
import { limaDate } from '../../src/domain/lima-time';
import { jobsFinished } from '../support/invariants';
import { bookWalkIn, citas, createAttentionWorld, importReport, makeReport } from '../support/attention-world';

const DAY = '2026-11-28'; // the world starts on Friday 27 November 2026, 09:00 Lima

function lima(hhmm: string, day = DAY): Date {
  const [h, m] = hhmm.split(':').map(Number);
  const [y, mo, d] = day.split('-').map(Number);
  return limaDate(y, mo, d, h, m);
}

describe('the day before: 30 appointments get their event and their reminder at 18:00', () => {
  const w = createAttentionWorld();
  const { ws, atenciones } = w;
  const report = makeReport(DAY, 30);
  let fired: ExecutionRecord[] = [];

  beforeAll(() => {
    const imported = importReport(ws, atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    ws.advanceTo('2026-11-27T17:59');
    expect(ws.outbox()).toHaveLength(0);
    fired = ws.advanceTo('2026-11-27T18:10');
  });

  test('the daily trigger ran once, within the time limit', () => {
    const runs = fired.filter((e) => e.functionName === 'runReminders');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', trigger: 'time' });
    expect(runs[0].logs.join('\n')).toContain('30 recordatorios enviados.');
  });

  test('one event per appointment, at its Lima time, with a Meet link and the citizen as guest', () => {
    const events = ws.calendarEvents();
    expect(events).toHaveLength(30);
    for (const row of report.rows) {
      const ev = events.find((e) => e.id === calendarEventId('cita', row.code));
      expect(ev).toBeDefined();
      expect(new Date(String(ev!.start.dateTime)).getTime()).toBe(lima(row.time).getTime());
      expect(ev!.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
      expect((ev!.attendees ?? []).map((a) => a.email)).toEqual([row.email]);
      expect(ev!.calendarId).toBe(w.user);
    }
  });

  test('one reminder email per citizen, with their Meet link, the Lima date and time and how to rebook', () => {
    const outbox = ws.outbox();
    expect(outbox).toHaveLength(30);
    const events = ws.calendarEvents();
    for (const row of report.rows) {
      const mails = outbox.filter((m) => m.to.includes(row.email));
      expect(mails).toHaveLength(1);
      const ev = events.find((e) => e.id === calendarEventId('cita', row.code))!;
      expect(mails[0].body).toContain(String(ev.hangoutLink));
      expect(mails[0].htmlBody).toContain(String(ev.hangoutLink));
      expect(mails[0].body).toContain('sábado 28 de noviembre de 2026');
      expect(mails[0].body).toContain('(hora de Lima)');
      expect(mails[0].body).toContain('serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas');
    }
    const first = outbox.find((m) => m.to.includes(report.rows[0].email))!;
    expect(first.subject).toBe('Recordatorio: su cita de orientación para el emprendimiento – sábado 28 de noviembre, 8:00 a. m.');
    expect(first.name).toBe('Servicio de Orientación para el Emprendimiento – MTPE');
  });

  test("every row records its reminder, event and Meet link; the extranet notice stays a checklist item", () => {
    const rows = citas(ws, atenciones);
    const events = ws.calendarEvents();
    for (const r of rows) {
      const ev = events.find((e) => e.id === r['ID evento'])!;
      expect(r).toMatchObject({ Recordatorio: 'enviado', 'Enlace Meet': ev.hangoutLink, 'Aviso extranet': '' });
      expect(r['Recordatorio enviado']).toBeInstanceOf(Date);
    }
    const audit = ws.readTab(atenciones, 'Registro de auditoría');
    expect(audit.filter((a) => a['Acción'] === 'Recordatorio enviado')).toHaveLength(30);
  });

  test('running the trigger again sends and creates nothing new', () => {
    const again = ws.runTrigger(atenciones, 'runReminders');
    expect(again.record.status).toBe('completed');
    expect(ws.outbox()).toHaveLength(30);
    expect(ws.calendarEvents()).toHaveLength(30);
    expect(again.record.calls.Mail ?? 0).toBe(0);
    expect(again.record.calls.Calendar ?? 0).toBe(0);
  });

  test('no one-off trigger is left behind, and no mail journal entry', () => {
    expect(jobsFinished(ws, atenciones, { continuationHandlers: [] })).toEqual([]);
    expect(ws.triggers(atenciones).filter((t) => t.handler === 'runReminders')).toHaveLength(1);
    const props = ws.project(atenciones).documentProperties;
    expect(Object.keys(props).filter((k) => k.startsWith('SOE_MAIL:') || k.startsWith('SOE_LEASE_'))).toEqual([]);
  });

  test('a walk-in booked for tomorrow after the run gets its event and reminder within minutes', () => {
    ws.advanceTo('2026-11-27T19:00');
    const booked = bookWalkIn(ws, atenciones, {
      dni: '04567891',
      fullName: 'Rosa Ñahui Peña',
      email: 'rosa.nahui@gmail.com',
      phone: '987 654 321',
      date: DAY,
      time: '17:30',
    });
    expect(booked.ok && booked.value.ok).toBe(true);
    const id = booked.ok && booked.value.ok ? booked.value.id : '';
    const fired = ws.advanceTo('2026-11-27T19:05');
    expect(fired.filter((e) => e.functionName === 'runReminders' && e.status === 'completed')).toHaveLength(1);
    const mails = ws.outbox().filter((m) => m.to.includes('rosa.nahui@gmail.com'));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('5:30 p. m.');
    const ev = ws.calendarEvents().find((e) => e.id === calendarEventId('cita', id))!;
    expect(new Date(String(ev.start.dateTime)).getTime()).toBe(lima('17:30').getTime());
    expect(mails[0].body).toContain(String(ev.hangoutLink));
    expect(jobsFinished(ws, atenciones, { continuationHandlers: [] })).toEqual([]);
  });

  test('an appointment the platform moved gets its event patched and one new reminder at the new time', () => {
    const moved = report.rows[4]; // 10:40 → 16:10
    const newer = makeReport(DAY, 30, { edit: (rows) => rows.map((r) => (r.code === moved.code ? { ...r, time: '16:10' } : r)) });
    ws.advanceTo('2026-11-27T19:30');
    const imported = importReport(ws, atenciones, newer.fileName, newer.bytes);
    expect(imported.ok && imported.value.ok && imported.value.counts.moved).toBe(1);
    ws.advanceTo('2026-11-27T19:40');
    const events = ws.calendarEvents().filter((e) => e.id === calendarEventId('cita', moved.code));
    expect(events).toHaveLength(1);
    expect(new Date(String(events[0].start.dateTime)).getTime()).toBe(lima('16:10').getTime());
    const mails = ws.outbox().filter((m) => m.to.includes(moved.email));
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toContain('4:10 p. m.');
    expect(mails[1].body).toContain(String(events[0].hangoutLink));
    expect(ws.calendarEvents()).toHaveLength(31);
    expect(ws.outbox()).toHaveLength(32);
    expect(citas(ws, atenciones).find((r) => r['ID de cita'] === moved.code)).toMatchObject({ Recordatorio: 'enviado', Hora: '16:10' });
    expect(jobsFinished(ws, atenciones, { continuationHandlers: [] })).toEqual([]);
  });

  test('an appointment cancelled on the platform loses its event within minutes; listed again, it gets its event back and a new reminder', () => {
    const gone = report.rows[7];
    const withStatus = (status: string) =>
      makeReport(DAY, 30, { edit: (rows) => rows.map((r) => (r.code === report.rows[4].code ? { ...r, time: '16:10' } : r.code === gone.code ? { ...r, status } : r)) });
    const firstLink = String(ws.calendarEvents().find((e) => e.id === calendarEventId('cita', gone.code))!.hangoutLink);

    ws.advanceTo('2026-11-27T20:00');
    const cancelled = withStatus('Anulada');
    const imported = importReport(ws, atenciones, cancelled.fileName, cancelled.bytes);
    expect(imported.ok && imported.value.ok && imported.value.counts.cancelled).toBe(1);
    expect(imported.ok && imported.value.ok && imported.value.summary).toContain('Los eventos de Calendar de las citas canceladas se quitarán en unos minutos.');
    const fired = ws.advanceTo('2026-11-27T20:05');
    expect(fired.filter((e) => e.functionName === 'runReminders' && e.status === 'completed').length).toBeGreaterThan(0);
    // Gone from the calendars (Calendar keeps it as 'cancelled'), and Google sent the guest no
    // cancellation notice: the platform tells the citizen.
    expect(ws.calendarEvents().some((e) => e.id === calendarEventId('cita', gone.code))).toBe(false);
    expect(calendarStore(ws.state).notificationsTo(gone.email).filter((n) => n.kind === 'cancellation')).toEqual([]);
    expect(ws.outbox().filter((m) => m.to.includes(gone.email))).toHaveLength(1);
    const row = citas(ws, atenciones).find((r) => r['ID de cita'] === gone.code)!;
    expect(row).toMatchObject({ Estado: 'Cancelada', 'Enlace Meet': '', Recordatorio: '' });
    const audit = ws.readTab(atenciones, 'Registro de auditoría').filter((a) => a['Acción'] === 'Evento de Calendar cancelado');
    expect(audit.map((a) => [a['Para'], a['Resultado']])).toEqual([[gone.code, 'Correcto']]);
    // Another run changes nothing: the cleared link records that the event was cancelled.
    const again = ws.runTrigger(atenciones, 'runReminders');
    expect(again.record.calls.Calendar ?? 0).toBe(0);

    ws.advanceTo('2026-11-27T20:30');
    const back = withStatus('Reservada');
    const reimported = importReport(ws, atenciones, back.fileName, back.bytes);
    expect(reimported.ok && reimported.value.ok && reimported.value.counts.reinstated).toBe(1);
    ws.advanceTo('2026-11-27T20:40');
    const mails = ws.outbox().filter((m) => m.to.includes(gone.email));
    expect(mails).toHaveLength(2);
    const live = ws.calendarEvents().filter((e) => e.status !== 'cancelled' && (e.attendees ?? []).some((a) => a.email === gone.email));
    expect(live).toHaveLength(1);
    // The cancelled event is restored (its ID can never be inserted again): same event, same Meet link.
    expect([live[0].id, String(live[0].hangoutLink)]).toEqual([calendarEventId('cita', gone.code), firstLink]);
    expect(mails[1].body).toContain(String(live[0].hangoutLink));
    expect(citas(ws, atenciones).find((r) => r['ID de cita'] === gone.code)).toMatchObject({ Estado: 'Programada', Recordatorio: 'enviado', 'Enlace Meet': live[0].hangoutLink });
    expect(jobsFinished(ws, atenciones, { continuationHandlers: [] })).toEqual([]);
  });
});

describe('a day with little mail quota left', () => {
  test('what cannot go waits (the panel says so) and goes once the quota is renewed', () => {
    const w = createAttentionWorld({ seed: 5 });
    const { ws, atenciones } = w;
    const report = makeReport(DAY, 6);
    importReport(ws, atenciones, report.fileName, report.bytes);
    ws.setQuota('emailRecipients', 4);
    ws.advanceTo('2026-11-27T18:05');
    expect(ws.outbox()).toHaveLength(4);
    const waiting = citas(ws, atenciones).filter((r) => r['Recordatorio'] === '');
    expect(waiting).toHaveLength(2);
    const view = ws.callFromSidebar(atenciones, 'getDayView', [{ scope: 'all' }]);
    expect(view.ok && (view.value as { pendingMail?: { count: number; message: string } }).pendingMail).toMatchObject({
      count: 2,
      message: expect.stringContaining('2 recordatorios esperan cupo de correo'),
    });
    // One continuation looks again every hour; Google renews the quota 24 h after the first send.
    expect(ws.triggers(atenciones).filter((t) => t.handler === 'runReminders')).toHaveLength(2);
    ws.setQuota('emailRecipients', 100);
    ws.advanceTo('2026-11-27T19:10');
    expect(ws.outbox()).toHaveLength(6);
    expect(new Set(ws.outbox().map((m) => m.to.join(','))).size).toBe(6);
    expect(jobsFinished(ws, atenciones, { continuationHandlers: [] })).toEqual([]);
  });
});
