/**
 * Retention of personal data (Ley N.° 29733: data kept only as long as the purpose needs it),
 * run at the end of the day closing (A07).
 *
 * When 'Meses de conservación de datos personales' holds a number of months, every closed
 * appointment ('Atendida', 'Abandonada', 'Cancelada') older than that is anonymised as a deletion
 * does (change.ts), its survey response is deleted from the form, and the detail of 'Revisión'
 * items about it is replaced by a note; 'Revisión' items and audit lines older than the cut-off
 * lose their detail wholesale. Appointments still open are left alone: a person must close them.
 *
 * Sheets calls do not grow with the rows: one read per tab and 'span' writes (see Table.update).
 * Forms needs one call per response; they are made outside the lock, while the closing's time
 * budget lasts; the appointments whose response could not be deleted in time wait for the next
 * closing, with their response still linked, so nothing is orphaned.
 */
import type { AppointmentStatus } from '../../domain/appointment';
import { PERSONAL_DATA_AUDIT as A, PERSONAL_DATA_MESSAGES as M } from '../../domain/messages/personal-data';
import {
  anonymisedAppointmentFields,
  anonymousAppointmentId,
  cellDni,
  idTokens,
  isAnonymisedAppointment,
  isRedactedDetail,
  mentionsAnyId,
  replaceIds,
  retentionCutoff,
} from '../../domain/personal-data';
import { APPOINTMENTS_TAB, AUDIT_TAB, REVIEW_TAB, SETTINGS_TAB, type AppointmentKey, type AuditKey, type ReviewKey } from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import type { RowChange, RowNumberChange } from '../../ports';
import { appointmentStart, appointmentStatus, cellString } from '../appointments/rows';
import { Budget } from '../jobs';
import { readSettings } from '../settings';
import { surveyFormId, type PersonDataDeps } from './lookup';

/** The same ports as a person's request: the retention anonymises the way a deletion does. */
export type RetentionDeps = PersonDataDeps;

/**
 * Time of the closing's budget kept for what follows the retention (its own writes, and the
 * pending surveys and abandonment emails the closing's entry point sends after it).
 */
export const RETENTION_RESERVE_MS = 90_000;

/** Statuses after which nothing more happens to an appointment: its data may expire. */
const FINAL: readonly AppointmentStatus[] = ['Atendida', 'Abandonada', 'Cancelada'];

export interface RetentionResult {
  /** The setting; null when retention is off (nothing was read or written). */
  months: number | null;
  cutoff: Date | null;
  anonymised: number;
  responsesDeleted: number;
  reviewRedacted: number;
  auditRedacted: number;
  /** Expired appointments left for the next closing (time ran out, or the form refused). */
  left: number;
  /** Spanish, for the audit line ('' when retention is off). */
  summary: string;
}

function off(): RetentionResult {
  return { months: null, cutoff: null, anonymised: 0, responsesDeleted: 0, reviewRedacted: 0, auditRedacted: 0, left: 0, summary: '' };
}

function validDate(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

function expired(row: TableRow<AppointmentKey>, cutoff: Date): boolean {
  if (row.id === '' || isAnonymisedAppointment(row.record)) return false;
  const status = appointmentStatus(row.record);
  const start = appointmentStart(row.record);
  return status !== null && FINAL.includes(status) && start !== null && start.getTime() < cutoff.getTime();
}

/** Anonymises what is older than the retention setting allows. `now` is the closing's time. */
export function applyRetention(deps: RetentionDeps, now: Date, budget: Budget = new Budget(deps.clock)): RetentionResult {
  const book = deps.workbooks.current();
  const citas = book.table(APPOINTMENTS_TAB);
  if (!citas.exists()) return off();
  const months = readSettings(book.table(SETTINGS_TAB)).settings.retentionMonths;
  if (months === null) return off();
  const cutoff = retentionCutoff(now, months);
  const result: RetentionResult = { ...off(), months, cutoff };

  // 1. Which appointments expire, and their survey responses (the closing has just read 'Citas').
  const candidates = citas.read().rows.filter((r) => expired(r, cutoff));
  const formId = candidates.some((r) => cellString(r.record.surveyResponseId) !== '') ? surveyFormId(deps) : '';

  // 2. The responses, outside the lock (one Forms call each), while the budget lasts. An
  //    appointment is ready once its response is gone (or it had none, or no form is recorded).
  //    (Appointment ID → the response ID it had then: a row linked to another one since is not ready.)
  const ready = new Map<string, string>();
  const failures: string[] = [];
  for (const row of candidates) {
    const responseId = cellString(row.record.surveyResponseId);
    if (responseId === '' || formId === '') {
      ready.set(row.id, responseId);
      continue;
    }
    if (budget.exhausted(RETENTION_RESERVE_MS)) continue;
    try {
      if (deps.forms.deleteResponse(formId, responseId)) result.responsesDeleted++;
      ready.set(row.id, responseId);
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
    }
  }
  result.left = candidates.length - ready.size;

  // 3. Under the lock, on what the sheets hold now: anonymise, then redact 'Revisión' and the audit.
  deps.lock.withLock(() => {
    const snapshot = citas.read({ fresh: true });
    const taken = new Set(snapshot.rows.map((r) => r.id));
    const renamed = new Map<string, string>();
    const gone = new Set<string>();
    const observation = M.retentionObservation(now, months);
    const changes: RowChange<AppointmentKey>[] = [];
    for (const row of snapshot.rows) {
      if (ready.get(row.id) !== cellString(row.record.surveyResponseId) || !expired(row, cutoff)) continue;
      const fields = anonymisedAppointmentFields(row.record, observation, now);
      const newId = anonymousAppointmentId(row.id, cellDni(row.record.dni), taken);
      if (newId !== row.id) {
        taken.add(newId);
        renamed.set(row.id, newId);
        fields.id = newId;
      }
      gone.add(row.id);
      changes.push({ id: row.id, fields });
    }
    if (changes.length) result.anonymised = citas.update(changes, { mode: 'span' }).updated.length;

    const reviewTable = book.table(REVIEW_TAB);
    if (reviewTable.exists()) {
      const note = M.retentionReviewDetail(now);
      const reviewChanges: RowChange<ReviewKey>[] = [];
      for (const row of reviewTable.read({ fresh: true }).rows) {
        if (row.id === '') continue;
        const reference = cellString(row.record.reference);
        const detail = cellString(row.record.detail);
        const at = validDate(row.record.at);
        const about = idTokens(reference).some((t) => gone.has(t)) || mentionsAnyId(detail, gone);
        const fields: Partial<Record<ReviewKey, FieldValue>> = {};
        if ((about || (at !== null && at.getTime() < cutoff.getTime())) && !isRedactedDetail(detail)) fields.detail = note;
        const newReference = replaceIds(reference, renamed);
        if (newReference !== reference) fields.reference = newReference;
        if (Object.keys(fields).length) reviewChanges.push({ id: row.id, fields });
      }
      if (reviewChanges.length) result.reviewRedacted = reviewTable.update(reviewChanges, { mode: 'span' }).updated.length;
    }

    const auditTable = book.table(AUDIT_TAB);
    if (auditTable.exists()) {
      const note = M.retentionAuditDetail(now);
      const auditChanges: RowNumberChange<AuditKey>[] = [];
      for (const row of auditTable.read({ fresh: true }).rows) {
        const detail = cellString(row.record.detail);
        const target = cellString(row.record.target);
        const at = validDate(row.record.at);
        const fields: Partial<Record<AuditKey, FieldValue>> = {};
        if (at !== null && at.getTime() < cutoff.getTime() && !isRedactedDetail(detail)) fields.detail = note;
        else if (renamed.size) {
          const newDetail = replaceIds(detail, renamed);
          if (newDetail !== detail) fields.detail = newDetail;
        }
        const newTarget = replaceIds(target, renamed);
        if (newTarget !== target) fields.target = newTarget;
        if (Object.keys(fields).length) auditChanges.push({ rowNumber: row.rowNumber, fields });
      }
      if (auditChanges.length) result.auditRedacted = auditTable.updateByRowNumber(auditChanges).updated;
    }
  });

  result.summary = M.retentionSummary({
    months,
    cutoff,
    anonymised: result.anonymised,
    responses: result.responsesDeleted,
    review: result.reviewRedacted,
    audit: result.auditRedacted,
    left: result.left - failures.length,
  });
  if (failures.length) {
    deps.audit.record({ action: A.retentionFailed, result: 'Error', detail: M.retentionDeleteFailed(failures.length, failures[0]) });
  }
  if (result.anonymised || result.responsesDeleted || result.reviewRedacted || result.auditRedacted || result.left) {
    deps.audit.record({ action: A.retention, result: 'Correcto', detail: result.summary });
  }
  return result;
}
