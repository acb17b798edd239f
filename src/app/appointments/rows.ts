/**
 * The 'Citas' tab's rows ↔ the domain's appointments.
 *
 * Shared by the import (A01), the reminders (A02) and the consultant's day (A03–A07): one place
 * knows that the state machine's `abandonmentEmailStatus` lives in the 'Correo abandono' column,
 * that an appointment's instant is 'Inicio' (or 'Fecha' + 'Hora' when a person typed the row),
 * and how an appointment without a platform code gets its 'ID de cita'.
 */
import { APPOINTMENT_STATUSES, type AppointmentFacts, type AppointmentPatch, type AppointmentStatus, type DeliveryStatus } from '../../domain/appointment';
import { walkInId } from '../../domain/ids';
import type { ImportedAppointment } from '../../domain/import/report';
import { parseCalendarDate, parseClockTime } from '../../domain/import/report';
import { limaDate, limaDateKey, limaParts, limaStartOfDay } from '../../domain/lima-time';
import type { AppointmentKey } from '../../domain/schema';
import type { CellValue, FieldValue, TableRow } from '../../domain/table';

/** One 'Citas' row's values by schema key, as the Table port reads them. */
export type AppointmentRecord = Readonly<Record<AppointmentKey, CellValue>>;
/** Values to write to a 'Citas' row (a RowChange's fields, or a record to append). */
export type AppointmentFields = Partial<Record<AppointmentKey, FieldValue>>;

/**
 * Document property holding the ID of the one-off `runReminders` trigger an import or a walk-in
 * booking asked for (same-day bookings get their reminder at once). The reminders run deletes
 * its trigger and this property; while it is set and the trigger exists, nobody asks again.
 */
export const PENDING_REMINDER_RUN_PROPERTY = 'SOE_PENDING_REMINDER_RUN';

/** A cell as trimmed text ('' for empty; a number written without exponent). */
export function cellString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : v.toISOString();
  return String(v).trim();
}

function validDate(v: unknown): v is Date {
  return v instanceof Date && !isNaN(v.getTime());
}

/**
 * When the appointment is: the 'Inicio' cell the system writes; failing that (a row a person
 * typed or pasted), 'Fecha' + 'Hora' read as Lima wall-clock time. Null when neither is usable.
 */
export function appointmentStart(record: Pick<AppointmentRecord, 'start' | 'date' | 'time'>): Date | null {
  if (validDate(record.start)) return record.start;
  const date = parseCalendarDate(record.date, new Date(0));
  if (!date.ok) return null;
  let time = date.time;
  if (cellString(record.time) !== '' || validDate(record.time)) {
    const t = parseClockTime(record.time);
    if (!t.ok) return null;
    time = t.time;
  }
  if (!time) return null;
  return limaDate(date.date.year, date.date.month, date.date.day, time.hour, time.minute);
}

/** The 'Estado' cell as a status; an empty cell (a row typed by hand) counts as 'Programada'. */
export function appointmentStatus(record: Pick<AppointmentRecord, 'status'>): AppointmentStatus | null {
  const s = cellString(record.status);
  if (s === '') return 'Programada';
  return (APPOINTMENT_STATUSES as readonly string[]).includes(s) ? (s as AppointmentStatus) : null;
}

const DELIVERY: readonly DeliveryStatus[] = ['', 'pendiente', 'enviando', 'enviado', 'error'];

/** A delivery column ('Recordatorio', 'Encuesta', 'Correo abandono' …) as a status; unknown text reads as ''. */
export function deliveryStatus(v: unknown): DeliveryStatus {
  const s = cellString(v).toLowerCase();
  return (DELIVERY as readonly string[]).includes(s) ? (s as DeliveryStatus) : '';
}

/**
 * What the state machine needs from a row; null when the row has no usable date and time or an
 * 'Estado' outside the list (the caller tells the consultant to fix the row).
 */
export function toAppointmentFacts(row: Pick<TableRow<AppointmentKey>, 'record'>): AppointmentFacts | null {
  const r = row.record;
  const start = appointmentStart(r);
  const status = appointmentStatus(r);
  if (!start || !status) return null;
  return {
    status,
    start,
    startedAt: validDate(r.startedAt) ? r.startedAt : null,
    observations: cellString(r.observations),
    abandonmentEmailStatus: deliveryStatus(r.abandonmentEmail),
  };
}

/**
 * A state-machine patch as 'Citas' fields. `abandonedAt` and `cancelledAt` have no column of
 * their own: the Observaciones line the transition adds records them (and 'Actualizado', when
 * `now` is given, says when the row last changed).
 */
export function patchToFields(patch: AppointmentPatch, now?: Date): AppointmentFields {
  const f: AppointmentFields = {};
  if (patch.status !== undefined) f.status = patch.status;
  if (patch.startedAt !== undefined) f.startedAt = patch.startedAt;
  if (patch.endedAt !== undefined) f.endedAt = patch.endedAt;
  if (patch.durationMinutes !== undefined) f.durationMinutes = patch.durationMinutes;
  if (patch.topic !== undefined) f.topic = patch.topic;
  if (patch.notes !== undefined) f.notes = patch.notes;
  if (patch.observations !== undefined) f.observations = patch.observations;
  if (patch.abandonReason !== undefined) f.abandonReason = patch.abandonReason;
  if (patch.surveyStatus !== undefined) f.surveyStatus = patch.surveyStatus;
  if (patch.abandonmentEmailStatus !== undefined) f.abandonmentEmail = patch.abandonmentEmailStatus;
  if (now) f.updatedAt = now;
  return f;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** 'HH:mm' (24 h, Lima) — how the 'Hora' column holds a time. */
export function hhmm(start: Date): string {
  const p = limaParts(start);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** 'Fecha' (the Lima day, at 00:00 Lima), 'Hora' ('HH:mm') and 'Inicio' for an appointment at `start`. */
export function scheduleFields(start: Date): Pick<AppointmentFields, 'date' | 'time' | 'start'> {
  return { date: limaStartOfDay(limaDateKey(start)), time: hhmm(start), start };
}

/**
 * 'ID de cita' of an appointment without a platform code (a walk-in, or a report without a code
 * column): 'P-20261128-0930-' and 12 characters of an HMAC of the document and the Lima minute
 * with the spreadsheet's signing secret (domain/ids.walkInId, app/signing.ts). A retried booking
 * or a re-imported row gets the same ID instead of a second row, and the ID — which travels in the
 * survey link, the audit log and the calendar — carries no document. Rows booked before keep the
 * 'P-…-01234567' IDs they have (an ID is a row's key; a deletion under Ley 29733 removes the DNI
 * from it, personal-data.anonymousAppointmentId).
 */
export function derivedAppointmentId(documentNumber: string, start: Date, secret: string): string {
  return walkInId(secret, documentNumber, start);
}

/** 'ID de cita' of an imported appointment: the platform's code, or the derived ID when it has none. */
export function appointmentIdFor(imported: Pick<ImportedAppointment, 'code' | 'dni' | 'start'>, secret: string): string {
  return imported.code ?? derivedAppointmentId(imported.dni, imported.start, secret);
}

/**
 * The key `reconcileImport` matches a registered row with: its platform code, or
 * `${document}|${yyyy-mm-dd}|${HH:mm}` (what `parseReport` builds for a report without codes).
 */
export function reconcileKeyOf(record: AppointmentRecord, start: Date): string {
  const code = cellString(record.platformCode);
  if (code !== '') return code.replace(/\s+/g, '').toUpperCase();
  return `${cellString(record.dni)}|${limaDateKey(start)}|${hhmm(start)}`;
}
