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
import { MODULES_TAB, SESSIONS_TAB, YEAR_PLAN_TAB, type ModuleKey, type SessionKey } from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { nextModuleStatus, nextSessionStatus, progressDueTimes, type ProgressSession } from '../../domain/workshops/progress';
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
