/**
 * The mapping between 'Citas' rows and the appointment state machine, shared by the import, the
 * reminders and the consultant's day: a row typed by hand reads as well as one the system wrote,
 * and a transition's patch lands in the right columns.
 */
import {
  appointmentIdFor,
  appointmentStart,
  deliveryStatus,
  derivedAppointmentId,
  patchToFields,
  reconcileKeyOf,
  scheduleFields,
  toAppointmentFacts,
  type AppointmentRecord,
} from '../../../src/app/appointments/rows';
import { abandonAppointment, finishAttention } from '../../../src/domain/appointment';
import { limaDate } from '../../../src/domain/lima-time';
import { APPOINTMENTS_TAB } from '../../../src/domain/schema';

function record(fields: Partial<Record<string, unknown>>): AppointmentRecord {
  const r: Record<string, unknown> = {};
  for (const c of APPOINTMENTS_TAB.columns) r[c.key] = '';
  return { ...r, ...fields } as AppointmentRecord;
}

const AT_930 = limaDate(2026, 11, 28, 9, 30);

test('the appointment instant is «Inicio», or «Fecha» + «Hora» in Lima time for a row typed by hand', () => {
  expect(appointmentStart(record({ start: AT_930, date: limaDate(2026, 1, 1), time: '07:00' }))).toEqual(AT_930);
  expect(appointmentStart(record({ date: limaDate(2026, 11, 28), time: '09:30' }))).toEqual(AT_930);
  expect(appointmentStart(record({ date: '28/11/2026', time: '9:30 a. m.' }))).toEqual(AT_930);
  expect(appointmentStart(record({ date: '28/11/2026 09:30' }))).toEqual(AT_930);
  expect(appointmentStart(record({ date: '28/11/2026' }))).toBeNull();
  expect(appointmentStart(record({ date: '31/11/2026', time: '09:30' }))).toBeNull();
});

test('facts for the state machine: an empty «Estado» is Programada, an unknown one makes no facts', () => {
  const facts = toAppointmentFacts({ record: record({ start: AT_930, status: '', observations: 'Llamar antes', abandonmentEmail: 'enviado' }) });
  expect(facts).toEqual({ status: 'Programada', start: AT_930, startedAt: null, observations: 'Llamar antes', abandonmentEmailStatus: 'enviado' });
  expect(toAppointmentFacts({ record: record({ start: AT_930, status: 'Terminada' }) })).toBeNull();
  expect(toAppointmentFacts({ record: record({ status: 'Programada' }) })).toBeNull();
  expect(deliveryStatus('Enviado ')).toBe('enviado');
  expect(deliveryStatus('quizá')).toBe('');
});

test("a transition's patch lands in the sheet's columns", () => {
  const now = limaDate(2026, 11, 28, 9, 40);
  const abandon = abandonAppointment({ status: 'Programada', start: AT_930 }, now, { reason: 'No contestó el teléfono' });
  if (!abandon.ok) throw new Error(abandon.message);
  expect(patchToFields(abandon.patch, now)).toEqual({
    status: 'Abandonada',
    abandonReason: 'No contestó el teléfono',
    observations: 'Abandonada: No contestó el teléfono',
    abandonmentEmail: 'pendiente',
    updatedAt: now,
  });
  const finish = finishAttention({ status: 'En atención', start: AT_930, startedAt: AT_930 }, now, { topic: 'Financiamiento' });
  if (!finish.ok) throw new Error(finish.message);
  expect(patchToFields(finish.patch)).toEqual({ status: 'Atendida', endedAt: now, durationMinutes: 10, surveyStatus: 'pendiente', topic: 'Financiamiento' });
});

test('IDs: the platform code, or a derived one that is the same on every retry', () => {
  expect(appointmentIdFor({ code: '000123', dni: '01234567', start: AT_930 }, 'secreto')).toBe('000123');
  const derived = appointmentIdFor({ code: null, dni: '01234567', start: AT_930 }, 'secreto');
  expect(derived).toMatch(/^P-20261128-0930-[0-9A-V]{12}$/);
  expect(derived).not.toContain('01234567');
  expect(derivedAppointmentId('01234567', AT_930, 'secreto')).toBe(derived);
  expect(reconcileKeyOf(record({ platformCode: ' ab 12 ' }), AT_930)).toBe('AB12');
  expect(reconcileKeyOf(record({ dni: '01234567' }), AT_930)).toBe('01234567|2026-11-28|09:30');
  expect(scheduleFields(AT_930)).toEqual({ date: limaDate(2026, 11, 28), time: '09:30', start: AT_930 });
});
