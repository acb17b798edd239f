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
// Now "Talleres" is set up by the same coordinator, it proves to be the other half: run setup
// again in "Atenciones" to record it (docs/access-model.md).
ws.callFromSidebar(atenciones, 'setupSpreadsheet', ['atenciones', talleres]);
// Whoever ran the first setup is its coordinator; they register the consultants (with the name
// the platform's report uses) in «Equipo y permisos».
ws.callFromSidebar(atenciones, 'saveTeamMember', [{ email: 'consultora@example.org', name: 'Ana Quispe', roles: ['coordinador', 'consultor'] }]);
console.log('Team:', ws.readTab(atenciones, 'Equipo').filter((r) => r['Correo']));

console.log('Tabs:', ws.sheetNames(atenciones).join(', '));
console.log('Settings:', ws.readTab(atenciones, 'Configuración').slice(0, 3));
console.log('Triggers:', ws.triggers(atenciones).map((t) => `${t.handler} (${t.eventType})`));

// The consultant imports the platform's report (the sidebar sends the file as base64).
const csv = [
  'Código de cita;DNI;Nombres y apellidos;Correo electrónico;Celular;Fecha;Hora;Consultor',
  '000101;01234567;Persona Demo Uno;uno@example.com;987654321;28/11/2026;09:00;',
  '000102;12345678;Persona Demo Dos;dos@example.com;987654322;28/11/2026;09:40;',
  '000103;23456789;Persona Demo Tres;tres@example.com;987654323;28/11/2026;3:30 p. m.;',
  // A name the platform would never send: refused with its reason and kept in «Revisión».
  '000104;34567890;=HYPERLINK("http://x");cuatro@example.com;987654324;28/11/2026;4:10 p. m.;',
].join('\r\n');
const imported = ws.callFromSidebar(atenciones, 'importReport', ['reporte.csv', Buffer.from(csv, 'utf8').toString('base64')]);
console.log('Import:', imported.ok ? (imported.value as { summary: string }).summary : imported.error);
console.log('Citas:', ws.readTab(atenciones, 'Citas').map((r) => `${r['ID de cita']} ${r['Nombres y apellidos']} ${r['Hora']} ${r['Estado']}`));

// Advance to the next morning: every time-driven trigger due on the way fires, in order.
const fired = ws.advanceTo('2026-11-28T08:00');
for (const e of fired) {
  console.log(`${new Date(e.startedAt).toISOString()} ${e.functionName} [${e.trigger}] ${e.status}: ${e.totalCalls} calls, ${e.modeledMs} ms`);
}
console.log('Mail sent:', ws.outbox().map((m) => `${m.to.join(', ')}: ${m.subject}`));
console.log('Calendar events:', ws.calendarEvents().map((e) => `${e.summary} ${e.hangoutLink ?? ''}`));
console.log('Now in Lima:', ws.formatNow());
