import { createHash } from 'node:crypto';
import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject } from '../core/gas-object';
import { sheetsStore } from './sheets/store';

/**
 * Session (developers.google.com/apps-script/reference/base/session). The execution's `user`
 * is the account it runs as; who Session reports follows the reference:
 * - getEffectiveUser: "If the script is running under an installable trigger, this returns the
 *   account of the user who created the trigger. In most other cases, this returns the same
 *   account as getActiveUser()." Menu, sidebar (google.script.run) and editor runs: the person.
 * - getActiveUser: the person in front of the document. Under an installable trigger (time,
 *   form submit, installable open) the emulator reports the trigger's owner, as the same-domain
 *   rule lets Apps Script report it (the event's `e.user` carries who opened the file).
 * - simple triggers (onOpen, LIMITED mode) run "without that user's authorization": the email is
 *   '' there, except that "these restrictions generally do not apply if the developer runs the
 *   script themselves or belongs to the same Google Workspace domain as the user". The emulator
 *   reads "developer" as the owner of the container spreadsheet: the person's email is given when
 *   they are that owner, or share its domain on a Workspace account; else ''. The effective user
 *   of a simple trigger is the same (it runs as the person, unauthorized).
 * The locale is Spanish, the consultants' language.
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
    return new User(activeUserEmail(this._env));
  }

  getEffectiveUser(): User {
    if (this._env.exec.record.trigger === 'simple') return new User(activeUserEmail(this._env));
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

function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

/** The active user's email as Session reports it (see the class comment): '' where the reference hides it. */
export function activeUserEmail(env: ServiceEnv): string {
  const person = env.exec.user;
  if (env.exec.record.trigger === 'webapp') return webAppActiveUser(env);
  if (env.exec.record.trigger !== 'simple') return person;
  const containerId = env.project.containerId;
  const owner = (containerId && sheetsStore(env.state).spreadsheet(containerId)?.owner) || env.state.user;
  if (person.toLowerCase() === owner.toLowerCase()) return person;
  if (env.state.quotas.account === 'workspace' && domainOf(person) !== '' && domainOf(person) === domainOf(owner)) return person;
  return '';
}

/**
 * A web app request (the web apps guide, Permissions; reference/base/session getActiveUser): run
 * as the visitor (USER_ACCESSING) the visitor is the active user; run as the deployer
 * ("execute as me") the visitor's email is given only when they are the deployer or share the
 * deployer's Workspace domain, else ''. An anonymous visitor is always ''.
 */
function webAppActiveUser(env: ServiceEnv): string {
  const visitor = env.exec.record.visitor ?? '';
  const runsAs = env.exec.user;
  if (visitor === '') return '';
  if (visitor.toLowerCase() === runsAs.toLowerCase()) return visitor;
  if (env.state.quotas.account === 'workspace' && domainOf(visitor) !== '' && domainOf(visitor) === domainOf(runsAs)) return visitor;
  return '';
}

export const install: ServiceInstaller = (env) => ({ Session: new Session(env) });
