/**
 * The consultant's day (A03–A06) on in-memory ports: what the panel shows and what each button
 * does to the row, the emails and the audit log — including a second click and a crash between
 * an email and the row's write.
 */
import {
  abandonAppointment,
  finishAttention,
  getDayView,
  inviteToWorkshops,
  markExtranetNotified,
  reinstateAppointment,
  saveConsultation,
  startAttention,
  type DayActionResult,
} from '../../../src/app/day';
import { journalKey } from '../../../src/app/delivery';
import { WAITING_PROPERTY } from '../../../src/app/reminders';
import { APPOINTMENT_MESSAGES } from '../../../src/domain/messages/appointments';
import { DAY_AUDIT, DAY_MESSAGES } from '../../../src/domain/messages/day';
import { REBOOK_URL } from '../../../src/domain/messages/email-layout';
import { SURVEY_CODE_QUESTION } from '../../../src/domain/survey-form';
import { APPOINTMENTS_TAB, REVIEW_TAB, SETTINGS_TAB, type TabSpec } from '../../../src/domain/schema';
import { appointment, at, dayWorld, SURVEY_FORM_ID, TALLERES_ID } from './day-fixtures';

function ok(r: DayActionResult) {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r;
}

describe('getDayView: "Citas de hoy" in one call', () => {
  const w = dayWorld();
  w.add(
    appointment('C-1', 10, 0),
    appointment('C-2', 9, 30, { fullName: "María Ñahui O'Brien", phone: '987 654 321' }),
    appointment('C-3', 11, 0, { consultant: 'Luis Rojas', phone: '(01) 456-7890', meetUrl: '' }),
    appointment('C-4', 10, 0, { date: '', start: new Date('2026-11-29T15:00:00Z') }), // tomorrow
    appointment('C-5', 12, 0, { consultant: 'ana.quispe@trabajo.gob.pe', status: 'Atendida' }),
  );

  test('lists only today, the user\'s own by default, earliest first, with Lima times in both styles', () => {
    const v = getDayView(w.deps);
    expect(v.ready).toBe(true);
    expect(v.dateText).toBe('sábado 28 de noviembre de 2026');
    expect(v.appointments.map((a) => [a.id, a.time, a.timeText])).toEqual([
      ['C-2', '09:30', '9:30 a. m.'],
      ['C-1', '10:00', '10:00 a. m.'],
      ['C-5', '12:00', '12:00 p. m.'],
    ]);
    expect(v.mineCount).toBe(3);
    expect(v.allCount).toBe(4);
    expect(v.counts).toEqual({ total: 3, attended: 1, abandoned: 0, open: 2, cancelled: 0 });
    expect(v.user).toEqual({ email: 'ana.quispe@trabajo.gob.pe', name: 'Ana Quispe', isConsultant: true, isCoordinator: true });
  });

  test('"all" shows every consultant\'s appointments of the day', () => {
    const v = getDayView(w.deps, { scope: 'all' });
    expect(v.appointments.map((a) => a.id)).toEqual(['C-2', 'C-1', 'C-3', 'C-5']);
    expect(v.appointments.find((a) => a.id === 'C-3')!.mine).toBe(false);
  });

  test('contact links: mailto, tel: and WhatsApp for a mobile; a landline gets tel: only', () => {
    const v = getDayView(w.deps, { scope: 'all' });
    const maria = v.appointments.find((a) => a.id === 'C-2')!;
    expect(maria.fullName).toBe("María Ñahui O'Brien");
    expect(maria.mailto).toBe('mailto:c-2@example.com');
    expect(maria.telUrl).toBe('tel:+51987654321');
    expect(maria.whatsappUrl).toBe('https://wa.me/51987654321');
    const landline = v.appointments.find((a) => a.id === 'C-3')!;
    expect(landline.telUrl).toBe('tel:014567890');
    expect(landline.whatsappUrl).toBe('');
  });

  test('the extranet message is ready to copy when there is a Meet link, and explained when not', () => {
    const v = getDayView(w.deps, { scope: 'all' });
    const withMeet = v.appointments.find((a) => a.id === 'C-1')!;
    expect(withMeet.extranetMessage).toContain('https://meet.google.com/abc-defg-hij');
    expect(withMeet.extranetMessage).toContain('10:00 a. m.');
    expect(withMeet.extranetNotified).toBe(false);
    const noMeet = v.appointments.find((a) => a.id === 'C-3')!;
    expect(noMeet.extranetMessage).toBe('');
    expect(noMeet.extranetHelp).toBe(DAY_MESSAGES.extranetNoMeet);
  });

  test('the countdown data: start instant and end of the 5-minute tolerance as epoch ms, and the server clock', () => {
    const v = getDayView(w.deps);
    const c1 = v.appointments.find((a) => a.id === 'C-1')!;
    expect(c1.startMs).toBe(at(10, 0).getTime());
    expect(c1.toleranceEndsMs - c1.startMs).toBe(5 * 60_000);
    expect(v.now).toBe(at(9, 0).getTime());
    expect(v.toleranceMinutes).toBe(5);
  });

  test('catalogues and the attention script with the consultant\'s name come along', () => {
    const v = getDayView(w.deps);
    expect(v.catalogues.topics).toContain('Formalización (RUC, licencias)');
    expect(v.catalogues.abandonReasons).toContain('No se conectó a la videollamada');
    const said = v.attentionScript.flatMap((s) => s.lines.map((l) => l.text)).join('\n');
    expect(said).toContain('Mi nombre es Ana Quispe');
    expect(said).toContain('{usuario}');
  });

  test('everything survives google.script.run: no Date, nothing undefined lost', () => {
    const v = getDayView(w.deps, { scope: 'all' });
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
    const hasDate = (x: unknown): boolean =>
      x instanceof Date || (typeof x === 'object' && x !== null && Object.values(x).some(hasDate));
    expect(hasDate(v)).toBe(false);
  });

  test('one read of each tab, however many appointments', () => {
    w.next();
    getDayView(w.deps);
    const reads = (spec: TabSpec) => (w.book.table(spec) as unknown as { reads: number }).reads;
    expect([reads(APPOINTMENTS_TAB), reads(SETTINGS_TAB), reads(REVIEW_TAB)]).toEqual([1, 1, 1]);
  });

  test('reminders waiting for mail quota are announced (from the reminders run), and stop once their appointments have passed', () => {
    w.deps.properties.setAll({ [WAITING_PROPERTY]: JSON.stringify({ count: 3, untilMs: at(18, 0).getTime() }) });
    w.next();
    const v = getDayView(w.deps);
    expect(v.pendingMail?.count).toBe(3);
    expect(v.pendingMail?.message).not.toBe('');
    w.next(at(18, 1));
    expect(getDayView(w.deps).pendingMail).toBeUndefined();
    w.deps.properties.delete(WAITING_PROPERTY);
    w.next(at(9, 0));
  });

  test('a consultant whose name is not in «Configuración» yet sees everyone\'s day and is told where to write it', () => {
    const other = dayWorld({ user: 'nueva@trabajo.gob.pe' });
    other.add(appointment('C-1', 10, 0));
    const v = getDayView(other.deps);
    expect(v.scope).toBe('all');
    expect(v.appointments.map((a) => a.id)).toEqual(['C-1']);
    expect(v.mineCount).toBe(0);
    expect(v.notices.join(' ')).toContain('«Consultor: nueva@trabajo.gob.pe»');
    // Asking for their own day explicitly gives an empty list, not someone else's.
    expect(getDayView(other.deps, { scope: 'mine' }).appointments).toEqual([]);
  });

  test('a known consultant sees their own day unless they ask for all', () => {
    expect(getDayView(w.deps).scope).toBe('mine');
    expect(getDayView(w.deps, { scope: 'all' }).scope).toBe('all');
  });
});

describe('Iniciar, tema y notas, Finalizar', () => {
  test('Iniciar: En atención with the start time, and the script for this user', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0, { fullName: 'Rosa Huamán' }));
    w.next(at(10, 2));
    const r = ok(startAttention(w.deps, 'C-1'));
    expect(r.appointment.status).toBe('En atención');
    expect(r.appointment.startedAtMs).toBe(at(10, 2).getTime());
    expect(r.appointment.allowed).toMatchObject({ start: false, finish: true, abandon: false, invite: true });
    const said = r.script!.flatMap((s) => s.lines.map((l) => l.text)).join('\n');
    expect(said).toContain('Buenos días, Rosa Huamán. Mi nombre es Ana Quispe');
    expect(w.row('C-1').status).toBe('En atención');
    expect(w.row('C-1').startedAt).toEqual(at(10, 2));
    expect(w.deps.audit.entries().map((e) => e.action)).toContain('Atención iniciada');

    w.next();
    const again = startAttention(w.deps, 'C-1');
    expect(again).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.startAlreadyStarted });
    expect((again as { appointment?: { status: string } }).appointment?.status).toBe('En atención');
  });

  test('finishing an appointment never started is refused with the domain\'s Spanish message', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0));
    const r = finishAttention(w.deps, 'C-1', { observations: 'x' });
    expect(r).toMatchObject({ ok: false, message: 'No se puede finalizar una cita que no se ha iniciado.' });
    expect(w.row('C-1').status).toBe('Programada');
    expect(w.mailer.sent).toEqual([]);
  });

  test('Finalizar: Atendida, end, duration, observations, and ONE survey with the code prefilled — a double click sends nothing more', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0, { fullName: 'Rosa Huamán', email: 'rosa@example.com' }));
    w.next(at(10, 1));
    ok(startAttention(w.deps, 'C-1'));
    w.next(at(10, 3));
    ok(saveConsultation(w.deps, 'C-1', { topic: 'Financiamiento', notes: 'Quiere un préstamo' }));
    w.next(at(10, 34));
    const r = ok(finishAttention(w.deps, 'C-1', { observations: 'Se le explicó el programa.' }));
    expect(r.appointment).toMatchObject({ status: 'Atendida', durationMinutes: 33, surveyStatus: 'enviado', topic: 'Financiamiento' });
    expect(r.message).toBe('Atención finalizada (33 min). La encuesta de satisfacción se envió a rosa@example.com.');
    expect(w.mailer.sent).toHaveLength(1);
    const survey = w.mailer.sent[0];
    expect(survey.to).toBe('rosa@example.com');
    expect(survey.text).toContain(`https://docs.google.com/forms/d/e/${SURVEY_FORM_ID}/viewform?${encodeURIComponent(SURVEY_CODE_QUESTION)}=C-1`);
    expect(survey.text).toContain('Ana Quispe');
    const row = w.row('C-1');
    expect(row).toMatchObject({ status: 'Atendida', durationMinutes: 33, observations: 'Se le explicó el programa.', notes: 'Quiere un préstamo', surveyStatus: 'enviado' });
    expect(row.endedAt).toEqual(at(10, 34));
    expect(row.surveySentAt).toEqual(at(10, 34));
    // The sheet records the survey: its journal entry is gone.
    expect(w.deps.properties.get(journalKey('encuesta', 'C-1'))).toBeNull();

    w.next(at(10, 34));
    const second = finishAttention(w.deps, 'C-1', { observations: 'Se le explicó el programa.' });
    expect(second).toMatchObject({ ok: false, message: 'Esta cita ya fue finalizada.' });
    expect(w.mailer.sent).toHaveLength(1);
  });

  test('the row is written in one update, whose setValues blocks do not depend on the rows in the tab', () => {
    const writesFor = (n: number) => {
      const w = dayWorld();
      const rows = Array.from({ length: n }, (_, i) => appointment(`C-${i}`, 8 + Math.floor(i / 6), (i % 6) * 10));
      w.add(...rows);
      w.next(at(8, 0));
      ok(startAttention(w.deps, 'C-0'));
      const table = w.book.table(APPOINTMENTS_TAB) as unknown as { writes: number };
      const afterStart = table.writes;
      w.next(at(8, 30));
      ok(finishAttention(w.deps, 'C-0', {}));
      return [afterStart, (w.book.table(APPOINTMENTS_TAB) as unknown as { writes: number }).writes];
    };
    const small = writesFor(3);
    expect(writesFor(40)).toEqual(small);
    // Blocks are split only where a person's column lies between two written ones ('Tema', 'Notas' …
    // between 'Estado' and 'Hora de inicio'), never per row.
    expect(small[0]).toBeLessThanOrEqual(3);
    expect(small[1]).toBeLessThanOrEqual(small[0] + 3);
  });

  test('no survey form yet: the attention is finished, the survey stays pending and the consultant is told why', () => {
    const w = dayWorld({ surveyForm: false });
    w.add(appointment('C-1', 10, 0));
    w.next(at(10, 0));
    ok(startAttention(w.deps, 'C-1'));
    w.next(at(10, 20));
    const r = ok(finishAttention(w.deps, 'C-1', {}));
    expect(r.appointment.status).toBe('Atendida');
    expect(r.appointment.surveyStatus).toBe('pendiente');
    expect(r.warning).toBe(DAY_MESSAGES.surveyNoForm);
    expect(w.mailer.sent).toEqual([]);
  });

  test('a crash after the survey left (journal "enviado", row not written): the retry finishes without a second email', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0));
    w.next(at(10, 0));
    ok(startAttention(w.deps, 'C-1'));
    w.deps.properties.setAll({ [journalKey('encuesta', 'C-1')]: `enviado|${at(10, 30).toISOString()}` });
    w.next(at(10, 31));
    const r = ok(finishAttention(w.deps, 'C-1', {}));
    expect(r.appointment.surveyStatus).toBe('enviado');
    expect(w.mailer.sent).toEqual([]);
  });

  test('a crash during the survey send (journal "enviando"): never resent, written "enviando" and listed in Revisión', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0, { fullName: 'Rosa Huamán' }));
    w.next(at(10, 0));
    ok(startAttention(w.deps, 'C-1'));
    w.deps.properties.setAll({ [journalKey('encuesta', 'C-1')]: `enviando|${at(10, 30).toISOString()}` });
    w.next(at(10, 31));
    const r = ok(finishAttention(w.deps, 'C-1', {}));
    expect(r.appointment.status).toBe('Atendida');
    expect(r.appointment.surveyStatus).toBe('enviando');
    expect(r.warning).toBe(DAY_MESSAGES.surveyAmbiguous);
    expect(w.mailer.sent).toEqual([]);
    const review = w.sheetRows('Revisión');
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({ Referencia: 'C-1', Estado: 'Pendiente', Tipo: 'Encuesta: envío interrumpido' });
    expect(String(review[0].Detalle)).toContain('Rosa Huamán');
    w.next();
    expect(getDayView(w.deps).reviewCount).toBe(1);
  });

  test('the mail quota is exhausted: finished anyway, survey pending, and the consultant knows why', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0));
    w.next(at(10, 0));
    ok(startAttention(w.deps, 'C-1'));
    w.mailer.quota = 0;
    w.next(at(10, 30));
    const r = ok(finishAttention(w.deps, 'C-1', {}));
    expect(r.appointment.surveyStatus).toBe('pendiente');
    expect(r.warning).toBe(DAY_MESSAGES.surveyFailed(DAY_MESSAGES.quotaExhausted));
  });

  test('a topic outside the catalogue is refused', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0));
    w.next(at(10, 0));
    ok(startAttention(w.deps, 'C-1'));
    expect(saveConsultation(w.deps, 'C-1', { topic: 'Astrología' })).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.invalidTopic });
  });

  test('an unknown ID is answered in Spanish, not with an exception', () => {
    const w = dayWorld();
    expect(startAttention(w.deps, 'NO-EXISTE')).toEqual({ ok: false, message: DAY_MESSAGES.notFound('NO-EXISTE') });
  });
});

describe('Marcar abandonada', () => {
  test('before the 5-minute tolerance is over it is refused, saying from when it can be done', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0));
    w.next(at(10, 3));
    const r = abandonAppointment(w.deps, 'C-1', { reason: 'No se conectó a la videollamada' });
    expect(r).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.abandonTooEarly('10:05 a. m.', 5) });
    expect(w.mailer.sent).toEqual([]);
  });

  test('after it: Abandonada, the reason in "Motivo de abandono" and "Observaciones", one email with the rebooking link', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0, { fullName: 'Pedro Quispe', email: 'pedro@example.com' }));
    w.next(at(10, 6));
    const r = ok(abandonAppointment(w.deps, 'C-1', { reason: 'No contestó el teléfono', detail: 'Llamé dos veces' }));
    expect(r.appointment).toMatchObject({ status: 'Abandonada', abandonmentEmailStatus: 'enviado', abandonReason: 'No contestó el teléfono – Llamé dos veces' });
    const row = w.row('C-1');
    expect(row.observations).toBe('Abandonada: No contestó el teléfono – Llamé dos veces');
    expect(row.abandonmentEmail).toBe('enviado');
    expect(w.mailer.sent).toHaveLength(1);
    const mail = w.mailer.sent[0];
    expect(mail.to).toBe('pedro@example.com');
    expect(mail.text).toContain(REBOOK_URL);
    expect(mail.text).toContain('No contestó el teléfono');
    expect(mail.text).not.toContain('Llamé dos veces'); // the detail is an internal note

    w.next(at(10, 7));
    expect(abandonAppointment(w.deps, 'C-1', { reason: 'No contestó el teléfono' })).toMatchObject({
      ok: false,
      message: APPOINTMENT_MESSAGES.abandonAlreadyAbandoned,
    });
    expect(w.mailer.sent).toHaveLength(1);
  });

  test('a finished appointment cannot be abandoned; one in attention neither', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0, { status: 'Atendida' }), appointment('C-2', 10, 0, { status: 'En atención' }));
    w.next(at(11, 0));
    expect(abandonAppointment(w.deps, 'C-1', { reason: 'Otro', detail: 'x' })).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.abandonAlreadyFinished });
    expect(abandonAppointment(w.deps, 'C-2', { reason: 'Otro', detail: 'x' })).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.abandonInAttention });
    expect(w.mailer.sent).toEqual([]);
  });

  test('"Otro" needs a detail; the rebooking link comes from the settings', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0));
    w.book.table(SETTINGS_TAB).update([{ id: 'Enlace para reservar cita', fields: { value: 'https://citas.trabajo.gob.pe/nueva' } }]);
    w.next(at(10, 10));
    expect(abandonAppointment(w.deps, 'C-1', { reason: 'Otro' })).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.abandonDetailRequired });
    w.next();
    ok(abandonAppointment(w.deps, 'C-1', { reason: 'Otro', detail: 'Pidió otra fecha por correo' }));
    expect(w.mailer.sent[0].text).toContain('https://citas.trabajo.gob.pe/nueva');
    expect(w.mailer.sent[0].text).not.toContain(REBOOK_URL);
    expect(w.mailer.sent[0].text).not.toContain('Motivo registrado'); // 'Otro' tells the citizen nothing; the detail is internal
    expect(w.mailer.sent[0].text).not.toContain('Pidió otra fecha');
  });
});

describe('Reactivar', () => {
  test('an abandoned user who turns up the same day can be attended: back to Programada, told the email already went', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0));
    w.next(at(10, 6));
    ok(abandonAppointment(w.deps, 'C-1', { reason: 'No se conectó a la videollamada' }));
    w.next(at(10, 20));
    const r = ok(reinstateAppointment(w.deps, 'C-1'));
    expect(r.appointment.status).toBe('Programada');
    expect(r.appointment.allowed.start).toBe(true);
    expect(r.warning).toBe(DAY_MESSAGES.reinstatedAfterEmail);
    expect(w.row('C-1').observations).toMatch(/^Abandonada: No se conectó a la videollamada\nReactivada el sábado 28 de noviembre de 2026, 10:20 a\. m\.$/);
    w.next(at(10, 21));
    expect(ok(startAttention(w.deps, 'C-1')).appointment.status).toBe('En atención');
    expect(w.mailer.sent).toHaveLength(1); // the abandonment email, nothing more
  });

  test('abandoned, reactivated, abandoned again: no second email unless the consultant asks, and told which', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0, { email: 'pedro@example.com' }));
    w.next(at(10, 6));
    ok(abandonAppointment(w.deps, 'C-1', { reason: 'No se conectó a la videollamada' }));
    w.next(at(10, 20));
    ok(reinstateAppointment(w.deps, 'C-1'));
    w.next(at(10, 40));
    const again = ok(abandonAppointment(w.deps, 'C-1', { reason: 'No contestó el teléfono' }));
    expect(w.mailer.sent).toHaveLength(1);
    expect(again.message).toBe(`${DAY_MESSAGES.abandoned} ${DAY_MESSAGES.abandonmentNotResent('pedro@example.com')}`);
    expect(again.appointment).toMatchObject({ status: 'Abandonada', abandonmentEmailStatus: 'enviado' });
    expect(w.row('C-1').abandonmentEmail).toBe('enviado');

    // Asked for: sent once more, and said so.
    w.next(at(10, 45));
    ok(reinstateAppointment(w.deps, 'C-1'));
    w.next(at(10, 50));
    const resent = ok(abandonAppointment(w.deps, 'C-1', { reason: 'No contestó el teléfono', resendEmail: true }));
    expect(w.mailer.sent).toHaveLength(2);
    expect(resent.message).toBe(`${DAY_MESSAGES.abandoned} ${DAY_MESSAGES.abandonmentResent('pedro@example.com')}`);
  });

  test('the next day an abandoned appointment can no longer be reactivated', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0, { status: 'Abandonada' }));
    w.next(new Date(at(10, 0).getTime() + 24 * 3600_000));
    expect(reinstateAppointment(w.deps, 'C-1')).toMatchObject({ ok: false, message: APPOINTMENT_MESSAGES.reinstateAbandonedOtherDay('sábado 28 de noviembre de 2026') });
  });
});

describe('Invitar a talleres (A05): the open workshops of the sibling spreadsheet', () => {
  function attending() {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0, { fullName: 'Rosa Huamán', email: 'rosa@example.com' }));
    w.next(at(10, 0));
    ok(startAttention(w.deps, 'C-1'));
    w.next(at(10, 10));
    return w;
  }

  test('with none open it says so and sends nothing', () => {
    const w = attending();
    w.addModule({ id: 'M-1', name: 'Aprende a Emprender – Módulo I', status: 'Borrador', registrationUrl: 'https://forms.gle/abc' });
    const r = inviteToWorkshops(w.deps, 'C-1');
    expect(r).toMatchObject({ ok: false, message: DAY_MESSAGES.inviteNoneOpen });
    expect(w.mailer.sent).toEqual([]);
    // The audit log says nothing was sent (it said «Invitación a talleres enviada» before).
    const audited = w.deps.audit.entries().filter((e) => e.target === 'C-1').map((e) => e.action);
    expect(audited).toContain(DAY_AUDIT.invitationNotSent);
    expect(audited).not.toContain(DAY_AUDIT.invitationSent);
  });

  test('with an open module it emails its registration link, once', () => {
    const w = attending();
    w.addModule({ id: 'M-1', name: 'Aprende a Emprender – Módulo IV', status: 'Inscripción abierta', registrationUrl: 'https://forms.gle/modulo4', dates: 'martes 1, 8 y 15 de diciembre, de 6:00 p. m. a 8:00 p. m.' });
    w.addModule({ id: 'M-0', name: 'Módulo cerrado', status: 'Cerrado', registrationUrl: 'https://forms.gle/viejo' });
    const r = ok(inviteToWorkshops(w.deps, 'C-1'));
    expect(r.message).toBe(DAY_MESSAGES.inviteSent(1, 'rosa@example.com'));
    expect(r.appointment.invitationStatus).toBe('enviado');
    expect(r.appointment.allowed.invite).toBe(false);
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0].text).toContain('https://forms.gle/modulo4');
    expect(w.mailer.sent[0].text).toContain('martes 1, 8 y 15 de diciembre');
    expect(w.mailer.sent[0].text).not.toContain('forms.gle/viejo');
    expect(w.row('C-1').workshopInvitation).toBe('enviado');

    w.next();
    expect(inviteToWorkshops(w.deps, 'C-1')).toMatchObject({ ok: false, message: DAY_MESSAGES.inviteAlreadySent });
    expect(w.mailer.sent).toHaveLength(1);
  });

  test('before the attention starts it is refused; without a sibling recorded it says how to fix it', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0));
    expect(inviteToWorkshops(w.deps, 'C-1')).toMatchObject({ ok: false, message: DAY_MESSAGES.inviteNotStarted });
    w.next(at(10, 0));
    ok(startAttention(w.deps, 'C-1'));
    w.deps.properties.delete('SOE_SIBLING_ID');
    w.next();
    expect(inviteToWorkshops(w.deps, 'C-1')).toMatchObject({ ok: false, message: DAY_MESSAGES.inviteNoSibling });
    expect(TALLERES_ID).toBeTruthy();
  });
});

describe('the extranet checklist', () => {
  test('marking it done (and undoing it) is recorded on the row', () => {
    const w = dayWorld();
    w.add(appointment('C-1', 10, 0));
    const r = ok(markExtranetNotified(w.deps, 'C-1'));
    expect(r.appointment.extranetNotified).toBe(true);
    expect(w.row('C-1').extranetNotified).toBe(true);
    w.next();
    expect(ok(markExtranetNotified(w.deps, 'C-1', false)).appointment.extranetNotified).toBe(false);
  });
});
