/**
 * The emulator's scripting API in one runnable tour (docs/emulator.md):
 *   npm run build && npx tsx examples/quickstart.ts
 * Creates a workspace at a Lima time, installs dist/ in a new spreadsheet, runs setup,
 * opens the menu, advances the clock through the evening triggers and prints what happened.
 */
import { Workspace } from '../emulator';

const ws = Workspace.create({ at: '2026-11-27T09:00', user: 'consultora@example.org', seed: 7 });

const atenciones = ws.createSpreadsheet('Atenciones Virtuales – Centro de Empleo');
const talleres = ws.createSpreadsheet('Programación Talleres Masivos');
ws.install(atenciones);
ws.install(talleres);

// A person opens the spreadsheet: the simple onOpen trigger adds the menu.
ws.openSpreadsheet(atenciones);
console.log('Menu:', ws.menus(atenciones).map((m) => `${m.name}: ${m.items.map((i) => ('caption' in i ? i.caption : '—')).join(' | ')}`));

// The sidebar calls setup through google.script.run.
const setup = ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', talleres]);
console.log('Setup:', setup.ok ? 'ok' : setup.error, `(${setup.execution.totalCalls} calls, ${setup.execution.modeledMs} ms modeled)`);
ws.callFromSidebar(talleres, 'setupSpreadsheet', ['talleres', atenciones]);

console.log('Tabs:', ws.sheetNames(atenciones).join(', '));
console.log('Settings:', ws.readTab(atenciones, 'Configuración').slice(0, 3));
console.log('Triggers:', ws.triggers(atenciones).map((t) => `${t.handler} (${t.eventType})`));

// Advance to the next morning: every time-driven trigger due on the way fires, in order.
const fired = ws.advanceTo('2026-11-28T08:00');
for (const e of fired) {
  console.log(`${new Date(e.startedAt).toISOString()} ${e.functionName} [${e.trigger}] ${e.status}: ${e.totalCalls} calls, ${e.modeledMs} ms`);
}
console.log('Mail sent:', ws.outbox().length, '| calendar events:', ws.calendarEvents().length);
console.log('Now in Lima:', ws.formatNow());
