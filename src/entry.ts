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
import { getTeam as getTeamUseCase, removeTeamMember as removeUseCase, saveTeamMember as saveUseCase, type TeamChangeResult, type TeamView } from './app/team';
import type { MemberInput } from './domain/access';
import { guarded } from './entry/guard';
import { SlidesCertificates } from './gas/certificate-slides';
import { DriveAppFiles } from './gas/drive-files';

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
  guarded('showSidebar', EXECUTION_KINDS.menu, () => showPanel('inicio'));
}

export function showSetup(): void {
  guarded('showSetup', EXECUTION_KINDS.menu, () => showPanel('configuracion'));
}

export function showAbout(): void {
  showAboutDialog();
}

// ---------------------------------------------------------------------------- panel API (google.script.run)

/** Sets up this spreadsheet as `role`, recording `siblingId` (ID or URL of the other spreadsheet). */
export function setupSpreadsheet(role: string, siblingId?: string, options?: SetupOptions): SetupResult {
  return guarded('setupSpreadsheet', EXECUTION_KINDS.panel, (ctx) =>
    // B12: the certificate template is made in Slides by the Talleres setup (i13-certs).
    runSetup({ ...ctx, certificates: { slides: new SlidesCertificates(), drive: new DriveAppFiles() } }, { role, siblingId: siblingId ?? '', takeOverTriggers: options?.takeOverTriggers === true }),
  );
}

export function getSetupStatus(): SetupStatus {
  return guarded('getSetupStatus', EXECUTION_KINDS.panel, (ctx) => setupStatus(ctx));
}

// ---------------------------------------------------------------------------- the team («Equipo y permisos»)

/** Who is a coordinator or a consultant here. */
export function getTeam(): TeamView {
  return guarded('getTeam', EXECUTION_KINDS.panel, (ctx) => getTeamUseCase(ctx));
}

/** Adds a person to the team or changes their name or roles. */
export function saveTeamMember(input: MemberInput): TeamChangeResult {
  return guarded('saveTeamMember', EXECUTION_KINDS.panel, (ctx) => saveUseCase(ctx, input));
}

/** Takes a person out of the team (the last coordinator cannot be removed). */
export function removeTeamMember(email: string): TeamChangeResult {
  return guarded('removeTeamMember', EXECUTION_KINDS.panel, (ctx) => removeUseCase(ctx, email));
}

// ---------------------------------------------------------------------------- the attention flow (A01–A07)

export * from './entry/import';
export * from './entry/reminders';
export * from './entry/day';

// ---------------------------------------------------------------------------- workshops "Aprende a Emprender" (B01)

export * from './entry/workshops';
export * from './entry/workshops-direction';
export * from './entry/workshops-registration';
// Check-in form «Formato de asistencia» (B09, i12-checkin).
export * from './entry/workshops-checkin';
export * from './entry/workshops-files';
export * from './entry/workshops-invitations';
// Issue 12 (i12-silnet): B10 Silnet and WhatsApp, B11 the closing.
export * from './entry/workshops-silnet';
export * from './entry/workshops-closing';
export * from './entry/workshops-report';
// Attendance of a session (B09) and the session screen (issue 12, i12-attendance).
export * from './entry/workshops-attendance';
// Running the sessions (issue 12, B06–B07): the session clock and the access links.
export * from './entry/workshops-sessions';
// B08: the workshop survey (issue 12, i12-survey).
export * from './entry/workshops-survey';

// ---------------------------------------------------------------------------- personal data (Ley 29733)

export * from './entry/personal-data';

// ---------------------------------------------------------------------------- «Diagnóstico» (checks on the real deployment)

export * from './entry/diagnostics';

// ---------------------------------------------------------------------------- the web app (signed links: docs/web-app.md)

export * from './entry/webapp';
// Issue 13 (i13-certs): B12 certificates — view, preview, issuing job, reissue, revoke.
export * from './entry/workshops-certificates';
// C01 (i14-decision): «Enviar a aprobación» and «Registrar decisión» of an institution's request.
export * from './entry/external-decision';
// Issue 14 (i14-panel): «Solicitudes externas» (C01–C04) — the panel's reads.
export * from './entry/external';
// Issue 14 (i14-workshop): the external workshops' job (C02–C04).
export * from './entry/external-workshop';
// Issue 14 (i14-intake): C01, the institutions' request form — submit trigger and sweep.
export * from './entry/external-intake';
// Issue 15 (i15-attn): «Indicadores» — the panel's refresh with its period selector.
export * from './entry/indicators';
