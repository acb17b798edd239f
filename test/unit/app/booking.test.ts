/**
 * Booking a walk-in from the panel (A01) against in-memory ports: the form's checks, one booking
 * per slot, retries that do not duplicate, and the immediate reminder for same-day bookings.
 */
import { bookWalkIn, consultantName, type WalkInInput } from '../../../src/app/appointments/booking';
import { importReport } from '../../../src/app/appointments/import';
import { PENDING_REMINDER_RUN_PROPERTY } from '../../../src/app/appointments/rows';
import { limaDate } from '../../../src/domain/lima-time';
import { makeReportRows, reportFile } from '../../support/attention-world';
import { base64, BusyLock, memoryWorld, records } from './import-world';
import { registerTeam } from '../../support/memory-ports';

const ROSA: WalkInInput = {
  dni: '04567891',
  fullName: 'Rosa Elvira Condori Apaza',
  email: 'rosa.condori@gmail.com',
  phone: '987 654 321',
  date: '2026-11-28',
  time: '10:30',
};

test('a valid walk-in gets a Programada row with a derived ID, its document as text, and the consultant using the panel', () => {
  const w = memoryWorld();
  const r = bookWalkIn(w.deps, ROSA);
  expect(r).toMatchObject({
    ok: true,
    id: expect.stringMatching(/^P-20261128-1030-[0-9A-V]{12}$/),
    date: '2026-11-28',
    time: '10:30',
    when: 'sábado 28 de noviembre de 2026, 10:30 a. m.',
    consultant: 'Ana Quispe',
    alreadyBooked: false,
    message: 'Cita registrada para el sábado 28 de noviembre de 2026, 10:30 a. m. con Ana Quispe.',
  });
  const [row] = records(w.book, 'Citas');
  expect(row).toMatchObject({
    'ID de cita': r.ok ? r.id : '',
    'Código plataforma': '',
    'Tipo doc.': 'DNI',
    DNI: '04567891',
    Celular: '+51 987654321',
    Hora: '10:30',
    Consultor: 'Ana Quispe',
    Estado: 'Programada',
    Origen: 'Sidebar',
  });
  expect(row['Inicio']).toEqual(limaDate(2026, 11, 28, 10, 30));
  expect(w.audit.entries().at(-1)).toMatchObject({ action: 'Cita registrada desde el panel', result: 'Correcto' });
});

test('the walk-in ID carries no document: not in the ID, not in the audit log; the same person and minute keep the same ID', () => {
  const w = memoryWorld();
  const r = bookWalkIn(w.deps, ROSA);
  expect(r.ok && r.id).toMatch(/^P-20261128-1030-[0-9A-V]{12}$/);
  expect(r.ok && r.id).not.toContain(ROSA.dni);
  for (const e of w.audit.entries()) expect(JSON.stringify(e)).not.toContain(ROSA.dni);
  // Another spreadsheet (another secret) gives another ID: it cannot be computed from the DNI alone.
  const other = memoryWorld();
  const again = bookWalkIn(other.deps, ROSA);
  expect(again.ok && again.id).not.toBe(r.ok && r.id);
});

test('every field with a problem gets its own Spanish message, and nothing is written', () => {
  const w = memoryWorld();
  const r = bookWalkIn(w.deps, { dni: '1234567', fullName: ' ', email: 'rosa@', phone: '01 4567890', date: '31/02/2026', time: '25:00' });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.message).toBe('Revise los datos marcados.');
  expect(r.fieldErrors).toEqual({
    dni: 'El DNI debe tener 8 dígitos (solo números).',
    fullName: 'Escriba los nombres y apellidos.',
    email: 'El correo electrónico no es válido (por ejemplo: nombre@gmail.com).',
    phone: 'El celular debe tener 9 dígitos y empezar con 9 (por ejemplo: 987 654 321).',
    date: 'La fecha no es válida (use dd/mm/aaaa).',
    time: 'La hora no es válida (por ejemplo: 09:30 o 3:30 p. m.).',
  });
  expect(records(w.book, 'Citas')).toHaveLength(0);
  const missing = bookWalkIn(w.deps, {} as WalkInInput);
  expect(!missing.ok && missing.fieldErrors).toMatchObject({ dni: 'Escriba el DNI.', email: expect.stringMatching(/^Escriba el correo/), date: 'Elija la fecha de la cita.', time: 'Elija la hora de la cita.' });
});

test('a time already past is refused; other documents than the DNI are accepted', () => {
  const w = memoryWorld(limaDate(2026, 11, 27, 11, 0));
  const past = bookWalkIn(w.deps, { ...ROSA, date: '27/11/2026', time: '10:59' });
  expect(!past.ok && past.fieldErrors.time).toBe('Esa fecha y hora ya pasaron: elija una hora futura.');
  const far = bookWalkIn(w.deps, { ...ROSA, date: '2027-06-01' });
  expect(!far.ok && far.fieldErrors.date).toBe('La cita no puede ser dentro de más de 120 días.');
  const ce = bookWalkIn(w.deps, { ...ROSA, documentType: 'Carné de extranjería', dni: '001234567', time: '3:30 p. m.' });
  expect(ce).toMatchObject({ ok: true, id: expect.stringMatching(/^P-20261128-1530-[0-9A-V]{12}$/) });
  expect(records(w.book, 'Citas')[0]).toMatchObject({ 'Tipo doc.': 'CE', DNI: '001234567', Hora: '15:30' });
});

test('only the documents the service attends are booked; any other type, markup included, is refused in Spanish', () => {
  const w = memoryWorld();
  for (const documentType of ['<img src=x onerror=alert(1)>', 'Cédula de Venezuela', 'RUC']) {
    const r = bookWalkIn(w.deps, { ...ROSA, documentType, dni: '12345678' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.fieldErrors.documentType).toBe('Elija el tipo de documento: DNI, carné de extranjería, pasaporte, PTP o CPP.');
  }
  expect(records(w.book, 'Citas')).toHaveLength(0);
});

test('the name follows the one rule of the import and the correction: a formula or markup is refused', () => {
  const w = memoryWorld();
  for (const fullName of ['=1+1', '<b>Rosa</b>', '+51 987654321']) {
    const r = bookWalkIn(w.deps, { ...ROSA, fullName });
    expect(!r.ok && r.fieldErrors.fullName).toBe('Los nombres y apellidos deben empezar con una letra y no pueden tener números ni signos como «=», «+», «@», «<» o «;».');
  }
  expect(records(w.book, 'Citas')).toHaveLength(0);
});

test('one slot, one booking: a second person for the same consultant and minute is refused; another consultant is fine', () => {
  const w = memoryWorld();
  expect(bookWalkIn(w.deps, ROSA).ok).toBe(true);
  w.next();
  const other: WalkInInput = { ...ROSA, dni: '70123456', fullName: 'Óscar Benítez', email: 'oscar@gmail.com' };
  const taken = bookWalkIn(w.deps, other);
  expect(taken).toEqual({
    ok: false,
    message: 'El horario del sábado 28 de noviembre de 2026, 10:30 a. m. ya está reservado para Ana Quispe. Elija otra hora u otro consultor.',
    fieldErrors: { time: expect.stringContaining('ya está reservado') },
  });
  // Named by email or by name, the consultant is the same person.
  expect(bookWalkIn(w.deps, { ...other, consultant: 'ANA.QUISPE@trabajo.gob.pe' }).ok).toBe(false);
  expect(bookWalkIn(w.deps, { ...other, consultant: 'ana quispe' }).ok).toBe(false);
  expect(bookWalkIn(w.deps, { ...other, consultant: 'Luis Ñique' })).toMatchObject({ ok: true, consultant: 'Luis Ñique' });
  expect(records(w.book, 'Citas')).toHaveLength(2);
  expect(w.audit.entries().filter((e) => e.action === 'Cita desde el panel no registrada')).toHaveLength(3);
});

test('an imported appointment holds its slot too', () => {
  const w = memoryWorld();
  importReport(w.deps, 'r.csv', base64(reportFile(makeReportRows('2026-11-28', 2))));
  w.next();
  const r = bookWalkIn(w.deps, { ...ROSA, time: '08:40' });
  expect(r.ok).toBe(false);
});

test('the same booking sent twice (a double click, a retry) leaves one row and says so', () => {
  const w = memoryWorld();
  const first = bookWalkIn(w.deps, ROSA);
  w.next();
  const again = bookWalkIn(w.deps, { ...ROSA, dni: '0456 7891' });
  expect(again).toMatchObject({ ok: true, alreadyBooked: true, id: first.ok ? first.id : '' });
  expect(again.ok && again.message).toMatch(/^Esta cita ya estaba registrada/);
  expect(records(w.book, 'Citas')).toHaveLength(1);
});

test('the same person at the same minute with another consultant is refused', () => {
  const w = memoryWorld();
  bookWalkIn(w.deps, ROSA);
  w.next();
  const r = bookWalkIn(w.deps, { ...ROSA, consultant: 'Luis Ñique' });
  expect(!r.ok && r.message).toBe('Esta persona ya tiene una cita el sábado 28 de noviembre de 2026, 10:30 a. m.: elija otra hora.');
});

test('a cancelled slot can be booked again; the same person rebooking it reactivates their row', () => {
  const w = memoryWorld();
  bookWalkIn(w.deps, ROSA);
  const sheet = w.book.sheet('Citas')!;
  const h = sheet.cells[0].map(String);
  sheet.cells[1][h.indexOf('Estado')] = 'Cancelada';
  w.next();
  const other = bookWalkIn(w.deps, { ...ROSA, dni: '70123456', fullName: 'Óscar Benítez', email: 'oscar@gmail.com' });
  expect(other.ok).toBe(true);
  w.next();
  // Óscar has it now: Rosa cannot take it back.
  expect(bookWalkIn(w.deps, ROSA).ok).toBe(false);
  w.next();
  w.book.sheet('Citas')!.cells[2][h.indexOf('Estado')] = 'Cancelada';
  w.next();
  const back = bookWalkIn(w.deps, ROSA);
  expect(back).toMatchObject({ ok: true, reinstated: true });
  expect(records(w.book, 'Citas').map((r) => r['Estado'])).toEqual(['Programada', 'Cancelada']);
  expect(String(records(w.book, 'Citas')[0]['Observaciones'])).toMatch(/^Reactivada el /);
});

test('a booking for today asks for an immediate reminder run (once while one is pending)', () => {
  const w = memoryWorld(limaDate(2026, 11, 27, 9, 0));
  const r = bookWalkIn(w.deps, { ...ROSA, date: '27/11/2026', time: '16:00' });
  expect(r).toMatchObject({ ok: true, reminderRunRequested: true });
  expect(r.ok && r.message).toMatch(/El recordatorio con el enlace de Meet se enviará en unos minutos\.$/);
  w.next();
  bookWalkIn(w.deps, { ...ROSA, dni: '70123456', date: '27/11/2026', time: '16:40' });
  const oneOff = w.scheduler.all.filter((t) => t.handler === 'runReminders' && t.hour === undefined);
  expect(oneOff).toHaveLength(1);
  expect(w.properties.get(PENDING_REMINDER_RUN_PROPERTY)).toBe(oneOff[0].id);
  // Tomorrow, before the reminder hour: the daily run will send it.
  expect(bookWalkIn(w.deps, ROSA)).toMatchObject({ ok: true, reminderRunRequested: false });
});

test('while another task holds the lock the booking is refused with a message', () => {
  const w = memoryWorld();
  const r = bookWalkIn({ ...w.deps, lock: new BusyLock() }, ROSA);
  expect(r).toEqual({ ok: false, message: expect.stringMatching(/^Otra persona o tarea está usando la hoja/), fieldErrors: {} });
  expect(records(w.book, 'Citas')).toHaveLength(0);
});

test('consultants are named as the team knows them', () => {
  const w = memoryWorld();
  registerTeam(w.deps.properties, [{ email: 'luis.nique@trabajo.gob.pe', name: 'Luis Ñique' }]);
  expect(consultantName('Luis.Nique@trabajo.gob.pe', [{ email: 'luis.nique@trabajo.gob.pe', name: 'Luis Ñique' }])).toBe('Luis Ñique');
  expect(bookWalkIn(w.deps, { ...ROSA, consultant: 'luis.nique@trabajo.gob.pe' })).toMatchObject({ ok: true, consultant: 'Luis Ñique' });
  expect(consultantName('otra@trabajo.gob.pe', [])).toBe('otra@trabajo.gob.pe');
});
