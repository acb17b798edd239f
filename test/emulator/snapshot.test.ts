/** ws.snapshot() / Workspace.fromSnapshot(): a world built once, copied per test case. */
import { Workspace } from '../../emulator';

test('a copy from a snapshot has the same state, and changes to either leave the other alone', () => {
  const ws = Workspace.create({ at: '2026-11-27T09:00', user: 'ana@trabajo.gob.pe' });
  const ss = ws.createSpreadsheet('Hoja');
  ws.typeInto(ss, 'Hoja 1', 'A1', 'original');
  const snap = ws.snapshot();
  const copy = Workspace.fromSnapshot(snap);
  expect(copy.values(ss, 'Hoja 1')[0][0]).toBe('original');
  expect(copy.now.getTime()).toBe(ws.now.getTime());
  copy.typeInto(ss, 'Hoja 1', 'A1', 'copia');
  copy.advanceBy(3600_000);
  expect(ws.values(ss, 'Hoja 1')[0][0]).toBe('original');
  expect(ws.now.getTime()).toBe(Workspace.fromSnapshot(snap).now.getTime());
  expect(Workspace.fromSnapshot(snap).values(ss, 'Hoja 1')[0][0]).toBe('original');
});
