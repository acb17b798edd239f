/**
 * Issue 14's "done when" scenario, end to end in the emulator with the built bundle (one linear
 * world): three institutions request workshops through the public request form —
 *
 * - the CETPRO asks once, correctly; its request is approved by the Sub Director's link and its
 *   workshop issues certificates;
 * - the institute first types a RUC with a wrong check digit (it is told what to fix, the answer
 *   goes to 'Revisión', no request is made), then sends it right; its request is rejected by the
 *   link, with a reason the institution receives;
 * - the municipality sends the same request twice (the second updates the first: one request,
 *   one acknowledgment); it is approved by a coordinator in the panel (by phone), without
 *   certificates.
 *
 * The two approved workshops then run with 40 participants each who register through the link the
 * institution received: confirmations, the access link the day before, check-in during the session
 * (30 and 25 attend), the survey to attendees, the thanks with the count to the institution, and
 * certificates for the CETPRO's attendees. At the end: every (recipient, subject) once, nothing
 * left in the journal, and every step's moment recorded on the requests (the timings the panel
 * shows against the seed's 5 h 25 min).
 */
import type { CertificateActionResult, ExternalActionResult, ExternalDetailResult, ExternalRequestsView } from '../../src/api';
import { CHECKIN_QUESTIONS as CQ } from '../../src/domain/workshops/checkin-form';
import { CONSENT_CHOICE, REGISTRATION_QUESTIONS as RQ } from '../../src/domain/workshops/registration-form';
import { REQUEST_CONSENT_CHOICE, REQUEST_QUESTIONS as Q } from '../../src/domain/external/request-form';
import { approvalLinks, confirmLink, createExternalWorld, EXTERNAL_TAB, openLink, type ExternalWorld } from '../support/external-world';

const lima = (s: string) => `${s}:00-05:00`;
const PEOPLE = 40;

interface Institution {
  key: 'cetpro' | 'instituto' | 'municipalidad';
  name: string;
  ruc: string;
  email: string;
  topic: string;
  option1: [string, string];
  option2: [string, string];
  expected: number;
}

const CETPRO: Institution = {
  key: 'cetpro',
  name: 'CETPRO Santa Rosa de Lima',
  ruc: '20131312955',
  email: 'direccion@cetprosantarosa.edu.pe',
  topic: 'Costos y precios',
  option1: ['2027-02-15', '10:00'],
  option2: ['2027-02-16', '10:00'],
  expected: 40,
};
const INSTITUTO: Institution = {
  key: 'instituto',
  name: 'Instituto Tecnológico Andino',
  ruc: '20100047218',
  email: 'coordinacion@itandino.edu.pe',
  topic: 'Plan de negocio',
  option1: ['2027-02-16', '15:00'],
  option2: ['2027-02-18', '15:00'],
  expected: 30,
};
const MUNICIPALIDAD: Institution = {
  key: 'municipalidad',
  name: 'Municipalidad Distrital de Villa El Salvador',
  ruc: '20131023414',
  email: 'desarrollo.economico@munives.gob.pe',
  topic: 'Formalización de negocios',
  option1: ['2027-02-17', '15:00'],
  option2: ['2027-02-19', '09:00'],
  expected: 35,
};

function requestAnswers(i: Institution, overrides: Partial<Record<string, string | string[]>> = {}): Record<string, string | string[]> {
  return {
    [Q.institution]: i.name,
    [Q.ruc]: i.ruc,
    [Q.institutionType]: i.key === 'municipalidad' ? 'Municipalidad' : i.key === 'cetpro' ? 'CETPRO' : 'Instituto de Educación Superior',
    [Q.region]: 'Lima Metropolitana',
    [Q.district]: 'Villa El Salvador',
    [Q.contactName]: `Responsable ${i.name.split(' ')[0]}`,
    [Q.contactRole]: 'Coordinación académica',
    [Q.email]: i.email,
    [Q.phone]: '987654321',
    [Q.topic]: i.topic,
    [Q.option1Date]: i.option1[0],
    [Q.option1Time]: i.option1[1],
    [Q.option2Date]: i.option2[0],
    [Q.option2Time]: i.option2[1],
    [Q.expected]: String(i.expected),
    [Q.modality]: 'Virtual (Google Meet)',
    [Q.notes]: '',
    [Q.consent]: [REQUEST_CONSENT_CHOICE],
    ...overrides,
  } as Record<string, string | string[]>;
}

describe('issue 14: three institutions request workshops; two run with 40 participants each', () => {
  let w: ExternalWorld;
  let formId = '';
  const requestId: Partial<Record<Institution['key'], string>> = {};
  const moduleId: Partial<Record<Institution['key'], string>> = {};

  const call = <T>(fn: string, args: unknown[]): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args);
    if (!r.ok) throw new Error(`${fn}: ${r.error}`);
    return r.value as T;
  };
  const requests = () => w.ws.readTab(w.talleres, EXTERNAL_TAB);
  const requestOf = (k: Institution['key']) => requests().find((r) => r['ID de solicitud'] === requestId[k])!;
  const mailsTo = (to: string) => w.ws.outbox().filter((m) => m.to.includes(to));
  const emailOf = (k: string, p: number) => `${k}.participante.${String(p).padStart(2, '0')}@gmail.com`;
  const dniOf = (k: string, p: number) => String((k === 'cetpro' ? 41_000_000 : 42_000_000) + p);
  const sessionOf = (k: Institution['key']) => w.ws.readTab(w.talleres, 'Sesiones').find((s) => s['ID de módulo'] === moduleId[k])!;
  const registrationsOf = (k: Institution['key']) => w.ws.readTab(w.talleres, 'Inscripciones').filter((r) => r['ID de módulo'] === moduleId[k]);

  function submit(answers: Record<string, string | string[]>): void {
    w.ws.advanceBy(60_000);
    const r = w.ws.submitForm(formId, answers);
    if (r.executions.some((e) => e.status !== 'completed')) throw new Error(`request submission: ${JSON.stringify(r.executions.map((e) => e.status))}`);
  }

  function register(k: 'cetpro' | 'municipalidad'): void {
    const url = String(w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === moduleId[k])!['Enlace de inscripción']);
    for (let p = 1; p <= PEOPLE; p++) {
      w.ws.advanceBy(60_000);
      const opened = w.ws.openFormLink(url);
      w.ws.submitForm(opened.formId, {
        ...opened.answers,
        [RQ.documentType]: 'DNI',
        [RQ.documentNumber]: dniOf(k, p),
        [RQ.names]: ['Ana', 'Rosa', 'Jorge', 'Lucía', 'Pedro'][p % 5]!,
        [RQ.surnames]: `Quispe ${['Mamani', 'Huamán', 'Ñahui', 'Flores'][p % 4]}`,
        [RQ.email]: emailOf(k, p),
        [RQ.phone]: `9876${String(p).padStart(5, '0')}`,
        [RQ.region]: 'Lima Metropolitana',
        [RQ.stage]: 'Idea de negocio',
        [RQ.sector]: 'Comercio',
        [RQ.questions]: '',
        [RQ.presents]: 'No',
        [RQ.consent]: [CONSENT_CHOICE],
        [RQ.news]: [],
      });
    }
    w.ws.advanceBy(10 * 60_000);
  }

  function checkIn(k: 'cetpro' | 'municipalidad', people: number): void {
    const link = call<{ ok: boolean; url: string }>('getCheckinLink', [String(sessionOf(k)['ID de sesión'])]).url;
    for (let p = 1; p <= people; p++) {
      const opened = w.ws.openFormLink(link);
      const r = w.ws.submitForm(opened.formId, { ...opened.answers, [CQ.documentType]: 'DNI', [CQ.documentNumber]: dniOf(k, p) });
      if (r.executions.some((e) => e.status !== 'completed')) throw new Error(`check-in ${k} ${p}`);
    }
  }

  beforeAll(() => {
    w = createExternalWorld({ at: '2027-02-01T09:00' });
    w.ws.setQuota('emailRecipients', 1500);
    formId = String(w.ws.readTab(w.talleres, 'Configuración').find((r) => r['Parámetro'] === 'Formulario de solicitudes externas (ID)')?.['Valor'] ?? '');
  }, 60_000);

  test('C01 intake: a bad RUC is told what to fix and kept in Revisión; a repeated request updates the first; one acknowledgment each', () => {
    expect(formId).not.toBe('');
    submit(requestAnswers(CETPRO));
    submit(requestAnswers(INSTITUTO, { [Q.ruc]: '20100047219' })); // wrong check digit
    submit(requestAnswers(MUNICIPALIDAD, { [Q.expected]: '30' }));
    submit(requestAnswers(INSTITUTO)); // corrected
    submit(requestAnswers(MUNICIPALIDAD)); // the same request again: 35 expected now
    w.ws.advanceBy(15 * 60_000);

    const rows = requests();
    expect(rows.map((r) => r['Institución']).sort()).toEqual([CETPRO.name, INSTITUTO.name, MUNICIPALIDAD.name].sort());
    expect(rows.every((r) => r['Estado'] === 'Recibida' && r['Acuse de recibo'] === 'enviado')).toBe(true);
    for (const i of [CETPRO, INSTITUTO, MUNICIPALIDAD]) requestId[i.key] = String(rows.find((r) => r['Institución'] === i.name)!['ID de solicitud']);
    expect(requestOf('municipalidad')['Participantes esperados']).toBe(35);

    // The institute: first the correction (the RUC named), then the acknowledgment of the right one.
    const toInstitute = mailsTo(INSTITUTO.email).map((m) => m.subject);
    expect(toInstitute).toEqual(['Su solicitud de taller al MTPE necesita una corrección', `Recibimos su solicitud de taller (${requestId.instituto}) – MTPE`]);
    expect(mailsTo(INSTITUTO.email)[0]!.body).toContain('RUC');
    const review = w.ws.readTab(w.talleres, 'Revisión');
    expect(review.some((r) => String(r['Detalle']).includes('20100047219'))).toBe(true);
    // The municipality asked twice: one acknowledgment.
    expect(mailsTo(MUNICIPALIDAD.email).map((m) => m.subject)).toEqual([`Recibimos su solicitud de taller (${requestId.municipalidad}) – MTPE`]);
  });

  test('C01 approval: each request sent to the Sub Director; the CETPRO approved by link, the institute rejected by link with a reason, the municipality approved in the panel', () => {
    w.ws.advanceTo(lima('2027-02-02T10:00'));
    const send = (k: Institution['key'], endTime: string, speaker: string, speakerEmail: string, certificates: boolean) =>
      call<ExternalActionResult>('sendExternalForApproval', [{ requestId: requestId[k], slot: '1', endTime, speaker, speakerEmail, certificates }]);
    expect(send('cetpro', '12:00', 'Carmen Vílchez', 'carmen.vilchez@gmail.com', true)).toMatchObject({ ok: true });
    expect(send('instituto', '17:00', 'José Ñahui', 'jose.nahui@gmail.com', false)).toMatchObject({ ok: true });
    expect(send('municipalidad', '17:00', 'María Castañeda', 'maria.castaneda@gmail.com', false)).toMatchObject({ ok: true });
    expect(requests().every((r) => r['Estado'] === 'Enviada a aprobación')).toBe(true);

    w.ws.advanceTo(lima('2027-02-02T16:00'));
    const cetpro = approvalLinks(w.ws, CETPRO.name);
    const instituto = approvalLinks(w.ws, INSTITUTO.name);
    expect(cetpro).toHaveLength(1);
    expect(instituto).toHaveLength(1);
    // A mail scanner's GET does nothing; the Sub Director's button does.
    expect(openLink(w.ws, cetpro[0]!.approve).html).toContain('<form');
    expect(requestOf('cetpro')['Estado']).toBe('Enviada a aprobación');
    expect(confirmLink(w.ws, w.url, cetpro[0]!.approve).status).toBe(200);
    expect(confirmLink(w.ws, w.url, instituto[0]!.reject, 'El taller coincide con la semana de exámenes del instituto.').status).toBe(200);
    // The other button of each email now loses, and says so.
    expect(confirmLink(w.ws, w.url, cetpro[0]!.reject, 'Otro motivo').text).toMatch(/ya fue aprobada/);
    const byPhone = call<ExternalActionResult>('recordExternalDecision', [{ requestId: requestId.municipalidad, decision: 'Aprobada', note: 'Aprobada por teléfono' }]);
    expect(byPhone.ok).toBe(true);

    expect(requestOf('cetpro')).toMatchObject({ Decisión: 'Aprobada', 'Vía de la decisión': 'Enlace' });
    expect(requestOf('instituto')).toMatchObject({ Estado: 'Rechazada', Decisión: 'Rechazada', 'Vía de la decisión': 'Enlace', 'Respuesta a la institución': 'enviado' });
    expect(requestOf('municipalidad')).toMatchObject({ Decisión: 'Aprobada', 'Vía de la decisión': 'Panel' });
    const rejection = mailsTo(INSTITUTO.email).at(-1)!;
    expect(rejection.body).toContain('El taller coincide con la semana de exámenes del instituto.');
  });

  test('C02: the job makes each approved workshop (module, event with Meet, registration link) and tells the institution once', () => {
    w.ws.advanceTo(lima('2027-02-02T17:00'));
    for (const k of ['cetpro', 'municipalidad'] as const) {
      const row = requestOf(k);
      expect(row['Estado']).toBe('Programada');
      moduleId[k] = String(row['ID de módulo']);
      const mod = w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === moduleId[k])!;
      expect(mod).toMatchObject({ Tipo: 'Externo', 'Estado': 'Inscripción abierta', Cupos: 48 - (k === 'municipalidad' ? 6 : 0), 'Emite certificados': k === 'cetpro' });
      expect(String(sessionOf(k)['Enlace Meet'])).toMatch(/^https:\/\/meet\.google\.com\//);
      const told = mailsTo(k === 'cetpro' ? CETPRO.email : MUNICIPALIDAD.email).filter((m) => m.subject.startsWith('Taller aprobado'));
      expect(told).toHaveLength(1);
      expect(told[0]!.body).toContain(String(mod['Enlace de inscripción']));
    }
    expect(requestOf('instituto')['ID de módulo']).toBe('');
    // The panel lists the three with their states.
    const view = call<ExternalRequestsView>('getExternalRequests', []);
    expect(view.counts).toMatchObject({ Programada: 2, Rechazada: 1 });
  });

  test('C02–C03: 40 people register through each institution\'s link; each gets the access link the day before, once', () => {
    register('cetpro');
    register('municipalidad');
    for (const k of ['cetpro', 'municipalidad'] as const) {
      expect(registrationsOf(k).filter((r) => r['Estado'] === 'Inscrito')).toHaveLength(PEOPLE);
    }
    w.ws.advanceTo(lima('2027-02-14T18:30'));
    const links = w.ws.outbox().filter((m) => m.subject.startsWith('Enlace de acceso'));
    expect(links.flatMap((m) => m.to).sort()).toEqual(Array.from({ length: PEOPLE }, (_, i) => emailOf('cetpro', i + 1)).sort());
  });

  test('C03: the CETPRO\'s session: 30 check in; the survey goes to them only; the request becomes «Realizada»', () => {
    w.ws.advanceTo(lima('2027-02-15T09:50'));
    checkIn('cetpro', 30);
    w.ws.advanceTo(lima('2027-02-15T12:30'));
    expect(requestOf('cetpro')['Estado']).toBe('Realizada');
    const surveys = w.ws.outbox().filter((m) => m.subject.startsWith('Encuesta de Satisfacción') && m.subject.includes(CETPRO.topic));
    expect(surveys.flatMap((m) => m.to).sort()).toEqual(Array.from({ length: 30 }, (_, i) => emailOf('cetpro', i + 1)).sort());
  });

  test('C03: the municipality\'s session: access links the day before, 25 check in', () => {
    w.ws.advanceTo(lima('2027-02-16T18:30'));
    const links = w.ws.outbox().filter((m) => m.subject.startsWith('Enlace de acceso') && m.to.some((t) => t.startsWith('municipalidad.')));
    expect(links).toHaveLength(PEOPLE);
    w.ws.advanceTo(lima('2027-02-17T14:50'));
    checkIn('municipalidad', 25);
    w.ws.advanceTo(lima('2027-02-17T17:30'));
    expect(requestOf('municipalidad')['Estado']).toBe('Realizada');
  });

  test('C04: a day after each session the institution gets the attendance count and thanks, once; certificates for the CETPRO only; both close', () => {
    w.ws.advanceTo(lima('2027-02-16T13:00'));
    const thanksCetpro = mailsTo(CETPRO.email).filter((m) => m.subject.startsWith('Gracias por el taller'));
    expect(thanksCetpro.map((m) => m.subject)).toEqual([`Gracias por el taller «${CETPRO.topic}»: 30 asistentes`]);
    expect(requestOf('cetpro')).toMatchObject({ Asistentes: 30, Agradecimiento: 'enviado', Estado: 'Realizada' }); // certificates still due

    // The municipality's workshop issues none: its panel says so.
    const none = call<CertificateActionResult>('issueCertificates', [moduleId.municipalidad]);
    expect(none.ok).toBe(false);
    expect(call<CertificateActionResult>('issueCertificates', [moduleId.cetpro]).ok).toBe(true);
    w.ws.advanceBy(2 * 3_600_000);
    const certificates = w.ws.outbox().filter((m) => /certificado/i.test(m.subject) && m.attachments.length === 1);
    expect(certificates.flatMap((m) => m.to).sort()).toEqual(Array.from({ length: 30 }, (_, i) => emailOf('cetpro', i + 1)).sort());

    w.ws.advanceTo(lima('2027-02-18T18:00'));
    expect(mailsTo(MUNICIPALIDAD.email).filter((m) => m.subject.startsWith('Gracias por el taller')).map((m) => m.subject)).toEqual([
      `Gracias por el taller «${MUNICIPALIDAD.topic}»: 25 asistentes`,
    ]);
    expect(requestOf('municipalidad')).toMatchObject({ Asistentes: 25, Estado: 'Cerrada' });
    expect(requestOf('cetpro')['Estado']).toBe('Cerrada');
    expect(w.ws.readTab(w.talleres, 'Certificados').filter((c) => c['ID de módulo'] === moduleId.municipalidad)).toHaveLength(0);
  });

  test('timings: every step\'s moment is on the request; the panel compares them with the seed\'s 5 h 25 min', () => {
    const moments = ['Recibida', 'Enviada a aprobación', 'Fecha de la decisión', 'Programada', 'Realizada', 'Agradecimiento enviado', 'Cerrada'];
    for (const k of ['cetpro', 'municipalidad'] as const) {
      const row = requestOf(k);
      const times = moments.map((m) => row[m]);
      expect(times.every((t) => t instanceof Date)).toBe(true);
      const ms = (times as Date[]).map((d) => d.getTime());
      expect([...ms].sort((a, b) => a - b)).toEqual(ms); // in the procedure's order
      const detail = call<ExternalDetailResult>('getExternalRequestDetail', [requestId[k]]);
      if (!detail.ok) throw new Error(detail.message);
      expect(detail.detail.timings.standardMinutes).toBe(325);
      expect(detail.detail.timings.totalElapsedMinutes).toBe(Math.round((ms.at(-1)! - ms[0]!) / 60_000));
      expect(detail.detail.timings.steps.map((s) => s.code)).toEqual(expect.arrayContaining(['C01', 'C02', 'C03', 'C04']));
    }
    const rejected = requestOf('instituto');
    expect(rejected['Fecha de la decisión']).toBeInstanceOf(Date);
    expect(rejected['Respuesta enviada']).toBeInstanceOf(Date);
  });

  test('every email once; nothing left in the journal; nothing unexpected in Revisión', () => {
    const seen = new Map<string, number>();
    for (const m of w.ws.outbox()) for (const to of m.to) seen.set(`${to} | ${m.subject}`, (seen.get(`${to} | ${m.subject}`) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    const props = w.ws.project(w.talleres).documentProperties;
    // (The speakers' invitations keep their journal entries by design: src/app/workshops/speakers.ts.)
    expect(Object.keys(props).filter((k) => (k.startsWith('SOE_MAIL:') && !k.startsWith('SOE_MAIL:ponente:')) || k.includes('PENDING'))).toEqual([]);
    // Revisión holds only the bad RUC's answer.
    const review = w.ws.readTab(w.talleres, 'Revisión');
    expect(review).toHaveLength(1);
  });
});
