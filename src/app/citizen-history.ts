/**
 * «Historial del ciudadano» (issue 15 item 4): what the service already did with one person, in
 * the "Atenciones" panel — during an attention (the appointment's document) or by document
 * number («Historial de un ciudadano»).
 *
 * Who sees it (docs/access-model.md): any member of the team by document number (as for
 * «Datos personales»); during an attention, only whoever may see that appointment's data — the
 * consultant whose appointment it is, one who took it over «en lugar de», or a coordinator. Anyone
 * else gets one sentence naming nobody, and the refusal is audited. A search by document number
 * is audited (who looked up which person; a deletion under Ley 29733 redacts the DNI from that
 * line like from any other). A person deleted under Ley 29733 (or anonymised by the retention)
 * has no DNI left on any row, so nothing is shown (domain/citizen-history.ts).
 *
 * Reads: 'Citas' of "Atenciones" and 'Inscripciones', 'Asistencia', 'Sesiones', 'Módulos',
 * 'Certificados' of "Talleres" — each once, whole, whatever the person or the size of the tabs.
 * Nothing is written but the audit line.
 */
import { citizenHistory, historyDni, historyView, type CitizenHistoryView, type HistoryAppointmentRow } from '../domain/citizen-history';
import { parseDniInput } from '../domain/personal-data';
import { CITIZEN_HISTORY_MESSAGES as M } from '../domain/messages/citizen-history';
import { APPOINTMENTS_TAB, ATTENDANCE_TAB, CERTIFICATES_TAB, MODULES_TAB, REGISTRATIONS_TAB, SESSIONS_TAB, type TabSpec } from '../domain/schema';
import type { TableRow } from '../domain/table';
import type { AuditLog, Clock, KeyValueStore, Session, Workbook, Workbooks } from '../ports';
import { appointmentStart, cellString } from './appointments/rows';
import { actingUser } from './day/action';
import { mayWorkOn } from './day/contacts';
import { recordedSiblingId } from './setup';
import { loadBookSettings } from './team';

export type { CitizenHistoryView } from '../domain/citizen-history';

export interface CitizenHistoryDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  clock: Clock;
  session: Session;
  audit: AuditLog;
}

/** What the panel asks: the appointment being attended, or a document number. */
export interface CitizenHistoryRequest {
  appointmentId?: string;
  document?: string;
}

export type CitizenHistoryResult =
  | { ok: true; message: string; history: CitizenHistoryView; notes: string[] }
  | { ok: false; message: string };

/** An appointment ID as the panel sends it: short printable text (it is only ever looked up by ID). */
const APPOINTMENT_ID = /^[\p{L}\p{N}._\-/#:]{1,80}$/u;

type ParsedRequest = { kind: 'appointment'; id: string } | { kind: 'document'; dni: string } | { kind: 'refused'; message: string };

/** Hostile input refused before anything is read: not an object, both or neither, wrong types, too long. */
export function parseHistoryRequest(raw: unknown): ParsedRequest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'refused', message: M.requestInvalid };
  const r = raw as Record<string, unknown>;
  const hasId = r.appointmentId !== undefined && r.appointmentId !== null && r.appointmentId !== '';
  const hasDoc = r.document !== undefined && r.document !== null && r.document !== '';
  if (hasId && hasDoc) return { kind: 'refused', message: M.requestBoth };
  if (hasId) {
    if (typeof r.appointmentId !== 'string' || !APPOINTMENT_ID.test(r.appointmentId.trim())) return { kind: 'refused', message: M.appointmentInvalid };
    return { kind: 'appointment', id: r.appointmentId.trim() };
  }
  if (hasDoc) {
    if (typeof r.document !== 'string') return { kind: 'refused', message: M.requestInvalid };
    if (r.document.length > 40) return { kind: 'refused', message: M.documentInvalid };
    const dni = parseDniInput(r.document);
    return dni.ok ? { kind: 'document', dni: dni.dni } : { kind: 'refused', message: dni.message };
  }
  return { kind: 'refused', message: M.requestInvalid };
}

function isAtenciones(book: Workbook): boolean {
  return book.table(APPOINTMENTS_TAB).exists();
}
function isTalleres(book: Workbook): boolean {
  return book.table(REGISTRATIONS_TAB).exists();
}

/** This spreadsheet and its recorded sibling, by role; a note when the other could not be opened. */
function serviceBooks(deps: CitizenHistoryDeps): { atenciones: Workbook | null; talleres: Workbook | null; notes: string[] } {
  const current = deps.workbooks.current();
  const here = isAtenciones(current) ? 'atenciones' : isTalleres(current) ? 'talleres' : null;
  const out = { atenciones: here === 'atenciones' ? current : null, talleres: here === 'talleres' ? current : null, notes: [] as string[] };
  if (here === null) return out;
  const missing = here === 'atenciones' ? M.siblingMissing : M.atencionesUnreachable;
  const unreachable = here === 'atenciones' ? M.siblingUnreachable : M.atencionesUnreachable;
  const siblingId = recordedSiblingId(deps.properties);
  if (siblingId === '') {
    out.notes.push(missing);
    return out;
  }
  try {
    const sibling = deps.workbooks.open(siblingId);
    if (sibling && here === 'atenciones' && isTalleres(sibling)) out.talleres = sibling;
    else if (sibling && here === 'talleres' && isAtenciones(sibling)) out.atenciones = sibling;
    else out.notes.push(unreachable);
  } catch {
    out.notes.push(unreachable);
  }
  return out;
}

/** One read of a tab that may be missing (an older setup): no rows. */
function rowsOf<K extends string>(book: Workbook | null, spec: TabSpec<K>): readonly TableRow<K>[] {
  if (!book) return [];
  const table = book.table(spec);
  return table.exists() ? table.read().rows : [];
}

function date(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

function documentCell(v: unknown): string | number {
  return typeof v === 'number' ? v : cellString(v);
}

function count(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(cellString(v));
  return Number.isFinite(n) ? n : 0;
}

function appointmentRow(r: TableRow<(typeof APPOINTMENTS_TAB)['columns'][number]['key']>): HistoryAppointmentRow {
  return { id: r.id, dni: documentCell(r.record.dni), start: appointmentStart(r.record), status: cellString(r.record.status) || 'Programada', topic: cellString(r.record.topic) };
}

/** The history for the panel. `request`: `{ appointmentId }` during an attention, `{ document }` by document number. */
export function getCitizenHistory(deps: CitizenHistoryDeps, request: unknown): CitizenHistoryResult {
  const parsed = parseHistoryRequest(request);
  if (parsed.kind === 'refused') return { ok: false, message: parsed.message };
  const now = deps.clock.now();
  const books = serviceBooks(deps);
  if (!books.atenciones && !books.talleres) return { ok: false, message: M.noTabs };

  // 'Citas', once: the appointment attended and the person's other appointments come from it.
  const citas = rowsOf(books.atenciones, APPOINTMENTS_TAB);
  let dni: string;
  let exclude: string | undefined;
  if (parsed.kind === 'appointment') {
    const current = deps.workbooks.current();
    if (books.atenciones !== current) return { ok: false, message: M.noAppointmentsHere };
    const row = citas.find((r) => r.id === parsed.id);
    if (!row) return refuse(deps, parsed.id, M.appointmentNotFound);
    // Only whoever may see this appointment's data: theirs, taken over «en lugar de», or a coordinator.
    const { settings } = loadBookSettings(current, deps.properties);
    const user = actingUser(deps, settings);
    if (!user.isCoordinator && !mayWorkOn(row.id, row.record.consultant, user)) return refuse(deps, parsed.id, M.notYours);
    dni = historyDni(documentCell(row.record.dni));
    // An anonymised row (deleted under Ley 29733, or by the retention) has no document: nothing.
    if (dni === '') return { ok: false, message: M.noDocument };
    exclude = row.id;
  } else {
    dni = parsed.dni;
  }

  const history = citizenHistory({
    dni,
    excludeAppointmentId: exclude,
    now,
    appointments: citas.map(appointmentRow),
    registrations: rowsOf(books.talleres, REGISTRATIONS_TAB).map((r) => ({
      id: r.id,
      moduleId: cellString(r.record.moduleId),
      dni: documentCell(r.record.dni),
      status: cellString(r.record.status),
      registeredAt: date(r.record.registeredAt),
    })),
    attendance: rowsOf(books.talleres, ATTENDANCE_TAB).map((r) => ({
      registrationId: cellString(r.record.registrationId),
      sessionId: cellString(r.record.sessionId),
      present: r.record.present === true,
    })),
    modules: rowsOf(books.talleres, MODULES_TAB).map((r) => ({
      id: r.id,
      name: cellString(r.record.name),
      kind: cellString(r.record.kind),
      status: cellString(r.record.status),
      startDate: date(r.record.startDate),
      endDate: date(r.record.endDate),
      minSessions: count(r.record.minSessions),
    })),
    sessions: rowsOf(books.talleres, SESSIONS_TAB).map((r) => ({
      id: r.id,
      moduleId: cellString(r.record.moduleId),
      status: cellString(r.record.status),
      start: date(r.record.start),
      end: date(r.record.end),
    })),
    certificates: rowsOf(books.talleres, CERTIFICATES_TAB).map((r) => ({
      code: r.id,
      registrationId: cellString(r.record.registrationId),
      moduleId: cellString(r.record.moduleId),
      moduleName: cellString(r.record.moduleName),
      state: cellString(r.record.state),
      issuedAt: date(r.record.issuedAt),
    })),
  });

  if (parsed.kind === 'document') {
    // Who looked up which person, and what was shown: the record of a use of personal data. A
    // document the service holds nothing on (never seen, or deleted under Ley 29733) is not
    // written down: the log would otherwise keep the number of someone it holds no data on.
    const target = [...history.attentions.map((a) => a.id), ...history.modules.map((m) => m.registrationId)].join(', ');
    deps.audit.record(
      target === ''
        ? { action: M.auditAction, target: '', result: 'Sin efecto', detail: M.auditNothing }
        : { action: M.auditAction, target, result: 'Correcto', detail: M.auditDetail(dni, history.attentions.length, history.modules.length, history.certificates.length) },
    );
  }
  const view = historyView(history);
  return { ok: true, message: view.summary, history: view, notes: books.notes };
}

function refuse(deps: CitizenHistoryDeps, target: string, message: string): CitizenHistoryResult {
  deps.audit.record({ action: M.auditRefused, target, result: 'Sin efecto', detail: message });
  return { ok: false, message };
}
