/**
 * The Sheets UI: the "Emprendimiento" menu, the panel (sidebar) and alerts.
 *
 * The menu is added by the simple onOpen trigger, which runs without authorization (LIMITED):
 * only SpreadsheetApp.getUi() is used there. Menu items name entry points of src/entry.ts.
 */
import { ABOUT_TEXT, MENU, SIDEBAR_TITLE } from '../domain/messages/setup';

/** Entry points the menu items call (top-level functions of the bundle). */
export const MENU_HANDLERS = {
  openPanel: 'showSidebar',
  setup: 'showSetup',
  about: 'showAbout',
  diagnostics: 'runDiagnostics',
} as const;

/** The panel's first view is chosen by this attribute of sidebar/index.html's <body>. */
export type PanelView = 'inicio' | 'configuracion';
const VIEW_ATTRIBUTE = 'data-initial-view="inicio"';

export function addMenu(): void {
  SpreadsheetApp.getUi()
    .createMenu(MENU.title)
    .addItem(MENU.openPanel, MENU_HANDLERS.openPanel)
    .addItem(MENU.setup, MENU_HANDLERS.setup)
    .addItem(MENU.diagnostics, MENU_HANDLERS.diagnostics)
    .addSeparator()
    .addItem(MENU.about, MENU_HANDLERS.about)
    .addToUi();
}

export function showPanel(view: PanelView): void {
  let output = HtmlService.createHtmlOutputFromFile('Sidebar');
  if (view !== 'inicio') {
    output = HtmlService.createHtmlOutput(output.getContent().replace(VIEW_ATTRIBUTE, `data-initial-view="${view}"`));
  }
  SpreadsheetApp.getUi().showSidebar(output.setTitle(SIDEBAR_TITLE));
}

export function showAboutDialog(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(MENU.about, ABOUT_TEXT, ui.ButtonSet.OK);
}

/** A short notice at the corner of the spreadsheet (no button to press). */
export function showToast(message: string, title: string): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, title, 15);
}
