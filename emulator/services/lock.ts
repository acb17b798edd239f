import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';

/**
 * LockService (developers.google.com/apps-script/reference/lock). Holders are kept in
 * `env.state.locks` (lock key → execution id); the runtime releases an execution's locks when
 * it ends, as Apps Script does ("any locks you hold will be released at the end of script
 * execution").
 *
 * Executions run one at a time; the only concurrency is a harness interleaving a second
 * execution inside a suspended first one. So when another execution holds the lock, nothing
 * can release it while we wait: the whole timeout is charged to this execution's clock and
 * the attempt fails, exactly what a real waiter behind a slow holder sees.
 */
export const LOCK_MESSAGES = {
  timeout: 'Lock timeout: another process was holding the lock for too long.',
  // Not documented: the Lock reference names no maximum. A wait longer than the 6-minute
  // execution limit could never end well, so the emulator refuses waits above 5 minutes.
  tooLong: 'Argument too large: timeoutInMillis',
};

export const LOCK_MAX_TIMEOUT_MS = 300_000;

/** Lock (reference/lock/lock). */
export class Lock extends GasObject {
  readonly _service = 'Lock' as const;
  readonly _class = 'Lock';

  constructor(
    private readonly _env: ServiceEnv,
    readonly _key: string,
  ) {
    super();
  }

  private get _me(): string {
    return this._env.exec.record.id;
  }

  /** "Attempts to acquire the lock, timing out after the provided number of milliseconds." */
  tryLock(timeoutInMillis: number): boolean {
    const ms = Number(timeoutInMillis);
    if (!Number.isFinite(ms) || ms < 0) throw new Error('Invalid argument: timeoutInMillis');
    if (ms > LOCK_MAX_TIMEOUT_MS) throw new Error(LOCK_MESSAGES.tooLong);
    const locks = this._env.state.locks;
    const holder = locks.get(this._key);
    if (holder === undefined || holder === this._me) {
      locks.set(this._key, this._me);
      return true;
    }
    this._env.exec.spend(ms); // may end the execution at its time limit
    return false;
  }

  /** "…timing out with an exception after the provided number of milliseconds." */
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error(LOCK_MESSAGES.timeout);
  }

  /** "This method has no effect if the lock has not been acquired." */
  releaseLock(): void {
    if (this._env.state.locks.get(this._key) === this._me) this._env.state.locks.delete(this._key);
  }

  hasLock(): boolean {
    return this._env.state.locks.get(this._key) === this._me;
  }
}

/** LockService (reference/lock/lock-service). */
export class LockService extends GasObject {
  readonly _service = 'Lock' as const;
  readonly _class = 'LockService';

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  /** "Gets a lock that prevents any user from concurrently running a section of code." */
  getScriptLock(): Lock {
    return new Lock(this._env, `script:${this._env.project.id}`);
  }

  /** "…or null if the script is not a container-bound script or an add-on." */
  getDocumentLock(): Lock | null {
    const container = this._env.project.containerId;
    if (!container) return null;
    return new Lock(this._env, `doc:${this._env.project.id}:${container}`);
  }

  /** "Gets a lock that prevents the current user from concurrently running a section of code." */
  getUserLock(): Lock {
    return new Lock(this._env, `user:${this._env.project.id}:${this._env.exec.user}`);
  }
}

export const install: ServiceInstaller = (env) => ({ LockService: new LockService(env) });
