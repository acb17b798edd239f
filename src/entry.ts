/**
 * The global functions Apps Script calls: the simple triggers, the menu items, the panel's API
 * (google.script.run) and the trigger handlers. Each is an exported function; the build turns
 * every export into a top-level `function` declaration of dist/Code.js (scripts/build.ts).
 *
 * Thin on purpose: parse the event, call a use case with a context of adapters, return a
 * plain object. Nothing at the top level of this module calls a service.
 */
import type { SetupOptions } from './api';
import { runSetup, setupStatus, type SetupResult, type SetupStatus } from './app/setup';
import { EXECUTION_KINDS } from './domain/messages/setup';
import { addMenu, showAboutDialog, showPanel } from './gas/ui';
import { withContext } from './entry/context';

// ---------------------------------------------------------------------------- simple triggers

/**
 * Adds the "Emprendimiento" menu. As a simple trigger it runs in AuthMode.LIMITED, where services
 * needing authorization throw: only the UI is touched here.
 */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu();
}

/** Editor add-on installation: the menu appears without reopening the spreadsheet. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

// ---------------------------------------------------------------------------- menu items

export function showSidebar(): void {
  showPanel('inicio');
}

export function showSetup(): void {
  showPanel('configuracion');
}

export function showAbout(): void {
  showAboutDialog();
}

// ---------------------------------------------------------------------------- panel API (google.script.run)

/** Sets up this spreadsheet as `role`, recording `siblingId` (ID or URL of the other spreadsheet). */
export function setupSpreadsheet(role: string, siblingId?: string, options?: SetupOptions): SetupResult {
  return withContext(EXECUTION_KINDS.panel, (ctx) =>
    runSetup(ctx, { role, siblingId: siblingId ?? '', takeOverTriggers: options?.takeOverTriggers === true }),
  );
}

export function getSetupStatus(): SetupStatus {
  return withContext(EXECUTION_KINDS.panel, (ctx) => setupStatus(ctx));
}

// ---------------------------------------------------------------------------- the attention flow (A01–A07)

export * from './entry/import';
export * from './entry/reminders';
export * from './entry/day';

// ---------------------------------------------------------------------------- personal data (Ley 29733)

export * from './entry/personal-data';

// ---------------------------------------------------------------------------- «Diagnóstico» (checks on the real deployment)

export * from './entry/diagnostics';
