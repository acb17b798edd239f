/**
 * Entry points of the import area (issue 3, A01). Each export becomes a top-level function of
 * dist/Code.js, called by the panel through google.script.run; a script can call
 * `importReport(fileName, base64)` the same way (e.g. `ws.callFromSidebar` in the emulator).
 */
import { bookWalkIn as bookWalkInUseCase, type BookingResult, type WalkInInput } from '../app/appointments/booking';
import {
  importReport as importReportUseCase,
  previewImport as previewImportUseCase,
  undoImportCancellations as undoUseCase,
  type ImportConfirmation,
  type ImportPreview,
  type ImportResult,
  type UndoImportResult,
} from '../app/appointments/import';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { UtilitiesFiles } from '../gas/files';
import { guarded } from './guard';

/** What importing the report would do (new, changed, to cancel, rejected) and the plan ID to confirm it; writes nothing. */
export function previewImport(fileName: string, base64: string): ImportPreview {
  return guarded('previewImport', EXECUTION_KINDS.panel, (ctx) => previewImportUseCase({ ...ctx, files: new UtilitiesFiles() }, fileName, base64));
}

/**
 * Imports the platform's report of booked appointments: the file's name and its bytes in base64,
 * and from the panel the preview's confirmation (its plan ID, and the second confirmation when the
 * preview asked for one).
 */
export function importReport(fileName: string, base64: string, confirmation?: ImportConfirmation | null): ImportResult {
  return guarded('importReport', EXECUTION_KINDS.panel, (ctx) => importReportUseCase({ ...ctx, files: new UtilitiesFiles() }, fileName, base64, confirmation));
}

/** Undoes the cancellations of one import (its `undoId`), restoring only rows unchanged since. */
export function undoImportCancellations(importId: string): UndoImportResult {
  return guarded('undoImportCancellations', EXECUTION_KINDS.panel, (ctx) => undoUseCase(ctx, importId));
}

/** Books a walk-in from the panel; a slot (date, time, consultant) is never booked twice. */
export function bookWalkIn(input: WalkInInput): BookingResult {
  return guarded('bookWalkIn', EXECUTION_KINDS.panel, (ctx) => bookWalkInUseCase(ctx, input));
}
