import { createHash } from 'node:crypto';
import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';

/**
 * Session (developers.google.com/apps-script/reference/base/session). The emulator's users
 * all belong to one domain, so the active user is always visible: both getActiveUser() and
 * getEffectiveUser() are the user the execution runs as (for an installable trigger, its
 * owner). The locale is Spanish, the consultants' language.
 */
export const SESSION_LOCALE = 'es';

/** User (reference/base/user). */
export class User extends GasObject {
  readonly _service = 'Session' as const;
  readonly _class = 'User';

  constructor(private readonly _email: string) {
    super();
  }

  getEmail(): string {
    return this._email;
  }
}

export class Session extends GasObject {
  readonly _service = 'Session' as const;
  readonly _class = 'Session';

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  getActiveUser(): User {
    return new User(this._env.exec.user);
  }

  getEffectiveUser(): User {
    return new User(this._env.exec.user);
  }

  /** "Gets the time zone of the script" — the manifest's `timeZone`. */
  getScriptTimeZone(): string {
    return this._env.project.timeZone;
  }

  getActiveUserLocale(): string {
    return SESSION_LOCALE;
  }

  /**
   * "Gets a temporary key that is unique to the active user but does not reveal the user
   * identity" — stable for one user of one project (the reference says it rotates every 30
   * days; the emulator keeps it for the life of the workspace), derived from the seed.
   */
  getTemporaryActiveUserKey(): string {
    const s = this._env.state;
    return createHash('sha256').update(`${s.options.seed}|${this._env.project.id}|${this._env.exec.user}`).digest('base64url').slice(0, 43);
  }
}

export const install: ServiceInstaller = (env) => ({ Session: new Session(env) });
