/**
 * The formula guard (test/support/formulas.ts) must be able to fail: a script that writes a
 * citizen's text with setValues into a cell with the automatic format makes a formula, and the
 * guard — active in this suite as in every scenario, hostile and reliability suite — reports it
 * after that execution, with where it is. A formula a person typed is not the product's doing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { allFormulas, installFormulaGuard, unexpectedFormulas } from '../support/formulas';

function bundle(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-formulas-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
  return dir;
}

const SCRIPT = `
function saveName(name, neutralise) {
  var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  sh.getRange(1, 1, 1, 2).setValues([['ID', 'Nombre']]);
  if (neutralise) sh.getRange(2, 2).setNumberFormat('@');
  sh.getRange(2, 1, 1, 2).setValues([['c1', name]]);
}`;

describe('formula guard', () => {
  const guard = installFormulaGuard(); // the suite's own (jest.config.js), or installs it

  function world(): { ws: Workspace; ss: string } {
    const ws = Workspace.create({ at: '2026-11-27T09:00', seed: 3 });
    const ss = ws.createSpreadsheet('Atenciones');
    ws.install(ss, { distDir: bundle(SCRIPT) });
    return { ws, ss };
  }

  test('a citizen text written as a formula is reported after the execution that wrote it, with where it is', () => {
    const { ws, ss } = world();
    guard.take();
    ws.run(ss, 'saveName', ['=HYPERLINK("https://example.org","Ñahui")', false]);
    const found = guard.take(); // consumed here, so this test does not fail in afterEach
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/after saveName: «Atenciones» .+!R2C2 \(Nombre\): =HYPERLINK/);
    expect(unexpectedFormulas(ws)).toHaveLength(1);
    // Reported once, however many executions follow.
    ws.run(ss, 'saveName', ['Rosa', true]);
    expect(guard.take()).toEqual([]);
  });

  test('the same text into a plain-text cell stays text: nothing to report', () => {
    const { ws, ss } = world();
    guard.take();
    ws.run(ss, 'saveName', ['=1+1', true]);
    expect(allFormulas(ws)).toEqual([]);
    expect(guard.take()).toEqual([]);
  });

  test('a formula a person typed in the sheet is theirs, not the product\'s', () => {
    const { ws, ss } = world();
    ws.run(ss, 'saveName', ['Rosa', false]);
    const tab = ws.sheetNames(ss)[0];
    ws.typeInto(ss, tab, 'C2', '=LEN(B2)');
    expect(allFormulas(ws).map((f) => f.formula)).toEqual(['=LEN(B2)']);
    expect(unexpectedFormulas(ws)).toEqual([]);
    ws.run(ss, 'saveName', ['Rosa', false]);
    expect(guard.take()).toEqual([]);
  });
});
