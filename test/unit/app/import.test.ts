/**
 * The import of the platform's report (A01) against in-memory ports: what the consultant sees in
 * 'Citas', 'Revisión' and the panel after importing a file, and what is asked of the reminders.
 */
import { bookWalkIn } from '../../../src/app/appointments/booking';
import { detectFileContent, importReport, looksBinary, previewImport } from '../../../src/app/appointments/import';
import { PENDING_REMINDER_RUN_PROPERTY } from '../../../src/app/appointments/rows';
import { limaDate } from '../../../src/domain/lima-time';
import { DELETED_NAME } from '../../../src/domain/personal-data';
import { REVIEW_KIND_REJECTED_ROW } from '../../../src/domain/messages/import';
import { APPOINTMENTS_TAB } from '../../../src/domain/schema';
import type { MemoryTable } from '../../support/memory-ports';
import { makeReportRows, reportFile, type MakeReportOptions, type ReportRow } from '../../support/attention-world';
import { zipFiles } from '../../support/xlsx-writer';
import { base64, BusyLock, memoryWorld, records, setSetting } from './import-world';

const DAY = '2026-11-28'; // Saturday; "now" is Friday 27 at 09:00 Lima

function file(rows: ReportRow[], opts: MakeReportOptions = {}): string {
  return base64(reportFile(rows, opts));
}

function byId(book: Parameters<typeof records>[0]) {
  return new Map(records(book, 'Citas').map((r) => [String(r['ID de cita']), r]));
}

describe('a first import', () => {
  test('every appointment becomes a Programada row keyed by its platform code, document as text, Lima date and time', () => {
    const w = memoryWorld();
    const rows = makeReportRows(DAY, 5);
    const r = importReport(w.deps, 'reporte.csv', file(rows));
    expect(r.ok).toBe(true);
    expect(r.counts).toMatchObject({ inserted: 5, updated: 0, cancelled: 0, rejected: 0 });
    expect(r.summary).toBe('Se importaron 5 citas nuevas. Los recordatorios de las 5 citas nuevas o cambiadas de mañana se enviarán hoy a las 6:00 p. m., la hora de los recordatorios.');
    const citas = records(w.book, 'Citas');
    expect(citas).toHaveLength(5);
    const first = citas[0];
    expect(first).toMatchObject({
      'ID de cita': rows[0].code,
      'Código plataforma': rows[0].code,
      DNI: '01234567',
      'Nombres y apellidos': 'María José Ñahui Huamán',
      Correo: rows[0].email,
      Celular: `+51 ${rows[0].phone}`,
      Hora: '08:00',
      Consultor: 'Ana Quispe',
      Estado: 'Programada',
      Recordatorio: '',
      Origen: 'Importación',
    });
    expect(first['Fecha']).toEqual(limaDate(2026, 11, 28));
    expect(first['Inicio']).toEqual(limaDate(2026, 11, 28, 8, 0));
    // One append for all the rows.
    expect(w.audit.entries().find((e) => e.action === 'Importación de citas')).toMatchObject({ result: 'Correcto', target: 'reporte.csv' });
  });

  test('headers are found with the aliases of «Configuración»: a renamed column is a settings change', () => {
    const w = memoryWorld();
    const rows = makeReportRows(DAY, 3);
    const renamed = Buffer.from(Buffer.from(reportFile(rows)).toString('utf8').replace('Correo electrónico', 'Mail de contacto'), 'utf8');
    const before = importReport(w.deps, 'r.csv', base64(renamed));
    expect(before.ok).toBe(false);
    expect(before.problem).toContain('«Correo electrónico»');
    expect(records(w.book, 'Citas')).toHaveLength(0);

    setSetting(w.book, 'Encabezados: Correo electrónico', 'Correo | Correo electrónico | Mail de contacto');
    const after = importReport(w.deps, 'r.csv', base64(renamed));
    expect(after.counts.inserted).toBe(3);
  });

  test('an XLSX as Excel saves it imports the same appointments as the CSV', () => {
    const w = memoryWorld();
    const rows = makeReportRows(DAY, 4);
    const r = importReport(w.deps, 'reporte.xlsx', file(rows, { format: 'xlsx' }));
    expect(r).toMatchObject({ ok: true, format: 'xlsx', encoding: null });
    const citas = byId(w.book);
    expect(citas.get(rows[0].code)).toMatchObject({ DNI: '01234567', Hora: '08:00' });
    expect(citas.get(rows[3].code)!['Inicio']).toEqual(limaDate(2026, 11, 28, 10, 0));
  });
});

describe('a newer report of the same day', () => {
  function imported(n = 10) {
    const w = memoryWorld();
    const rows = makeReportRows(DAY, n);
    importReport(w.deps, 'r1.csv', file(rows));
    w.next();
    return { w, rows };
  }

  test('one vanished → Cancelada, one moved → new time and reminder reset (event kept), one new → inserted; the rest untouched', () => {
    const { w, rows } = imported();
    // The reminders run had already handled the appointment that moves.
    const moving = rows[3];
    const sheet = w.book.sheet('Citas')!;
    const h = sheet.cells[0].map(String);
    const row = sheet.cells.findIndex((r) => r[h.indexOf('ID de cita')] === moving.code);
    sheet.cells[row][h.indexOf('Recordatorio')] = 'enviado';
    sheet.cells[row][h.indexOf('Recordatorio enviado')] = limaDate(2026, 11, 27, 18, 0);
    sheet.cells[row][h.indexOf('ID evento')] = 'soeabc123';
    w.book.newExecution();

    const extra = makeReportRows(DAY, 11)[10];
    const newer = rows.filter((r) => r.code !== rows[1].code).map((r) => (r.code === moving.code ? { ...r, time: '17:30' } : r));
    w.clock.at = limaDate(2026, 11, 27, 10, 0);
    const r = importReport(w.deps, 'r2.csv', file([...newer, extra]));
    expect(r.counts).toMatchObject({ inserted: 1, updated: 1, moved: 1, cancelled: 1, unchanged: 8, rejected: 0 });
    expect(r.summary).toBe(
      'Se importó 1 cita nueva, 1 actualizada (1 con nueva fecha u hora) y 1 cancelada. 8 citas ya registradas quedaron sin cambios. ' +
        'Los recordatorios de las 2 citas nuevas o cambiadas de mañana se enviarán hoy a las 6:00 p. m., la hora de los recordatorios.',
    );
    const citas = byId(w.book);
    expect(citas.size).toBe(11);
    expect(citas.get(rows[1].code)).toMatchObject({ Estado: 'Cancelada', Observaciones: 'Cancelada: ya no figura en el reporte de la plataforma' });
    expect(citas.get(moving.code)).toMatchObject({ Estado: 'Programada', Hora: '17:30', Recordatorio: '', 'Recordatorio enviado': '', 'ID evento': 'soeabc123' });
    expect(citas.get(moving.code)!['Inicio']).toEqual(limaDate(2026, 11, 28, 17, 30));
    expect(citas.get(extra.code)).toMatchObject({ Estado: 'Programada', Origen: 'Importación' });
    expect(citas.get(rows[0].code)!['Actualizado']).toEqual(limaDate(2026, 11, 27, 9, 0));
    const actions = w.audit.entries().map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['Cita cancelada por importación', 'Cita reprogramada por importación']));
  });

  test('a row the platform marks as annulled cancels the appointment with that reason', () => {
    const { w, rows } = imported(3);
    const r = importReport(w.deps, 'r2.csv', file(rows.map((x, i) => (i === 2 ? { ...x, status: 'Anulada' } : x))));
    expect(r.counts.cancelled).toBe(1);
    expect(byId(w.book).get(rows[2].code)).toMatchObject({ Estado: 'Cancelada', Observaciones: 'Cancelada: anulada en la plataforma' });
  });

  test('an appointment cancelled by a previous import comes back when the platform lists it again; one cancelled by a person does not', () => {
    const { w, rows } = imported(4);
    // Half of the covered appointments vanish: the panel's preview asks for the second confirmation.
    const r2 = file(rows.slice(0, 2));
    const preview = previewImport(w.deps, 'r2.csv', r2);
    expect(preview).toMatchObject({ needsSecondConfirmation: true });
    expect(importReport(w.deps, 'r2.csv', r2, { planId: preview.planId!, confirmCancellations: true }).counts.cancelled).toBe(2);
    w.next();
    // A consultant cancelled appointment 1 by hand (Estado typed in the sheet).
    const sheet = w.book.sheet('Citas')!;
    const h = sheet.cells[0].map(String);
    sheet.cells.find((r) => r[h.indexOf('ID de cita')] === rows[1].code)![h.indexOf('Estado')] = 'Cancelada';
    w.book.newExecution();
    const r = importReport(w.deps, 'r3.csv', file(rows));
    expect(r.counts).toMatchObject({ reinstated: 2, inserted: 0 });
    const citas = byId(w.book);
    expect(citas.get(rows[1].code)!['Estado']).toBe('Cancelada');
    expect(citas.get(rows[2].code)!['Estado']).toBe('Programada');
    expect(String(citas.get(rows[2].code)!['Observaciones'])).toMatch(/^Cancelada: ya no figura en el reporte de la plataforma\nReactivada el /);
  });

  test('appointments booked from the panel are never cancelled by a report that does not list them', () => {
    const { w, rows } = imported(3);
    const b = bookWalkIn(w.deps, { dni: '44556677', fullName: 'Rosa Tello', email: 'rosa@gmail.com', date: DAY, time: '16:00' });
    expect(b.ok).toBe(true);
    w.next();
    const r = importReport(w.deps, 'r2.csv', file(rows));
    expect(r.counts).toMatchObject({ cancelled: 0, unchanged: 3 });
    expect(records(w.book, 'Citas').find((x) => x['Origen'] === 'Sidebar')!['Estado']).toBe('Programada');
  });

  test('the same file again writes nothing', () => {
    const { w, rows } = imported(6);
    const before = JSON.stringify(w.book.sheet('Citas')!.cells);
    const r = importReport(w.deps, 'r1.csv', file(rows));
    const writes = (w.book.table(APPOINTMENTS_TAB) as MemoryTable<string>).writes;
    expect(r.summary).toBe('No hubo cambios en las citas. 6 citas ya registradas quedaron sin cambios.');
    expect(JSON.stringify(w.book.sheet('Citas')!.cells)).toBe(before);
    expect(writes).toBe(0);
    expect(w.audit.entries().at(-1)).toMatchObject({ action: 'Importación de citas', result: 'Sin cambios' });
  });
});

describe("a person's data deleted at their request (Ley 29733)", () => {
  test('an older report that still lists them does not bring it back', () => {
    const w = memoryWorld();
    const rows = makeReportRows(DAY, 3);
    importReport(w.deps, 'r1.csv', file(rows));
    w.next();
    // What «Eliminar datos» leaves on the row (src/app/personal-data/change.ts).
    const sheet = w.book.sheet('Citas')!;
    const h = sheet.cells[0].map(String);
    const row = sheet.cells.findIndex((r) => r[h.indexOf('ID de cita')] === rows[1].code);
    for (const [header, value] of [['Nombres y apellidos', DELETED_NAME], ['DNI', ''], ['Correo', ''], ['Celular', '']] as const) sheet.cells[row][h.indexOf(header)] = value;
    w.book.newExecution();

    const r = importReport(w.deps, 'r1 (copia).csv', file(rows.map((x) => (x === rows[1] ? { ...x, time: '17:30' } : x))));
    expect(r.counts).toMatchObject({ inserted: 0, updated: 0, moved: 0 });
    const kept = byId(w.book).get(rows[1].code)!;
    expect(kept).toMatchObject({ 'Nombres y apellidos': DELETED_NAME, DNI: '', Correo: '', Celular: '', Hora: rows[1].time });
  });
});

describe('rows that cannot be imported', () => {
  function badFile() {
    const rows = makeReportRows(DAY, 6);
    rows[1] = { ...rows[1], dni: '1234' };
    rows[2] = { ...rows[2], email: '' };
    rows[3] = { ...rows[3], date: '31/11/2026' };
    return rows;
  }

  test('are listed with their reason, recorded in «Revisión», and the others imported', () => {
    const w = memoryWorld();
    const r = importReport(w.deps, 'reporte.csv', file(badFile()));
    expect(r.counts).toMatchObject({ inserted: 3, rejected: 3 });
    // Title rows take lines 1–3 and the header line 4: the second appointment is on line 6.
    expect(r.rejected).toEqual([
      { line: 6, reason: 'Fila 6: el DNI «1234» no tiene 8 dígitos' },
      { line: 7, reason: 'Fila 7: falta el correo electrónico' },
      { line: 8, reason: 'Fila 8: la fecha «31/11/2026» no existe' },
    ]);
    expect(r.summary).toContain('3 filas rechazadas: Fila 6: el DNI «1234» no tiene 8 dígitos;');
    const review = records(w.book, 'Revisión');
    expect(review.map((x) => [x['Tipo'], x['Referencia'], x['Estado']])).toEqual([
      [REVIEW_KIND_REJECTED_ROW, 'reporte.csv · fila 6', 'Pendiente'],
      [REVIEW_KIND_REJECTED_ROW, 'reporte.csv · fila 7', 'Pendiente'],
      [REVIEW_KIND_REJECTED_ROW, 'reporte.csv · fila 8', 'Pendiente'],
    ]);
    expect(String(review[0]['Detalle'])).toContain('el DNI «1234» no tiene 8 dígitos. Datos de la fila: ');
    expect(String(review[0]['Detalle'])).toContain('José Ángel');
  });

  test('importing the same file again adds no second review entry', () => {
    const w = memoryWorld();
    importReport(w.deps, 'reporte.csv', file(badFile()));
    w.next();
    const r = importReport(w.deps, 'reporte (1).csv', file(badFile()));
    expect(r.counts).toMatchObject({ inserted: 0, rejected: 3, unchanged: 3 });
    expect(records(w.book, 'Revisión')).toHaveLength(3);
  });
});

describe('files that are not the report', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['un PDF', new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')), /^El archivo no es un CSV ni un Excel \(\.xlsx\) \(parece un PDF\)/],
    ['una imagen', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /parece una imagen/],
    ['un .xls antiguo', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /Excel antiguo \(\.xls\)/],
    ['una página web sin tabla, con extensión .xls', new Uint8Array(Buffer.from('<html><body><p>Sesión expirada</p></body></html>')), /página web \(HTML\) sin ninguna tabla/],
    ['un Word', zipFiles({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }), /parece un documento de Word/],
    ['un ZIP de otras cosas', zipFiles({ 'fotos/dni.txt': 'hola' }), /parece un archivo comprimido que no es un Excel/],
    ['un Excel sin libro', zipFiles({ '[Content_Types].xml': '<Types/>', 'xl/styles.xml': '<styleSheet/>' }), /^El archivo no es un libro de Excel \(\.xlsx\) válido/],
    ['un ZIP dañado', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /dañado o incompleto/],
    ['un archivo vacío', new Uint8Array(0), /está vacío/],
    ['una tabla sin los encabezados del reporte', new Uint8Array(Buffer.from('a,b,c\n1,2,3\n')), /No se encontró la fila de encabezados/],
  ];
  test.each(cases)('%s is refused with a clear Spanish message and nothing is written', (_name, bytes, message) => {
    const w = memoryWorld();
    const r = importReport(w.deps, 'archivo', base64(bytes));
    expect(r.ok).toBe(false);
    expect(r.problem).toMatch(message);
    expect(r.summary).toBe(r.problem);
    expect(records(w.book, 'Citas')).toHaveLength(0);
    expect(w.audit.entries().at(-1)).toMatchObject({ action: 'Importación de citas', result: 'Error' });
  });

  test('text that is not base64 is refused', () => {
    const w = memoryWorld();
    expect(importReport(w.deps, 'x.csv', '%%%').problem).toMatch(/No se pudo leer el archivo enviado/);
  });

  test('a data URL from the panel is accepted', () => {
    const w = memoryWorld();
    const r = importReport(w.deps, 'x.csv', 'data:text/csv;base64,' + file(makeReportRows(DAY, 2)));
    expect(r.counts.inserted).toBe(2);
  });

  test('detection by content, not by name', () => {
    expect(detectFileContent(new Uint8Array(Buffer.from('DNI;Correo\n')))).toEqual({ kind: 'text' });
    expect(detectFileContent(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toEqual({ kind: 'xlsx' });
    expect(looksBinary('Código,DNI\n000123,01234567\n')).toBe(false);
    expect(looksBinary('abc\u0000def')).toBe(true);
  });
});

describe('the reminders of appointments booked late', () => {
  test('an import with appointments for today asks for one reminder run in a minute, and only once while it is pending', () => {
    const w = memoryWorld(limaDate(2026, 11, 27, 9, 0));
    const r = importReport(w.deps, 'hoy.csv', file(makeReportRows('2026-11-27', 3, { startTime: '15:00' })));
    expect(r.reminderRunRequested).toBe(true);
    expect(r.summary).toContain('Los recordatorios de las 3 citas nuevas o cambiadas de hoy se enviarán en unos minutos.');
    const pending = w.scheduler.all.filter((t) => t.handler === 'runReminders' && t.hour === undefined);
    expect(pending).toHaveLength(1);
    expect(w.properties.get(PENDING_REMINDER_RUN_PROPERTY)).toBe(pending[0].id);
    w.next();
    importReport(w.deps, 'hoy2.csv', file(makeReportRows('2026-11-27', 4, { startTime: '15:00' })));
    expect(w.scheduler.all.filter((t) => t.handler === 'runReminders' && t.hour === undefined)).toHaveLength(1);

    // The run happened (its trigger is gone): a later same-day booking asks again.
    w.scheduler.remove(pending[0].id);
    w.next();
    importReport(w.deps, 'hoy3.csv', file(makeReportRows('2026-11-27', 5, { startTime: '15:00' })));
    expect(w.scheduler.all.filter((t) => t.handler === 'runReminders' && t.hour === undefined)).toHaveLength(1);
    expect(w.properties.get(PENDING_REMINDER_RUN_PROPERTY)).not.toBe(pending[0].id);
  });

  test("tomorrow's appointments wait for the daily run before the reminder hour, and go at once after it", () => {
    const morning = memoryWorld(limaDate(2026, 11, 27, 9, 0));
    const m = importReport(morning.deps, 'm.csv', file(makeReportRows(DAY, 3)));
    expect(m.reminderRunRequested).toBe(false);
    expect(morning.scheduler.all.filter((t) => t.hour === undefined)).toHaveLength(0);
    // Said when they go (it said nothing, or «en unos minutos» with one of today's among them).
    expect(m.summary).toContain('Los recordatorios de las 3 citas nuevas o cambiadas de mañana se enviarán hoy a las 6:00 p. m., la hora de los recordatorios.');
    expect(m.summary).not.toContain('unos minutos');

    // One of today's and two of tomorrow's: today's now, tomorrow's at the reminder hour.
    const mixed = memoryWorld(limaDate(2026, 11, 27, 8, 30));
    const rows = [...makeReportRows('2026-11-27', 1, { startTime: '15:00' }), ...makeReportRows(DAY, 2)];
    const both = importReport(mixed.deps, 'ambos.csv', file(rows));
    expect(both.counts.inserted).toBe(3);
    expect(both.summary).toContain('El recordatorio de la cita nueva o cambiada de hoy se enviará en unos minutos. Los recordatorios de las 2 citas nuevas o cambiadas de mañana se enviarán hoy a las 6:00 p. m.');

    const evening = memoryWorld(limaDate(2026, 11, 27, 19, 0));
    expect(importReport(evening.deps, 'e.csv', file(makeReportRows(DAY, 3))).reminderRunRequested).toBe(true);
  });

  test('an appointment moved to today asks for a run; an untouched one does not', () => {
    const w = memoryWorld(limaDate(2026, 11, 27, 9, 0));
    const rows = makeReportRows(DAY, 3);
    importReport(w.deps, 'a.csv', file(rows));
    w.next();
    expect(importReport(w.deps, 'a.csv', file(rows)).reminderRunRequested).toBe(false);
    w.next();
    const moved = importReport(w.deps, 'b.csv', file(rows.map((r, i) => (i === 0 ? { ...r, date: '27/11/2026', time: '16:00' } : r))));
    expect(moved.counts.moved).toBe(1);
    expect(moved.reminderRunRequested).toBe(true);
  });
});

describe('when the spreadsheet is not ready', () => {
  test('another task holding the lock: the import is refused with a message, nothing written', () => {
    const w = memoryWorld();
    const r = importReport({ ...w.deps, lock: new BusyLock() }, 'r.csv', file(makeReportRows(DAY, 2)));
    expect(r.ok).toBe(false);
    expect(r.problem).toMatch(/Otra tarea está usando la hoja/);
    expect(records(w.book, 'Citas')).toHaveLength(0);
  });

  test('no «Citas» tab (setup not run): says so', () => {
    const w = memoryWorld();
    w.book.sheets.splice(w.book.sheets.findIndex((s) => s.name === 'Citas'), 1);
    w.book.newExecution();
    expect(importReport(w.deps, 'r.csv', file(makeReportRows(DAY, 2))).problem).toMatch(/Configurar esta hoja/);
  });
});

describe('one name whichever the report shape', () => {
  /** The same report with one «Apellidos y nombres» column written «APELLIDOS, NOMBRES». */
  function combinedFile(rows: ReportRow[]): string {
    const header = ['Código de cita', 'Tipo de documento', 'N° Documento', 'Apellidos y nombres', 'Correo electrónico', 'Celular', 'Fecha de cita', 'Hora de cita', 'Servicio', 'Consultor', 'Estado'];
    const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = rows.map((r) => [r.code, r.documentType, r.dni, `${r.lastNames}, ${r.names}`, r.email, r.phone, r.date, r.time, r.service, r.consultant, r.status].map(q).join(','));
    return base64(new TextEncoder().encode([header.join(','), ...lines].join('\r\n') + '\r\n'));
  }

  test('split columns, then the combined column: nothing changed, nothing updated (and the other way round)', () => {
    const rows = makeReportRows(DAY, 4);
    const w = memoryWorld();
    expect(importReport(w.deps, 'separado.csv', file(rows)).counts).toMatchObject({ inserted: 4, rejected: 0 });
    const before = records(w.book, 'Citas').map((r) => r['Nombres y apellidos']);
    w.next();
    const again = importReport(w.deps, 'combinado.csv', combinedFile(rows));
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(records(w.book, 'Citas').map((r) => r['Nombres y apellidos'])).toEqual(before);
    expect(before[0]).toBe('María José Ñahui Huamán');

    const v = memoryWorld();
    importReport(v.deps, 'combinado.csv', combinedFile(rows));
    v.next();
    expect(importReport(v.deps, 'separado.csv', file(rows)).counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    expect(records(v.book, 'Citas').map((r) => r['Nombres y apellidos'])).toEqual(before);
  });
});
