/**
 * Two adapters against fake Apps Script globals, for what the emulator cannot show both ways:
 * - GasWorkbooks.current(): SpreadsheetApp.getActiveSpreadsheet() "Returns the currently active
 *   spreadsheet, or null if there is none" (reference/spreadsheet/spreadsheet-app). The guides
 *   (guides/bound, "Special methods") let a bound script refer to its container that way, and say
 *   bound scripts may be web apps, but no page says what a web app execution gets. The emulator
 *   answers with the container (docs/emulator.md); here the other answer, null: the spreadsheet
 *   setup recorded (SOE_SPREADSHEET_ID) is opened by ID.
 * - GasSession in a web app: the deployer (the effective user) never stands in for the visitor.
 */
import { GasWorkbooks } from '../../../src/gas/workbook';
import { GasSession } from '../../../src/gas/session';
import { EXECUTION_KINDS } from '../../../src/domain/messages/setup';
import { SPREADSHEET_ID_PROPERTY } from '../../../src/domain/web-page';

const g = globalThis as Record<string, unknown>;
afterEach(() => {
  delete g.SpreadsheetApp;
  delete g.PropertiesService;
  delete g.Session;
});

function fakeSpreadsheet(id: string) {
  return { getId: () => id, getName: () => `Libro ${id}` };
}

function install(active: string | null, props: { doc?: Record<string, string> | null; script?: Record<string, string> }) {
  const opened: string[] = [];
  g.SpreadsheetApp = {
    getActiveSpreadsheet: () => (active ? fakeSpreadsheet(active) : null),
    openById: (id: string) => {
      opened.push(id);
      return fakeSpreadsheet(id);
    },
  };
  const store = (values: Record<string, string>) => ({ getProperty: (k: string) => values[k] ?? null });
  g.PropertiesService = {
    getDocumentProperties: () => (props.doc === null ? null : store(props.doc ?? {})),
    getScriptProperties: () => store(props.script ?? {}),
  };
  return opened;
}

test('the active spreadsheet when Google gives one (no property read, nothing opened)', () => {
  const opened = install('activo', { doc: { [SPREADSHEET_ID_PROPERTY]: 'registrado' } });
  expect(new GasWorkbooks().current().name()).toBe('Libro activo');
  expect(opened).toEqual([]);
});

test('no active spreadsheet: the one setup recorded in the document properties, then the script properties', () => {
  expect(install(null, { doc: { [SPREADSHEET_ID_PROPERTY]: 'registrado' } }) && new GasWorkbooks().current().id).toBe('registrado');
  const opened = install(null, { doc: null, script: { [SPREADSHEET_ID_PROPERTY]: 'del-script' } });
  const wb = new GasWorkbooks();
  expect(wb.current().id).toBe('del-script');
  expect(wb.current().id).toBe('del-script');
  expect(opened).toEqual(['del-script']); // opened once per execution
});

test('no active spreadsheet and none recorded: a Spanish error that says to run setup', () => {
  install(null, { doc: {} });
  expect(() => new GasWorkbooks().current()).toThrow(/Configurar/);
});

describe('GasSession', () => {
  function who(active: string, effective: string) {
    g.Session = { getActiveUser: () => ({ getEmail: () => active }), getEffectiveUser: () => ({ getEmail: () => effective }) };
  }
  test('elsewhere: the active user, else the effective user (a trigger)', () => {
    who('', 'Dueno@Trabajo.gob.pe');
    expect(new GasSession(EXECUTION_KINDS.panel).userEmail()).toBe('dueno@trabajo.gob.pe');
    who('ana@trabajo.gob.pe', 'dueno@trabajo.gob.pe');
    expect(new GasSession().userEmail()).toBe('ana@trabajo.gob.pe');
  });
  test('in a web app: only the visitor; an anonymous visitor is "" (never the deployer)', () => {
    who('', 'dueno@trabajo.gob.pe');
    expect(new GasSession(EXECUTION_KINDS.webApp).userEmail()).toBe('');
    who('colega@trabajo.gob.pe', 'dueno@trabajo.gob.pe');
    expect(new GasSession(EXECUTION_KINDS.webApp).userEmail()).toBe('colega@trabajo.gob.pe');
  });
});
