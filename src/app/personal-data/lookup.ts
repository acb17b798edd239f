/**
 * Right of access (Ley N.° 29733, art. 19; D.S. 016-2024-JUS): everything "Atenciones Virtuales –
 * Centro de Empleo" holds on one person, found by DNI, shown in the panel and exported as CSV.
 *
 * One read per tab: 'Citas' (rows whose DNI is the person's), 'Revisión' (items whose reference is
 * one of those appointments, or whose detail names the DNI, an email of the person or one of the
 * appointments), the survey form's responses linked to those appointments (read one by one by
 * their IDs), and 'Registro de auditoría' (lines about those appointments or naming the DNI or an
 * email). What the panel cannot reach (emails sent, Calendar events, the platform) is said in
 * `notes`. change.ts uses the same gathering, so what a consultant sees is what a deletion touches.
 */
import { PERSONAL_DATA_AUDIT as A, PERSONAL_DATA_LABELS as L, PERSONAL_DATA_MESSAGES as M, PERSONAL_DATA_SOURCES as S } from '../../domain/messages/personal-data';
import { REVIEW_KINDS } from '../../domain/messages/attention-jobs';
import {
  buildPersonCsv,
  cellDni,
  cellText,
  exportFileName,
  idTokens,
  mentionsAnyId,
  parseDniInput,
  personMatcher,
  recordFields,
  type ExportLine,
  type PersonIdentity,
  type PersonMatcher,
} from '../../domain/personal-data';
import { APPOINTMENTS_TAB, AUDIT_TAB, REVIEW_TAB, SETTINGS_TAB, type AppointmentKey, type AuditKey, type ReviewKey } from '../../domain/schema';
import type { TableRow } from '../../domain/table';
import { normaliseEmail } from '../../domain/validation';
import type { AuditLog, Clock, FormAdmin, FormAnswers, KeyValueStore, Lock, Workbooks } from '../../ports';
import { appointmentStart, cellString, deliveryStatus } from '../appointments/rows';
import { readSettings } from '../settings';
import { SURVEY_PROPERTY_KEYS } from '../surveys';
import type { PersonExport, PersonLookupResult, PersonRecordView } from './types';

export interface PersonDataDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  forms: FormAdmin;
  lock: Lock;
  clock: Clock;
  audit: AuditLog;
}

/** An ID shorter than this is not looked for inside free text: '12' would be found in any number. */
const MIN_ID_IN_TEXT = 6;

/** A survey response of the person, as the form holds it now. */
export interface HeldResponse {
  responseId: string;
  /** The appointment it is linked to ('' for one listed only in 'Revisión'). */
  appointmentId: string;
  answers: FormAnswers;
}

/** Everything found on one person, with what is needed to change it. */
export interface HeldData {
  dni: string;
  appointments: TableRow<AppointmentKey>[];
  review: TableRow<ReviewKey>[];
  audit: TableRow<AuditKey>[];
  /** Responses still in the form. */
  responses: HeldResponse[];
  /** Every response ID the sheets link to the person, still in the form or not (what a deletion deletes). */
  responseIds: string[];
  /** The survey form's ID ('' when none is recorded). */
  formId: string;
  /** Why the survey form could not be read ('' when it could, or there was nothing to read). */
  formProblem: string;
  /** 'Citas' rows with the DNI but without 'ID de cita' (no use case can address them). */
  rowsWithoutId: number[];
  identity: PersonIdentity;
  matcher: PersonMatcher;
  /** Appointment IDs and response IDs of the person. */
  ids: Set<string>;
}

export type Gathered = { ok: true; held: HeldData } | { ok: false; message: string };

/** The recorded survey form: the document property, else the 'Configuración' mirror. */
export function surveyFormId(deps: Pick<PersonDataDeps, 'properties' | 'workbooks'>): string {
  const fromProperty = deps.properties.get(SURVEY_PROPERTY_KEYS.formId);
  if (fromProperty) return fromProperty;
  const settings = deps.workbooks.current().table(SETTINGS_TAB);
  return readSettings(settings).settings.surveyFormId;
}

/**
 * Finds the person's records (`fresh`: read the tabs again, as a change does under the lock).
 * `dni` is already normalised.
 */
export function gatherPersonData(deps: PersonDataDeps, dni: string, fresh: boolean): Gathered {
  const book = deps.workbooks.current();
  const citasTable = book.table(APPOINTMENTS_TAB);
  if (!citasTable.exists()) return { ok: false, message: M.noAppointmentsTab };

  const appointments: TableRow<AppointmentKey>[] = [];
  const rowsWithoutId: number[] = [];
  for (const row of citasTable.read({ fresh }).rows) {
    if (cellDni(row.record.dni) !== dni) continue;
    if (row.id === '') rowsWithoutId.push(row.rowNumber);
    else appointments.push(row);
  }

  const emails = new Set<string>();
  const phones = new Set<string>();
  const names = new Set<string>();
  const ids = new Set<string>();
  const responseIds: string[] = [];
  const responseOf = new Map<string, string>();
  for (const row of appointments) {
    ids.add(row.id);
    const email = normaliseEmail(cellString(row.record.email));
    if (email) emails.add(email.toLowerCase());
    const phone = cellString(row.record.phone);
    if (phone) phones.add(phone);
    const name = cellString(row.record.fullName);
    if (name) names.add(name);
    const responseId = cellString(row.record.surveyResponseId);
    if (responseId && !responseOf.has(responseId)) {
      responseOf.set(responseId, row.id);
      responseIds.push(responseId);
    }
  }
  const identity: PersonIdentity = { dni, emails: [...emails], phones: [...phones], names: [...names] };
  const matcher = personMatcher(identity);
  const inText = new Set([...ids].filter((id) => id.length >= MIN_ID_IN_TEXT));
  const mentioned = (text: string) => matcher.identifies(text) || mentionsAnyId(text, inText);

  // 'Revisión': items about one of the appointments, or naming the person.
  const review: TableRow<ReviewKey>[] = [];
  const reviewTable = book.table(REVIEW_TAB);
  if (reviewTable.exists()) {
    const surveyKinds = new Set<string>([REVIEW_KINDS.surveyUnknownCode, REVIEW_KINDS.surveyAlreadyAnswered]);
    for (const row of reviewTable.read({ fresh }).rows) {
      if (row.id === '') continue;
      const reference = cellString(row.record.reference);
      const about = idTokens(reference).some((t) => ids.has(t)) || matcher.identifies(reference) || mentioned(cellString(row.record.detail));
      if (!about) continue;
      review.push(row);
      // A response the survey linking could not attach (code already used…) is the person's too.
      if (surveyKinds.has(cellString(row.record.kind)) && reference !== '' && !responseOf.has(reference)) {
        responseOf.set(reference, '');
        responseIds.push(reference);
      }
    }
  }
  for (const id of responseIds) ids.add(id);

  // The survey form: each response by its ID.
  const responses: HeldResponse[] = [];
  let formId = '';
  let formProblem = '';
  if (responseIds.length) {
    formId = surveyFormId(deps);
    if (formId === '') formProblem = M.surveyFormMissing(responseIds.length);
    else {
      for (const responseId of responseIds) {
        try {
          const answers = deps.forms.response(formId, responseId);
          if (answers) responses.push({ responseId, appointmentId: responseOf.get(responseId) ?? '', answers });
        } catch (e) {
          formProblem = M.surveyFormUnreachable(e instanceof Error ? e.message : String(e));
          break;
        }
      }
    }
  }

  // 'Registro de auditoría': lines about the appointments (their 'Para') or naming the person.
  const audit: TableRow<AuditKey>[] = [];
  const auditTable = book.table(AUDIT_TAB);
  if (auditTable.exists()) {
    for (const row of auditTable.read({ fresh }).rows) {
      const about = idTokens(cellString(row.record.target)).some((t) => ids.has(t)) || mentioned(cellString(row.record.detail));
      if (about) audit.push(row);
    }
  }

  return {
    ok: true,
    held: { dni, appointments, review, audit, responses, responseIds, formId, formProblem, rowsWithoutId, identity, matcher, ids },
  };
}

function validDate(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

/** The records as the panel lists them. */
export function recordViews(held: HeldData): PersonRecordView[] {
  const out: PersonRecordView[] = [];
  for (const row of held.appointments) {
    out.push({
      source: S.appointments,
      id: row.id,
      summary: M.appointmentSummary(appointmentStart(row.record), cellString(row.record.status)),
      fields: recordFields(APPOINTMENTS_TAB.columns, row.record),
    });
  }
  for (const r of held.responses) {
    out.push({
      source: S.survey,
      id: r.responseId,
      summary: M.responseSummary(validDate(r.answers.submittedAt), r.appointmentId),
      fields: [
        { label: L.responseSubmittedAt, value: cellText(validDate(r.answers.submittedAt)) },
        ...Object.entries(r.answers.answers).map(([label, v]) => ({ label, value: typeof v === 'string' ? v : v.join(', ') })),
      ].filter((f) => f.value !== ''),
    });
  }
  for (const row of held.review) {
    out.push({
      source: S.review,
      id: row.id,
      summary: M.reviewSummary(validDate(row.record.at), cellString(row.record.kind), cellString(row.record.status)),
      fields: recordFields(REVIEW_TAB.columns, row.record),
    });
  }
  for (const row of held.audit) {
    out.push({
      source: S.audit,
      id: L.auditRow(row.rowNumber),
      summary: M.auditSummary(validDate(row.record.at), cellString(row.record.action)),
      fields: recordFields(AUDIT_TAB.columns, row.record),
    });
  }
  return out;
}

/** What the panel cannot reach, in Spanish. */
export function heldNotes(held: HeldData): string[] {
  const notes: string[] = [];
  const sent = (key: AppointmentKey) => held.appointments.filter((r) => deliveryStatus(r.record[key]) === 'enviado').length;
  const emails = M.emailsSent({
    reminders: sent('reminderStatus'),
    surveys: sent('surveyStatus'),
    abandonment: sent('abandonmentEmail'),
    invitations: sent('workshopInvitation'),
  });
  if (emails) notes.push(emails);
  const events = held.appointments.filter((r) => cellString(r.record.eventId) !== '').length;
  if (events) notes.push(M.calendarEvents(events));
  if (held.responses.length) notes.push(M.formResponsesCopy);
  if (held.formProblem) notes.push(held.formProblem);
  if (held.rowsWithoutId.length) notes.push(M.rowsWithoutId(held.rowsWithoutId));
  notes.push(M.platform, M.scope);
  return notes;
}

export function heldCounts(held: HeldData) {
  return { appointments: held.appointments.length, review: held.review.length, responses: held.responses.length, audit: held.audit.length };
}

function total(held: HeldData): number {
  const c = heldCounts(held);
  return c.appointments + c.review + c.responses + c.audit;
}

/** The panel's answer for what was gathered. */
export function lookupResult(held: HeldData): PersonLookupResult {
  const n = total(held);
  return {
    ok: true,
    dni: held.dni,
    message: n ? M.found(held.dni, heldCounts(held)) : M.nothingFound(held.dni),
    records: recordViews(held),
    notes: heldNotes(held),
  };
}

/** Everything held on the person with this DNI (as typed: it is checked first; nothing is searched when it is not a DNI). */
export function findPersonData(deps: PersonDataDeps, rawDni: unknown): PersonLookupResult {
  const input = parseDniInput(rawDni);
  if (!input.ok) return { ok: false, dni: '', message: input.message, records: [], notes: [] };
  const gathered = gatherPersonData(deps, input.dni, false);
  if (!gathered.ok) return { ok: false, dni: input.dni, message: gathered.message, records: [], notes: [] };
  return lookupResult(gathered.held);
}

/** The same as a CSV file for the person: one line per field of every record. The export is audited. */
export function exportPersonData(deps: PersonDataDeps, rawDni: unknown): PersonExport {
  const input = parseDniInput(rawDni);
  if (!input.ok) return { ok: false, message: input.message, fileName: '', csv: '' };
  const gathered = gatherPersonData(deps, input.dni, false);
  if (!gathered.ok) return { ok: false, message: gathered.message, fileName: '', csv: '' };
  const held = gathered.held;
  const records = recordViews(held);
  if (records.length === 0) return { ok: false, message: M.nothingToExport(held.dni), fileName: '', csv: '' };
  const lines: ExportLine[] = records.flatMap((r) => r.fields.map((f) => ({ source: r.source, id: r.id, field: f.label, value: f.value })));
  const fileName = exportFileName(held.dni, deps.clock.now());
  // Who exported which DNI: the audit line names the DNI on purpose — it is the record of a
  // request under Ley 29733 (who answered it, when). A later deletion redacts it like any mention.
  deps.audit.record({
    action: A.exported,
    target: held.appointments.map((r) => r.id).join(', '),
    result: 'Correcto',
    detail: M.exportedAudit(held.dni, records.length),
  });
  return { ok: true, message: M.exported(held.dni, lines.length, fileName), fileName, csv: buildPersonCsv(lines) };
}
