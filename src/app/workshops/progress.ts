/**
 * The module's and its sessions' status moving by themselves (issue 12, item 5): the rules of
 * src/domain/workshops/progress.ts applied to 'Sesiones' and 'Módulos' under the script lock, each
 * change audited. Run by the session clock as a duty (`PROGRESS_DUTY`, registered by the
 * integrator in src/app/workshops/session-duties.ts) and by the panel when it loads a module
 * (src/app/workshops/module-view.ts), so what the panel shows is never stale.
 *
 *   lock → read 'Módulos', 'Sesiones', 'Programación anual' (fresh) → decide → one 'span' update
 *   per tab → audit each change.
 *
 * Idempotent: a second run finds nothing to change. Nothing is sent.
 */
import { PROGRESS_AUDIT as A } from '../../domain/messages/workshops-silnet';
import { ATTENDANCE_TAB, MODULES_TAB, SESSION_MAILS_TAB, SESSIONS_TAB, YEAR_PLAN_TAB, type ModuleKey, type RegistrationKey, type SessionKey } from '../../domain/schema';
import { CLOSING_MAIL_CODES } from '../../domain/workshops/closing';
import type { FieldValue, TableRow } from '../../domain/table';
import { closingSession, nextModuleStatus, nextSessionStatus, progressDueTimes, runningFacts, type ProgressSession, type RunningFacts } from '../../domain/workshops/progress';
import { LockBusyError, type AuditLog, type Lock, type RowChange, type Workbooks } from '../../ports';
import { dateOf, int, text } from './cells';

export interface ProgressDeps {
  workbooks: Workbooks;
  lock: Lock;
  audit: AuditLog;
}

/** A 'Sesiones' row as the rules need it. */
export function progressSession(row: TableRow<SessionKey>): ProgressSession {
  return {
    id: row.id,
    moduleId: text(row.record.moduleId),
    number: int(row.record.number),
    status: text(row.record.status),
    start: dateOf(row.record.start),
    end: dateOf(row.record.end),
    isClosing: row.record.isClosing === true || /^(true|sí|si|verdadero|x)$/i.test(text(row.record.isClosing)),
  };
}

export interface ProgressResult {
  sessions: number;
  modules: number;
  summary: string;
}

/**
 * Moves every session and module whose time has come (only `moduleId`'s when given). Takes the
 * script lock (re-entrant: a caller holding it may call this).
 */
export function applyProgress(deps: ProgressDeps, now: Date, moduleId?: string): ProgressResult {
  const wb = deps.workbooks.current();
  const modules = wb.table(MODULES_TAB);
  const sessions = wb.table(SESSIONS_TAB);
  if (!modules.exists() || !sessions.exists()) return { sessions: 0, modules: 0, summary: A.summary(0, 0) };
  const plan = wb.table(YEAR_PLAN_TAB);
  return deps.lock.withLock(() => {
    const sessionRows = sessions.read({ fresh: true }).rows.filter((r) => r.id !== '' && (moduleId === undefined || text(r.record.moduleId) === moduleId));
    const moduleRows = modules.read({ fresh: true }).rows.filter((r) => r.id !== '' && (moduleId === undefined || r.id === moduleId));
    const cancelled = new Set<string>();
    if (plan.exists()) for (const r of plan.read().rows) if (text(r.record.status) === 'Cancelado') cancelled.add(text(r.record.moduleId));

    const sessionChanges: RowChange<SessionKey>[] = [];
    const byModule = new Map<string, ProgressSession[]>();
    for (const row of sessionRows) {
      const s = progressSession(row);
      const next = nextSessionStatus(s, now);
      if (next !== null) {
        sessionChanges.push({ id: row.id, fields: { status: next, updatedAt: now } });
        deps.audit.record({ action: A.session, target: row.id, result: 'Correcto', detail: `${s.status || '(vacío)'} → ${next}` });
        s.status = next;
      }
      const list = byModule.get(s.moduleId) ?? [];
      list.push(s);
      byModule.set(s.moduleId, list);
    }
    const moduleChanges: RowChange<ModuleKey>[] = [];
    for (const row of moduleRows) {
      const status = text(row.record.status);
      const next = nextModuleStatus(status, cancelled.has(row.id), byModule.get(row.id) ?? [], now);
      if (next === null) continue;
      const fields: Partial<Record<ModuleKey, FieldValue>> = { status: next, updatedAt: now };
      moduleChanges.push({ id: row.id, fields });
      deps.audit.record({ action: A.module, target: row.id, result: 'Correcto', detail: `${status} → ${next}` });
    }
    if (sessionChanges.length > 0) sessions.update(sessionChanges);
    if (moduleChanges.length > 0) modules.update(moduleChanges);
    return { sessions: sessionChanges.length, modules: moduleChanges.length, summary: A.summary(sessionChanges.length, moduleChanges.length) };
  });
}

/** The panel's call: applies the rules to one module; a busy lock leaves it for the next time (never an error). */
export function refreshModuleProgress(deps: ProgressDeps, now: Date, moduleId: string): void {
  try {
    applyProgress(deps, now, moduleId);
  } catch (e) {
    if (!(e instanceof LockBusyError)) throw e;
  }
}

/**
 * The duty the session clock runs (contract: `{ name, dueTimes(sessions, settings), run(deps,
 * now) }`). `dueTimes` takes the sessions as the clock reads them: any objects with the
 * ProgressSession fields (id, moduleId, number, status, start, end, isClosing).
 */
export const PROGRESS_DUTY = {
  name: 'Estado de módulos y sesiones',
  dueTimes(sessions: readonly ProgressSession[], _settings?: unknown): number[] {
    return progressDueTimes(sessions);
  },
  run(deps: ProgressDeps, now: Date): string {
    return applyProgress(deps, now).summary;
  },
};

// ---------------------------------------------------------------------------- «Siguiente paso» once the sessions run

/**
 * The running facts of one module for its stage (src/domain/workshops/stage.ts): its sessions,
 * its attendees registered or not in Silnet, its closing's presenters and whether their order went
 * out. Reads 'Asistencia' and 'Envíos de sesiones' once per execution (the Table port keeps the
 * snapshot), so the list's Sheets calls do not grow with the modules.
 */
export function moduleRunningFacts(
  wb: ReturnType<Workbooks['current']>,
  sessionRows: readonly TableRow<SessionKey>[],
  registrationRows: readonly TableRow<RegistrationKey>[],
  now: Date,
): RunningFacts {
  const sessions = sessionRows.map(progressSession);
  const attendance = wb.table(ATTENDANCE_TAB);
  const attended = new Set<string>();
  const moduleIds = new Set(sessions.map((s) => s.moduleId));
  if (attendance.exists()) {
    for (const a of attendance.read().rows) {
      if (moduleIds.has(text(a.record.moduleId)) && (a.record.present === true || /^(true|verdadero)$/i.test(text(a.record.present)))) attended.add(text(a.record.registrationId));
    }
  }
  const yes = (v: unknown) => v === true || /^(true|verdadero|sí|si)$/i.test(text(v));
  const participants = registrationRows.filter((r) => attended.has(r.id) && ['Inscrito', 'Retirado'].includes(text(r.record.status)));
  const silnetDone = participants.filter((r) => yes(r.record.silnet)).length;
  const confirmed = registrationRows.filter((r) => text(r.record.status) === 'Inscrito');
  const ordered = confirmed.filter((r) => int(r.record.presentationOrder) > 0).length;
  const presenters = ordered > 0 ? ordered : confirmed.filter((r) => yes(r.record.presentsProject)).length;
  const closing = closingSession(sessions);
  let closingSent = false;
  const mails = wb.table(SESSION_MAILS_TAB);
  if (closing && mails.exists()) {
    const prefix = `${CLOSING_MAIL_CODES.order}/${closing.id}/`;
    closingSent = mails.read().rows.some((m) => m.id.startsWith(prefix) && text(m.record.delivery) === 'enviado');
  }
  return runningFacts(sessions, now, { silnetPending: participants.length - silnetDone, silnetDone, presenters, closingSent });
}
