/**
 * Ley 29733's rights in "Atenciones Virtuales" on in-memory ports: a consultant finds everything
 * held on one person by DNI, exports it, corrects it, deletes it; the retention setting
 * anonymises old records at the day closing. Another person's data is in every tab and must come
 * through untouched.
 */
import { runDayClosing } from '../../../src/app/day-closing';
import { Budget } from '../../../src/app/jobs';
import { correctPersonData, deletePersonData } from '../../../src/app/personal-data/change';
import { exportPersonData, findPersonData } from '../../../src/app/personal-data/lookup';
import { applyRetention, RETENTION_RESERVE_MS } from '../../../src/app/personal-data/retention';
import { readSettings } from '../../../src/app/settings';
import { SURVEY_PROPERTY_KEYS } from '../../../src/app/surveys';
import { addLimaDays } from '../../../src/domain/lima-time';
import { DELETED_NAME, REDACTED } from '../../../src/domain/messages/personal-data';
import { APPOINTMENTS_TAB, AUDIT_TAB, REVIEW_TAB, SETTINGS_TAB } from '../../../src/domain/schema';
import type { FieldValue } from '../../../src/domain/table';
import { SURVEY_CODE_QUESTION, SURVEY_COMMENTS_QUESTION, SURVEY_FORM, SURVEY_SCALE_QUESTIONS } from '../../../src/domain/survey-form';
import type { MemoryTable } from '../../support/memory-ports';
import { appointment, at, jobsWorld, TODAY, TOMORROW, type Appt } from './attention-jobs-fixtures';

const DNI = '01234567';
const OTHER_DNI = '45678912';
const LAST_MONTH = addLimaDays(TODAY, -30);
const MARIA: Appt = { dni: DNI, fullName: 'María José Ñahui Huamán', email: 'maria.nahui@gmail.com', phone: '+51 987654321' };
const LUIS: Appt = { dni: OTHER_DNI, fullName: 'Luis Ccori Tupa', email: 'luis.ccori@gmail.com', phone: '+51 912345678' };
const WALK_IN = `P-${LAST_MONTH.replace(/-/g, '')}-0930-${DNI}`;

function answers(code: string, comment: string): Record<string, string> {
  const a: Record<string, string> = { [SURVEY_CODE_QUESTION]: code, [SURVEY_COMMENTS_QUESTION]: comment };
  for (const q of SURVEY_SCALE_QUESTIONS) a[q.title] = '5';
  return a;
}

/**
 * María: an attended appointment last month with a survey answered, a walk-in abandoned last
 * month, items in 'Revisión' and lines in the audit log. Luis: an attended appointment with a
 * survey, his own review item and audit line.
 */
function personWorld(now = at(TODAY, 12)) {
  const w = jobsWorld({ now });
  const formId = w.forms.create(SURVEY_FORM.title);
  w.forms.addItems(formId, SURVEY_FORM.items);
  w.properties.setAll({ [SURVEY_PROPERTY_KEYS.formId]: formId });
  const mariaResponse = w.forms.submit(formId, answers('AV-000101', 'Atención muy buena, soy María de Surco.'), at(LAST_MONTH, 15));
  const luisResponse = w.forms.submit(formId, answers('AV-000202', 'Todo bien.'), at(LAST_MONTH, 16));
  w.add(
    appointment('AV-000101', LAST_MONTH, 10, {
      ...MARIA,
      status: 'Atendida',
      durationMinutes: 32,
      topic: 'Financiamiento',
      notes: 'Quiere formalizar su bodega en Surco.',
      observations: 'Orientada sobre el RUS.',
      reminderStatus: 'enviado',
      surveyStatus: 'enviado',
      surveyScore: 5,
      surveyResponseId: mariaResponse.responseId,
      eventId: 'evmaria101',
      meetUrl: 'https://meet.google.com/abc-defg-hij',
    }),
    appointment(WALK_IN, LAST_MONTH, 9, 30, { ...MARIA, platformCode: '', status: 'Abandonada', abandonReason: 'No se conectó a la videollamada', abandonmentEmail: 'enviado', origin: 'Sidebar' }),
    appointment('AV-000202', LAST_MONTH, 11, { ...LUIS, status: 'Atendida', surveyResponseId: luisResponse.responseId, notes: 'Luis: panadería.' }),
  );
  w.book.table(REVIEW_TAB).append([
    { id: 'REV-000001', at: at(LAST_MONTH, 20), kind: 'Cita sin cerrar', reference: 'AV-000101', detail: 'La cita de María José Ñahui Huamán quedó abierta.', status: 'Resuelto' },
    { id: 'REV-000002', at: at(LAST_MONTH, 8), kind: 'Importación: fila rechazada', reference: 'reporte.csv · fila 4', detail: `Fila 4: ${DNI},María José Ñahui Huamán,maria.nahui@gmail.com,fecha inválida`, status: 'Pendiente' },
    { id: 'REV-000003', at: at(LAST_MONTH, 8), kind: 'Importación: fila rechazada', reference: 'reporte.csv · fila 5', detail: `Fila 5: ${OTHER_DNI},Luis Ccori Tupa,luis.ccori@gmail.com`, status: 'Pendiente' },
  ]);
  w.book.table(AUDIT_TAB).append([
    { at: at(LAST_MONTH, 8), action: 'Importación', target: 'reporte.csv', result: 'Correcto', detail: `Fila 4 rechazada: ${DNI} María José Ñahui Huamán`, execution: 'Panel' },
    { at: at(LAST_MONTH, 10), action: 'Encuesta enviada', target: 'AV-000101', result: 'Correcto', detail: 'maria.nahui@gmail.com', execution: 'Panel' },
    { at: at(LAST_MONTH, 11), action: 'Encuesta enviada', target: 'AV-000202', result: 'Correcto', detail: 'luis.ccori@gmail.com', execution: 'Panel' },
    { at: at(LAST_MONTH, 9, 40), action: 'Cita abandonada', target: WALK_IN, result: 'Correcto', detail: 'No se conectó a la videollamada', execution: 'Panel' },
  ]);
  w.book.newExecution();
  const tab = (name: string) => {
    const [headers, ...rows] = w.book.sheet(name)!.cells;
    return rows.map((r) => Object.fromEntries(headers.map((h, i) => [String(h), r[i]])) as Record<string, unknown>);
  };
  const citas = () => tab('Citas');
  const byId = (id: string) => citas().find((r) => r['ID de cita'] === id);
  const writes = () => ['Citas', 'Revisión', 'Registro de auditoría'].map((n) => (w.book.table({ Citas: APPOINTMENTS_TAB, Revisión: REVIEW_TAB, 'Registro de auditoría': AUDIT_TAB }[n]!) as MemoryTable<string>).writes);
  return { ...w, formId, mariaResponse, luisResponse, tab, citas, byId, writes };
}

describe('finding everything held on one person by DNI', () => {
  test('a value that is not a DNI is refused and nothing is read', () => {
    const w = personWorld();
    for (const typed of ['0123456A', '1234567', '', '=IMPORTXML("http://x")']) {
      const r = findPersonData(w.deps, typed);
      expect(r).toMatchObject({ ok: false, dni: '', records: [], notes: [] });
      expect(r.message).toMatch(/DNI/);
    }
    expect((w.book.table(APPOINTMENTS_TAB) as MemoryTable<string>).reads).toBe(0);
  });

  test("her appointments, her survey response, the review items and audit lines about her; nothing of Luis's", () => {
    const w = personWorld();
    const r = findPersonData(w.deps, ' 0123 4567 ');
    expect(r.ok).toBe(true);
    expect(r.dni).toBe(DNI);
    expect(r.message).toBe(
      'Se encontraron 8 registros del DNI 01234567: 2 citas, 2 ítems de «Revisión», 1 respuesta de la encuesta y 3 líneas del registro de auditoría.',
    );
    const ids = r.records.map((x) => `${x.source}:${x.id}`);
    expect(ids).toEqual([
      'Citas:AV-000101',
      `Citas:${WALK_IN}`,
      `Encuesta de satisfacción:${w.mariaResponse.responseId}`,
      'Revisión:REV-000001',
      'Revisión:REV-000002',
      'Registro de auditoría:Fila 2',
      'Registro de auditoría:Fila 3',
      'Registro de auditoría:Fila 5',
    ]);
    const cita = r.records[0];
    expect(cita.summary).toBe('Cita del 28/10/2026, 10:00 a. m. · Atendida');
    expect(cita.fields).toEqual(expect.arrayContaining([
      { label: 'DNI', value: DNI },
      { label: 'Nombres y apellidos', value: 'María José Ñahui Huamán' },
      { label: 'Notas', value: 'Quiere formalizar su bodega en Surco.' },
      { label: 'Inicio', value: '28/10/2026 10:00' },
    ]));
    expect(r.records[2].fields).toEqual(expect.arrayContaining([{ label: SURVEY_COMMENTS_QUESTION, value: 'Atención muy buena, soy María de Surco.' }]));
    expect(JSON.stringify(r.records)).not.toContain('Luis');
  });

  test('the same person whether the DNI comes as text with its zero or as a number that lost it', () => {
    const w = personWorld();
    expect(findPersonData(w.deps, 1234567).records.length).toBe(findPersonData(w.deps, DNI).records.length);
  });

  test('the notes say what the panel cannot reach: emails sent, Calendar events, the platform', () => {
    const w = personWorld();
    const { notes: all } = findPersonData(w.deps, DNI);
    // This in-memory world records no sibling: the first note says only this spreadsheet was searched.
    expect(all[0]).toMatch(/^Esta hoja no tiene registrada la otra hoja \(«Programación Talleres Masivos»\): solo se muestra lo encontrado aquí\./);
    const notes = all.slice(1);
    expect(notes[0]).toBe(
      'Se enviaron a la persona 1 recordatorio, 1 encuesta de satisfacción y 1 aviso de cita abandonada por correo. Esos correos quedan en la carpeta «Enviados» de la cuenta que los envió y en el buzón de la persona: este panel no puede borrarlos; si la persona lo pide, elimínelos desde Gmail.',
    );
    expect(notes[1]).toMatch(/^Hay 1 evento de Google Calendar de sus citas, con la persona como invitada y su nombre, DNI y celular en la descripción\./);
    expect(notes.some((n) => n.includes('Plataforma de Servicio al Ciudadano'))).toBe(true);
  });

  test('nobody with that DNI: said plainly', () => {
    const w = personWorld();
    expect(findPersonData(w.deps, '87654321')).toMatchObject({ ok: true, records: [], message: 'No se encontró ningún dato del DNI 87654321.' });
  });
});

describe('exporting it (right of access)', () => {
  test('a CSV with one line per field, named by DNI and Lima day, formulas neutralised; the export is audited', () => {
    const w = personWorld();
    w.edit('AV-000101', { fullName: '=HYPERLINK("http://evil.example","Clic")' });
    const r = exportPersonData(w.deps, DNI);
    expect(r.ok).toBe(true);
    expect(r.fileName).toBe('datos-personales-01234567-2026-11-27.csv');
    const lines = r.csv.split('\r\n');
    expect(lines[0]).toBe('Origen,ID,Campo,Valor');
    expect(lines).toContain(`Citas,AV-000101,Nombres y apellidos,"'=HYPERLINK(""http://evil.example"",""Clic"")"`);
    expect(lines).toContain(`Citas,AV-000101,Celular,'+51 987654321`);
    expect(lines).toContain(`Citas,${WALK_IN},Correo,maria.nahui@gmail.com`);
    expect(r.csv.endsWith('\r\n')).toBe(true);
    expect(lines.every((l) => !/^[=+\-@]/.test(l.split(',')[3] ?? ''))).toBe(true);
    expect(w.audit.entries()).toEqual([
      { action: 'Datos personales exportados', target: `AV-000101, ${WALK_IN}`, result: 'Correcto', detail: 'Exportación solicitada por el titular del DNI 01234567 (Ley 29733): 8 registros.' },
    ]);
  });

  test('nothing held, nothing exported', () => {
    const w = personWorld();
    expect(exportPersonData(w.deps, '87654321')).toEqual({ ok: false, message: 'No se encontró ningún dato del DNI 87654321: no hay nada que exportar.', fileName: '', csv: '' });
    expect(w.audit.entries()).toHaveLength(0);
  });
});

describe('correcting it (right of rectification)', () => {
  test('email and phone on every appointment of the DNI; reminders are not sent again; audited without the new values', () => {
    const w = personWorld();
    w.add(appointment('AV-000303', TOMORROW, 9, { ...MARIA, reminderStatus: 'enviado' }));
    const r = correctPersonData(w.deps, DNI, { email: ' Maria.Nahui@Outlook.com ', phone: '(01) 456-7890' });
    expect(r).toMatchObject({ ok: true, changed: 3 });
    expect(r.message).toMatch(/^Se corrigieron los datos correo y celular del DNI 01234567 en 3 citas\. Los recordatorios ya enviados no se vuelven a enviar/);
    for (const id of ['AV-000101', WALK_IN, 'AV-000303']) expect(w.byId(id)).toMatchObject({ Correo: 'Maria.Nahui@outlook.com', Celular: '(01) 456-7890', 'Nombres y apellidos': 'María José Ñahui Huamán' });
    expect(w.byId('AV-000303')!['Recordatorio']).toBe('enviado');
    expect(w.byId('AV-000202')).toMatchObject({ Correo: 'luis.ccori@gmail.com', Celular: '+51 912345678' });
    expect(w.mailer.sent).toHaveLength(0);
    expect(r.lookup!.records[0].fields).toEqual(expect.arrayContaining([{ label: 'Correo', value: 'Maria.Nahui@outlook.com' }]));
    const entry = w.audit.entries()[0];
    expect(entry).toMatchObject({ action: 'Datos personales corregidos', result: 'Correcto' });
    expect(entry.detail).toBe('Rectificación solicitada por el titular del DNI 01234567 (Ley 29733): correo y celular en 3 citas.');
    expect(JSON.stringify(entry)).not.toContain('outlook');
  });

  test('an invalid value is refused with a Spanish message and nothing is written', () => {
    const w = personWorld();
    const r = correctPersonData(w.deps, DNI, { fullName: 'María José', email: 'maria@@gmail' });
    expect(r).toEqual({ ok: false, changed: 0, message: 'No se corrigió nada: «maria@@gmail» no es un correo válido (por ejemplo, nombre@gmail.com).' });
    expect(w.byId('AV-000101')!['Nombres y apellidos']).toBe('María José Ñahui Huamán');
    expect(w.writes()).toEqual([0, 0, 0]);
  });

  test('the same correction twice changes nothing the second time', () => {
    const w = personWorld();
    correctPersonData(w.deps, DNI, { fullName: 'María José Ñahui Huamán de Ríos' });
    w.next();
    const again = correctPersonData(w.deps, DNI, { fullName: '  María José  Ñahui Huamán de Ríos ' });
    expect(again).toMatchObject({ ok: true, changed: 0, message: 'Los datos del DNI 01234567 ya tenían esos valores: no se cambió nada.' });
    expect(w.writes()[0]).toBe(0);
  });
});

describe('deleting it (right of deletion)', () => {
  test('the confirmation must repeat the DNI; otherwise nothing happens', () => {
    const w = personWorld();
    for (const confirmation of ['', '01234568', 'sí', '0123456A']) {
      expect(deletePersonData(w.deps, DNI, confirmation)).toEqual({
        ok: false,
        changed: 0,
        message: 'Para confirmar la eliminación, escriba otra vez el DNI 01234567 en la casilla de confirmación. No se eliminó nada.',
      });
    }
    expect(w.writes()).toEqual([0, 0, 0]);
    expect(w.forms.forms.get(w.formId)!.responses).toHaveLength(2);
    // The DNI confirmed in another way of writing it is the same DNI.
    expect(deletePersonData(w.deps, ' 0123 4567', 1234567).ok).toBe(true);
  });

  test('refused while she has an appointment still to happen, naming it', () => {
    const w = personWorld();
    w.add(appointment('AV-000303', TOMORROW, 9, MARIA));
    const r = deletePersonData(w.deps, DNI, DNI);
    expect(r.ok).toBe(false);
    expect(r.message).toBe(
      'El DNI 01234567 tiene una cita programada el sábado 28 de noviembre de 2026, 9:00 a. m. (ID AV-000303). Cancele primero la cita (en la plataforma y, en el panel, con «Cancelar cita») o espere a que termine, y vuelva a intentarlo. No se eliminó nada.',
    );
    expect(w.writes()).toEqual([0, 0, 0]);
    w.edit('AV-000303', { status: 'Cancelada' });
    w.next();
    expect(deletePersonData(w.deps, DNI, DNI).ok).toBe(true);
  });

  test('her rows keep IDs, dates, statuses and scores, and nothing that identifies her; her response leaves the form', () => {
    const w = personWorld();
    const r = deletePersonData(w.deps, DNI, DNI);
    expect(r.ok).toBe(true);
    expect(r.message).toBe(
      'Se eliminaron los datos del DNI 01234567: 2 citas, 2 ítems de «Revisión», 1 respuesta de la encuesta y 3 líneas del registro de auditoría. Las citas e inscripciones se conservan sin datos personales (fecha, estado, módulo) para las estadísticas.',
    );
    expect(r.changed).toBe(8);
    const cita = w.byId('AV-000101')!;
    expect(cita).toMatchObject({
      DNI: '',
      'Tipo doc.': '',
      'Nombres y apellidos': DELETED_NAME,
      Correo: '',
      Celular: '',
      Notas: '',
      'Enlace Meet': '',
      Observaciones: 'Datos personales eliminados el 27/11/2026 a pedido del titular (Ley 29733).',
      Estado: 'Atendida',
      'Duración (min)': 32,
      'Puntaje encuesta': 5,
      'Tema de consulta': 'Financiamiento',
    });
    // The walk-in's ID was made of her DNI: it gets one without it.
    const anon = WALK_IN.replace(DNI, 'ANON');
    expect(w.byId(WALK_IN)).toBeUndefined();
    expect(w.byId(anon)).toMatchObject({ 'Nombres y apellidos': DELETED_NAME, Estado: 'Abandonada', 'Motivo de abandono': 'No se conectó a la videollamada' });
    expect(w.forms.forms.get(w.formId)!.responses.map((x) => x.responseId)).toEqual([w.luisResponse.responseId]);
    expect(JSON.stringify(w.citas())).not.toMatch(/01234567|Ñahui|maria\.nahui|987654321/);
    // Luis is untouched.
    expect(w.byId('AV-000202')).toMatchObject({ DNI: OTHER_DNI, 'Nombres y apellidos': 'Luis Ccori Tupa', Notas: 'Luis: panadería.' });
  });

  test("'Revisión' and the audit log keep what happened, not who it happened to", () => {
    const w = personWorld();
    deletePersonData(w.deps, DNI, DNI);
    const review = w.tab('Revisión');
    expect(review.map((x) => x['Detalle'])).toEqual([
      'Detalle eliminado el 27/11/2026 a pedido del titular de los datos (Ley 29733).',
      'Detalle eliminado el 27/11/2026 a pedido del titular de los datos (Ley 29733).',
      `Fila 5: ${OTHER_DNI},Luis Ccori Tupa,luis.ccori@gmail.com`,
    ]);
    expect(review[0]['Referencia']).toBe('AV-000101');
    const audit = w.tab('Registro de auditoría');
    expect(audit.map((x) => [x['Para'], x['Detalle']])).toEqual([
      ['reporte.csv', `Fila 4 rechazada: ${REDACTED} ${REDACTED}`],
      ['AV-000101', REDACTED],
      ['AV-000202', 'luis.ccori@gmail.com'],
      [WALK_IN.replace(DNI, 'ANON'), 'No se conectó a la videollamada'],
    ]);
    const line = w.audit.entries().find((e) => e.action === 'Datos personales eliminados')!;
    expect(line).toMatchObject({ target: `AV-000101, ${WALK_IN.replace(DNI, 'ANON')}`, result: 'Correcto' });
    expect(JSON.stringify(line)).not.toContain(DNI);
  });

  test('an earlier export, logged with the DNI, loses it too', () => {
    const w = personWorld();
    exportPersonData(w.deps, DNI);
    w.next(); // the export's line is written to the audit tab
    w.book.table(AUDIT_TAB).append(w.audit.entries().map((e) => ({ at: at(TODAY, 11), action: e.action, target: e.target, result: e.result, detail: e.detail })));
    w.book.newExecution();
    deletePersonData(w.deps, DNI, DNI);
    const exported = w.tab('Registro de auditoría').find((x) => x['Acción'] === 'Datos personales exportados')!;
    expect(exported['Detalle']).toBe(`Exportación solicitada por el titular del DNI ${REDACTED} (Ley 29733): 8 registros.`);
  });

  test('run twice: the second time finds nothing and writes nothing', () => {
    const w = personWorld();
    deletePersonData(w.deps, DNI, DNI);
    w.next();
    const before = JSON.stringify([w.citas(), w.tab('Revisión'), w.tab('Registro de auditoría')]);
    const again = deletePersonData(w.deps, DNI, DNI);
    expect(again).toMatchObject({ ok: true, changed: 0, message: 'No se encontró ningún dato del DNI 01234567: no hay nada que eliminar.' });
    expect(w.writes()).toEqual([0, 0, 0]);
    expect(JSON.stringify([w.citas(), w.tab('Revisión'), w.tab('Registro de auditoría')])).toBe(before);
    expect(findPersonData(w.deps, DNI).records).toEqual([]);
  });

  test('when the form refuses to delete her response, the sheets are left as they were and a retry finishes', () => {
    const w = personWorld();
    w.forms.deleteFailures.push(new Error('Service unavailable: Forms'));
    const r = deletePersonData(w.deps, DNI, DNI);
    expect(r).toMatchObject({ ok: false, changed: 0 });
    expect(r.message).toContain('No se pudo eliminar una respuesta de la encuesta (Service unavailable: Forms)');
    expect(w.byId('AV-000101')!['DNI']).toBe(DNI);
    expect(w.writes()).toEqual([0, 0, 0]);
    w.next();
    expect(deletePersonData(w.deps, DNI, DNI)).toMatchObject({ ok: true, changed: 8 });
  });
});

// ---------------------------------------------------------------------------- retention

function setRetention(w: ReturnType<typeof jobsWorld>, value: string): void {
  w.book.table(SETTINGS_TAB).update([{ id: 'Meses de conservación de datos personales', fields: { value } }]);
  w.book.newExecution();
}

/** Closed appointments spread over two years, each with a survey response, plus one left open long ago. */
function retentionWorld(oldCount: number) {
  const w = personWorld(at(TODAY, 20));
  const rows: Appt[] = [];
  for (let i = 0; i < oldCount; i++) {
    const day = addLimaDays('2025-01-10', i);
    const id = `AV-9${String(i).padStart(5, '0')}`;
    const response = w.forms.submit(w.formId, answers(id, 'Bien'), at(day, 15));
    const extra: Record<string, FieldValue> = { dni: String(20000000 + i), fullName: `Persona ${i}`, email: `p${i}@gmail.com`, status: i % 3 === 0 ? 'Abandonada' : 'Atendida', surveyResponseId: response.responseId };
    rows.push(appointment(id, day, 10, extra));
  }
  rows.push(appointment('AV-OPEN', '2025-01-05', 10, { dni: '30000000', fullName: 'Sin Cerrar', status: 'Programada' }));
  w.add(...rows);
  w.book.table(REVIEW_TAB).append([{ id: 'REV-000009', at: at('2025-01-10', 20), kind: 'Cita sin cerrar', reference: 'AV-900000', detail: 'La cita de Persona 0 quedó abierta.', status: 'Resuelto' }]);
  w.book.table(AUDIT_TAB).append([{ at: at('2025-01-10', 10), action: 'Encuesta enviada', target: 'AV-900000', result: 'Correcto', detail: 'p0@gmail.com', execution: 'Panel' }]);
  w.book.newExecution();
  setRetention(w, '12 meses');
  return w;
}

describe('the retention setting', () => {
  test("'Meses de conservación de datos personales': empty means never; a bad value is said and ignored", () => {
    const w = personWorld();
    expect(readSettings(w.book.table(SETTINGS_TAB)).settings.retentionMonths).toBeNull();
    setRetention(w, '24');
    expect(readSettings(w.book.table(SETTINGS_TAB)).settings.retentionMonths).toBe(24);
    setRetention(w, 'dos años');
    const bad = readSettings(w.book.table(SETTINGS_TAB));
    expect(bad.settings.retentionMonths).toBeNull();
    expect(bad.problems).toContain(
      'El valor «dos años» de «Meses de conservación de datos personales» no es válido; se usa el valor vacío (no se anonimiza nada). Corríjalo en la pestaña «Configuración».',
    );
    setRetention(w, '0');
    expect(readSettings(w.book.table(SETTINGS_TAB)).settings.retentionMonths).toBeNull();
  });

  test('empty: nothing is read beyond the settings and nothing changes', () => {
    const w = retentionWorld(3);
    setRetention(w, '');
    expect(applyRetention(w.deps, w.clock.now())).toMatchObject({ months: null, anonymised: 0 });
    expect(w.writes()).toEqual([0, 0, 0]);
    expect(w.audit.entries()).toHaveLength(0);
  });

  test('closed appointments older than 12 months are anonymised with their responses; recent and open ones stay', () => {
    const w = retentionWorld(5);
    const r = applyRetention(w.deps, w.clock.now());
    expect(r).toMatchObject({ months: 12, anonymised: 5, responsesDeleted: 5, left: 0 });
    expect(r.cutoff).toEqual(at('2025-11-27', 0));
    for (let i = 0; i < 5; i++) {
      expect(w.byId(`AV-9${String(i).padStart(5, '0')}`)).toMatchObject({
        DNI: '',
        'Nombres y apellidos': DELETED_NAME,
        Correo: '',
        Observaciones: 'Datos personales anonimizados el 27/11/2026: pasó el plazo de conservación de 12 meses (Ley 29733).',
      });
    }
    expect(w.byId('AV-OPEN')).toMatchObject({ DNI: '30000000', 'Nombres y apellidos': 'Sin Cerrar' });
    expect(w.byId('AV-000101')).toMatchObject({ DNI: DNI });
    expect(w.forms.forms.get(w.formId)!.responses.map((x) => x.responseId)).toEqual([w.mariaResponse.responseId, w.luisResponse.responseId]);
    const review = w.tab('Revisión').find((x) => x['ID de revisión'] === 'REV-000009')!;
    expect(review['Detalle']).toBe('Detalle eliminado el 27/11/2026: pasó el plazo de conservación de datos personales (Ley 29733).');
    const audit = w.tab('Registro de auditoría');
    expect(audit.find((x) => x['Para'] === 'AV-900000')!['Detalle']).toBe('Detalle eliminado el 27/11/2026: pasó el plazo de conservación de datos personales (Ley 29733).');
    expect(audit.find((x) => x['Para'] === 'AV-000202')!['Detalle']).toBe('luis.ccori@gmail.com'); // last month: kept
    expect(w.audit.entries()).toEqual([
      {
        action: 'Conservación de datos personales',
        result: 'Correcto',
        detail: 'Plazo de conservación de 12 meses (datos anteriores al 27/11/2025): 5 citas anonimizadas, 5 respuestas de encuesta eliminadas, 1 ítem de «Revisión» sin detalle y 1 línea de auditoría sin detalle.',
      },
    ]);
  });

  test('Sheets writes do not grow with the rows: 5 or 60 expired appointments, the same writes', () => {
    const count = (n: number) => {
      const w = retentionWorld(n);
      applyRetention(w.deps, w.clock.now());
      return w.writes();
    };
    const few = count(5);
    expect(count(60)).toEqual(few);
    expect(few.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6);
  });

  test('run again, nothing changes', () => {
    const w = retentionWorld(4);
    applyRetention(w.deps, w.clock.now());
    w.next();
    const again = applyRetention(w.deps, w.clock.now());
    expect(again).toMatchObject({ anonymised: 0, responsesDeleted: 0, reviewRedacted: 0, auditRedacted: 0 });
    expect(w.writes()).toEqual([0, 0, 0]);
    expect(w.audit.entries()).toHaveLength(1); // only the first run's line
  });

  test('when time runs out, appointments whose response is still in the form wait for the next closing', () => {
    const w = retentionWorld(6);
    const forms = w.forms;
    const original = forms.deleteResponse.bind(forms);
    forms.deleteResponse = (formId: string, id: string) => {
      w.clock.tick(1000); // each Forms call costs a second
      return original(formId, id);
    };
    const budget = new Budget(w.clock, RETENTION_RESERVE_MS + 2_500); // room for three deletions
    const r = applyRetention(w.deps, w.clock.now(), budget);
    expect(r).toMatchObject({ anonymised: 3, responsesDeleted: 3, left: 3 });
    expect(w.byId('AV-900003')).toMatchObject({ DNI: '20000003' });
    expect(w.byId('AV-900003')!['ID respuesta encuesta']).not.toBe('');
    expect(w.audit.entries()[0].detail).toContain('Quedan 3 citas para el próximo cierre');
    w.next(at(TOMORROW, 20));
    expect(applyRetention(w.deps, w.clock.now())).toMatchObject({ anonymised: 3, responsesDeleted: 3, left: 0 });
  });

  test('the day closing applies it, after its own work', () => {
    const w = retentionWorld(2);
    const r = runDayClosing(w.deps);
    expect(r.retention).toMatchObject({ months: 12, anonymised: 2 });
    expect(w.byId('AV-900001')!['Nombres y apellidos']).toBe(DELETED_NAME);
    const actions = w.audit.entries().map((e) => e.action);
    expect(actions.indexOf('Conservación de datos personales')).toBeLessThan(actions.indexOf('Cierre del día'));
  });
});
