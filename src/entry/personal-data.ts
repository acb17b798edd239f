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
import { guarded } from './guard';

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
 * Hook: a deletion freed confirmed places in these modules (registrations now 'Retirado'). The
 * integrator wires the waiting-list promotion here; until then the places wait for the
 * registration code's next promotion run. Called under the lock, after the writes.
 */
// Not exported: every export of src/entry becomes a global function reachable from the panel.
function onPersonDeletionFreedPlaces(_moduleIds: readonly string[]): void {
  // Intentionally empty: see the comment above (issue 11, waiting-list promotion).
}

/** Anonymises every record of that DNI (or email); `confirmation` must repeat it (right of deletion). */
export function deletePersonData(dni: string, confirmation: string): PersonChangeResult {
  return guarded('deletePersonData', EXECUTION_KINDS.panel, (ctx) => deleteUseCase(ctx, dni, confirmation, onPersonDeletionFreedPlaces));
}
