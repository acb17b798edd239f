/**
 * B05 registration in the emulator, with the built bundle (issue 11, item 5): setup makes ONE
 * published registration form with ONE submit trigger; «Abrir inscripción» makes the module a
 * choice of it and gives the module its own link; responses become confirmed registrations up
 * to the capacity, then a waiting list in order, each person emailed once; a second response of
 * the same person updates their row; bad responses go to 'Revisión' with an email saying what
 * to fix; a response to a module that started is refused politely; annulling a registration
 * promotes the first person waiting; a second module adds no trigger.
 */
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { ACCESS_MESSAGES } from '../../src/domain/messages/access';
import { CONSENT_CHOICE, moduleChoice, NEWS_CHOICE, REGISTRATION_QUESTIONS as Q } from '../../src/domain/workshops/registration-form';
import { Workspace } from '../../emulator';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';

const MODULE: ModuleInput = {
  requestId: 'form-b05-registration',
  name: 'Aprende a Emprender – Costos',
  year: 2026,
  quarter: 'IV',
  audience: 'Emprendedores',
  capacity: 3,
  minSessions: 2,
  whatsappUrl: 'https://chat.whatsapp.com/AbCdEf123456',
  sessions: [
    { topic: 'Costos fijos y variables', date: '2026-12-09', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Precio de venta', date: '2026-12-11', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
  ],
};

interface Person {
  dni: string;
  names: string;
  surnames: string;
  email: string;
}

const PEOPLE: Person[] = [
  { dni: '41234567', names: 'Rosa', surnames: 'Mamani Quispe', email: 'rosa.mamani@gmail.com' },
  { dni: '42345678', names: 'Jorge', surnames: 'Huamán Ríos', email: 'jorge.huaman@gmail.com' },
  { dni: '43456789', names: 'Lucía', surnames: "D'Angelo Pérez", email: 'lucia.dangelo@hotmail.com' },
  { dni: '44567890', names: 'Ñusta', surnames: 'Condori', email: 'nusta.condori@gmail.com' },
  { dni: '45678901', names: 'Pedro', surnames: 'Salas', email: 'pedro.salas@yahoo.es' },
];

describe('B05: registration with capacity and a waiting list', () => {
  let w: AttentionWorld;
  let moduleId = '';
  let formId = '';

  const call = <T>(fn: string, args: unknown[], user?: string): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args, user);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  };
  const registrations = () => w.ws.readTab(w.talleres, 'Inscripciones');
  const review = () => w.ws.readTab(w.talleres, 'Revisión');
  const mailsTo = (email: string) => w.ws.outbox().filter((m) => m.to.includes(email));
  const answers = (p: Person, extra: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
    [Q.module]: moduleChoice(moduleId, MODULE.name!, ''),
    [Q.documentType]: 'DNI',
    [Q.documentNumber]: p.dni,
    [Q.names]: p.names,
    [Q.surnames]: p.surnames,
    [Q.email]: p.email,
    [Q.phone]: '987 654 321',
    [Q.region]: 'Lima Metropolitana',
    [Q.stage]: 'Idea de negocio',
    [Q.sector]: 'Comercio',
    [Q.questions]: '¿Cómo calculo mi punto de equilibrio?',
    [Q.presents]: 'No',
    [Q.consent]: [CONSENT_CHOICE],
    [Q.news]: [NEWS_CHOICE],
    ...extra,
  });
  const submit = (a: Record<string, string | string[]>) => w.ws.submitForm(formId, a);

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-27T09:00' });
    const saved = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    moduleId = saved.module.id;
    const settings = w.ws.readTab(w.talleres, 'Configuración');
    formId = String(settings.find((r) => r['Parámetro'] === 'Formulario de inscripción (ID)')?.['Valor'] ?? '');
  });

  test('setup made one published registration form sending its responses here, with one submit trigger', () => {
    expect(formId).not.toBe('');
    const form = w.ws.forms().find((f) => f.id === formId)!;
    expect(form).toMatchObject({ published: true, acceptingResponses: true, requiresLogin: false, destinationId: w.talleres });
    const triggers = w.ws.triggers(w.talleres).filter((t) => t.handler === 'onRegistrationSubmit');
    expect(triggers).toHaveLength(1);
  });

  test('«Abrir inscripción» makes the module a choice and writes its own link on the module', () => {
    const r = call<{ ok: boolean; url: string; message: string }>('openRegistration', [moduleId]);
    expect(r.ok).toBe(true);
    expect(r.url).toContain(formId.length ? 'entry.' : '');
    const mod = w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === moduleId)!;
    expect(mod).toMatchObject({ Estado: 'Inscripción abierta', 'Enlace de inscripción': r.url });
    expect(decodeURIComponent(r.url.replace(/\+/g, ' '))).toContain(`[${moduleId}]`);
  });

  test('five people for three places: three confirmed, two waiting in order, each emailed once', () => {
    for (const p of PEOPLE) submit(answers(p));
    const rows = registrations();
    expect(rows.map((r) => [r['DNI'], r['Estado']])).toEqual([
      ['41234567', 'Inscrito'],
      ['42345678', 'Inscrito'],
      ['43456789', 'Inscrito'],
      ['44567890', 'En lista de espera'],
      ['45678901', 'En lista de espera'],
    ]);
    expect(rows[0]).toMatchObject({ 'Nombres y apellidos': 'Rosa Mamani Quispe', Celular: '+51 987654321', Consentimiento: true, 'Versión del aviso': '2026-12', 'Acepta novedades': true, Confirmación: 'enviado' });
    const confirmation = mailsTo('rosa.mamani@gmail.com');
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0].subject).toBe('Inscripción confirmada: taller «Aprende a Emprender – Costos» – MTPE');
    expect(confirmation[0].body).toContain('Sesión 1 – Costos fijos y variables: miércoles 9 de diciembre de 2026, de 6:00 p. m. a 8:00 p. m.');
    expect(confirmation[0].body).toContain('https://chat.whatsapp.com/AbCdEf123456');
    // No web app deployed yet: the email says how to withdraw without a link that cannot work.
    expect(confirmation[0].body).toContain('respondiendo a este correo');
    const waiting = mailsTo('pedro.salas@yahoo.es');
    expect(waiting).toHaveLength(1);
    expect(waiting[0].body).toContain('en el lugar 2');
    expect(rows[4]).toMatchObject({ 'Aviso de lista de espera': 'enviado' });
    // Once the sweep the burst scheduled has run, nothing is left in the once-only journal: the rows say what was sent.
    w.ws.advanceBy(6 * 60_000);
    expect(Object.keys(w.ws.project(w.talleres).documentProperties).filter((k) => k.startsWith('SOE_MAIL:'))).toEqual([]);
  });

  test('the same person again: their row is updated, their place kept, no second email', () => {
    const before = w.ws.outbox().length;
    submit(answers(PEOPLE[1]!, { [Q.email]: 'jorge.nuevo@gmail.com', [Q.phone]: '912345678' }));
    const rows = registrations();
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatchObject({ Estado: 'Inscrito', Correo: 'jorge.nuevo@gmail.com', Celular: '+51 912345678' });
    expect(String(rows[1]['ID de respuesta']).split(' ')).toHaveLength(2);
    expect(w.ws.outbox()).toHaveLength(before);
  });

  test('bad answers go to «Revisión» and the person is told what to fix; without a valid address only «Revisión»', () => {
    const before = registrations().length;
    submit(answers({ dni: '1234', names: 'Ana', surnames: 'Torres', email: 'ana.torres@gmail.com' }));
    submit(answers({ dni: '46789012', names: '=HYPERLINK("http://x")', surnames: 'Paz', email: 'no-es-correo' }));
    expect(registrations()).toHaveLength(before);
    const items = review().filter((r) => r['Tipo'] === 'Inscripción con datos por corregir');
    expect(items).toHaveLength(2);
    expect(String(items[0]!['Detalle'])).toContain('El DNI debe tener 8 dígitos.');
    const fix = mailsTo('ana.torres@gmail.com');
    expect(fix).toHaveLength(1);
    expect(fix[0].body).toContain('El DNI debe tener 8 dígitos.');
  });

  test('annulling a confirmed registration promotes the first person waiting, who is told once', () => {
    const rosa = registrations()[0]!;
    const r = call<{ ok: boolean; promoted: number }>('annulRegistration', [rosa['ID de inscripción'], 'Duplicado con otra persona']);
    expect(r).toMatchObject({ ok: true, promoted: 1 });
    const rows = registrations();
    expect(rows[0]).toMatchObject({ Estado: 'Anulado', 'Motivo de revisión': 'Duplicado con otra persona' });
    expect(rows[3]).toMatchObject({ Estado: 'Inscrito', 'Aviso de cupo': 'enviado' });
    expect(rows[4]).toMatchObject({ Estado: 'En lista de espera' });
    const promoted = mailsTo('nusta.condori@gmail.com');
    expect(promoted.map((m) => m.subject)).toEqual(['Lista de espera: taller «Aprende a Emprender – Costos» – MTPE', 'Se liberó un cupo: su inscripción en «Aprende a Emprender – Costos» está confirmada – MTPE']);
    // Annulling again changes nothing and tells nobody.
    const before = w.ws.outbox().length;
    expect(call<{ ok: boolean }>('annulRegistration', [rosa['ID de inscripción'], 'Otra vez']).ok).toBe(false);
    expect(w.ws.outbox()).toHaveLength(before);
  });

  test('a stranger cannot open registrations, annul or call the trigger handler', () => {
    for (const [fn, args] of [
      ['openRegistration', [moduleId]],
      ['annulRegistration', ['I-XXXX', 'motivo largo']],
      ['processPendingRegistrations', []],
    ] as const) {
      const r = w.ws.callFromSidebar(w.talleres, fn, [...args], 'extrano@gmail.com');
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.error).toContain(ACCESS_MESSAGES.refused);
    }
    const t = w.ws.callFromSidebar(w.talleres, 'onRegistrationSubmit', [], w.user);
    expect(t.ok).toBe(false);
  });

  test('B02: a session moved once registration is open is told to each registrant once', () => {
    const before = w.ws.outbox().length;
    const active = registrations().filter((r) => r['Estado'] === 'Inscrito' || r['Estado'] === 'En lista de espera');
    const moved = { ...MODULE, id: moduleId, sessions: [MODULE.sessions![0]!, { ...MODULE.sessions![1]!, date: '2026-12-12', startTime: '10:00', endTime: '12:00' }] };
    expect(call<SaveModuleResult>('saveModule', [moved]).ok).toBe(true);
    const told = w.ws.outbox().slice(before).filter((m) => m.subject === 'Cambio en el horario del taller «Aprende a Emprender – Costos» – MTPE');
    expect(told.map((m) => m.to[0]).sort()).toEqual(active.map((r) => String(r['Correo'])).sort());
    expect(told[0]!.body).toContain('Sesión 2 – Precio de venta: ahora el sábado 12 de diciembre de 2026, de 10:00 a. m. a 12:00 p. m.');
    // Everyone told: the told schedule records it, and the per-person journal entries are cleared
    // (they used to pile up in the document properties with every change).
    const journal = () => Object.keys(w.ws.project(w.talleres).documentProperties).filter((k) => k.startsWith('SOE_MAIL:horario:'));
    expect(journal()).toEqual([]);
    // Saving again without a change tells nobody again, even with the journal cleared.
    const after = w.ws.outbox().length;
    expect(call<SaveModuleResult>('saveModule', [moved]).ok).toBe(true);
    expect(w.ws.outbox()).toHaveLength(after);
    expect(journal()).toEqual([]);
  });

  test('after the first session starts, a response is refused politely and the form stops offering the module', () => {
    w.ws.advanceTo('2026-12-09T18:05');
    submit(answers({ dni: '47890123', names: 'Tarde', surnames: 'Llegó', email: 'tarde@gmail.com' }));
    const mail = mailsTo('tarde@gmail.com');
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('La inscripción al taller «Aprende a Emprender – Costos» está cerrada – MTPE');
    expect(review().some((r) => r['Tipo'] === 'Inscripción a un módulo cerrado')).toBe(true);
    expect(registrations().some((r) => r['DNI'] === '47890123')).toBe(false);
    // The sweep each submission leaves (runRegistrationSweep, minutes later) takes the module
    // out of the form's choices: the same answer is then refused by the form itself.
    w.ws.advanceBy(6 * 60_000);
    expect(w.ws.executions({ functionName: 'runRegistrationSweep' }).map((e) => e.status)).toContain('completed');
    expect(w.ws.triggers(w.talleres).filter((t) => t.handler === 'runRegistrationSweep')).toEqual([]);
    expect(() => submit(answers({ dni: '48901234', names: 'Otra', surnames: 'Persona', email: 'otra@gmail.com' }))).toThrow();
  });
});

describe('B05: a response that finds the sheet busy keeps its place', () => {
  // The last place: Ana's response arrives while a consultant's action holds the script lock
  // (her handler cannot wait for it and leaves her response pending); Beto's comes a moment
  // later, when the sheet is free. Ana sent first, so Ana gets the place — at every call k of
  // the consultant's action.
  test('at every call k of a panel action holding the lock: the earlier response gets the place', () => {
    const base = createAttentionWorld({ at: '2026-11-27T09:00' });
    const call = <T>(ws: typeof base.ws, fn: string, args: unknown[]): T => {
      const r = ws.callFromSidebar(base.talleres, fn, args);
      if (!r.ok) throw new Error(r.error);
      return r.value as T;
    };
    const saved = call<SaveModuleResult>(base.ws, 'saveModule', [{ ...MODULE, requestId: 'form-b05-busy', capacity: 1 }]);
    if (!saved.ok) throw new Error('save failed');
    const id = saved.module.id;
    call(base.ws, 'openRegistration', [id]);
    const form = String(base.ws.readTab(base.talleres, 'Configuración').find((r) => r['Parámetro'] === 'Formulario de inscripción (ID)')?.['Valor']);
    const snapshot = base.ws.snapshot();
    const person = (dni: string, names: string, email: string) => ({
      [Q.module]: moduleChoice(id, MODULE.name!, ''),
      [Q.documentType]: 'DNI',
      [Q.documentNumber]: dni,
      [Q.names]: names,
      [Q.surnames]: 'Prueba',
      [Q.email]: email,
      [Q.region]: 'Cusco',
      [Q.stage]: 'Idea de negocio',
      [Q.sector]: 'Turismo, gastronomía u hotelería',
      [Q.presents]: 'No',
      [Q.consent]: [CONSENT_CHOICE],
    });
    const K = base.ws.callFromSidebar(base.talleres, 'processPendingRegistrations', []).execution.totalCalls;
    expect(K).toBeGreaterThan(5);
    let busy = 0;
    const problems: string[] = [];
    for (let k = 1; k <= K; k++) {
      const ws = Workspace.fromSnapshot(snapshot);
      ws.interleave({ atCall: k, match: (e) => e.functionName === 'processPendingRegistrations', run: () => ws.submitForm(form, person('41111111', 'Ana', 'ana.prueba@gmail.com')) });
      ws.callFromSidebar(base.talleres, 'processPendingRegistrations', []);
      ws.clearFaults();
      busy += ws.executions({ functionName: 'onRegistrationSubmit' }).filter((e) => e.logs.some((l) => /ocupada/.test(l))).length;
      ws.advanceBy(1_000);
      ws.submitForm(form, person('42222222', 'Beto', 'beto.prueba@gmail.com'));
      ws.advanceBy(10 * 60_000);
      const rows = ws.readTab(base.talleres, 'Inscripciones');
      const state = (dni: string) => rows.find((r) => r['DNI'] === dni)?.['Estado'];
      if (state('41111111') !== 'Inscrito' || state('42222222') !== 'En lista de espera') problems.push(`k=${k}: Ana ${String(state('41111111'))}, Beto ${String(state('42222222'))}`);
    }
    expect(busy).toBeGreaterThan(0); // some k did catch Ana's handler on a held lock
    expect(problems).toEqual([]);
  });
});
