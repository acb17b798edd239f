/**
 * A module's folder in Google Drive (B04, B05): made once, inside the service's folder
 * "Talleres – Aprende a Emprender" next to the spreadsheet, and recorded on the module's row
 * ('Carpeta del módulo'). Shared with the team's accounts only (never by link).
 *
 * Found again after a crash: Drive has no idempotent create, so a folder made by a run that died
 * before recording it is recognised by the module's ID in its name ('… [<id>]') and adopted; the
 * service folder likewise by its name, and its ID is kept in the document properties so every
 * consultant uses the same one (a person who cannot open the spreadsheet's own folder would
 * otherwise make another in their "My Drive").
 *
 * Call it holding the script lock, with the module's row read under it.
 */
import { MODULES_TAB, type ModuleKey } from '../../domain/schema';
import { MissingColumnError, type TableRow } from '../../domain/table';
import { FILES_AUDIT as A, FILES_MESSAGES as M, SERVICE_FOLDER_NAME, moduleFolderName } from '../../domain/messages/workshops-files';
import { cleanText } from '../../domain/text';
import { driveSafeName, folderIdOf } from '../../domain/workshops/drive-files';
import { LockBusyError, type DriveFiles, type DriveItemRef } from '../../ports';
import { readTeam } from '../team';
import { CANCELLED_MODULE, listModules, type ModuleView, type ProgrammeDeps } from './programme';

/** The ports a module's files need. */
export interface FolderDeps extends ProgrammeDeps {
  drive: DriveFiles;
}

/** Document property: the ID of the service's folder in Drive. */
export const SERVICE_FOLDER_PROPERTY = 'talleres.carpetaDrive';

function text(v: unknown): string {
  return v === null || v === undefined || v instanceof Date ? '' : String(v).trim();
}

/** The team's accounts (coordinators and consultants): who the folders are shared with. */
export function teamEmails(deps: FolderDeps): string[] {
  return (readTeam(deps.properties)?.members ?? []).map((m) => m.email).filter((e) => e !== '');
}

/** The service's folder: the recorded one, or the one with its name next to the spreadsheet, or a new one. */
export function serviceFolder(deps: FolderDeps, team: readonly string[]): DriveItemRef {
  const recorded = deps.properties.get(SERVICE_FOLDER_PROPERTY);
  const known = recorded ? deps.drive.folder(recorded) : null;
  if (known) return known;
  const parent = deps.drive.spreadsheetFolder();
  const found = deps.drive.childFolders(parent.id, { name: SERVICE_FOLDER_NAME })[0];
  const folder = found ?? deps.drive.createFolder(parent.id, SERVICE_FOLDER_NAME);
  deps.drive.shareWithTeam(folder.id, team);
  deps.properties.setAll({ [SERVICE_FOLDER_PROPERTY]: folder.id });
  deps.audit.record({ action: found ? A.folderFound : A.folderCreated, target: SERVICE_FOLDER_NAME, result: 'Correcto', detail: folder.url });
  return folder;
}

/**
 * The module's folder, made or found and recorded on its row; shared with the team (accounts
 * added to the team since are added now).
 */
export function ensureModuleFolder(deps: FolderDeps, row: TableRow<ModuleKey>): DriveItemRef {
  const team = teamEmails(deps);
  const recordedUrl = text(row.record.driveFolderUrl);
  const recordedId = folderIdOf(recordedUrl);
  const recorded = recordedId ? deps.drive.folder(recordedId) : null;
  if (recorded) {
    deps.drive.shareWithTeam(recorded.id, team);
    return recorded;
  }
  const parent = serviceFolder(deps, team);
  const suffix = `[${row.id}]`;
  const found = deps.drive.childFolders(parent.id, { suffix })[0];
  const name = moduleFolderName(driveSafeName(text(row.record.name)), text(row.record.quarter), Number(row.record.year) || 0, row.id);
  const folder = found ?? deps.drive.createFolder(parent.id, name);
  deps.drive.shareWithTeam(folder.id, team);
  deps.workbooks.current().table(MODULES_TAB).update([{ id: row.id, fields: { driveFolderUrl: folder.url } }]);
  deps.audit.record({ action: found ? A.folderFound : A.folderCreated, target: row.id, result: 'Correcto', detail: folder.url });
  return folder;
}

// ---------------------------------------------------------------------------- the frame of a file action

/** What a file action answers: the module as the list shows it, and the file's link. */
export type FilesResult = { ok: true; message: string; url: string; module: ModuleView } | { ok: false; message: string };

export function refuseFiles(deps: FolderDeps, target: string, message: string): FilesResult {
  deps.audit.record({ action: A.refused, target, result: 'Sin efecto', detail: message });
  return { ok: false, message };
}

/**
 * Runs `fn` under the script lock with the module's row read fresh (a talleres spreadsheet, a
 * module that exists and is not cancelled); refusals are audited, Drive's failures answered in Spanish.
 */
export function onModuleFiles(
  deps: FolderDeps,
  rawId: unknown,
  fn: (m: ModuleView, row: TableRow<ModuleKey>) => FilesResult,
): FilesResult {
  const id = cleanText(rawId, 80);
  const first = listModules(deps);
  if (!first.ready) return refuseFiles(deps, id, first.message);
  try {
    return deps.lock.withLock(() => {
      deps.workbooks.current().table(MODULES_TAB).read({ fresh: true });
      const m = listModules(deps).modules.find((x) => x.id === id);
      const row = deps.workbooks.current().table(MODULES_TAB).read().byId.get(id);
      if (!m || !row) return refuseFiles(deps, id, M.notFound);
      if (m.status === CANCELLED_MODULE) return refuseFiles(deps, id, M.cancelled);
      return fn(m, row);
    });
  } catch (e) {
    if (e instanceof LockBusyError) return refuseFiles(deps, id, M.lockBusy);
    if (e instanceof MissingColumnError) return refuseFiles(deps, id, e.message);
    // Drive (or the conversion to PDF) failed half-way: what was made is found again next time.
    const reason = e instanceof Error ? e.message : String(e);
    deps.audit.record({ action: A.refused, target: id, result: 'Error', detail: reason });
    return { ok: false, message: M.driveFailed(reason) };
  }
}

/** The module as the list shows it now (after a write). */
export function moduleNow(deps: FolderDeps, id: string, fallback: ModuleView): ModuleView {
  return listModules(deps).modules.find((x) => x.id === id) ?? fallback;
}
