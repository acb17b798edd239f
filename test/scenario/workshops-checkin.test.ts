/**
 * B09 check-in through the «Formato de asistencia» in the emulator, with the built bundle: setup
 * makes ONE published check-in form with ONE submit trigger; a session's link (for the Meet
 * chat) preselects it; a check-in inside the window (edges included) is attendance by the form;
 * twice keeps the first; a DNI typed without its leading zero is matched; someone not
 * registered, someone on the waiting list, a check-in after the window and an unreadable one go
 * to 'Revisión'; a hand mark is not overwritten. No email to anyone.
 */
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { CHECKIN_QUESTIONS as CQ } from '../../src/domain/workshops/checkin-form';
import { CONSENT_CHOICE, moduleChoice, REGISTRATION_QUESTIONS as Q } from '../../src/domain/workshops/registration-form';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { putRows } from '../support/workshop-rows';

const MODULE: ModuleInput = {
  requestId: 'form-b09-checkin-scenario',
  name: 'Aprende a Emprender – Ventas',
  year: 2026,
  quarter: 'IV',
  audience: 'Emprendedores',
  capacity: 3,
  minSessions: 1,
  whatsappUrl: '',
  sessions: [
    { topic: 'Vender por redes', date: '2026-12-09', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Atención al cliente', date: '2026-12-11', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
  ],
};

const PEOPLE = [
  { dni: '41234567', names: 'Rosa', surnames: 'Mamani Quispe', email: 'rosa.mamani@gmail.com' },
  { dni: '04567890', names: 'Jorge', surnames: 'Huamán Ríos', email: 'jorge.huaman@gmail.com' },
  { dni: '43456789', names: 'Lucía', surnames: 'Pérez', email: 'lucia.perez@hotmail.com' },
  { dni: '44567890', names: 'Ñusta', surnames: 'Condori', email: 'nusta.condori@gmail.com' },
];

describe('B09: check-in through the «Formato de asistencia»', () => {
  let w: AttentionWorld;
  let moduleId = '';
  let checkinFormId = '';
  let link = '';

  const call = <T>(fn: string, args: unknown[], user?: string): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args, user);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  };
  const attendance = () => w.ws.readTab(w.talleres, 'Asistencia');
  const review = () => w.ws.readTab(w.talleres, 'Revisión').filter((r) => r['Tipo'] === 'Asistencia por revisar');
  const registrations = () => w.ws.readTab(w.talleres, 'Inscripciones');
  const regOf = (dni: string) => String(registrations().find((r) => r['DNI'] === dni)!['ID de inscripción']);
  const checkIn = (number: string, type = 'DNI') => {
    const opened = w.ws.openFormLink(link);
    return w.ws.submitForm(opened.formId, { ...opened.answers, [CQ.documentType]: type, [CQ.documentNumber]: number });
  };

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-12-03T09:00' });
    const saved = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    moduleId = saved.module.id;
    const settings = w.ws.readTab(w.talleres, 'Configuración');
    checkinFormId = String(settings.find((r) => r['Parámetro'] === 'Formulario de asistencia (ID)')?.['Valor'] ?? '');
    const regFormId = String(settings.find((r) => r['Parámetro'] === 'Formulario de inscripción (ID)')?.['Valor'] ?? '');
    expect(call<{ ok: boolean }>('openRegistration', [moduleId]).ok).toBe(true);
    for (const p of PEOPLE)
      w.ws.submitForm(regFormId, {
        [Q.module]: moduleChoice(moduleId, MODULE.name!, ''),
        [Q.documentType]: 'DNI',
        [Q.documentNumber]: p.dni,
        [Q.names]: p.names,
        [Q.surnames]: p.surnames,
        [Q.email]: p.email,
        [Q.region]: 'Lima Metropolitana',
        [Q.stage]: 'Idea de negocio',
        [Q.sector]: 'Comercio',
        [Q.presents]: 'No',
        [Q.consent]: [CONSENT_CHOICE],
      });
    expect(registrations().map((r) => r['Estado'])).toEqual(['Inscrito', 'Inscrito', 'Inscrito', 'En lista de espera']);
  });

  test('setup made one published check-in form, open to anyone with the link, sending its responses here, with one submit trigger', () => {
    expect(checkinFormId).not.toBe('');
    const form = w.ws.forms().find((f) => f.id === checkinFormId)!;
    expect(form).toMatchObject({ published: true, acceptingResponses: true, requiresLogin: false, destinationId: w.talleres });
    expect(w.ws.triggers(w.talleres).filter((t) => t.handler === 'onCheckinSubmit')).toHaveLength(1);
    const url = String(w.ws.readTab(w.talleres, 'Configuración').find((r) => r['Parámetro'] === 'Formulario de asistencia (enlace)')?.['Valor'] ?? '');
    expect(url).toMatch(/^https:\/\//);
  });

  test('the session link preselects the session; a session more than 7 days ahead has none yet', () => {
    const r = call<{ ok: boolean; url: string | null }>('getCheckinLink', [`${moduleId}-S1`]);
    expect(r.ok).toBe(true);
    link = r.url!;
    expect(w.ws.openFormLink(link).answers[CQ.session]).toMatch(new RegExp(`^Sesión 1 · Vender por redes · 09/12/2026 18:00 \\[${moduleId}-S1\\]$`));
    expect(call<{ ok: boolean }>('getCheckinLink', ['M-NOSUCHMODULE-S1']).ok).toBe(false);
    expect(call<{ ok: boolean }>('getCheckinLink', [`${moduleId}-S2`]).ok).toBe(false); // 8 days ahead
  });

  test('inside the window: exactly start − 15 min counts; twice keeps the first; no email', () => {
    const mails = w.ws.outbox().length;
    w.ws.advanceTo('2026-12-09T17:44');
    checkIn(PEOPLE[0]!.dni);
    expect(review()).toHaveLength(1); // one minute early
    w.ws.advanceTo('2026-12-09T17:45');
    checkIn('41.234.567');
    let rows = attendance();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 'ID de asistencia': `${moduleId}-S1/${regOf('41234567')}`, 'Asistió': true, Fuente: 'Formulario', DNI: '41234567' });
    const first = rows[0]!['Marcó en el formulario'];
    w.ws.advanceTo('2026-12-09T18:20');
    checkIn('41234567');
    rows = attendance();
    expect(rows).toHaveLength(1);
    expect(rows[0]!['Marcó en el formulario']).toEqual(first);
    expect(w.ws.outbox()).toHaveLength(mails);
  });

  test('a DNI typed without its leading zero is matched to the registrant who has it', () => {
    checkIn('4567890');
    expect(attendance().find((r) => r['ID de inscripción'] === regOf('04567890'))).toMatchObject({ 'Asistió': true, Fuente: 'Formulario' });
  });

  test('not registered, on the waiting list, unreadable: each to «Revisión» with its reason, none counted', () => {
    checkIn('47777777');
    checkIn(PEOPLE[3]!.dni);
    checkIn('12AB');
    const details = review().map((r) => String(r['Detalle']));
    expect(details.some((d) => d.includes('Ninguna persona inscrita en el módulo tiene ese DNI'))).toBe(true);
    expect(details.some((d) => d.includes('lista de espera'))).toBe(true);
    expect(details.some((d) => d.includes('El DNI no tiene 8 dígitos'))).toBe(true);
    expect(attendance()).toHaveLength(2);
  });

  test('a hand mark is not overwritten; exactly end + 30 min counts, one minute later goes to «Revisión»', () => {
    const lucia = regOf('43456789');
    putRows(w.ws, w.talleres, 'Asistencia', [
      { 'ID de asistencia': `${moduleId}-S1/${lucia}`, 'ID de sesión': `${moduleId}-S1`, 'ID de módulo': moduleId, 'ID de inscripción': lucia, DNI: '43456789', 'Asistió': false, Fuente: 'Manual', 'Marcado por': 'consultora@mtpe.gob.pe' },
    ]);
    w.ws.advanceTo('2026-12-09T20:30');
    checkIn('43456789');
    const row = attendance().find((r) => r['ID de inscripción'] === lucia)!;
    expect(row).toMatchObject({ 'Asistió': false, Fuente: 'Manual', 'Marcado por': 'consultora@mtpe.gob.pe' });
    expect(row['Marcó en el formulario']).toBeInstanceOf(Date);
    const before = review().length;
    w.ws.advanceTo('2026-12-09T20:31');
    checkIn(PEOPLE[3]!.dni); // not counted before: to «Revisión»
    expect(review()).toHaveLength(before + 1);
    expect(String(review().at(-1)!['Detalle'])).toContain('después de que se cerró');
    checkIn('41234567'); // counted at 17:45 already: a late repeat changes nothing
    expect(review()).toHaveLength(before + 1);
  });

  test('the sweep each burst scheduled ran and changed nothing: nothing doubled, its trigger gone', () => {
    const [a, r] = [attendance().length, review().length];
    w.ws.advanceBy(10 * 60_000);
    expect(w.ws.executions({ functionName: 'runCheckinSweep' }).map((e) => e.status)).toContain('completed');
    expect(w.ws.triggers(w.talleres).filter((t) => t.handler === 'runCheckinSweep')).toEqual([]);
    expect([attendance().length, review().length]).toEqual([a, r]);
  });

  test('Ley 29733: the check-in responses naming a DNI are found, exported with the rest and deleted; another person\'s stay', () => {
    const jorge = PEOPLE[1]!.dni;
    const found = call<{ ok: boolean; records: { source: string; fields: { label: string; value: string }[] }[] }>('findPersonData', [jorge]);
    const checkins = found.records.filter((r) => r.source === 'Formato de asistencia');
    expect(checkins).toHaveLength(1);
    expect(checkins[0]!.fields.find((f) => f.label === CQ.documentNumber)?.value).toBe('4567890');
    const responses = () => w.ws.forms().find((f) => f.id === checkinFormId)!.responses;
    const before = responses();
    const deleted = call<{ ok: boolean; message: string }>('deletePersonData', [jorge, jorge]);
    expect(deleted.ok).toBe(true);
    expect(deleted.message).toContain('1 respuesta del formato de asistencia');
    expect(responses()).toBe(before - 1);
    expect(call<{ records: { source: string }[] }>('findPersonData', [jorge]).records.filter((r) => r.source === 'Formato de asistencia')).toEqual([]);
    expect(call<{ records: { source: string }[] }>('findPersonData', [PEOPLE[0]!.dni]).records.filter((r) => r.source === 'Formato de asistencia').length).toBe(4);
  });

  test('a check-in counted before stays counted, with no «Revisión» item, when the session is cancelled afterwards and the sweep reads it again', () => {
    const before = review().length;
    const status = w.ws.values(w.talleres, 'Sesiones')[0]!.map(String).indexOf('Estado');
    w.ws.typeInto(w.talleres, 'Sesiones', `${String.fromCharCode(65 + status)}2`, 'Cancelada', { confirmWarning: true });
    const rows = attendance().length;
    // Session 1 has left the dropdown (its window closed); session 2's link, two days early: to «Revisión», and a sweep is scheduled.
    link = call<{ url: string }>('getCheckinLink', [`${moduleId}-S2`]).url;
    checkIn('41234567');
    w.ws.advanceBy(10 * 60_000);
    // The sweep read every response of the day again: session 1's accepted ones are found counted, none goes to «Revisión».
    expect(w.ws.executions({ functionName: 'runCheckinSweep' }).at(-1)?.status).toBe('completed');
    expect(review()).toHaveLength(before + 1);
    expect(String(review().at(-1)!['Detalle'])).toContain('antes de que se abriera');
    expect(attendance()).toHaveLength(rows);
  });

  test('a stranger cannot get a link or call the trigger handlers', () => {
    for (const fn of ['getCheckinLink', 'onCheckinSubmit', 'runCheckinSweep']) {
      const r = w.ws.callFromSidebar(w.talleres, fn, [`${moduleId}-S1`], 'extrano@gmail.com');
      expect(r.ok && (r.value as { url?: string })?.url).toBeFalsy();
    }
    expect(w.ws.callFromSidebar(w.talleres, 'onCheckinSubmit', [], w.user).ok).toBe(false);
  });
});
