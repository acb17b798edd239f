/**
 * The safe import (issue 10 item 2) against in-memory ports: preview first and nothing written;
 * the confirmation applies exactly the previewed plan or nothing; cancellations only inside what
 * the report covers; today's or too many cancellations need the second confirmation; the result
 * lists what was cancelled and one click undoes it, only for rows unchanged since.
 */
import { importReport, previewImport, undoImportCancellations, IMPORT_UNDO_PREFIX } from '../../../src/app/appointments/import';
import { limaDate } from '../../../src/domain/lima-time';
import { makeReportRows, reportFile, type ReportRow } from '../../support/attention-world';
import { base64, memoryWorld, records } from './import-world';

const DAY = '2026-11-28'; // Saturday; "now" is Friday 27 at 09:00 Lima
const TODAY = '2026-11-27';

const file = (rows: ReportRow[]) => base64(reportFile(rows));
/** What a consultant could see changed: the tabs, and the properties (the signing secret, made once for every signed ID, aside). */
const snapshot = (w: ReturnType<typeof memoryWorld>) => {
  const props = { ...w.properties.getAll() };
  delete props['SOE_SIGNING_SECRET'];
  return JSON.stringify([w.book.sheet('Citas')!.cells, w.book.sheet('Revisión')!.cells, props]);
};
const byId = (w: ReturnType<typeof memoryWorld>) => new Map(records(w.book, 'Citas').map((r) => [String(r['ID de cita']), r]));

/** A world with `rows` imported (by the script path: nothing to cancel yet). */
function world(rows: ReportRow[]) {
  const w = memoryWorld();
  expect(importReport(w.deps, 'r1.csv', file(rows)).ok).toBe(true);
  w.next();
  return w;
}

describe('preview, then confirm', () => {
  const rows = makeReportRows(DAY, 10, { consultants: ['Ana Quispe'] });

  test('the preview lists new, changed, to cancel (name, Lima date and time) and rejected rows, and writes nothing', () => {
    const w = world(rows);
    const newer = rows.filter((r) => r !== rows[1]).map((r) => (r === rows[3] ? { ...r, time: '17:30' } : r));
    const extra = makeReportRows(DAY, 11, { consultants: ['Ana Quispe'] })[10];
    const bad = { ...extra, code: 'X1', dni: '123' };
    const before = snapshot(w);
    const auditBefore = w.audit.entries().length;
    const p = previewImport(w.deps, 'r2.csv', file([...newer, extra, bad]));
    expect(snapshot(w)).toBe(before);
    w.next();
    expect(w.audit.entries().length).toBe(auditBefore);
    expect(p.ok).toBe(true);
    expect(p.summary).toMatch(/^Vista previa: todavía no se guardó nada\./);
    expect(p.inserts.map((x) => x.id)).toEqual([extra.code]);
    expect(p.updates).toEqual([expect.objectContaining({ id: rows[3].code, detail: 'pasa al sábado 28 de noviembre de 2026, 5:30 p. m.' })]);
    expect(p.cancellations).toEqual([
      { id: rows[1].code, name: `${rows[1].names} ${rows[1].lastNames}`, when: 'sábado 28 de noviembre de 2026, 8:40 a. m.', detail: 'ya no figura en el reporte' },
    ]);
    expect(p.rejected).toHaveLength(1);
    expect(p.scope).toBe('El reporte cubre las citas del 28/11/2026. Una cita que no figura en el reporte solo se cancela si es de esas fechas y solo a las de Ana Quispe; las demás no se tocan.');
    expect(p.needsSecondConfirmation).toBe(false);

    const r = importReport(w.deps, 'r2.csv', file([...newer, extra, bad]), { planId: p.planId! });
    expect(r.ok).toBe(true);
    expect(r.counts).toMatchObject({ inserted: 1, moved: 1, cancelled: 1, rejected: 1 });
    expect(r.cancelledList.map((x) => x.id)).toEqual([rows[1].code]);
    expect(r.undoId).toMatch(/^\d+-[0-9a-f]{12}$/);
    expect(byId(w).get(rows[1].code)!['Estado']).toBe('Cancelada');
  });

  test('a sheet changed between preview and confirm in a way that changes the plan: nothing written, said in Spanish', () => {
    const w = world(rows);
    const f = file(rows.slice(0, 9));
    const p = previewImport(w.deps, 'r2.csv', f);
    // Meanwhile another import (or a person) cancels a different appointment: the plan is not the same.
    const sheet = w.book.sheet('Citas')!;
    const h = sheet.cells[0].map(String);
    sheet.cells.find((r) => r[h.indexOf('ID de cita')] === rows[9].code)![h.indexOf('Estado')] = 'Atendida';
    w.next();
    const before = snapshot(w);
    const r = importReport(w.deps, 'r2.csv', f, { planId: p.planId! });
    expect(r).toMatchObject({ ok: false, stale: true });
    expect(r.problem).toMatch(/cambiaron desde la vista previa.*No se guardó nada/);
    expect(snapshot(w)).toBe(before);
  });

  test('another file with the first one\'s plan ID is refused; a change that does not change the plan is accepted', () => {
    const w = world(rows);
    const p = previewImport(w.deps, 'r2.csv', file(rows.slice(0, 9)));
    expect(importReport(w.deps, 'r2.csv', file(rows.slice(0, 8)), { planId: p.planId! })).toMatchObject({ ok: false, stale: true });
    // A consultant writes in another appointment's Observaciones: the plan is the same.
    const sheet = w.book.sheet('Citas')!;
    const h = sheet.cells[0].map(String);
    sheet.cells.find((r) => r[h.indexOf('ID de cita')] === rows[0].code)![h.indexOf('Observaciones')] = 'Llamará antes';
    w.next();
    expect(importReport(w.deps, 'r2.csv', file(rows.slice(0, 9)), { planId: p.planId! })).toMatchObject({ ok: true, counts: { cancelled: 1 } });
  });

  test('a plan ID older than 30 minutes is refused', () => {
    const w = world(rows);
    const f = file(rows.slice(0, 9));
    const p = previewImport(w.deps, 'r2.csv', f);
    w.clock.at = new Date(w.clock.at.getTime() + 31 * 60_000);
    expect(importReport(w.deps, 'r2.csv', f, { planId: p.planId! })).toMatchObject({ ok: false, problem: expect.stringMatching(/más de 30 minutos/) });
    expect(byId(w).get(rows[9].code)!['Estado']).toBe('Programada');
  });
});

describe('cancellations only inside what the report covers', () => {
  test('a report of tomorrow for one consultant leaves today, the day after and a colleague untouched', () => {
    const ana = makeReportRows(DAY, 4, { consultants: ['Ana Quispe'], codePrefix: 'A' });
    const luis = makeReportRows(DAY, 3, { consultants: ['Luis Rojas'], codePrefix: 'L', startTime: '14:00' });
    const later = makeReportRows('2026-11-30', 3, { consultants: ['Ana Quispe'], codePrefix: 'N' });
    const w = world([...ana, ...luis, ...later]);
    const p = previewImport(w.deps, 'solo-ana.csv', file(ana.slice(0, 3)));
    expect(p.cancellations.map((x) => x.id)).toEqual([ana[3].code]);
  });
});

describe('the second confirmation', () => {
  test('an appointment of today that the report no longer lists needs it: refused without it, applied with it', () => {
    const rows = makeReportRows(TODAY, 6, { consultants: ['Ana Quispe'], startTime: '10:00' });
    const w = world(rows);
    const f = file(rows.slice(1));
    const p = previewImport(w.deps, 'hoy.csv', f);
    expect(p.needsSecondConfirmation).toBe(true);
    expect(p.secondConfirmation).toMatch(/^Se cancelaría 1 cita de hoy\./);
    expect(p.cancellations[0].detail).toBe('ya no figura en el reporte · es de hoy');
    const before = snapshot(w);
    expect(importReport(w.deps, 'hoy.csv', f, { planId: p.planId! })).toMatchObject({ ok: false, problem: expect.stringMatching(/Sí, cancelar también estas citas/) });
    expect(snapshot(w)).toBe(before);
    expect(importReport(w.deps, 'hoy.csv', f, { planId: p.planId!, confirmCancellations: true })).toMatchObject({ ok: true, counts: { cancelled: 1 } });
  });

  test('more than 30 % of the covered appointments needs it; a script without the preview holds them back and says so', () => {
    const rows = makeReportRows(DAY, 10, { consultants: ['Ana Quispe'] });
    const w = world(rows);
    const f = file(rows.slice(0, 6));
    const p = previewImport(w.deps, 'r2.csv', f);
    expect(p.secondConfirmation).toMatch(/Se cancelarían 4 de las 10 citas programadas que cubre el reporte \(más del 30 %\)/);
    const r = importReport(w.deps, 'r2.csv', f);
    expect(r.counts.cancelled).toBe(0);
    expect(r.warnings.join(' ')).toMatch(/4 citas .* no se cancelaron/);
    expect(records(w.book, 'Citas').filter((x) => x['Estado'] === 'Cancelada')).toHaveLength(0);
  });
});

describe('undo of an import\'s cancellations', () => {
  const rows = makeReportRows(DAY, 10, { consultants: ['Ana Quispe'] });

  function cancelledFour() {
    const w = world(rows);
    // A consultant's note on one of them before the import.
    const sheet = w.book.sheet('Citas')!;
    const h = sheet.cells[0].map(String);
    sheet.cells.find((r) => r[h.indexOf('ID de cita')] === rows[7].code)![h.indexOf('Observaciones')] = 'Pidió Meet por celular';
    w.next();
    const f = file(rows.slice(0, 6));
    const p = previewImport(w.deps, 'r2.csv', f);
    const r = importReport(w.deps, 'r2.csv', f, { planId: p.planId!, confirmCancellations: true });
    expect(r.cancelledList).toHaveLength(4);
    w.next();
    return { w, r };
  }

  test('restores exactly those rows as they were, audited; a second click restores nothing more', () => {
    const { w, r } = cancelledFour();
    w.clock.at = limaDate(2026, 11, 27, 9, 30);
    const u = undoImportCancellations(w.deps, r.undoId!);
    expect(u).toMatchObject({ ok: true, summary: 'Se deshizo la cancelación de 4 citas: vuelven a estar programadas.' });
    const citas = byId(w);
    for (const x of rows.slice(6)) expect(citas.get(x.code)!['Estado']).toBe('Programada');
    expect(citas.get(rows[7].code)!['Observaciones']).toBe('Pidió Meet por celular');
    expect(citas.get(rows[6].code)!['Observaciones']).toBe('');
    w.next();
    expect(w.audit.entries().filter((e) => e.action === 'Cancelación por importación deshecha').map((e) => e.target).sort()).toEqual(rows.slice(6).map((x) => x.code).sort());
    expect(Object.keys(w.properties.getAll()).filter((k) => k.startsWith(IMPORT_UNDO_PREFIX))).toEqual([]);
    expect(undoImportCancellations(w.deps, r.undoId!)).toMatchObject({ ok: false, summary: expect.stringMatching(/^Ya no se puede deshacer/) });
  });

  test('a row changed since (reactivated and noted by hand) is left as it is and listed; the others come back', () => {
    const { w, r } = cancelledFour();
    const sheet = w.book.sheet('Citas')!;
    const h = sheet.cells[0].map(String);
    const row = sheet.cells.find((x) => x[h.indexOf('ID de cita')] === rows[8].code)!;
    row[h.indexOf('Observaciones')] = String(row[h.indexOf('Observaciones')]) + '\nLa usuaria llamó: no vendrá';
    w.next();
    const u = undoImportCancellations(w.deps, r.undoId!);
    expect(u.restored.map((x) => x.id).sort()).toEqual([rows[6].code, rows[7].code, rows[9].code].sort());
    expect(u.notRestored).toEqual([expect.objectContaining({ id: rows[8].code, detail: 'cambió después de la importación' })]);
    expect(u.summary).toMatch(/1 cita no se restauró porque cambió después de la importación/);
    expect(byId(w).get(rows[8].code)!['Estado']).toBe('Cancelada');
  });

  test('an unknown or forged ID restores nothing', () => {
    const { w } = cancelledFour();
    const before = snapshot(w);
    expect(undoImportCancellations(w.deps, '123').ok).toBe(false);
    expect(undoImportCancellations(w.deps, '1764252000000-000000000000').ok).toBe(false);
    expect(snapshot(w)).toBe(before);
  });
});
