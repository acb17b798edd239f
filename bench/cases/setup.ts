/**
 * Setup of both spreadsheets from scratch, as a consultant does it once from the panel:
 * "Atenciones Virtuales – Centro de Empleo" as atenciones, then "Programación Talleres Masivos"
 * as talleres, each pointing at the other.
 */
import type { Workspace } from '../../emulator';
import { columnRules, desiredTriggers } from '../../src/app/setup';
import { tabsForRole, type Role } from '../../src/domain/schema';
import { installProduct } from '../../test/support/crash-harness';
import { floorOf, sumFloors, type BenchCase, type FloorCalls } from '../framework';

export const SPREADSHEET_NAMES: Record<Role, string> = {
  atenciones: 'Atenciones Virtuales – Centro de Empleo',
  talleres: 'Programación Talleres Masivos',
};

/**
 * Both spreadsheets created, the bundle installed in each and setup run in each: the starting
 * point of every other case. Returns their IDs and setup's two executions.
 */
export function setUpSpreadsheets(ws: Workspace): { atenciones: string; talleres: string; executions: ReturnType<Workspace['executions']> } {
  const atenciones = ws.createSpreadsheet(SPREADSHEET_NAMES.atenciones);
  const talleres = ws.createSpreadsheet(SPREADSHEET_NAMES.talleres);
  installProduct(ws, atenciones);
  installProduct(ws, talleres);
  const a = ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', talleres]);
  const t = ws.callFromSidebar(talleres, 'setupSpreadsheet', ['talleres', atenciones]);
  return { atenciones, talleres, executions: [a.execution, t.execution] };
}

/**
 * The report's consultants registered in the team by the coordinator (the workspace's user, who
 * ran setup), each with an account: a consultant acts only on their own appointments
 * (docs/access-model.md), so each bench action runs as the row's consultant. Not measured.
 */
export function registerConsultants(ws: Workspace, atenciones: string, names: Iterable<string>): Map<string, string> {
  const emailOf = new Map<string, string>();
  for (const name of new Set(names)) {
    const email = `${name.normalize('NFD').replace(/[^A-Za-z ]/g, '').trim().toLowerCase().replace(/\s+/g, '.')}@trabajo.gob.pe`;
    emailOf.set(name, email);
    const added = ws.callFromSidebar(atenciones, 'saveTeamMember', [{ email, name, roles: ['consultor'] }]);
    if (!added.ok) throw new Error(`bench: the team could not be set up: ${added.error}`);
  }
  return emailOf;
}

/**
 * What setup of one empty spreadsheet cannot avoid: find the spreadsheet and its tabs; reuse
 * the default sheet and insert the rest; one header write and one frozen row per tab; one
 * number-format write and one validation write per tab that has them (setNumberFormats /
 * setDataValidations take a whole grid); the settings rows and the audit rows in one write
 * each; the lock; read and write the document properties once; who is running it; open the
 * sibling to check it; list the triggers and create each one the role needs. Header styling
 * (5 ms calls) and re-applying formats a person may have pasted over are left out: the floor
 * is what a first run needs, so setup's ratio is expected above 1 and has no target.
 */
export function setupFloor(role: Role): FloorCalls {
  const tabs = tabsForRole(role);
  const rules = tabs.map((t) => columnRules(t, t.columns.map((c) => c.header)));
  return {
    'SpreadsheetApp.getActiveSpreadsheet': 1,
    'Spreadsheet.getSheets': 1,
    'Sheet.setName': 1,
    'Spreadsheet.insertSheet': tabs.length - 1,
    'Range.setValues': tabs.length + 2,
    'Sheet.setFrozenRows': tabs.length,
    'Range.setNumberFormats': rules.filter((r) => r.some((x) => x.format !== undefined)).length,
    'Range.setDataValidations': rules.filter((r) => r.some((x) => x.validation !== undefined)).length,
    'LockService.getScriptLock': 1,
    'Lock.waitLock': 1,
    'Properties.getProperties': 1,
    'Properties.setProperties': 1,
    'Session.getActiveUser': 1,
    'SpreadsheetApp.openById': 1,
    'ScriptApp.getProjectTriggers': 1,
    'ClockTriggerBuilder.create': desiredTriggers(role, { reminderHour: 8, closingHour: 19 }).length,
  };
}

export const cases: BenchCase[] = [
  {
    operation: 'setup (both spreadsheets)',
    size: 2,
    unit: 'spreadsheets',
    run: (ws) => setUpSpreadsheets(ws).executions,
    floor: () => floorOf(sumFloors(setupFloor('atenciones'), setupFloor('talleres'))),
    ratioTarget: null,
  },
];
