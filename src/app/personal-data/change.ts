/**
 * Rights of rectification and deletion (Ley N.° 29733, arts. 20 and 21; D.S. 016-2024-JUS) for
 * one person of "Atenciones Virtuales – Centro de Empleo", by DNI.
 *
 * Works from either spreadsheet over both (lookup.ts opens the sibling).
 *
 * Correct: name, email or phone validated, then written on every 'Citas' and 'Inscripciones' row
 * of the DNI under the script lock (one read, one batched update per tab). Emails already sent
 * are not sent again.
 *
 * Delete (by DNI, or by email for what holds only an address): refused while the person has an
 * appointment still to happen (today or later, not yet closed), and when the other spreadsheet is
 * recorded but cannot be opened (a half deletion would look like a whole one). Otherwise, under
 * the lock: the person's survey and registration form responses are deleted from the forms; in
 * each spreadsheet the detail of 'Revisión' items about them is replaced by a note and every
 * mention of their DNI, email, phone or name in the audit lines about them by '[dato eliminado]';
 * their invitations lose the address and name; their unsubscribes are KEPT, the address replaced
 * by its fingerprint (domain/unsubscribe-key.ts: honouring "no more emails" needs to recognise
 * the address if it comes back in an imported list); their 'Asistencia' rows lose DNI and name;
 * their 'Inscripciones' rows are anonymised (ID, module, state, dates, consent and notice version
 * stay; a registration of a module not over becomes 'Retirado', freeing a confirmed place: the
 * module IDs are returned as `freedPlaces` and passed to the `onPlacesFreed` hook); their 'Citas'
 * rows last (the DNI on them is what finds the person again after a failure). One audit line here
 * records the deletion by record IDs, never by DNI. Running it again finds nothing and changes
 * nothing.
 *
 * Two spreadsheets, two script locks: the lock taken is this project's; the sibling's rows are
 * re-read fresh under it and written by ID ('span' writes), so a registration appended there
 * meanwhile is not overwritten (docs/personal-data.md).
 */
import { isOpenStatus } from '../../domain/appointment';
import { limaDateKey } from '../../domain/lima-time';
import { DELETED_NAME, PERSONAL_DATA_AUDIT as A, PERSONAL_DATA_MESSAGES as M } from '../../domain/messages/personal-data';
import {
  anonymisedAppointmentFields,
  anonymisedRegistrationFields,
  anonymousAppointmentId,
  checkCorrection,
  confirmsQuery,
  CORRECTION_KEYS,
  parsePersonQuery,
  replaceIds,
  type CorrectionKey,
} from '../../domain/personal-data';
import {
  APPOINTMENTS_TAB,
  ATTENDANCE_TAB,
  AUDIT_TAB,
  INVITATIONS_TAB,
  MODULES_TAB,
  REGISTRATIONS_TAB,
  REVIEW_TAB,
  UNSUBSCRIBES_TAB,
  WORKSHOP_SURVEYS_TAB,
  SESSION_MAILS_TAB,
  type SessionMailKey,
  type WorkshopSurveyKey,
  type AppointmentKey,
  type AuditKey,
  type InvitationKey,
  type RegistrationKey,
  type ReviewKey,
  type UnsubscribeKey,
} from '../../domain/schema';
import type { FieldValue } from '../../domain/table';
import { isUnsubscribeKey, unsubscribeKey } from '../../domain/unsubscribe-key';
import { LockBusyError, type RowChange, type RowNumberChange, type Workbook } from '../../ports';
import { appointmentStart, appointmentStatus, cellString } from '../appointments/rows';
import { gatherPersonData, heldCounts, heldTargets, lookupResult, type AttendanceKey, type HeldData, type PersonDataDeps } from './lookup';
import type { PersonChangeResult } from './types';
// B12 (issue 13, i13-verify): the person's certificates.
import { CERTIFICATES_TAB, type CertificateKey } from '../../domain/schema';
import { refreshConsolidations } from '../workshops/consolidation';
import { DELETION_BY, DELETION_REVOKE_REASON, PERSONAL_DATA_CERTIFICATE_MESSAGES as MC } from '../../domain/messages/personal-data-certificates';
import { folderIdOf } from '../../domain/workshops/drive-files';
// Issue 14 (i14-panel): the contact people of the institutions' requests (C01).
import { EXTERNAL_REQUESTS_TAB, type ExternalRequestKey } from '../../domain/schema';
import { PERSONAL_DATA_EXTERNAL_MESSAGES as ME } from '../../domain/messages/personal-data-external';

/** A correction's field → the request row's contact column. */
const CONTACT_KEYS: Readonly<Record<CorrectionKey, ExternalRequestKey>> = { fullName: 'contactName', email: 'contactEmail', phone: 'contactPhone' };
/** What a deletion empties on a request: the contact person. Institution, RUC, topic, dates and states stay (statistics). */
export const CONTACT_PERSONAL_KEYS = ['contactName', 'contactRole', 'contactEmail', 'contactPhone'] as const satisfies readonly ExternalRequestKey[];

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

/** Corrects name, email or phone on every 'Citas' and 'Inscripciones' row of the DNI (absent fields unchanged). */
export function correctPersonData(deps: PersonDataDeps, rawDni: unknown, correction: unknown): PersonChangeResult {
  const input = parsePersonQuery(rawDni);
  if (!input.ok) return refuse(input.message);
  const check = checkCorrection(correction);
  if (!check.ok) return refuse(check.message);
  const query = input.query;
  const wanted = check.fields;

  return underLock(deps, () => {
    const gathered = gatherPersonData(deps, query, true);
    if (!gathered.ok) return refuse(gathered.message);
    const held = gathered.held;
    const dni = held.key;
    if (held.appointments.length + held.registrations.length + held.externalRequests.length === 0) return { ...refuse(M.nothingToCorrect(dni)), lookup: lookupResult(held) };

    const now = deps.clock.now();
    const changedKeys = new Set<CorrectionKey>();
    const plan = <K extends CorrectionKey | 'updatedAt' | string>(rows: readonly { id: string; record: Readonly<Record<string, unknown>> }[]): RowChange<K>[] => {
      const changes: RowChange<K>[] = [];
      for (const row of rows) {
        const fields: Partial<Record<string, FieldValue>> = {};
        for (const key of CORRECTION_KEYS) {
          const value = wanted[key];
          if (value === undefined || cellString(row.record[key]) === value) continue;
          fields[key] = value;
          changedKeys.add(key);
        }
        if (Object.keys(fields).length) changes.push({ id: row.id, fields: { ...fields, updatedAt: now } as Partial<Record<K, FieldValue>> });
      }
      return changes;
    };
    const appointmentChanges = plan<AppointmentKey>(held.appointments);
    const registrationChanges = plan<RegistrationKey>(held.registrations);
    // Issue 14: the requests where she is the contact person: her name, email and mobile there.
    const requestChanges: RowChange<ExternalRequestKey>[] = [];
    for (const row of held.externalRequests) {
      const fields: Partial<Record<ExternalRequestKey, FieldValue>> = {};
      for (const key of CORRECTION_KEYS) {
        const value = wanted[key];
        if (value === undefined || cellString(row.record[CONTACT_KEYS[key]]) === value) continue;
        fields[CONTACT_KEYS[key]] = value;
        changedKeys.add(key);
      }
      if (Object.keys(fields).length) requestChanges.push({ id: row.id, fields: { ...fields, updatedAt: now } });
    }
    if (appointmentChanges.length + registrationChanges.length + requestChanges.length === 0) {
      return { ok: true, message: M.correctionUnchanged(dni), changed: 0, lookup: lookupResult(held) };
    }

    const appointmentsUpdated = appointmentChanges.length && held.atenciones ? held.atenciones.table(APPOINTMENTS_TAB).update(appointmentChanges, { mode: 'span' }).updated : [];
    const registrationsUpdated = registrationChanges.length && held.talleres ? held.talleres.table(REGISTRATIONS_TAB).update(registrationChanges, { mode: 'span' }).updated : [];
    const requestsUpdated = requestChanges.length && held.talleres ? held.talleres.table(EXTERNAL_REQUESTS_TAB).update(requestChanges, { mode: 'span' }).updated : [];
    const names = CORRECTION_KEYS.filter((k) => changedKeys.has(k)).map((k) => M.fieldNames[k]);
    const onlyRequests = appointmentsUpdated.length + registrationsUpdated.length === 0;
    deps.audit.record({
      action: A.corrected,
      target: [...appointmentsUpdated, ...registrationsUpdated, ...requestsUpdated].join(', '),
      result: 'Correcto',
      // The DNI names whose request this was (see lookup.ts); the new values are not logged.
      detail: onlyRequests ? ME.correctedAudit(dni, names, requestsUpdated.length) : M.correctedAudit(dni, names, appointmentsUpdated.length, registrationsUpdated.length) + (requestsUpdated.length ? ME.corrected(requestsUpdated.length) : ''),
    });
    const after = gatherPersonData(deps, query, false);
    // B12: issued certificates are never rewritten: one still valid with another name needs a reissue.
    const newName = wanted.fullName;
    const toReissue = newName === undefined ? [] : held.certificates.filter((r) => cellString(r.record.state) === 'Vigente' && cellString(r.record.fullName) !== newName).map((r) => r.id);
    return {
      ok: true,
      message:
        (onlyRequests ? ME.correctedOnly(dni, names, requestsUpdated.length) : M.corrected(dni, names, appointmentsUpdated.length)) +
        (registrationsUpdated.length ? M.correctedRegistrations(registrationsUpdated.length) : '') +
        (!onlyRequests && requestsUpdated.length ? ME.corrected(requestsUpdated.length) : '') +
        (toReissue.length ? MC.reissueNeeded(toReissue) : ''),
      changed: appointmentsUpdated.length + registrationsUpdated.length + requestsUpdated.length,
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

/**
 * Called after a deletion, under the lock, with the module IDs where a confirmed ('Inscrito')
 * registration of the person became 'Retirado': the integrator wires the waiting-list
 * promotion here (src/entry/personal-data.ts). Not called when no place was freed.
 */
export type PlacesFreedHook = (moduleIds: readonly string[]) => void;

/** Modules whose registrations are over: 'Cerrado', or an end date before today. One read of 'Módulos'. */
function finishedModules(talleres: Workbook, now: Date): Set<string> {
  const out = new Set<string>();
  const table = talleres.table(MODULES_TAB);
  if (!table.exists()) return out;
  const today = limaDateKey(now);
  for (const row of table.read().rows) {
    const end = row.record.endDate;
    if (cellString(row.record.status) === 'Cerrado' || (end instanceof Date && !isNaN(end.getTime()) && limaDateKey(end) < today)) out.add(row.id);
  }
  return out;
}

/** Anonymises every record of the DNI (or of the email); `confirmation` must repeat it. */
export function deletePersonData(deps: PersonDataDeps, rawDni: unknown, confirmation: unknown, onPlacesFreed?: PlacesFreedHook): PersonChangeResult {
  const input = parsePersonQuery(rawDni);
  if (!input.ok) return refuse(input.message);
  const query = input.query;
  if (!confirmsQuery(query, confirmation)) return refuse(M.confirmationMismatch(query.key));

  return underLock(deps, () => {
    const gathered = gatherPersonData(deps, query, true);
    if (!gathered.ok) return refuse(gathered.message);
    const held = gathered.held;
    const dni = held.key;
    const before = heldCounts(held);
    const found = Object.values(before).reduce((a, b) => a + b, 0);
    if (held.siblingUnreachable) return { ...refuse(M.siblingNeededToDelete(held.siblingProblem)), lookup: lookupResult(held) };
    if (found === 0) return { ok: true, message: M.nothingToDelete(dni), changed: 0, lookup: lookupResult(held) };

    const now = deps.clock.now();
    const active = activeAppointment(held, now);
    if (active) return { ...refuse(M.activeAppointment(dni, active.id, active.start, active.status)), lookup: lookupResult(held) };
    const target = heldTargets(held);

    // 1. The form responses, first: if a form refuses, nothing in the sheets has changed yet
    //    and the consultant can simply try again (the rows still lead to the responses).
    let responsesDeleted = 0;
    let registrationResponsesDeleted = 0;
    let checkinResponsesDeleted = 0;
    let externalResponsesDeleted = 0;
    const forms: [string, readonly string[], (why: string) => string, () => void][] = [
      [held.formId, held.responseIds, M.surveyDeleteFailed, () => responsesDeleted++],
      [held.registrationFormId, held.registrationResponseIds, M.registrationDeleteFailed, () => registrationResponsesDeleted++],
      // Check-in form (B09, i12-checkin).
      [held.checkinFormId, held.checkinResponseIds, M.checkinDeleteFailed, () => checkinResponsesDeleted++],
      // B08: the workshop survey's responses (the rows keep their scores, without the person).
      [held.workshopSurveyFormId, held.workshopSurveys.map((r) => r.id), M.workshopSurveyDeleteFailed, () => undefined],
      // Issue 14: her answers to the request form (C01).
      [held.externalFormId, held.externalResponseIds, ME.deleteFailed, () => externalResponsesDeleted++],
    ];
    for (const [formId, responseIds, failed, count] of forms) {
      if (formId === '') continue;
      for (const responseId of responseIds) {
        try {
          if (deps.forms.deleteResponse(formId, responseId)) count();
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          deps.audit.record({ action: A.deleteFailed, target, result: 'Error', detail: why });
          return refuse(failed(why));
        }
      }
    }

    // 1b. B12: the certificates' PDFs leave the module's folder (trash when this account owns
    //     them), still before any sheet changes: a refusal leaves the rows leading to them, and
    //     a retry finds a PDF already retired as 'gone'.
    let pdfsTrashed = 0;
    const pdfsRemoved: string[] = [];
    const withPdf = held.certificates.filter((r) => cellString(r.record.pdfFileId) !== '');
    if (withPdf.length) {
      if (!deps.drive) return refuse(MC.noDrive);
      const folders = new Map<string, string>();
      if (held.talleres) {
        const modules = held.talleres.table(MODULES_TAB);
        if (modules.exists()) for (const m of modules.read().rows) folders.set(m.id, folderIdOf(m.record.driveFolderUrl) ?? '');
      }
      for (const row of withPdf) {
        try {
          const r = deps.drive.retire(cellString(row.record.pdfFileId), folders.get(cellString(row.record.moduleId)) ?? '');
          if (r === 'trashed') pdfsTrashed++;
          else if (r === 'removed') pdfsRemoved.push(row.id);
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          deps.audit.record({ action: A.deleteFailed, target, result: 'Error', detail: `${row.id}: ${why}` });
          return refuse(MC.retireFailed(row.id, why));
        }
      }
    }

    // 2. 'Citas' and 'Inscripciones', planned now and written last: the DNI on those rows is
    //    what finds the person, so until they are anonymised a retry after any failure finds
    //    everything again (a crash sweep showed a retry finding nothing once the rows were done
    //    first, leaving her email in the audit log). An ID made of the DNI (a walk-in's) gets one
    //    without it.
    const renamed = new Map<string, string>();
    const observation = M.deletedObservation(now);
    let appointmentChanges: RowChange<AppointmentKey>[] = [];
    if (held.atenciones && held.appointments.length) {
      const taken = new Set(held.atenciones.table(APPOINTMENTS_TAB).read().rows.map((r) => r.id));
      appointmentChanges = held.appointments.map((row) => {
        const fields = anonymisedAppointmentFields(row.record, observation, now);
        const newId = anonymousAppointmentId(row.id, held.dni, taken);
        if (newId !== row.id) {
          taken.add(newId);
          renamed.set(row.id, newId);
          fields.id = newId;
        }
        return { id: row.id, fields };
      });
    }
    const freed = new Set<string>();
    let registrationChanges: RowChange<RegistrationKey>[] = [];
    if (held.talleres && held.registrations.length) {
      const over = finishedModules(held.talleres, now);
      registrationChanges = held.registrations.map((row) => {
        const moduleId = cellString(row.record.moduleId);
        const fields = anonymisedRegistrationFields(row.record, held.matcher.redact, !over.has(moduleId), now);
        if (fields.status !== undefined && cellString(row.record.status) === 'Inscrito' && moduleId) freed.add(moduleId);
        return { id: row.id, fields };
      });
    }

    // 3. 'Revisión' of each spreadsheet: the detail of items about the person gives way to a note.
    //    The audit lines about the person keep what was done, without who it was done for.
    const note = M.deletedReviewDetail(now);
    let reviewRedacted = 0;
    let auditRedacted = 0;
    for (const log of held.logs) {
      const reviewChanges: RowChange<ReviewKey>[] = [];
      for (const row of log.review) {
        const reference = cellString(row.record.reference);
        const fields: Partial<Record<ReviewKey, FieldValue>> = {};
        if (cellString(row.record.detail) !== note) fields.detail = note;
        const newReference = held.matcher.redact(replaceIds(reference, renamed));
        if (newReference !== reference) fields.reference = newReference;
        if (Object.keys(fields).length) reviewChanges.push({ id: row.id, fields });
      }
      if (reviewChanges.length) reviewRedacted += log.book.table(REVIEW_TAB).update(reviewChanges, { mode: 'span' }).updated.length;

      const auditChanges: RowNumberChange<AuditKey>[] = [];
      for (const row of log.audit) {
        const fields: Partial<Record<AuditKey, FieldValue>> = {};
        for (const key of ['target', 'detail'] as const) {
          const was = cellString(row.record[key]);
          const now_ = held.matcher.redact(replaceIds(was, renamed));
          if (now_ !== was) fields[key] = now_;
        }
        if (Object.keys(fields).length) auditChanges.push({ rowNumber: row.rowNumber, fields });
      }
      if (auditChanges.length) auditRedacted += log.book.table(AUDIT_TAB).updateByRowNumber(auditChanges).updated;
    }

    // 4. "Programación Talleres Masivos": invitations lose the address, unsubscribes keep only
    //    its fingerprint, attendance loses DNI and name, then the registrations.
    let invitationsCleared = 0;
    let unsubscribesHashed = 0;
    let attendanceCleared = 0;
    let registrationsAnonymised = 0;
    let workshopSurveysUnlinked = 0;
    let sessionMailsCleared = 0;
    let certificatesRevoked = 0;
    let externalRequestsCleared = 0;
    const reconsolidated: string[] = [];
    const staleConsolidations: string[] = [];
    const reported: string[] = [];
    if (held.talleres) {
      // B08: the answers lose the link to the person and the comment; the scores stay for the statistics.
      const surveyChanges: RowChange<WorkshopSurveyKey>[] = held.workshopSurveys.map((r) => ({ id: r.id, fields: { registrationId: '', comment: '' } }));
      if (surveyChanges.length) workshopSurveysUnlinked = held.talleres.table(WORKSHOP_SURVEYS_TAB).update(surveyChanges, { mode: 'span' }).updated.length;
      // Its session emails (access links, notices, survey, slot) keep what was sent and when, without the address.
      const mailChanges: RowChange<SessionMailKey>[] = held.sessionMails.filter((r) => cellString(r.record.email) !== '').map((r) => ({ id: r.id, fields: { email: '' } }));
      if (mailChanges.length) sessionMailsCleared = held.talleres.table(SESSION_MAILS_TAB).update(mailChanges, { mode: 'span' }).updated.length;

      const invitationNote = M.deletedInvitationNote(now);
      const invitationChanges: RowChange<InvitationKey>[] = held.invitations
        .filter((r) => cellString(r.record.email) !== '' || cellString(r.record.fullName) !== '')
        .map((r) => ({ id: r.id, fields: { email: '', fullName: '', note: invitationNote } }));
      if (invitationChanges.length) invitationsCleared = held.talleres.table(INVITATIONS_TAB).update(invitationChanges, { mode: 'span' }).updated.length;

      const unsubscribeChanges: RowChange<UnsubscribeKey>[] = [];
      for (const row of held.unsubscribes) {
        const cell = cellString(row.record.email);
        if (cell === '' || isUnsubscribeKey(cell) || row.id === '') continue;
        unsubscribeChanges.push({ id: row.id, fields: { email: unsubscribeKey(cell) } });
      }
      if (unsubscribeChanges.length) unsubscribesHashed = held.talleres.table(UNSUBSCRIBES_TAB).update(unsubscribeChanges, { mode: 'span' }).updated.length;

      const attendanceChanges: RowChange<AttendanceKey>[] = held.attendance.map((r) => ({ id: r.id, fields: { dni: '', fullName: DELETED_NAME } }));
      if (attendanceChanges.length) attendanceCleared = held.talleres.table(ATTENDANCE_TAB).update(attendanceChanges, { mode: 'span' }).updated.length;

      // B12: each certificate loses the name and its PDF link and is revoked, so the verification
      //      page answers «revocado» without naming her; module, dates and hours stay.
      const certificateChanges: RowChange<CertificateKey>[] = [];
      for (const r of held.certificates) {
        const fields: Partial<Record<CertificateKey, FieldValue>> = {};
        if (cellString(r.record.fullName) !== '') fields.fullName = '';
        if (cellString(r.record.pdfFileId) !== '') fields.pdfFileId = '';
        if (cellString(r.record.pdfUrl) !== '') fields.pdfUrl = '';
        if (cellString(r.record.state) !== 'Revocado') {
          fields.state = 'Revocado';
          fields.revokedAt = now;
          fields.revokeReason = DELETION_REVOKE_REASON;
        } else {
          // An earlier revocation's reason may name her.
          const reason = cellString(r.record.revokeReason);
          if (held.matcher.redact(reason) !== reason) fields.revokeReason = held.matcher.redact(reason);
        }
        if (Object.keys(fields).length) certificateChanges.push({ id: r.id, fields: { ...fields, by: DELETION_BY, updatedAt: now } });
      }
      if (certificateChanges.length) certificatesRevoked = held.talleres.table(CERTIFICATES_TAB).update(certificateChanges, { mode: 'span' }).updated.length;

      // Issue 14: the requests lose their contact person (name, role, email, mobile); what she
      //           may have written in the notes or the system's detail is redacted. Institution,
      //           RUC, topic, dates and states stay for the statistics.
      const requestNote = ME.deletedNote(now);
      const requestChanges: RowChange<ExternalRequestKey>[] = [];
      for (const r of held.externalRequests) {
        const fields: Partial<Record<ExternalRequestKey, FieldValue>> = {};
        for (const key of CONTACT_PERSONAL_KEYS) if (cellString(r.record[key]) !== '') fields[key] = '';
        for (const key of ['notes', 'rejectReason'] as const) {
          const was = cellString(r.record[key]);
          if (held.matcher.redact(was) !== was) fields[key] = held.matcher.redact(was);
        }
        if (Object.keys(fields).length) requestChanges.push({ id: r.id, fields: { ...fields, note: requestNote, updatedAt: now } });
      }
      if (requestChanges.length) externalRequestsCleared = held.talleres.table(EXTERNAL_REQUESTS_TAB).update(requestChanges, { mode: 'span' }).updated.length;

      if (registrationChanges.length) registrationsAnonymised = held.talleres.table(REGISTRATIONS_TAB).update(registrationChanges, { mode: 'span' }).updated.length;

      // B12: the module's consolidated tabs list names: rewritten from the rows just anonymised
      //      (here, when this is "Programación Talleres Masivos"), else the message says to.
      const modules = new Set(held.registrations.map((r) => cellString(r.record.moduleId)).filter((id) => id !== ''));
      if (modules.size && held.talleres.table(MODULES_TAB).exists()) {
        const moduleRows = held.talleres.table(MODULES_TAB).read({ fresh: true }).rows.filter((r) => modules.has(r.id));
        const consolidated = moduleRows.filter((r) => cellString(r.record.consolidatedAt) !== '');
        reported.push(...moduleRows.filter((r) => Number(r.record.reportVersion) > 0).map((r) => r.id));
        if (consolidated.length && deps.tabs && deps.workbooks.current().id === held.talleres.id) {
          reconsolidated.push(...refreshConsolidations({ ...deps, tabs: deps.tabs }, consolidated, now));
        }
        staleConsolidations.push(...consolidated.map((r) => r.id).filter((id) => !reconsolidated.includes(id)));
      }
    }

    // 5. Last, the rows that lead to her.
    const anonymised = appointmentChanges.length && held.atenciones ? held.atenciones.table(APPOINTMENTS_TAB).update(appointmentChanges, { mode: 'span' }).updated.length : 0;

    const counts = {
      appointments: anonymised,
      review: reviewRedacted,
      responses: responsesDeleted,
      audit: auditRedacted,
      registrations: registrationsAnonymised,
      attendance: attendanceCleared,
      invitations: invitationsCleared,
      unsubscribes: unsubscribesHashed,
      registrationResponses: registrationResponsesDeleted,
      checkinResponses: checkinResponsesDeleted,
      workshopSurveys: workshopSurveysUnlinked,
      sessionMails: sessionMailsCleared,
      certificates: certificatesRevoked,
      externalRequests: externalRequestsCleared,
      externalResponses: externalResponsesDeleted,
    };
    const ids = [...held.appointments.map((r) => renamed.get(r.id) ?? r.id), ...held.registrations.map((r) => r.id), ...held.externalRequests.map((r) => r.id)];
    const freedPlaces = [...freed];
    // By record IDs only: this line must not name the person whose data it says is gone.
    deps.audit.record({
      action: A.deleted,
      target: ids.join(', '),
      result: 'Correcto',
      detail: M.deletedAudit(counts) + (held.certificates.length ? MC.deletedAudit(certificatesRevoked, pdfsTrashed, pdfsRemoved.length) : ''),
    });
    if (freedPlaces.length && onPlacesFreed) onPlacesFreed(freedPlaces);

    const after = gatherPersonData(deps, query, false);
    return {
      ok: true,
      message:
        M.deleted(dni, counts) + (freedPlaces.length ? M.placesFreed(freedPlaces.length) : '') + (certificatesRevoked || pdfsTrashed || pdfsRemoved.length ? MC.deleted(certificatesRevoked, pdfsTrashed, pdfsRemoved) : '') +
        (reconsolidated.length ? MC.reconsolidated(reconsolidated) : '') +
        (staleConsolidations.length ? MC.reconsolidateInTalleres(staleConsolidations) : '') +
        (reported.length ? MC.reportsNameHer(reported) : ''),
      changed: Object.values(counts).reduce((a, b) => a + b, 0),
      freedPlaces,
      ...(after.ok ? { lookup: lookupResult(after.held) } : {}),
    };
  });
}
