/**
 * The Lock port over LockService's script lock. Re-entrant within one execution: a use case that
 * holds the lock can call another that asks for it (Apps Script's lock is per execution, and a
 * second waitLock on it would only wait for itself).
 */
import { LockBusyError, type Lock } from '../ports';

/** How long a consultant's click waits for a trigger that holds the lock (Apps Script's own cap is 300 s). */
const DEFAULT_WAIT_MS = 30_000;

export class ScriptLock implements Lock {
  private depth = 0;

  /**
   * @param busyMessage what to tell the person when the lock is not free in time (Spanish).
   * @param beforeRelease runs while the lock is still held, also after a failure: the audit log is
   *   written there, so two executions never append their lines to the same row.
   */
  constructor(
    private readonly busyMessage: string,
    private readonly beforeRelease: () => void = () => undefined,
  ) {}

  withLock<T>(fn: () => T, waitMs = DEFAULT_WAIT_MS): T {
    if (this.depth > 0) {
      this.depth++;
      try {
        return fn();
      } finally {
        this.depth--;
      }
    }
    const lock = LockService.getScriptLock();
    try {
      lock.waitLock(waitMs);
    } catch {
      throw new LockBusyError(this.busyMessage);
    }
    this.depth = 1;
    try {
      return fn();
    } finally {
      this.depth = 0;
      try {
        this.beforeRelease();
      } catch (e) {
        // Never hide fn's own outcome; the execution log says what could not be written.
        console.error(`Antes de liberar el bloqueo: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        lock.releaseLock();
      }
    }
  }
}
