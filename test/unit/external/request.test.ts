/**
 * The institutions' request (C01), pure: each answer validated (hostile ones included), the
 * de-duplication key and the request's ID.
 */
import {
  checkExpected,
  checkPreferredDate,
  externalRequestId,
  normaliseTopic,
  rawAnswersText,
  readExternalRequest,
  REQUEST_PROBLEMS as P,
  requestDedupeKey,
} from '../../../src/domain/external/request';
import { externalRequestForm, OTHER_TOPIC, REQUEST_CONSENT_CHOICE, REQUEST_QUESTIONS as Q, REQUEST_REGIONS, START_TIMES } from '../../../src/domain/external/request-form';
import { rucCheckDigit } from '../../../src/domain/external/ruc';
import { requestAckEmail, requestFixEmail, requestInProcessEmail } from '../../../src/domain/messages/external-intake';

/** A valid RUC with prefix 20 (the check digit computed, not copied). */
const RUC = (() => {
  const ten = '2013137099';
  return ten + String(rucCheckDigit(ten));
})();
const WRONG_DIGIT_RUC = RUC.slice(0, 10) + String((Number(RUC[10]) + 1) % 10);
// Friday 4 December 2026, 10:00 Lima.
const SUBMITTED = new Date('2026-12-04T15:00:00Z');

function answers(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    [Q.institution]: 'CETPRO Santa Rosa de Lima',
    [Q.ruc]: RUC,
    [Q.institutionType]: 'CETPRO',
    [Q.region]: 'Lima Metropolitana',
    [Q.district]: 'San Juan de Lurigancho',
    [Q.contactName]: "María D'Ángelo Ñahui",
    [Q.contactRole]: 'Directora',
    [Q.email]: 'direccion@cetprosantarosa.edu.pe',
    [Q.phone]: '987 654 321',
    [Q.topic]: 'Costos y precios',
    [Q.otherTopic]: '',
    [Q.option1Date]: '2026-12-15',
    [Q.option1Time]: '10:00',
    [Q.option2Date]: '2026-12-17',
    [Q.option2Time]: '15:30',
    [Q.expected]: '40',
    [Q.modality]: 'Virtual (Google Meet)',
    [Q.notes]: 'Estudiantes del último ciclo.',
    [Q.consent]: [REQUEST_CONSENT_CHOICE],
    ...extra,
  };
}

function problemsOf(extra: Record<string, string | string[]>): string[] {
  const r = readExternalRequest(answers(extra), SUBMITTED);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map((p) => p.message);
}

describe('the request form', () => {
  test('asks every question of the issue, in Spanish, with the privacy notice and two date questions', () => {
    const def = externalRequestForm();
    expect(def.description).toContain('Ley N.° 29733');
    expect(def.items.map((i) => i.title)).toEqual(Object.values(Q));
    expect(def.items.filter((i) => i.kind === 'date').map((i) => i.title)).toEqual([Q.option1Date, Q.option2Date]);
    expect(REQUEST_REGIONS).not.toContain('Vivo fuera del Perú');
    expect(START_TIMES[0]).toBe('08:00');
    expect(START_TIMES[START_TIMES.length - 1]).toBe('19:00');
  });
});

describe('a valid request', () => {
  test('is read tidy: RUC, mobile in +51 form, dates and times as given', () => {
    const r = readExternalRequest(answers({ [Q.ruc]: ` ${RUC.slice(0, 2)} ${RUC.slice(2)} ` }), SUBMITTED);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.request).toMatchObject({
      institution: 'CETPRO Santa Rosa de Lima',
      ruc: RUC,
      contactName: "María D'Ángelo Ñahui",
      contactPhone: '+51 987654321',
      topic: 'Costos y precios',
      option1Date: '2026-12-15',
      option1Time: '10:00',
      expected: 40,
    });
  });

  test('«Otro» takes the typed topic; without one it asks for it', () => {
    const r = readExternalRequest(answers({ [Q.topic]: OTHER_TOPIC, [Q.otherTopic]: 'Emprendimiento   social' }), SUBMITTED);
    expect(r.ok && r.request.topic).toBe('Emprendimiento social');
    expect(problemsOf({ [Q.topic]: OTHER_TOPIC, [Q.otherTopic]: '' })).toEqual([P.otherTopic]);
  });
});

describe('hostile and wrong answers', () => {
  test.each([
    ['a wrong check digit', WRONG_DIGIT_RUC, P.ruc.checkDigit],
    ['ten digits', RUC.slice(0, 10), P.ruc.length],
    ['twelve digits', RUC + '1', P.ruc.length],
    ['a wrong prefix', '30' + RUC.slice(2), P.ruc.prefix],
    ['letters', '20ABC370998', P.ruc.notDigits],
    ['nothing', '', P.ruc.empty],
    ['a formula', '=1+1', P.ruc.notDigits],
  ])('RUC with %s is refused', (_what, ruc, message) => {
    expect(problemsOf({ [Q.ruc]: ruc })).toEqual([message]);
  });

  test('a bad email is refused, and no address is returned to write to', () => {
    const r = readExternalRequest(answers({ [Q.email]: 'direccion@@cetpro' }), SUBMITTED);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['email']);
    expect(r.email).toBeNull();
  });

  test('a landline or foreign number is not a mobile', () => {
    expect(problemsOf({ [Q.phone]: '(01) 456-7890' })).toEqual([P.phone]);
    expect(problemsOf({ [Q.phone]: '+34 612 345 678' })).toEqual([P.phone]);
  });

  test('dates: today, the past, an impossible day, too far ahead or not a date are refused', () => {
    expect(problemsOf({ [Q.option1Date]: '2026-12-04' })).toEqual([P.date(1)]);
    expect(problemsOf({ [Q.option1Date]: '2025-12-15' })).toEqual([P.date(1)]);
    expect(problemsOf({ [Q.option2Date]: '2027-02-30' })).toEqual([P.date(2)]);
    expect(problemsOf({ [Q.option2Date]: '2028-01-10' })).toEqual([P.date(2)]);
    expect(problemsOf({ [Q.option1Date]: '15/12/2026' })).toEqual([P.date(1)]);
    expect(checkPreferredDate('2026-12-05', '2026-12-04')).toBe('2026-12-05');
  });

  test('a time not offered is refused', () => {
    expect(problemsOf({ [Q.option1Time]: '03:00' })).toEqual([P.time(1)]);
    expect(problemsOf({ [Q.option2Time]: '=NOW()' })).toEqual([P.time(2)]);
  });

  test.each([['0'], ['999'], ['501'], ['-5'], ['4.5'], ['cuarenta'], ['=40'], ['']])('%j participants are refused', (v) => {
    expect(problemsOf({ [Q.expected]: v })).toEqual([P.expected]);
  });
  test('1 and 500 participants are accepted', () => {
    expect(checkExpected('1')).toBe(1);
    expect(checkExpected(' 500 ')).toBe(500);
  });

  test('choices must be the form\'s own', () => {
    expect(problemsOf({ [Q.institutionType]: 'Colegio' })).toEqual([P.institutionType]);
    expect(problemsOf({ [Q.region]: 'Vivo fuera del Perú' })).toEqual([P.region]);
    expect(problemsOf({ [Q.topic]: '<script>alert(1)</script>' })).toEqual([P.topic]);
    expect(problemsOf({ [Q.modality]: 'Presencial' })).toEqual([P.modality]);
  });

  test('a formula or HTML as the contact\'s name is refused; as the institution it is kept as text (neutralised when written)', () => {
    expect(problemsOf({ [Q.contactName]: '=HYPERLINK("http://evil","x")' })).toEqual([P.contactName]);
    expect(problemsOf({ [Q.contactName]: '<b>Ana</b>' })).toEqual([P.contactName]);
    const r = readExternalRequest(answers({ [Q.institution]: '=CETPRO "<b>Uno</b>"' }), SUBMITTED);
    expect(r.ok && r.request.institution).toBe('=CETPRO "<b>Uno</b>"');
    expect(problemsOf({ [Q.institution]: '=1+2' })).toEqual([P.institution]);
  });

  test('huge texts are refused, not silently cut', () => {
    expect(problemsOf({ [Q.institution]: 'CETPRO '.repeat(100) })).toEqual([P.institution]);
    expect(problemsOf({ [Q.notes]: 'x'.repeat(1001) })).toEqual([P.notes]);
    expect(problemsOf({ [Q.topic]: OTHER_TOPIC, [Q.otherTopic]: 'a'.repeat(151) })).toEqual([P.otherTopic]);
    expect(problemsOf({ [Q.contactRole]: 'Jefe '.repeat(40) })).toEqual([P.contactRole]);
  });

  test('without consent the request is not taken', () => {
    expect(problemsOf({ [Q.consent]: [] })).toEqual([P.consent]);
  });

  test('everything wrong at once: every problem listed, the valid address kept to answer to', () => {
    const r = readExternalRequest(
      { [Q.email]: 'ok@institucion.edu.pe', [Q.ruc]: '123', [Q.expected]: '0', [Q.contactName]: 'Ana' },
      SUBMITTED,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.email).toBe('ok@institucion.edu.pe');
    expect(r.contactName).toBe('Ana');
    expect(r.problems.length).toBeGreaterThan(10);
  });
});

describe('de-duplication and ID', () => {
  const base = { ruc: RUC, topic: 'Costos y precios', option1Date: '2026-12-15', option2Date: '2026-12-17' };

  test('the same RUC, topic (any case, accents, spacing) and dates is the same key', () => {
    expect(normaliseTopic('  COSTOS  y  Précios. ')).toBe('costos y precios');
    expect(requestDedupeKey({ ...base, topic: 'costos Y precios' })).toBe(requestDedupeKey(base));
    expect(requestDedupeKey({ ...base, option2Date: '2026-12-18' })).not.toBe(requestDedupeKey(base));
    expect(requestDedupeKey({ ...base, topic: 'Plan de negocio' })).not.toBe(requestDedupeKey(base));
  });

  test('the ID is stable, secret-keyed and carries no RUC', () => {
    const id = externalRequestId('secreto', requestDedupeKey(base));
    expect(id).toMatch(/^S-[0-9A-V]{12}$/);
    expect(externalRequestId('secreto', requestDedupeKey(base))).toBe(id);
    expect(externalRequestId('otro', requestDedupeKey(base))).not.toBe(id);
    expect(id).not.toContain(RUC);
    expect(() => externalRequestId('', 'x')).toThrow();
  });

  test('the raw answers for «Revisión» keep every answer, cut sensibly', () => {
    const raw = rawAnswersText(answers({ [Q.notes]: 'y'.repeat(5000) }));
    expect(raw).toContain(`${Q.ruc}: ${RUC}`);
    expect(raw.length).toBeLessThanOrEqual(3000);
    expect(raw).toContain('…');
  });
});

describe('the intake\'s emails', () => {
  const summary = {
    requestId: 'S-ABCDEFGHIJKL',
    institution: '<img src=x onerror=alert(1)> CETPRO',
    contactName: 'María\nBcc: x@y.pe',
    topic: 'Costos y precios',
    option1Date: '2026-12-15',
    option1Time: '10:00',
    option2Date: '2026-12-17',
    option2Time: '15:30',
    expected: 40,
    modality: 'Virtual (Google Meet)',
  };

  test('the acknowledgment says what was received, in Lima dates, with the data escaped', () => {
    const m = requestAckEmail(summary);
    expect(m.subject).toContain('S-ABCDEFGHIJKL');
    expect(m.html).not.toContain('<img src=x');
    expect(m.html).toContain('&lt;img');
    expect(m.text).toContain('martes 15 de diciembre de 2026, 10:00 (hora de Lima)');
    expect(m.text).toContain('Estimado(a) María Bcc: x@y.pe:');
  });

  test('what to fix lists the problems and links the form; «in process» names the state', () => {
    const fix = requestFixEmail({ contactName: 'Ana', institution: 'CETPRO', problems: [P.ruc.checkDigit], formUrl: 'https://docs.google.com/forms/d/e/x/viewform' });
    expect(fix.text).toContain(P.ruc.checkDigit);
    expect(fix.html).toContain('https://docs.google.com/forms/d/e/x/viewform');
    const again = requestInProcessEmail({ contactName: 'Ana', requestId: 'S-1', institution: 'CETPRO', topic: 'Costos', state: 'Enviada a aprobación' });
    expect(again.text).toContain('enviada a aprobación');
  });
});
