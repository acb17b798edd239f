/**
 * «Solicitudes externas» on in-memory ports: the list (newest first, counts per state, the
 * request form's link, no contact data), a request's detail (slots in Lima with `past`, capacity
 * with the margin, proposal, decision, workshop, timings, what this person may do) and hostile
 * or unknown IDs refused politely.
 */
import { capacityFor, externalRequestDetail, listExternalRequests, slotOf, type ExternalViewDeps } from '../../../src/app/external/view';
import { PROPERTY_KEYS } from '../../../src/app/setup';
import { limaDate, limaStartOfDay } from '../../../src/domain/lima-time';
import { EXTERNAL_REQUESTS_TAB, MODULES_TAB, SESSIONS_TAB, SETTINGS_TAB, type TabSpec } from '../../../src/domain/schema';
import { FixedClock, FixedSession, MemoryStore, MemoryWorkbook, MemoryWorkbooks, registerTeam } from '../../support/memory-ports';

const NOW = limaDate(2027, 1, 10, 12, 0);
const COORD = 'coordinadora@mtpe.gob.pe';
const CONSULTANT = 'consultor@mtpe.gob.pe';

function addTab<K extends string>(book: MemoryWorkbook, spec: TabSpec<K>, records: Partial<Record<K, unknown>>[]): void {
  book.createTab(spec.name, spec.columns.map((c) => ({ text: c.header, system: !!c.system })));
  const sheet = book.sheet(spec.name)!;
  for (const rec of records) sheet.cells.push(spec.columns.map((c) => (rec[c.key] ?? '') as never));
}

function world(opts: { role?: string; email?: string; withTab?: boolean } = {}) {
  const book = new MemoryWorkbook('talleres', 'Programación Talleres Masivos');
  const workbooks = new MemoryWorkbooks('talleres');
  workbooks.add(book);
  const properties = new MemoryStore({ [PROPERTY_KEYS.role]: opts.role ?? 'talleres' });
  registerTeam(properties, [
    { email: COORD, name: 'Coordinadora', roles: ['coordinador', 'consultor'] },
    { email: CONSULTANT, name: 'Consultor', roles: ['consultor'] },
  ]);
  addTab(book, SETTINGS_TAB, [
    { name: 'Formulario de solicitudes externas (enlace)', value: 'https://docs.google.com/forms/d/e/solicitud/viewform' },
    { name: 'Margen de cupos en talleres externos (%)', value: '20' },
  ]);
  if (opts.withTab !== false) {
    addTab(book, EXTERNAL_REQUESTS_TAB, [
      {
        id: 'SOL-0001',
        receivedAt: limaDate(2027, 1, 4, 9, 0),
        state: 'Recibida',
        institution: 'CETPRO San Martín de Porres',
        ruc: '20131312955',
        institutionType: 'CETPRO',
        region: 'Lima',
        district: 'San Martín de Porres',
        contactName: 'Rosa Quispe Ñaupari',
        contactRole: 'Directora',
        contactEmail: 'rosa.quispe@cetpro.edu.pe',
        contactPhone: '+51 987654321',
        topic: 'Plan de negocios',
        option1Date: limaStartOfDay('2027-01-08'),
        option1Time: '10:00',
        option2Date: limaStartOfDay('2027-01-18'),
        option2Time: '9:30',
        expected: 40,
        modality: 'Virtual',
        notes: 'Estudiantes del último ciclo.',
      },
      {
        id: 'SOL-0002',
        receivedAt: limaDate(2027, 1, 5, 9, 0),
        state: 'Programada',
        institution: 'Instituto Andino',
        topic: 'Marketing digital',
        contactName: 'Luis Ccori',
        contactEmail: 'luis@andino.edu.pe',
        expected: 33,
        proposedStart: limaDate(2027, 1, 20, 15, 0),
        proposedEnd: limaDate(2027, 1, 20, 17, 0),
        speaker: 'Ana Torres',
        speakerEmail: 'ana.torres@mtpe.gob.pe',
        certificates: true,
        approvalRound: 1,
        sentForApprovalAt: limaDate(2027, 1, 5, 10, 0),
        sentForApprovalBy: CONSULTANT,
        decision: 'Aprobada',
        decisionChannel: 'Enlace',
        decidedBy: 'subdirector@mtpe.gob.pe',
        decidedAt: limaDate(2027, 1, 6, 8, 0),
        moduleId: 'MOD-EXT-1',
        scheduledAt: limaDate(2027, 1, 6, 8, 2),
      },
      { id: 'SOL-0003', receivedAt: limaDate(2027, 1, 6, 9, 0), state: 'Enviada a aprobación', institution: 'Municipalidad de Comas', topic: 'Costos', expected: 10, approvalRound: 2 },
      { id: 'SOL-0004', receivedAt: limaDate(2027, 1, 3, 9, 0), state: 'Rechazada', institution: 'Universidad X', topic: 'Finanzas', decision: 'Rechazada', rejectReason: 'Sin ponente disponible.' },
      // A row a person left without ID: never listed.
      { id: '', institution: 'Sin ID', state: 'Recibida' },
    ]);
    addTab(book, MODULES_TAB, [{ id: 'MOD-EXT-1', name: 'Marketing digital – Instituto Andino', kind: 'Externo', requestId: 'SOL-0002' }]);
    addTab(book, SESSIONS_TAB, [{ id: 'SES-EXT-1', moduleId: 'MOD-EXT-1', number: 1, topic: 'Marketing digital', start: limaDate(2027, 1, 20, 15, 0), end: limaDate(2027, 1, 20, 17, 0), status: 'Programada' }]);
  }
  const deps: ExternalViewDeps = { workbooks, properties, clock: new FixedClock(NOW), session: new FixedSession(opts.email ?? CONSULTANT) };
  return { book, deps };
}

describe('capacity and slots', () => {
  test('capacity = ceil(expected × (1 + margin/100)), without floating-point surprises', () => {
    expect(capacityFor(40, 20)).toBe(48);
    expect(capacityFor(33, 20)).toBe(40);
    expect(capacityFor(10, 0)).toBe(10);
    expect(capacityFor(7, 15)).toBe(9);
    expect(capacityFor(225, 8)).toBe(243);
    expect(capacityFor(0, 20)).toBe(0);
  });

  test('a slot gets its Lima label and whether it has passed', () => {
    expect(slotOf(limaStartOfDay('2027-01-18'), '9:30', NOW)).toEqual({ date: '2027-01-18', time: '09:30', label: 'lunes 18/01/2027, 09:30', past: false });
    expect(slotOf(limaStartOfDay('2027-01-08'), '10:00', NOW).past).toBe(true);
    expect(slotOf(limaStartOfDay('2027-01-10'), '11:59', NOW).past).toBe(true);
    expect(slotOf(limaStartOfDay('2027-01-10'), '', NOW)).toMatchObject({ time: '', past: false });
    expect(slotOf('', '10:00', NOW)).toEqual({ date: '', time: '10:00', label: '', past: false });
    expect(slotOf(limaStartOfDay('2027-01-18'), '=HYPERLINK("x")', NOW)).toMatchObject({ time: '', label: 'lunes 18/01/2027' });
  });
});

describe('listExternalRequests', () => {
  test('every request with an ID, newest first, with counts, next steps and the form link; no contact data', () => {
    const { deps, book } = world();
    const v = listExternalRequests(deps);
    expect(v.ready).toBe(true);
    expect(v.message).toBe('');
    expect(v.requests.map((r) => r.id)).toEqual(['SOL-0003', 'SOL-0002', 'SOL-0001', 'SOL-0004']);
    expect(v.counts).toEqual({ Recibida: 1, Programada: 1, 'Enviada a aprobación': 1, Rechazada: 1 });
    expect(v.formUrl).toBe('https://docs.google.com/forms/d/e/solicitud/viewform');
    expect(v.user.isCoordinator).toBe(false);
    const two = v.requests.find((r) => r.id === 'SOL-0002')!;
    expect(two).toEqual({
      id: 'SOL-0002',
      institution: 'Instituto Andino',
      topic: 'Marketing digital',
      state: 'Programada',
      receivedAt: '05/01/2027 09:00',
      expected: 33,
      proposedWhen: '20/01/2027 15:00',
      moduleId: 'MOD-EXT-1',
      nextStep: expect.stringContaining('Módulos'),
    });
    expect(v.requests.find((r) => r.id === 'SOL-0001')!.nextStep).toContain('envíe la propuesta');
    expect(JSON.stringify(v)).not.toMatch(/rosa\.quispe|987654321|Ñaupari/);
    // One read of the tab (and of the settings).
    expect((book.table(EXTERNAL_REQUESTS_TAB) as unknown as { reads: number }).reads).toBe(1);
  });

  test('a coordinator is told so', () => {
    expect(listExternalRequests(world({ email: COORD }).deps).user.isCoordinator).toBe(true);
  });

  test('in the other spreadsheet, or without the tab, a Spanish message and nothing else', () => {
    const other = listExternalRequests(world({ role: 'atenciones' }).deps);
    expect(other).toMatchObject({ ready: false, requests: [], formUrl: '' });
    expect(other.message).toContain('Programación Talleres Masivos');
    const noTab = listExternalRequests(world({ withTab: false }).deps);
    expect(noTab).toMatchObject({ ready: false, requests: [] });
    expect(noTab.message).toContain('configuración');
  });
});

describe('externalRequestDetail', () => {
  test('a received request: data, slots, capacity with the margin, may be sent for approval, not decided', () => {
    const r = externalRequestDetail(world({ email: COORD }).deps, 'SOL-0001');
    if (!r.ok) throw new Error(r.message);
    const d = r.detail;
    expect(d).toMatchObject({
      state: 'Recibida',
      institution: 'CETPRO San Martín de Porres',
      ruc: '20131312955',
      contactName: 'Rosa Quispe Ñaupari',
      contactEmail: 'rosa.quispe@cetpro.edu.pe',
      expected: 40,
      capacity: 48,
      moduleId: '',
      moduleName: '',
      allowed: { sendForApproval: true, decide: false },
    });
    expect(d.slots[0]).toMatchObject({ label: 'viernes 08/01/2027, 10:00', past: true });
    expect(d.slots[1]).toMatchObject({ date: '2027-01-18', time: '09:30', past: false });
    expect(d.proposal).toEqual({ start: '', end: '', speaker: '', speakerEmail: '', certificates: false, round: 0, sentAt: '', sentBy: '' });
    expect(d.timings.totalElapsedMinutes).toBeNull();
    expect(d.timings.standardMinutes).toBe(325);
  });

  test('awaiting a decision: only a coordinator may decide; anyone may send a new proposal', () => {
    const consultant = externalRequestDetail(world().deps, 'SOL-0003');
    const coordinator = externalRequestDetail(world({ email: COORD }).deps, 'SOL-0003');
    if (!consultant.ok || !coordinator.ok) throw new Error('unexpected');
    expect(consultant.detail.allowed).toEqual({ sendForApproval: true, decide: false });
    expect(coordinator.detail.allowed).toEqual({ sendForApproval: true, decide: true });
    expect(coordinator.detail.proposal.round).toBe(2);
  });

  test('a scheduled request: proposal, decision, its workshop and the timings so far', () => {
    const r = externalRequestDetail(world({ email: COORD }).deps, 'SOL-0002');
    if (!r.ok) throw new Error(r.message);
    const d = r.detail;
    expect(d.proposal).toEqual({ start: '20/01/2027 15:00', end: '17:00', speaker: 'Ana Torres', speakerEmail: 'ana.torres@mtpe.gob.pe', certificates: true, round: 1, sentAt: '05/01/2027 10:00', sentBy: CONSULTANT });
    expect(d.decision).toEqual({ decision: 'Aprobada', channel: 'Enlace', by: 'subdirector@mtpe.gob.pe', at: '06/01/2027 08:00', reason: '' });
    expect(d.moduleName).toBe('Marketing digital – Instituto Andino');
    expect(d.capacity).toBe(40);
    expect(d.allowed).toEqual({ sendForApproval: false, decide: false });
    expect(d.timings.steps.slice(0, 3).map((s) => s.elapsedMinutes)).toEqual([60, 22 * 60, 2]);
    // The session is on the 20th: not reached on the 10th.
    expect(d.timings.steps[3]).toMatchObject({ to: '', elapsedMinutes: null });
    expect(d.timings.summary).toContain('no es tiempo de trabajo');
  });

  test('a rejected one shows its reason and allows nothing', () => {
    const r = externalRequestDetail(world({ email: COORD }).deps, 'SOL-0004');
    if (!r.ok) throw new Error(r.message);
    expect(r.detail.decision.reason).toBe('Sin ponente disponible.');
    expect(r.detail.allowed).toEqual({ sendForApproval: false, decide: false });
    expect(r.detail.timings.steps).toHaveLength(2);
  });

  test.each([[''], ['  '], ['SOL-9999'], ['=IMPORTRANGE("x")'], ['<script>'], ['../SOL-0001'], ['a'.repeat(200)], [null], [42], [{ id: 'SOL-0001' }]])('%j is refused politely', (id) => {
    const r = externalRequestDetail(world().deps, id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/solicitud/);
  });

  test('in the other spreadsheet: refused', () => {
    const r = externalRequestDetail(world({ role: 'atenciones' }).deps, 'SOL-0001');
    expect(r.ok).toBe(false);
  });
});
