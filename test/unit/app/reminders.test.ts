import { journalKey } from '../../../src/app/delivery';
import { continuationProperty } from '../../../src/app/jobs';
import { pendingDeliveries, reminderJournalId, reminderJournalKey, requestReminderRun, runReminders } from '../../../src/app/reminders';
import { PENDING_REMINDER_RUN_PROPERTY } from '../../../src/app/appointments/rows';
import { calendarEventId } from '../../../src/domain/ids';
import { at, appointment, jobsWorld, TODAY, TOMORROW, USER } from './attention-jobs-fixtures';

const AFTER = '2026-11-29'; // the day after tomorrow

function tomorrowAndOthers(w: ReturnType<typeof jobsWorld>) {
  // Tomorrow's appointments interleaved with others, so the rows to write are not adjacent.
  w.add(
    appointment('A1', TOMORROW, 9),
    appointment('X1', AFTER, 9),
    appointment('A2', TOMORROW, 10, { consultant: 'Luis Rojas' }),
    appointment('X2', AFTER, 10),
    appointment('A3', TOMORROW, 11),
    appointment('X3', TODAY, 8, { status: 'Atendida' }),
  );
}

describe('the Calendar event holds what the meeting needs, no more', () => {
  test('no DNI and no phone in its description (the citizen is a guest and sees it)', () => {
    const w = jobsWorld();
    w.add(appointment('A9', TOMORROW, 9, { dni: '04567891', documentType: 'DNI', phone: '+51 987654321' }));
    runReminders(w.deps);
    const ev = w.meetings.events.get(calendarEventId('cita', 'A9'))!;
    expect(ev.description).not.toContain('04567891');
    expect(ev.description).not.toContain('987654321');
    expect(ev.description).not.toMatch(/DNI|Celular|Teléfono/i);
  });
});

describe('the daily run at the reminder hour (A02)', () => {
  test("tomorrow's appointments get an event with a Meet link, the citizen as guest, and one reminder each", () => {
    const w = jobsWorld();
    tomorrowAndOthers(w);
    const r = runReminders(w.deps);
    expect(r).toMatchObject({ ran: true, due: 3, sent: 3, failed: 0, ambiguous: 0, eventsCreated: 3, continues: false });

    const ev = w.meetings.events.get(calendarEventId('cita', 'A2'))!;
    expect(ev.guests).toEqual(['a2@example.com']);
    expect(ev.start).toEqual(at(TOMORROW, 10));
    expect(ev.end).toEqual(at(TOMORROW, 10, 35));
    expect(ev.title).toBe('Orientación para el emprendimiento – Usuario A2');
    expect(ev.description).toContain('Código de cita: A2');

    const mail = w.mailer.to('a2@example.com');
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('Recordatorio: su cita de orientación para el emprendimiento – sábado 28 de noviembre, 10:00 a. m.');
    expect(mail[0].text).toContain(ev.meetUrl!);
    expect(mail[0].text).toContain('Le atenderá: Luis Rojas');
    expect(w.mailer.sent.map((m) => m.to).sort()).toEqual(['a1@example.com', 'a2@example.com', 'a3@example.com']);

    const row = w.row('A2');
    expect(row).toMatchObject({ reminderStatus: 'enviado', eventId: ev.id, meetUrl: ev.meetUrl, extranetNotified: '' });
    expect(row.reminderSentAt).toBeInstanceOf(Date);
    expect(w.row('X1')).toMatchObject({ reminderStatus: '', eventId: '' });
  });

  test('the outcomes of scattered rows are written in one span over the system columns', () => {
    const w = jobsWorld();
    tomorrowAndOthers(w);
    const before = w.citasWrites();
    runReminders(w.deps);
    // Reminder state/time/event/Meet link are adjacent system columns; 'Actualizado' is the other span.
    expect(w.citasWrites() - before).toBe(2);
  });

  test('running it again sends and creates nothing new', () => {
    const w = jobsWorld();
    tomorrowAndOthers(w);
    runReminders(w.deps);
    w.next(at(TODAY, 18, 30));
    const again = runReminders(w.deps);
    expect(again).toMatchObject({ due: 0, sent: 0, eventsCreated: 0, eventsMoved: 0 });
    expect(w.mailer.sent).toHaveLength(3);
    expect(w.meetings.inserts).toBe(3);
    expect(w.meetings.patches).toBe(0);
  });

  test('the journal is cleared once the sheet records what was sent, and no trigger is left behind', () => {
    const w = jobsWorld();
    tomorrowAndOthers(w);
    runReminders(w.deps);
    expect(Object.keys(w.properties.values).filter((k) => k.startsWith('SOE_MAIL:'))).toEqual([]);
    expect(w.scheduler.list().map((t) => t.handler).sort()).toEqual(['runDayClosing', 'runReminders']);
  });

  test('before the reminder hour nothing is due for tomorrow', () => {
    const w = jobsWorld({ now: at(TODAY, 9) });
    tomorrowAndOthers(w);
    expect(runReminders(w.deps)).toMatchObject({ due: 0, sent: 0 });
    expect(w.meetings.inserts).toBe(0);
  });
});

describe('bookings after the daily run and moved appointments', () => {
  test('a booking for tomorrow made after the run asks for a run, which sends its reminder and cleans up', () => {
    const w = jobsWorld();
    w.add(appointment('A1', TOMORROW, 9));
    runReminders(w.deps);
    w.next(at(TODAY, 19));
    w.add(appointment('LATE', TOMORROW, 8, { origin: 'Sidebar' }));
    expect(requestReminderRun(w.deps)).toBe(true);
    expect(requestReminderRun(w.deps)).toBe(false); // a second booking: the same run will see it
    const requested = w.properties.get(PENDING_REMINDER_RUN_PROPERTY)!;
    expect(w.scheduler.list().some((t) => t.id === requested)).toBe(true);

    w.next(at(TODAY, 19, 1)); // the requested trigger fires
    const r = runReminders(w.deps);
    expect(r).toMatchObject({ sent: 1 });
    expect(w.mailer.to('late@example.com')).toHaveLength(1);
    expect(w.scheduler.list().some((t) => t.id === requested)).toBe(false);
    expect(w.properties.get(PENDING_REMINDER_RUN_PROPERTY)).toBeNull();
  });

  test('a moved appointment gets its event patched to the new time and exactly one new reminder', () => {
    const w = jobsWorld();
    w.add(appointment('A1', TOMORROW, 9));
    runReminders(w.deps);
    // The import moves it to 11:30 and resets the reminder (the event ID stays).
    w.next(at(TODAY, 20));
    w.edit('A1', { start: at(TOMORROW, 11, 30), time: '11:30', reminderStatus: '' });
    const r = runReminders(w.deps);
    expect(r).toMatchObject({ sent: 1, eventsMoved: 1, eventsCreated: 0 });
    const ev = w.meetings.events.get(calendarEventId('cita', 'A1'))!;
    expect(ev.start).toEqual(at(TOMORROW, 11, 30));
    expect(w.meetings.events.size).toBe(1);
    const mails = w.mailer.to('a1@example.com');
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toContain('11:30 a. m.');
    expect(mails[1].text).toContain(ev.meetUrl!);
    w.next(at(TODAY, 20, 30));
    expect(runReminders(w.deps).sent).toBe(0);
    expect(w.mailer.to('a1@example.com')).toHaveLength(2);
  });

  test('an appointment moved while the run works keeps its new, empty reminder state (the next run reminds it)', () => {
    const w = jobsWorld();
    w.add(appointment('A1', TOMORROW, 9), appointment('A2', TOMORROW, 10));
    w.mailer.afterSend = (m) => {
      if (m.to === 'a1@example.com') w.edit('A1', { start: at(TOMORROW, 12), time: '12:00', reminderStatus: '' });
    };
    runReminders(w.deps);
    w.mailer.afterSend = undefined;
    expect(w.row('A1')).toMatchObject({ reminderStatus: '', eventId: calendarEventId('cita', 'A1') });
    expect(w.row('A2').reminderStatus).toBe('enviado');
    w.next(at(TODAY, 18, 10));
    expect(runReminders(w.deps)).toMatchObject({ sent: 1, eventsMoved: 1 });
    expect(w.meetings.events.get(calendarEventId('cita', 'A1'))!.start).toEqual(at(TOMORROW, 12));
  });
});

describe('what a person must settle, and what a person wrote', () => {
  test('an email MailApp may or may not have sent is marked "enviando", listed in Revisión and never resent', () => {
    const w = jobsWorld();
    w.add(appointment('A1', TOMORROW, 9), appointment('A2', TOMORROW, 10));
    w.mailer.failures.push(new Error('Se perdió la conexión con el servidor de correo'));
    const r = runReminders(w.deps);
    expect(r).toMatchObject({ sent: 1, ambiguous: 1 });
    expect(w.row('A1').reminderStatus).toBe('enviando');
    const review = w.reviewRows();
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({ Tipo: 'Recordatorio: envío interrumpido', Referencia: reminderJournalId('A1', at(TOMORROW, 9)), Estado: 'Pendiente' });
    expect(String(review[0]['Detalle'])).toMatch(/no se sabe si llegó/);
    w.next(at(TODAY, 19));
    runReminders(w.deps);
    expect(w.mailer.to('a1@example.com')).toHaveLength(0);
    expect(w.reviewRows()).toHaveLength(1);
  });

  test('after a run died between sending and recording: the sent one is recorded, the interrupted one goes to Revisión', () => {
    const w = jobsWorld();
    w.add(appointment('A1', TOMORROW, 9), appointment('A2', TOMORROW, 10), appointment('A3', TOMORROW, 11));
    // What the dead run left: A1 sent (and its event made), A2 mid-send; nothing in the sheet.
    runReminders({ ...w.deps, mailer: { ...w.mailer, send: () => undefined, remainingDailyQuota: () => 0 } }); // no-op: quota 0
    w.meetings.ensureMeeting({ eventId: calendarEventId('cita', 'A1'), requestId: 'r', title: 't', description: 'd', start: at(TOMORROW, 9), end: at(TOMORROW, 9, 35), guests: [], notifyGuests: false });
    w.properties.setAll({
      [reminderJournalKey('A1', at(TOMORROW, 9))]: 'enviado|2026-11-27T23:00:01.000Z',
      [reminderJournalKey('A2', at(TOMORROW, 10))]: 'enviando|2026-11-27T23:00:02.000Z',
    });
    w.next(at(TODAY, 19));
    const r = runReminders(w.deps);
    expect(r).toMatchObject({ sent: 1, ambiguous: 1 });
    expect(w.mailer.sent.map((m) => m.to)).toEqual(['a3@example.com']);
    expect(w.row('A1')).toMatchObject({ reminderStatus: 'enviado', reminderSentAt: new Date('2026-11-27T23:00:01.000Z'), eventId: calendarEventId('cita', 'A1') });
    expect(String(w.row('A1').meetUrl)).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(w.row('A2').reminderStatus).toBe('enviando');
    expect(w.reviewRows().map((x) => x['Referencia'])).toEqual([reminderJournalId('A2', at(TOMORROW, 10))]);
    expect(Object.keys(w.properties.values).filter((k) => k.startsWith('SOE_MAIL:'))).toEqual([]);
  });

  test('an appointment without a usable email still gets its event (for the extranet notice) and is listed for review', () => {
    const w = jobsWorld();
    w.add(appointment('A1', TOMORROW, 9, { email: 'rosa@@gmail' }));
    const r = runReminders(w.deps);
    expect(r).toMatchObject({ sent: 0, failed: 1, eventsCreated: 1 });
    expect(w.row('A1')).toMatchObject({ reminderStatus: 'error', eventId: calendarEventId('cita', 'A1') });
    expect(w.reviewRows()[0]).toMatchObject({ Tipo: 'Recordatorio: correo rechazado' });
    expect(String(w.reviewRows()[0]['Detalle'])).toContain('«rosa@@gmail» no es válido');
    // Corrected by the consultant: the next run sends it, without touching the event again.
    w.next(at(TODAY, 19));
    w.edit('A1', { email: 'rosa@gmail.com' });
    expect(runReminders(w.deps)).toMatchObject({ sent: 1, eventsCreated: 0, eventsMoved: 0 });
  });

  test("a person's columns and another execution's system cells written meanwhile are kept", () => {
    const w = jobsWorld();
    w.add(appointment('A1', TOMORROW, 9), appointment('B', AFTER, 9), appointment('A2', TOMORROW, 10));
    w.mailer.afterSend = (m) => {
      if (m.to === 'a1@example.com') {
        // While the run works: a consultant writes a note on B and the panel records a start time on it.
        w.edit('B', { notes: 'Llamar antes', observations: 'Prefiere WhatsApp', startedAt: at(AFTER, 9, 2), status: 'En atención' });
      }
    };
    runReminders(w.deps);
    expect(w.row('B')).toMatchObject({ notes: 'Llamar antes', observations: 'Prefiere WhatsApp', startedAt: at(AFTER, 9, 2), status: 'En atención', reminderStatus: '' });
    expect(w.row('A2').reminderStatus).toBe('enviado');
  });

  test('while Meet has no link yet nothing is sent; a run ten minutes later sends it with the link', () => {
    const w = jobsWorld();
    w.add(appointment('A1', TOMORROW, 9));
    w.meetings.withoutMeet = true;
    const first = runReminders(w.deps);
    expect(first).toMatchObject({ sent: 0, retryLater: 1, continues: true });
    expect(w.row('A1')).toMatchObject({ reminderStatus: '', eventId: calendarEventId('cita', 'A1'), meetUrl: '' });
    const due = JSON.parse(w.properties.get(continuationProperty('runReminders'))!).dueAt;
    expect(due).toBe(w.clock.now().getTime() + 10 * 60_000);
    w.meetings.withoutMeet = false;
    w.next(new Date(due));
    expect(runReminders(w.deps)).toMatchObject({ sent: 1, retryLater: 0, continues: false });
    expect(w.mailer.sent[0].text).toContain(String(w.row('A1').meetUrl));
    expect(w.meetings.events.size).toBe(1);
  });

  test('another run already working: this one does nothing and leaves a continuation', () => {
    const w = jobsWorld();
    w.add(appointment('A1', TOMORROW, 9));
    w.properties.setAll({ SOE_LEASE_runReminders: JSON.stringify({ until: at(TODAY, 18, 5).getTime() }) });
    const r = runReminders(w.deps);
    expect(r).toMatchObject({ ran: false, continues: true, sent: 0 });
    expect(w.properties.get(continuationProperty('runReminders'))).not.toBeNull();
  });
});

describe('quota and time: what cannot go now waits', () => {
  test('with mail quota for 2 of 5, 2 go; the panel says 3 wait; a later run sends them', () => {
    const w = jobsWorld();
    for (let i = 1; i <= 5; i++) w.add(appointment(`A${i}`, TOMORROW, 8 + i));
    w.mailer.quota = 2;
    const r = runReminders(w.deps);
    expect(r).toMatchObject({ sent: 2, waitingForQuota: 3, continues: true });
    expect(w.meetings.inserts).toBe(2); // the waiting ones are left whole for later
    expect(pendingDeliveries(w.deps)).toEqual({
      count: 3,
      message:
        '3 recordatorios esperan cupo de correo: se enviarán cuando Google renueve el cupo diario. Mientras tanto, avise a los usuarios por la extranet.',
    });
    expect(w.row('A3').reminderStatus).toBe('');

    w.mailer.quota = 100; // Google renewed it
    w.next(at(TODAY, 19, 0));
    expect(runReminders(w.deps)).toMatchObject({ sent: 3, waitingForQuota: 0, continues: false });
    expect(pendingDeliveries(w.deps)).toEqual({ count: 0, message: '' });
    expect(w.scheduler.list().map((t) => t.handler).sort()).toEqual(['runDayClosing', 'runReminders']);
  });

  test('a run stops itself before the time limit, writes what it did and a continuation finishes the rest', () => {
    const w = jobsWorld({ budgetMs: 40_000 }); // ~1.3 s per appointment: about 8 fit before the 30 s reserve
    for (let i = 0; i < 20; i++) w.add(appointment(`A${String(i).padStart(2, '0')}`, TOMORROW, 8, i * 2));
    const first = runReminders(w.deps);
    expect(first.sent).toBeGreaterThan(0);
    expect(first.sent).toBeLessThan(20);
    expect(first).toMatchObject({ remaining: 20 - first.sent, continues: true });
    expect(w.properties.get(continuationProperty('runReminders'))).not.toBeNull();
    // What it sent is already in the sheet.
    expect(w.row('A00').reminderStatus).toBe('enviado');

    let runs = 1;
    while (w.properties.get(continuationProperty('runReminders')) && runs < 10) {
      w.next(new Date(w.clock.now().getTime() + 60_000));
      runReminders(w.deps);
      runs++;
    }
    expect(w.mailer.sent).toHaveLength(20);
    expect(new Set(w.mailer.sent.map((m) => m.to)).size).toBe(20);
    expect(w.meetings.inserts).toBe(20);
    expect(w.scheduler.list().map((t) => t.handler).sort()).toEqual(['runDayClosing', 'runReminders']);
  });
});

test('the audit log has one line per appointment (its event and its reminder) and one for the run', () => {
  const w = jobsWorld();
  w.add(appointment('A1', TOMORROW, 9), appointment('A2', TOMORROW, 10));
  runReminders(w.deps);
  const lines = w.audit.entries().map((e) => `${e.action}|${e.target ?? ''}|${e.result}|${e.detail}`);
  expect(lines).toEqual([
    'Recordatorio enviado|A1|Correcto|Recordatorio de la cita del sábado 28 de noviembre de 2026, 9:00 a. m. Se creó su evento de Calendar con enlace de Google Meet.',
    'Recordatorio enviado|A2|Correcto|Recordatorio de la cita del sábado 28 de noviembre de 2026, 10:00 a. m. Se creó su evento de Calendar con enlace de Google Meet.',
    'Envío de recordatorios||Correcto|2 recordatorios enviados.',
  ]);
  expect(journalKey('recordatorio', 'x')).toBe('SOE_MAIL:recordatorio:x');
  expect(USER).toContain('@');
});
