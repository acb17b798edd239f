/**
 * A citizen's history (issue 15 item 4), pure parts: what is the person's (only rows with exactly
 * their DNI; attendance and certificates only through their registrations), the completion rule,
 * the modules to invite to, and what the panel's request may be (hostile input refused).
 */
import { citizenHistory, historyView, modulesToInvite, type HistoryInput } from '../../src/domain/citizen-history';
import { parseHistoryRequest } from '../../src/app/citizen-history';

const NOW = new Date('2026-11-27T15:00:00Z'); // 10:00 Lima
const d = (iso: string) => new Date(iso);
const DNI = '01234567';

function world(over: Partial<HistoryInput> = {}): HistoryInput {
  return {
    dni: DNI,
    now: NOW,
    excludeAppointmentId: 'CITA-NOW',
    appointments: [
      { id: 'CITA-NOW', dni: DNI, start: d('2026-11-27T15:00:00Z'), status: 'En atención', topic: '' },
      { id: 'CITA-1', dni: 1234567, start: d('2026-03-10T14:00:00Z'), status: 'Atendida', topic: 'Formalización' }, // number-like: leading zero lost
      { id: 'CITA-2', dni: DNI, start: d('2026-06-02T14:00:00Z'), status: 'Abandonada', topic: '' },
      { id: 'CITA-3', dni: DNI, start: d('2026-12-05T14:00:00Z'), status: 'Programada', topic: '' },
      { id: 'CITA-X', dni: '87654321', start: d('2026-05-01T14:00:00Z'), status: 'Atendida', topic: 'Otro' },
      // anonymised rows (a deletion, the retention): no DNI
      { id: 'CITA-ANON', dni: '', start: d('2026-04-01T14:00:00Z'), status: 'Atendida', topic: 'Marketing' },
    ],
    registrations: [
      { id: 'INS-1', moduleId: 'MOD-1', dni: DNI, status: 'Inscrito', registeredAt: d('2026-02-01T12:00:00Z') },
      { id: 'INS-2', moduleId: 'MOD-2', dni: DNI, status: 'Inscrito', registeredAt: d('2026-05-01T12:00:00Z') },
      { id: 'INS-OTHER', moduleId: 'MOD-1', dni: '87654321', status: 'Inscrito', registeredAt: d('2026-02-02T12:00:00Z') },
      { id: 'INS-ANON', moduleId: 'MOD-3', dni: '', status: 'Retirado', registeredAt: d('2026-02-03T12:00:00Z') },
    ],
    attendance: [
      { registrationId: 'INS-1', sessionId: 'S1-1', present: true },
      { registrationId: 'INS-1', sessionId: 'S1-2', present: true },
      { registrationId: 'INS-1', sessionId: 'S1-3', present: true }, // cancelled session: not counted
      { registrationId: 'INS-2', sessionId: 'S2-1', present: true },
      { registrationId: 'INS-2', sessionId: 'S2-2', present: false },
      { registrationId: 'INS-OTHER', sessionId: 'S1-1', present: true },
      { registrationId: 'INS-ANON', sessionId: 'S3-1', present: true },
    ],
    modules: [
      { id: 'MOD-1', name: 'Aprende a Emprender: Idea de negocio', kind: 'Interno', status: 'Cerrado', startDate: d('2026-02-10T05:00:00Z'), endDate: d('2026-02-12T05:00:00Z'), minSessions: 2 },
      { id: 'MOD-2', name: 'Aprende a Emprender: Finanzas', kind: 'Interno', status: 'Cerrado', startDate: d('2026-05-10T05:00:00Z'), endDate: d('2026-05-12T05:00:00Z'), minSessions: 2 },
      { id: 'MOD-3', name: 'Marketing digital', kind: 'Interno', status: 'Inscripción abierta', startDate: d('2026-12-10T05:00:00Z'), endDate: d('2026-12-12T05:00:00Z'), minSessions: 2 },
      { id: 'MOD-4', name: 'APRENDE a emprender:  idea de négocio', kind: 'Interno', status: 'Inscripción abierta', startDate: d('2026-12-01T05:00:00Z'), endDate: null, minSessions: 2 },
      { id: 'MOD-5', name: 'Aprende a Emprender: Finanzas', kind: 'Interno', status: 'Inscripción abierta', startDate: d('2026-12-03T05:00:00Z'), endDate: null, minSessions: 2 },
      { id: 'MOD-6', name: 'Ventas', kind: 'Externo', status: 'Inscripción abierta', startDate: d('2026-11-01T05:00:00Z'), endDate: d('2026-11-20T05:00:00Z'), minSessions: 1 },
      { id: 'MOD-7', name: 'Costos', kind: 'Interno', status: 'Borrador', startDate: null, endDate: null, minSessions: 2 },
    ],
    sessions: [
      { id: 'S1-1', moduleId: 'MOD-1', status: 'Realizada', start: d('2026-02-10T15:00:00Z'), end: d('2026-02-10T17:00:00Z') },
      { id: 'S1-2', moduleId: 'MOD-1', status: 'Realizada', start: d('2026-02-11T15:00:00Z'), end: d('2026-02-11T17:00:00Z') },
      { id: 'S1-3', moduleId: 'MOD-1', status: 'Cancelada', start: d('2026-02-12T15:00:00Z'), end: d('2026-02-12T17:00:00Z') },
      { id: 'S2-1', moduleId: 'MOD-2', status: 'Realizada', start: d('2026-05-10T15:00:00Z'), end: d('2026-05-10T17:00:00Z') },
      { id: 'S2-2', moduleId: 'MOD-2', status: 'Realizada', start: d('2026-05-11T15:00:00Z'), end: d('2026-05-11T17:00:00Z') },
    ],
    certificates: [
      { code: 'OLD1', registrationId: 'INS-1', moduleId: 'MOD-1', moduleName: 'Aprende a Emprender: Idea de negocio', state: 'Reemplazado', issuedAt: d('2026-02-20T15:00:00Z') },
      { code: 'NEW1', registrationId: 'INS-1', moduleId: 'MOD-1', moduleName: 'Aprende a Emprender: Idea de negocio', state: 'Vigente', issuedAt: d('2026-02-21T15:00:00Z') },
      { code: 'OTHER', registrationId: 'INS-OTHER', moduleId: 'MOD-1', moduleName: 'x', state: 'Vigente', issuedAt: d('2026-02-21T15:00:00Z') },
      { code: 'ANON', registrationId: 'INS-ANON', moduleId: 'MOD-3', moduleName: 'x', state: 'Revocado', issuedAt: d('2026-02-21T15:00:00Z') },
    ],
    ...over,
  };
}

describe("a citizen's history", () => {
  const h = citizenHistory(world());

  test('attentions: only exactly this DNI (leading zero restored), not the one attended now, newest first, upcoming marked', () => {
    expect(h.attentions.map((a) => [a.id, a.upcoming])).toEqual([
      ['CITA-3', true],
      ['CITA-2', false],
      ['CITA-1', false],
    ]);
    expect(h.attentions.find((a) => a.id === 'CITA-1')!.topic).toBe('Formalización');
  });

  test('modules: their registrations with sessions attended against the rule (a cancelled session never counts) and the current certificate', () => {
    expect(h.modules.map((m) => [m.registrationId, m.attended, m.sessions, m.minSessions, m.completed, m.certificate?.code ?? null])).toEqual([
      ['INS-2', 1, 2, 2, false, null],
      ['INS-1', 2, 2, 2, true, 'NEW1'],
    ]);
  });

  test('certificates: only through their registrations, a replaced one left out', () => {
    expect(h.certificates.map((c) => c.code)).toEqual(['NEW1']);
    expect(h.counts).toEqual({ attentions: 2, modules: 2, completed: 1, certificates: 1 });
  });

  test('to invite: open, not ended, not registered in, not completed under another edition of the same name (accents, case, spaces ignored)', () => {
    // MOD-4 is another edition of MOD-1 (completed) → no; MOD-5 another edition of MOD-2 (not completed) → yes;
    // MOD-3 open → yes; MOD-6 ended → no; MOD-7 a draft → no.
    expect(h.toInvite.map((m) => m.moduleId)).toEqual(['MOD-5', 'MOD-3']);
  });

  test('an active registration in an open module takes it off the list; a withdrawn one does not', () => {
    const taken = citizenHistory(world()).modules;
    const mod3 = world().modules;
    const active = [...taken, { ...taken[0], registrationId: 'INS-9', moduleId: 'MOD-3', name: 'Marketing digital', registrationStatus: 'En lista de espera', completed: false }];
    expect(modulesToInvite(mod3, active, NOW).map((m) => m.moduleId)).toEqual(['MOD-5']);
    const withdrawn = [...taken, { ...taken[0], registrationId: 'INS-9', moduleId: 'MOD-3', name: 'Marketing digital', registrationStatus: 'Retirado', completed: false }];
    expect(modulesToInvite(mod3, withdrawn, NOW).map((m) => m.moduleId)).toEqual(['MOD-5', 'MOD-3']);
  });

  test('an empty or invalid DNI matches nothing — never the anonymised rows with an empty document', () => {
    for (const dni of ['', '   ', 'abc', '123', '=1+1']) {
      const e = citizenHistory(world({ dni }));
      expect([e.dni, e.attentions.length, e.modules.length, e.certificates.length, e.toInvite.length]).toEqual(['', 0, 0, 0, 0]);
    }
  });

  test('a deleted person (every row anonymised) has no history', () => {
    const w = world();
    const anon = <T extends { dni: string | number }>(rows: readonly T[]) => rows.map((r) => ({ ...r, dni: r.dni === DNI || r.dni === 1234567 ? '' : r.dni }));
    const e = citizenHistory({ ...w, appointments: anon(w.appointments), registrations: anon(w.registrations) });
    expect([e.attentions.length, e.modules.length, e.certificates.length]).toEqual([0, 0, 0]);
    expect(historyView(e).summary).toBe(`El servicio no tiene registros de la persona con documento ${DNI}: ni atenciones anteriores, ni inscripciones, ni certificados.`);
  });

  test('the view: Spanish texts, Lima dates', () => {
    const v = historyView(h);
    expect(v.summary).toBe('2 atenciones, 2 módulos inscritos (1 completado), 1 certificado.');
    expect(v.attentions[0]).toMatchObject({ status: 'Programada (próxima)', topic: 'Sin tema registrado' });
    expect(v.attentions[2].topic).toBe('Formalización');
    const m1 = v.modules.find((m) => m.moduleId === 'MOD-1')!;
    expect(m1.attendanceText).toBe('Asistió a 2 de 2 sesiones (mínimo para el certificado: 2)');
    expect(m1.datesText).toBe('del 10/02/2026 al 12/02/2026');
    expect(m1.certificateText).toMatch(/^Certificado NEW1 \(vigente, emitido el /);
    expect(v.toInviteNote).toBe('');
  });
});

describe('what the panel may ask', () => {
  test('an appointment, or a DNI', () => {
    expect(parseHistoryRequest({ appointmentId: ' CITA-1 ' })).toEqual({ kind: 'appointment', id: 'CITA-1' });
    expect(parseHistoryRequest({ document: '0123 4567' })).toEqual({ kind: 'document', dni: DNI });
  });

  test.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', '01234567'],
    ['an array', [DNI]],
    ['an empty object', {}],
    ['both', { appointmentId: 'CITA-1', document: DNI }],
    ['a formula as document', { document: '=IMPORTXML("http://x")' }],
    ['a short document', { document: '1234' }],
    ['a huge document', { document: '1'.repeat(5000) }],
    ['a number as appointment', { appointmentId: 12 }],
    ['markup as appointment', { appointmentId: '<img src=x onerror=alert(1)>' }],
    ['a huge appointment ID', { appointmentId: 'A'.repeat(81) }],
    ['an object as document', { document: { toString: (): string => DNI } }],
  ])('%s is refused before anything is read', (_what, raw) => {
    const r = parseHistoryRequest(raw);
    expect(r.kind).toBe('refused');
    if (r.kind === 'refused') expect(r.message.length).toBeLessThan(160);
  });
});
