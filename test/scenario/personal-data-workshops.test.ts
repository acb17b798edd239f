/**
 * Ley 29733's rights over BOTH spreadsheets, with the built bundle in the emulator. María
 * (DNI 01234567) had an attention in "Atenciones" and registered twice in "Talleres" (one module
 * still open, one closed; her registration name came in as a formula), attended a session, was
 * invited at two addresses and unsubscribed one of them; Luis registered too and must stay
 * untouched. The registrations, attendance, invitations and unsubscribes are put in the Talleres
 * sheet directly (the registration code is built elsewhere); the registration form is a real
 * emulator form with María's response. The consultants find, export, correct and delete her from
 * either spreadsheet; a search by email finds an address that has only an unsubscribe.
 */
import type { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import { formsStore } from '../../emulator/services/forms';
import type { PersonChangeResult, PersonExport, PersonLookupResult } from '../../src/api';
import { unsubscribeChecker, unsubscribeKey } from '../../src/domain/unsubscribe-key';
import { createAttentionWorld, importReport, makeReport } from '../support/attention-world';
import { createRegistrationForm, putRows } from '../support/workshop-rows';

const TODAY = '2026-11-27';
const FORMULA_NAME = '=HYPERLINK("http://evil.example","Clic aquí")';
const WORK_EMAIL = 'maria.trabajo@empresa.pe';
const ONLY_UNSUBSCRIBED = 'solo.baja@correo.pe';

function call<T>(ws: Workspace, ss: string, fn: string, args: unknown[]): T {
  const r = ws.callFromSidebar(ss, fn, args);
  if (!r.ok) throw new Error(`${fn}: ${r.error}`);
  return r.value as T;
}

describe("one person's data across both spreadsheets", () => {
  const w = createAttentionWorld();
  const { ws, atenciones, talleres } = w;
  const report = makeReport(TODAY, 2, { startTime: '10:00', slotMinutes: 60, consultants: ['Ana Quispe'] });
  const [maria, luis] = report.rows;
  const dni = maria.dni;
  let formId = '';
  let mariaResponse = '';
  let luisResponse = '';

  const tab = (ss: string, name: string) => ws.readTab(ss, name);
  const registration = (id: string) => tab(talleres, 'Inscripciones').find((r) => r['ID de inscripción'] === id)!;

  beforeAll(() => {
    const imported = importReport(ws, atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');

    // The registration form (built by the registration code; here a plain form with two questions).
    formId = createRegistrationForm(ws, talleres, w.user);
    mariaResponse = ws.submitForm(formId, { 'Nombres y apellidos': 'María Ñahui', DNI: dni }).responseId;
    luisResponse = ws.submitForm(formId, { 'Nombres y apellidos': 'Luis', DNI: luis.dni }).responseId;

    putRows(ws, talleres, 'Módulos', [
      { 'ID de módulo': 'MOD-2026-01', Módulo: 'Aprende a Emprender I', Estado: 'Inscripción abierta' },
      { 'ID de módulo': 'MOD-2026-00', Módulo: 'Aprende a Emprender 0', Estado: 'Cerrado' },
    ]);
    putRows(ws, talleres, 'Inscripciones', [
      {
        'ID de inscripción': 'INS-000101',
        'ID de módulo': 'MOD-2026-01',
        'ID de respuesta': mariaResponse,
        'Tipo doc.': 'DNI',
        DNI: dni,
        'Nombres y apellidos': `'${FORMULA_NAME}`,
        Correo: maria.email,
        Celular: maria.phone,
        Región: 'Lima',
        Sector: 'Gastronomía',
        Preguntas: '¿Puedo ir con mi socia? Mi DNI es 0123 4567.',
        Consentimiento: true,
        'Versión del aviso': 'AV-2026-11',
        'Acepta novedades': true,
        Estado: 'Inscrito',
      },
      {
        'ID de inscripción': 'INS-000090',
        'ID de módulo': 'MOD-2026-00',
        DNI: dni,
        'Nombres y apellidos': 'María Ñahui',
        Correo: WORK_EMAIL,
        Consentimiento: true,
        'Versión del aviso': 'AV-2026-01',
        'Acepta novedades': false,
        Estado: 'Inscrito',
      },
      {
        'ID de inscripción': 'INS-000102',
        'ID de módulo': 'MOD-2026-01',
        'ID de respuesta': luisResponse,
        DNI: luis.dni,
        'Nombres y apellidos': 'Luis Rojas',
        Correo: luis.email,
        Consentimiento: true,
        Estado: 'Inscrito',
      },
    ]);
    putRows(ws, talleres, 'Asistencia', [
      { 'ID de asistencia': 'ASI-000001', 'ID de sesión': 'SES-000001', 'ID de módulo': 'MOD-2026-00', DNI: dni, 'Nombres y apellidos': 'María Ñahui', Asistió: true },
      { 'ID de asistencia': 'ASI-000002', 'ID de sesión': 'SES-000001', 'ID de módulo': 'MOD-2026-00', DNI: luis.dni, 'Nombres y apellidos': 'Luis Rojas', Asistió: true },
    ]);
    putRows(ws, talleres, 'Invitaciones', [
      { 'ID de invitación': 'INV-000001', 'ID de módulo': 'MOD-2026-01', Correo: maria.email.toUpperCase(), Nombre: 'María', Origen: 'Atención', 'Base legal': 'Consentimiento en la atención' },
      { 'ID de invitación': 'INV-000002', 'ID de módulo': 'MOD-2026-01', Correo: WORK_EMAIL, Origen: 'Inscripción anterior', 'Base legal': 'Relación previa' },
      { 'ID de invitación': 'INV-000003', 'ID de módulo': 'MOD-2026-01', Correo: luis.email, Origen: 'Atención', 'Base legal': 'Consentimiento en la atención' },
    ]);
    putRows(ws, talleres, 'Bajas de difusión', [
      { Correo: WORK_EMAIL, Medio: 'Enlace del correo' },
      { Correo: ONLY_UNSUBSCRIBED, Medio: 'Enlace del correo' },
    ]);
    // The attention is over: the next day, nothing of María is still to happen.
    ws.advanceTo('2026-11-28T09:00');
  });

  test('from "Talleres", a search by DNI finds her appointment there and everything here, with consent and notice version', () => {
    const r = call<PersonLookupResult>(ws, talleres, 'findPersonData', ['0123 4567']);
    expect(r.ok).toBe(true);
    const by = (source: string) => r.records.filter((x) => x.source === source);
    expect(by('Citas').map((x) => x.id)).toEqual([maria.code]);
    expect(by('Inscripciones').map((x) => x.id).sort()).toEqual(['INS-000090', 'INS-000101']);
    expect(by('Asistencia').map((x) => x.id)).toEqual(['ASI-000001']);
    expect(by('Formulario de inscripción').map((x) => x.id)).toEqual([mariaResponse]);
    expect(by('Invitaciones').map((x) => x.id).sort()).toEqual(['INV-000001', 'INV-000002']);
    expect(by('Bajas de difusión')).toHaveLength(1);
    const open = by('Inscripciones').find((x) => x.id === 'INS-000101')!;
    const field = (label: string) => open.fields.find((f) => f.label === label)?.value;
    expect([field('Consentimiento'), field('Versión del aviso'), field('Acepta novedades')]).toEqual(['Sí', 'AV-2026-11', 'Sí']);
    const invitation = by('Invitaciones').find((x) => x.id === 'INV-000001')!;
    expect(invitation.fields).toEqual(expect.arrayContaining([{ label: 'Origen', value: 'Atención' }, { label: 'Base legal', value: 'Consentimiento en la atención' }]));
    expect(r.notes.join(' ')).toMatch(/baja de difusión se conserva/);
    // Luis is not in María's answer.
    expect(JSON.stringify(r)).not.toContain(luis.dni);
  });

  test('from "Atenciones", the export carries the consent, its notice version and the formula-like name as text', () => {
    const r = call<PersonExport>(ws, atenciones, 'exportPersonData', [dni]);
    expect(r.ok).toBe(true);
    expect(r.csv).toContain('Inscripciones,INS-000101,Versión del aviso,AV-2026-11');
    expect(r.csv).toContain('Inscripciones,INS-000101,Consentimiento,Sí');
    expect(r.csv).toContain('Inscripciones,INS-000090,Acepta novedades,No');
    // No line of the file starts a cell with '=' (CSV injection).
    expect(r.csv).not.toMatch(/(^|[,;\n])"?=/);
    expect(r.csv).toContain('Nombres y apellidos,"\'=HYPERLINK');
  });

  test('a search by email finds an address that only unsubscribed; hostile input is refused without searching', () => {
    const r = call<PersonLookupResult>(ws, atenciones, 'findPersonData', [` ${ONLY_UNSUBSCRIBED.toUpperCase()} `]);
    expect(r).toMatchObject({ ok: true, dni: ONLY_UNSUBSCRIBED });
    expect(r.records.map((x) => x.source)).toEqual(['Bajas de difusión']);
    for (const typed of ['=cmd|"/c calc"!A1', '@SUM(1)', 'a@b', '+51 987']) {
      const bad = call<PersonLookupResult>(ws, talleres, 'findPersonData', [typed]);
      expect(bad).toMatchObject({ ok: false, records: [] });
    }
  });

  test('a correction from "Talleres" reaches her appointments and her registrations; a formula is refused', () => {
    const refused = call<PersonChangeResult>(ws, talleres, 'correctPersonData', [dni, { fullName: '=1+1' }]);
    expect(refused.ok).toBe(false);
    // (The name is left as it is: a deletion redacts the names the rows hold then, see the report's limits.)
    const r = call<PersonChangeResult>(ws, talleres, 'correctPersonData', [dni, { phone: '987 111 222' }]);
    expect(r).toMatchObject({ ok: true });
    expect(r.message).toMatch(/inscripciones a talleres/);
    expect(registration('INS-000101').Celular).toBe('+51 987111222');
    expect(registration('INS-000090').Celular).toBe('+51 987111222');
    expect(registration('INS-000102')['Nombres y apellidos']).toBe('Luis Rojas');
    const cita = tab(atenciones, 'Citas').find((x) => x['ID de cita'] === maria.code)!;
    expect(cita.Celular).toBe('+51 987111222');
    expect(ws.formulas(talleres, 'Inscripciones').flat().filter((f) => f !== '')).toEqual([]);
  });

  test('a deletion from "Atenciones" anonymises both spreadsheets, frees her place and keeps her unsubscribe as a fingerprint', () => {
    const r = call<PersonChangeResult>(ws, atenciones, 'deletePersonData', [dni, '01.234.567']);
    expect(r).toMatchObject({ ok: true, freedPlaces: ['MOD-2026-01'] });
    expect(r.message).toMatch(/huella/);

    const open = registration('INS-000101');
    expect(open).toMatchObject({ DNI: '', Correo: '', Celular: '', Región: '', Sector: '', Preguntas: '', 'Nombres y apellidos': 'Datos eliminados (Ley 29733)' });
    expect(open).toMatchObject({ 'ID de módulo': 'MOD-2026-01', Estado: 'Retirado', Consentimiento: true, 'Versión del aviso': 'AV-2026-11' });
    expect(registration('INS-000090')).toMatchObject({ DNI: '', Correo: '', Estado: 'Inscrito' }); // a closed module keeps its statistics
    expect(registration('INS-000102')).toMatchObject({ 'Nombres y apellidos': 'Luis Rojas', Correo: luis.email });

    const attendance = tab(talleres, 'Asistencia');
    expect(attendance.find((x) => x['ID de asistencia'] === 'ASI-000001')).toMatchObject({ DNI: '', 'ID de módulo': 'MOD-2026-00', Asistió: true });
    expect(attendance.find((x) => x['ID de asistencia'] === 'ASI-000002')).toMatchObject({ 'Nombres y apellidos': 'Luis Rojas' });

    const invitations = tab(talleres, 'Invitaciones');
    expect(invitations.filter((x) => x.Correo === '').map((x) => x['ID de invitación']).sort()).toEqual(['INV-000001', 'INV-000002']);
    expect(invitations.find((x) => x['ID de invitación'] === 'INV-000001')).toMatchObject({ Origen: 'Atención', 'Base legal': 'Consentimiento en la atención' });

    const unsubscribes = tab(talleres, 'Bajas de difusión').map((x) => x.Correo);
    expect(unsubscribes).toEqual([unsubscribeKey(WORK_EMAIL), ONLY_UNSUBSCRIBED]);
    const checker = unsubscribeChecker(unsubscribes);
    expect([checker.has(WORK_EMAIL.toUpperCase()), checker.has(ONLY_UNSUBSCRIBED), checker.has(luis.email)]).toEqual([true, true, false]);

    const responses = formsStore(ws.state).get(formId)!.responses.map((x) => x.id);
    expect(responses).toEqual([luisResponse]);

    // Nothing of her is left in either spreadsheet (her DNI, emails or name).
    for (const ss of [atenciones, talleres]) {
      for (const name of ws.sheetNames(ss)) {
        const text = JSON.stringify(ws.values(ss, name));
        for (const needle of [dni, maria.email, WORK_EMAIL, 'Ñahui']) expect({ tab: name, found: text.includes(needle) }).toEqual({ tab: name, found: false });
      }
    }
    expect(ws.formulas(talleres, 'Inscripciones').flat().filter((f) => f !== '')).toEqual([]);
  });

  test('deleting again finds nothing, changes nothing; her unsubscribe is still found by its address', () => {
    const before = JSON.stringify([ws.values(talleres, 'Inscripciones'), ws.values(talleres, 'Bajas de difusión')]);
    const r = call<PersonChangeResult>(ws, talleres, 'deletePersonData', [dni, dni]);
    expect(r).toMatchObject({ ok: true, changed: 0 });
    expect(JSON.stringify([ws.values(talleres, 'Inscripciones'), ws.values(talleres, 'Bajas de difusión')])).toBe(before);
    const byEmail = call<PersonLookupResult>(ws, talleres, 'findPersonData', [WORK_EMAIL]);
    expect(byEmail.records.map((x) => [x.source, x.fields[0]?.value])).toEqual([['Bajas de difusión', 'Huella SHA-256 del correo (el correo ya fue eliminado)']]);
  });

  test('with the other spreadsheet gone, the search says so in Spanish and shows what is here; a deletion is refused', () => {
    sheetsStore(ws.state).deleteSpreadsheet(talleres);
    const r = call<PersonLookupResult>(ws, atenciones, 'findPersonData', [luis.dni]);
    expect(r.ok).toBe(true);
    expect(r.records.map((x) => x.source)).toContain('Citas');
    expect(r.notes[0]).toMatch(/No se pudo abrir la otra hoja \(«Programación Talleres Masivos»\)/);
    const citasBefore = JSON.stringify(ws.values(atenciones, 'Citas'));
    const refused = call<PersonChangeResult>(ws, atenciones, 'deletePersonData', [luis.dni, luis.dni]);
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/no se eliminó nada/);
    expect(JSON.stringify(ws.values(atenciones, 'Citas'))).toBe(citasBefore);
  });
});
