/**
 * The DiagnosticsProbe port over Apps Script (the only code touching services for «Diagnóstico»
 * beyond the ports it shares with the rest of the product — a form's responder access is the
 * Forms port's): a temporary sheet for the plain-text round trip, the script's time zone, a test
 * event with a Meet conference on the primary calendar, the authorization the person granted,
 * and the report tab. Whatever it makes it deletes before returning, failure or not.
 */
import type { Authorization, MeetTrial, Observed, PlainTextSample } from '../domain/diagnostics';
import type { DiagnosticsProbe, MeetTrialRequest } from '../ports';

/** Temporary sheets of the plain-text check start with this; leftovers of a killed run are removed on the next one. */
export const TEMP_SHEET_PREFIX = 'Diagnóstico temporal ';

const CALENDAR_ID = 'primary';
const TIME_ZONE = 'America/Lima';
/** How long to wait before looking again at a conference Meet reports as 'pending'. */
const PENDING_WAIT_MS = 2000;

/** getAuthorizedScopes is in the current reference; @types/google-apps-script 2.0.13 does not declare it yet. */
type AuthorizationInfoNow = GoogleAppsScript.Script.AuthorizationInfo & { getAuthorizedScopes?(): string[] | null };
type Event = GoogleAppsScript.Calendar.Schema.Event;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function calendar(): GoogleAppsScript.Calendar {
  if (typeof Calendar === 'undefined' || !Calendar) {
    throw new Error('el servicio avanzado Calendar no está habilitado (appsscript.json, enabledAdvancedServices)');
  }
  return Calendar;
}

function conferenceOf(ev: Event): { status: string | null; url: string | null } {
  const video = (ev.conferenceData?.entryPoints ?? []).find((p) => p.entryPointType === 'video');
  return {
    status: ev.conferenceData?.createRequest?.status?.statusCode ?? null,
    url: ev.hangoutLink ?? video?.uri ?? null,
  };
}

export class GasDiagnosticsProbe implements DiagnosticsProbe {
  plainTextRoundTrip(samples: readonly string[]): PlainTextSample[] {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    for (const sheet of ss.getSheets()) {
      if (sheet.getName().startsWith(TEMP_SHEET_PREFIX)) ss.deleteSheet(sheet);
    }
    const sheet = ss.insertSheet(TEMP_SHEET_PREFIX + Utilities.getUuid().slice(0, 8));
    try {
      const range = sheet.getRange(1, 1, samples.length, 1);
      range.setNumberFormat('@');
      range.setValues(samples.map((s) => [s]));
      SpreadsheetApp.flush();
      const values = range.getValues();
      const formulas = range.getFormulas();
      return samples.map((written, i) => ({ written, value: values[i][0], formula: String(formulas[i][0] ?? '') }));
    } finally {
      ss.deleteSheet(sheet);
    }
  }

  scriptTimeZone(): string {
    return Session.getScriptTimeZone();
  }

  meetTrial(req: MeetTrialRequest): MeetTrial {
    const cal = calendar();
    const resource: Event = {
      summary: req.title,
      description: req.description,
      start: { dateTime: req.start.toISOString(), timeZone: TIME_ZONE },
      end: { dateTime: req.end.toISOString(), timeZone: TIME_ZONE },
      // No ID of ours: Calendar never lets a deleted event's ID be used again.
      conferenceData: { createRequest: { requestId: Utilities.getUuid(), conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    };
    const ev = cal.Events!.insert(resource, CALENDAR_ID, { conferenceDataVersion: 1, sendUpdates: 'none' });
    const id = String(ev.id ?? '');
    let conference = conferenceOf(ev);
    let removed: Observed<true> = { ok: false, error: 'no se intentó borrar' };
    try {
      if (conference.status === 'pending') {
        Utilities.sleep(PENDING_WAIT_MS);
        conference = conferenceOf(cal.Events!.get(CALENDAR_ID, id));
      }
    } finally {
      try {
        cal.Events!.remove(CALENDAR_ID, id, { sendUpdates: 'none' });
        removed = { ok: true, value: true };
      } catch (e) {
        removed = { ok: false, error: message(e) };
      }
    }
    return { conferenceStatus: conference.status, meetUrl: conference.url, removed };
  }

  authorization(): Authorization {
    const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL) as AuthorizationInfoNow;
    const scopes = typeof info.getAuthorizedScopes === 'function' ? info.getAuthorizedScopes() : null;
    return { status: String(info.getAuthorizationStatus()), authorizedScopes: scopes ? scopes.map(String) : null };
  }

  showReport(tab: string, rows: readonly (readonly string[])[]): void {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheetByName(tab) ?? ss.insertSheet(tab);
    sheet.clear();
    const width = Math.max(...rows.map((r) => r.length));
    const cells = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
    // Text format first: a detail quoting Google's error message must never become a formula.
    sheet.getRange(1, 1, cells.length, width).setNumberFormat('@').setValues(cells);
    sheet.getRange(1, 1, 1, width).setFontWeight('bold');
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(1, 260);
    sheet.setColumnWidth(2, 90);
    sheet.setColumnWidth(3, 640);
    sheet.setColumnWidth(4, 160);
    ss.setActiveSheet(sheet);
  }
}
