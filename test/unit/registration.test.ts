import {
  mayPromote,
  placeNew,
  readRegistration,
  REGISTRATION_PROBLEMS as P,
  registrationId,
  registrationOpenness,
  toPromote,
  waitingList,
  waitingPosition,
  type ModuleFacts,
  type PlaceFacts,
} from '../../src/domain/workshops/registration';
import {
  CONSENT_CHOICE,
  moduleChoice,
  moduleOfChoice,
  NEWS_CHOICE,
  NO_OPEN_MODULE,
  REGISTRATION_NOTICE_VERSION,
  REGISTRATION_QUESTIONS as Q,
  registrationForm,
} from '../../src/domain/workshops/registration-form';

const MODULE = 'M-ABCDEFGHIJ12';

function answers(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    [Q.module]: moduleChoice(MODULE, 'Costos y precios', ''),
    [Q.documentType]: 'DNI',
    [Q.documentNumber]: '4123 4567',
    [Q.names]: '  Rosa  María ',
    [Q.surnames]: 'Mamani Quispe',
    [Q.email]: ' Rosa.Mamani@Gmail.com ',
    [Q.phone]: '987 654 321',
    [Q.region]: 'Cusco',
    [Q.stage]: 'Negocio en marcha',
    [Q.sector]: 'Turismo, gastronomía u hotelería',
    [Q.questions]: '¿Cómo fijo mis precios?',
    [Q.presents]: 'Sí',
    [Q.consent]: [CONSENT_CHOICE],
    [Q.news]: [NEWS_CHOICE],
    ...extra,
  };
}

describe('the registration form (one for every module)', () => {
  test('its questions, the module first as a dropdown; the notice with its version in the description', () => {
    const f = registrationForm([moduleChoice(MODULE, 'Costos', '')]);
    expect(f.items[0]).toMatchObject({ kind: 'list', title: Q.module, required: true, choices: [`Costos [${MODULE}]`] });
    expect(f.description).toContain(`versión ${REGISTRATION_NOTICE_VERSION}`);
    expect(f.description).toContain('Ley N.° 29733');
    expect(f.items.find((i) => i.title === Q.consent)).toMatchObject({ kind: 'checkbox', required: true });
    expect(f.items.find((i) => i.title === Q.news)).toMatchObject({ kind: 'checkbox', required: false });
    // With no module open the dropdown still needs a choice: one that registers nobody.
    expect(registrationForm([]).items[0]).toMatchObject({ choices: [NO_OPEN_MODULE] });
  });

  test('a choice names its module by ID: renamed or typed text cannot attach to another module', () => {
    expect(moduleOfChoice(moduleChoice(MODULE, 'Plan [de] negocios', '12 ene.'))).toBe(MODULE);
    expect(moduleChoice(MODULE, 'Plan [de] negocios', '')).toBe(`Plan de negocios [${MODULE}]`);
    for (const raw of [NO_OPEN_MODULE, 'Costos', '[M-123] Costos', `Costos [${MODULE.toLowerCase()}]`, 42, null]) expect(moduleOfChoice(raw)).toBeNull();
  });
});

describe('reading a response', () => {
  test('a good one: tidy, normalised, consent and the notice version kept', () => {
    const r = readRegistration(answers());
    expect(r).toEqual({
      ok: true,
      registrant: {
        moduleId: MODULE,
        documentType: 'DNI',
        documentNumber: '41234567',
        fullName: 'Rosa María Mamani Quispe',
        email: 'Rosa.Mamani@gmail.com',
        phone: '+51 987654321',
        region: 'Cusco',
        businessStage: 'Negocio en marcha',
        sector: 'Turismo, gastronomía u hotelería',
        questions: '¿Cómo fijo mis precios?',
        presentsProject: true,
        consent: true,
        noticeVersion: REGISTRATION_NOTICE_VERSION,
        acceptsNews: true,
      },
    });
  });

  test('other documents: letters and digits; the phone is optional; news optional', () => {
    const r = readRegistration(answers({ [Q.documentType]: 'Carné de extranjería', [Q.documentNumber]: 'ab-12345', [Q.phone]: '', [Q.news]: [] }));
    expect(r.ok && r.registrant).toMatchObject({ documentType: 'CE', documentNumber: 'AB12345', phone: '', acceptsNews: false });
  });

  test('every problem named in Spanish, with the address to tell when it is valid', () => {
    const r = readRegistration(
      answers({
        [Q.module]: NO_OPEN_MODULE,
        [Q.documentNumber]: '1234',
        [Q.names]: '=HYPERLINK("http://x")',
        [Q.surnames]: '<b>Quispe</b>',
        [Q.phone]: '01 4567890',
        [Q.region]: 'Narnia',
        [Q.stage]: 'Otro',
        [Q.sector]: 'Minería ilegal',
        [Q.consent]: [],
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([P.noModule, P.dni, P.names, P.surnames, P.phone, P.region, P.stage, P.sector, P.consent]);
    expect(r.email).toBe('Rosa.Mamani@gmail.com');
    expect(r.moduleId).toBeNull();
    const noMail = readRegistration(answers({ [Q.email]: 'no-es-correo', [Q.documentType]: 'Licencia' }));
    expect(noMail.ok === false && noMail.email).toBeNull();
    expect(noMail.ok === false && noMail.problems).toEqual([P.documentType, P.email]);
  });

  test('questions are tidied and capped; a missing answer is no answer', () => {
    const r = readRegistration(answers({ [Q.questions]: 'x'.repeat(5000) }));
    expect(r.ok && r.registrant.questions.length).toBe(1000);
    const bare = { ...answers() };
    delete bare[Q.consent];
    expect(readRegistration(bare)).toMatchObject({ ok: false, problems: [P.consent] });
  });
});

describe('registration IDs', () => {
  test('stable per module and document, different across either, unguessable without the secret', () => {
    const a = registrationId('s3cr3t', MODULE, 'DNI', '41234567');
    expect(a).toMatch(/^I-[0-9A-V]{12}$/);
    expect(registrationId('s3cr3t', MODULE, 'DNI', '41234567')).toBe(a);
    expect(registrationId('s3cr3t', 'M-OTHER0000000', 'DNI', '41234567')).not.toBe(a);
    expect(registrationId('s3cr3t', MODULE, 'CE', '41234567')).not.toBe(a);
    expect(registrationId('other', MODULE, 'DNI', '41234567')).not.toBe(a);
    expect(() => registrationId('', MODULE, 'DNI', '41234567')).toThrow();
  });
});

describe('places and the waiting list', () => {
  const t = (min: number) => new Date(Date.UTC(2026, 10, 27, 15, min));
  const rows: PlaceFacts[] = [
    { id: 'A', status: 'Inscrito', registeredAt: t(1), order: 2 },
    { id: 'B', status: 'Retirado', registeredAt: t(2), order: 3 },
    { id: 'C', status: 'En lista de espera', registeredAt: t(5), order: 4 },
    { id: 'D', status: 'En lista de espera', registeredAt: t(3), order: 5 },
    { id: 'E', status: 'En lista de espera', registeredAt: t(3), order: 6 },
    { id: 'F', status: 'Anulado', registeredAt: t(0), order: 7 },
  ];

  test('a new registration is confirmed while confirmed ones are fewer than the places', () => {
    expect(placeNew(rows, 2)).toBe('Inscrito');
    expect(placeNew(rows, 1)).toBe('En lista de espera');
    expect(placeNew([], 0)).toBe('En lista de espera');
  });

  test('the waiting list in order of registration, ties by sheet order; positions from 1', () => {
    expect(waitingList(rows).map((r) => r.id)).toEqual(['D', 'E', 'C']);
    expect(waitingPosition(rows, 'C')).toBe(3);
    expect(waitingPosition(rows, 'A')).toBeNull();
  });

  test('promotion: the first waiting, as many as free places', () => {
    expect(toPromote(rows, 1)).toEqual([]);
    expect(toPromote(rows, 3).map((r) => r.id)).toEqual(['D', 'E']);
    expect(toPromote(rows, 10).map((r) => r.id)).toEqual(['D', 'E', 'C']);
  });
});

describe('whether a module takes registrations', () => {
  const now = new Date('2026-11-27T14:00:00Z');
  const m = (over: Partial<ModuleFacts> = {}): ModuleFacts => ({
    id: MODULE,
    name: 'Costos',
    status: 'Inscripción abierta',
    capacity: 60,
    firstStart: new Date('2026-12-09T23:00:00Z'),
    lastStart: new Date('2026-12-11T23:00:00Z'),
    ...over,
  });
  test('open only with the state, a first session ahead and places', () => {
    expect(registrationOpenness(m(), now)).toEqual({ open: true });
    expect(registrationOpenness(null, now)).toEqual({ open: false, reason: 'unknown' });
    expect(registrationOpenness(m({ status: 'Borrador' }), now)).toEqual({ open: false, reason: 'not-open' });
    expect(registrationOpenness(m({ status: 'Cancelado' }), now)).toEqual({ open: false, reason: 'not-open' });
    expect(registrationOpenness(m({ firstStart: now }), now)).toEqual({ open: false, reason: 'started' });
    expect(registrationOpenness(m({ firstStart: null }), now)).toEqual({ open: false, reason: 'started' });
    expect(registrationOpenness(m({ capacity: 0 }), now)).toEqual({ open: false, reason: 'no-capacity' });
  });
  test('a freed place is offered until the last session starts', () => {
    expect(mayPromote(m(), now)).toBe(true);
    expect(mayPromote(m({ lastStart: now }), now)).toBe(false);
    expect(mayPromote(m({ lastStart: null }), now)).toBe(false);
  });
});
