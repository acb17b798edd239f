/**
 * Rights of rectification and deletion (Ley N.° 29733, arts. 20 and 21; D.S. 016-2024-JUS) for
 * one person of "Atenciones Virtuales – Centro de Empleo", by DNI.
 *
 * Correct: name, email or phone validated, then written on every 'Citas' row of the DNI under the
 * script lock (one read, one batched update). Reminders already sent are not sent again.
 *
 * Delete: refused while the person has an appointment still to happen (today or later, not yet
 * closed); otherwise, under the lock, the person's survey responses are deleted from the form,
 * their 'Citas' rows anonymised (IDs, dates, statuses, durations and scores stay for the
 * statistics), the detail of 'Revisión' items about them replaced by a note, and every mention of
 * their DNI, email, phone or name in the audit lines about them replaced by '[dato eliminado]'.
 * One audit line records the deletion by appointment IDs, never by DNI. Running it again finds
 * nothing and changes nothing.
 */
import { isOpenStatus } from '../../domain/appointment';
import { limaDateKey } from '../../domain/lima-time';
import { PERSONAL_DATA_AUDIT as A, PERSONAL_DATA_MESSAGES as M } from '../../domain/messages/personal-data';
import {
  anonymisedAppointmentFields,
  anonymousAppointmentId,
  checkCorrection,
  CORRECTION_KEYS,
  parseDniInput,
  replaceIds,
  type CorrectionKey,
} from '../../domain/personal-data';
import { APPOINTMENTS_TAB, AUDIT_TAB, REVIEW_TAB, type AppointmentKey, type AuditKey, type ReviewKey } from '../../domain/schema';
import type { FieldValue } from '../../domain/table';
import { LockBusyError, type RowChange, type RowNumberChange } from '../../ports';
import { appointmentStart, appointmentStatus, cellString } from '../appointments/rows';
import { gatherPersonData, lookupResult, type HeldData, type PersonDataDeps } from './lookup';
import type { PersonChangeResult } from './types';

function refuse(message: string): PersonChangeResult {
  return { ok: false, message, changed: 0 };
}

/** The lock could not be had in time: the person is told to try again, nothing was written. */
function underLock(deps: PersonDataDeps, fn: () => PersonChangeResult): PersonChangeResult {
  try {
    return deps.lock.withLock(fn);
  } catch (e) {
    if (e instanceof LockBusyError) return refuse(e.message);
    throw e;
  }
}

// ---------------------------------------------------------------------------- correction

/** Corrects name, email or phone on every 'Citas' row of the DNI (absent fields unchanged). */
export function correctPersonData(deps: PersonDataDeps, rawDni: unknown, correction: unknown): PersonChangeResult {
  const input = parseDniInput(rawDni);
  if (!input.ok) return refuse(input.message);
  const check = checkCorrection(correction);
  if (!check.ok) return refuse(check.message);
  const dni = input.dni;
  const wanted = check.fields;

  return underLock(deps, () => {
    const gathered = gatherPersonData(deps, dni, true);
    if (!gathered.ok) return refuse(gathered.message);
    const rows = gathered.held.appointments;
    if (rows.length === 0) return { ...refuse(M.nothingToCorrect(dni)), lookup: lookupResult(gathered.held) };

    const now = deps.clock.now();
    const changedKeys = new Set<CorrectionKey>();
    const changes: RowChange<AppointmentKey>[] = [];
    for (const row of rows) {
      const fields: Partial<Record<AppointmentKey, FieldValue>> = {};
      for (const key of CORRECTION_KEYS) {
        const value = wanted[key];
        if (value === undefined || cellString(row.record[key]) === value) continue;
        fields[key] = value;
        changedKeys.add(key);
      }
      if (Object.keys(fields).length) changes.push({ id: row.id, fields: { ...fields, updatedAt: now } });
    }
    if (changes.length === 0) return { ok: true, message: M.correctionUnchanged(dni), changed: 0, lookup: lookupResult(gathered.held) };

    const result = deps.workbooks.current().table(APPOINTMENTS_TAB).update(changes, { mode: 'span' });
    const names = CORRECTION_KEYS.filter((k) => changedKeys.has(k)).map((k) => M.fieldNames[k]);
    deps.audit.record({
      action: A.corrected,
      target: result.updated.join(', '),
      result: 'Correcto',
      // The DNI names whose request this was (see lookup.ts); the new values are not logged.
      detail: M.correctedAudit(dni, names, result.updated.length),
    });
    const after = gatherPersonData(deps, dni, false);
    return {
      ok: true,
      message: M.corrected(dni, names, result.updated.length),
      changed: result.updated.length,
      ...(after.ok ? { lookup: lookupResult(after.held) } : {}),
    };
  });
}

// ---------------------------------------------------------------------------- deletion

/** An appointment of the person still to happen: today or later, not yet attended, abandoned or cancelled. */
function activeAppointment(held: HeldData, now: Date): { id: string; start: Date; status: string } | null {
  const today = limaDateKey(now);
  for (const row of held.appointments) {
    const status = appointmentStatus(row.record);
    const start = appointmentStart(row.record);
    if (status && start && isOpenStatus(status) && limaDateKey(start) >= today) return { id: row.id, start, status };
  }
  return null;
}

/** Anonymises every record of the DNI; `confirmation` must repeat the DNI. */
export function deletePersonData(deps: PersonDataDeps, rawDni: unknown, confirmation: unknown): PersonChangeResult {
  const input = parseDniInput(rawDni);
  if (!input.ok) return refuse(input.message);
  const dni = input.dni;
  const confirmed = parseDniInput(confirmation);
  if (!confirmed.ok || confirmed.dni !== dni) return refuse(M.confirmationMismatch(dni));

  return underLock(deps, () => {
    const gathered = gatherPersonData(deps, dni, true);
    if (!gathered.ok) return refuse(gathered.message);
    const held = gathered.held;
    const found = held.appointments.length + held.review.length + held.responses.length + held.audit.length;
    if (found === 0) return { ok: true, message: M.nothingToDelete(dni), changed: 0, lookup: lookupResult(held) };

    const now = deps.clock.now();
    const active = activeAppointment(held, now);
    if (active) return { ...refuse(M.activeAppointment(dni, active.id, active.start, active.status)), lookup: lookupResult(held) };

    // 1. The survey responses, first: if the form refuses, nothing in the sheets has changed yet
    //    and the consultant can simply try again (the rows still lead to the responses).
    let responsesDeleted = 0;
    if (held.formId !== '') {
      for (const responseId of held.responseIds) {
        try {
          if (deps.forms.deleteResponse(held.formId, responseId)) responsesDeleted++;
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          deps.audit.record({ action: A.deleteFailed, target: held.appointments.map((r) => r.id).join(', '), result: 'Error', detail: why });
          return refuse(M.surveyDeleteFailed(why));
        }
      }
    }

    const book = deps.workbooks.current();
    // 2. 'Citas', planned now and written last: the DNI on those rows is what finds the person,
    //    so until they are anonymised a retry after any failure finds everything again (a
    //    crash sweep showed a retry finding nothing once the rows were done first, leaving
    //    her email in the audit log). An ID made of the DNI (a walk-in's) gets one without it.
    const citas = book.table(APPOINTMENTS_TAB);
    const taken = new Set(citas.read().rows.map((r) => r.id));
    const renamed = new Map<string, string>();
    const observation = M.deletedObservation(now);
    const appointmentChanges: RowChange<AppointmentKey>[] = held.appointments.map((row) => {
      const fields = anonymisedAppointmentFields(row.record, observation, now);
      const newId = anonymousAppointmentId(row.id, dni, taken);
      if (newId !== row.id) {
        taken.add(newId);
        renamed.set(row.id, newId);
        fields.id = newId;
      }
      return { id: row.id, fields };
    });

    // 3. 'Revisión': the detail of items about the person gives way to a note.
    const note = M.deletedReviewDetail(now);
    const reviewChanges: RowChange<ReviewKey>[] = [];
    for (const row of held.review) {
      const reference = cellString(row.record.reference);
      const fields: Partial<Record<ReviewKey, FieldValue>> = {};
      if (cellString(row.record.detail) !== note) fields.detail = note;
      const newReference = held.matcher.redact(replaceIds(reference, renamed));
      if (newReference !== reference) fields.reference = newReference;
      if (Object.keys(fields).length) reviewChanges.push({ id: row.id, fields });
    }
    const reviewRedacted = reviewChanges.length ? book.table(REVIEW_TAB).update(reviewChanges, { mode: 'span' }).updated.length : 0;

    // 4. The audit lines about the person keep what was done, without who it was done for.
    const auditChanges: RowNumberChange<AuditKey>[] = [];
    for (const row of held.audit) {
      const fields: Partial<Record<AuditKey, FieldValue>> = {};
      for (const key of ['target', 'detail'] as const) {
        const before = cellString(row.record[key]);
        const after = held.matcher.redact(replaceIds(before, renamed));
        if (after !== before) fields[key] = after;
      }
      if (Object.keys(fields).length) auditChanges.push({ rowNumber: row.rowNumber, fields });
    }
    const auditRedacted = auditChanges.length ? book.table(AUDIT_TAB).updateByRowNumber(auditChanges).updated : 0;

    // 5. Last, the rows that lead to her.
    const anonymised = appointmentChanges.length ? citas.update(appointmentChanges, { mode: 'span' }).updated.length : 0;

    const counts = { appointments: anonymised, review: reviewRedacted, responses: responsesDeleted, audit: auditRedacted };
    const ids = held.appointments.map((r) => renamed.get(r.id) ?? r.id);
    // By appointment IDs only: this line must not name the person whose data it says is gone.
    deps.audit.record({ action: A.deleted, target: ids.join(', '), result: 'Correcto', detail: M.deletedAudit(counts) });

    const after = gatherPersonData(deps, dni, false);
    return {
      ok: true,
      message: M.deleted(dni, counts),
      changed: anonymised + reviewRedacted + responsesDeleted + auditRedacted,
      ...(after.ok ? { lookup: lookupResult(after.held) } : {}),
    };
  });
}
