/**
 * Entry points of a session's attendance (B09) and the session screen, in the "Programación
 * Talleres Masivos" spreadsheet, called by the panel through google.script.run.
 */
import { importMeetReport as importUseCase, markAttendance, matchMeetParticipant as matchUseCase, type AttendanceActionResult } from '../app/workshops/attendance';
import { sessionDetail, type SessionDetail } from '../app/workshops/session-view';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { SpreadsheetReportSheets } from '../gas/meet-report';
import { ensureSessionClock } from '../app/workshops/session-clock';
import type { Context } from './context';
import { guarded } from './guard';

/**
 * A mark that changed may make someone due for the survey (B08: a person marked present after
 * the session's end gets it then): the session clock is asked to look within a minute.
 */
function wakeClock(ctx: Context, r: AttendanceActionResult): AttendanceActionResult {
  if (r.ok) ensureSessionClock(ctx);
  return r;
}

/** The session screen: emails sent per kind, attendance with sources, the Meet report, the module's running attendance. */
export function getSessionDetail(sessionId: string): SessionDetail {
  return guarded('getSessionDetail', EXECUTION_KINDS.panel, (ctx) => sessionDetail({ ...ctx, reports: new SpreadsheetReportSheets() }, sessionId));
}

/** «Importar reporte de Meet»: the report's link (or ID) pasted by the consultant. */
export function importMeetReport(sessionId: string, link: string): AttendanceActionResult {
  return guarded('importMeetReport', EXECUTION_KINDS.panel, (ctx) => wakeClock(ctx, importUseCase({ ...ctx, reports: new SpreadsheetReportSheets() }, sessionId, link)));
}

/** «Asignar»: a Meet participant nobody was matched to, given to a registrant. */
export function matchMeetParticipant(sessionId: string, participantKey: string, registrationId: string): AttendanceActionResult {
  return guarded('matchMeetParticipant', EXECUTION_KINDS.panel, (ctx, granted) =>
    wakeClock(ctx, matchUseCase({ ...ctx, reports: new SpreadsheetReportSheets() }, sessionId, participantKey, registrationId, granted.email)),
  );
}

/** «Presente» / «Ausente» for one registrant, by hand. */
export function markSessionAttendance(sessionId: string, registrationId: string, present: boolean): AttendanceActionResult {
  return guarded('markSessionAttendance', EXECUTION_KINDS.panel, (ctx, granted) => wakeClock(ctx, markAttendance(ctx, sessionId, [registrationId], present === true, granted.email)));
}

/** «Todos presentes»: every registrant without a hand mark is marked present. */
export function markAllPresent(sessionId: string): AttendanceActionResult {
  return guarded('markAllPresent', EXECUTION_KINDS.panel, (ctx, granted) => wakeClock(ctx, markAttendance(ctx, sessionId, 'all', true, granted.email)));
}
