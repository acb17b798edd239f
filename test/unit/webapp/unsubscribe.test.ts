/** The 'baja' link handler (src/app/workshops/unsubscribe.ts) with in-memory ports. */
import { maskEmail, unsubscribedEmails, unsubscribeHandler, UNSUBSCRIBE_MESSAGES as M } from '../../../src/app/workshops/unsubscribe';
import type { LinkDeps, LinkPage } from '../../../src/app/webapp/link-handler';
import { INVITATIONS_TAB, UNSUBSCRIBES_TAB, type TabSpec } from '../../../src/domain/schema';
import { FakeMailer } from '../../support/attention-fixtures';
import { ArrayAuditLog, FixedClock, MemoryStore, MemoryWorkbook, MemoryWorkbooks, NoLock } from '../../support/memory-ports';

const NOW = new Date('2026-11-27T14:00:00Z');

function world() {
  const book = new MemoryWorkbook('ss', 'Programación Talleres Masivos');
  const tab = (spec: TabSpec) => book.createTab(spec.name, spec.columns.map((c) => ({ text: c.header, system: c.system })));
  tab(INVITATIONS_TAB);
  tab(UNSUBSCRIBES_TAB);
  book.table(INVITATIONS_TAB).append([
    { id: 'INV-1', moduleId: 'M-1', email: ' Ana.Torres@GMAIL.com ', fullName: 'Ana' },
    { id: 'INV-2', moduleId: 'M-2', email: 'ana.torres@gmail.com', fullName: 'Ana' },
    { id: 'INV-3', moduleId: 'M-2', email: 'no es correo', fullName: 'X' },
  ]);
  const workbooks = new MemoryWorkbooks('ss');
  workbooks.add(book);
  const lock = new NoLock();
  const deps: LinkDeps = { workbooks, properties: new MemoryStore(), lock, clock: new FixedClock(NOW), mailer: new FakeMailer(), audit: new ArrayAuditLog(), webApp: null };
  const bajas = () => book.table(UNSUBSCRIBES_TAB).read({ fresh: true }).rows.map((r) => r.record);
  return { deps, bajas, lock };
}

test('maskEmail shows the first character and the domain', () => {
  expect(maskEmail('ana.torres@gmail.com')).toBe('a•••@gmail.com');
  expect(maskEmail('x@trabajo.gob.pe')).toBe('x•••@trabajo.gob.pe');
  expect(maskEmail('nada')).toBe('•••');
});

test('unsubscribedEmails: any case, surrounding spaces ignored, nothing matches an empty address', () => {
  const rows = ['Ana@Gmail.com', ' luis@x.pe ', '', 'no es correo'].map((email, i) => ({ id: email, rowNumber: i + 2, record: { email, at: '', via: '' } }));
  const checker = unsubscribedEmails({ rows });
  expect(['ana@gmail.com', 'ANA@gmail.com', 'luis@x.pe'].map((e) => checker.has(e))).toEqual([true, true, true]);
  expect(['', 'otra@gmail.com'].map((e) => checker.has(e))).toEqual([false, false]);
});

test('describe: the masked address and a button; never the full address', () => {
  const w = world();
  const d = unsubscribeHandler.describe(w.deps, 'INV-1') as LinkPage;
  expect(d).toEqual({ title: M.title, paragraphs: [M.describe('a•••@gmail.com'), M.confirmHint], confirm: M.confirm });
  expect(JSON.stringify(d)).not.toMatch(/torres/i);
  expect(w.bajas()).toEqual([]);
});

test("perform: appends the lower-case address once, under the lock; a second invitation of the same address: 'nothing'", () => {
  const w = world();
  let held = false;
  const orig = w.lock.withLock.bind(w.lock);
  w.lock.withLock = <T>(fn: () => T) => orig(() => ((held = true), fn()));
  expect(unsubscribeHandler.perform(w.deps, 'INV-1').kind).toBe('done');
  expect(held).toBe(true);
  expect(w.bajas()).toEqual([{ email: 'ana.torres@gmail.com', at: NOW, via: 'Enlace del correo' }]);
  expect(unsubscribeHandler.perform(w.deps, 'INV-2')).toMatchObject({ kind: 'nothing', page: { title: M.alreadyTitle } });
  expect(unsubscribeHandler.describe(w.deps, 'INV-2')).toMatchObject({ kind: 'nothing' });
  expect(w.bajas()).toHaveLength(1);
  expect(w.deps.audit.entries()).toEqual([expect.objectContaining({ action: M.audit, target: 'INV-1', result: 'Correcto', detail: 'a•••@gmail.com · Enlace del correo' })]);
});

test("a row that is gone or has no usable address: 'nothing', no row written", () => {
  const w = world();
  for (const id of ['INV-404', 'INV-3']) {
    expect(unsubscribeHandler.describe(w.deps, id)).toMatchObject({ kind: 'nothing', page: { title: M.goneTitle } });
    expect(unsubscribeHandler.perform(w.deps, id)).toMatchObject({ kind: 'nothing' });
  }
  expect(w.bajas()).toEqual([]);
});
