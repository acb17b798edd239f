/**
 * C02–C04 in the emulator, with the built bundle: two approved requests (seeded as the approval
 * leaves them) become their workshops when the trigger `runExternalRequests` runs — a module kind
 * 'Externo' with one session, its event with Meet, the speaker invited, registration open with the
 * module's own link, the institution told once — and a second run adds nothing. The institution's
 * people register through that link (the same registration pipeline), get their access link the
 * day before, are marked present; after the session the request is 'Realizada', a day later its
 * contact gets the attendance count and the thanks once, and the request without certificates is
 * 'Cerrada' while the one with certificates waits for them. No invitations ever go out for them.
 */
import { EXTERNAL_WORKSHOP_MESSAGES } from '../../src/domain/messages/external-workshop';
import { CERTIFICATE_MESSAGES } from '../../src/domain/messages/workshops-certificates';
import { INVITATION_MESSAGES } from '../../src/domain/messages/workshops-invitations';
import { sessionEventId } from '../../src/domain/workshops/events';
import { CONSENT_CHOICE, NEWS_CHOICE, REGISTRATION_QUESTIONS as Q } from '../../src/domain/workshops/registration-form';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { seedApprovedRequests } from '../support/external-approved';

const CONTACT_A = 'direccion@cetpro-smp.edu.pe';
const CONTACT_B = 'coordinacion@iestp-chincha.edu.pe';

describe('C02–C04: an approved request becomes its one-session workshop and runs to its close', () => {
  let w: AttentionWorld;
  const requests = () => w.ws.readTab(w.talleres, 'Solicitudes externas');
  const request = (id: string) => requests().find((r) => r['ID de solicitud'] === id)!;
  const modules = () => w.ws.readTab(w.talleres, 'Módulos');
  const moduleOf = (id: string) => modules().find((m) => m['ID de solicitud externa'] === id)!;
  const sessionsOf = (moduleId: string) => w.ws.readTab(w.talleres, 'Sesiones').filter((s) => s['ID de módulo'] === moduleId);
  const mailsTo = (email: string) => w.ws.outbox().filter((m) => m.to.includes(email));
  const call = <T>(fn: string, args: unknown[]): T => {
    const r = w.ws.callFromSidebar(w.talleres, fn, args);
    if (!r.ok) throw new Error(r.error);
    return r.value as T;
  };
  const run = () => {
    const r = w.ws.runTrigger(w.talleres, 'runExternalRequests');
    if (r.error) throw new Error(r.error);
    return String(r.value);
  };

  beforeAll(() => {
    w = createAttentionWorld({ at: '2026-11-27T09:00' });
    seedApprovedRequests(w.ws, w.talleres, [
      { id: 'SOL-2026-0001', expected: 40, certificates: false, contactEmail: CONTACT_A },
      {
        id: 'SOL-2026-0002',
        institution: 'IESTP Chincha',
        topic: 'Costos y precios',
        expected: 41,
        start: '2026-12-11T10:00',
        speaker: 'José Ñahui',
        speakerEmail: 'jose.nahui@gmail.com',
        contactName: 'Luis Pachas',
        contactEmail: CONTACT_B,
        certificates: true,
      },
    ]);
  });

  test('the trigger makes each module kind «Externo» with one session, capacity with the margin, and schedules the request', () => {
    run();
    const a = moduleOf('SOL-2026-0001');
    const b = moduleOf('SOL-2026-0002');
    expect(a).toMatchObject({
      Tipo: 'Externo',
      'Institución solicitante': 'CETPRO San Martín de Porres',
      'Emite certificados': false,
      // ceil(40 × 1.2) = 48; ceil(41 × 1.2) = ceil(49.2) = 50
      Cupos: 48,
      'Asistencia mínima (sesiones)': 1,
      Estado: 'Inscripción abierta',
    });
    expect(String(a['Módulo'])).toBe('Taller externo: Plan de negocios – CETPRO San Martín de Porres (10/12)');
    expect(b).toMatchObject({ Tipo: 'Externo', Cupos: 50, 'Emite certificados': true });
    for (const [id, m] of [['SOL-2026-0001', a], ['SOL-2026-0002', b]] as const) {
      const r = request(id);
      expect(r).toMatchObject({ Estado: 'Programada', 'ID de módulo': m['ID de módulo'], 'Respuesta a la institución': 'enviado' });
      expect(r['Programada']).toBeInstanceOf(Date);
      expect(r['Respuesta enviada']).toBeInstanceOf(Date);
      const sessions = sessionsOf(String(m['ID de módulo']));
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ 'N.°': 1, 'Invitación al ponente': 'enviado' });
      const event = w.ws.calendarEvents().find((e) => e.id === sessionEventId(String(sessions[0]['ID de sesión'])));
      expect(event?.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
      expect(sessions[0]['Enlace Meet']).toBe(event?.hangoutLink);
      expect(String(m['Enlace de inscripción'])).toMatch(/^https:\/\//);
    }
    expect(mailsTo('carmen.vilchez@gmail.com').filter((x) => x.subject.startsWith('Invitación como ponente:'))).toHaveLength(1);
    expect(mailsTo('jose.nahui@gmail.com').filter((x) => x.subject.startsWith('Invitación como ponente:'))).toHaveLength(1);
  });

  test('the institution is told once: date and Lima time, topic, speaker, the link to share, the places, what follows', () => {
    const mails = mailsTo(CONTACT_A);
    expect(mails).toHaveLength(1);
    const m = mails[0]!;
    expect(m.subject).toBe('Taller aprobado: «Plan de negocios» – jueves 10 de diciembre de 2026');
    expect(m.body).toContain('Estimado(a) Rosa Villanueva:');
    expect(m.body).toContain('de 6:00 p. m. a 8:00 p. m. (hora de Lima)');
    expect(m.body).toContain('Ponente: Carmen Vílchez');
    expect(m.body).toContain('Vacantes: 48');
    expect(m.body).toContain(String(moduleOf('SOL-2026-0001')['Enlace de inscripción']));
    expect(m.body).toContain('El día anterior al taller');
    expect(m.body).toContain('Este taller no emite certificados.');
    expect(mailsTo(CONTACT_B)[0]!.body).toContain('reciben su certificado');
  });

  test('a second run adds nothing: no module, event, email or audit of a new step', () => {
    const before = { modules: modules().length, events: w.ws.calendarEvents().length, mails: w.ws.outbox().length, sessions: w.ws.readTab(w.talleres, 'Sesiones').length };
    run();
    expect({ modules: modules().length, events: w.ws.calendarEvents().length, mails: w.ws.outbox().length, sessions: w.ws.readTab(w.talleres, 'Sesiones').length }).toEqual(before);
  });

  test('a proposal the module’s rules refuse (the speaker busy elsewhere) gets a note and one «Revisión» item, and stays «Aprobada»', () => {
    seedApprovedRequests(w.ws, w.talleres, [{ id: 'SOL-2026-0003', institution: 'CETPRO Ate', start: '2026-12-10T19:00', contactEmail: 'cetpro.ate@gmail.com' }]);
    const mails = w.ws.outbox().length;
    run();
    run();
    const r = request('SOL-2026-0003');
    expect(r['Estado']).toBe('Aprobada');
    expect(String(r['Detalle'])).toMatch(/^Taller externo: El taller no se pudo programar/);
    expect(String(r['Detalle'])).toContain('Este ponente ya tiene una sesión');
    expect(r['ID de módulo']).toBe('');
    const items = w.ws.readTab(w.talleres, 'Revisión').filter((x) => x['Referencia'] === 'SOL-2026-0003');
    expect(items).toHaveLength(1);
    expect(items[0]!['Tipo']).toBe('Taller externo sin programar');
    expect(w.ws.outbox().length).toBe(mails);
    expect(modules().some((m) => m['ID de solicitud externa'] === 'SOL-2026-0003')).toBe(false);
  });

  test('«Siguiente paso» skips the programme, the banner and the invitations; invitations are refused', () => {
    const view = call<{ modules: { id: string; stage: { steps: { code: string; state: string; text: string }[]; next: string } }[] }>('getModules', []);
    const m = view.modules.find((x) => x.id === moduleOf('SOL-2026-0001')['ID de módulo'])!;
    const step = (code: string) => m.stage.steps.find((s) => s.code === code)!;
    expect(step('B03').state).toBe('hecho');
    expect(step('B04').state).toBe('hecho');
    expect(step('B05')).toMatchObject({ state: 'hecho' });
    expect(step('B05').text).toContain('La institución comparte el enlace');
    const r = call<{ ok: boolean; message: string }>('sendInvitations', [m.id]);
    expect(r).toEqual(expect.objectContaining({ ok: false, message: INVITATION_MESSAGES.externalModule }));
  });

  test('the institution’s people register through its link; confirmations and access links work as for any module', () => {
    const url = String(moduleOf('SOL-2026-0001')['Enlace de inscripción']);
    const { formId, answers } = w.ws.openFormLink(url);
    const people = [
      ['41234567', 'Rosa', 'Mamani', 'rosa.mamani@gmail.com'],
      ['42345678', 'Jorge', 'Huamán', 'jorge.huaman@gmail.com'],
      ['43456789', 'Lucía', "D'Angelo", 'lucia.dangelo@hotmail.com'],
    ];
    for (const [dni, names, surnames, email] of people) {
      w.ws.submitForm(formId, {
        ...answers,
        [Q.documentType]: 'DNI',
        [Q.documentNumber]: dni!,
        [Q.names]: names!,
        [Q.surnames]: surnames!,
        [Q.email]: email!,
        [Q.phone]: '987 654 321',
        [Q.region]: 'Lima Metropolitana',
        [Q.stage]: 'Idea de negocio',
        [Q.sector]: 'Comercio',
        [Q.presents]: 'No',
        [Q.consent]: [CONSENT_CHOICE],
        [Q.news]: [NEWS_CHOICE],
      });
    }
    // One person of the second institution, through its own link.
    const other = w.ws.openFormLink(String(moduleOf('SOL-2026-0002')['Enlace de inscripción']));
    w.ws.submitForm(other.formId, {
      ...other.answers,
      [Q.documentType]: 'DNI',
      [Q.documentNumber]: '44567890',
      [Q.names]: 'Ñusta',
      [Q.surnames]: 'Condori',
      [Q.email]: 'nusta.condori@gmail.com',
      [Q.phone]: '987 654 322',
      [Q.region]: 'Ica',
      [Q.stage]: 'Idea de negocio',
      [Q.sector]: 'Comercio',
      [Q.presents]: 'No',
      [Q.consent]: [CONSENT_CHOICE],
      [Q.news]: [NEWS_CHOICE],
    });
    const moduleId = String(moduleOf('SOL-2026-0001')['ID de módulo']);
    const regs = w.ws.readTab(w.talleres, 'Inscripciones').filter((r) => r['ID de módulo'] === moduleId);
    expect(regs.map((r) => r['Estado'])).toEqual(['Inscrito', 'Inscrito', 'Inscrito']);
    expect(mailsTo('rosa.mamani@gmail.com')).toHaveLength(1);
    // The day before: the access link (the session clock, same as any module).
    w.ws.advanceTo('2026-12-09T20:00');
    expect(mailsTo('rosa.mamani@gmail.com').length).toBe(2);
    expect(request('SOL-2026-0001')['Estado']).toBe('Programada');
  });

  test('after the session: «Realizada»; a day later the thanks once with the count; closed when no certificates are due', () => {
    const moduleId = String(moduleOf('SOL-2026-0001')['ID de módulo']);
    const sid = String(sessionsOf(moduleId)[0]!['ID de sesión']);
    w.ws.advanceTo('2026-12-10T18:30');
    const marked = call<{ ok: boolean; message: string }>('markAllPresent', [sid]);
    expect(marked.ok).toBe(true);
    // One of the three did not come.
    const regs = w.ws.readTab(w.talleres, 'Inscripciones').filter((r) => r['ID de módulo'] === moduleId);
    expect(call<{ ok: boolean }>('markSessionAttendance', [sid, String(regs[2]!['ID de inscripción']), false]).ok).toBe(true);
    w.ws.advanceTo('2026-12-10T20:30');
    const held = request('SOL-2026-0001');
    expect(held['Estado']).toBe('Realizada');
    expect(held['Realizada']).toBeInstanceOf(Date);
    expect(mailsTo(CONTACT_A)).toHaveLength(1);

    // The second workshop's one participant is present (10:00–12:00).
    w.ws.advanceTo('2026-12-11T10:30');
    const sidB = String(sessionsOf(String(moduleOf('SOL-2026-0002')['ID de módulo']))[0]!['ID de sesión']);
    expect(call<{ ok: boolean }>('markAllPresent', [sidB]).ok).toBe(true);

    w.ws.advanceTo('2026-12-11T20:30');
    const thanks = mailsTo(CONTACT_A).filter((m) => m.subject.startsWith('Gracias por el taller'));
    expect(thanks).toHaveLength(1);
    expect(thanks[0]!.subject).toBe('Gracias por el taller «Plan de negocios»: 2 asistentes');
    expect(thanks[0]!.body).toContain('Asistentes: 2');
    expect(thanks[0]!.body).toContain('Inscritos: 3');
    const closed = request('SOL-2026-0001');
    expect(closed).toMatchObject({ Estado: 'Cerrada', Asistentes: 2, Agradecimiento: 'enviado' });
    expect(closed['Cerrada']).toBeInstanceOf(Date);
    expect(closed['Agradecimiento enviado']).toBeInstanceOf(Date);

    // Certificates: none for this workshop; the panel says so.
    const certs = call<{ blocked: string; mayIssue: boolean }>('getCertificatesView', [moduleId]);
    expect(certs).toMatchObject({ blocked: CERTIFICATE_MESSAGES.noCertificates, mayIssue: false });
    expect(w.ws.readTab(w.talleres, 'Certificados').filter((c) => c['ID de módulo'] === moduleId)).toHaveLength(0);
  });

  test('the workshop with certificates: thanked once with its count, and it stays «Realizada» while a certificate is due', () => {
    expect(request('SOL-2026-0002')['Estado']).toBe('Realizada');
    w.ws.advanceTo('2026-12-12T13:00');
    const r = request('SOL-2026-0002');
    expect(r).toMatchObject({ Estado: 'Realizada', Asistentes: 1, Agradecimiento: 'enviado' });
    const thanks = mailsTo(CONTACT_B).filter((m) => m.subject.startsWith('Gracias por el taller'));
    expect(thanks).toHaveLength(1);
    expect(thanks[0]!.body).toContain('reciben su certificado');
    // Later runs (the clock, the daily job) send nothing more to either institution.
    w.ws.advanceTo('2026-12-14T09:00');
    expect(mailsTo(CONTACT_A).filter((m) => m.subject.startsWith('Gracias por el taller'))).toHaveLength(1);
    expect(mailsTo(CONTACT_B).filter((m) => m.subject.startsWith('Gracias por el taller'))).toHaveLength(1);
    expect(request('SOL-2026-0002')['Estado']).toBe('Realizada');
    const audit = w.ws.readTab(w.talleres, 'Registro de auditoría').map((a) => String(a['Acción'] ?? ''));
    expect(audit.some((a) => a.startsWith('Taller externo'))).toBe(true);
    expect(EXTERNAL_WORKSHOP_MESSAGES.dutyName).toBe('Taller externo realizado');
  });
});
