import type { Workspace } from '../../emulator';
import { desiredTriggers, MANAGED_HANDLERS, PROPERTY_KEYS } from '../../src/app/setup';
import { parseSettings } from '../../src/app/settings';
import { columnSpec, settingsForRole, SETTINGS_TAB, tabsForRole, type Role } from '../../src/domain/schema';
import { crashAtEveryCall, formatFailures, installProduct, type CrashOperation } from '../support/crash-harness';
import { headersExactlyOnce, noDuplicateIds, noRowLost, noTriggersFor, readRows, tabsPresent, triggersExactlyOnce } from '../support/invariants';

/**
 * Setup, crashed at every service call (before its effect, after it, killed), then recovered
 * the way a consultant would: pressing "Configurar" again. After recovery the spreadsheet must
 * look exactly as after a clean setup: every tab and header once, each trigger once (at the
 * hour the settings say), no settings row twice or missing, role and sibling recorded. Without
 * a fault, the second run must find nothing left to do.
 */

interface Ctx {
  self: string;
  sibling: string;
  /** What each recovery run reported changing (google.script.run's value). */
  recoveries: { ok: boolean; changes: string[]; error?: string }[];
}

const settingName = columnSpec(SETTINGS_TAB, 'name').header;
const settingValue = columnSpec(SETTINGS_TAB, 'value').header;

function setupOperation(role: Role): CrashOperation<Ctx> {
  const otherRole: Role = role === 'atenciones' ? 'talleres' : 'atenciones';
  const names: Record<Role, string> = {
    atenciones: 'Atenciones Virtuales – Centro de Empleo',
    talleres: 'Programación Talleres Masivos',
  };
  const callSetup = (ws: Workspace, ctx: Ctx) => ws.callFromSidebar(ctx.self, 'setupSpreadsheet', [role, ctx.sibling]);
  return {
    name: `setup-${role}`,
    actFunction: 'setupSpreadsheet',
    workspace: { at: '2026-11-27T09:00', user: 'consultora@trabajo.gob.pe' },
    setup(ws) {
      const self = ws.createSpreadsheet(names[role]);
      const sibling = ws.createSpreadsheet(names[otherRole]);
      installProduct(ws, self);
      installProduct(ws, sibling);
      // The other half, set up first by the same coordinator: it can prove it is the sibling.
      const other = ws.callFromSidebar(sibling, 'setupSpreadsheet', [otherRole, '']);
      if (!other.ok) throw new Error(other.error);
      return { self, sibling, recoveries: [] };
    },
    act: (ws, ctx) => void callSetup(ws, ctx),
    // The consultant sees the error (or nothing happening) and presses the button again.
    recover(ws, ctx) {
      const r = callSetup(ws, ctx);
      const value = r.ok ? (r.value as { changes?: string[] } | null) : null;
      ctx.recoveries.push({ ok: r.ok, changes: value?.changes ?? [], ...(r.ok ? {} : { error: r.error }) });
    },
    check(ws, ctx, info) {
      const v: string[] = [];
      const tabs = tabsForRole(role);
      v.push(...tabsPresent(ws, ctx.self, tabs.map((t) => t.name)));
      for (const spec of tabs) {
        if (!ws.sheetNames(ctx.self).includes(spec.name)) continue;
        v.push(...headersExactlyOnce(ws, { spreadsheetId: ctx.self, tab: spec.name }, spec.columns.map((c) => c.header)));
      }

      const settingsRef = { spreadsheetId: ctx.self, tab: SETTINGS_TAB.name, idColumn: settingName };
      v.push(...noDuplicateIds(ws, settingsRef));
      v.push(...noRowLost(ws, { ...settingsRef, expected: settingsForRole(role).map((s) => s.name) }));

      const rows = readRows(ws, settingsRef)?.rows ?? [];
      const { settings } = parseSettings(rows.map((r) => ({ name: r.record[settingName], value: r.record[settingValue] })));
      const desired = desiredTriggers(role, settings);
      v.push(...triggersExactlyOnce(ws, ctx.self, desired.map((d) => d.handler)));
      v.push(...noTriggersFor(ws, ctx.self, MANAGED_HANDLERS.filter((h) => !desired.some((d) => d.handler === h))));
      for (const d of desired) {
        const t = ws.triggers(ctx.self).find((x) => x.handler === d.handler);
        if (t && t.atHour !== d.hour) v.push(`trigger ${d.handler} runs at ${t.atHour} h, settings say ${d.hour} h`);
      }

      const props = ws.project(ctx.self).documentProperties;
      if (props[PROPERTY_KEYS.role] !== role) v.push(`role recorded as "${props[PROPERTY_KEYS.role]}", expected "${role}"`);
      if (props[PROPERTY_KEYS.siblingId] !== ctx.sibling) v.push(`sibling recorded as "${props[PROPERTY_KEYS.siblingId]}"`);
      // The team was founded once, with the person who ran setup as its coordinator.
      const team = JSON.parse(props.SOE_TEAM ?? '{"members":[]}') as { members: { email: string; roles: string[] }[] };
      if (team.members.length !== 1 || team.members[0].email !== 'consultora@trabajo.gob.pe' || !team.members[0].roles.includes('coordinador')) {
        v.push(`team recorded as ${props.SOE_TEAM}`);
      }

      const last = ctx.recoveries[ctx.recoveries.length - 1];
      if (!last?.ok) v.push(`setup still fails after recovery: ${last?.error ?? 'not run'}`);
      // After a clean setup, running it again finds nothing to do.
      else if (info.kind === 'none' && last.changes.length) v.push(`a second setup still changed: ${last.changes.join(' / ')}`);
      return v;
    },
  };
}

describe('setup survives a crash at every service call', () => {
  for (const role of ['atenciones', 'talleres'] as const) {
    test(`setup as ${role}: after recovery every tab, header, setting and trigger exactly once`, () => {
      // Setup re-applies formats to whole columns, so a case costs tens of milliseconds: sample
      // every external side effect (a form, the template, a folder made) and the call right after
      // it, the last call, and a seeded 60 more. Until issue 14 the sample also took the first
      // call of every method (3 × 226 cases for Talleres, about 5 min of CI); those calls are
      // retried by the same recovery as any other, so the seeded sample covers them across seeds
      // (SOE_SEED=n). SOE_EXHAUSTIVE=1 sweeps all 3 × K (K = 423 calls for Atenciones and 1340
      // for Talleres at issue 14).
      const report = crashAtEveryCall(setupOperation(role), { sample: 60, everyMethod: false });
      if (report.skipped) return; // SOE_REPLAY names another operation
      if (report.failures.length) throw new Error(`${report.summary}\n${formatFailures(report)}`);
      expect(report.cases).toBeGreaterThan(0);
    });
  }
});
