/**
 * The setup use case against in-memory ports: what a consultant sees after "Configurar esta
 * hoja", run once or many times, in a new or a lived-in spreadsheet.
 */
import {
  desiredTriggers,
  parseSpreadsheetId,
  planTriggers,
  PROPERTY_KEYS,
  runSetup,
  SetupError,
  setupStatus,
  type SetupDeps,
} from '../../src/app/setup';
import { APPOINTMENTS_TAB, tabsForRole } from '../../src/domain/schema';
import {
  ArrayAuditLog,
  FixedClock,
  FixedSession,
  MemoryScheduler,
  MemoryStore,
  MemoryWorkbook,
  MemoryWorkbooks,
  NoLock,
} from '../support/memory-ports';

const ATENCIONES_ID = '1AtencionesAtencionesAtencionesAtenciones00';
const TALLERES_ID = '1TalleresTalleresTalleresTalleresTalleres000';

/**
 * The sibling spreadsheet set up by the same coordinator (its own properties and lock): what a
 * sibling must have to be recorded (docs/access-model.md).
 */
function setUpSibling(book: MemoryWorkbook, role: 'atenciones' | 'talleres', user: string): void {
  const own = new MemoryWorkbooks(book.id);
  own.add(book);
  runSetup(
    {
      workbooks: own,
      properties: new MemoryStore(),
      scheduler: new MemoryScheduler(user),
      lock: new NoLock(),
      clock: new FixedClock(new Date('2026-11-27T13:00:00Z')),
      session: new FixedSession(user),
      audit: new ArrayAuditLog(),
    },
    { role },
  );
  book.newExecution();
}

function world(user = 'ana@trabajo.gob.pe') {
  const workbooks = new MemoryWorkbooks(ATENCIONES_ID);
  const book = workbooks.add(new MemoryWorkbook(ATENCIONES_ID, 'Atenciones Virtuales – Centro de Empleo'));
  const talleres = workbooks.add(new MemoryWorkbook(TALLERES_ID, 'Programación Talleres Masivos'));
  setUpSibling(talleres, 'talleres', user);
  const deps = {
    workbooks,
    properties: new MemoryStore(),
    scheduler: new MemoryScheduler(user),
    lock: new NoLock(),
    clock: new FixedClock(new Date('2026-11-27T14:00:00Z')),
    session: new FixedSession(user),
    audit: new ArrayAuditLog(),
  } satisfies SetupDeps;
  const again = () => {
    book.newExecution();
    deps.audit.flush();
    return runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
  };
  return { deps, book, again };
}

test('a new spreadsheet gets its tabs, headers, frozen rows, formats, dropdowns and triggers', () => {
  const { deps, book } = world();
  const r = runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
  expect(book.tabNames()).toEqual(tabsForRole('atenciones').map((t) => t.name));
  const citas = book.sheet('Citas')!;
  expect(citas.cells[0]).toEqual(APPOINTMENTS_TAB.columns.map((c) => c.header));
  expect(citas.frozenRows).toBe(1);
  const col = (h: string) => citas.cells[0].indexOf(h) + 1;
  expect(citas.rules.get(col('DNI'))!.format).toBe('@');
  expect(citas.rules.get(col('ID de cita'))!.format).toBe('@');
  expect(citas.rules.get(col('Estado'))!.validation).toMatchObject({ kind: 'list', strict: true, values: ['Programada', 'En atención', 'Atendida', 'Abandonada', 'Cancelada'] });
  expect(citas.rules.get(col('Aviso extranet'))!.validation).toEqual({ kind: 'checkbox' });
  expect(book.timeZone()).toBe('America/Lima');
  expect(deps.scheduler.all.map((t) => [t.handler, t.hour])).toEqual([
    ['runReminders', 18],
    ['runDayClosing', 20],
  ]);
  expect(deps.properties.values[PROPERTY_KEYS.role]).toBe('atenciones');
  expect(deps.properties.values[PROPERTY_KEYS.siblingId]).toBe(TALLERES_ID);
  expect(r.siblingName).toBe('Programación Talleres Masivos');
  expect(r.changes).toContain('Se creó la pestaña «Citas».');
  expect(r.warnings).toEqual([]);
  expect(r.tasks.map((t) => t.label)).toEqual(['el envío de recordatorios', 'el cierre del día']);
});

test('running setup again changes nothing and says so', () => {
  const { deps, book, again } = world();
  runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
  const before = JSON.stringify(book.sheets.map((s) => s.cells));
  const r = again();
  expect(r.changes).toEqual([]);
  expect(r.summary).toBe('Todo estaba en orden: no hubo nada que crear ni corregir.');
  expect(JSON.stringify(book.sheets.map((s) => s.cells))).toBe(before);
  expect(deps.scheduler.all).toHaveLength(2);
  expect(deps.audit.entries().at(-1)).toMatchObject({ action: 'Configuración de la hoja', result: 'Sin cambios' });
});

test("a lived-in tab keeps a person's columns where they are; missing headers go at the end", () => {
  const { deps, book } = world();
  book.createTab('Citas', [
    { text: 'Estado', system: false },
    { text: 'Mi seguimiento', system: false },
    { text: 'ID de cita', system: true },
  ]);
  book.sheet('Citas')!.cells.push(['Atendida', 'ok', 'AV-1']);
  const r = runSetup(deps, { role: 'atenciones', siblingId: '' });
  const headers = book.sheet('Citas')!.cells[0];
  expect(headers.slice(0, 3)).toEqual(['Estado', 'Mi seguimiento', 'ID de cita']);
  expect(headers).toHaveLength(APPOINTMENTS_TAB.columns.length + 1);
  expect(headers.filter((h) => h === 'Estado')).toHaveLength(1);
  expect(book.sheet('Citas')!.cells[1].slice(0, 3)).toEqual(['Atendida', 'ok', 'AV-1']);
  expect(r.changes.find((c) => c.startsWith('En «Citas» se agregaron las columnas'))).toBeDefined();
  expect(r.warnings).toContain('Aún no se indicó el ID de la hoja hermana. Puede volver a configurar esta hoja cuando la otra exista.');
});

test('a changed reminder hour replaces the trigger instead of adding a second one', () => {
  const { deps, book, again } = world();
  runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
  const settings = book.sheet('Configuración')!;
  const row = settings.cells.find((r) => r[0] === 'Hora de recordatorios')!;
  row[1] = '17';
  const r = again();
  expect(deps.scheduler.all.filter((t) => t.handler === 'runReminders').map((t) => t.hour)).toEqual([17]);
  expect(r.changes).toContain('Se programó el envío de recordatorios todos los días entre las 17:00 y las 18:00 (hora de Lima).');
});

test('duplicate triggers (a double click, an old version) are removed', () => {
  const { deps, again } = world();
  runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
  deps.scheduler.daily('runReminders', 18);
  deps.scheduler.daily('runDayClosing', 20);
  deps.scheduler.after('continueJob', 1000);
  const r = again();
  expect(deps.scheduler.all.map((t) => t.handler).sort()).toEqual(['continueJob', 'runDayClosing', 'runReminders']);
  expect(r.changes.filter((c) => c.startsWith('Se eliminó un activador repetido'))).toHaveLength(2);
});

test("someone else's automatic tasks are not duplicated unless taken over", () => {
  const { deps, again } = world();
  runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
  deps.session.email = 'luis@trabajo.gob.pe';
  deps.scheduler.user = 'luis@trabajo.gob.pe';
  const r = again();
  expect(deps.scheduler.all).toHaveLength(2);
  expect(r.warnings.join(' ')).toMatch(/ya las instaló ana@trabajo\.gob\.pe/);
  const taken = runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID, takeOverTriggers: true });
  expect(deps.scheduler.list()).toHaveLength(2);
  expect(deps.properties.values[PROPERTY_KEYS.triggerOwner]).toBe('luis@trabajo.gob.pe');
  expect(taken.warnings.join(' ')).toMatch(/Pida a ana@trabajo\.gob\.pe que elimine sus activadores/);
});

test('the workshops spreadsheet gets its own tabs and no attention triggers', () => {
  const { deps } = world();
  runSetup(deps, { role: 'atenciones' }); // the sibling must be the other half, set up
  const book = deps.workbooks.books.get(TALLERES_ID)!;
  const workbooks = new MemoryWorkbooks(TALLERES_ID);
  workbooks.add(book);
  workbooks.add(deps.workbooks.books.get(ATENCIONES_ID)!);
  const r = runSetup({ ...deps, workbooks }, { role: 'talleres', siblingId: `https://docs.google.com/spreadsheets/d/${ATENCIONES_ID}/edit#gid=0` });
  expect(book.tabNames()).toEqual(tabsForRole('talleres').map((t) => t.name));
  // Only the session clock's daily safety net (issue 12), at the access-link hour.
  expect(deps.scheduler.all.map((t) => [t.handler, t.kind, t.hour])).toEqual([
    ['runSessionClock', 'clock', 18],
    // C02 (i14-workshop): the external workshops' job's daily safety net.
    ['runExternalRequests', 'clock', 7],
  ]);
  expect(r.siblingId).toBe(ATENCIONES_ID);
});

test('changing the role keeps the old tabs, adds the new ones and removes the tasks the new role does not use', () => {
  const { deps, book } = world();
  runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
  book.newExecution();
  const r = runSetup(deps, { role: 'talleres', siblingId: '' });
  expect(book.tabNames()).toEqual(expect.arrayContaining(['Citas', 'Módulos', 'Sesiones']));
  expect(deps.scheduler.all.map((t) => t.handler)).toEqual(['runSessionClock', 'runExternalRequests']);
  expect(r.changes).toContain(
    'Esta hoja estaba registrada como «Atenciones Virtuales – Centro de Empleo» y ahora es «Programación Talleres Masivos». Las pestañas anteriores no se borraron.',
  );
  expect(r.changes).toContain('Se eliminó el activador de «runReminders», que esta hoja ya no usa.');
  expect(deps.properties.values[PROPERTY_KEYS.role]).toBe('talleres');
  expect(deps.properties.values[PROPERTY_KEYS.siblingId]).toBe(TALLERES_ID);
});

test('refusals change nothing and say what to fix', () => {
  const { deps, book } = world();
  expect(() => runSetup(deps, { role: 'otra', siblingId: TALLERES_ID })).toThrow(SetupError);
  expect(() => runSetup(deps, { role: 'atenciones', siblingId: 'hoja de talleres' })).toThrow(/ID de la hoja hermana no es válido/);
  expect(() => runSetup(deps, { role: 'atenciones', siblingId: ATENCIONES_ID })).toThrow(/esta misma hoja/);
  expect(book.tabNames()).toEqual([]);
  expect(deps.properties.values).toEqual({});
});

const NOT_PROVEN =
  'No se registró la hoja hermana: debe estar configurada como «Programación Talleres Masivos» y usted debe figurar allí como coordinador(a). Configure primero esa hoja y vuelva a ejecutar «Configurar esta hoja».';

test('an unreachable sibling is not recorded, with a warning', () => {
  const { deps } = world();
  const r = runSetup(deps, { role: 'atenciones', siblingId: '1NoExisteNoExisteNoExisteNoExisteNoExiste00' });
  expect(r.siblingName).toBeNull();
  expect(r.siblingId).toBe('');
  expect(r.warnings).toContain(NOT_PROVEN);
  expect(deps.audit.entries().map((e) => e.action)).toContain('Hoja hermana no registrada');
});

test('a sibling must prove it is the other half: the other role, with this coordinator among its coordinators', () => {
  // Set up by someone else: the caller is not its coordinator.
  const byOther = world();
  const stranger = new MemoryWorkbook('1AjenaAjenaAjenaAjenaAjenaAjenaAjena00000', 'Hoja de otra persona');
  byOther.deps.workbooks.add(stranger);
  setUpSibling(stranger, 'talleres', 'extrano@gmail.com');
  expect(runSetup(byOther.deps, { role: 'atenciones', siblingId: stranger.id }).warnings).toContain(NOT_PROVEN);
  expect(byOther.deps.properties.values[PROPERTY_KEYS.siblingId]).toBe('');
  // Same role as this one: not the other half either.
  const sameRole = world();
  const twin = new MemoryWorkbook('1GemelaGemelaGemelaGemelaGemelaGemela0000', 'Otra hoja de atenciones');
  sameRole.deps.workbooks.add(twin);
  setUpSibling(twin, 'atenciones', 'ana@trabajo.gob.pe');
  expect(runSetup(sameRole.deps, { role: 'atenciones', siblingId: twin.id }).siblingId).toBe('');
  // A recorded sibling stays when a later setup names an unproven one.
  const kept = world();
  runSetup(kept.deps, { role: 'atenciones', siblingId: TALLERES_ID });
  kept.book.newExecution();
  kept.deps.workbooks.add(stranger);
  const again = runSetup(kept.deps, { role: 'atenciones', siblingId: stranger.id });
  expect(again.siblingId).toBe(TALLERES_ID);
  expect(again.warnings).toContain(NOT_PROVEN);
});

test('the first setup founds the team with its runner as coordinator, mirrored and protected in «Equipo»', () => {
  const { deps, book } = world();
  runSetup(deps, { role: 'atenciones' });
  const team = JSON.parse(deps.properties.values.SOE_TEAM);
  expect(team.members).toEqual([{ email: 'ana@trabajo.gob.pe', name: '', roles: ['coordinador', 'consultor'] }]);
  expect(book.sheet('Equipo')!.cells[1].slice(0, 3)).toEqual(['ana@trabajo.gob.pe', '', 'Coordinador(a), Consultor(a)']);
  expect(book.protections.get('Equipo')).toEqual({ description: expect.stringMatching(/equipo y permisos/), editors: ['ana@trabajo.gob.pe'] });
  expect(book.protections.get('Registro de auditoría')).toMatchObject({ editors: 'warning' });
  // 'Citas': a warning before typing over a system column; the people's columns stay open.
  const citas = book.sheet('Citas')!.cells[0];
  const open = (book.protections.get('Citas')!.unprotectedColumns ?? []).map((c) => citas[c - 1]);
  expect(book.protections.get('Citas')).toMatchObject({ editors: 'warning' });
  expect(open).toEqual(expect.arrayContaining(['Observaciones', 'Aviso extranet']));
  expect(open).not.toContain('ID de cita');
  expect(open).not.toContain('Recordatorio');
  // A later setup by someone else keeps the team as it is.
  book.newExecution();
  runSetup({ ...deps, session: new FixedSession('luis@trabajo.gob.pe') }, { role: 'atenciones' });
  expect(JSON.parse(deps.properties.values.SOE_TEAM).members).toHaveLength(1);
});

test('every change is in the audit log', () => {
  const { deps } = world();
  const r = runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
  const details = deps.audit.entries().map((e) => e.detail);
  for (const c of r.changes) expect([c, details.some((d) => d !== undefined && d.startsWith(c))]).toEqual([c, true]);
  // The audit log names the parameters added; the panel only counts them.
  expect(details.find((d) => d?.startsWith('Se agregaron'))).toMatch(/Hora de recordatorios; Hora de cierre del día;/);
  expect(deps.audit.entries().at(-1)).toMatchObject({ action: 'Configuración de la hoja', result: 'Correcto' });
});

test('status for the panel before and after setup', () => {
  const { deps, book } = world();
  expect(setupStatus(deps)).toMatchObject({ configured: false, role: null, missingTabs: [] });
  runSetup(deps, { role: 'atenciones', siblingId: TALLERES_ID });
  const s = setupStatus(deps);
  expect(s).toMatchObject({ configured: true, role: 'atenciones', roleLabel: 'Atenciones Virtuales – Centro de Empleo', siblingId: TALLERES_ID, tasksOwner: 'ana@trabajo.gob.pe' });
  expect(s.lastSetupAt).toBe('viernes 27 de noviembre de 2026, 9:00 a. m.');
  book.sheets.splice(book.sheets.findIndex((x) => x.name === 'Revisión'), 1);
  expect(setupStatus(deps)).toMatchObject({ configured: false, missingTabs: ['Revisión'] });
});

describe('pure pieces', () => {
  test('a pasted spreadsheet URL gives its ID', () => {
    expect(parseSpreadsheetId(`https://docs.google.com/spreadsheets/d/${TALLERES_ID}/edit?usp=sharing`)).toBe(TALLERES_ID);
    expect(parseSpreadsheetId(` ${TALLERES_ID} `)).toBe(TALLERES_ID);
    expect(parseSpreadsheetId('abc')).toBeNull();
    expect(parseSpreadsheetId('')).toBeNull();
  });

  test('trigger plan: keep the recorded one, drop duplicates, leave unmanaged handlers alone', () => {
    const desired = desiredTriggers('atenciones', { reminderHour: 18, closingHour: 20 });
    const existing = [
      { id: 'a', handler: 'runReminders', kind: 'clock' as const, sourceId: null },
      { id: 'b', handler: 'runReminders', kind: 'clock' as const, sourceId: null },
      { id: 'c', handler: 'continueJob', kind: 'clock' as const, sourceId: null },
    ];
    const plan = planTriggers(existing, desired, { runReminders: { id: 'b', signature: 'daily@18' } });
    expect(plan.keep.map((t) => t.id)).toEqual(['b']);
    expect(plan.remove).toEqual([{ trigger: existing[0], why: 'duplicate' }]);
    expect(plan.create.map((d) => d.handler)).toEqual(['runDayClosing']);
  });

  test('trigger plan: a role without tasks removes the managed ones', () => {
    const plan = planTriggers([{ id: 'a', handler: 'runDayClosing', kind: 'clock', sourceId: null }], desiredTriggers('talleres', { reminderHour: 18, closingHour: 20 }), {});
    expect(plan.remove).toEqual([{ trigger: { id: 'a', handler: 'runDayClosing', kind: 'clock', sourceId: null }, why: 'unneeded' }]);
  });
});

test('the workshops role installs the session clock\'s daily safety net at the access-link hour', () => {
  expect(desiredTriggers('talleres', { reminderHour: 18, closingHour: 20, accessLinkHour: 17 })).toEqual([
    { handler: 'runSessionClock', kind: 'clock', hour: 17, signature: 'daily@17' },
    { handler: 'runExternalRequests', kind: 'clock', hour: 7, signature: 'daily@7' },
  ]);
  expect(desiredTriggers('talleres', { reminderHour: 18, closingHour: 20 })[0]?.hour).toBe(18);
});
