/**
 * Importing the platform's report of booked appointments (A01).
 *
 *   base64 → bytes → what the file really is (by content, never by its name)
 *          → rows (CSV: decodeText + parseCsv; XLSX: unzip + parseXlsx)
 *          → parseReport with the header aliases of 'Configuración'
 *          → under the script lock: read 'Citas' once, reconcileImport (cancellations inferred
 *            only inside the days and consultants the report covers)
 *          → previewImport: what would be written (new, changed, to cancel, rejected) and a
 *            signed plan ID; nothing is written
 *          → importReport with that plan ID: the plan computed again, applied only if it is the
 *            one previewed; today's or too many inferred cancellations need a second
 *            confirmation (domain/import/safety.ts). One append for the new rows, one batched
 *            update for the changed and cancelled ones, the rejected rows into 'Revisión', the
 *            undo record of the cancellations (script properties), and an immediate reminder
 *            run when a booking is for today (or tomorrow after the reminder hour)
 *          → counts, the Spanish summary, what was cancelled (with the undo ID), every rejected
 *            row with its reason, and warnings.
 *   undoImportCancellations(importId): the rows that import cancelled back to 'Programada',
 *   only those still exactly as it left them.
 *
 * Nothing in the file is dropped silently: a row is inserted, updated, left as it was, or
 * returned as rejected (and recorded in 'Revisión', so it is not lost when the panel closes).
 * Re-importing the same file writes nothing to 'Citas' nor 'Revisión'.
 *
 * Appointments booked from the panel (origin 'Sidebar') are not on the platform's report: they
 * are never cancelled because the report does not list them.
 */
import { loadSettings } from '../team';
import { appendObservation, cancelAppointment, reinstateAppointment } from '../../domain/appointment';
import { APPOINTMENT_MESSAGES } from '../../domain/messages/appointments';
import { decodeText, type TextEncodingName } from '../../domain/import/decode';
import { parseCsv } from '../../domain/import/csv';
import { comparableFields, coveredByReport, reconcileImport, summariseImport, type ExistingAppointment, type ImportPlan, type ImportScope, type ImportUpdate } from '../../domain/import/reconcile';
import {
  allUndoRecords,
  assessCancellations,
  completedCancellation,
  CANCELLATION_CONFIRM_SHARE,
  checkPlanToken,
  decodeUndo,
  encodeUndo,
  importIdFor,
  planFingerprint,
  planToken,
  undoDecision,
  undoEntry,
  undoKeys,
  UNDO_TTL_MS,
  type CancellationRisk,
  type UndoRecord,
} from '../../domain/import/safety';
import { isAnonymisedAppointment } from '../../domain/personal-data';
import { hasReportHeader, parseReport, type ImportedAppointment, type RejectedRow } from '../../domain/import/report';
import { looksLikeHtmlTable, parseHtmlTables } from '../../domain/import/html-table';
import { FIELD_LABELS, HTML_TABLE_MESSAGES, ODS_MESSAGES, SHEET_READ_MESSAGES, XLS_MESSAGES } from '../../domain/import/messages';
import { looksLikeFlatOds, parseOds, parseOdsXml } from '../../domain/import/ods';
import { looksLikeSpreadsheetMl, parseSpreadsheetMl } from '../../domain/import/spreadsheetml';
import { parseXls } from '../../domain/import/xls';
import { parseXlsx, XlsxFormatError } from '../../domain/import/xlsx';
import { sha256Hex } from '../../domain/ids';
import { formatLimaDateTime, formatLimaTime, limaDateKey } from '../../domain/lima-time';
import {
  FILE_KIND_NAMES,
  IMPORT_AUDIT as A,
  IMPORT_CANCELLATION_PLATFORM,
  IMPORT_CANCELLATION_REASON,
  IMPORT_FILE_MESSAGES as M,
  IMPORT_PREVIEW_MESSAGES as PM,
  IMPORT_REVIEW,
  MAX_REPORT_BYTES,
  REVIEW_KIND_REJECTED_ROW,
} from '../../domain/messages/import';
import { reminderDates, reminderTiming } from '../../domain/reminders';
import { APPOINTMENTS_TAB, REVIEW_TAB, SETTINGS_TAB, type AppointmentKey, type ReviewKey } from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { MissingColumnError } from '../../domain/table';
import { LockBusyError, type AuditLog, type Clock, type KeyValueStore, type Lock, type RowChange, type Scheduler, type Workbooks } from '../../ports';
import { requestReminderRun } from '../reminders';
import {
  appointmentIdFor,
  appointmentStart,
  appointmentStatus,
  cellString,
  patchToFields,
  reconcileKeyOf,
  scheduleFields,
  toAppointmentFacts,
  type AppointmentFields,
} from './rows';
import { signingSecret } from '../signing';

// ---------------------------------------------------------------------------- ports of this use case

/** Bytes of an uploaded file (src/gas/files.ts over Utilities; Node in tests). */
export interface ReportFiles {
  /** Bytes of base64 text, signed (Apps Script) or unsigned. Throws when the text is not base64. */
  decodeBase64(base64: string): ArrayLike<number>;
  /** Path → text of the XML parts of a ZIP. Throws when the bytes are not a readable ZIP. */
  unzipText(bytes: ArrayLike<number>): Record<string, string>;
}

export interface ImportDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  scheduler: Scheduler;
  lock: Lock;
  clock: Clock;
  audit: AuditLog;
  files: ReportFiles;
}

// ---------------------------------------------------------------------------- result

export interface ImportCounts {
  inserted: number;
  /** Changed rows, moved and reinstated ones included. */
  updated: number;
  moved: number;
  reinstated: number;
  cancelled: number;
  /** Registered appointments the report lists with nothing new. */
  unchanged: number;
  rejected: number;
  /** Annulled on the platform and never registered here: nothing to do. */
  cancelledOnPlatformNotHeld: number;
}

export interface RejectedRowView {
  line: number;
  /** 'Fila 7: el DNI «1234» no tiene 8 dígitos; falta el correo electrónico' */
  reason: string;
}

export interface ImportResult {
  /** False when the file was refused as a whole (nothing was written). */
  ok: boolean;
  fileName: string;
  format: ReportFormat | null;
  /** Encoding of a CSV ('utf-8', 'utf-8-bom', 'windows-1252' …); null for a workbook or a refused file. */
  encoding: TextEncodingName | null;
  /** Why nothing was imported (ok false). */
  problem: string | null;
  /** One Spanish paragraph for the panel. */
  summary: string;
  counts: ImportCounts;
  rejected: RejectedRowView[];
  /** Rows imported with something to know (a landline kept as typed), and notices. */
  warnings: string[];
  /** True when the reminders of today's (or tomorrow's) new bookings go out in a few minutes. */
  reminderRunRequested: boolean;
  /** What this import cancelled, by name and Lima date and time. */
  cancelledList: ImportItemView[];
  /** Send to `undoImportCancellations` to undo this import's cancellations; null when it cancelled nothing. */
  undoId: string | null;
  /** True when the confirmation was refused because the plan changed since the preview. */
  stale?: boolean;
}

const NO_COUNTS: ImportCounts = {
  inserted: 0,
  updated: 0,
  moved: 0,
  reinstated: 0,
  cancelled: 0,
  unchanged: 0,
  rejected: 0,
  cancelledOnPlatformNotHeld: 0,
};

// ---------------------------------------------------------------------------- what the file is

/**
 * What the report file was: a CSV, an Excel workbook (.xlsx, or the older .xls), an Excel 2003
 * XML spreadsheet, an OpenDocument spreadsheet, or an HTML table saved as '.xls' (how many web
 * platforms export "Excel").
 */
export type ReportFormat = 'csv' | 'xlsx' | 'xls' | 'xml' | 'ods' | 'html';

export type FileContent =
  | { kind: 'xlsx' }
  | { kind: 'xls' }
  | { kind: 'text' }
  | { kind: 'refused'; message: string };

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/**
 * What the bytes are, by their first bytes (a file's name says little: platforms export HTML as
 * '.xls', people rename files). A ZIP is taken as XLSX and checked when unzipped.
 */
export function detectFileContent(b: Uint8Array): FileContent {
  if (b.length === 0) return { kind: 'refused', message: M.empty };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'xlsx' };
  // OLE2 compound file: Excel 97–2003 or 5.0/95 (.xls); the reader names a Word or PowerPoint file.
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'xls' };
  if (startsWith(b, ascii('%PDF'))) return { kind: 'refused', message: M.notCsvOrXlsx(FILE_KIND_NAMES.pdf) };
  const image =
    startsWith(b, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(b, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(b, ascii('GIF8')) ||
    (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) ||
    // BMP: 'BM' then the file's own size, so a text starting with 'BM' is not taken for one.
    (startsWith(b, ascii('BM')) && b.length >= 6 && (b[2] | (b[3] << 8) | (b[4] << 16) | (b[5] << 24)) === b.length);
  if (image) return { kind: 'refused', message: M.notCsvOrXlsx(FILE_KIND_NAMES.image) };
  if (startsWith(b, [0x1f, 0x8b]) || startsWith(b, ascii('Rar!')) || startsWith(b, [0x37, 0x7a, 0xbc, 0xaf])) {
    return { kind: 'refused', message: M.notCsvOrXlsx(FILE_KIND_NAMES.zip) };
  }
  return { kind: 'text' };
}

/** True when decoded "text" is really binary: NUL bytes or many control characters. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0x80 && c <= 0x9f)) control++;
  }
  return n > 0 && control / n > 0.02;
}

type Rows =
  | {
      ok: true;
      rows: unknown[][];
      format: ReportFormat;
      encoding: TextEncodingName | null;
      /** A web page's other tables with data, in order, when it has several (the report is the one with its header). */
      alternatives?: unknown[][][];
    }
  | { ok: false; message: string };

function toUnsigned(bytes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] & 0xff;
  return out;
}

/** The rows of the report file, or why it cannot be read. */
export function readReportRows(files: ReportFiles, fileName: string, base64: string): Rows {
  let bytes: Uint8Array;
  try {
    // The panel may send a data URL (FileReader.readAsDataURL): only what follows the comma is data.
    const data = String(base64 ?? '').replace(/^data:[^,]*,/, '');
    bytes = toUnsigned(files.decodeBase64(data));
  } catch {
    return { ok: false, message: M.badBase64 };
  }
  if (bytes.length > MAX_REPORT_BYTES) return { ok: false, message: M.tooLarge(MAX_REPORT_BYTES / (1024 * 1024)) };
  const content = detectFileContent(bytes);
  if (content.kind === 'refused') return { ok: false, message: content.message };

  if (content.kind === 'xls') return workbookRows(() => parseXls(bytes), 'xls', XLS_MESSAGES.damaged);
  if (content.kind === 'xlsx') {
    let entries: Record<string, string>;
    try {
      entries = files.unzipText(bytes);
    } catch {
      return { ok: false, message: M.damagedZip };
    }
    const names = Object.keys(entries).map((k) => k.replace(/^\//, '').toLowerCase());
    if (names.includes('word/document.xml')) return { ok: false, message: M.notCsvOrXlsx(FILE_KIND_NAMES.word) };
    // OpenDocument (LibreOffice «Guardar como .ods»); the reader names a text document or a password.
    if (names.includes('content.xml') && !names.includes('xl/workbook.xml')) return workbookRows(() => parseOds(entries), 'ods', ODS_MESSAGES.damaged);
    if (!names.some((n) => n.startsWith('xl/'))) return { ok: false, message: M.notCsvOrXlsx(FILE_KIND_NAMES.zip) };
    try {
      return { ok: true, rows: parseXlsx(entries), format: 'xlsx', encoding: null };
    } catch (e) {
      // parseXlsx's own messages are Spanish sentences for the consultant.
      if (e instanceof XlsxFormatError) return { ok: false, message: e.message };
      return { ok: false, message: M.damagedZip };
    }
  }

  const { text, encoding } = decodeText(bytes);
  if (looksBinary(text)) return { ok: false, message: M.notCsvOrXlsx(FILE_KIND_NAMES.binary) };
  // Text that is a spreadsheet: Excel 2003 XML, a single-file OpenDocument (.fods), or an HTML
  // table saved as '.xls' (how many web platforms export "Excel").
  if (looksLikeSpreadsheetMl(text)) return workbookRows(() => parseSpreadsheetMl(text), 'xml', SHEET_READ_MESSAGES.xmlWorkbookDamaged);
  if (looksLikeFlatOds(text)) return workbookRows(() => parseOdsXml(text), 'ods', ODS_MESSAGES.damaged);
  if (looksLikeHtmlTable(text)) {
    let tables: unknown[][][];
    try {
      tables = parseHtmlTables(text);
    } catch (e) {
      return { ok: false, message: e instanceof XlsxFormatError ? e.message : HTML_TABLE_MESSAGES.noTable };
    }
    if (tables.length === 0) return { ok: false, message: HTML_TABLE_MESSAGES.noTable };
    return { ok: true, rows: tables[0], format: 'html', encoding, ...(tables.length > 1 ? { alternatives: tables } : {}) };
  }
  return { ok: true, rows: parseCsv(text), format: 'csv', encoding };
}

/** Rows from a workbook reader, its Spanish refusal, or `fallback` for anything unexpected. */
function workbookRows(read: () => unknown[][], format: ReportFormat, fallback: string): Rows {
  try {
    return { ok: true, rows: read(), format, encoding: null };
  } catch (e) {
    return { ok: false, message: e instanceof XlsxFormatError ? e.message : fallback };
  }
}

// ---------------------------------------------------------------------------- the registered appointments

/** Does this Observaciones text end in a cancellation the import itself made? */
function cancelledByImport(observations: string): boolean {
  const lines = observations.split('\n').map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].startsWith('Cancelada')) continue;
    return lines[i].includes(IMPORT_CANCELLATION_REASON) || lines[i].includes(IMPORT_CANCELLATION_PLATFORM);
  }
  return false;
}

interface Registered {
  existing: ExistingAppointment[];
  /** reconcile key → the row. */
  byKey: Map<string, TableRow<AppointmentKey>>;
  /** Keys of appointments booked from the panel (kept out of reconciliation). */
  walkInKeys: Set<string>;
  ids: Set<string>;
}

function registered(rows: readonly TableRow<AppointmentKey>[]): Registered {
  const out: Registered = { existing: [], byKey: new Map(), walkInKeys: new Set(), ids: new Set() };
  for (const row of rows) {
    if (row.id === '') continue;
    out.ids.add(row.id);
    const r = row.record;
    const start = appointmentStart(r);
    const status = appointmentStatus(r);
    if (!start || !status) continue; // a row a person broke: never touched by an import
    const key = reconcileKeyOf(r, start);
    if (cellString(r.origin) === 'Sidebar') {
      out.walkInKeys.add(key);
      continue;
    }
    if (out.byKey.has(key)) continue;
    out.byKey.set(key, row);
    out.existing.push({
      key,
      start,
      status,
      fields: {
        code: cellString(r.platformCode),
        documentType: cellString(r.documentType),
        dni: cellString(r.dni),
        fullName: cellString(r.fullName),
        email: cellString(r.email),
        phone: cellString(r.phone),
        consultant: cellString(r.consultant),
        service: cellString(r.service),
      },
      ...(status === 'Cancelada' ? { cancellationSource: cancelledByImport(cellString(r.observations)) ? 'import' : 'manual' } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------- rows to write

/** A new 'Citas' row for an appointment of the report. */
export function importedRecord(a: ImportedAppointment, now: Date, id: string): AppointmentFields {
  return {
    id,
    platformCode: a.code ?? '',
    documentType: a.documentType,
    dni: a.dni,
    fullName: a.fullName,
    email: a.email,
    phone: a.phone ?? '',
    ...scheduleFields(a.start),
    consultant: a.consultant ?? '',
    service: a.service ?? '',
    status: 'Programada',
    reminderStatus: '',
    origin: 'Importación',
    importedAt: now,
    updatedAt: now,
  };
}

const CHANGE_COLUMNS: Record<string, AppointmentKey> = {
  code: 'platformCode',
  documentType: 'documentType',
  dni: 'dni',
  fullName: 'fullName',
  email: 'email',
  phone: 'phone',
  consultant: 'consultant',
  service: 'service',
};

/**
 * The fields of a registered row an update of the report changes. A new date or time sets the
 * reminder back to '' (the reminders run sends a new one and moves the calendar event, whose ID
 * stays in 'ID evento'); a reinstatement goes through the state machine.
 */
function updateFields(u: ImportUpdate, row: TableRow<AppointmentKey>, now: Date): AppointmentFields | null {
  // A person's data deleted at their request (Ley 29733) is not brought back by an older report.
  if (isAnonymisedAppointment(row.record)) return null;
  const f: AppointmentFields = {};
  for (const [k, v] of Object.entries(u.changes)) {
    const col = CHANGE_COLUMNS[k];
    if (col) f[col] = (v as FieldValue) ?? '';
  }
  if (u.changes.start) Object.assign(f, scheduleFields(u.changes.start));
  if (u.moved) {
    f.reminderStatus = '';
    f.reminderSentAt = '';
  }
  if (u.reinstated) {
    const facts = toAppointmentFacts(row);
    if (!facts) return null;
    const r = reinstateAppointment({ ...facts, start: u.changes.start ?? facts.start }, now);
    if (!r.ok) return null;
    Object.assign(f, patchToFields(r.patch));
  }
  f.updatedAt = now;
  return f;
}

// ---------------------------------------------------------------------------- immediate reminders

/** True when an appointment at `start` is in the reminders' window right now (A02). */
export function needsImmediateReminder(start: Date, now: Date, reminderHour: number): boolean {
  return start.getTime() > now.getTime() && reminderDates(now, reminderHour).includes(limaDateKey(start));
}

export type ReminderRunRequest = 'scheduled' | 'already-pending' | 'failed';

/**
 * Asks for a `runReminders` run in a minute through the reminders' own request (one one-off
 * trigger at most, its ID in PENDING_REMINDER_RUN_PROPERTY; the run deletes both). Called holding
 * the script lock, so two imports at once make one trigger.
 */
export function requestImmediateReminderRun(deps: Pick<ImportDeps, 'properties' | 'scheduler' | 'audit' | 'lock' | 'clock'>, reason: string): ReminderRunRequest {
  try {
    if (!requestReminderRun(deps)) return 'already-pending';
    deps.audit.record({ action: A.reminderRun, target: 'runReminders', result: 'Correcto', detail: reason });
    return 'scheduled';
  } catch (e) {
    // Too many triggers, or ScriptApp failing: the daily run still sends them; the panel says so.
    deps.audit.record({ action: A.reminderRun, target: 'runReminders', result: 'Error', detail: e instanceof Error ? e.message : String(e) });
    return 'failed';
  }
}

// ---------------------------------------------------------------------------- 'Revisión'

function looseKey(key: string): string {
  return /^\d+$/.test(key) ? key.replace(/^0+(?=\d)/, '') : key;
}

/**
 * Review rows for the rejected rows not recorded yet. The ID comes from the row's content (and
 * its repetition within the file), not its line: importing the same file again, or a newer one
 * where the same bad row moved down, adds nothing.
 */
function reviewRows(rejected: readonly RejectedRow[], fileName: string, now: Date, existingIds: ReadonlySet<string>): Partial<Record<ReviewKey, FieldValue>>[] {
  const seen = new Map<string, number>();
  const out: Partial<Record<ReviewKey, FieldValue>>[] = [];
  for (const r of rejected) {
    const content = r.raw.map((v) => v.trim()).join('\u0001');
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    const id = 'IMP-' + sha256Hex(`${content}\u0000${n}`).slice(0, 16);
    if (existingIds.has(id)) continue;
    out.push({
      id,
      at: now,
      kind: REVIEW_KIND_REJECTED_ROW,
      reference: IMPORT_REVIEW.reference(fileName, r.line),
      detail: IMPORT_REVIEW.detail(r.reason, r.raw),
      status: 'Pendiente',
    });
  }
  return out;
}

// ---------------------------------------------------------------------------- the use case

function refused(fileName: string, message: string, deps: Pick<ImportDeps, 'audit'>, format: ImportResult['format'] = null): ImportResult {
  deps.audit.record({ action: A.import, target: fileName, result: 'Error', detail: message });
  return {
    ok: false,
    fileName,
    format,
    encoding: null,
    problem: message,
    summary: message,
    counts: { ...NO_COUNTS },
    rejected: [],
    warnings: [],
    reminderRunRequested: false,
    cancelledList: [],
    undoId: null,
  };
}

/** The confirmation the panel sends back with the same file (issue 10 item 2). */
export interface ImportConfirmation {
  /** The preview's `planId`: the import applies only that plan. */
  planId: string;
  /** The consultant ticked «Sí, cancelar también estas citas» (today's, or many at once). */
  confirmCancellations?: boolean;
}

/** One appointment in the preview or the result: who, when (Lima), and what happens to it. */
export interface ImportItemView {
  id: string;
  name: string;
  /** 'viernes 28 de noviembre de 2026, 10:00 a. m.' */
  when: string;
  /** 'ya no figura en el reporte · es de hoy', 'cambia: Correo electrónico' … */
  detail: string;
}

export interface ImportPreview {
  ok: boolean;
  fileName: string;
  format: ReportFormat | null;
  encoding: TextEncodingName | null;
  problem: string | null;
  /** What confirming would do, in one Spanish paragraph. */
  summary: string;
  /** What the report covers, and so where a cancellation may be inferred. */
  scope: string;
  /** Send it back with the same file to apply exactly this plan; null when there is nothing to apply. */
  planId: string | null;
  counts: ImportCounts;
  inserts: ImportItemView[];
  updates: ImportItemView[];
  cancellations: ImportItemView[];
  rejected: RejectedRowView[];
  warnings: string[];
  /** True when the cancellations need «Sí, cancelar también estas citas». */
  needsSecondConfirmation: boolean;
  /** Why (Spanish), '' when not needed. */
  secondConfirmation: string;
}

export interface UndoImportResult {
  ok: boolean;
  summary: string;
  restored: ImportItemView[];
  /** Rows left as they are, with why. */
  notRestored: ImportItemView[];
  reminderRunRequested: boolean;
}

/** Script properties holding the undo records of imports (domain/import/safety.ts). */
export const IMPORT_UNDO_PREFIX = 'IMPORT_UNDO_';

interface Prepared {
  name: string;
  format: ReportFormat;
  encoding: TextEncodingName | null;
  appointments: ImportedAppointment[];
  rejected: RejectedRow[];
  warnings: string[];
  reminderHour: number;
}

/** Reads and parses the file; the refusal to return when it cannot be imported at all. */
function prepare(deps: ImportDeps, fileName: string, base64: string): { ok: true; p: Prepared } | { ok: false; refusal: ImportResult } {
  const name = String(fileName ?? '').trim() || 'reporte';
  const read = readReportRows(deps.files, name, base64);
  if (!read.ok) return { ok: false, refusal: refused(name, read.message, deps) };

  const workbook = deps.workbooks.current();
  const { settings } = loadSettings(workbook.table(SETTINGS_TAB), deps.properties);
  const now = deps.clock.now();
  // A web page with several tables (filters, a title block…): the report is the first with its header.
  const rows = read.alternatives?.find((t) => hasReportHeader(t, settings.headerAliases)) ?? read.rows;
  const parsed = parseReport(rows, settings.headerAliases, { now });
  if (parsed.fileProblem) return { ok: false, refusal: refused(name, parsed.fileProblem, deps, read.format) };
  if (parsed.appointments.length === 0 && parsed.rejected.length === 0) return { ok: false, refusal: refused(name, M.noRows, deps, read.format) };
  if (!workbook.table(APPOINTMENTS_TAB).exists()) return { ok: false, refusal: refused(name, M.setupMissing, deps, read.format) };
  return {
    ok: true,
    p: {
      name,
      format: read.format,
      encoding: read.encoding,
      appointments: parsed.appointments,
      rejected: parsed.rejected,
      warnings: parsed.warnings.map((w) => w.message),
      reminderHour: settings.reminderHour,
    },
  };
}

function underLock<T>(deps: ImportDeps, name: string, format: ReportFormat, run: () => T): T | ImportResult {
  try {
    return deps.lock.withLock(run);
  } catch (e) {
    if (e instanceof LockBusyError) return refused(name, M.lockBusy, deps, format);
    if (e instanceof MissingColumnError) return refused(name, e.message, deps, format);
    throw e;
  }
}

/**
 * Step 1 of the panel's import: what importing this file would do, written nowhere. The consultant
 * reads it and confirms with `importReport(fileName, base64, { planId })`.
 */
export function previewImport(deps: ImportDeps, fileName: string, base64: string): ImportPreview {
  const prep = prepare(deps, fileName, base64);
  if (!prep.ok) return refusedPreview(prep.refusal);
  const p = prep.p;
  // Under the lock: the signing secret may be created now, and the plan reads a consistent sheet.
  const out = underLock(deps, p.name, p.format, () => {
    const plan = computePlan(deps, p);
    return previewOf(deps, p, plan);
  });
  return 'planId' in out ? out : refusedPreview(out);
}

function refusedPreview(r: ImportResult): ImportPreview {
  return {
    ok: false,
    fileName: r.fileName,
    format: r.format,
    encoding: null,
    problem: r.problem,
    summary: r.summary,
    scope: '',
    planId: null,
    counts: r.counts,
    inserts: [],
    updates: [],
    cancellations: [],
    rejected: [],
    warnings: [],
    needsSecondConfirmation: false,
    secondConfirmation: '',
  };
}

/**
 * Step 2: applies the report. From the panel, with the preview's `planId`: the plan is computed
 * again and applied only if it is the one previewed (else nothing is written and the panel shows
 * the new preview); today's or too many inferred cancellations need `confirmCancellations`.
 * Without a confirmation (a script, the emulator's API) it applies the plan as it is now but
 * never makes an inferred cancellation that would need the second confirmation: those are held
 * back and the result says so.
 */
export function importReport(deps: ImportDeps, fileName: string, base64: string, confirmation?: ImportConfirmation | null): ImportResult {
  const prep = prepare(deps, fileName, base64);
  if (!prep.ok) return prep.refusal;
  const p = prep.p;
  return underLock(deps, p.name, p.format, () => {
    const plan = computePlan(deps, p);
    const now = deps.clock.now();
    let heldBack = 0;
    if (confirmation && typeof confirmation === 'object' && confirmation.planId) {
      const check = checkPlanToken(signingSecret(deps.properties), confirmation.planId, plan.fingerprint, now);
      if (check !== 'ok') {
        const message = check === 'expired' ? PM.planExpired : PM.planChanged;
        return { ...refused(p.name, message, deps, p.format), stale: true };
      }
      if (plan.risk.needsSecondConfirmation && confirmation.confirmCancellations !== true) {
        return refused(p.name, PM.secondConfirmationMissing, deps, p.format);
      }
    } else if (confirmation !== undefined && confirmation !== null) {
      return refused(p.name, PM.planMissing, deps, p.format);
    } else if (plan.risk.needsSecondConfirmation) {
      const kept = plan.cancels.filter((c) => !c.inferred);
      heldBack = plan.cancels.length - kept.length;
      plan.keptAsWere.push(...plan.cancels.filter((c) => c.inferred).map((c) => c.key));
      plan.cancels = kept;
    }
    return applyPlan(deps, p, plan, heldBack);
  });
}

// ---------------------------------------------------------------------------- the plan

interface PlannedChange {
  row: TableRow<AppointmentKey>;
  fields: AppointmentFields;
  update: ImportUpdate;
}

interface PlannedCancel {
  key: string;
  row: TableRow<AppointmentKey>;
  fields: AppointmentFields;
  reason: string;
  inferred: boolean;
  before: string;
  after: string;
}

interface ComputedPlan {
  plan: ImportPlan;
  inserts: { a: ImportedAppointment; id: string }[];
  changes: PlannedChange[];
  cancels: PlannedCancel[];
  /** Observaciones lines an interrupted earlier import did not get to write. */
  repairs: RowChange<AppointmentKey>[];
  keptAsWere: string[];
  walkInsKept: number;
  /** Registered 'Programada' future appointments inside what the report covers. */
  coveredScheduled: number;
  risk: CancellationRisk;
  fingerprint: string;
}

/** The plan of an import as it would be applied now: reads 'Citas' once, writes nothing. */
function computePlan(deps: ImportDeps, p: Prepared): ComputedPlan {
  const now = deps.clock.now();
  const table = deps.workbooks.current().table(APPOINTMENTS_TAB);
  const allRows = table.read().rows;
  const reg = registered(allRows);
  const plan = reconcileImport(reg.existing, p.appointments, now);

  // New rows, except those the panel already booked (same person, same minute) or whose ID is taken.
  const inserts: { a: ImportedAppointment; id: string }[] = [];
  const keptAsWere: string[] = [];
  let walkInsKept = 0;
  const newIds = new Set<string>();
  // A row without a platform code gets an ID signed with the spreadsheet's secret (read only then).
  let secret: string | null = null;
  const idOf = (a: ImportedAppointment): string => (a.code !== null ? a.code : appointmentIdFor(a, (secret ??= signingSecret(deps.properties))));
  for (const a of plan.inserts) {
    const id = idOf(a);
    const derivedKey = `${a.dni}|${limaDateKey(a.start)}|${scheduleFields(a.start).time}`;
    if (reg.walkInKeys.has(a.key) || reg.walkInKeys.has(derivedKey)) {
      walkInsKept++;
      keptAsWere.push(a.key);
    } else if (reg.ids.has(id) || newIds.has(id)) {
      keptAsWere.push(a.key);
    } else {
      newIds.add(id);
      inserts.push({ a, id });
    }
  }

  const changes: PlannedChange[] = [];
  for (const u of plan.updates) {
    const row = reg.byKey.get(u.key)!;
    const fields = updateFields(u, row, now);
    if (!fields) {
      keptAsWere.push(u.key);
      continue;
    }
    changes.push({ row, fields, update: u });
  }

  const annulled = new Set(p.appointments.filter((a) => a.cancelledOnPlatform).map((a) => looseKey(a.key)));
  const cancels: PlannedCancel[] = [];
  for (const key of plan.cancellations) {
    const row = reg.byKey.get(key)!;
    const facts = toAppointmentFacts(row);
    const inferred = !annulled.has(looseKey(key));
    const reason = inferred ? IMPORT_CANCELLATION_REASON : IMPORT_CANCELLATION_PLATFORM;
    const r = facts ? cancelAppointment(facts, now, reason) : null;
    if (!r || !r.ok) {
      keptAsWere.push(key);
      continue;
    }
    const fields = patchToFields(r.patch, now);
    cancels.push({ key, row, fields, reason, inferred, before: cellString(row.record.observations), after: String(fields.observations ?? '') });
  }

  let coveredScheduled = 0;
  for (const ex of reg.existing) {
    if (ex.status === 'Programada' && ex.start.getTime() > now.getTime() && coveredByReport(plan.scope, ex.start, ex.fields.consultant ?? '')) coveredScheduled++;
  }
  const risk = assessCancellations(
    cancels.map((c) => ({ id: c.row.id, start: appointmentStart(c.row.record)!, inferred: c.inferred })),
    coveredScheduled,
    now,
  );
  // What would be written, without the times of writing: equal plans give equal fingerprints.
  // Cancellations of an earlier import whose write was cut before their Observaciones line.
  const repairs: RowChange<AppointmentKey>[] = [];
  const rowsById = new Map(allRows.map((r) => [r.id, r] as const));
  for (const record of allUndoRecords(IMPORT_UNDO_PREFIX, deps.properties.getAll())) {
    for (const e of record.rows) {
      const row = rowsById.get(e.id);
      if (!row) continue;
      const obs = cellString(row.record.observations);
      const candidates = [IMPORT_CANCELLATION_REASON, IMPORT_CANCELLATION_PLATFORM].map((r) => appendObservation(obs, APPOINTMENT_MESSAGES.observationCancelled(r)));
      const done = completedCancellation(e, cellString(row.record.status), obs, candidates);
      if (done !== null) repairs.push({ id: row.id, fields: { observations: done, updatedAt: now } });
    }
  }
  const fingerprint = planFingerprint({
    repairs: repairs.map((r) => r.id),
    inserts: inserts.map(({ a, id }) => ({ id, start: a.start, fields: comparableFields(a) })),
    changes: changes.map((c) => ({ id: c.row.id, changes: c.update.changes, moved: c.update.moved, reinstated: c.update.reinstated })),
    cancels: cancels.map((c) => ({ id: c.row.id, reason: c.reason, before: c.before })),
    rejected: p.rejected.map((r) => ({ line: r.line, reason: r.reason })),
  });
  return { plan, inserts, changes, cancels, repairs, keptAsWere, walkInsKept, coveredScheduled, risk, fingerprint };
}

const FIELD_LABEL_OF: Record<string, string> = {
  code: FIELD_LABELS.code,
  documentType: FIELD_LABELS.documentType,
  dni: FIELD_LABELS.dni,
  fullName: FIELD_LABELS.fullName,
  email: FIELD_LABELS.email,
  phone: FIELD_LABELS.phone,
  consultant: FIELD_LABELS.consultant,
  service: FIELD_LABELS.service,
};

function itemOf(id: string, name: string, start: Date, details: string[]): ImportItemView {
  return { id, name: name || id, when: formatLimaDateTime(start), detail: details.join(' · ') };
}

function cancelItem(c: PlannedCancel, now: Date): ImportItemView {
  const start = appointmentStart(c.row.record)!;
  const details: string[] = [c.inferred ? PM.cancelInferred : PM.cancelAnnulled];
  if (c.inferred && limaDateKey(start) === limaDateKey(now)) details.push(PM.cancelToday);
  return itemOf(c.row.id, cellString(c.row.record.fullName), start, details);
}

function countsOf(plan: ComputedPlan, rejected: number): ImportCounts {
  const updates = plan.changes.map((c) => c.update);
  return {
    inserted: plan.inserts.length,
    updated: updates.length,
    moved: updates.filter((u) => u.moved).length,
    reinstated: updates.filter((u) => u.reinstated).length,
    cancelled: plan.cancels.length,
    unchanged: plan.plan.unchanged.length + plan.keptAsWere.length,
    rejected,
    cancelledOnPlatformNotHeld: plan.plan.cancelledOnPlatformNotHeld.length,
  };
}

function effectivePlan(plan: ComputedPlan): ImportPlan {
  return {
    ...plan.plan,
    inserts: plan.inserts.map((x) => x.a),
    updates: plan.changes.map((c) => c.update),
    cancellations: plan.cancels.map((c) => c.key),
    unchanged: [...plan.plan.unchanged, ...plan.keptAsWere],
  };
}

function scopeText(scope: ImportScope): string {
  if (scope.firstDay === null || scope.lastDay === null) return PM.emptyScope;
  const day = (key: string) => {
    const [y, m, d] = key.split('-');
    return `${d}/${m}/${y}`;
  };
  return PM.scope(day(scope.firstDay), day(scope.lastDay), scope.consultants);
}

function previewOf(deps: ImportDeps, p: Prepared, plan: ComputedPlan): ImportPreview {
  const now = deps.clock.now();
  const somethingToApply = plan.inserts.length + plan.changes.length + plan.cancels.length + plan.repairs.length > 0 || p.rejected.length > 0;
  const notes = [...p.warnings];
  if (plan.walkInsKept) notes.push(M.walkInsKept(plan.walkInsKept));
  const reasons: string[] = [];
  if (plan.risk.today.length) reasons.push(PM.secondConfirmationToday(plan.risk.today.length));
  if (plan.risk.overShare) {
    reasons.push(PM.secondConfirmationShare(plan.cancels.filter((c) => c.inferred).length, plan.coveredScheduled, Math.round(CANCELLATION_CONFIRM_SHARE * 100)));
  }
  if (reasons.length) reasons.push(PM.secondConfirmationAsk);
  const summary = somethingToApply ? `${PM.previewIntro} ${summariseImport(effectivePlan(plan), p.rejected)}` : PM.nothingToApply;
  return {
    ok: true,
    fileName: p.name,
    format: p.format,
    encoding: p.encoding,
    problem: null,
    summary,
    scope: scopeText(plan.plan.scope),
    planId: somethingToApply ? planToken(signingSecret(deps.properties), now, plan.fingerprint) : null,
    counts: countsOf(plan, p.rejected.length),
    inserts: plan.inserts.map(({ a, id }) => itemOf(id, a.fullName, a.start, [])),
    updates: plan.changes.map((c) => {
      const u = c.update;
      const details: string[] = [];
      const labels = Object.keys(u.changes).filter((k) => k !== 'start').map((k) => FIELD_LABEL_OF[k] ?? k);
      if (labels.length) details.push(PM.changedFields(labels));
      if (u.moved && u.changes.start) details.push(PM.movedTo(formatLimaDateTime(u.changes.start)));
      if (u.reinstated) details.push(PM.reinstated);
      return itemOf(c.row.id, cellString(c.row.record.fullName), appointmentStart(c.row.record)!, details);
    }),
    cancellations: plan.cancels.map((c) => cancelItem(c, now)),
    rejected: p.rejected.map((r) => ({ line: r.line, reason: r.reason })),
    warnings: notes,
    needsSecondConfirmation: plan.risk.needsSecondConfirmation,
    secondConfirmation: reasons.join(' '),
  };
}

// ---------------------------------------------------------------------------- applying it

function applyPlan(deps: ImportDeps, p: Prepared, plan: ComputedPlan, heldBack: number): ImportResult {
  const now = deps.clock.now();
  const workbook = deps.workbooks.current();
  const table = workbook.table(APPOINTMENTS_TAB);
  const { inserts, cancels } = plan;

  // The undo record goes first: a crash after the sheet is written still leaves the undo (a record
  // whose rows were never cancelled restores nothing: undoDecision finds them unchanged).
  const importId = cancels.length ? importIdFor(now, plan.fingerprint) : null;
  if (importId) {
    const props = deps.properties.getAll();
    for (const k of undoKeys(IMPORT_UNDO_PREFIX, props, { olderThan: now })) deps.properties.delete(k);
    const record: UndoRecord = { importId, at: now.getTime(), fileName: p.name, rows: cancels.map((c) => undoEntry(c.row.id, c.before, c.after)) };
    deps.properties.setAll(encodeUndo(IMPORT_UNDO_PREFIX, record));
  }

  const changes: RowChange<AppointmentKey>[] = [...plan.repairs];
  const touchedStarts: Date[] = inserts.map((x) => x.a.start);
  for (const c of plan.changes) {
    const u = c.update;
    changes.push({ id: c.row.id, fields: c.fields });
    if (u.moved || u.reinstated) touchedStarts.push(u.changes.start ?? appointmentStart(c.row.record)!);
    if (u.moved) deps.audit.record({ action: A.moved, target: c.row.id, result: 'Correcto', detail: `${formatLimaDateTime(appointmentStart(c.row.record)!)} → ${formatLimaDateTime(u.changes.start!)}` });
    if (u.reinstated) deps.audit.record({ action: A.reinstated, target: c.row.id, result: 'Correcto' });
  }
  // A cancelled appointment whose event exists: the reminders run cancels the event soon.
  let cancelledWithEvent = false;
  for (const c of cancels) {
    changes.push({ id: c.row.id, fields: c.fields });
    if (cellString(c.row.record.eventId) !== '') cancelledWithEvent = true;
    deps.audit.record({ action: A.cancelled, target: c.row.id, result: 'Correcto', detail: c.reason });
  }

  if (inserts.length) table.append(inserts.map((x) => importedRecord(x.a, now, x.id)));
  if (changes.length) table.update(changes);

  // Rejected rows, kept for a person in 'Revisión'.
  const notes = [...p.warnings];
  if (p.rejected.length) {
    const review = workbook.table(REVIEW_TAB);
    if (review.exists()) {
      const toAdd = reviewRows(p.rejected, p.name, now, new Set(review.read().rows.map((r) => r.id)));
      if (toAdd.length) review.append(toAdd);
    } else {
      notes.push(M.reviewTabMissing);
    }
  }
  if (plan.walkInsKept) notes.push(M.walkInsKept(plan.walkInsKept));
  if (heldBack) notes.push(PM.heldBack(heldBack));

  let reminderRunRequested = false;
  if (cancelledWithEvent || touchedStarts.some((s) => needsImmediateReminder(s, now, p.reminderHour))) {
    const r = requestImmediateReminderRun(deps, A.reminderRunDetail);
    reminderRunRequested = r !== 'failed';
    if (r === 'failed') notes.push(M.reminderRunFailed);
  }

  let summary = summariseImport(effectivePlan(plan), p.rejected);
  // Say when each reminder goes: now for the ones in today's window, at the reminder hour for the rest.
  const timing = reminderTiming(touchedStarts, now, p.reminderHour);
  const when = M.reminderTiming({ ...timing, runAt: formatLimaTime(timing.runAt), runRequested: reminderRunRequested, cancelledEvents: cancelledWithEvent });
  if (when) summary += ' ' + when;
  const counts = countsOf(plan, p.rejected.length);
  const changedSomething = inserts.length + plan.changes.length + cancels.length > 0;
  deps.audit.record({ action: A.import, target: p.name, result: changedSomething ? 'Correcto' : 'Sin cambios', detail: importId ? `${summary} [${importId}]` : summary });
  return {
    ok: true,
    fileName: p.name,
    format: p.format,
    encoding: p.encoding,
    problem: null,
    summary,
    counts,
    rejected: p.rejected.map((r) => ({ line: r.line, reason: r.reason })),
    warnings: notes,
    reminderRunRequested,
    cancelledList: cancels.map((c) => cancelItem(c, now)),
    undoId: importId,
  };
}

// ---------------------------------------------------------------------------- undo

/**
 * «Deshacer las cancelaciones» of one import: each row that import cancelled goes back to
 * 'Programada' with its Observaciones as before — only if it is still exactly as the import left
 * it (else it is listed, untouched). Audited per row; the reminders run restores the Calendar
 * event and the reminder of a restored appointment.
 */
export function undoImportCancellations(deps: Omit<ImportDeps, 'files'>, importId: string): UndoImportResult {
  const id = String(importId ?? '').trim();
  const none: UndoImportResult = { ok: false, summary: PM.undoNotFound, restored: [], notRestored: [], reminderRunRequested: false };
  if (!/^\d{10,15}-[0-9a-f]{12}$/.test(id)) return none;
  try {
    return deps.lock.withLock(() => {
      const props = deps.properties.getAll();
      const record = decodeUndo(IMPORT_UNDO_PREFIX, id, props);
      const now = deps.clock.now();
      if (!record || now.getTime() - record.at > UNDO_TTL_MS) return none;
      const table = deps.workbooks.current().table(APPOINTMENTS_TAB);
      const rows = new Map(table.read().rows.map((r) => [r.id, r] as const));
      const changes: RowChange<AppointmentKey>[] = [];
      const restored: ImportItemView[] = [];
      const notRestored: ImportItemView[] = [];
      let already = 0;
      let needsRun = false;
      const { reminderHour } = loadSettings(deps.workbooks.current().table(SETTINGS_TAB), deps.properties).settings;
      for (const e of record.rows) {
        const row = rows.get(e.id);
        if (!row) {
          notRestored.push({ id: e.id, name: e.id, when: '', detail: PM.undoRowMissing });
          continue;
        }
        const start = appointmentStart(row.record);
        const view = (detail: string[]) => itemOf(row.id, cellString(row.record.fullName), start ?? new Date(record.at), detail);
        const d = undoDecision(e, cellString(row.record.status), cellString(row.record.observations));
        // A past appointment is not brought back: its time went by while it was cancelled.
        if (d.kind === 'restore' && start && start.getTime() > now.getTime()) {
          changes.push({ id: row.id, fields: { status: 'Programada', observations: d.observations, updatedAt: now } });
          restored.push(view([]));
          if (cellString(row.record.eventId) !== '' || needsImmediateReminder(start, now, reminderHour)) needsRun = true;
        } else if (d.kind === 'already-restored') {
          already++;
          notRestored.push(view([PM.undoRowAlready]));
        } else {
          notRestored.push(view([PM.undoRowChanged]));
        }
      }
      if (changes.length) table.update(changes);
      for (const r of restored) deps.audit.record({ action: A.undoRow, target: r.id, result: 'Correcto', detail: record.fileName });
      let reminderRunRequested = false;
      if (needsRun) reminderRunRequested = requestImmediateReminderRun(deps, A.reminderRunDetail) !== 'failed';
      for (const k of undoKeys(IMPORT_UNDO_PREFIX, props, { importId: id })) deps.properties.delete(k);
      const changed = notRestored.length - already;
      const parts = [restored.length ? PM.undoDone(restored.length) : PM.undoNothing];
      if (already) parts.push(PM.undoAlready(already));
      if (changed) parts.push(PM.undoChanged(changed));
      const summary = parts.join(' ');
      deps.audit.record({ action: A.undo, target: record.fileName, result: restored.length ? 'Correcto' : 'Sin cambios', detail: `${summary} [${id}]` });
      return { ok: true, summary, restored, notRestored, reminderRunRequested };
    });
  } catch (e) {
    if (e instanceof LockBusyError) return { ...none, summary: PM.undoLockBusy };
    throw e;
  }
}
