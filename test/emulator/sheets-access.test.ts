import { WorkspaceState } from '../../emulator/core/state';
import { install, sheetsStore, type SpreadsheetAppService } from '../../emulator/services/sheets';
import { makeTestEnv, nextExecution } from '../../emulator/testing';
import type { ServiceEnv } from '../../emulator/core/env';
import { User } from '../../emulator/services/session';

/**
 * Sheets protections and Drive sharing as scripts see them, host side: each execution runs as
 * one user (its effective user), whose permissions apply to every write. Each test names the
 * page of developers.google.com/apps-script/reference/spreadsheet/ it follows.
 */
const REF = 'developers.google.com/apps-script/reference/spreadsheet';
const OWNER = 'duena@trabajo.gob.pe';
const COORD = 'coordinadora@trabajo.gob.pe';
const CONSULTANT = 'consultor@trabajo.gob.pe';
const OUTSIDER = 'alguien@gmail.com';
const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
const NO_ACCESS = 'You do not have permissions to access the requested document.';

function world() {
  const state = new WorkspaceState({ now: Date.UTC(2026, 10, 27, 14, 0), seed: 42, account: 'workspace', user: OWNER });
  const id = sheetsStore(state).createSpreadsheet('Atenciones Virtuales', OWNER);
  const base = makeTestEnv({ state, containerId: id });
  /** SpreadsheetApp for an execution running as `user`. */
  const as = (user: string): SpreadsheetAppService => install(nextExecution(base, 'editor', user)).SpreadsheetApp as SpreadsheetAppService;
  return { state, id, as, store: sheetsStore(state) };
}

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an exception');
}

const emails = (users: User[]) => users.map((u) => u.getEmail());

describe(`Protection (${REF}/protection)`, () => {
  test(`a new protection mirrors the file's permissions until its editors change (${REF}/range#protect())`, () => {
    const { as, store, id } = world();
    store.share(id, COORD, 'editor');
    store.share(id, CONSULTANT, 'editor');
    const p = as(OWNER).getActiveSpreadsheet()!.getRange('A1:B2').protect().setDescription('Sistema');
    expect(emails(p.getEditors())).toEqual([OWNER, COORD, CONSULTANT]);
    as(CONSULTANT).getActiveSpreadsheet()!.getRange('A1').setValue('aún se puede'); // mirrors the file: unprotected in effect
    p.removeEditors(p.getEditors());
    expect(emails(p.getEditors())).toEqual([OWNER]);
    const consultant = as(CONSULTANT).getActiveSpreadsheet()!;
    expect(thrown(() => consultant.getRange('B2').setValue('x'))).toBe(PROTECTED);
    expect(thrown(() => consultant.getRange('A1:C3').setValues([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))).toBe(PROTECTED);
    consultant.getRange('C3').setValue('fuera del rango'); // outside the protected range
    expect(consultant.getRange('A1').getValue()).toBe('aún se puede'); // reading is never blocked
    expect(consultant.getProtections('RANGE')[0].canEdit()).toBe(false);
    as(OWNER).getActiveSpreadsheet()!.getRange('A1').setValue('la dueña sí'); // "the owner … is always able to edit"
    expect(store.readValues(id, 'Hoja 1')[0][0]).toBe('la dueña sí');
  });

  test(`neither the spreadsheet's owner nor the current user can be removed; editors may be Users (${REF}/protection#removeEditor(String))`, () => {
    const { as, store, id } = world();
    store.share(id, COORD, 'editor');
    store.share(id, CONSULTANT, 'editor');
    const p = as(COORD).getActiveSheet()!.protect();
    p.removeEditors([OWNER, COORD, CONSULTANT]);
    expect(emails(p.getEditors())).toEqual([OWNER, COORD]);
    p.addEditor(new User(CONSULTANT));
    expect(emails(p.getEditors())).toEqual([OWNER, COORD, CONSULTANT]);
    p.removeEditor(new User(CONSULTANT));
    expect(emails(p.getEditors())).toEqual([OWNER, COORD]);
    // Someone the protection keeps out may neither read its editors nor change it.
    const theirs = as(CONSULTANT).getActiveSheet()!.getProtections('SHEET')[0];
    expect(theirs.canEdit()).toBe(false);
    expect(thrown(() => theirs.getEditors())).toBe(PROTECTED);
    expect(thrown(() => theirs.addEditor(CONSULTANT))).toBe(PROTECTED);
    expect(thrown(() => theirs.remove())).toBe(PROTECTED);
    expect(theirs.getDescription()).toBe('');
  });

  test(`a protected sheet keeps a non-editor out of values, formats, clearing, appending, rows and the tab itself (${REF}/sheet#protect())`, () => {
    const { as, store, id } = world();
    store.share(id, CONSULTANT, 'editor');
    const owner = as(OWNER).getActiveSpreadsheet()!;
    owner.getActiveSheet().appendRow(['Rol', 'Correo']);
    owner.insertSheet('Citas');
    const p = owner.getSheetByName('Hoja 1')!.protect().setDescription('Roles (solo lectura)');
    p.removeEditors(p.getEditors());
    const sheet = as(CONSULTANT).getActiveSpreadsheet()!.getSheetByName('Hoja 1')!;
    const refusals = [
      () => sheet.getRange('A2').setValue('coordinador'),
      () => sheet.getRange('A2:B2').setValues([['a', 'b']]),
      () => sheet.getRange('A1').setFormula('=1+1'),
      () => sheet.getRange('B:B').setNumberFormat('@'),
      () => sheet.getRange('A1').clearContent(),
      () => sheet.getRange('A1').clear(),
      () => sheet.clear(),
      () => sheet.appendRow(['consultor', CONSULTANT]),
      () => sheet.deleteRows(1, 1),
      () => sheet.insertRowsBefore(1, 1),
      () => sheet.deleteColumn(1),
      () => sheet.getRange('A1').setBackground('red'),
      () => sheet.setName('Otra'),
      () => sheet.getParent().deleteSheet(sheet),
    ];
    for (const write of refusals) expect(thrown(write)).toBe(PROTECTED);
    expect(store.readValues(id, 'Hoja 1')).toEqual([['Rol', 'Correo']]);
    as(CONSULTANT).getActiveSpreadsheet()!.getSheetByName('Citas')!.appendRow(['otra pestaña, sin protección']);
  });

  test(`unprotected ranges of a protected sheet stay editable; protected ranges have none (${REF}/protection#setUnprotectedRanges(Range))`, () => {
    const { as, store, id } = world();
    store.share(id, CONSULTANT, 'editor');
    const sheet = as(OWNER).getActiveSheet()!;
    const p = sheet.protect();
    p.setUnprotectedRanges([sheet.getRange('C2:D10')]).removeEditors(p.getEditors());
    expect(p.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['C2:D10']);
    const theirs = as(CONSULTANT).getActiveSheet()!;
    theirs.getRange('C2:D3').setValues([[1, 2], [3, 4]]);
    expect(thrown(() => theirs.getRange('B2:C2').setValues([[0, 0]]))).toBe(PROTECTED);
    const range = sheet.getRange('A1').protect();
    expect(range.getUnprotectedRanges()).toEqual([]);
    expect(thrown(() => range.setUnprotectedRanges([sheet.getRange('A1')]))).toBe('Invalid argument: ranges');
  });

  test(`warning-only protections never stop a script; canEdit is true (${REF}/protection#setWarningOnly(Boolean))`, () => {
    const { as, store, id } = world();
    store.share(id, CONSULTANT, 'editor');
    const p = as(OWNER).getActiveSheet()!.protect();
    p.removeEditors(p.getEditors());
    p.setWarningOnly(true);
    expect(p.isWarningOnly()).toBe(true);
    const theirs = as(CONSULTANT).getActiveSheet()!;
    theirs.getRange('A1').setValue('con aviso');
    theirs.appendRow(['y otra fila']);
    expect(theirs.getProtections('SHEET')[0].canEdit()).toBe(true);
    expect(store.readValues(id, 'Hoja 1')).toEqual([['con aviso'], ['y otra fila']]);
  });

  test(`domain edit lets users of the owner's domain in (${REF}/protection#setDomainEdit(Boolean))`, () => {
    const { as, store, id } = world();
    store.share(id, CONSULTANT, 'editor');
    store.share(id, OUTSIDER, 'editor');
    const p = as(OWNER).getActiveSheet()!.getRange('A1:A5').protect();
    p.removeEditors(p.getEditors());
    expect(p.canDomainEdit()).toBe(false);
    p.setDomainEdit(true);
    as(CONSULTANT).getActiveSheet()!.getRange('A1').setValue('mismo dominio');
    expect(thrown(() => as(OUTSIDER).getActiveSheet()!.getRange('A1').setValue('otro dominio'))).toBe(PROTECTED);
  });

  test(`getProtections by type; getRange, getProtectionType, getRangeName; remove (${REF}/spreadsheet#getProtections(ProtectionType))`, () => {
    const { as } = world();
    const app = as(OWNER);
    const ss = app.getActiveSpreadsheet()!;
    const roles = ss.insertSheet('Roles');
    ss.getRange("'Hoja 1'!B2:C4").protect().setDescription('bloque');
    roles.protect().setDescription('Roles');
    expect(ss.getProtections(app.ProtectionType.RANGE).map((p) => [p.getProtectionType(), p.getRange().getA1Notation(), p.getDescription()])).toEqual([['RANGE', 'B2:C4', 'bloque']]);
    expect(ss.getProtections(app.ProtectionType.SHEET).map((p) => [p.getProtectionType(), p.getRange().getA1Notation(), p.getRange().getSheet().getName()])).toEqual([['SHEET', 'A1:Z1000', 'Roles']]);
    expect(roles.protect().getDescription()).toBe('Roles'); // the existing protection
    expect(roles.getProtections('RANGE')).toEqual([]);
    expect(ss.getProtections('RANGE')[0].getRangeName()).toBeNull();
    ss.getProtections('RANGE')[0].remove();
    roles.getProtections('SHEET')[0].remove();
    expect([ss.getProtections('RANGE'), ss.getProtections('SHEET')]).toEqual([[], []]);
  });

  test(`protected ranges move with inserted and deleted rows; one whose rows are all deleted is gone (${REF}/range#protect())`, () => {
    const { as } = world();
    const sheet = as(OWNER).getActiveSheet()!;
    sheet.getRange('A5:B6').protect();
    sheet.insertRowsBefore(2, 3);
    expect(sheet.getProtections('RANGE')[0].getRange().getA1Notation()).toBe('A8:B9');
    sheet.insertColumnsBefore(1, 1);
    expect(sheet.getProtections('RANGE')[0].getRange().getA1Notation()).toBe('B8:C9');
    sheet.deleteRows(9, 1);
    expect(sheet.getProtections('RANGE')[0].getRange().getA1Notation()).toBe('B8:C8');
    sheet.deleteRows(7, 2);
    expect(sheet.getProtections('RANGE')).toEqual([]);
  });

  test(`a non-editor may insert rows beside a protected range but not inside it (${REF}/range#protect())`, () => {
    const { as, store, id } = world();
    store.share(id, CONSULTANT, 'editor');
    const p = as(OWNER).getActiveSheet()!.getRange('A5:B6').protect();
    p.removeEditors(p.getEditors());
    const theirs = as(CONSULTANT).getActiveSheet()!;
    theirs.insertRowsBefore(5, 1); // at its top edge: the range moves down
    expect(store.protectionsInfo(id)[0].range).toBe('A6:B7');
    expect(thrown(() => theirs.insertRowsBefore(7, 1))).toBe(PROTECTED);
    expect(thrown(() => theirs.deleteRows(7, 2))).toBe(PROTECTED);
  });
});

describe(`Sharing (${REF}/spreadsheet#getOwner(), #addEditor(String), #addViewer(String))`, () => {
  test('getOwner; getEditors lists the owner and editors; addEditor promotes a viewer; addViewer leaves an editor an editor', () => {
    const { as } = world();
    const ss = as(OWNER).getActiveSpreadsheet()!;
    expect(ss.getOwner().getEmail()).toBe(OWNER);
    expect(emails(ss.getEditors())).toEqual([OWNER]);
    ss.addViewer(CONSULTANT).addEditors([COORD]);
    expect([emails(ss.getEditors()), emails(ss.getViewers())]).toEqual([[OWNER, COORD], [CONSULTANT]]);
    ss.addEditor(new User(CONSULTANT)).addViewer(COORD);
    expect([emails(ss.getEditors()), emails(ss.getViewers())]).toEqual([[OWNER, COORD, CONSULTANT], []]);
    ss.removeEditor(CONSULTANT).removeViewer(COORD);
    expect([emails(ss.getEditors()), emails(ss.getViewers())]).toEqual([[OWNER, COORD], []]);
  });

  test('a file nobody shared is open to every user (the compatibility default); once shared, strangers cannot open it and viewers cannot write', () => {
    const { as, store, id } = world();
    as(OUTSIDER).openById(id).getActiveSheet().appendRow(['sin compartir: cualquiera edita']);
    store.share(id, CONSULTANT, 'viewer');
    expect(thrown(() => as(OUTSIDER).openById(id))).toBe(NO_ACCESS);
    const viewer = as(CONSULTANT).openById(id);
    expect(viewer.getActiveSheet().getRange('A1').getValue()).toBe('sin compartir: cualquiera edita');
    expect(thrown(() => viewer.getActiveSheet().getRange('A2').setValue('x'))).toBe(NO_ACCESS);
    expect(thrown(() => viewer.insertSheet('Nueva'))).toBe(NO_ACCESS);
    expect(thrown(() => viewer.addEditor(CONSULTANT))).toBe(NO_ACCESS);
    as(OWNER).openById(id).getActiveSheet().getRange('A2').setValue('la dueña');
  });
});

describe('protections and sharing persist (save/open round trip)', () => {
  test('protections, their editors and unprotected ranges, and the sharing survive JSON', () => {
    const { state, as, store, id } = world();
    store.share(id, CONSULTANT, 'editor');
    const sheet = as(OWNER).getActiveSheet()!;
    const p = sheet.protect().setDescription('Roles');
    p.setUnprotectedRanges([sheet.getRange('D1:D3')]).removeEditors(p.getEditors());
    sheet.getRange('A1:B2').protect().setWarningOnly(true);
    const back = WorkspaceState.fromJSON(JSON.parse(JSON.stringify(state.toJSON())));
    expect(sheetsStore(back).protectionsInfo(id)).toEqual(store.protectionsInfo(id));
    expect(sheetsStore(back).sharingInfo(id)).toEqual({ owner: OWNER, restricted: true, editors: [CONSULTANT], viewers: [] });
    const env: ServiceEnv = makeTestEnv({ state: back, containerId: id, user: CONSULTANT });
    const again = install(nextExecution(env, 'editor', CONSULTANT)).SpreadsheetApp as SpreadsheetAppService;
    expect(thrown(() => again.getActiveSheet()!.getRange('A5').setValue('x'))).toBe(PROTECTED);
  });
});
