/**
 * A walk-in booked from the panel (A01: "or at the central office, where a consultant books it
 * for them").
 *
 * Every field is checked with the domain's validators and refused with a Spanish message per
 * field. A slot — the same minute with the same consultant — is never booked twice: the check
 * and the append happen under the script lock, so of two consultants booking the same slot at
 * the same moment one gets the booking and the other a clear refusal. The 'ID de cita' is derived
 * from the document and the minute, signed with the spreadsheet's secret (rows.derivedAppointmentId),
 * so a retried call (a double click, a lost answer) finds its own row instead of adding a second
 * one, and the ID carries no document.
 */
import { loadSettings } from '../team';
import { reinstateAppointment } from '../../domain/appointment';
import { parseCalendarDate, parseClockTime } from '../../domain/import/report';
import { formatLimaDateTime, limaDate, limaDateKey } from '../../domain/lima-time';
import { IMPORT_AUDIT as A, WALK_IN_MESSAGES as M, type WalkInField } from '../../domain/messages/import';
import { APPOINTMENTS_TAB, headerKey, SETTINGS_TAB } from '../../domain/schema';
import { cleanText } from '../../domain/text';
import { MissingColumnError } from '../../domain/table';
import { DOCUMENT_TYPE_MESSAGES, NAME_MESSAGES } from '../../domain/messages/validation';
import { checkPersonName, documentTypeOf, normaliseDocumentNumber, normaliseEmail, normalisePeruMobile } from '../../domain/validation';
import { LockBusyError, type AuditLog, type Clock, type KeyValueStore, type Lock, type Scheduler, type Session, type Workbooks } from '../../ports';
import { type Consultant } from '../settings';
import { signingSecret } from '../signing';
import { needsImmediateReminder, requestImmediateReminderRun } from './import';
import { appointmentStart, appointmentStatus, cellString, derivedAppointmentId, hhmm, patchToFields, scheduleFields, toAppointmentFacts, type AppointmentFields } from './rows';

export type { WalkInField };

/** What the panel's walk-in form sends. */
export interface WalkInInput {
  /** 'DNI' (default), 'CE', 'Pasaporte', 'PTP', 'CPP'. */
  documentType?: string;
  /** The document number (8 digits for a DNI, kept as text with its leading zeros). */
  dni: string;
  fullName: string;
  email: string;
  /** Peruvian mobile; optional. */
  phone?: string;
  /** 'yyyy-mm-dd' (an HTML date input) or 'dd/mm/aaaa'. */
  date: string;
  /** 'HH:mm' (an HTML time input) or '3:30 p. m.'. Lima time. */
  time: string;
  /** Name or email of the consultant; empty = the person using the panel. */
  consultant?: string;
  service?: string;
}

export type BookingResult =
  | {
      ok: true;
      id: string;
      message: string;
      /** 'yyyy-mm-dd' and 'HH:mm', Lima (google.script.run cannot carry a Date). */
      date: string;
      time: string;
      /** 'viernes 28 de noviembre de 2026, 9:30 a. m.' */
      when: string;
      consultant: string;
      /** The same booking already existed (a retry): nothing was added. */
      alreadyBooked: boolean;
      /** It existed as 'Cancelada' and was booked again. */
      reinstated: boolean;
      reminderRunRequested: boolean;
    }
  | { ok: false; message: string; fieldErrors: Partial<Record<WalkInField, string>> };

export interface BookingDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  scheduler: Scheduler;
  lock: Lock;
  clock: Clock;
  session: Session;
  audit: AuditLog;
}

/** How far ahead the panel books (the platform's own agenda is opened weeks, not months, ahead). */
export const MAX_DAYS_AHEAD = 120;

interface ValidBooking {
  documentType: string;
  dni: string;
  fullName: string;
  email: string;
  phone: string;
  start: Date;
  consultant: string;
  service: string;
}

/** The consultant as rows name them: for a known email, the name «Configuración» gives it; else as given. */
export function consultantName(given: string, consultants: readonly Consultant[]): string {
  const text = cleanText(given, 200);
  if (text.includes('@')) {
    const c = consultants.find((x) => x.email === text.toLowerCase());
    return c && c.name ? c.name : text.toLowerCase();
  }
  return text;
}

function sameConsultant(a: string, b: string, consultants: readonly Consultant[]): boolean {
  const x = headerKey(consultantName(a, consultants));
  return x !== '' && x === headerKey(consultantName(b, consultants));
}

/** Checks the form; every field with a problem gets its own message. */
export function validateWalkIn(
  input: Partial<WalkInInput>,
  now: Date,
  defaultConsultant: string,
  consultants: readonly Consultant[],
): { ok: true; booking: ValidBooking } | { ok: false; fieldErrors: Partial<Record<WalkInField, string>> } {
  const errors: Partial<Record<WalkInField, string>> = {};
  const documentType = documentTypeOf(typeof input.documentType === 'string' ? input.documentType : '');
  const docText = cleanText(input.dni ?? '', 40);
  let dni = '';
  if (documentType === null) {
    errors.documentType = DOCUMENT_TYPE_MESSAGES.unknown;
  } else if (documentType === 'DNI') {
    if (docText === '') errors.dni = M.dniMissing;
    else dni = normaliseDocumentNumber('DNI', docText) ?? ((errors.dni = M.dniInvalid), '');
  } else {
    if (docText.replace(/[\s.\-]/g, '') === '') errors.dni = M.documentMissing;
    else dni = normaliseDocumentNumber(documentType, docText) ?? ((errors.dni = M.documentInvalid), '');
  }

  // One rule for names (validation.ts), as the import and the correction apply it.
  const name = checkPersonName(input.fullName ?? '');
  const fullName = name.ok ? name.name : '';
  if (!name.ok) errors.fullName = name.problem === 'missing' ? M.nameMissing : name.problem === 'tooLong' ? M.nameTooLong : NAME_MESSAGES.invalid;

  const emailText = cleanText(input.email ?? '', 254);
  const email = normaliseEmail(emailText);
  if (emailText === '') errors.email = M.emailMissing;
  else if (!email) errors.email = M.emailInvalid;

  const phoneText = cleanText(input.phone ?? '', 60);
  let phone = '';
  if (phoneText !== '') phone = normalisePeruMobile(phoneText) ?? ((errors.phone = M.phoneInvalid), '');

  let start: Date | null = null;
  const dateText = cleanText(input.date ?? '', 40);
  const timeText = cleanText(input.time ?? '', 40);
  const d = dateText === '' ? null : parseCalendarDate(dateText, now);
  if (!d) errors.date = M.dateMissing;
  else if (!d.ok) errors.date = M.dateInvalid;
  const t = timeText === '' ? null : parseClockTime(timeText);
  if (!t) errors.time = M.timeMissing;
  else if (!t.ok) errors.time = M.timeInvalid;
  if (d && d.ok && t && t.ok) {
    start = limaDate(d.date.year, d.date.month, d.date.day, t.time.hour, t.time.minute);
    if (start.getTime() <= now.getTime()) errors.time = M.past;
    else if (start.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) errors.date = M.tooFar(MAX_DAYS_AHEAD);
  }

  const consultant = consultantName(cleanText(input.consultant ?? '', 200) || defaultConsultant, consultants);
  if (consultant === '') errors.consultant = M.consultantMissing;

  if (Object.keys(errors).length > 0 || !start || !email || documentType === null) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    booking: { documentType, dni, fullName, email, phone, start, consultant, service: cleanText(input.service ?? '', 200) },
  };
}

function refusal(message: string, fieldErrors: Partial<Record<WalkInField, string>> = {}): BookingResult {
  return { ok: false, message, fieldErrors };
}

export function bookWalkIn(deps: BookingDeps, input: Partial<WalkInInput>): BookingResult {
  const workbook = deps.workbooks.current();
  const { settings } = loadSettings(workbook.table(SETTINGS_TAB), deps.properties);
  const now = deps.clock.now();
  const checked = validateWalkIn(input ?? {}, now, deps.session.userEmail(), settings.consultants);
  if (!checked.ok) return refusal(M.invalidForm, checked.fieldErrors);
  const b = checked.booking;
  try {
    // The ID is signed with the spreadsheet's secret, made (once) under the lock.
    return deps.lock.withLock(() => book(deps, b, derivedAppointmentId(b.dni, b.start, signingSecret(deps.properties)), settings.consultants, settings.reminderHour));
  } catch (e) {
    if (e instanceof LockBusyError) {
      // No ID yet (it is made under the lock): the audit line names the slot, never the document.
      deps.audit.record({ action: A.walkInRefused, target: formatLimaDateTime(b.start), result: 'Sin efecto', detail: M.lockBusy });
      return refusal(M.lockBusy);
    }
    if (e instanceof MissingColumnError) return refusal(e.message);
    throw e;
  }
}

function book(deps: BookingDeps, b: ValidBooking, id: string, consultants: readonly Consultant[], reminderHour: number): BookingResult {
  const now = deps.clock.now();
  const table = deps.workbooks.current().table(APPOINTMENTS_TAB);
  const rows = table.read().rows;
  const minute = Math.floor(b.start.getTime() / 60_000);
  const when = formatLimaDateTime(b.start);
  const ok = (message: string, alreadyBooked: boolean, reinstated: boolean, reminderRunRequested: boolean): BookingResult => ({
    ok: true,
    id,
    message: reminderRunRequested ? `${message} ${M.reminderSoon}` : message,
    date: limaDateKey(b.start),
    time: hhmm(b.start),
    when,
    consultant: b.consultant,
    alreadyBooked,
    reinstated,
    reminderRunRequested,
  });

  let cancelledOwnRow: (typeof rows)[number] | null = null;
  for (const row of rows) {
    const start = appointmentStart(row.record);
    const status = appointmentStatus(row.record);
    if (row.id === id && status === 'Cancelada') {
      cancelledOwnRow = row;
      continue;
    }
    if (!start || Math.floor(start.getTime() / 60_000) !== minute || status === 'Cancelada') continue;
    const consultant = cellString(row.record.consultant);
    if (row.id === id || cellString(row.record.dni) === b.dni) {
      if (row.id === id && sameConsultant(consultant, b.consultant, consultants)) return ok(M.alreadyBooked(b.start, b.consultant), true, false, false);
      return refuse(deps, id, M.personBusy(b.start), { time: M.personBusy(b.start) });
    }
    if (sameConsultant(consultant, b.consultant, consultants)) {
      return refuse(deps, id, M.slotTaken(b.start, b.consultant), { time: M.slotTaken(b.start, b.consultant) });
    }
  }

  const fields: AppointmentFields = {
    documentType: b.documentType,
    dni: b.dni,
    fullName: b.fullName,
    email: b.email,
    phone: b.phone,
    ...scheduleFields(b.start),
    consultant: b.consultant,
    service: b.service,
    updatedAt: now,
  };
  let reinstated = false;
  if (cancelledOwnRow) {
    const facts = toAppointmentFacts(cancelledOwnRow);
    const r = facts ? reinstateAppointment({ ...facts, start: b.start }, now) : null;
    if (!r || !r.ok) return refuse(deps, id, r && !r.ok ? r.message : M.personBusy(b.start), {});
    table.update([{ id, fields: { ...fields, ...patchToFields(r.patch), reminderStatus: '', reminderSentAt: '' } }]);
    reinstated = true;
  } else {
    table.append([{ id, platformCode: '', ...fields, status: 'Programada', reminderStatus: '', origin: 'Sidebar', importedAt: now }]);
  }
  deps.audit.record({ action: A.walkIn, target: id, result: 'Correcto', detail: `${when} · ${b.consultant}` });

  let reminderRunRequested = false;
  if (needsImmediateReminder(b.start, now, reminderHour)) {
    reminderRunRequested = requestImmediateReminderRun(deps, A.reminderRunDetail) !== 'failed';
  }
  return ok(reinstated ? M.reinstated(b.start, b.consultant) : M.booked(b.start, b.consultant), false, reinstated, reminderRunRequested);
}

function refuse(deps: BookingDeps, id: string, message: string, fieldErrors: Partial<Record<WalkInField, string>>): BookingResult {
  deps.audit.record({ action: A.walkInRefused, target: id, result: 'Sin efecto', detail: message });
  return refusal(message, fieldErrors);
}
