/**
 * Entry points of the personal-data area (Ley 29733: access, rectification and deletion by DNI).
 * Each export becomes a top-level function of dist/Code.js, called by the panel through
 * google.script.run; a script can call them the same way (`ws.callFromSidebar` in the emulator).
 * The retention setting has no entry point of its own: the day closing (runDayClosing) applies it.
 */
import { correctPersonData as correctUseCase, deletePersonData as deleteUseCase } from '../app/personal-data/change';
import { exportPersonData as exportUseCase, findPersonData as findUseCase } from '../app/personal-data/lookup';
import type { PersonChangeResult, PersonCorrection, PersonExport, PersonLookupResult } from '../app/personal-data/types';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { promoteWaiting } from '../app/workshops/registration';
import { recordedSiblingId } from '../app/setup';
import { REGISTRATIONS_TAB } from '../domain/schema';
import { ActiveGeneratedTabs } from '../gas/generated-tabs-active';
import type { Context } from './context';
import { ensureSessionClock } from '../app/workshops/session-clock';
import { guarded } from './guard';
import { DriveAppFiles } from '../gas/drive-files';

/** Everything both spreadsheets hold on the person with this DNI (or, for invitations and unsubscribes, this email). */
export function findPersonData(dni: string): PersonLookupResult {
  return guarded('findPersonData', EXECUTION_KINDS.panel, (ctx) => findUseCase(ctx, dni));
}

/** The same, as a CSV file for the person (right of access); the export is recorded in the audit log. */
export function exportPersonData(dni: string): PersonExport {
  return guarded('exportPersonData', EXECUTION_KINDS.panel, (ctx) => exportUseCase(ctx, dni));
}

/** Corrects name, email or phone on every row of that DNI (right of rectification). */
export function correctPersonData(dni: string, correction: PersonCorrection): PersonChangeResult {
  return guarded('correctPersonData', EXECUTION_KINDS.panel, (ctx) => correctUseCase(ctx, dni, correction));
}

/**
 * A deletion freed confirmed places in these modules (registrations now 'Retirado'): the
 * waiting list is promoted at once (B05). Called under the lock (reentrant), after the writes.
 */
// Not exported: every export of src/entry becomes a global function reachable from the panel.
function onPersonDeletionFreedPlaces(ctx: Context, moduleIds: readonly string[]): void {
  if (moduleIds.length === 0) return;
  // The registrations live in "Talleres": this spreadsheet, or its sibling when the deletion ran from "Atenciones".
  const here = ctx.workbooks.current();
  const book = here.table(REGISTRATIONS_TAB).exists() ? here : ctx.workbooks.open(recordedSiblingId(ctx.properties));
  if (!book) return;
  // Each freed place goes to the first person waiting in that module, who is told once.
  let promoted = 0;
  for (const id of new Set(moduleIds)) promoted += promoteWaiting(ctx, id, book);
  // Someone promoted gets the next access link within minutes. Only when this IS "Talleres": the
  // session clock's triggers belong to that spreadsheet's script, not to the sibling's.
  if (promoted > 0 && book === here) ensureSessionClock(ctx);
}

/** Anonymises every record of that DNI (or email); `confirmation` must repeat it (right of deletion). */
export function deletePersonData(dni: string, confirmation: string): PersonChangeResult {
  return guarded('deletePersonData', EXECUTION_KINDS.panel, (ctx) =>
    // B12: Drive, to retire the person's certificate PDFs; the generated tabs, to rewrite the module's consolidation without her.
    deleteUseCase({ ...ctx, drive: new DriveAppFiles(), tabs: new ActiveGeneratedTabs() }, dni, confirmation, (ids) => onPersonDeletionFreedPlaces(ctx, ids)),
  );
}
