/**
 * Ley 29733's rights with the built bundle in the emulator. The platform's report brings three
 * appointments: two of María (same DNI; the second with a name someone typed as a formula), one
 * of Luis. The consultant attends María's first and Luis's, abandons María's second; both
 * citizens answer the survey. Then, from the panel, the consultant finds María by DNI, exports her
 * data, corrects her phone and deletes her, as a consultant would for a request; later the
 * retention setting anonymises Luis's appointment at a day closing.
 */
import type { Workspace } from '../../emulator';
import { formsStore, parsePrefilledUrl } from '../../emulator/services/forms';
import type { PersonChangeResult, PersonExport, PersonLookupResult } from '../../src/api';
import { SURVEY_CODE_QUESTION, SURVEY_FORM } from '../../src/domain/survey-form';
import { citas, createAttentionWorld, importReport, makeReport, setSetting, surveyAnswers } from '../support/attention-world';

const TODAY = '2026-11-27';
const FORMULA_NAME = '=HYPERLINK("http://evil.example","Clic aquí")';

function call<T>(ws: Workspace, ss: string, fn: string, args: unknown[]): T {
  const r = ws.callFromSidebar(ss, fn, args);
  if (!r.ok) throw new Error(`${fn}: ${r.error}`);
  return r.value as T;
}

describe("one person's data, by DNI", () => {
  const w = createAttentionWorld();
  const { ws, atenciones } = w;
  const report = makeReport(TODAY, 3, {
    startTime: '10:00',
    slotMinutes: 60,
    consultants: ['Ana Quispe'],
    edit: (rows) => {
      rows[1] = { ...rows[1], dni: rows[0].dni, email: rows[0].email, phone: rows[0].phone, names: 'María', lastNames: 'Ñahui', service: FORMULA_NAME };
      return rows;
    },
  });
  const [maria1, maria2, luis] = report.rows;
  const dni = maria1.dni; // '01234567': starts with a zero
  let formId = '';

  const answer = (email: string, comment: string) => {
    const mail = ws.outbox().find((m) => m.to.includes(email) && /Encuesta de Satisfacción/.test(m.subject))!;
    const { formId: id, answers } = parsePrefilledUrl(ws.state, /Responda la encuesta aquí: (\S+)/.exec(mail.body)![1]);
    // The code comes prefilled from the link (answers by item ID); the citizen answers the rest.
    const rest: Record<string, string> = surveyAnswers('', [5, 4, 5, 4], comment);
    delete rest[SURVEY_CODE_QUESTION];
    ws.submitForm(id, { ...answers, ...rest });
  };
  const responses = () => formsStore(ws.state).get(formId)!.responses.map((r) => r.id);
  const row = (code: string) => citas(ws, atenciones).find((r) => r['ID de cita'] === code);
  const tabText = (tab: string) => JSON.stringify(ws.values(atenciones, tab));

  beforeAll(() => {
    const imported = importReport(ws, atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    formId = ws.forms().find((f) => f.title === SURVEY_FORM.title)!.id;
    ws.advanceTo(`${TODAY}T10:01`);
    call(ws, atenciones, 'startAttention', [maria1.code]);
    ws.advanceTo(`${TODAY}T10:33`);
    call(ws, atenciones, 'finishAttention', [maria1.code, { observations: 'Se orientó sobre el RUS.' }]);
    answer(maria1.email, 'Muy buena atención; soy de Surco.');
    ws.advanceTo(`${TODAY}T11:07`);
    call(ws, atenciones, 'abandonAppointment', [maria2.code, { reason: 'No se conectó a la videollamada' }]);
    ws.advanceTo(`${TODAY}T12:01`);
    call(ws, atenciones, 'startAttention', [luis.code]);
    ws.advanceTo(`${TODAY}T12:36`);
    call(ws, atenciones, 'finishAttention', [luis.code, {}]);
    answer(luis.email, 'Todo bien.');
    ws.advanceTo(`${TODAY}T13:00`);
  });

  test('a DNI with letters is refused and nothing is searched', () => {
    const r = ws.callFromSidebar(atenciones, 'findPersonData', ['0123456A']);
    expect(r.ok && r.value).toMatchObject({ ok: false, records: [] });
    expect((r.ok && (r.value as PersonLookupResult).message) || '').toContain('no es un DNI válido');
    expect(r.execution.calls.Sheets ?? 0).toBe(0);
    // …whereas a real DNI reads the tabs.
    expect(ws.callFromSidebar(atenciones, 'findPersonData', ['87654321']).execution.calls.Sheets).toBeGreaterThan(0);
  });

  test('found by DNI (typed with a space): her two appointments, her survey answer, the audit lines about her', () => {
    const r = call<PersonLookupResult>(ws, atenciones, 'findPersonData', [` ${dni.slice(0, 4)} ${dni.slice(4)} `]);
    expect(r.ok).toBe(true);
    expect(r.dni).toBe(dni);
    const bySource = (s: string) => r.records.filter((x) => x.source === s).map((x) => x.id);
    expect(bySource('Citas')).toEqual([maria1.code, maria2.code]);
    expect(bySource('Encuesta de satisfacción')).toHaveLength(1);
    // The survey sent to her is logged with her email: the deletion below must take it out.
    const auditText = JSON.stringify(r.records.filter((x) => x.source === 'Registro de auditoría'));
    expect(auditText).toContain(maria1.email);
    const survey = r.records.find((x) => x.source === 'Encuesta de satisfacción')!;
    expect(survey.fields).toEqual(expect.arrayContaining([{ label: '¿Qué podríamos mejorar? (opcional)', value: 'Muy buena atención; soy de Surco.' }]));
    expect(JSON.stringify(r.records)).not.toContain(luis.email);
    expect(r.notes.join(' ')).toMatch(/1 recordatorio|2 recordatorios/);
    expect(r.notes.join(' ')).toContain('Google Calendar');
  });

  test('exported as a CSV that runs no formula, and the export is in the audit log', () => {
    const r = call<PersonExport>(ws, atenciones, 'exportPersonData', [dni]);
    expect(r.ok).toBe(true);
    expect(r.fileName).toBe(`datos-personales-${dni}-${TODAY}.csv`);
    const lines = r.csv.split('\r\n');
    expect(lines[0]).toBe('Origen,ID,Campo,Valor');
    expect(lines).toContain(`Citas,${maria2.code},Servicio,"'=HYPERLINK(""http://evil.example"",""Clic aquí"")"`);
    expect(lines).toContain(`Citas,${maria1.code},DNI,${dni}`);
    const audit = ws.readTab(atenciones, 'Registro de auditoría').filter((x) => x['Acción'] === 'Datos personales exportados');
    expect(audit).toHaveLength(1);
    expect(String(audit[0]['Detalle'])).toContain(`DNI ${dni}`);
    expect(String(audit[0]['Ejecución'])).toContain(w.user);
  });

  test("an export that read the audit log whole never writes its line over one another execution added meanwhile", () => {
    // Where the export takes the script lock to write its audit line (after reading the tabs):
    const dry = ws.callFromSidebar(atenciones, 'exportPersonData', [dni]).execution.sequence;
    const lockCall = dry.findIndex((m) => /waitLock|tryLock/.test(m)) + 1;
    expect(lockCall).toBeGreaterThan(0);
    const before = ws.readTab(atenciones, 'Registro de auditoría').length;
    // Just before it, a colleague corrects Luis's name: that execution appends its own audit line.
    ws.interleave({
      atCall: lockCall,
      match: (e) => e.functionName === 'exportPersonData',
      run: () => void call(ws, atenciones, 'correctPersonData', [luis.dni, { fullName: 'Luis Ccori Tupa' }]),
    });
    call(ws, atenciones, 'exportPersonData', [dni]);
    const lines = ws.readTab(atenciones, 'Registro de auditoría');
    expect(lines).toHaveLength(before + 2);
    expect(lines.filter((x) => x['Acción'] === 'Datos personales corregidos')).toHaveLength(1);
    expect(lines[lines.length - 1]['Acción']).toBe('Datos personales exportados');
  });

  test('a correction of her phone reaches both rows; an invalid email changes nothing', () => {
    const bad = call<PersonChangeResult>(ws, atenciones, 'correctPersonData', [dni, { email: 'maria@', phone: '999 888 777' }]);
    expect(bad).toMatchObject({ ok: false, changed: 0 });
    expect(row(maria1.code)!['Celular']).not.toBe('+51 999888777');
    const good = call<PersonChangeResult>(ws, atenciones, 'correctPersonData', [dni, { phone: '999 888 777' }]);
    expect(good).toMatchObject({ ok: true, changed: 2 });
    expect([row(maria1.code)!['Celular'], row(maria2.code)!['Celular']]).toEqual(['+51 999888777', '+51 999888777']);
    expect(row(luis.code)!['Celular']).not.toBe('+51 999888777');
  });

  test('deletion: the confirmation must repeat the DNI', () => {
    const r = call<PersonChangeResult>(ws, atenciones, 'deletePersonData', [dni, '01234568']);
    expect(r).toMatchObject({ ok: false, changed: 0 });
    expect(row(maria1.code)!['DNI']).toBe(dni);
  });

  test('deleted: her rows anonymised, her survey answer gone from the form, no trace of her in any tab', () => {
    const luisResponse = String(row(luis.code)!['ID respuesta encuesta']);
    expect(responses()).toHaveLength(2);
    const r = call<PersonChangeResult>(ws, atenciones, 'deletePersonData', [dni, dni]);
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/^Se eliminaron los datos del DNI 01234567: 2 citas, .*1 respuesta de la encuesta/);
    expect(r.lookup).toMatchObject({ ok: true, records: [] });
    for (const code of [maria1.code, maria2.code]) {
      expect(row(code)).toMatchObject({ DNI: '', 'Nombres y apellidos': 'Datos eliminados (Ley 29733)', Correo: '', Celular: '', 'Enlace Meet': '' });
    }
    expect(row(maria1.code)!['Estado']).toBe('Atendida');
    expect(row(maria2.code)!['Estado']).toBe('Abandonada');
    expect(responses()).toEqual([luisResponse]);
    for (const tab of ['Citas', 'Revisión', 'Registro de auditoría']) {
      const text = tabText(tab);
      expect(text).not.toContain(dni);
      expect(text.toLowerCase()).not.toContain(maria1.email.toLowerCase());
      expect(text).not.toContain('999888777');
    }
    expect(tabText('Citas')).toContain(luis.email);
    const line = ws.readTab(atenciones, 'Registro de auditoría').find((x) => x['Acción'] === 'Datos personales eliminados')!;
    expect(line['Para']).toBe(`${maria1.code}, ${maria2.code}`);
  });

  test('deleting again finds nothing and changes nothing', () => {
    const before = [tabText('Citas'), tabText('Revisión')];
    const r = call<PersonChangeResult>(ws, atenciones, 'deletePersonData', [dni, dni]);
    expect(r).toMatchObject({ ok: true, changed: 0, message: `No se encontró ningún dato del DNI ${dni}: no hay nada que eliminar.` });
    expect([tabText('Citas'), tabText('Revisión')]).toEqual(before);
  });

  test('the retention setting anonymises old closed appointments at the day closing', () => {
    // A month later, with 1 month of retention: Luis's appointment of 27 November has expired.
    ws.advanceTo('2026-12-28T19:00');
    setSetting(ws, atenciones, 'Meses de conservación de datos personales', '1');
    const fired = ws.advanceTo('2026-12-28T20:10').filter((e) => e.functionName === 'runDayClosing');
    expect(fired.map((e) => e.status)).toEqual(['completed']);
    expect(row(luis.code)).toMatchObject({ DNI: '', 'Nombres y apellidos': 'Datos eliminados (Ley 29733)', Correo: '', Estado: 'Atendida' });
    expect(String(row(luis.code)!['Observaciones'])).toContain('pasó el plazo de conservación de 1 mes');
    expect(responses()).toEqual([]);
    const audit = ws.readTab(atenciones, 'Registro de auditoría');
    expect(JSON.stringify(audit)).not.toContain(luis.email);
    expect(audit.some((x) => x['Acción'] === 'Conservación de datos personales')).toBe(true);
  });
});
