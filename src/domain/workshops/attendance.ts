/**
 * Attendance of a session (B09), merged from three sources into one mark per registration and
 * session: the check-in form ('Formulario'), the report Google Meet writes to Drive ('Reporte de
 * Meet') and a person in the panel ('Manual').
 *
 * The rules, so that no order of arrival changes the outcome and nothing is doubled:
 * - Each source keeps its own evidence (first check-in time; minutes in the call and the name
 *   shown in Meet). A second check-in keeps the first time; importing a Meet report again
 *   replaces the Meet evidence (its minutes already add up reconnections), it never adds to it.
 * - Without a hand mark, a person is present when ANY automatic source says so: a check-in
 *   inside the window, or at least the minimum minutes in the call. 'Fuente' names the source
 *   that made the verdict (the first one that did; an absent verdict names the last evidence).
 * - A hand mark ('Manual') decides, and no automatic source ever overwrites it. When later
 *   evidence disagrees with it, the merge says so (`disagrees`) so the panel can show it for a
 *   person to decide — never silently.
 */
import type { AttendanceSource } from '../schema';

/** The merged mark of one person in one session (the 'Asistencia' row's verdict and evidence). */
export interface AttendanceMark {
  present: boolean;
  source: AttendanceSource;
  /** First check-in through the form inside the window; null when none. */
  checkinAt: Date | null;
  /** Minutes in the call from the latest Meet report (reconnections added); null when none. */
  meetMinutes: number | null;
  /** The name the person used in Meet (a nickname is matched by hand). */
  meetName: string;
  /** Who marked by hand (email), '' otherwise. */
  markedBy: string;
}

export type AttendanceEvidence =
  | { source: 'Formulario'; at: Date }
  | { source: 'Reporte de Meet'; minutes: number; name: string; minMinutes: number }
  | { source: 'Manual'; present: boolean; by: string };

export interface AttendanceMerge {
  mark: AttendanceMark;
  /** False when the row would be written unchanged (nothing to write, nothing to audit). */
  changed: boolean;
  /** True when a hand mark stands against evidence that says the opposite. */
  disagrees: boolean;
}

/** The row ID: one row per session and registration, whatever the sources. */
export function attendanceId(sessionId: string, registrationId: string): string {
  return `${sessionId}/${registrationId}`;
}

function same(a: AttendanceMark | null, b: AttendanceMark): boolean {
  return (
    !!a &&
    a.present === b.present &&
    a.source === b.source &&
    (a.checkinAt?.getTime() ?? null) === (b.checkinAt?.getTime() ?? null) &&
    a.meetMinutes === b.meetMinutes &&
    a.meetName === b.meetName &&
    a.markedBy === b.markedBy
  );
}

/**
 * Applies one piece of evidence to the current mark (null: no row yet). `minMinutes` of the
 * Meet evidence is the setting at the time of the import.
 */
export function mergeAttendance(current: AttendanceMark | null, e: AttendanceEvidence): AttendanceMerge {
  const base: AttendanceMark = current ?? { present: false, source: e.source, checkinAt: null, meetMinutes: null, meetName: '', markedBy: '' };
  const next: AttendanceMark = { ...base };

  if (e.source === 'Manual') {
    next.present = e.present;
    next.source = 'Manual';
    next.markedBy = e.by;
    // Only evidence that affirms presence can contradict "absent"; a short Meet stay is no proof of absence.
    return { mark: next, changed: !same(current, next), disagrees: !e.present && base.checkinAt !== null };
  }

  if (e.source === 'Formulario') {
    if (!next.checkinAt || e.at.getTime() < next.checkinAt.getTime()) next.checkinAt = e.at;
  } else {
    next.meetMinutes = Math.max(0, Math.round(e.minutes));
    next.meetName = e.name;
  }
  const meetEnough = e.source === 'Reporte de Meet' && (next.meetMinutes ?? 0) >= e.minMinutes;
  const says = e.source === 'Formulario' || next.checkinAt !== null || meetEnough;

  if (current && current.source === 'Manual') {
    // The hand mark stands; say so when the new evidence says the opposite.
    return { mark: next, changed: !same(current, next), disagrees: says !== current.present };
  }

  next.present = says;
  if (says && current?.present) next.source = current.source; // the source that first made the verdict stays
  else if (says) next.source = e.source === 'Reporte de Meet' && !meetEnough ? 'Formulario' : e.source;
  else next.source = e.source;
  return { mark: next, changed: !same(current, next), disagrees: false };
}
