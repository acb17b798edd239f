/**
 * Round trips per sidebar view (DESIGN.md: one).
 *
 * Each view of the panel is listed here with what it does when it loads: every
 * google.script.run call it makes, as `ws.callFromSidebar(...)`. `npm run bench` counts the
 * executions a view's loading causes and prints one figure per view. When a capability adds a
 * view, add an entry that loads it the way sidebar/main.ts does; the browser tests
 * (test/browser/consultant-day.test.ts, test/scenario/day-sidebar.test.ts) check that the page
 * makes no other call.
 */
import type { Workspace } from '../emulator';
import { importReport, makeReport } from '../test/support/attention-world';
import { setUpSpreadsheets } from './cases/setup';

export interface SidebarView {
  /** As the consultant knows it. */
  view: string;
  /** Builds the state the view shows; returns the spreadsheet whose panel is open. */
  prepare(ws: Workspace): string;
  /** The view's loading: each google.script.run call it makes, in order. */
  load(ws: Workspace, spreadsheetId: string): void;
}

/** The bench's day (measureView starts the clock at 08:00 of it, Lima). */
const DAY = '2026-11-27';

export const SIDEBAR_VIEWS: SidebarView[] = [
  {
    // sidebar/main.ts: "Esta hoja" asks for the spreadsheet's status once (getSetupStatus).
    view: 'Esta hoja (estado y configuración)',
    prepare: (ws) => setUpSpreadsheets(ws).atenciones,
    load: (ws, ss) => void ws.callFromSidebar(ss, 'getSetupStatus'),
  },
  {
    // sidebar/main.ts: "Abrir panel" (and the "Citas de hoy" tab) loads the day in one call,
    // getDayView({}), the server choosing the consultant's own appointments or everyone's.
    view: 'Citas de hoy',
    prepare: (ws) => {
      const { atenciones } = setUpSpreadsheets(ws);
      const report = makeReport(DAY, 24, { startTime: '08:00', slotMinutes: 40 });
      const imported = importReport(ws, atenciones, report.fileName, report.bytes);
      if (!imported.ok || !imported.value.ok) throw new Error('bench sidebar views: the import failed');
      return atenciones;
    },
    load: (ws, ss) => void ws.callFromSidebar(ss, 'getDayView', [{}]),
  },
];
