/**
 * Ley 29733 over the contact people of the institutions' requests (issue 14), on in-memory ports
 * of "Programación Talleres Masivos": a search by DNI reaches a request through the address of
 * her registration; a search by email reaches it directly; a correction changes only the contact
 * columns of her requests; a deletion blanks the contact and keeps the rest; another contact's
 * request is never touched.
 */
import { correctPersonData, CONTACT_PERSONAL_KEYS, deletePersonData } from '../../../src/app/personal-data/change';
import { findPersonData, type PersonDataDeps } from '../../../src/app/personal-data/lookup';
import { PROPERTY_KEYS } from '../../../src/app/setup';
import { AUDIT_TAB, EXTERNAL_REQUESTS_TAB, REGISTRATIONS_TAB, REVIEW_TAB, SETTINGS_TAB, type TabSpec } from '../../../src/domain/schema';
import { ArrayAuditLog, FixedClock, MemoryStore, MemoryWorkbook, MemoryWorkbooks, NoLock } from '../../support/memory-ports';
import { FakeForms } from './attention-jobs-fixtures';

const NOW = new Date('2027-01-20T15:00:00Z');
const ROSA = 'rosa.quispe@cetpro.edu.pe';

function addTab<K extends string>(book: MemoryWorkbook, spec: TabSpec<K>, records: Partial<Record<K, unknown>>[]): void {
  book.createTab(spec.name, spec.columns.map((c) => ({ text: c.header, system: !!c.system })));
  const sheet = book.sheet(spec.name)!;
  for (const rec of records) sheet.cells.push(spec.columns.map((c) => (rec[c.key] ?? '') as never));
}

function world() {
  const book = new MemoryWorkbook('talleres', 'Programación Talleres Masivos');
  const workbooks = new MemoryWorkbooks('talleres');
  workbooks.add(book);
  addTab(book, SETTINGS_TAB, []);
  addTab(book, REVIEW_TAB, []);
  addTab(book, AUDIT_TAB, []);
  addTab(book, REGISTRATIONS_TAB, [{ id: 'INS-1', moduleId: 'MOD-1', dni: '01234567', fullName: 'Rosa Quispe', email: ROSA, status: 'Retirado' }]);
  addTab(book, EXTERNAL_REQUESTS_TAB, [
    { id: 'SOL-1', state: 'Programada', institution: 'CETPRO San Martín', ruc: '20131312955', topic: 'Plan de negocios', contactName: 'Rosa Quispe', contactRole: 'Directora', contactEmail: ` ${ROSA.toUpperCase()} `, contactPhone: '+51 987654321', expected: 40 },
    { id: 'SOL-2', state: 'Recibida', institution: 'Instituto Andino', topic: 'Costos', contactName: 'Pedro Díaz', contactRole: 'Coordinador', contactEmail: 'pedro@andino.edu.pe', contactPhone: '+51 912345678' },
    // A row without ID is never addressed.
    { id: '', institution: 'Sin ID', contactName: 'Rosa Quispe', contactEmail: ROSA },
  ]);
  const audit = new ArrayAuditLog();
  const deps: PersonDataDeps = {
    workbooks,
    properties: new MemoryStore({ [PROPERTY_KEYS.role]: 'talleres' }),
    forms: new FakeForms(),
    lock: new NoLock(),
    clock: new FixedClock(NOW),
    audit,
  };
  const request = (id: string) => {
    const t = book.table(EXTERNAL_REQUESTS_TAB);
    return t.read({ fresh: true }).rows.find((r) => r.id === id)!.record;
  };
  return { deps, request, audit };
}

test('a search by DNI reaches her request through the address of her registration; by email, directly', () => {
  const { deps } = world();
  for (const query of ['01234567', ROSA]) {
    const r = findPersonData(deps, query);
    expect(r.records.filter((x) => x.source === 'Solicitudes externas').map((x) => x.id)).toEqual(['SOL-1']);
  }
  expect(findPersonData(deps, 'pedro@andino.edu.pe').records.map((x) => x.id)).toContain('SOL-2');
  expect(findPersonData(deps, 'nadie@correo.pe').records.filter((x) => x.source === 'Solicitudes externas')).toEqual([]);
});

test('a correction by email changes only the contact columns of her requests', () => {
  const { deps, request, audit } = world();
  const r = correctPersonData(deps, ROSA, { fullName: 'Rosa Quispe Ñaupari', email: 'rosa.q@cetpro.edu.pe' });
  expect(r.ok).toBe(true);
  expect(r.changed).toBe(1);
  expect(request('SOL-1')).toMatchObject({ contactName: 'Rosa Quispe Ñaupari', contactEmail: 'rosa.q@cetpro.edu.pe', institution: 'CETPRO San Martín', contactRole: 'Directora' });
  expect(request('SOL-2')).toMatchObject({ contactName: 'Pedro Díaz', contactEmail: 'pedro@andino.edu.pe' });
  const line = audit.entries().find((e) => e.action === 'Datos personales corregidos')!;
  expect(line.target).toBe('SOL-1');
  // The new values are not logged.
  expect(line.detail).not.toContain('Ñaupari');
});

test('a deletion blanks name, role, email and mobile; the institution, RUC, topic, state and figures stay', () => {
  const { deps, request } = world();
  const r = deletePersonData(deps, ROSA, ROSA);
  expect(r.ok).toBe(true);
  const one = request('SOL-1');
  for (const key of CONTACT_PERSONAL_KEYS) expect(one[key]).toBe('');
  expect(one).toMatchObject({ institution: 'CETPRO San Martín', ruc: '20131312955', topic: 'Plan de negocios', state: 'Programada', expected: 40 });
  expect(String(one.note)).toContain('Ley 29733');
  expect(request('SOL-2')).toMatchObject({ contactName: 'Pedro Díaz', contactRole: 'Coordinador', contactEmail: 'pedro@andino.edu.pe', contactPhone: '+51 912345678' });
  expect(deletePersonData(deps, ROSA, ROSA).changed).toBe(0);
});
