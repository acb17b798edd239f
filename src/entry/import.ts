/**
 * Entry points of the import area (issue 3, A01). Each export becomes a top-level function of
 * dist/Code.js, called by the panel through google.script.run; a script can call
 * `importReport(fileName, base64)` the same way (e.g. `ws.callFromSidebar` in the emulator).
 */
import { bookWalkIn as bookWalkInUseCase, type BookingResult, type WalkInInput } from '../app/appointments/booking';
import { importReport as importReportUseCase, type ImportResult } from '../app/appointments/import';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { UtilitiesFiles } from '../gas/files';
import { guarded } from './guard';

/** Imports the platform's report of booked appointments: the file's name and its bytes in base64. */
export function importReport(fileName: string, base64: string): ImportResult {
  return guarded('importReport', EXECUTION_KINDS.panel, (ctx) => importReportUseCase({ ...ctx, files: new UtilitiesFiles() }, fileName, base64));
}

/** Books a walk-in from the panel; a slot (date, time, consultant) is never booked twice. */
export function bookWalkIn(input: WalkInInput): BookingResult {
  return guarded('bookWalkIn', EXECUTION_KINDS.panel, (ctx) => bookWalkInUseCase(ctx, input));
}
