/**
 * Right of access (Ley N.° 29733, art. 19; D.S. 016-2024-JUS): everything the service holds on
 * one person, in BOTH spreadsheets, found by DNI (or, for what holds only an address, by email),
 * shown in the panel and exported as CSV. It works the same from either spreadsheet: the one it
 * runs in is "here", the other is opened by the recorded sibling ID (setup.ts); when the sibling
 * cannot be opened, the panel says so in Spanish and shows what was found here.
 *
 * One read per tab:
 * - "Atenciones Virtuales – Centro de Empleo": 'Citas' (rows whose DNI is the person's), the
 *   survey form's responses linked to those appointments (read one by one by their IDs);
 * - "Programación Talleres Masivos": 'Inscripciones' and 'Asistencia' (rows of the DNI), the
 *   registration form's responses linked to those registrations (the form's ID is the setting
 *   'Formulario de inscripción (ID)' of that spreadsheet), 'Invitaciones' (rows whose address is
 *   one of the person's: those of their appointments and registrations, or the email searched),
 *   'Bajas de difusión' (the same addresses, kept plain or as their fingerprint, see
 *   domain/unsubscribe-key.ts);
 * - in each: 'Revisión' (items whose reference is one of those records, or whose detail names the
 *   DNI, an email of the person or one of the records) and 'Registro de auditoría' (lines about
 *   those records or naming the DNI or an email).
 * What the panel cannot reach (emails sent, Calendar events, the platform) is said in `notes`.
 * change.ts uses the same gathering, so what a consultant sees is what a deletion touches.
 */
import { CHECKIN_PROPERTY_KEYS } from '../workshops/checkin';
import { checkinNamesDocument } from '../../domain/workshops/checkin';
import { PERSONAL_DATA_AUDIT as A, PERSONAL_DATA_LABELS as L, PERSONAL_DATA_MESSAGES as M, PERSONAL_DATA_SOURCES as S, SPREADSHEET_NAMES, countTotal, type HeldCounts } from '../../domain/messages/personal-data';
import { REVIEW_KINDS } from '../../domain/messages/attention-jobs';
import {
  buildPersonCsv,
  cellDni,
  cellText,
  exportFileName,
  idTokens,
  mentionsAnyId,
  parsePersonQuery,
  personMatcher,
  recordFields,
  type ExportLine,
  type FieldLine,
  type PersonIdentity,
  type PersonMatcher,
  type PersonQuery,
} from '../../domain/personal-data';
import {
  APPOINTMENTS_TAB,
  ATTENDANCE_TAB,
  AUDIT_TAB,
  INVITATIONS_TAB,
  REGISTRATIONS_TAB,
  REVIEW_TAB,
  SETTINGS_TAB,
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
import type { TableRow } from '../../domain/table';
import { isUnsubscribeKey, unsubscribeCellMatches } from '../../domain/unsubscribe-key';
import { normaliseEmail } from '../../domain/validation';
import type { AuditLog, Clock, FormAdmin, FormAnswers, KeyValueStore, Lock, Workbook, Workbooks } from '../../ports';
import { appointmentStart, cellString, deliveryStatus } from '../appointments/rows';
import { readSettings } from '../settings';
import { recordedSiblingId } from '../setup';
import { SURVEY_PROPERTY_KEYS } from '../surveys';
// B08: the workshop survey's form (issue 12, i12-survey).
import { WORKSHOP_SURVEY_PROPERTY_KEYS } from '../workshops/survey';
import type { PersonExport, PersonLookupResult, PersonRecordView } from './types';
// B12 (issue 13, i13-verify): the person's certificates.
import { CERTIFICATES_TAB, type CertificateKey } from '../../domain/schema';
import { CERTIFICATE_SOURCE, PERSONAL_DATA_CERTIFICATE_MESSAGES as MC } from '../../domain/messages/personal-data-certificates';
import type { DriveFiles, GeneratedTabs } from '../../ports';
// Issue 14 (i14-panel): the contact people of the institutions' requests (C01) and their request form answers.
import { EXTERNAL_REQUESTS_TAB, type ExternalRequestKey } from '../../domain/schema';
import { EXTERNAL_FORM_SOURCE, EXTERNAL_REQUEST_SOURCE, PERSONAL_DATA_EXTERNAL_MESSAGES as ME } from '../../domain/messages/personal-data-external';

export interface PersonDataDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  forms: FormAdmin;
  lock: Lock;
  clock: Clock;
  audit: AuditLog;
  /** B12: Drive, for a deletion to retire the certificates' PDFs (absent: a deletion with PDFs to retire is refused). */
  drive?: DriveFiles;
  /** B12: the generated tabs, for a deletion to rewrite the module's consolidation without the person (absent: the message says to consolidate again). */
  tabs?: GeneratedTabs;
}

export type AttendanceKey = (typeof ATTENDANCE_TAB)['columns'][number]['key'];

/**
 * The document property under which "Programación Talleres Masivos" records its registration
 * form (the registration code's key; the setting 'Formulario de inscripción (ID)' mirrors it and
 * is what is read from the other spreadsheet).
 */
export const REGISTRATION_FORM_PROPERTY = 'SOE_REGISTRATION_FORM_ID';

/** An ID shorter than this is not looked for inside free text: '12' would be found in any number. */
const MIN_ID_IN_TEXT = 6;

/** A form response of the person, as the form holds it now. */
export interface HeldResponse {
  responseId: string;
  /** The appointment (survey) or registration (registration form) it is linked to ('' for one listed only in 'Revisión'). */
  appointmentId: string;
  answers: FormAnswers;
}

export type SpreadsheetRole = 'atenciones' | 'talleres';

/** 'Revisión' and 'Registro de auditoría' of one spreadsheet: what is about the person. */
export interface HeldLogs {
  where: SpreadsheetRole;
  book: Workbook;
  review: TableRow<ReviewKey>[];
  audit: TableRow<AuditKey>[];
}

/** Everything found on one person, with what is needed to change it. */
export interface HeldData {
  query: PersonQuery;
  /** The DNI searched ('' for a search by email). */
  dni: string;
  /** What the answers name: the DNI, or the email searched. */
  key: string;
  /** The spreadsheet the script runs in. */
  here: SpreadsheetRole;
  /** The two spreadsheets, when reachable. */
  atenciones: Workbook | null;
  talleres: Workbook | null;
  /** Spanish: why the other spreadsheet was not searched ('' when it was). */
  siblingProblem: string;
  /** True when a sibling ID is recorded but the spreadsheet could not be opened or is not set up. */
  siblingUnreachable: boolean;

  // "Atenciones Virtuales – Centro de Empleo"
  appointments: TableRow<AppointmentKey>[];
  /** Survey responses still in the form. */
  responses: HeldResponse[];
  /** Every survey response ID the sheets link to the person, still in the form or not (what a deletion deletes). */
  responseIds: string[];
  /** The survey form's ID ('' when none is recorded). */
  formId: string;
  /** Why the survey form could not be read ('' when it could, or there was nothing to read). */
  formProblem: string;
  /** 'Citas' rows with the DNI but without 'ID de cita' (no use case can address them). */
  rowsWithoutId: number[];

  // "Programación Talleres Masivos"
  registrations: TableRow<RegistrationKey>[];
  registrationRowsWithoutId: number[];
  attendance: TableRow<AttendanceKey>[];
  invitations: TableRow<InvitationKey>[];
  unsubscribes: TableRow<UnsubscribeKey>[];
  registrationResponses: HeldResponse[];
  registrationResponseIds: string[];
  registrationFormId: string;
  registrationFormProblem: string;
  /** Check-in form «Formato de asistencia» (B09): the responses naming the person's document, what a deletion deletes. */
  checkinResponses: HeldResponse[];
  checkinResponseIds: string[];
  checkinFormId: string;
  checkinFormProblem: string;
  /** B08: the person's answers of the workshop survey (rows linked to one of their registrations). */
  workshopSurveys: TableRow<WorkshopSurveyKey>[];
  /** The workshop survey form's ID ('' when none is recorded). */
  workshopSurveyFormId: string;
  /** Issue 12: the session emails sent to the person ('Envíos de sesiones', every kind: their address). */
  sessionMails: TableRow<SessionMailKey>[];
  /** B12: the person's certificates ('Certificados' rows of one of their registrations, every state). */
  certificates: TableRow<CertificateKey>[];
  /** Issue 14: 'Solicitudes externas' rows whose contact email is one of hers, and her answers to the request form. */
  externalRequests: TableRow<ExternalRequestKey>[];
  externalResponses: HeldResponse[];
  externalResponseIds: string[];
  externalFormId: string;
  externalFormProblem: string;

  /** 'Revisión' and audit lines of each spreadsheet searched (here first). */
  logs: HeldLogs[];
  /** Shortcuts to the logs of "Atenciones" (empty when it was not searched). */
  review: TableRow<ReviewKey>[];
  audit: TableRow<AuditKey>[];

  identity: PersonIdentity;
  matcher: PersonMatcher;
  /** IDs of the person's records (appointments, registrations, attendance, invitations, responses). */
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

function roleOf(book: Workbook): SpreadsheetRole | null {
  if (book.table(APPOINTMENTS_TAB).exists()) return 'atenciones';
  if (book.table(REGISTRATIONS_TAB).exists()) return 'talleres';
  return null;
}

const OTHER: Record<SpreadsheetRole, SpreadsheetRole> = { atenciones: 'talleres', talleres: 'atenciones' };

/** This spreadsheet and, when recorded and reachable, the sibling. */
function openBooks(deps: PersonDataDeps):
  | { ok: true; here: SpreadsheetRole; books: Record<SpreadsheetRole, Workbook | null>; problem: string; unreachable: boolean }
  | { ok: false; message: string } {
  const current = deps.workbooks.current();
  const here = roleOf(current);
  if (!here) return { ok: false, message: M.noTabs };
  const other = OTHER[here];
  const books: Record<SpreadsheetRole, Workbook | null> = { atenciones: null, talleres: null };
  books[here] = current;
  const siblingId = recordedSiblingId(deps.properties);
  if (siblingId === '') return { ok: true, here, books, problem: M.siblingMissing(SPREADSHEET_NAMES[other]), unreachable: false };
  let sibling: Workbook | null = null;
  try {
    sibling = deps.workbooks.open(siblingId);
  } catch {
    sibling = null;
  }
  if (!sibling) return { ok: true, here, books, problem: M.siblingUnreachable(SPREADSHEET_NAMES[other]), unreachable: true };
  let siblingRole: SpreadsheetRole | null = null;
  try {
    siblingRole = roleOf(sibling);
  } catch {
    return { ok: true, here, books, problem: M.siblingUnreachable(SPREADSHEET_NAMES[other]), unreachable: true };
  }
  if (siblingRole !== other) return { ok: true, here, books, problem: M.siblingNotSetUp(SPREADSHEET_NAMES[other]), unreachable: true };
  books[other] = sibling;
  return { ok: true, here, books, problem: '', unreachable: false };
}

/** The survey form of "Atenciones": here, its property first; from the sibling, its 'Configuración'. */
function attentionSurveyFormId(deps: PersonDataDeps, book: Workbook, here: boolean): string {
  if (here) return surveyFormId(deps);
  return readSettings(book.table(SETTINGS_TAB)).settings.surveyFormId;
}

/** The registration form of "Talleres": here, its property first; from the sibling (or without one), its 'Configuración'. */
function registrationFormIdOf(deps: PersonDataDeps, book: Workbook, here: boolean): string {
  if (here) {
    const fromProperty = deps.properties.get(REGISTRATION_FORM_PROPERTY);
    if (fromProperty) return fromProperty;
  }
  return readSettings(book.table(SETTINGS_TAB)).settings.registrationFormId ?? '';
}

/** Reads linked responses one by one; stops at the first failure (the form is unreachable). */
function readResponses(
  forms: FormAdmin,
  formId: string,
  ids: readonly string[],
  linkOf: ReadonlyMap<string, string>,
  unreachable: (why: string) => string,
): { responses: HeldResponse[]; problem: string } {
  const responses: HeldResponse[] = [];
  for (const responseId of ids) {
    try {
      const answers = forms.response(formId, responseId);
      if (answers) responses.push({ responseId, appointmentId: linkOf.get(responseId) ?? '', answers });
    } catch (e) {
      return { responses, problem: unreachable(e instanceof Error ? e.message : String(e)) };
    }
  }
  return { responses, problem: '' };
}

function emailOf(v: unknown): string {
  const email = normaliseEmail(cellString(v));
  return email ? email.toLowerCase() : '';
}

/**
 * Finds the person's records in both spreadsheets (`fresh`: read the tabs again, as a change
 * does under the lock).
 */
export function gatherPersonData(deps: PersonDataDeps, query: PersonQuery, fresh: boolean): Gathered {
  const opened = openBooks(deps);
  if (!opened.ok) return { ok: false, message: opened.message };
  const { atenciones, talleres } = opened.books;
  const dni = query.kind === 'dni' ? query.dni : '';

  const emails = new Set<string>();
  const phones = new Set<string>();
  const names = new Set<string>();
  const ids = new Set<string>();
  const remember = (record: { email: unknown; phone: unknown; fullName: unknown }) => {
    const email = emailOf(record.email);
    if (email) emails.add(email);
    const phone = cellString(record.phone);
    if (phone) phones.add(phone);
    const name = cellString(record.fullName);
    if (name) names.add(name);
  };
  if (query.kind === 'email') emails.add(query.email);

  // 'Citas'
  const appointments: TableRow<AppointmentKey>[] = [];
  const rowsWithoutId: number[] = [];
  const responseIds: string[] = [];
  const responseOf = new Map<string, string>();
  if (atenciones && dni) {
    const citasTable = atenciones.table(APPOINTMENTS_TAB);
    for (const row of citasTable.read({ fresh }).rows) {
      if (cellDni(row.record.dni) !== dni) continue;
      if (row.id === '') rowsWithoutId.push(row.rowNumber);
      else appointments.push(row);
    }
    for (const row of appointments) {
      ids.add(row.id);
      remember(row.record);
      const responseId = cellString(row.record.surveyResponseId);
      if (responseId && !responseOf.has(responseId)) {
        responseOf.set(responseId, row.id);
        responseIds.push(responseId);
      }
    }
  }

  // 'Inscripciones', 'Asistencia'
  const registrations: TableRow<RegistrationKey>[] = [];
  const registrationRowsWithoutId: number[] = [];
  const registrationResponseIds: string[] = [];
  const registrationOf = new Map<string, string>();
  const attendance: TableRow<AttendanceKey>[] = [];
  if (talleres && dni) {
    const table = talleres.table(REGISTRATIONS_TAB);
    if (table.exists()) {
      for (const row of table.read({ fresh }).rows) {
        if (cellDni(row.record.dni) !== dni) continue;
        if (row.id === '') registrationRowsWithoutId.push(row.rowNumber);
        else registrations.push(row);
      }
    }
    for (const row of registrations) {
      ids.add(row.id);
      remember(row.record);
      const responseId = cellString(row.record.responseId);
      if (responseId && !registrationOf.has(responseId)) {
        registrationOf.set(responseId, row.id);
        registrationResponseIds.push(responseId);
      }
    }
    const attendanceTable = talleres.table(ATTENDANCE_TAB);
    if (attendanceTable.exists()) {
      for (const row of attendanceTable.read({ fresh }).rows) {
        if (row.id !== '' && cellDni(row.record.dni) === dni) {
          attendance.push(row);
          ids.add(row.id);
          const name = cellString(row.record.fullName);
          if (name) names.add(name);
        }
      }
    }
  }

  // B08: 'Encuestas de talleres', by the person's registrations (the answers name no one else).
  const workshopSurveys: TableRow<WorkshopSurveyKey>[] = [];
  const certificates: TableRow<CertificateKey>[] = [];
  const sessionMails: TableRow<SessionMailKey>[] = [];
  let workshopSurveyFormId = '';
  if (talleres && registrations.length) {
    const regIds = new Set(registrations.map((r) => r.id));
    const surveysTable = talleres.table(WORKSHOP_SURVEYS_TAB);
    if (surveysTable.exists()) {
      for (const row of surveysTable.read({ fresh }).rows) {
        if (row.id === '' || !regIds.has(cellString(row.record.registrationId))) continue;
        workshopSurveys.push(row);
        ids.add(row.id);
      }
    }
    const mailsTable = talleres.table(SESSION_MAILS_TAB);
    if (mailsTable.exists()) {
      for (const row of mailsTable.read({ fresh }).rows) {
        // Every email of a session sent to one of the person's registrations (access links, notices, survey, slot).
        if (row.id === '' || !regIds.has(cellString(row.record.registrationId))) continue;
        sessionMails.push(row);
        ids.add(row.id);
      }
    }
    // B12: every certificate issued to one of the person's registrations (its code is an ID of hers).
    const certificatesTable = talleres.table(CERTIFICATES_TAB);
    if (certificatesTable.exists()) {
      for (const row of certificatesTable.read({ fresh }).rows) {
        if (row.id === '' || !regIds.has(cellString(row.record.registrationId))) continue;
        certificates.push(row);
        ids.add(row.id);
        const name = cellString(row.record.fullName);
        if (name) names.add(name);
      }
    }
    if (workshopSurveys.length) {
      workshopSurveyFormId =
        (opened.here === 'talleres' ? deps.properties.get(WORKSHOP_SURVEY_PROPERTY_KEYS.formId) : '') || readSettings(talleres.table(SETTINGS_TAB)).settings.workshopSurveyFormId || '';
    }
  }

  // 'Invitaciones', 'Bajas de difusión': by the person's addresses.
  const invitations: TableRow<InvitationKey>[] = [];
  const unsubscribes: TableRow<UnsubscribeKey>[] = [];
  if (talleres && emails.size) {
    const invitationsTable = talleres.table(INVITATIONS_TAB);
    if (invitationsTable.exists()) {
      for (const row of invitationsTable.read({ fresh }).rows) {
        if (row.id === '' || !emails.has(emailOf(row.record.email))) continue;
        invitations.push(row);
        ids.add(row.id);
      }
    }
    const unsubscribesTable = talleres.table(UNSUBSCRIBES_TAB);
    if (unsubscribesTable.exists()) {
      for (const row of unsubscribesTable.read({ fresh }).rows) {
        if ([...emails].some((e) => unsubscribeCellMatches(row.record.email, e))) unsubscribes.push(row);
      }
    }
  }

  // Issue 14: 'Solicitudes externas' — the requests whose contact person has one of her
  // addresses (the email searched, or those of her appointments and registrations). The
  // institution is not a person: only the contact's name, role, email and mobile are hers.
  const externalRequests: TableRow<ExternalRequestKey>[] = [];
  const externalResponseIds: string[] = [];
  const externalRequestOf = new Map<string, string>();
  if (talleres && emails.size) {
    const requestsTable = talleres.table(EXTERNAL_REQUESTS_TAB);
    if (requestsTable.exists()) {
      for (const row of requestsTable.read({ fresh }).rows) {
        if (row.id === '' || !emails.has(emailOf(row.record.contactEmail))) continue;
        externalRequests.push(row);
        ids.add(row.id);
        remember({ email: '', phone: row.record.contactPhone, fullName: row.record.contactName });
        const responseId = cellString(row.record.responseId);
        if (responseId && !externalRequestOf.has(responseId)) {
          externalRequestOf.set(responseId, row.id);
          externalResponseIds.push(responseId);
        }
      }
    }
  }

  // Check-ins («Formato de asistencia», B09, i12-checkin): the form's responses naming the DNI.
  // They are linked to nothing in the sheets (the 'Asistencia' row has the time, not the
  // response), so the form is read and each response's document compared.
  const checkinResponses: HeldResponse[] = [];
  let checkinFormId = '';
  let checkinFormProblem = '';
  if (talleres && dni) {
    checkinFormId = opened.here === 'talleres' ? (deps.properties.get(CHECKIN_PROPERTY_KEYS.formId) ?? '') : '';
    if (!checkinFormId) checkinFormId = readSettings(talleres.table(SETTINGS_TAB)).settings.checkinFormId ?? '';
    if (checkinFormId) {
      try {
        const documents = new Set([dni]);
        for (const r of deps.forms.responses(checkinFormId)) if (checkinNamesDocument(r.answers, documents)) checkinResponses.push({ responseId: r.responseId, appointmentId: '', answers: r });
      } catch (e) {
        checkinFormProblem = M.checkinFormUnreachable(e instanceof Error ? e.message : String(e));
      }
    }
  }
  const checkinResponseIds = checkinResponses.map((r) => r.responseId);
  for (const id of checkinResponseIds) ids.add(id);

  const identity: PersonIdentity = { dni, emails: [...emails], phones: [...phones], names: [...names] };
  const matcher = personMatcher(identity);
  for (const id of [...responseIds, ...registrationResponseIds, ...externalResponseIds]) ids.add(id);
  const inText = new Set([...ids].filter((id) => id.length >= MIN_ID_IN_TEXT));
  const mentioned = (text: string) => matcher.identifies(text) || mentionsAnyId(text, inText);

  // 'Revisión' and 'Registro de auditoría' of each spreadsheet: here first.
  const logs: HeldLogs[] = [];
  const order: SpreadsheetRole[] = opened.here === 'atenciones' ? ['atenciones', 'talleres'] : ['talleres', 'atenciones'];
  for (const where of order) {
    const book = opened.books[where];
    if (!book) continue;
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
        // A survey response the linking could not attach (code already used…) is the person's too.
        if (where === 'atenciones' && surveyKinds.has(cellString(row.record.kind)) && reference !== '' && !responseOf.has(reference)) {
          responseOf.set(reference, '');
          responseIds.push(reference);
          ids.add(reference);
        }
      }
    }
    logs.push({ where, book, review, audit: [] });
  }
  for (const log of logs) {
    const auditTable = log.book.table(AUDIT_TAB);
    if (!auditTable.exists()) continue;
    for (const row of auditTable.read({ fresh }).rows) {
      const about = idTokens(cellString(row.record.target)).some((t) => ids.has(t)) || mentioned(cellString(row.record.detail));
      if (about) log.audit.push(row);
    }
  }

  // The forms: each response by its ID.
  let responses: HeldResponse[] = [];
  let formId = '';
  let formProblem = '';
  if (atenciones && responseIds.length) {
    formId = attentionSurveyFormId(deps, atenciones, opened.here === 'atenciones');
    if (formId === '') formProblem = M.surveyFormMissing(responseIds.length);
    else ({ responses, problem: formProblem } = readResponses(deps.forms, formId, responseIds, responseOf, M.surveyFormUnreachable));
  }
  let registrationResponses: HeldResponse[] = [];
  let registrationFormId = '';
  let registrationFormProblem = '';
  if (talleres && registrationResponseIds.length) {
    registrationFormId = registrationFormIdOf(deps, talleres, opened.here === 'talleres');
    if (registrationFormId === '') registrationFormProblem = M.registrationFormMissing(registrationResponseIds.length);
    else
      ({ responses: registrationResponses, problem: registrationFormProblem } = readResponses(
        deps.forms,
        registrationFormId,
        registrationResponseIds,
        registrationOf,
        M.registrationFormUnreachable,
      ));
  }

  // Issue 14: the request form's answers, by the IDs on her requests (the form is the setting's, of "Talleres").
  let externalResponses: HeldResponse[] = [];
  let externalFormId = '';
  let externalFormProblem = '';
  if (talleres && externalResponseIds.length) {
    externalFormId = readSettings(talleres.table(SETTINGS_TAB)).settings.externalRequestFormId ?? '';
    if (externalFormId === '') externalFormProblem = ME.formMissing(externalResponseIds.length);
    else ({ responses: externalResponses, problem: externalFormProblem } = readResponses(deps.forms, externalFormId, externalResponseIds, externalRequestOf, ME.formUnreachable));
  }

  const attentionLogs = logs.find((l) => l.where === 'atenciones');
  return {
    ok: true,
    held: {
      query,
      dni,
      key: query.key,
      here: opened.here,
      atenciones,
      talleres,
      siblingProblem: opened.problem,
      siblingUnreachable: opened.unreachable,
      appointments,
      responses,
      responseIds,
      formId,
      formProblem,
      rowsWithoutId,
      registrations,
      registrationRowsWithoutId,
      attendance,
      invitations,
      unsubscribes,
      registrationResponses,
      registrationResponseIds,
      registrationFormId,
      registrationFormProblem,
      checkinResponses,
      checkinResponseIds,
      checkinFormId,
      checkinFormProblem,
      workshopSurveys,
      workshopSurveyFormId,
      sessionMails,
      certificates,
      externalRequests,
      externalResponses,
      externalResponseIds,
      externalFormId,
      externalFormProblem,
      logs,
      review: attentionLogs?.review ?? [],
      audit: attentionLogs?.audit ?? [],
      identity,
      matcher,
      ids,
    },
  };
}

function validDate(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

function responseFields(r: HeldResponse): FieldLine[] {
  return [
    { label: L.responseSubmittedAt, value: cellText(validDate(r.answers.submittedAt)) },
    ...Object.entries(r.answers.answers).map(([label, v]) => ({ label, value: typeof v === 'string' ? v : v.join(', ') })),
  ].filter((f) => f.value !== '');
}

/** The fields of a registration, with consent, notice version and 'Acepta novedades' always present (what was consented to is part of the access). */
export function registrationFields(record: TableRow<RegistrationKey>['record']): FieldLine[] {
  const always = new Set<RegistrationKey>(['consent', 'noticeVersion', 'acceptsNews']);
  const out: FieldLine[] = [];
  for (const col of REGISTRATIONS_TAB.columns) {
    const raw = record[col.key];
    const value = always.has(col.key) && (raw === '' || raw === null || raw === undefined) ? L.notRecorded : cellText(raw, col);
    if (value !== '') out.push({ label: col.header, value });
  }
  return out;
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
    out.push({ source: S.survey, id: r.responseId, summary: M.responseSummary(validDate(r.answers.submittedAt), r.appointmentId), fields: responseFields(r) });
  }
  for (const row of held.registrations) {
    out.push({
      source: S.registrations,
      id: row.id,
      summary: M.registrationSummary(cellString(row.record.moduleId), validDate(row.record.registeredAt), cellString(row.record.status)),
      fields: registrationFields(row.record),
    });
  }
  for (const r of held.registrationResponses) {
    out.push({
      source: S.registrationForm,
      id: r.responseId,
      summary: M.registrationResponseSummary(validDate(r.answers.submittedAt), r.appointmentId),
      fields: responseFields(r),
    });
  }
  for (const r of held.checkinResponses) {
    out.push({ source: S.checkinForm, id: r.responseId, summary: M.checkinResponseSummary(validDate(r.answers.submittedAt)), fields: responseFields(r) });
  }
  for (const row of held.attendance) {
    out.push({
      source: S.attendance,
      id: row.id,
      summary: M.attendanceSummary(cellString(row.record.sessionId), row.record.present === true),
      fields: recordFields(ATTENDANCE_TAB.columns, row.record),
    });
  }
  for (const row of held.workshopSurveys) {
    const score = row.record.score;
    out.push({
      source: S.workshopSurveys,
      id: row.id,
      summary: M.workshopSurveySummary(cellString(row.record.sessionId), typeof score === 'number' ? String(score) : cellString(score)),
      fields: recordFields(WORKSHOP_SURVEYS_TAB.columns, row.record),
    });
  }
  for (const row of held.sessionMails) {
    out.push({
      source: S.sessionMails,
      id: row.id,
      summary: M.sessionMailSummary(cellString(row.record.kind), cellString(row.record.sessionId), cellString(row.record.delivery)),
      fields: recordFields(SESSION_MAILS_TAB.columns, row.record),
    });
  }
  for (const row of held.certificates) {
    out.push({
      source: CERTIFICATE_SOURCE,
      id: row.id,
      summary: MC.summary(cellString(row.record.moduleName), cellString(row.record.state), validDate(row.record.issuedAt)),
      fields: recordFields(CERTIFICATES_TAB.columns, row.record),
    });
  }
  for (const row of held.externalRequests) {
    out.push({
      source: EXTERNAL_REQUEST_SOURCE,
      id: row.id,
      summary: ME.summary(cellString(row.record.institution), cellString(row.record.topic), validDate(row.record.receivedAt), cellString(row.record.state)),
      fields: recordFields(EXTERNAL_REQUESTS_TAB.columns, row.record),
    });
  }
  for (const r of held.externalResponses) {
    out.push({ source: EXTERNAL_FORM_SOURCE, id: r.responseId, summary: ME.responseSummary(validDate(r.answers.submittedAt), r.appointmentId), fields: responseFields(r) });
  }
  for (const row of held.invitations) {
    out.push({
      source: S.invitations,
      id: row.id,
      summary: M.invitationSummary(cellString(row.record.moduleId), cellString(row.record.source), cellString(row.record.delivery)),
      fields: recordFields(INVITATIONS_TAB.columns, row.record),
    });
  }
  for (const row of held.unsubscribes) {
    const cell = cellString(row.record.email);
    const fields = recordFields(UNSUBSCRIBES_TAB.columns, row.record).map((f) =>
      f.label === UNSUBSCRIBES_TAB.columns[0].header && isUnsubscribeKey(cell) ? { label: f.label, value: L.unsubscribeHashed } : f,
    );
    out.push({ source: S.unsubscribes, id: L.auditRow(row.rowNumber), summary: M.unsubscribeSummary(validDate(row.record.at)), fields });
  }
  for (const log of held.logs) {
    const reviewSource = log.where === 'atenciones' ? S.review : S.workshopsReview;
    const auditSource = log.where === 'atenciones' ? S.audit : S.workshopsAudit;
    for (const row of log.review) {
      out.push({
        source: reviewSource,
        id: row.id,
        summary: M.reviewSummary(validDate(row.record.at), cellString(row.record.kind), cellString(row.record.status)),
        fields: recordFields(REVIEW_TAB.columns, row.record),
      });
    }
    for (const row of log.audit) {
      out.push({
        source: auditSource,
        id: L.auditRow(row.rowNumber),
        summary: M.auditSummary(validDate(row.record.at), cellString(row.record.action)),
        fields: recordFields(AUDIT_TAB.columns, row.record),
      });
    }
  }
  return out;
}

/** Registration emails (confirmation, waiting list, place, certificate) marked sent. */
function registrationEmailsSent(held: HeldData): number {
  let n = 0;
  for (const r of held.registrations) {
    for (const key of ['confirmation', 'waitlistNotice', 'promotionNotice', 'certificate'] as const) if (deliveryStatus(r.record[key]) === 'enviado') n++;
  }
  return n;
}

/** What the panel cannot reach, in Spanish. */
export function heldNotes(held: HeldData): string[] {
  const notes: string[] = [];
  if (held.siblingProblem) notes.push(held.siblingProblem);
  const sent = (key: AppointmentKey) => held.appointments.filter((r) => deliveryStatus(r.record[key]) === 'enviado').length;
  const emails = M.emailsSent({
    reminders: sent('reminderStatus'),
    surveys: sent('surveyStatus'),
    abandonment: sent('abandonmentEmail'),
    invitations: sent('workshopInvitation') + held.invitations.filter((r) => deliveryStatus(r.record.delivery) === 'enviado').length,
  });
  if (emails) notes.push(emails);
  const registrationEmails = registrationEmailsSent(held);
  if (registrationEmails) notes.push(M.registrationEmails(registrationEmails));
  const events = held.appointments.filter((r) => cellString(r.record.eventId) !== '').length;
  if (events) notes.push(M.calendarEvents(events));
  if (held.responses.length) notes.push(M.formResponsesCopy);
  if (held.formProblem) notes.push(held.formProblem);
  if (held.registrationResponses.length) notes.push(M.registrationResponsesCopy);
  if (held.registrationFormProblem) notes.push(held.registrationFormProblem);
  if (held.checkinResponses.length) notes.push(M.checkinResponsesCopy);
  if (held.checkinFormProblem) notes.push(held.checkinFormProblem);
  if (held.unsubscribes.length) notes.push(M.unsubscribeKept);
  if (held.workshopSurveys.length) notes.push(M.workshopSurveyKept);
  if (held.certificates.length) notes.push(MC.kept(held.certificates.length, held.certificates.filter((r) => deliveryStatus(r.record.delivery) === 'enviado').length));
  if (held.externalRequests.length) notes.push(ME.kept);
  if (held.externalResponses.length) notes.push(ME.formCopy);
  if (held.externalFormProblem) notes.push(held.externalFormProblem);
  if (held.rowsWithoutId.length) notes.push(M.rowsWithoutId(held.rowsWithoutId));
  if (held.registrationRowsWithoutId.length) notes.push(M.registrationRowsWithoutId(held.registrationRowsWithoutId));
  if (held.query.kind === 'email') notes.push(M.byEmailScope);
  notes.push(M.platform, M.scope);
  return notes;
}

export function heldCounts(held: HeldData): Required<HeldCounts> {
  return {
    appointments: held.appointments.length,
    review: held.logs.reduce((n, l) => n + l.review.length, 0),
    responses: held.responses.length,
    audit: held.logs.reduce((n, l) => n + l.audit.length, 0),
    registrations: held.registrations.length,
    attendance: held.attendance.length,
    invitations: held.invitations.length,
    unsubscribes: held.unsubscribes.length,
    registrationResponses: held.registrationResponses.length,
    checkinResponses: held.checkinResponses.length,
    workshopSurveys: held.workshopSurveys.length,
    sessionMails: held.sessionMails.length,
    certificates: held.certificates.length,
    externalRequests: held.externalRequests.length,
    externalResponses: held.externalResponses.length,
  };
}

/** The panel's answer for what was gathered. */
export function lookupResult(held: HeldData): PersonLookupResult {
  const n = countTotal(heldCounts(held));
  return {
    ok: true,
    dni: held.key,
    message: n ? M.found(held.key, heldCounts(held)) : M.nothingFound(held.key),
    records: recordViews(held),
    notes: heldNotes(held),
  };
}

/** The records that name the person by ID, for the audit line's 'Para' (never the DNI). */
export function heldTargets(held: HeldData): string {
  return [...held.appointments, ...held.registrations, ...held.externalRequests].map((r) => r.id).join(', ');
}

/** Everything held on the person with this DNI or email (as typed: it is checked first; nothing is searched when it is neither). */
export function findPersonData(deps: PersonDataDeps, rawQuery: unknown): PersonLookupResult {
  const input = parsePersonQuery(rawQuery);
  if (!input.ok) return { ok: false, dni: '', message: input.message, records: [], notes: [] };
  const gathered = gatherPersonData(deps, input.query, false);
  if (!gathered.ok) return { ok: false, dni: input.query.key, message: gathered.message, records: [], notes: [] };
  return lookupResult(gathered.held);
}

/** The same as a CSV file for the person: one line per field of every record. The export is audited. */
export function exportPersonData(deps: PersonDataDeps, rawQuery: unknown): PersonExport {
  const input = parsePersonQuery(rawQuery);
  if (!input.ok) return { ok: false, message: input.message, fileName: '', csv: '' };
  const gathered = gatherPersonData(deps, input.query, false);
  if (!gathered.ok) return { ok: false, message: gathered.message, fileName: '', csv: '' };
  const held = gathered.held;
  const records = recordViews(held);
  if (records.length === 0) return { ok: false, message: M.nothingToExport(held.key), fileName: '', csv: '' };
  const lines: ExportLine[] = records.flatMap((r) => r.fields.map((f) => ({ source: r.source, id: r.id, field: f.label, value: f.value })));
  const fileName = exportFileName(held.key, deps.clock.now());
  // Who exported which DNI: the audit line names the DNI on purpose — it is the record of a
  // request under Ley 29733 (who answered it, when). A later deletion redacts it like any mention.
  deps.audit.record({
    action: A.exported,
    target: heldTargets(held),
    result: 'Correcto',
    detail: M.exportedAudit(held.key, records.length),
  });
  return { ok: true, message: M.exported(held.key, lines.length, fileName), fileName, csv: buildPersonCsv(lines) };
}
