/**
 * Importing the platform's report (A01) and booking walk-ins with the built bundle in the
 * emulator, driven as the consultant's panel drives it: one google.script.run call with the file
 * name and its bytes in base64. Checks what the consultant sees in 'Citas' and 'Revisión', what
 * the panel is told, and what each import costs in Sheets calls.
 */
import { sheetsStore } from '../../emulator/services/sheets';
import { limaDate } from '../../src/domain/lima-time';
import {
  bookWalkIn,
  citas,
  createAttentionWorld,
  importReport,
  makeReport,
  makeReportRows,
  REPORT_HEADER,
  reportFile,
  type AttentionWorld,
  type ReportRow,
} from '../support/attention-world';

const TOMORROW = '2026-11-28'; // the world starts on Friday 27 November 2026, 09:00 Lima

function imported(w: AttentionWorld, fileName: string, bytes: Uint8Array) {
  const r = importReport(w.ws, w.atenciones, fileName, bytes);
  if (!r.ok) throw new Error(`importReport failed: ${r.error}`);
  return { ...r.value, execution: r.execution };
}

function state(w: AttentionWorld) {
  return citas(w.ws, w.atenciones).map((r) => [r['ID de cita'], r['Estado'], r['Hora']]);
}

describe('30 appointments for tomorrow, then a newer report with one cancelled, one moved and one new', () => {
  const w = createAttentionWorld();
  const first = makeReport(TOMORROW, 30);
  const extra = makeReportRows(TOMORROW, 31)[30];
  const cancelled = first.rows[4];
  const moved = first.rows[9];
  let r1: ReturnType<typeof imported>;
  let r2: ReturnType<typeof imported>;
  let afterFirst: Record<string, unknown>[];

  beforeAll(() => {
    r1 = imported(w, first.fileName, first.bytes);
    afterFirst = citas(w.ws, w.atenciones);
    w.ws.advanceTo('2026-11-27T10:00');
    const newer = first.rows.filter((r) => r !== cancelled).map((r) => (r === moved ? { ...r, time: '16:00' } : r));
    r2 = imported(w, 'reporte-citas-2026-11-28 (1).csv', reportFile([...newer, extra]));
  });

  test('the first import registers the 30 appointments, all Programada, keyed by the platform code', () => {
    // Says when the reminders go: tomorrow's at the reminder hour, not «en unos minutos».
    expect(r1.summary).toBe('Se importaron 30 citas nuevas. Los recordatorios de las 30 citas nuevas o cambiadas de mañana se enviarán hoy a las 6:00 p. m., la hora de los recordatorios.');
    expect(r1.counts).toMatchObject({ inserted: 30, rejected: 0 });
    expect(afterFirst.map((r) => [r['ID de cita'], r['Estado'], r['Hora'], r['Origen']])).toEqual(
      first.rows.map((r) => [r.code, 'Programada', r.time, 'Importación']),
    );
    expect(afterFirst[0]['Inicio']).toEqual(limaDate(2026, 11, 28, 8, 0));
    // Tomorrow's reminders go with the daily run at 18:00: nothing is asked of the reminders now.
    expect(r1.reminderRunRequested).toBe(false);
    expect(w.ws.triggers(w.atenciones).filter((t) => t.handler === 'runReminders')).toHaveLength(1);
  });

  test('the re-import leaves exactly 31 rows: the vanished one Cancelada, the moved one at its new time, the new one Programada', () => {
    expect(r2.counts).toMatchObject({ inserted: 1, updated: 1, moved: 1, cancelled: 1, unchanged: 28, rejected: 0 });
    expect(r2.summary).toBe(
      'Se importó 1 cita nueva, 1 actualizada (1 con nueva fecha u hora) y 1 cancelada. 28 citas ya registradas quedaron sin cambios. ' +
        'Los recordatorios de las 2 citas nuevas o cambiadas de mañana se enviarán hoy a las 6:00 p. m., la hora de los recordatorios.',
    );
    const expected = first.rows.map((r) => [r.code, r === cancelled ? 'Cancelada' : 'Programada', r === moved ? '16:00' : r.time]);
    expect(state(w)).toEqual([...expected, [extra.code, 'Programada', extra.time]]);
    const rows = citas(w.ws, w.atenciones);
    const byCode = new Map(rows.map((r) => [r['ID de cita'], r]));
    expect(byCode.get(cancelled.code)!['Observaciones']).toBe('Cancelada: ya no figura en el reporte de la plataforma');
    expect(byCode.get(moved.code)!['Inicio']).toEqual(limaDate(2026, 11, 28, 16, 0));
    expect(byCode.get(moved.code)!['Recordatorio']).toBe('');
    // Rows the report did not change were not rewritten.
    expect(byCode.get(first.rows[0].code)!['Actualizado']).toEqual(afterFirst[0]['Actualizado']);
  });

  test('the audit log has the imports, the cancellation and the move', () => {
    const audit = w.ws.readTab(w.atenciones, 'Registro de auditoría');
    const lines = audit.map((r) => [r['Acción'], r['Para'], r['Resultado']]);
    expect(lines).toEqual(
      expect.arrayContaining([
        ['Importación de citas', first.fileName, 'Correcto'],
        ['Cita cancelada por importación', cancelled.code, 'Correcto'],
        ['Cita reprogramada por importación', moved.code, 'Correcto'],
      ]),
    );
  });

  test('importing the same file again changes nothing: no row, no cell, only the audit line is written', () => {
    const before = w.ws.values(w.atenciones, 'Citas');
    const again = imported(w, 'reporte-citas-2026-11-28 (1).csv', reportFile([...first.rows.filter((r) => r !== cancelled).map((r) => (r === moved ? { ...r, time: '16:00' } : r)), extra]));
    expect(again.summary).toBe('No hubo cambios en las citas. 30 citas ya registradas quedaron sin cambios.');
    expect(w.ws.values(w.atenciones, 'Citas')).toEqual(before);
    expect(again.execution.methods['Range.setValues']).toBe(1); // the 'Sin cambios' line of the audit log
    expect(w.ws.readTab(w.atenciones, 'Registro de auditoría').at(-1)).toMatchObject({ 'Acción': 'Importación de citas', Resultado: 'Sin cambios' });
  });
});

describe('a file with bad rows', () => {
  const w = createAttentionWorld();
  const report = makeReport(TOMORROW, 10, {
    edit: (rows) => {
      rows[2].dni = '4587963'; // 7 digits: a DNI that lost its leading zero in Excel
      rows[5].email = '';
      rows[7].date = '31/11/2026';
      return rows;
    },
  });
  let r: ReturnType<typeof imported>;
  beforeAll(() => {
    r = imported(w, report.fileName, report.bytes);
  });

  test('those rows are reported with their reason, and the other 7 imported', () => {
    expect(r.counts).toMatchObject({ inserted: 7, rejected: 3 });
    // Lines as Excel shows them: three title rows, the header on line 4, the first appointment on line 5.
    expect(r.rejected).toEqual([
      { line: 7, reason: expect.stringMatching(/^Fila 7: el DNI «4587963» tiene 7 dígitos/) },
      { line: 10, reason: 'Fila 10: falta el correo electrónico' },
      { line: 12, reason: 'Fila 12: la fecha «31/11/2026» no existe' },
    ]);
    expect(r.summary).toMatch(/^Se importaron 7 citas nuevas\. 3 filas rechazadas: Fila 7: /);
    expect(citas(w.ws, w.atenciones).map((x) => x['ID de cita'])).toEqual(
      report.rows.filter((_, i) => ![2, 5, 7].includes(i)).map((x) => x.code),
    );
  });

  test('they are kept in «Revisión» for a person, so closing the panel loses nothing', () => {
    const review = w.ws.readTab(w.atenciones, 'Revisión');
    expect(review.map((x) => [x['Tipo'], x['Referencia'], x['Estado']])).toEqual([
      ['Fila rechazada en importación', `${report.fileName} · fila 7`, 'Pendiente'],
      ['Fila rechazada en importación', `${report.fileName} · fila 10`, 'Pendiente'],
      ['Fila rechazada en importación', `${report.fileName} · fila 12`, 'Pendiente'],
    ]);
    expect(String(review[1]['Detalle'])).toContain(report.rows[5].names);
  });

  test('importing it again adds neither rows nor review entries', () => {
    const again = imported(w, report.fileName, report.bytes);
    expect(again.counts).toMatchObject({ inserted: 0, unchanged: 7, rejected: 3 });
    expect(citas(w.ws, w.atenciones)).toHaveLength(7);
    expect(w.ws.readTab(w.atenciones, 'Revisión')).toHaveLength(3);
  });
});

describe('what the file holds is stored as typed', () => {
  const w = createAttentionWorld();
  const FORMULA_NAME = '=HYPERLINK("http://estafa.example","Premio")';
  // A formula in a free-text field is stored as text; as a name it breaks the one rule for names
  // (validation.ts) and the row goes to 'Revisión' instead, nothing lost.
  const edit = (rows: ReportRow[]) => {
    rows[1].service = FORMULA_NAME;
    rows[2].service = '+51 Rosa @Quispe';
    rows[0].names = FORMULA_NAME;
    rows[0].lastNames = '';
    return rows;
  };

  test('a DNI with a leading zero keeps it, from a CSV and from an XLSX (text or number cells)', () => {
    imported(w, 'a.csv', makeReport('2026-11-30', 3).bytes);
    imported(w, 'b.xlsx', makeReport('2026-12-01', 3, { format: 'xlsx' }).bytes);
    imported(w, 'c.xlsx', makeReport('2026-12-02', 3, { format: 'xlsx', xlsxDocumentsAsNumbers: true }).bytes);
    const firsts = citas(w.ws, w.atenciones).filter((r) => String(r['ID de cita']).endsWith('001'));
    expect(firsts.map((r) => r['DNI'])).toEqual(['01234567', '01234567', '01234567']);
    const headers = w.ws.values(w.atenciones, 'Citas')[0].map(String);
    const shown = w.ws.displayValues(w.atenciones, 'Citas').slice(1).map((row) => row[headers.indexOf('DNI')]);
    expect(shown.filter((d) => d === '01234567')).toHaveLength(3);
  });

  test('a value starting with «=» stays text: the cell holds the literal, never a formula; such a name goes to review', () => {
    const report = makeReport('2026-12-03', 3, { edit });
    const r = imported(w, report.fileName, report.bytes);
    const values = w.ws.values(w.atenciones, 'Citas');
    const headers = values[0].map(String);
    const col = headers.indexOf('Servicio');
    const row = values.findIndex((x) => x[headers.indexOf('ID de cita')] === report.rows[1].code);
    expect(values[row][col]).toBe(FORMULA_NAME);
    expect(sheetsStore(w.ws.state).readFormulas(w.atenciones, 'Citas')[row][col]).toBe('');
    const other = values.findIndex((x) => x[headers.indexOf('ID de cita')] === report.rows[2].code);
    expect(values[other][col]).toBe('+51 Rosa @Quispe');
    // The name that is a formula: not in 'Citas', in 'Revisión' with its reason and every cell.
    expect(values.findIndex((x) => x[headers.indexOf('ID de cita')] === report.rows[0].code)).toBe(-1);
    expect(r.rejected).toEqual([expect.objectContaining({ reason: expect.stringMatching(/el nombre «=HYPERLINK.*» no es válido/) })]);
    const review = w.ws.readTab(w.atenciones, 'Revisión').filter((x) => String(x['Detalle']).includes('estafa.example'));
    expect(review).toHaveLength(1);
  });

  test('an XLSX value starting with «=» stays text too', () => {
    const report = makeReport('2026-12-04', 3, { format: 'xlsx', edit });
    imported(w, report.fileName, report.bytes);
    const rows = citas(w.ws, w.atenciones).filter((x) => x['ID de cita'] === report.rows[1].code);
    expect(rows.map((x) => x['Servicio'])).toEqual([FORMULA_NAME]);
    const formulas = sheetsStore(w.ws.state).readFormulas(w.atenciones, 'Citas');
    expect(formulas.flat().filter((f) => f !== '')).toEqual([]);
  });
});

describe('the CSV flavours Excel and the platform produce', () => {
  const w = createAttentionWorld();
  const expectPeople = (day: string, rows: ReportRow[]) => {
    const got = citas(w.ws, w.atenciones).filter((r) => String(r['ID de cita']).startsWith(day));
    expect(got.map((r) => [r['Nombres y apellidos'], r['Hora']])).toEqual(rows.map((r) => [`${r.names} ${r.lastNames}`, r.time]));
  };

  test('Windows-1252 with semicolons (Excel «CSV (delimitado por comas)» in Spanish)', () => {
    const report = makeReport('2026-11-30', 8, { encoding: 'windows-1252', delimiter: ';' });
    const r = imported(w, report.fileName, report.bytes);
    expect(r).toMatchObject({ format: 'csv', encoding: 'windows-1252' });
    expect(r.counts.inserted).toBe(8);
    expectPeople('261130', report.rows);
    expect(report.rows.some((x) => /[ñÑáéíóú’]/.test(x.lastNames))).toBe(true);
  });

  test('UTF-8 with BOM, semicolons and «3:30 p. m.» times (Excel «CSV UTF-8»)', () => {
    const report = makeReport('2026-12-01', 8, { encoding: 'utf-8-bom', delimiter: ';', twelveHour: true });
    const r = imported(w, report.fileName, report.bytes);
    expect(r).toMatchObject({ format: 'csv', encoding: 'utf-8-bom' });
    expectPeople('261201', report.rows);
  });

  // (Excel 5.0/95 files are covered by test/unit/import/xls.test.ts: SheetJS writes their text as ASCII.)
  test.each([
    ['Excel 97–2003 (.xls)', 'xls', '2026-12-07', /\.xls$/],
    ['Excel 2003 XML', 'xml', '2026-12-09', /\.xml$/],
    ['OpenDocument (.ods)', 'ods', '2026-12-10', /\.ods$/],
    ['an HTML table saved as .xls', 'html', '2026-12-11', /\.xls$/],
  ] as const)('%s as other software writes it: read like the CSV, documents keep their zeros', (_label, format, day, ext) => {
    const report = makeReport(day, 8, { format, edit: (rows) => rows.map((r, i) => (i === 0 ? { ...r, dni: '01234567' } : r)) });
    expect(report.fileName).toMatch(ext);
    const r = imported(w, report.fileName, report.bytes);
    expect(r).toMatchObject({ ok: true, format, encoding: format === 'html' ? expect.any(String) : null });
    expect(r.counts.inserted).toBe(8);
    expectPeople(day.slice(2).replace(/-/g, ''), report.rows);
    const first = citas(w.ws, w.atenciones).find((c) => c['ID de cita'] === report.rows[0].code)!;
    expect(first).toMatchObject({ DNI: '01234567', Hora: report.rows[0].time });
    const [dd, mm, yyyy] = report.rows[0].date.split('/').map(Number);
    expect(first['Fecha']).toEqual(limaDate(yyyy, mm, dd));
  });

  test("a platform's web page saved as .xls: a filters table first, entities, <br>, unclosed cells", () => {
    const day = '2026-12-14';
    const rows = makeReportRows(day, 3);
    const cell = (v: string) => `<td style="mso-number-format:'\\@'">${v.replace(/&/g, '&amp;').replace(/ñ/g, '&ntilde;').replace(/Ñ/g, '&Ntilde;').replace(/á/g, '&aacute;')}`;
    const html =
      '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=UTF-8"><style>td{border:1px}</style></head><body>' +
      '<table><tr><td><b>Fecha inicio:</b><td>14/12/2026</tr><tr><td><b>Fecha fin:</b><td>14/12/2026</tr></table><br>' +
      '<table border=1><tr><th colspan=12>REPORTE DE CITAS<br>Centro de Empleo</th></tr><tr>' +
      REPORT_HEADER.map((h) => `<th>${h.replace(/ó/g, '&oacute;').replace(/°/g, '&deg;')}</th>`).join('') +
      '</tr>' +
      rows.map((r) => '<tr>' + [r.code, r.documentType, r.dni, r.names, r.lastNames, r.email, r.phone, r.date, r.time, r.service, r.consultant, r.status].map(cell).join('')).join('\n') +
      '</table></body></html>';
    const r = imported(w, 'ReporteCitas.xls', new Uint8Array(Buffer.from(html, 'utf8')));
    expect(r).toMatchObject({ ok: true, format: 'html' });
    expect(r.counts.inserted).toBe(3);
    expectPeople(day.slice(2).replace(/-/g, ''), rows);
  });

  test('a file that is not a CSV nor an XLSX is refused with a clear message, and nothing is written', () => {
    const before = w.ws.values(w.atenciones, 'Citas');
    const pdf = importReport(w.ws, w.atenciones, 'reporte.pdf', new Uint8Array(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n')));
    expect(pdf.ok && pdf.value).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^El archivo no es un CSV ni un Excel \(\.xlsx\) \(parece un PDF\)\./),
    });
    const xls = importReport(w.ws, w.atenciones, 'reporte.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    // A damaged .xls (the header of one, then nothing) is refused, never read in part.
    expect(xls.ok && xls.value).toMatchObject({ ok: false, problem: expect.stringMatching(/^El archivo parece un Excel antiguo \(\.xls\), pero está dañado/) });
    expect(w.ws.values(w.atenciones, 'Citas')).toEqual(before);
  });
});

describe('Sheets calls do not grow with the size of the report', () => {
  test('importing 30 or 300 appointments costs the same Sheets calls', () => {
    const calls = [30, 300].map((n) => {
      const w = createAttentionWorld();
      const report = makeReport(TOMORROW, n);
      const r = imported(w, report.fileName, report.bytes);
      expect(r.counts.inserted).toBe(n);
      return r.execution.calls.Sheets;
    });
    expect(calls[0]).toBeGreaterThan(0);
    expect(calls[1]).toBe(calls[0]);
  });
});

describe('appointments for today are reminded at once', () => {
  test('an import after the reminder hour for tomorrow schedules one reminder run in a minute, recorded for the reminders', () => {
    const w = createAttentionWorld({ at: '2026-11-27T19:00' });
    const r = imported(w, 'tarde.csv', makeReport(TOMORROW, 3).bytes);
    expect(r.reminderRunRequested).toBe(true);
    const oneOff = w.ws.triggers(w.atenciones).filter((t) => t.handler === 'runReminders' && t.at !== undefined);
    expect(oneOff).toHaveLength(1);
    // A minute after the import asked for it.
    expect(oneOff[0].at! - r.execution.startedAt).toBeGreaterThanOrEqual(60_000);
    expect(oneOff[0].at! - r.execution.startedAt).toBeLessThanOrEqual(60_000 + r.execution.modeledMs);
    expect(w.ws.project(w.atenciones).documentProperties['SOE_PENDING_REMINDER_RUN']).toBe(oneOff[0].uid);
    imported(w, 'tarde2.csv', makeReport(TOMORROW, 5).bytes);
    expect(w.ws.triggers(w.atenciones).filter((t) => t.handler === 'runReminders' && t.at !== undefined)).toHaveLength(1);
  });
});

describe('walk-ins booked from the panel', () => {
  const w = createAttentionWorld();
  const rosa = { dni: '04567891', fullName: 'Rosa Elvira Condori Apaza', email: 'rosa.condori@gmail.com', phone: '987654321', date: TOMORROW, time: '17:00' };
  const oscar = { dni: '70123456', fullName: 'Óscar Benítez Salazar', email: 'oscar.benitez@gmail.com', date: TOMORROW, time: '17:00' };

  test('two bookings of one slot give one row and one clear refusal; a retry of the first adds nothing', () => {
    const a = bookWalkIn(w.ws, w.atenciones, rosa);
    const b = bookWalkIn(w.ws, w.atenciones, oscar);
    const c = bookWalkIn(w.ws, w.atenciones, rosa);
    expect(a.ok && a.value).toMatchObject({ ok: true, id: expect.stringMatching(/^P-20261128-1700-[0-9A-V]{12}$/), consultant: 'Ana Quispe' });
    const id = a.ok && a.value.ok ? a.value.id : '';
    expect(b.ok && b.value).toMatchObject({
      ok: false,
      message: 'El horario del sábado 28 de noviembre de 2026, 5:00 p. m. ya está reservado para Ana Quispe. Elija otra hora u otro consultor.',
    });
    expect(c.ok && c.value).toMatchObject({ ok: true, alreadyBooked: true });
    const rows = citas(w.ws, w.atenciones).filter((r) => r['Hora'] === '17:00');
    expect(rows.map((r) => [r['ID de cita'], r['DNI'], r['Origen'], r['Estado']])).toEqual([[id, '04567891', 'Sidebar', 'Programada']]);
  });

  test('a second booking arriving while the first holds the lock is refused, not doubled', () => {
    const slot = { date: TOMORROW, time: '17:40' };
    let inner: ReturnType<typeof bookWalkIn> | undefined;
    let lockHeld = false;
    let fired = false;
    // Just after the first booking takes the script lock, a colleague books the same slot.
    for (let k = 1; k <= 60; k++) {
      w.ws.interleave({
        atCall: k,
        match: (e) => !fired && e.functionName === 'bookWalkIn' && (e.methods['Lock.waitLock'] ?? 0) === 1,
        run: () => {
          fired = true;
          lockHeld = w.ws.state.locks.size === 1;
          inner = bookWalkIn(w.ws, w.atenciones, { ...oscar, ...slot });
        },
      });
    }
    const outer = bookWalkIn(w.ws, w.atenciones, { ...rosa, ...slot });
    w.ws.clearFaults();
    expect(fired).toBe(true);
    expect(lockHeld).toBe(true);
    expect(outer.ok && outer.value).toMatchObject({ ok: true, id: expect.stringMatching(/^P-20261128-1740-[0-9A-V]{12}$/) });
    expect(inner!.ok && inner!.value).toMatchObject({ ok: false, message: expect.stringMatching(/^Otra persona o tarea está usando la hoja/) });
    expect(citas(w.ws, w.atenciones).filter((r) => r['Hora'] === '17:40')).toHaveLength(1);
    // Tried again once the first is done, the colleague is told the slot is taken.
    const later = bookWalkIn(w.ws, w.atenciones, { ...oscar, ...slot });
    expect(later.ok && later.value).toMatchObject({ ok: false, message: expect.stringContaining('ya está reservado') });
  });

  test('a walk-in is not cancelled by a later import of the platform report for that day', () => {
    const report = makeReport(TOMORROW, 4);
    const r = imported(w, report.fileName, report.bytes);
    expect(r.counts.cancelled).toBe(0);
    const walkIns = citas(w.ws, w.atenciones).filter((x) => x['Origen'] === 'Sidebar');
    expect(walkIns.map((x) => x['Estado'])).toEqual(['Programada', 'Programada']);
  });
});
