/**
 * Setting up both spreadsheets with the built bundle in the emulator, the way a consultant does
 * it: open the spreadsheet, use the "Emprendimiento" menu and the panel, run setup twice (a
 * second click must not duplicate anything), and check the sheets they will work in.
 */
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import { APPOINTMENTS_TAB, tabsForRole, type Role } from '../../src/domain/schema';

const root = path.resolve(__dirname, '../..');

beforeAll(() => {
  if (!['Code.js', 'Sidebar.html', 'appsscript.json'].every((f) => fs.existsSync(path.join(root, 'dist', f)))) {
    execSync('npx tsx scripts/build.ts', { cwd: root, stdio: 'pipe' });
  }
});

function twoSpreadsheets() {
  const ws = Workspace.create({ at: '2026-11-27T09:00', user: 'ana.quispe@trabajo.gob.pe', seed: 3 });
  const atenciones = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
  const talleres = ws.createSpreadsheet('Programación Talleres Masivos');
  ws.install(atenciones, { distDir: path.join(root, 'dist') });
  ws.install(talleres, { distDir: path.join(root, 'dist') });
  return { ws, atenciones, talleres, store: sheetsStore(ws.state) };
}

/** The survey form's responses tab, which Forms adds (first) when setup links the form to the attentions spreadsheet. */
const SURVEY_RESPONSES_TAB = 'Respuestas de formulario 1';

function expectTabsExactlyOnce(ws: Workspace, id: string, role: Role) {
  // Each role's form (the survey, the registration form) sends its responses to a tab Forms adds.
  // Talleres has four: the registration form's, the check-in form's (B09), the workshop
  // survey's (B08) and the institutions' request form's (C01); Forms puts each new one first.
  const responseTabs = role === 'talleres' ? ['Respuestas de formulario 4', 'Respuestas de formulario 3', 'Respuestas de formulario 2', SURVEY_RESPONSES_TAB] : [SURVEY_RESPONSES_TAB];
  expect(ws.sheetNames(id)).toEqual([...responseTabs, ...tabsForRole(role).map((t) => t.name)]);
  for (const spec of tabsForRole(role)) {
    const headers = (ws.values(id, spec.name)[0] ?? []).map(String);
    expect([spec.name, headers]).toEqual([spec.name, spec.columns.map((c) => c.header)]);
  }
}

describe('setting up "Atenciones Virtuales – Centro de Empleo" and "Programación Talleres Masivos"', () => {
  const w = twoSpreadsheets();
  const { ws, atenciones, talleres, store } = w;
  const talleresUrl = `https://docs.google.com/spreadsheets/d/${talleres}/edit#gid=0`;
  let firstRuns: ReturnType<Workspace['callFromSidebar']>[] = [];

  beforeAll(() => {
    ws.openSpreadsheet(atenciones);
    ws.openSpreadsheet(talleres);
    // Atenciones: from the panel (google.script.run), twice, the second time with the URL.
    firstRuns.push(ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', talleres]));
    firstRuns.push(ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', talleresUrl]));
    // Talleres: as run from the script editor, then from the panel with the sibling left empty.
    const viaRun = ws.run(talleres, 'setupSpreadsheet', ['talleres', atenciones]);
    expect(viaRun.error).toBeUndefined();
    firstRuns.push(ws.callFromSidebar(talleres, 'setupSpreadsheet', ['talleres', '']));
    // Talleres now proves it is the other half (docs/access-model.md): Atenciones records it.
    firstRuns.push(ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', talleresUrl]));
  });

  test('the "Emprendimiento" menu appears when the spreadsheet is opened, without authorization', () => {
    for (const id of [atenciones, talleres]) {
      const menus = ws.menus(id);
      expect(menus.map((m) => m.name)).toEqual(['Emprendimiento']);
      expect(menus[0].items.map((i) => ('caption' in i ? i.caption : '—'))).toEqual(['Abrir panel', 'Configurar esta hoja', 'Diagnóstico', '—', 'Acerca de']);
    }
    const opens = ws.executions({ functionName: 'onOpen' });
    expect(opens.length).toBe(2);
    expect(opens.every((e) => e.trigger === 'simple' && e.status === 'completed')).toBe(true);
  });

  test('every setup call succeeded; the second one found nothing to do', () => {
    for (const r of firstRuns) expect(r.ok ? 'ok' : r.error).toBe('ok');
    const [first, second] = firstRuns as { ok: true; value: { changes: string[]; summary: string } }[];
    expect(first.value.changes).toContain('Se creó la pestaña «Citas».');
    expect(second.value.changes).toEqual([]);
    expect(second.value.summary).toBe('Todo estaba en orden: no hubo nada que crear ni corregir.');
  });

  test('each spreadsheet has its tabs and headers exactly once, and no leftover "Hoja 1"', () => {
    expectTabsExactlyOnce(ws, atenciones, 'atenciones');
    expectTabsExactlyOnce(ws, talleres, 'talleres');
  });

  test('header rows are frozen in every tab', () => {
    for (const id of [atenciones, talleres]) {
      for (const info of store.sheetsInfo(id)) expect([info.name, info.frozenRows]).toEqual([info.name, 1]);
    }
  });

  test('ID, DNI and phone columns are text down to the last row: a DNI keeps its leading zero', () => {
    const headers = ws.values(atenciones, 'Citas')[0].map(String);
    const last = store.sheetsInfo(atenciones).find((s) => s.name === 'Citas')!.maxRows;
    const dni = headers.indexOf('DNI') + 1;
    // A consultant types DNIs by hand, in the first data row and in the last row of the sheet.
    store.enterValues(atenciones, 'Citas', 2, dni, [['01234567']]);
    store.enterValues(atenciones, 'Citas', last, dni, [['00765432']]);
    const values = ws.values(atenciones, 'Citas');
    expect(values[1][dni - 1]).toBe('01234567');
    expect(values[last - 1][dni - 1]).toBe('00765432');
    const formats = store.readNumberFormats(atenciones, 'Citas');
    for (const h of ['ID de cita', 'DNI', 'Celular', 'Código plataforma', 'ID evento']) {
      const c = headers.indexOf(h);
      expect([h, formats[1][c], formats[last - 1][c]]).toEqual([h, '@', '@']);
    }
    expect(formats[1][headers.indexOf('Fecha')]).toBe('dd/mm/yyyy');
  });

  test('the status column only takes the appointment states', () => {
    const headers = ws.values(atenciones, 'Citas')[0].map(String);
    const estado = headers.indexOf('Estado') + 1;
    expect(() => store.enterValues(atenciones, 'Citas', 3, estado, [['Terminada']])).toThrow();
    store.enterValues(atenciones, 'Citas', 3, estado, [['Atendida']]);
    expect(ws.values(atenciones, 'Citas')[2][estado - 1]).toBe('Atendida');
    const modulos = ws.values(talleres, 'Módulos')[0].map(String);
    expect(() => store.enterValues(talleres, 'Módulos', 2, modulos.indexOf('Estado') + 1, [['Abierto']])).toThrow();
  });

  test('role and sibling are recorded and the panel sees them', () => {
    const a = ws.callFromSidebar(atenciones, 'getSetupStatus');
    const t = ws.callFromSidebar(talleres, 'getSetupStatus');
    expect(a.ok && a.value).toMatchObject({ configured: true, role: 'atenciones', siblingId: talleres, missingTabs: [] });
    // The second talleres run had no sibling: the one recorded first is kept.
    expect(t.ok && t.value).toMatchObject({ configured: true, role: 'talleres', siblingId: atenciones });
    const mirror = ws.readTab(atenciones, 'Configuración').find((r) => r['Parámetro'] === 'ID de la hoja hermana');
    expect(mirror?.['Valor']).toBe(talleres);
  });

  test('the attentions spreadsheet has one reminder, one day-closing and one survey trigger; the workshops one the registration form’s, the check-in form’s, the workshop survey’s, the request form’s and the session clock’s', () => {
    const triggers = ws.triggers(atenciones).map((t) => [t.handler, t.eventType, t.atHour]);
    expect(triggers.sort()).toEqual([
      ['onSurveySubmit', 'ON_FORM_SUBMIT', undefined],
      ['runDayClosing', 'CLOCK', 20],
      ['runReminders', 'CLOCK', 18],
    ]);
    // Talleres: the submit triggers of the registration form, the check-in form (B09) and the
    // workshop survey (B08), one each whatever the modules and sessions, and the session clock's
    // daily safety net at the access-link hour.
    expect(ws.triggers(talleres).map((t) => [t.handler, t.eventType, t.atHour]).sort()).toEqual([
      ['onCheckinSubmit', 'ON_FORM_SUBMIT', undefined],
      // Issue 14 (C01): the institutions' request form.
      ['onExternalRequestSubmit', 'ON_FORM_SUBMIT', undefined],
      ['onRegistrationSubmit', 'ON_FORM_SUBMIT', undefined],
      ['onWorkshopSurveySubmit', 'ON_FORM_SUBMIT', undefined],
      // C02 (i14-workshop): the external workshops' job's daily safety net.
      ['runExternalRequests', 'CLOCK', 7],
      ['runSessionClock', 'CLOCK', 18],
    ]);
  });

  test('settings have their defaults, and setup is in the audit log', () => {
    const settings = ws.readTab(atenciones, 'Configuración');
    const value = (name: string) => settings.find((r) => r['Parámetro'] === name)?.['Valor'];
    expect(value('Hora de recordatorios')).toBe('18');
    expect(value('Hora de cierre del día')).toBe('20');
    expect(value('Tolerancia (minutos)')).toBe('5');
    expect(value('Tiempo estándar de atención (minutos)')).toBe('35');
    expect(value('Enlace para reservar cita')).toBe('https://serviciosvirtuales.trabajo.gob.pe/extra-net/web/citas');
    expect(settings.filter((r) => r['Parámetro'] === 'Hora de recordatorios')).toHaveLength(1);
    const audit = ws.readTab(atenciones, 'Registro de auditoría');
    expect(audit.find((r) => r['Acción'] === 'Pestaña creada' && r['Para'] === 'Citas')).toBeDefined();
    expect(audit.find((r) => r['Acción'] === 'Activador instalado' && r['Para'] === 'runReminders')).toBeDefined();
    const runs = audit.filter((r) => r['Acción'] === 'Configuración de la hoja').map((r) => r['Resultado']);
    // The third run records the sibling, which had not yet proven itself during the second.
    expect(runs).toEqual(['Correcto', 'Sin cambios', 'Correcto']);
    expect(audit.filter((r) => r['Acción'] === 'Hoja hermana no registrada').length).toBeGreaterThan(0);
    expect(audit.every((r) => r['Fecha'] instanceof Date)).toBe(true);
    expect(String(audit[0]['Ejecución'])).toBe('Panel · ana.quispe@trabajo.gob.pe');
  });

  test('"Configurar esta hoja" in the menu opens the panel on its setup form', () => {
    ws.clickMenu(atenciones, 'Configurar esta hoja');
    const surface = ws.lastSurface(atenciones)!;
    expect(surface.kind).toBe('sidebar');
    expect(surface.title).toBe('Emprendimiento');
    expect(surface.html).toContain('data-initial-view="configuracion"');
    ws.clickMenu(atenciones, 'Abrir panel');
    expect(ws.lastSurface(atenciones)!.html).toContain('data-initial-view="inicio"');
  });

  test('at 18:00 the reminder trigger fires; with no appointments it sends nothing and says so', () => {
    const fired = ws.advanceTo('2026-11-27T18:30');
    const reminders = fired.filter((e) => e.functionName === 'runReminders');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].status).toBe('completed');
    expect(reminders[0].logs.join('\n')).toMatch(/0 recordatorios enviados\./);
    const audit = ws.readTab(atenciones, 'Registro de auditoría');
    expect(audit.at(-1)).toMatchObject({ Acción: 'Envío de recordatorios', Resultado: 'Sin cambios' });
  });
});

test("in a lived-in spreadsheet setup keeps a person's columns and rows, and adds missing headers at the end", () => {
  const { ws, atenciones, talleres, store } = twoSpreadsheets();
  store.addSheet(store.requireSpreadsheet(atenciones), 'Citas');
  store.enterValues(atenciones, 'Citas', 1, 1, [
    ['Estado', 'Mi seguimiento', 'ID de cita', 'DNI'],
    ['Atendida', 'llamar el lunes', 'AV-1', '12345678'],
  ]);
  const r = ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', talleres]);
  expect(r.ok ? 'ok' : r.error).toBe('ok');
  const [headers, row] = ws.values(atenciones, 'Citas');
  expect(headers.slice(0, 4)).toEqual(['Estado', 'Mi seguimiento', 'ID de cita', 'DNI']);
  expect(headers).toHaveLength(APPOINTMENTS_TAB.columns.length + 1);
  expect(new Set(headers).size).toBe(headers.length);
  expect(row.slice(0, 4)).toEqual(['Atendida', 'llamar el lunes', 'AV-1', 12345678]);
  // Setup never deletes a sheet: the spreadsheet already had two, so "Hoja 1" stays where it was.
  expect(ws.sheetNames(atenciones)).toEqual([SURVEY_RESPONSES_TAB, 'Hoja 1', ...tabsForRole('atenciones').map((t) => t.name)]);
});

test('a bad sibling ID is refused in Spanish and nothing is created', () => {
  const { ws, atenciones } = twoSpreadsheets();
  const before = ws.sheetNames(atenciones);
  const r = ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', 'la hoja de talleres']);
  expect(r.ok).toBe(false);
  expect(!r.ok && r.error).toMatch(/El ID de la hoja hermana no es válido/);
  expect(ws.sheetNames(atenciones)).toEqual(before);
  expect(ws.triggers(atenciones)).toEqual([]);
});
