/**
 * The module's consolidation (B12, issue 13 item 1): «Consolidar» in the panel, and the session
 * clock's duty once the module's last counted session has ended.
 *
 * Under the script lock: read 'Módulos', 'Sesiones', 'Inscripciones', 'Asistencia', 'Encuestas
 * de talleres' and 'Certificados' once each → compute (src/domain/workshops/consolidation.ts,
 * pure; the rule via moduleCompletion) → replace the module's two generated tabs through the
 * GeneratedTabs port (each is cleared and rewritten whole with its charts, so recomputing gives
 * the same tabs and touches nothing else) → record 'Consolidado' on the module's row → audit.
 *
 * A crash between the two tabs, or before the row's write, leaves a tab of the new figures and
 * one of the old, or the row's date older than the tabs: the next consolidation (the clock looks
 * again while the module's last session is within its horizon; or the person presses again)
 * rewrites both whole. Nothing is sent, so nothing can be doubled.
 */
import { formatLimaDateTime } from '../../domain/lima-time';
import { REPORT_AUDIT as A, REPORT_MESSAGES as M } from '../../domain/messages/workshops-report';
import {
  ATTENDANCE_TAB,
  CERTIFICATES_TAB,
  MODULES_TAB,
  REGISTRATIONS_TAB,
  SESSIONS_TAB,
  WORKSHOP_SURVEYS_TAB,
  type ModuleKey,
} from '../../domain/schema';
import { MissingColumnError, type TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { countedSessions } from '../../domain/workshops/completion';
import {
  attendanceTab,
  attendanceTabName,
  consolidateModule,
  surveyTab,
  surveyTabName,
  type ConsolidationInput,
  type ConsolidationSession,
  type ModuleConsolidation,
} from '../../domain/workshops/consolidation';
import { LockBusyError, type AuditLog, type Clock, type GeneratedTabs, type KeyValueStore, type Lock, type Workbook, type Workbooks } from '../../ports';
import { recordedRole } from '../setup';
import { dateOf, int, text } from './cells';

/** The ports the consolidation needs. */
export interface ConsolidationDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  audit: AuditLog;
  tabs: GeneratedTabs;
}

export type ConsolidationResult =
  | { ok: true; message: string; consolidatedAt: string; tabs: { attendance: string; survey: string } }
  | { ok: false; message: string };

function isTrue(v: unknown): boolean {
  return v === true || /^(true|verdadero|sí|si)$/i.test(text(v));
}

/** The module's sessions as the consolidation reads them (one read of 'Sesiones'). */
export function moduleSessions(book: Workbook, moduleId: string): ConsolidationSession[] {
  const t = book.table(SESSIONS_TAB);
  if (!t.exists()) return [];
  return t
    .read()
    .rows.filter((r) => r.id !== '' && text(r.record.moduleId) === moduleId)
    .map((r) => ({
      id: r.id,
      number: int(r.record.number),
      topic: text(r.record.topic),
      status: text(r.record.status),
      start: dateOf(r.record.start),
      end: dateOf(r.record.end),
    }));
}

/**
 * Everything the consolidation takes for one module: each tab read once (the cached snapshot of
 * this execution: the caller reads fresh under the lock where it must).
 */
export function readModuleInput(book: Workbook, row: TableRow<ModuleKey>, now: Date): ConsolidationInput {
  const id = row.id;
  const sessions = moduleSessions(book, id);
  const sessionIds = new Set(sessions.map((s) => s.id));
  const regs = book.table(REGISTRATIONS_TAB);
  const registrations = regs.exists()
    ? regs
        .read()
        .rows.filter((r) => r.id !== '' && text(r.record.moduleId) === id)
        .map((r) => ({ id: r.id, status: text(r.record.status), fullName: text(r.record.fullName) }))
    : [];
  const att = book.table(ATTENDANCE_TAB);
  const present = att.exists()
    ? att
        .read()
        .rows.filter((r) => sessionIds.has(text(r.record.sessionId)) && isTrue(r.record.present))
        .map((r) => ({ sessionId: text(r.record.sessionId), registrationId: text(r.record.registrationId) }))
    : [];
  const surv = book.table(WORKSHOP_SURVEYS_TAB);
  const surveys = surv.exists()
    ? surv
        .read()
        .rows.filter((r) => r.id !== '' && sessionIds.has(text(r.record.sessionId)))
        .map((r) => ({
          sessionId: text(r.record.sessionId),
          submittedAt: dateOf(r.record.submittedAt),
          scores: [r.record.q1, r.record.q2, r.record.q3, r.record.q4],
          score: r.record.score,
          recommend: text(r.record.recommend),
          comment: text(r.record.comment),
        }))
    : [];
  const certs = book.table(CERTIFICATES_TAB);
  const certificateStates = certs.exists()
    ? certs
        .read()
        .rows.filter((r) => r.id !== '' && text(r.record.moduleId) === id)
        .map((r) => text(r.record.state))
    : [];
  return {
    module: { id, name: text(row.record.name), minSessions: int(row.record.minSessions) },
    sessions,
    registrations,
    present,
    surveys,
    certificateStates,
    now,
  };
}

/** The module's consolidation computed from the sheet (nothing written). */
export function computeConsolidation(book: Workbook, row: TableRow<ModuleKey>, now: Date): ModuleConsolidation {
  return consolidateModule(readModuleInput(book, row, now));
}

/** The end of the module's last counted session, or null (no counted session, or one without its end). */
export function lastSessionEnd(sessions: readonly ConsolidationSession[]): Date | null {
  const counted = countedSessions(sessions);
  if (counted.length === 0 || counted.some((s) => s.end === null)) return null;
  return new Date(Math.max(...counted.map((s) => s.end!.getTime())));
}

/** Writes the two tabs and the row's date; call it holding the lock, with `row` read under it. */
function writeConsolidation(deps: ConsolidationDeps, row: TableRow<ModuleKey>, now: Date, auto: boolean): ConsolidationResult {
  const book = deps.workbooks.current();
  const c = computeConsolidation(book, row, now);
  if (c.sessions.length === 0) {
    deps.audit.record({ action: A.consolidationRefused, target: row.id, result: 'Sin efecto', detail: M.noSessions });
    return { ok: false, message: M.noSessions };
  }
  const a = attendanceTab(c);
  const s = surveyTab(c);
  deps.tabs.replace(a.name, a.rows, a.charts);
  deps.tabs.replace(s.name, s.rows, s.charts);
  book.table(MODULES_TAB).update([{ id: row.id, fields: { consolidatedAt: now } }]);
  const when = formatLimaDateTime(now);
  deps.audit.record({
    action: auto ? A.consolidatedAuto : A.consolidated,
    target: row.id,
    result: 'Correcto',
    detail: `${a.name} · ${s.name} · ${c.figures.meetsRule} de ${c.figures.confirmed} cumplen la regla`,
  });
  return { ok: true, message: M.consolidated(when), consolidatedAt: when, tabs: { attendance: a.name, survey: s.name } };
}

/**
 * Rewrites the consolidation of these module rows (read fresh by the caller, under the lock it
 * holds) that have one ('Consolidado' set): a Ley 29733 deletion calls it so the generated tabs
 * stop naming the person (src/app/personal-data/change.ts). Returns the IDs rewritten.
 */
export function refreshConsolidations(deps: ConsolidationDeps, moduleRows: readonly TableRow<ModuleKey>[], now: Date): string[] {
  const done: string[] = [];
  for (const row of moduleRows) {
    if (dateOf(row.record.consolidatedAt) === null) continue;
    if (writeConsolidation(deps, row, now, false).ok) done.push(row.id);
  }
  return done;
}

/** «Consolidar»: (re)writes the module's attendance and survey tabs with their charts. */
export function consolidate(deps: ConsolidationDeps, rawModuleId: unknown): ConsolidationResult {
  const id = cleanText(rawModuleId, 80);
  const refuse = (message: string): ConsolidationResult => {
    deps.audit.record({ action: A.consolidationRefused, target: id, result: 'Sin efecto', detail: message });
    return { ok: false, message };
  };
  if (recordedRole(deps.properties) !== 'talleres') return refuse(M.notTalleres);
  const book = deps.workbooks.current();
  if (!book.table(MODULES_TAB).exists()) return refuse(M.notTalleres);
  try {
    return deps.lock.withLock(() => {
      const row = id ? book.table(MODULES_TAB).read({ fresh: true }).byId.get(id) : undefined;
      if (!row) return refuse(M.notFound);
      return writeConsolidation(deps, row, deps.clock.now(), false);
    });
  } catch (e) {
    if (e instanceof LockBusyError) return refuse(M.lockBusy);
    if (e instanceof MissingColumnError) return refuse(e.message);
    const reason = e instanceof Error ? e.message : String(e);
    deps.audit.record({ action: A.consolidationRefused, target: id, result: 'Error', detail: reason });
    return { ok: false, message: M.consolidationFailed(reason) };
  }
}

/**
 * How long after the module's last session the clock consolidates it: the survey goes out after
 * the end and people answer over the following hours; a late Meet report is imported the next day.
 */
export const AUTO_CONSOLIDATION_DELAY_MS = 24 * 3_600_000;

/** When the clock consolidates a module whose last counted session ends at `lastEnd`. */
export function autoConsolidationAt(lastEnd: Date): Date {
  return new Date(lastEnd.getTime() + AUTO_CONSOLIDATION_DELAY_MS);
}

/** Whether the clock should consolidate this module now: its moment has come and it was not consolidated since. */
export function needsAutoConsolidation(lastEnd: Date | null, consolidatedAt: Date | null, now: Date): boolean {
  if (lastEnd === null) return false;
  const due = autoConsolidationAt(lastEnd).getTime();
  if (due > now.getTime()) return false;
  return consolidatedAt === null || consolidatedAt.getTime() < due;
}

/**
 * The session clock's duty: every module whose last counted session ended a day ago
 * (AUTO_CONSOLIDATION_DELAY_MS) and that was not consolidated since is consolidated once (later
 * on request only). Without the GeneratedTabs
 * port (an execution wired without it) it does nothing.
 */
export function consolidateEndedModules(deps: Omit<ConsolidationDeps, 'tabs'> & { tabs?: GeneratedTabs }, now: Date): string {
  const tabs = deps.tabs;
  if (!tabs) return '';
  const book = deps.workbooks.current();
  if (!book.table(MODULES_TAB).exists() || !book.table(SESSIONS_TAB).exists()) return '';
  return deps.lock.withLock(() => {
    const done: string[] = [];
    const modules = book.table(MODULES_TAB).read({ fresh: true });
    for (const row of modules.rows) {
      if (row.id === '') continue;
      const end = lastSessionEnd(moduleSessions(book, row.id));
      if (!needsAutoConsolidation(end, dateOf(row.record.consolidatedAt), now)) continue;
      const r = writeConsolidation({ ...deps, tabs }, row, now, true);
      if (r.ok) done.push(row.id);
    }
    return done.length ? `${done.length} módulo(s) consolidado(s): ${done.join(', ')}` : '';
  });
}

export { attendanceTabName, surveyTabName };
