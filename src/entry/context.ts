/**
 * Wiring for one execution: the ports implemented with Apps Script services (src/gas), built
 * fresh for each entry-point call. Entry-point modules (src/entry/*.ts) call `withContext`.
 */
import { BufferedAuditLog } from '../app/audit';
import { SETUP_MESSAGES } from '../domain/messages/setup';
import { AUDIT_TAB } from '../domain/schema';
import { SystemClock } from '../gas/clock';
import { FormAppForms } from '../gas/forms';
import { ScriptLock } from '../gas/lock';
import { MailAppMailer } from '../gas/mail';
import { CalendarMeetings } from '../gas/meetings';
import { PropertiesStore } from '../gas/properties';
import { ScriptAppScheduler } from '../gas/scheduler';
import { GasSession } from '../gas/session';
import { GasWorkbooks } from '../gas/workbook';
import { ScriptAppWebAppService } from '../gas/webapp-service';

// ---------------------------------------------------------------------------- wiring

/** The ports wired to Apps Script for one execution. */
export interface Context {
  workbooks: GasWorkbooks;
  properties: PropertiesStore;
  scheduler: ScriptAppScheduler;
  lock: ScriptLock;
  clock: SystemClock;
  session: GasSession;
  mailer: MailAppMailer;
  meetings: CalendarMeetings;
  forms: FormAppForms;
  webApp: ScriptAppWebAppService;
  audit: BufferedAuditLog;
}

/** @param how how the execution started, for the audit log's 'Ejecución' column. */
export function createContext(how: string): Context {
  const workbooks = new GasWorkbooks();
  const clock = new SystemClock();
  const session = new GasSession(how);
  const label = () => {
    const who = session.userEmail();
    return who ? `${how} · ${who}` : how;
  };
  // The audit tab is looked up only when there is something to write.
  const audit = new BufferedAuditLog(() => workbooks.current().table(AUDIT_TAB), clock, label);
  return {
    workbooks,
    properties: new PropertiesStore(),
    scheduler: new ScriptAppScheduler(),
    // Appending finds the last row and writes below it: two executions doing that at once would
    // write the same row. So the lines are written while the script lock is still held.
    lock: new ScriptLock(SETUP_MESSAGES.lockBusy, () => audit.flush()),
    clock,
    session,
    mailer: new MailAppMailer(),
    meetings: new CalendarMeetings(),
    forms: new FormAppForms(),
    webApp: new ScriptAppWebAppService(),
    audit,
  };
}

/** How long leftover audit lines wait for the script lock before being written without it. */
const AUDIT_LOCK_WAIT_MS = 10_000;

/**
 * Runs a use case with a fresh context; the audit entries it recorded are written afterwards,
 * also when it failed, so what was done before a failure is on record.
 */
export function withContext<T>(how: string, fn: (ctx: Context) => T): T {
  const ctx = createContext(how);
  try {
    return fn(ctx);
  } finally {
    try {
      // Lines recorded outside the lock are written under it too (the lock's release flushes
      // them); if it cannot be had in time, they are written anyway rather than lost.
      if (ctx.audit.pending() > 0) {
        try {
          ctx.lock.withLock(() => undefined, AUDIT_LOCK_WAIT_MS);
        } catch {
          ctx.audit.flush();
        }
      }
    } catch (e) {
      // The audit tab may not exist yet (setup not run): say so in the execution log, never hide fn's own outcome.
      console.error(`No se pudo escribir el registro de auditoría: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

