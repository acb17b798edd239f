import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';

/**
 * The runtime: how the emulator loads a bundle and runs entry points, as Apps Script does.
 * Uses small hand-written bundles so each behaviour is visible in the test itself.
 */
function bundle(code: string, manifest: object = { timeZone: 'America/Lima', runtimeVersion: 'V8' }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-bundle-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'Page.html'), '<p>hola</p>');
  return dir;
}

function setupWith(code: string, manifest?: object) {
  const ws = Workspace.create({ at: '2026-11-27T09:00', seed: 3 });
  const ss = ws.createSpreadsheet('Libro');
  ws.install(ss, { distDir: bundle(code, manifest) });
  return { ws, ss };
}

describe('runtime', () => {
  test('each execution gets a fresh global scope (developers.google.com/apps-script/guides/v8-runtime)', () => {
    const { ws, ss } = setupWith('var counter = 0; function bump() { counter++; return counter; }');
    expect(ws.run(ss, 'bump').value).toBe(1);
    expect(ws.run(ss, 'bump').value).toBe(1);
  });

  test('new Date() inside the script reads the virtual clock, and Dates pass instanceof across calls', () => {
    const { ws, ss } = setupWith(`
      function now() { return new Date().toISOString(); }
      function checks() {
        var v = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1);
        v.setValue(new Date(Date.UTC(2026, 0, 2)));
        var back = v.getValue();
        var e; try { SpreadsheetApp.openById('nope'); } catch (x) { e = x; }
        return [back instanceof Date, Array.isArray(v.getValues()), e instanceof Error];
      }`);
    expect(ws.run(ss, 'now').value).toBe('2026-11-27T14:00:00.000Z');
    expect(ws.run(ss, 'checks').value).toEqual([true, true, true]);
  });

  test('a missing function fails like Apps Script: "Script function not found"', () => {
    const { ws, ss } = setupWith('function a() {}');
    expect(ws.run(ss, 'b').error).toBe('Script function not found: b');
  });

  test('advanced services appear only when the manifest enables them', () => {
    const code = 'function has() { return typeof Calendar !== "undefined"; }';
    expect(setupWith(code).ws.run(setupWith(code).ss, 'has').value).toBe(false);
    const on = setupWith(code, {
      timeZone: 'America/Lima',
      dependencies: { enabledAdvancedServices: [{ userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3' }] },
    });
    expect(on.ws.run(on.ss, 'has').value).toBe(true);
  });

  test('simple triggers cannot call services that need authorization (guides/triggers#restrictions)', () => {
    const { ws, ss } = setupWith('function onOpen() { MailApp.sendEmail("a@example.com", "s", "b"); }');
    const [outcome] = ws.openSpreadsheet(ss);
    expect(outcome.record.trigger).toBe('simple');
    expect(outcome.error).toMatch(/permission/);
    expect(ws.outbox()).toHaveLength(0);
  });

  test('a loop of slow calls dies at 6 minutes with "Exceeded maximum execution time"', () => {
    const { ws, ss } = setupWith('function slow() { for (;;) { Utilities.sleep(60000); } }');
    const out = ws.run(ss, 'slow');
    expect(out.record.status).toBe('timed-out');
    expect(out.error).toBe('Exceeded maximum execution time');
    expect(out.record.modeledMs).toBe(6 * 60_000);
  });

  test('a killed execution stays killed even if the script catches the error', () => {
    const { ws, ss } = setupWith(`function f() {
      var p = PropertiesService.getScriptProperties();
      try { p.setProperty('a', '1'); } catch (e) { /* swallowed */ }
      try { p.setProperty('b', '2'); } catch (e) {}
      return 'finished';
    }`);
    ws.injectFault({ kind: 'kill', atCall: 2 });
    const out = ws.run(ss, 'f');
    expect(out.record.status).toBe('killed');
    expect(ws.properties(ss)).toEqual({}); // the first write was call 2: killed before its effect
  });

  test('fault "after" leaves the effect in place but the script sees an error', () => {
    const { ws, ss } = setupWith(`function f() {
      try { PropertiesService.getScriptProperties().setProperty('a', '1'); return 'no error'; }
      catch (e) { return 'error: ' + e.message; }
    }`);
    ws.injectFault({ kind: 'after', atCall: 2 });
    expect(ws.run(ss, 'f').value).toMatch(/^error: We're sorry, a server error occurred/);
    expect(ws.properties(ss)).toEqual({ a: '1' });
  });

  test('time-driven triggers fire in time order as the clock advances, each as its own execution', () => {
    const { ws, ss } = setupWith(`
      function install() {
        ScriptApp.newTrigger('evening').timeBased().everyDays(1).atHour(20).create();
        ScriptApp.newTrigger('morning').timeBased().everyDays(1).atHour(8).create();
        ScriptApp.newTrigger('soon').timeBased().after(30 * 60 * 1000).create();
      }
      function evening() {} function morning() {} function soon() {}`);
    ws.run(ss, 'install');
    const fired = ws.advanceTo('2026-11-28T21:00');
    expect(fired.map((e) => e.functionName)).toEqual(['soon', 'evening', 'morning', 'evening']);
    expect(fired.every((e) => e.trigger === 'time' && e.status === 'completed')).toBe(true);
    expect(ws.formatNow()).toBe('2026-11-28 21:00:00');
  });

  test('google.script.run: a Date in the return value does not reach the page (HTML service guide)', () => {
    const { ws, ss } = setupWith('function d() { return { when: new Date() }; } function ok() { return { n: 1 }; }');
    expect(ws.callFromSidebar(ss, 'ok')).toMatchObject({ ok: true, value: { n: 1 } });
    expect(ws.callFromSidebar(ss, 'd')).toMatchObject({ ok: true, value: null });
  });

  test('interleaved executions: a lock held by a suspended run makes the other waitLock time out', () => {
    const { ws, ss } = setupWith(`
      function critical() {
        var lock = LockService.getScriptLock();
        lock.waitLock(10000);
        PropertiesService.getScriptProperties().setProperty('x', '1');
        lock.releaseLock();
      }
      function other() {
        try { LockService.getScriptLock().waitLock(5000); return 'got it'; } catch (e) { return e.message; }
      }`);
    let inner: unknown;
    ws.interleave({ atCall: 4, match: (e) => e.functionName === 'critical', run: () => (inner = ws.run(ss, 'other')) });
    const outer = ws.run(ss, 'critical');
    expect(outer.record.status).toBe('completed');
    expect((inner as { value: string }).value).toMatch(/^Lock timeout/);
    expect((inner as { record: { modeledMs: number } }).record.modeledMs).toBeGreaterThanOrEqual(5000);
    expect(ws.run(ss, 'other').value).toBe('got it'); // released when `critical` ended
  });

  test('state persists in a folder and reopens where it was', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-state-'));
    const ws = Workspace.create({ at: '2026-11-27T09:00', stateDir: dir });
    const ss = ws.createSpreadsheet('Libro');
    ws.install(ss, { distDir: bundle("function f() { PropertiesService.getScriptProperties().setProperty('k', 'v'); }") });
    ws.run(ss, 'f');
    const again = Workspace.open(dir);
    expect(again.properties(ss)).toEqual({ k: 'v' });
    expect(again.formatNow()).toBe(ws.formatNow());
    expect(again.sheetNames(ss)).toEqual(ws.sheetNames(ss));
  });
});

test('local-time Date methods use the project time zone, as in Apps Script (guides/v8-runtime)', () => {
  const { ws, ss } = setupWith('function f() { return [new Date(2026, 10, 27, 9, 0).toISOString(), new Date().getHours()]; }');
  expect(ws.run(ss, 'f').value).toEqual(['2026-11-27T14:00:00.000Z', 9]);
});
