import { parseCsv } from '../../../src/domain/import/csv';
import {
  comparableFields,
  reconcileImport,
  summariseImport,
  type ExistingAppointment,
  type ImportPlan,
} from '../../../src/domain/import/reconcile';
import { DEFAULT_HEADER_ALIASES, parseReport, type ImportedAppointment } from '../../../src/domain/import/report';
import { limaDate } from '../../../src/domain/lima-time';
import { NOW, reportRows, thirtyBookings, toCsv, type Booking } from './report-fixtures';

function importBookings(bookings: Booking[]): ImportedAppointment[] {
  const r = parseReport(parseCsv(toCsv(reportRows(bookings))), DEFAULT_HEADER_ALIASES, { now: NOW });
  expect(r.rejected).toEqual([]);
  return r.appointments;
}

/** What the register holds after applying an import: as the use case would store it. */
function registered(appts: ImportedAppointment[], status = 'Programada'): ExistingAppointment[] {
  return appts.map((a) => ({ key: a.key, start: a.start, status, fields: comparableFields(a) }));
}

function emptyPlan(): ImportPlan {
  return { inserts: [], updates: [], cancellations: [], unchanged: [], notInReport: [], cancelledOnPlatformNotHeld: [], scope: { firstDay: null, lastDay: null, consultants: [] } };
}

describe('reconcileImport: first import and re-import of the same report', () => {
  const imported = importBookings(thirtyBookings());

  it('inserts everything into an empty register', () => {
    const plan = reconcileImport([], imported, NOW);
    expect(plan.inserts).toHaveLength(30);
    expect(plan).toMatchObject({ updates: [], cancellations: [], unchanged: [] });
    expect(summariseImport(plan, [])).toBe('Se importaron 30 citas nuevas.');
  });

  it('never duplicates: importing the same report again changes nothing', () => {
    const plan = reconcileImport(registered(imported), imported, NOW);
    expect(plan.inserts).toEqual([]);
    expect(plan.updates).toEqual([]);
    expect(plan.cancellations).toEqual([]);
    expect(plan.unchanged).toHaveLength(30);
    expect(summariseImport(plan, [])).toBe('No hubo cambios en las citas. 30 citas ya registradas quedaron sin cambios.');
  });
});

describe('reconcileImport: a newer report with one cancelled, one moved, one new, one corrected', () => {
  const first = thirtyBookings();
  const existing = registered(importBookings(first));
  const newer = first.map((b) => ({ ...b }));
  newer.splice(4, 1); // 000105 (10/03 11:40) vanished: cancelled on the platform
  const moved = newer.find((b) => b.code === '000110')!;
  moved.date = '12/03/2026'; // rescheduled
  moved.time = '17:20';
  const corrected = newer.find((b) => b.code === '000120')!;
  corrected.email = 'teresa.alvarez.p@gmail.com';
  newer.push({ ...first[0], code: '000131', dni: '72345678', names: 'Nuevo', lastNames: 'Usuario Ñañez', email: 'nuevo@gmail.com', date: '12/03/2026', time: '17:20' });
  const plan = reconcileImport(existing, importBookings(newer), NOW);

  it('inserts only the new booking', () => {
    expect(plan.inserts.map((a) => a.key)).toEqual(['000131']);
  });

  it('updates the moved one with moved=true and the new start, so reminders get redone', () => {
    const u = plan.updates.find((x) => x.key === '000110')!;
    expect(u).toEqual({ key: '000110', changes: { start: limaDate(2026, 3, 12, 17, 20) }, moved: true, reinstated: false });
  });

  it('updates only the changed field of the corrected one', () => {
    expect(plan.updates.find((x) => x.key === '000120')).toEqual({
      key: '000120',
      changes: { email: 'teresa.alvarez.p@gmail.com' },
      moved: false,
      reinstated: false,
    });
    expect(plan.updates).toHaveLength(2);
  });

  it('cancels the vanished future appointment', () => {
    expect(plan.cancellations).toEqual(['000105']);
    expect(plan.unchanged).toHaveLength(27);
  });

  it('summarises it in one Spanish paragraph', () => {
    expect(summariseImport(plan, [])).toBe(
      'Se importó 1 cita nueva, 2 actualizadas (1 con nueva fecha u hora) y 1 cancelada. 27 citas ya registradas quedaron sin cambios.',
    );
  });
});

describe('reconcileImport: what is never touched', () => {
  const imported = importBookings(thirtyBookings().slice(0, 10)); // 10/03, 09:00 … 16:40
  const base = registered(imported);

  it('does not cancel past appointments that vanished, nor attended/abandoned/in-attention ones', () => {
    const later = limaDate(2026, 3, 10, 12, 0); // noon on the 10th: 09:00…11:40 are past
    const existing = base.map((e, i) => ({ ...e, status: i === 6 ? 'Atendida' : i === 7 ? 'Abandonada' : i === 8 ? 'En atención' : 'Programada' }));
    const plan = reconcileImport(existing, [imported[9]], later); // the report lists only the last one
    // 09:00–11:40 are past; 14:40 attended, 15:20 abandoned, 16:00 in attention: only 14:00 is cancelled.
    expect(plan.cancellations).toEqual([imported[5].key]);
    expect(plan.notInReport).toEqual(existing.slice(0, 9).map((e) => e.key).filter((k) => k !== imported[5].key));
  });

  it('does not cancel appointments on days the report does not cover', () => {
    const otherWeek = registered(importBookings(thirtyBookings().slice(20, 30))); // 12/03
    const plan = reconcileImport([...base, ...otherWeek], imported, NOW);
    expect(plan.cancellations).toEqual([]);
    expect(plan.notInReport).toEqual(otherWeek.map((e) => e.key));
  });

  it('an empty report cancels nothing', () => {
    const plan = reconcileImport(base, [], NOW);
    expect(plan).toEqual({ ...emptyPlan(), notInReport: base.map((e) => e.key) });
  });

  it('keeps the history of attended and abandoned appointments even if the report differs', () => {
    const existing = base.map((e) => ({ ...e, status: 'Atendida' }));
    const changed = imported.map((a) => ({ ...a, email: 'otro@gmail.com', start: limaDate(2026, 3, 13, 9, 0) }));
    const plan = reconcileImport(existing, changed, NOW);
    expect(plan.updates).toEqual([]);
    expect(plan.unchanged).toHaveLength(10);
  });

  it('never erases registered data with an empty value from the report', () => {
    const noPhone = imported.map((a) => ({ ...a, phone: null, consultant: null }));
    const plan = reconcileImport(base, noPhone, NOW);
    expect(plan.updates).toEqual([]);
  });

  it('compares only the fields the register keeps', () => {
    const existing = base.map((e) => ({ ...e, fields: { dni: e.fields.dni, email: e.fields.email } }));
    const plan = reconcileImport(existing, imported.map((a) => ({ ...a, service: 'Otro servicio' })), NOW);
    expect(plan.updates).toEqual([]);
  });
});

describe('reconcileImport: a report re-saved in Excel (codes lost their leading zeros)', () => {
  it('matches "101" to the registered "000101": no duplicates, no cancellations, code kept', () => {
    const imported = importBookings(thirtyBookings().slice(0, 10));
    const resaved = imported.map((a) => ({ ...a, key: String(Number(a.key)), code: String(Number(a.code)) }));
    const plan = reconcileImport(registered(imported), resaved, NOW);
    expect(plan.inserts).toEqual([]);
    expect(plan.cancellations).toEqual([]);
    expect(plan.updates).toEqual([]);
    expect(plan.unchanged).toEqual(imported.map((a) => a.key));
  });

  it('does not confuse codes that are not all digits', () => {
    const imported = importBookings(thirtyBookings().slice(0, 1)).map((a) => ({ ...a, key: 'AV-0101', code: 'AV-0101' }));
    const other = imported.map((a) => ({ ...a, key: 'AV-101', code: 'AV-101' }));
    const plan = reconcileImport(registered(imported), other, NOW);
    expect(plan.inserts.map((a) => a.key)).toEqual(['AV-101']);
  });
});

describe('reconcileImport: cancellations and reinstatements', () => {
  const imported = importBookings(thirtyBookings().slice(0, 3));
  const base = registered(imported);

  it('reinstates a cancelled appointment that reappears in the future', () => {
    const existing = base.map((e, i) => (i === 1 ? { ...e, status: 'Cancelada', cancellationSource: 'import' as const } : e));
    const plan = reconcileImport(existing, imported, NOW);
    expect(plan.updates).toEqual([{ key: imported[1].key, changes: {}, moved: false, reinstated: true }]);
    expect(summariseImport(plan, [])).toBe(
      'No hay citas nuevas; 1 cita actualizada (1 reactivada). 2 citas ya registradas quedaron sin cambios.',
    );
  });

  it('does not undo a consultant\'s own cancellation, nor reinstate a past one', () => {
    const manual = base.map((e, i) => (i === 1 ? { ...e, status: 'Cancelada', cancellationSource: 'manual' as const } : e));
    expect(reconcileImport(manual, imported, NOW).updates).toEqual([]);
    const cancelled = base.map((e) => ({ ...e, status: 'Cancelada' }));
    expect(reconcileImport(cancelled, imported, limaDate(2026, 3, 11, 8, 0)).updates).toEqual([]);
  });

  it('follows the report\'s own "Anulada" status', () => {
    const annulled = imported.map((a, i) => (i === 0 ? { ...a, cancelledOnPlatform: true, platformStatus: 'Anulada' } : a));
    const plan = reconcileImport(base, annulled, NOW);
    expect(plan.cancellations).toEqual([imported[0].key]);
    const fresh = reconcileImport([], annulled, NOW);
    expect(fresh.inserts.map((a) => a.key)).toEqual([imported[1].key, imported[2].key]);
    expect(fresh.cancelledOnPlatformNotHeld).toEqual([imported[0].key]);
    expect(summariseImport(fresh, [])).toBe('Se importaron 2 citas nuevas. 1 cita anulada en la plataforma no se registró.');
  });
});

describe('summariseImport', () => {
  it('lists rejected rows with their reasons, shortening long lists', () => {
    const plan = { ...emptyPlan(), inserts: new Array(28).fill(null), updates: [{ key: 'a', changes: {}, moved: false, reinstated: false }], cancellations: ['x'] } as unknown as ImportPlan;
    const rejected = [
      { reason: 'Fila 7: el DNI «1234» no tiene 8 dígitos' },
      { reason: 'Fila 9: falta el correo electrónico' },
      { reason: 'Fila 12: la fecha «31/02/2026» no existe' },
    ];
    expect(summariseImport(plan, rejected)).toBe(
      'Se importaron 28 citas nuevas, 1 actualizada y 1 cancelada. 3 filas rechazadas: Fila 7: el DNI «1234» no tiene 8 dígitos; Fila 9: falta el correo electrónico; Fila 12: la fecha «31/02/2026» no existe.',
    );
    const many = Array.from({ length: 8 }, (_, i) => ({ reason: `Fila ${i + 2}: falta el nombre` }));
    expect(summariseImport(emptyPlan(), many)).toBe(
      'No hubo cambios en las citas. 8 filas rechazadas: Fila 2: falta el nombre; Fila 3: falta el nombre; Fila 4: falta el nombre; Fila 5: falta el nombre; Fila 6: falta el nombre; y 3 más.',
    );
  });

  it('uses the singular for one', () => {
    const plan = { ...emptyPlan(), inserts: [null], unchanged: ['a'] } as unknown as ImportPlan;
    expect(summariseImport(plan, [{ reason: 'Fila 3: falta el nombre' }])).toBe(
      'Se importó 1 cita nueva. 1 cita ya registrada quedó sin cambios. 1 fila rechazada: Fila 3: falta el nombre.',
    );
  });
});
