/**
 * Attendance of a session (B09) from the panel: the Meet attendance report imported, a Meet
 * participant matched to a registrant by hand, and hand marks (present / absent per person, and
 * «Todos presentes»). Every mark goes through `mergeAttendance` (domain/workshops/attendance.ts):
 * a hand mark is never overwritten by the report; a disagreement is shown, never resolved silently.
 *
 * How the report is chosen: the consultant pastes the report's link (or its ID). A Drive picker
 * is not available to an Apps Script sidebar without the Picker API and a developer key, and
 * listing Drive files Meet made would need a Drive scope over all of the consultant's files
 * (drive.readonly); opening one spreadsheet by its ID needs only the spreadsheets scope the
 * product already has (docs/oauth-scopes.md). The report's ID is kept per session in the document
 * properties, so the session screen lists its unmatched participants again and a hand match reads
 * the participant's minutes from the report itself (the page never sends minutes).
 *
 * Each action: read outside the lock what is not ours (the report), then under the script lock
 * read the tabs, merge, and write in one batch (attendance rows changed: one 'span' update; new
 * rows: one append; the session's row: one write), audited. A crash anywhere leaves either the
 * old marks or the new ones; running it again gives the same marks (the merge is idempotent).
 */
import {
  ATTENDANCE_TAB,
  REGISTRATIONS_TAB,
  SESSIONS_TAB,
  SETTINGS_TAB,
  type AttendanceKey,
  type RegistrationKey,
  type SessionKey,
} from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { attendanceId, mergeAttendance, type AttendanceEvidence, type AttendanceMark } from '../../domain/workshops/attendance';
import {
  matchParticipants,
  normalisedName,
  parseMeetReport,
  reportIdFromLink,
  reportMismatch,
  type MeetParticipant,
  type MeetReport,
} from '../../domain/workshops/meet-report';
import type { ReportSheets, Table, Workbook } from '../../ports';
import { readSettings } from '../settings';
import type { ProgrammeDeps } from './programme';
import { dateOf, text } from './cells';

export type { ReportSheets };

export interface AttendanceDeps extends ProgrammeDeps {
  reports: ReportSheets;
}

/** Document property holding the ID of the session's last imported Meet report. */
export const MEET_REPORT_PROPERTY = (sessionId: string) => `talleres.reporteMeet.${sessionId}`;

export const ATTENDANCE_MESSAGES = {
  noSession: 'No se encontró la sesión. Actualice el panel.',
  cancelled: 'La sesión está cancelada: no se registra asistencia.',
  notStarted: 'La sesión todavía no empieza: la asistencia se registra desde su hora de inicio.',
  noLink: 'Pegue el enlace del reporte de asistencia de Meet (una hoja de cálculo de Google) o su ID.',
  cannotOpen: 'No se pudo abrir el reporte: revise el enlace y que su cuenta tenga acceso al archivo (el organizador de la reunión lo recibe en su Drive y por correo).',
  noTabs: 'Falta configurar la hoja (pestañas «Sesiones», «Inscripciones» o «Asistencia»). Ejecute la configuración.',
  noName: 'Participante sin nombre',
  noReport: 'Primero importe el reporte de Meet de esta sesión.',
  unknownParticipant: 'Esa persona ya no figura en el reporte importado. Vuelva a importarlo.',
  unknownRegistrant: 'La persona inscrita no se encontró en este módulo.',
  imported: (matched: number, changed: number, unmatched: number, disagreements: number) =>
    `Reporte importado: ${matched} persona(s) reconocida(s), ${changed} marca(s) actualizada(s)` +
    (unmatched ? `, ${unmatched} participante(s) sin reconocer (puede asignarlos a mano)` : '') +
    (disagreements ? `, ${disagreements} en desacuerdo con una marca manual (se mantiene la marca manual)` : '') +
    '.',
  matched: (name: string, who: string) => `«${name}» quedó asignado(a) a ${who}.`,
  marked: (n: number) => (n === 0 ? 'No había nada que cambiar.' : `Asistencia guardada (${n} marca(s)).`),
} as const;

const AUDIT = {
  imported: 'Reporte de Meet importado',
  refused: 'Reporte de Meet rechazado',
  handMatch: 'Participante de Meet asignado a mano',
  marked: 'Asistencia marcada a mano',
  disagreement: 'Asistencia en desacuerdo con la marca manual',
} as const;

export interface UnmatchedView {
  key: string;
  name: string;
  minutes: number;
}

export type AttendanceActionResult =
  | { ok: true; message: string; changed: number; unmatched: UnmatchedView[] }
  | { ok: false; message: string };

function numberOrNull(v: unknown): number | null {
  if (v === '' || v === null || v === undefined) return null;
  const n = Number(v);
  return isFinite(n) ? n : null;
}

/** The mark an 'Asistencia' row holds (null when there is no row). */
export function markOf(row: TableRow<AttendanceKey> | undefined): AttendanceMark | null {
  if (!row) return null;
  const r = row.record;
  const source = text(r.source);
  return {
    present: r.present === true || text(r.present).toUpperCase() === 'TRUE',
    source: source === 'Formulario' || source === 'Reporte de Meet' || source === 'Manual' ? source : 'Manual',
    checkinAt: dateOf(r.checkinAt),
    meetMinutes: numberOrNull(r.meetMinutes),
    meetName: text(r.meetName),
    markedBy: text(r.markedBy),
  };
}

export interface SessionWorld {
  book: Workbook;
  session: TableRow<SessionKey>;
  moduleId: string;
  attendance: Table<AttendanceKey>;
  /** Attendance rows of this session by registration ID. */
  rows: Map<string, TableRow<AttendanceKey>>;
  /** The module's confirmed registrants, and anyone with a row in this session. */
  registrants: TableRow<RegistrationKey>[];
}

function readWorld(deps: ProgrammeDeps, sessionId: string, fresh: boolean): SessionWorld | string {
  const book = deps.workbooks.current();
  const sessions = book.table(SESSIONS_TAB);
  const regs = book.table(REGISTRATIONS_TAB);
  const attendance = book.table(ATTENDANCE_TAB);
  if (!sessions.exists() || !regs.exists() || !attendance.exists()) return ATTENDANCE_MESSAGES.noTabs;
  const session = sessions.read({ fresh }).byId.get(sessionId);
  if (!session) return ATTENDANCE_MESSAGES.noSession;
  const moduleId = text(session.record.moduleId);
  const rows = new Map<string, TableRow<AttendanceKey>>();
  for (const row of attendance.read({ fresh }).rows) {
    if (row.id !== '' && text(row.record.sessionId) === sessionId) rows.set(text(row.record.registrationId), row);
  }
  const registrants = regs
    .read({ fresh })
    .rows.filter((r) => r.id !== '' && text(r.record.moduleId) === moduleId && (text(r.record.status) === 'Inscrito' || rows.has(r.id)));
  return { book, session, moduleId, attendance, rows, registrants };
}

function usable(w: SessionWorld, now: Date): string | null {
  if (text(w.session.record.status) === 'Cancelada') return ATTENDANCE_MESSAGES.cancelled;
  const start = dateOf(w.session.record.start);
  if (start && now.getTime() < start.getTime()) return ATTENDANCE_MESSAGES.notStarted;
  return null;
}

/**
 * Merges each piece of evidence into the registrant's row and writes every change in one batch;
 * the session's row gets the participants' count (and `meetReportAt` when given). Call holding the lock.
 */
function apply(
  deps: ProgrammeDeps,
  w: SessionWorld,
  evidence: ReadonlyMap<string, AttendanceEvidence>,
  now: Date,
  meetReportAt: Date | null,
): { changed: number; disagreements: string[] } {
  const updates: { id: string; fields: Partial<Record<AttendanceKey, FieldValue>> }[] = [];
  const appends: Partial<Record<AttendanceKey, FieldValue>>[] = [];
  const disagreements: string[] = [];
  const sessionId = w.session.id;
  const byId = new Map(w.registrants.map((r) => [r.id, r]));
  const present = new Map<string, boolean>();
  for (const [regId, row] of w.rows) present.set(regId, markOf(row)?.present ?? false);
  for (const [regId, e] of evidence) {
    const reg = byId.get(regId);
    if (!reg) continue;
    const row = w.rows.get(regId);
    const m = mergeAttendance(markOf(row), e);
    if (m.disagrees) disagreements.push(`${text(reg.record.fullName)} (${regId})`);
    if (!m.changed) continue;
    present.set(regId, m.mark.present);
    const fields: Partial<Record<AttendanceKey, FieldValue>> = {
      present: m.mark.present,
      source: m.mark.source,
      checkinAt: m.mark.checkinAt,
      meetMinutes: m.mark.meetMinutes,
      meetName: cleanText(m.mark.meetName, 200),
      markedBy: m.mark.markedBy,
      recordedAt: now,
    };
    if (row) updates.push({ id: row.id, fields });
    else
      appends.push({
        id: attendanceId(sessionId, regId),
        sessionId,
        moduleId: w.moduleId,
        registrationId: regId,
        dni: text(reg.record.dni),
        fullName: text(reg.record.fullName),
        ...fields,
      });
  }
  if (updates.length) w.attendance.update(updates, { mode: 'span' });
  if (appends.length) w.attendance.append(appends);
  const participants = [...present.values()].filter((x) => x).length;
  const sessionFields: Partial<Record<SessionKey, FieldValue>> = {};
  if (numberOrNull(w.session.record.participants) !== participants) sessionFields.participants = participants;
  if (meetReportAt) sessionFields.meetReportAt = meetReportAt;
  if (Object.keys(sessionFields).length) w.book.table(SESSIONS_TAB).update([{ id: sessionId, fields: sessionFields }], { mode: 'row' });
  return { changed: updates.length + appends.length, disagreements };
}

/** The Meet names hand-matched before (normalised name → registration ID), from this session's rows. */
function handNames(w: SessionWorld): Map<string, string> {
  const out = new Map<string, string>();
  for (const [regId, row] of w.rows) {
    for (const n of text(row.record.meetName).split(' / ')) if (n) out.set(normalisedName(n), regId);
  }
  return out;
}

function readReport(deps: AttendanceDeps, fileId: string): { ok: true; report: MeetReport } | { ok: false; message: string } {
  const file = deps.reports.read(fileId);
  if (!file) return { ok: false, message: ATTENDANCE_MESSAGES.cannotOpen };
  const parsed = parseMeetReport(file.name, file.values);
  return parsed.ok ? parsed : { ok: false, message: parsed.message };
}

/**
 * A participant nobody is matched to, as the panel gets it: the key is the participant's position
 * in the session's imported report (no email travels to the page), the name as shown in Meet.
 */
function unmatchedView(report: MeetReport, p: MeetParticipant): UnmatchedView {
  return { key: String(report.participants.indexOf(p) + 1), name: p.name || ATTENDANCE_MESSAGES.noName, minutes: p.minutes };
}

/** «Importar reporte de Meet»: the report at `link` applied to the session's registrants. */
export function importMeetReport(deps: AttendanceDeps, rawSessionId: unknown, link: unknown): AttendanceActionResult {
  const sessionId = cleanText(rawSessionId, 80);
  const fileId = reportIdFromLink(link);
  if (!fileId) return { ok: false, message: ATTENDANCE_MESSAGES.noLink };
  // Another file, not ours: read before taking the lock.
  const r = readReport(deps, fileId);
  if (!r.ok) return r;
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const w = readWorld(deps, sessionId, true);
    if (typeof w === 'string') return { ok: false, message: w };
    const bad = usable(w, now) ?? reportMismatch(r.report, { meetUrl: text(w.session.record.meetUrl), start: dateOf(w.session.record.start) });
    if (bad) {
      deps.audit.record({ action: AUDIT.refused, target: sessionId, result: 'Sin efecto', detail: `${fileId}: ${bad}` });
      return { ok: false, message: bad };
    }
    const minMinutes = readSettings(w.book.table(SETTINGS_TAB)).settings.meetMinMinutes;
    const match = matchParticipants(
      r.report.participants,
      w.registrants.map((x) => ({ id: x.id, fullName: text(x.record.fullName), email: text(x.record.email) })),
      handNames(w),
    );
    const evidence = new Map<string, AttendanceEvidence>();
    for (const [regId, m] of match.matched) evidence.set(regId, { source: 'Reporte de Meet', minutes: m.minutes, name: m.name, minMinutes });
    const previous = deps.properties.get(MEET_REPORT_PROPERTY(sessionId));
    const { changed, disagreements } = apply(deps, w, evidence, now, changedReport(previous, fileId, w) ? now : null);
    if (previous !== fileId) deps.properties.setAll({ [MEET_REPORT_PROPERTY(sessionId)]: fileId });
    deps.audit.record({
      action: AUDIT.imported,
      target: sessionId,
      result: 'Correcto',
      detail: `${fileId}: ${r.report.participants.length} participante(s), ${match.matched.size} reconocido(s), ${match.unmatched.length} sin reconocer, ${changed} marca(s) cambiada(s); mínimo ${minMinutes} min`,
    });
    for (const d of disagreements) deps.audit.record({ action: AUDIT.disagreement, target: sessionId, result: 'Sin efecto', detail: `${d}: el reporte de Meet dice lo contrario` });
    return {
      ok: true,
      message: ATTENDANCE_MESSAGES.imported(match.matched.size, changed, match.unmatched.length, disagreements.length),
      changed,
      unmatched: match.unmatched.map((p) => unmatchedView(r.report, p)),
    };
  });
}

/** The import time is written the first time and when another file is imported; the same file again changes nothing. */
function changedReport(previous: string | null, fileId: string, w: SessionWorld): boolean {
  return previous !== fileId || !dateOf(w.session.record.meetReportAt);
}

/** The participants of the session's imported report nobody is matched to (for the session screen). */
export function unmatchedParticipants(deps: AttendanceDeps, sessionId: string, w: { registrants: readonly TableRow<RegistrationKey>[]; rows: ReadonlyMap<string, TableRow<AttendanceKey>> }): UnmatchedView[] | null {
  const fileId = deps.properties.get(MEET_REPORT_PROPERTY(sessionId));
  if (!fileId) return null;
  const r = readReport(deps, fileId);
  if (!r.ok) return null;
  const names = new Map<string, string>();
  for (const [regId, row] of w.rows) for (const n of text(row.record.meetName).split(' / ')) if (n) names.set(normalisedName(n), regId);
  const match = matchParticipants(
    r.report.participants,
    w.registrants.map((x) => ({ id: x.id, fullName: text(x.record.fullName), email: text(x.record.email) })),
    names,
  );
  return match.unmatched.map((p) => unmatchedView(r.report, p));
}

/** A participant of the imported report nobody was matched to, assigned by a person to a registrant. */
export function matchMeetParticipant(deps: AttendanceDeps, rawSessionId: unknown, rawKey: unknown, rawRegistrationId: unknown, by: string): AttendanceActionResult {
  const sessionId = cleanText(rawSessionId, 80);
  const key = cleanText(rawKey, 300);
  const regId = cleanText(rawRegistrationId, 80);
  const fileId = deps.properties.get(MEET_REPORT_PROPERTY(sessionId));
  if (!fileId) return { ok: false, message: ATTENDANCE_MESSAGES.noReport };
  const r = readReport(deps, fileId);
  if (!r.ok) return r;
  const p = /^\d{1,6}$/.test(key) ? r.report.participants[Number(key) - 1] : undefined;
  if (!p) return { ok: false, message: ATTENDANCE_MESSAGES.unknownParticipant };
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const w = readWorld(deps, sessionId, true);
    if (typeof w === 'string') return { ok: false, message: w };
    const bad = usable(w, now);
    if (bad) return { ok: false, message: bad };
    const reg = w.registrants.find((x) => x.id === regId);
    if (!reg) return { ok: false, message: ATTENDANCE_MESSAGES.unknownRegistrant };
    const minMinutes = readSettings(w.book.table(SETTINGS_TAB)).settings.meetMinMinutes;
    // The registrant's Meet evidence is this participant plus whoever the report already gave them.
    const names = handNames(w);
    names.set(normalisedName(p.name), regId);
    const match = matchParticipants(
      r.report.participants,
      w.registrants.map((x) => ({ id: x.id, fullName: text(x.record.fullName), email: text(x.record.email) })),
      names,
    );
    const m = match.matched.get(regId) ?? { minutes: p.minutes, name: p.name };
    const { changed, disagreements } = apply(deps, w, new Map([[regId, { source: 'Reporte de Meet', minutes: m.minutes, name: m.name, minMinutes } as AttendanceEvidence]]), now, null);
    deps.audit.record({ action: AUDIT.handMatch, target: sessionId, result: 'Correcto', detail: `«${p.name}» (${p.minutes} min) → ${regId}, por ${by}` });
    for (const d of disagreements) deps.audit.record({ action: AUDIT.disagreement, target: sessionId, result: 'Sin efecto', detail: `${d}: el reporte de Meet dice lo contrario` });
    return { ok: true, message: ATTENDANCE_MESSAGES.matched(p.name, text(reg.record.fullName)), changed, unmatched: match.unmatched.map((x) => unmatchedView(r.report, x)) };
  });
}

/**
 * Hand marks: `present` for each registration listed, or — `registrationIds === 'all'`, «Todos
 * presentes» — present for every registrant who has no hand mark yet (a person's own mark,
 * present or absent, is not overwritten by the bulk action).
 */
export function markAttendance(deps: ProgrammeDeps, rawSessionId: unknown, registrationIds: readonly unknown[] | 'all', present: boolean, by: string): AttendanceActionResult {
  const sessionId = cleanText(rawSessionId, 80);
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const w = readWorld(deps, sessionId, true);
    if (typeof w === 'string') return { ok: false, message: w };
    const bad = usable(w, now);
    if (bad) return { ok: false, message: bad };
    const known = new Set(w.registrants.map((r) => r.id));
    const ids =
      registrationIds === 'all'
        ? w.registrants.filter((r) => markOf(w.rows.get(r.id))?.source !== 'Manual').map((r) => r.id)
        : [...new Set(registrationIds.map((x) => cleanText(x, 80)))];
    if (ids.some((id) => !known.has(id))) return { ok: false, message: ATTENDANCE_MESSAGES.unknownRegistrant };
    const evidence = new Map<string, AttendanceEvidence>(ids.map((id) => [id, { source: 'Manual', present: registrationIds === 'all' ? true : present, by }]));
    const { changed, disagreements } = apply(deps, w, evidence, now, null);
    if (changed)
      deps.audit.record({
        action: AUDIT.marked,
        target: sessionId,
        result: 'Correcto',
        detail: `${registrationIds === 'all' ? 'Todos presentes' : present ? 'Presente' : 'Ausente'}: ${changed} marca(s), por ${by}`,
      });
    for (const d of disagreements) deps.audit.record({ action: AUDIT.disagreement, target: sessionId, result: 'Sin efecto', detail: `${d}: la marca manual contradice la evidencia` });
    return { ok: true, message: ATTENDANCE_MESSAGES.marked(changed), changed, unmatched: [] };
  });
}

/** For the session screen: the world read once, without the lock. */
export function readSessionWorld(deps: ProgrammeDeps, sessionId: string): SessionWorld | string {
  return readWorld(deps, sessionId, false);
}
