/**
 * Round trips per sidebar view (DESIGN.md: one). ── HOOK FOR LATER ISSUES ──
 *
 * Each view of the panel is listed here with what it does when it loads: every
 * google.script.run call it makes, as `ws.callFromSidebar(...)`. `npm run bench` counts the
 * executions a view's loading causes and prints one figure per view. When a capability adds a
 * view (e.g. "Citas de hoy" for the day of attentions), add an entry that loads it the way
 * sidebar/main.ts does; the browser tests can check that the page makes no other call.
 */
import type { Workspace } from '../emulator';
import { setUpSpreadsheets } from './cases/setup';

export interface SidebarView {
  /** As the consultant knows it. */
  view: string;
  /** Builds the state the view shows; returns the spreadsheet whose panel is open. */
  prepare(ws: Workspace): string;
  /** The view's loading: each google.script.run call it makes, in order. */
  load(ws: Workspace, spreadsheetId: string): void;
}

export const SIDEBAR_VIEWS: SidebarView[] = [
  {
    // sidebar/main.ts: on open the panel asks for the spreadsheet's status once (getSetupStatus).
    view: 'Inicio (estado y configuración)',
    prepare: (ws) => setUpSpreadsheets(ws).atenciones,
    load: (ws, ss) => void ws.callFromSidebar(ss, 'getSetupStatus'),
  },
];
