/**
 * Google Meet's attendance report, as Google writes it after a meeting with attendance tracking
 * on (support.google.com/meet/answer/10090454, "Track attendance"): a Google Sheet owned by the
 * meeting's organizer, in their Drive, linked from the Calendar event (here: an `attachments`
 * entry of the event resource, as the Calendar API shows files attached to an event), one row per
 * connection — a person who leaves and joins again has several rows.
 *
 * Google's pages describe the content (names, email, duration, times joined and left) but do not
 * print the column headers; the texts used are the ones organizers report, in the organizer's
 * language (`language`): English «First name, Last name, Email, Duration, Time joined, Time exited»
 * and Spanish «Nombre, Apellidos, Correo electrónico, Duración, Hora de entrada, Hora de salida».
 * The file name carries the meeting code ('<title> (abc-defg-hij) - Attendance report'). Both
 * are assumptions, written down in docs/emulator.md («Meet: attendance report»).
 */
import type { WorkspaceState } from '../../core/state';
import { calendarStore, type EventResource } from '../calendar/store';
import { sheetsStore } from '../sheets';

/** One connection of a participant: when they joined and left (Date, epoch ms, or an ISO time with offset). */
export interface MeetConnection {
  joined: Date | number | string;
  exited: Date | number | string;
}

export interface MeetReportParticipant {
  firstName: string;
  lastName?: string;
  /** '' or absent: a guest who joined without a Google account (a nickname). */
  email?: string;
  /** One per connection (reconnections: several). */
  connections: MeetConnection[];
}

export interface MeetReportOptions {
  /** The organizer's language: the report's headers and texts. Default 'es'. */
  language?: 'es' | 'en';
  /** File name instead of the default '<event title> (<code>) - Informe de asistencia'. */
  name?: string;
}

export const MEET_REPORT_LAYOUT = {
  en: { headers: ['First name', 'Last name', 'Email', 'Duration', 'Time joined', 'Time exited'], suffix: 'Attendance report', locale: 'en_US', hours: 'hr' },
  es: { headers: ['Nombre', 'Apellidos', 'Correo electrónico', 'Duración', 'Hora de entrada', 'Hora de salida'], suffix: 'Informe de asistencia', locale: 'es_PE', hours: 'h' },
} as const;

function ms(v: Date | number | string): number {
  const t = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v);
  if (!isFinite(t)) throw new Error(`not a time: ${String(v)}`);
  return t;
}

/** '1 hr 5 min' / '1 h 5 min' / '45 min' / '0 min'. */
export function durationText(minutes: number, language: 'es' | 'en'): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return h > 0 ? `${h} ${MEET_REPORT_LAYOUT[language].hours} ${rest} min` : `${rest} min`;
}

function findEvent(state: WorkspaceState, eventId: string): { calendarId: string; resource: EventResource } {
  const store = calendarStore(state);
  for (const [calendarId, events] of Object.entries(store.calendars)) {
    const e = events[eventId];
    if (e) return { calendarId, resource: e.resource };
  }
  throw new Error(`no calendar event ${eventId}`);
}

/**
 * Writes the report of the event's meeting as its organizer's spreadsheet and links it from the
 * event. Returns the spreadsheet's ID and URL.
 */
export function writeAttendanceReport(
  state: WorkspaceState,
  eventId: string,
  participants: readonly MeetReportParticipant[],
  opts: MeetReportOptions = {},
): { spreadsheetId: string; url: string; name: string } {
  const language = opts.language ?? 'es';
  const layout = MEET_REPORT_LAYOUT[language];
  const { resource } = findEvent(state, eventId);
  const code = String(resource.conferenceData?.conferenceId ?? '');
  const name = opts.name ?? `${resource.summary ?? 'Reunión'}${code ? ` (${code})` : ''} - ${layout.suffix}`;
  const sheets = sheetsStore(state);
  const rows: unknown[][] = [[...layout.headers]];
  for (const p of participants) {
    for (const c of p.connections) {
      const a = ms(c.joined);
      const b = ms(c.exited);
      rows.push([p.firstName, p.lastName ?? '', p.email ?? '', durationText((b - a) / 60000, language), new Date(a), new Date(b)]);
    }
  }
  const id = sheets.createSpreadsheet(name, resource.organizer.email, { locale: layout.locale, rows: Math.max(1000, rows.length), columns: 26 });
  const sheetName = sheets.sheetNames(id)[0];
  sheets.enterValues(id, sheetName, 1, 1, rows);
  const url = `https://docs.google.com/spreadsheets/d/${id}/edit`;
  const attachments = Array.isArray(resource.attachments) ? (resource.attachments as unknown[]) : [];
  resource.attachments = [...attachments, { fileUrl: url, title: name, mimeType: 'application/vnd.google-apps.spreadsheet', fileId: id }];
  return { spreadsheetId: id, url, name };
}
