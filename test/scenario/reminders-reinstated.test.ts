/**
 * An appointment the platform cancels and lists again, twice, at the same time (the built bundle
 * in the emulator). Calendar never accepts the ID of a deleted event again — events/insert answers
 * 409 "The requested identifier already exists" (developers.google.com/calendar/api/v3/reference/events/insert,
 * …/guides/errors#409_conflict) — while "on the organizer's calendar, cancelled events continue to
 * expose event details … so that they can be restored (undeleted)" (…/v3/reference/events,
 * "status"). Whatever the number of cycles, the citizen ends with exactly one live event, with
 * the appointment's deterministic ID and the link their last reminder gave.
 */
import { calendarEventId } from '../../src/domain/ids';
import { jobsFinished } from '../support/invariants';
import { citas, createAttentionWorld, importReport, makeReport } from '../support/attention-world';

const DAY = '2026-11-28'; // the world starts on Friday 27 November 2026, 09:00 Lima

test('cancelled, reinstated, cancelled, reinstated at the same start: one live event, restored each time, and the reminders that go with it', () => {
  const { ws, atenciones } = createAttentionWorld();
  const report = makeReport(DAY, 6);
  const imported = importReport(ws, atenciones, report.fileName, report.bytes);
  if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
  ws.advanceTo('2026-11-27T18:10'); // the daily run: events and reminders
  const target = report.rows[2];
  const eventId = calendarEventId('cita', target.code);
  const mine = (opts: { includeCancelled?: boolean } = {}) =>
    ws.calendarEvents(opts).filter((e) => (e.attendees ?? []).some((a) => a.email === target.email));
  const link = String(mine()[0].hangoutLink);
  expect(mine().map((e) => e.id)).toEqual([eventId]);

  const listAs = (status: string, at: string) => {
    ws.advanceTo(at);
    const r = makeReport(DAY, 6, { edit: (rows) => rows.map((row) => (row.code === target.code ? { ...row, status } : row)) });
    const done = importReport(ws, atenciones, r.fileName, r.bytes);
    if (!done.ok || !done.value.ok) throw new Error(`the import of "${status}" failed`);
  };

  for (const [cycle, hour] of [
    [1, 20],
    [2, 21],
  ] as const) {
    listAs('Anulada', `2026-11-27T${hour}:00`);
    ws.advanceTo(`2026-11-27T${hour}:10`); // the run the import asked for cancels the event
    expect(mine()).toEqual([]);
    expect(mine({ includeCancelled: true }).map((e) => [e.id, e.status])).toEqual([[eventId, 'cancelled']]);

    listAs('Reservada', `2026-11-27T${hour}:30`);
    ws.advanceTo(`2026-11-27T${hour}:40`);
    // Exactly one live event — the same one, restored — and no second one made under another ID.
    expect(mine().map((e) => [e.id, e.status, String(e.hangoutLink)])).toEqual([[eventId, 'confirmed', link]]);
    expect(mine({ includeCancelled: true })).toHaveLength(1);
    const mails = ws.outbox().filter((m) => m.to.includes(target.email));
    expect(mails).toHaveLength(1 + cycle);
    expect(mails[cycle].body).toContain(link);
    expect(citas(ws, atenciones).find((r) => r['ID de cita'] === target.code)).toMatchObject({
      Estado: 'Programada',
      Recordatorio: 'enviado',
      'Enlace Meet': link,
    });
  }
  // Nobody else's event was touched, and no run was left failing or waiting.
  expect(ws.calendarEvents()).toHaveLength(6);
  expect(ws.executions({ functionName: 'runReminders' }).filter((e) => e.status !== 'completed')).toEqual([]);
  expect(jobsFinished(ws, atenciones, { continuationHandlers: [] })).toEqual([]);
});
