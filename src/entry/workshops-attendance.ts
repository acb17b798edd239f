/**
 * Entry points of a session's attendance (B09) and the session screen, in the "Programación
 * Talleres Masivos" spreadsheet, called by the panel through google.script.run.
 */
import { importMeetReport as importUseCase, markAttendance, matchMeetParticipant as matchUseCase, type AttendanceActionResult } from '../app/workshops/attendance';
import { sessionDetail, type SessionDetail } from '../app/workshops/session-view';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { SpreadsheetReportSheets } from '../gas/meet-report';
import { guarded } from './guard';

/** The session screen: emails sent per kind, attendance with sources, the Meet report, the module's running attendance. */
export function getSessionDetail(sessionId: string): SessionDetail {
  return guarded('getSessionDetail', EXECUTION_KINDS.panel, (ctx) => sessionDetail({ ...ctx, reports: new SpreadsheetReportSheets() }, sessionId));
}

/** «Importar reporte de Meet»: the report's link (or ID) pasted by the consultant. */
export function importMeetReport(sessionId: string, link: string): AttendanceActionResult {
  return guarded('importMeetReport', EXECUTION_KINDS.panel, (ctx) => importUseCase({ ...ctx, reports: new SpreadsheetReportSheets() }, sessionId, link));
}

/** «Asignar»: a Meet participant nobody was matched to, given to a registrant. */
export function matchMeetParticipant(sessionId: string, participantKey: string, registrationId: string): AttendanceActionResult {
  return guarded('matchMeetParticipant', EXECUTION_KINDS.panel, (ctx, granted) =>
    matchUseCase({ ...ctx, reports: new SpreadsheetReportSheets() }, sessionId, participantKey, registrationId, granted.email),
  );
}

/** «Presente» / «Ausente» for one registrant, by hand. */
export function markSessionAttendance(sessionId: string, registrationId: string, present: boolean): AttendanceActionResult {
  return guarded('markSessionAttendance', EXECUTION_KINDS.panel, (ctx, granted) => markAttendance(ctx, sessionId, [registrationId], present === true, granted.email));
}

/** «Todos presentes»: every registrant without a hand mark is marked present. */
export function markAllPresent(sessionId: string): AttendanceActionResult {
  return guarded('markAllPresent', EXECUTION_KINDS.panel, (ctx, granted) => markAttendance(ctx, sessionId, 'all', true, granted.email));
}
