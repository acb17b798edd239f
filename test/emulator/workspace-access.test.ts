import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';

/**
 * Users, sharing and protections through the sandbox and the scripting API (docs/emulator.md):
 * a script runs as its execution's user, a person types into cells, installed triggers run as
 * their owner. Each test names the reference page it follows.
 */
const OWNER = 'duena@trabajo.gob.pe';
const CONSULTANT = 'consultor@trabajo.gob.pe';
const VIEWER = 'auditora@trabajo.gob.pe';
const OUTSIDER = 'vecino@gmail.com';
const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

const CODE = `
function setupProtection() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var roles = ss.insertSheet('Roles');
  roles.appendRow(['Correo', 'Rol']);
  var p = roles.protect().setDescription('Roles (solo lectura)');
  p.addEditor(Session.getEffectiveUser());
  p.removeEditors(p.getEditors());
  if (p.canDomainEdit()) p.setDomainEdit(false);
  ss.getRange("'Hoja 1'!A1:B1").protect().setDescription('Encabezados').setWarningOnly(true);
  ss.getRange("'Hoja 1'!D:D").setNumberFormat('@');
  return p.getEditors().map(function (u) { return u.getEmail(); });
}
function addRole(email, role) {
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Roles').appendRow([email, role]);
  return 'ok';
}
function whoAmI() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]; }
function installJobs() { ScriptApp.newTrigger('nightly').timeBased().everyDays(1).atHour(2).create(); }
function nightly(e) {
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Roles').appendRow(['sistema', 'job']);
  return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Boolean(e && e.triggerUid), e.authMode, e.timezone];
}
function onOpen() {
  PropertiesService.getScriptProperties().setProperty('lastOpenedBy', Session.getActiveUser().getEmail() || '(hidden)');
}
`;

function bundle(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-access-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), CODE);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
  return dir;
}

function setup(stateDir?: string) {
  const ws = Workspace.create({ at: '2026-11-27T09:00', seed: 7, user: OWNER, stateDir });
  const ss = ws.createSpreadsheet('Atenciones Virtuales');
  ws.install(ss, { distDir: bundle() });
  ws.share(ss, CONSULTANT, 'editor');
  ws.share(ss, OUTSIDER, 'editor');
  ws.share(ss, VIEWER, 'viewer');
  const setupRun = ws.run(ss, 'setupProtection');
  expect(setupRun.error).toBeUndefined();
  return { ws, ss, setupRun };
}

describe('protections through the sandbox (developers.google.com/apps-script/reference/spreadsheet/protection)', () => {
  test('Protection and User objects cross the bridge; each call is accounted; ws.protections lists them', () => {
    const { ws, ss, setupRun } = setup();
    expect(setupRun.value).toEqual([OWNER]);
    expect(setupRun.record.methods['Sheet.protect']).toBe(1);
    expect(setupRun.record.methods['Protection.removeEditors']).toBe(1);
    expect(setupRun.record.methods['User.getEmail']).toBe(1);
    expect(ws.protections(ss)).toEqual([
      { tab: 'Hoja 1', type: 'RANGE', range: 'A1:B1', description: 'Encabezados', warningOnly: true, editors: [OWNER, CONSULTANT, OUTSIDER], mirrorsFile: true, domainEdit: false, unprotected: [] },
      { tab: 'Roles', type: 'SHEET', range: null, description: 'Roles (solo lectura)', warningOnly: false, editors: [OWNER], mirrorsFile: false, domainEdit: false, unprotected: [] },
    ]);
    expect(ws.sharing(ss)).toEqual({ owner: OWNER, restricted: true, editors: [CONSULTANT, OUTSIDER], viewers: [VIEWER] });
  });

  test('a google.script.run call by a consultant writing a protected tab fails with Sheets\' message; the owner\'s succeeds (reference/spreadsheet/sheet#protect())', () => {
    const { ws, ss } = setup();
    const refused = ws.callFromSidebar(ss, 'addRole', [CONSULTANT, 'coordinador'], CONSULTANT);
    expect(refused).toEqual({ ok: false, error: PROTECTED, execution: expect.objectContaining({ status: 'failed', user: CONSULTANT }) });
    const done = ws.callFromSidebar(ss, 'addRole', [CONSULTANT, 'consultor'], OWNER);
    expect(done).toEqual({ ok: true, value: 'ok', execution: expect.objectContaining({ status: 'completed' }) });
    expect(ws.readTab(ss, 'Roles')).toEqual([{ Correo: CONSULTANT, Rol: 'consultor' }]);
  });
});

describe('ws.typeInto: a person types into a cell (support.google.com/docs/answer/1218656, protected ranges)', () => {
  test('typed text is read as the UI reads it: "=" makes a formula, numbers become numbers, "@" cells keep text; ws.formulas shows formulas', () => {
    const { ws, ss } = setup();
    ws.typeInto(ss, 'Hoja 1', 'C2', '=SUM(1,2)');
    ws.typeInto(ss, 'Hoja 1', 'C3', '42');
    ws.typeInto(ss, 'Hoja 1', 'D2', '007');
    expect(ws.formulas(ss, 'Hoja 1').slice(1, 3)).toEqual([['', '', '=SUM(1,2)', ''], ['', '', '', '']]);
    expect(ws.values(ss, 'Hoja 1').slice(1, 3)).toEqual([['', '', '', '007'], ['', '', 42, '']]);
  });

  test('a protection that does not list the person refuses; the owner and listed editors type; a viewer cannot type at all', () => {
    const { ws, ss } = setup();
    expect(() => ws.typeInto(ss, 'Roles', 'A2', CONSULTANT, { user: CONSULTANT })).toThrow(PROTECTED);
    expect(() => ws.typeInto(ss, 'Hoja 1', 'C2', 'x', { user: VIEWER })).toThrow(/cannot edit this spreadsheet/);
    ws.typeInto(ss, 'Roles', 'A2', CONSULTANT); // the owner
    expect(ws.values(ss, 'Roles')[1][0]).toBe(CONSULTANT);
  });

  test('a warning-only protection needs the warning confirmed (confirmWarning), for everyone', () => {
    const { ws, ss } = setup();
    expect(() => ws.typeInto(ss, 'Hoja 1', 'A1', 'Correo', { user: CONSULTANT })).toThrow(/Heads up!.*confirmWarning/);
    expect(() => ws.typeInto(ss, 'Hoja 1', 'B1', 'Rol')).toThrow(/Heads up!/);
    ws.typeInto(ss, 'Hoja 1', 'A1', 'Correo', { user: CONSULTANT, confirmWarning: true });
    expect(ws.values(ss, 'Hoja 1')[0][0]).toBe('Correo');
  });
});

describe('ws.runTrigger: an installed time-driven trigger fired now (guides/triggers/installable, guides/triggers/events#time-driven-events)', () => {
  test('runs as the trigger owner with the time-driven event object; the trigger schedule is untouched and the clock only moves by the run\'s own calls', () => {
    const { ws, ss } = setup();
    expect(ws.run(ss, 'installJobs').error).toBeUndefined();
    const [trigger] = ws.triggers(ss);
    const nextRun = trigger.nextRun;
    const before = ws.now.getTime();
    const out = ws.runTrigger(ss, 'nightly');
    expect(out.error).toBeUndefined();
    expect(out.value).toEqual([OWNER, OWNER, true, 'FULL', 'UTC']);
    expect(out.record.trigger).toBe('time');
    expect(ws.now.getTime() - before).toBe(out.record.modeledMs);
    expect(ws.triggers(ss)[0].nextRun).toBe(nextRun);
    expect(ws.readTab(ss, 'Roles')).toEqual([{ Correo: 'sistema', Rol: 'job' }]); // the owner writes the protected tab
  });

  test('a trigger installed by a consultant runs as the consultant, whom the protection keeps out', () => {
    const { ws, ss } = setup();
    ws.run(ss, 'installJobs', [], { user: CONSULTANT });
    expect(ws.runTrigger(ss, 'nightly').error).toBe(PROTECTED);
  });

  test('throws when no time-driven trigger of that handler is installed', () => {
    const { ws, ss } = setup();
    expect(() => ws.runTrigger(ss, 'nightly')).toThrow('no time-driven trigger for nightly is installed');
  });
});

describe('Session users by how the script runs (reference/base/session)', () => {
  test('sidebar, menu and editor runs: active and effective user are the person', () => {
    const { ws, ss } = setup();
    expect(ws.callFromSidebar(ss, 'whoAmI', [], CONSULTANT)).toMatchObject({ ok: true, value: [CONSULTANT, CONSULTANT] });
    expect(ws.run(ss, 'whoAmI', [], { user: CONSULTANT, as: 'menu' }).value).toEqual([CONSULTANT, CONSULTANT]);
  });

  test("simple onOpen: the person's email for the owner's domain, '' for another domain (reference/base/session#getActiveUser())", () => {
    const { ws, ss } = setup();
    ws.openSpreadsheet(ss, CONSULTANT);
    expect(ws.properties(ss).lastOpenedBy).toBe(CONSULTANT);
    ws.openSpreadsheet(ss, OUTSIDER);
    expect(ws.properties(ss).lastOpenedBy).toBe('(hidden)');
  });

  test('a viewer opening the file runs no trigger: simple triggers do not run in read-only mode (guides/triggers#restrictions)', () => {
    const { ws, ss } = setup();
    expect(ws.openSpreadsheet(ss, VIEWER)).toEqual([]);
    expect(() => ws.openSpreadsheet(ss, 'nadie@otra.org')).toThrow(/has no access/);
  });
});

describe('persistence', () => {
  test('protections and sharing survive Workspace.open of the state folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-access-state-'));
    const { ws, ss } = setup(dir);
    const reopened = Workspace.open(dir);
    expect(reopened.protections(ss)).toEqual(ws.protections(ss));
    expect(reopened.sharing(ss)).toEqual(ws.sharing(ss));
    expect(() => reopened.typeInto(ss, 'Roles', 'A2', 'x', { user: CONSULTANT })).toThrow(PROTECTED);
  });
});
