/**
 * Issue 10, item 1: appointments left open on an earlier day are reached and closed the next day
 * from the panel («Pendientes de días anteriores»), and «Cancelar cita» by hand — with the built
 * bundle in the emulator, through the panel's server functions.
 *
 * Friday 27: Ana has appointments from 10:00; she starts one and never finishes it, and leaves
 * three more 'Programada'. Luis leaves one of his open too. Saturday 28 at 09:00 Ana's panel lists
 * her four leftovers (never Luis's) above today's, and she closes them: finished with a duration
 * (the survey goes), abandoned (no email: days late), cancelled with a reason (its Meet event
 * cancelled, no email). She also cancels one of today's, still ahead, by hand.
 */
import type { DayActionResult, DayView } from '../../src/api';
import { calendarStore } from '../../emulator/services/calendar';
import { calendarEventId } from '../../src/domain/ids';
import { addTeamMember, citas, createAttentionWorld, importReport, makeReportRows, reportFile } from '../support/attention-world';

const ANA = 'ana.quispe@trabajo.gob.pe';
const LUIS = 'luis.nique@trabajo.gob.pe';

describe('yesterday\'s open appointments show up today and are closed there', () => {
  const w = createAttentionWorld();
  const friday = makeReportRows('2026-11-27', 14, { startTime: '10:00', slotMinutes: 30 }); // 0–11 Ana, 12–13 Luis
  // Ana's, with addresses of their own (the generator repeats Friday's first ones).
  const saturday = makeReportRows('2026-11-28', 2, { startTime: '15:00' }).map((r) => ({ ...r, email: `sabado.${r.email}` }));
  const [finishedLate, startedNeverFinished, abandonedLate, cancelledLate] = friday;
  const luisOpen = friday[12];
  const call = <T>(fn: string, args: unknown[], user = ANA): T => {
    const r = w.ws.callFromSidebar(w.atenciones, fn, args, user);
    if (!r.ok) throw new Error(`${fn} failed: ${r.error}`);
    return r.value as T;
  };
  const row = (code: string) => citas(w.ws, w.atenciones).find((r) => r['ID de cita'] === code)!;
  const mailsTo = (email: string) => w.ws.outbox().filter((m) => m.to.includes(email));
  let saturdayView: DayView;

  beforeAll(() => {
    addTeamMember(w.ws, w.atenciones, LUIS, 'Luis Ñique');
    const bytes = reportFile([...friday, ...saturday]);
    const imported = importReport(w.ws, w.atenciones, 'reporte-citas.csv', bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    w.ws.advanceTo('2026-11-27T10:31');
    expect(call<DayActionResult>('startAttention', [startedNeverFinished.code]).ok).toBe(true);
    // Ana closes the rest of her day; four stay open. Luis leaves both of his open.
    for (const r of friday.slice(4, 12)) {
      const cancelled = call<DayActionResult>('cancelAppointment', [r.code, 'Duplicada en la plataforma']);
      expect(cancelled.ok).toBe(true);
    }
    w.ws.advanceTo('2026-11-28T09:00');
    saturdayView = call<DayView>('getDayView', [{}]);
  });

  test('the panel lists her own leftovers of earlier days, oldest first, with their date — never another consultant\'s', () => {
    expect(saturdayView.earlier.map((a) => [a.id, a.status, a.earlier])).toEqual([
      [finishedLate.code, 'Programada', true],
      [startedNeverFinished.code, 'En atención', true],
      [abandonedLate.code, 'Programada', true],
      [cancelledLate.code, 'Programada', true],
    ]);
    expect(saturdayView.earlier[0].dateText).toBe('viernes 27 de noviembre de 2026');
    expect(saturdayView.earlier.map((a) => a.id)).not.toContain(luisOpen.code);
    expect(saturdayView.earlier[0].allowed).toMatchObject({ start: false, finish: true, abandon: true, cancel: true });
    expect(saturdayView.earlier[1].allowed).toMatchObject({ finish: true, abandon: false, cancel: false });
    // Today's list is today's only.
    expect(saturdayView.appointments.map((a) => a.id)).toEqual(saturday.map((r) => r.code));
    expect(saturdayView.appointments.every((a) => !a.earlier)).toBe(true);
    // Luis sees his, not Ana's.
    const luis = call<DayView>('getDayView', [{ scope: 'all' }], LUIS);
    expect(luis.earlier.map((a) => a.id)).toEqual([friday[12].code, friday[13].code]);
  });

  test('finished afterwards with the duration given: Atendida, its real times, and the survey', () => {
    const without = call<DayActionResult>('finishAttention', [startedNeverFinished.code, { observations: 'Se cortó la llamada' }]);
    expect(without).toMatchObject({ ok: false, message: expect.stringContaining('cuántos minutos duró') });
    expect(row(startedNeverFinished.code).Estado).toBe('En atención');

    const done = call<DayActionResult>('finishAttention', [startedNeverFinished.code, { observations: 'Se cortó la llamada', durationMinutes: 25 }]);
    expect(done.ok && done.message).toContain('Atención finalizada (25 min).');
    expect(row(startedNeverFinished.code)).toMatchObject({ Estado: 'Atendida', 'Duración (min)': 25, Encuesta: 'enviado' });

    const programada = call<DayActionResult>('finishAttention', [finishedLate.code, { durationMinutes: '35' }]);
    expect(programada.ok).toBe(true);
    expect(row(finishedLate.code)).toMatchObject({ Estado: 'Atendida', 'Duración (min)': 35 });
    expect(String(row(finishedLate.code).Observaciones)).toContain('(cita de un día anterior)');
    expect(mailsTo(finishedLate.email).map((m) => m.subject).some((s) => /encuesta/i.test(s))).toBe(true);
  });

  test('abandoned afterwards without the abandonment email, and the consultant is told', () => {
    const before = mailsTo(abandonedLate.email).length;
    const r = call<DayActionResult>('abandonAppointment', [abandonedLate.code, { reason: 'No contestó el teléfono' }]);
    expect(r.ok && r.message).toContain('no se envió el aviso de cita abandonada');
    expect(row(abandonedLate.code)).toMatchObject({ Estado: 'Abandonada', 'Correo abandono': '' });
    expect(mailsTo(abandonedLate.email)).toHaveLength(before);
  });

  test('cancelled by hand with a reason: no email; another consultant\'s is refused', () => {
    const before = mailsTo(cancelledLate.email).length;
    const short = call<DayActionResult>('cancelAppointment', [cancelledLate.code, 'ya']);
    expect(short).toMatchObject({ ok: false, message: 'Escriba el motivo de la cancelación (al menos 5 caracteres).' });
    const r = call<DayActionResult>('cancelAppointment', [cancelledLate.code, 'La usuaria escribió que ya no la necesita']);
    expect(r.ok && r.message).toContain('No se envió ningún correo');
    expect(row(cancelledLate.code)).toMatchObject({ Estado: 'Cancelada' });
    expect(String(row(cancelledLate.code).Observaciones)).toContain('Cancelada: La usuaria escribió que ya no la necesita');
    expect(mailsTo(cancelledLate.email)).toHaveLength(before);

    const notHers = call<DayActionResult>('cancelAppointment', [luisOpen.code, 'Lo cancelo yo por él']);
    expect(notHers.ok).toBe(false);
    expect(row(luisOpen.code).Estado).toBe('Programada');

    const audit = w.ws.readTab(w.atenciones, 'Registro de auditoría').filter((a) => a['Acción'] === 'Cita cancelada a mano' && a['Para'] === cancelledLate.code);
    expect(audit).toHaveLength(1);
  });

  test('once closed they leave the section', () => {
    const view = call<DayView>('getDayView', [{}]);
    expect(view.earlier).toEqual([]);
  });

  test('a colleague\'s leftover taken over «en lugar de» (with a reason) joins her section, and she may close it', () => {
    const taken = call<DayActionResult>('actOnBehalf', [luisOpen.code, 'Luis está de licencia y la usuaria fue atendida']);
    expect(taken.ok).toBe(true);
    const view = call<DayView>('getDayView', [{}]);
    expect(view.earlier.map((a) => [a.id, a.onBehalf])).toEqual([[luisOpen.code, true]]);
    expect(call<DayActionResult>('finishAttention', [luisOpen.code, { durationMinutes: 30 }]).ok).toBe(true);
    expect(row(luisOpen.code).Estado).toBe('Atendida');
    expect(call<DayView>('getDayView', [{}]).earlier).toEqual([]);
  });

  test('one of today\'s, still ahead, cancelled by hand: its Calendar event (Meet) cancelled too, without Calendar\'s email', () => {
    const today = saturday[0];
    const eventId = calendarEventId('cita', today.code);
    expect(w.ws.calendarEvents().some((e) => e.id === eventId)).toBe(true);
    expect(row(today.code)['Enlace Meet']).not.toBe('');
    const before = mailsTo(today.email).length;
    const r = call<DayActionResult>('cancelAppointment', [today.code, 'Reprogramada a pedido del usuario']);
    expect(r.ok && r.message).toContain('También se canceló su reunión de Calendar');
    expect(row(today.code)).toMatchObject({ Estado: 'Cancelada', 'Enlace Meet': '' });
    expect(w.ws.calendarEvents().some((e) => e.id === eventId)).toBe(false);
    expect(calendarStore(w.ws.state).notificationsTo(today.email).filter((n) => n.kind === 'cancellation')).toEqual([]);
    expect(mailsTo(today.email)).toHaveLength(before);
    // A second click: nothing more.
    expect(call<DayActionResult>('cancelAppointment', [today.code, 'Reprogramada a pedido del usuario'])).toMatchObject({ ok: false, message: 'Esta cita ya está cancelada.' });
  });
});
