import type { ServiceEnv, ServiceInstaller } from '../core/env';
import { GasObject, isDate } from '../core/gas-object';
import type { TriggerRecord, TriggerEventType, TriggerSource } from '../core/project';
import { nextRun } from '../core/schedule';
import { registerStore, type Store, type WorkspaceState } from '../core/state';
import { isValidTimeZone, zonedParts } from '../core/zones';
import { createHash } from 'node:crypto';
import { webAppStore, webAppUrl } from './webapp';

/**
 * ScriptApp (developers.google.com/apps-script/reference/script/script-app): installable
 * triggers and a little about the script itself. Triggers are kept on the project
 * (`env.project.triggers`) as TriggerRecords; the workspace fires them.
 */

/** "Triggers: 20 / user / script" (developers.google.com/apps-script/guides/services/quotas). */
export const MAX_TRIGGERS_PER_USER = 20;

export const SCRIPT_MESSAGES = {
  tooManyTriggers: 'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  everyMinutes: 'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.',
  // Same wording as everyMinutes' (seen in real logs); the everyHours one was not found verbatim.
  everyHours: 'The value you passed to everyHours was invalid. It must be one of 1, 2, 4, 6, 8 or 12.',
  // Not found verbatim in public material: worded after the reference's own remark
  // "Frequency is required if you are using atHour() or nearMinute()".
  noSchedule: 'The clock trigger has no schedule: call at(), after(), everyMinutes(), everyHours(), everyDays(), everyWeeks(), onWeekDay() or onMonthDay() before create().',
  frequencyRequired: 'Frequency is required if you are using atHour() or nearMinute().',
  // Not found verbatim: the emulator refuses a month day mixed with another frequency or a week day.
  monthDayAlone: 'onMonthDay() cannot be combined with another frequency or with onWeekDay().',
  noEventType: 'The trigger has no event type: call one of its on…() methods before create().',
  permission: (method: string) =>
    `You do not have permission to call ScriptApp.${method}. Required permissions: https://www.googleapis.com/auth/script.scriptapp`,
};

const enumOf = (...names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** Simple triggers run without authorization: trigger management is refused (guides/triggers#restrictions). */
function assertMayManageTriggers(env: ServiceEnv, method: string): void {
  if (env.exec.record.trigger === 'simple') throw new Error(SCRIPT_MESSAGES.permission(method));
}

function integer(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`Invalid argument: ${what}`);
  return n;
}

/** A Spreadsheet/Form/Document from another service (anything with getId()) or an ID string. */
function sourceIdOf(x: unknown, what: string): string {
  if (typeof x === 'string' && x !== '') return x;
  if (x && typeof (x as { getId?: unknown }).getId === 'function') return String((x as { getId(): unknown }).getId());
  throw new Error(`Invalid argument: ${what}`);
}

/** Registers a new trigger for the current user, enforcing the per-user limit. */
function addTrigger(env: ServiceEnv, fields: Omit<TriggerRecord, 'uid' | 'owner' | 'createdAt'>): Trigger {
  assertMayManageTriggers(env, 'newTrigger');
  const user = env.exec.user;
  const owned = env.project.triggers.filter((t) => t.owner === user).length;
  if (owned >= MAX_TRIGGERS_PER_USER) throw new Error(SCRIPT_MESSAGES.tooManyTriggers);
  const record: TriggerRecord = {
    uid: String(env.state.random.int(9e9) + 1e9) + String(env.state.random.int(9e9)),
    owner: user,
    createdAt: env.state.now(),
    ...fields,
  };
  if (record.source === 'CLOCK') record.nextRun = nextRun(record, env.state.now(), env.project.timeZone);
  env.project.triggers.push(record);
  return new Trigger(record);
}

/** Trigger (reference/script/trigger). Reads the live record, so a deleted trigger keeps its data. */
export class Trigger extends GasObject {
  readonly _service = 'Script' as const;
  readonly _class = 'Trigger';

  constructor(readonly _record: TriggerRecord) {
    super();
  }

  getUniqueId(): string {
    return this._record.uid;
  }

  getHandlerFunction(): string {
    return this._record.handler;
  }

  getEventType(): string {
    return this._record.eventType;
  }

  getTriggerSource(): string {
    return this._record.source;
  }

  /** "For clock events this returns null" (reference/script/trigger#getTriggerSourceId()). */
  getTriggerSourceId(): string | null {
    return this._record.sourceId ?? null;
  }
}

/** ClockTriggerBuilder (reference/script/clock-trigger-builder). */
export class ClockTriggerBuilder extends GasObject {
  readonly _service = 'Script' as const;
  readonly _class = 'ClockTriggerBuilder';
  /** One schedule at a time: a later frequency call replaces an earlier one. */
  private _frequency?: { kind: 'at'; at: number } | { kind: 'after'; ms: number } | { kind: 'everyMinutes' | 'everyHours' | 'everyDays' | 'everyWeeks'; n: number };
  private _atHour?: number;
  private _nearMinute?: number;
  private _weekDay?: number;
  private _monthDay?: number;
  private _timeZone?: string;

  constructor(
    private readonly _env: ServiceEnv,
    private readonly _handler: string,
  ) {
    super();
  }

  at(date: Date): ClockTriggerBuilder {
    if (!isDate(date) || Number.isNaN(date.getTime())) throw new Error('Invalid argument: date');
    this._frequency = { kind: 'at', at: date.getTime() };
    return this;
  }

  /** "The minimum duration (in milliseconds) after the current time when the trigger should run." */
  after(durationMilliseconds: number): ClockTriggerBuilder {
    const ms = integer(durationMilliseconds, 'durationMilliseconds');
    if (ms < 0) throw new Error('Invalid argument: durationMilliseconds');
    this._frequency = { kind: 'after', ms };
    return this;
  }

  everyMinutes(n: number): ClockTriggerBuilder {
    if (![1, 5, 10, 15, 30].includes(n)) throw new Error(SCRIPT_MESSAGES.everyMinutes);
    this._frequency = { kind: 'everyMinutes', n };
    return this;
  }

  everyHours(n: number): ClockTriggerBuilder {
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw new Error(SCRIPT_MESSAGES.everyHours);
    this._frequency = { kind: 'everyHours', n };
    return this;
  }

  everyDays(n: number): ClockTriggerBuilder {
    if (integer(n, 'n') < 1) throw new Error('Invalid argument: n');
    this._frequency = { kind: 'everyDays', n };
    return this;
  }

  everyWeeks(n: number): ClockTriggerBuilder {
    if (integer(n, 'n') < 1) throw new Error('Invalid argument: n');
    this._frequency = { kind: 'everyWeeks', n };
    return this;
  }

  atHour(hour: number): ClockTriggerBuilder {
    const h = integer(hour, 'hour');
    if (h < 0 || h > 23) throw new Error('Invalid argument: hour');
    this._atHour = h;
    return this;
  }

  nearMinute(minute: number): ClockTriggerBuilder {
    const m = integer(minute, 'minute');
    if (m < 0 || m > 59) throw new Error('Invalid argument: minute');
    this._nearMinute = m;
    return this;
  }

  /** Takes ScriptApp.WeekDay.X. Weekly by itself, as the guide's `onWeekDay(MONDAY).atHour(9)` example shows. */
  onWeekDay(day: string): ClockTriggerBuilder {
    const i = WEEKDAYS.indexOf(String(day));
    if (i < 0) throw new Error('Invalid argument: day');
    this._weekDay = i + 1;
    return this;
  }

  /**
   * "Specifies the date in the month that the trigger runs" (the reference's example:
   * `onMonthDay(4)`, monthly on the 4th). Monthly by itself; with atHour/nearMinute as a daily
   * trigger has them. Days 1–31; a month without that day has no run (the emulator's reading: not documented).
   */
  onMonthDay(day: number): ClockTriggerBuilder {
    const d = integer(day, 'day');
    if (d < 1 || d > 31) throw new Error('Invalid argument: day');
    this._monthDay = d;
    return this;
  }

  inTimezone(timezone: string): ClockTriggerBuilder {
    if (typeof timezone !== 'string' || !isValidTimeZone(timezone)) throw new Error('Invalid argument: timezone');
    this._timeZone = timezone;
    return this;
  }

  create(): Trigger {
    assertMayManageTriggers(this._env, 'newTrigger');
    const f = this._frequency;
    const weekly = this._weekDay !== undefined && (!f || f.kind === 'everyWeeks');
    const monthly = this._monthDay !== undefined && !f && this._weekDay === undefined;
    if (this._monthDay !== undefined && !monthly) throw new Error(SCRIPT_MESSAGES.monthDayAlone);
    if (!f && !weekly && !monthly) {
      throw new Error(this._atHour !== undefined || this._nearMinute !== undefined ? SCRIPT_MESSAGES.frequencyRequired : SCRIPT_MESSAGES.noSchedule);
    }
    const fields: Omit<TriggerRecord, 'uid' | 'owner' | 'createdAt'> = { handler: this._handler, source: 'CLOCK', eventType: 'CLOCK' };
    if (this._timeZone) fields.timeZone = this._timeZone;
    if (monthly) {
      fields.onMonthDay = this._monthDay;
      if (this._atHour !== undefined) fields.atHour = this._atHour;
      if (this._nearMinute !== undefined) fields.nearMinute = this._nearMinute;
    } else if (f?.kind === 'at') {
      fields.at = f.at;
    } else if (f?.kind === 'after') {
      fields.at = this._env.state.now() + f.ms; // counted from create(), when the trigger exists
    } else if (f?.kind === 'everyMinutes') {
      if (this._atHour !== undefined || this._nearMinute !== undefined) throw new Error(SCRIPT_MESSAGES.frequencyRequired);
      fields.everyMinutes = f.n;
    } else if (f?.kind === 'everyHours') {
      if (this._atHour !== undefined) throw new Error(SCRIPT_MESSAGES.frequencyRequired);
      fields.everyHours = f.n;
      if (this._nearMinute !== undefined) fields.nearMinute = this._nearMinute;
    } else {
      if (f?.kind === 'everyDays') fields.everyDays = f.n;
      else fields.everyWeeks = f?.n ?? 1;
      if (this._atHour !== undefined) fields.atHour = this._atHour;
      if (this._nearMinute !== undefined) fields.nearMinute = this._nearMinute;
      if (fields.everyWeeks !== undefined) {
        // A weekly trigger with no day runs on the weekday it was created (in its zone).
        const zone = this._timeZone ?? this._env.project.timeZone;
        const wd = zonedParts(this._env.state.now(), zone).weekday;
        fields.onWeekDay = this._weekDay ?? (wd === 0 ? 7 : wd);
      }
    }
    return addTrigger(this._env, fields);
  }
}

abstract class EventTriggerBuilder extends GasObject {
  readonly _service = 'Script' as const;
  protected _eventType?: TriggerEventType;
  protected abstract readonly _source: TriggerSource;

  constructor(
    protected readonly _env: ServiceEnv,
    protected readonly _handler: string,
    protected readonly _sourceId: string,
  ) {
    super();
  }

  create(): Trigger {
    assertMayManageTriggers(this._env, 'newTrigger');
    if (!this._eventType) throw new Error(SCRIPT_MESSAGES.noEventType);
    return addTrigger(this._env, { handler: this._handler, source: this._source, eventType: this._eventType, sourceId: this._sourceId });
  }
}

/** SpreadsheetTriggerBuilder (reference/script/spreadsheet-trigger-builder). */
export class SpreadsheetTriggerBuilder extends EventTriggerBuilder {
  readonly _class = 'SpreadsheetTriggerBuilder';
  protected readonly _source = 'SPREADSHEETS' as const;

  onOpen(): SpreadsheetTriggerBuilder {
    this._eventType = 'ON_OPEN';
    return this;
  }

  onEdit(): SpreadsheetTriggerBuilder {
    this._eventType = 'ON_EDIT';
    return this;
  }

  onChange(): SpreadsheetTriggerBuilder {
    this._eventType = 'ON_CHANGE';
    return this;
  }

  onFormSubmit(): SpreadsheetTriggerBuilder {
    this._eventType = 'ON_FORM_SUBMIT';
    return this;
  }
}

/** FormTriggerBuilder (reference/script/form-trigger-builder). */
export class FormTriggerBuilder extends EventTriggerBuilder {
  readonly _class = 'FormTriggerBuilder';
  protected readonly _source = 'FORMS' as const;

  onFormSubmit(): FormTriggerBuilder {
    this._eventType = 'ON_FORM_SUBMIT';
    return this;
  }

  onOpen(): FormTriggerBuilder {
    this._eventType = 'ON_OPEN';
    return this;
  }
}

/** TriggerBuilder (reference/script/trigger-builder). */
export class TriggerBuilder extends GasObject {
  readonly _service = 'Script' as const;
  readonly _class = 'TriggerBuilder';

  constructor(
    private readonly _env: ServiceEnv,
    private readonly _handler: string,
  ) {
    super();
  }

  timeBased(): ClockTriggerBuilder {
    return new ClockTriggerBuilder(this._env, this._handler);
  }

  forSpreadsheet(sheet: unknown): SpreadsheetTriggerBuilder {
    return new SpreadsheetTriggerBuilder(this._env, this._handler, sourceIdOf(sheet, 'sheet'));
  }

  forForm(form: unknown): FormTriggerBuilder {
    return new FormTriggerBuilder(this._env, this._handler, sourceIdOf(form, 'form'));
  }
}

/**
 * Service (reference/script/service): the script's web app. getUrl "Returns the URL of the web
 * app, if it has been deployed; otherwise returns null"; isEnabled "Returns true if the script is
 * accessible as a web app" (deployed with `ws.deployWebApp`).
 */
export class ScriptService extends GasObject {
  readonly _service = 'Script' as const;
  readonly _class = 'Service';

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  getUrl(): string | null {
    const d = webAppStore(this._env.state).deployments[this._env.project.id];
    return d ? webAppUrl(d) : null;
  }

  isEnabled(): boolean {
    return webAppStore(this._env.state).deployments[this._env.project.id] !== undefined;
  }
}

// ---------------------------------------------------------------------------- authorization

/**
 * The scopes each user granted to each project. Since Google's granular consent for Apps Script
 * (2025), a person may leave some of the manifest's scopes unticked on the consent screen; the
 * emulator never shows that screen, so by default a user has granted every scope the manifest
 * lists, and a scenario withholds some with `authorizationStore(state).grant(...)`.
 */
export class AuthorizationStore implements Store {
  /** projectId → user → scopes granted. No entry: every scope the manifest lists. */
  granted: Record<string, Record<string, string[]>> = {};

  /** Records what `user` granted to the project (replacing what they granted before). */
  grant(projectId: string, user: string, scopes: readonly string[]): void {
    (this.granted[projectId] ??= {})[user] = [...new Set(scopes)];
  }

  /** What `user` granted; `manifestScopes` when they never chose (the whole consent screen accepted). */
  grantedBy(projectId: string, user: string, manifestScopes: readonly string[]): string[] {
    return [...(this.granted[projectId]?.[user] ?? manifestScopes)];
  }

  toJSON(): unknown {
    return { granted: this.granted };
  }

  static fromJSON(json: unknown): AuthorizationStore {
    const s = new AuthorizationStore();
    const g = (json as { granted?: unknown } | null)?.granted;
    if (g && typeof g === 'object') s.granted = g as AuthorizationStore['granted'];
    return s;
  }
}

registerStore('authorization', { create: () => new AuthorizationStore(), fromJSON: AuthorizationStore.fromJSON });

export function authorizationStore(state: WorkspaceState): AuthorizationStore {
  return state.store<AuthorizationStore>('authorization');
}

const AUTH_MODES = ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'];

/**
 * AuthorizationInfo (developers.google.com/apps-script/reference/script/authorization-info):
 * - getAuthorizationStatus(): REQUIRED when a scope in question has not been granted;
 * - getAuthorizationUrl(): "If no authorization is required, this method returns null";
 * - getAuthorizedScopes(): "a list of authorized scopes for the script. If authorization
 *   information is requested for a specified list of scopes, returns the authorized scopes from
 *   the specified list."
 * The scopes in question are the list given to ScriptApp.getAuthorizationInfo, or else the
 * manifest's `oauthScopes` (Apps Script infers a script's scopes from its code when the manifest
 * lists none; the emulator cannot, and then requires nothing). Only AuthMode.FULL asks for
 * consent ("no other authorization mode requires that users grant authorization"): for the
 * other modes the status is NOT_REQUIRED.
 */
export class AuthorizationInfo extends GasObject {
  readonly _service = 'Script' as const;
  readonly _class = 'AuthorizationInfo';

  constructor(
    private readonly _projectId: string,
    private readonly _required: readonly string[],
    private readonly _granted: readonly string[],
    private readonly _full: boolean,
  ) {
    super();
  }

  private _missing(): string[] {
    return this._full ? this._required.filter((s) => !this._granted.includes(s)) : [];
  }

  getAuthorizationStatus(): string {
    return this._missing().length > 0 ? 'REQUIRED' : 'NOT_REQUIRED';
  }

  getAuthorizationUrl(): string | null {
    if (this._missing().length === 0) return null;
    return `https://script.google.com/macros/d/${this._projectId}/authorize?scope=${encodeURIComponent(this._missing().join(' '))}`;
  }

  getAuthorizedScopes(): string[] | null {
    return this._required.filter((s) => this._granted.includes(s));
  }
}

export class ScriptApp extends GasObject {
  readonly _service = 'Script' as const;
  readonly _class = 'ScriptApp';
  readonly AuthMode = enumOf(...AUTH_MODES);
  readonly AuthorizationStatus = enumOf('REQUIRED', 'NOT_REQUIRED');
  readonly EventType = enumOf('CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED');
  readonly TriggerSource = enumOf('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');
  readonly WeekDay = enumOf(...WEEKDAYS);

  constructor(private readonly _env: ServiceEnv) {
    super();
  }

  newTrigger(functionName: string): TriggerBuilder {
    assertMayManageTriggers(this._env, 'newTrigger');
    if (typeof functionName !== 'string' || functionName === '') throw new Error('Invalid argument: functionName');
    return new TriggerBuilder(this._env, functionName);
  }

  /** "Gets all installable triggers associated with the current project and current user." */
  getProjectTriggers(): Trigger[] {
    assertMayManageTriggers(this._env, 'getProjectTriggers');
    return this._env.project.triggers.filter((t) => t.owner === this._env.exec.user).map((t) => new Trigger(t));
  }

  /** "Gets all installable triggers owned by this user in the given document/form/spreadsheet, for this script only." */
  getUserTriggers(container: unknown): Trigger[] {
    assertMayManageTriggers(this._env, 'getUserTriggers');
    const id = sourceIdOf(container, 'container');
    return this._env.project.triggers
      .filter((t) => t.owner === this._env.exec.user && t.sourceId === id)
      .map((t) => new Trigger(t));
  }

  /** Removes the trigger so it no longer runs; deleting one already gone changes nothing. */
  deleteTrigger(trigger: Trigger): void {
    assertMayManageTriggers(this._env, 'deleteTrigger');
    if (!(trigger instanceof Trigger)) throw new Error('Invalid argument: trigger');
    const i = this._env.project.triggers.findIndex((t) => t.uid === trigger._record.uid && t.owner === this._env.exec.user);
    if (i >= 0) this._env.project.triggers.splice(i, 1);
  }

  /**
   * getAuthorizationInfo(authMode) and getAuthorizationInfo(authMode, oAuthScopes): whether the
   * current user granted the script's scopes (or the listed ones). See AuthorizationInfo.
   */
  getAuthorizationInfo(authMode: string, oAuthScopes?: string[]): AuthorizationInfo {
    if (!AUTH_MODES.includes(String(authMode))) throw new Error('Invalid argument: authMode');
    if (oAuthScopes !== undefined && (!Array.isArray(oAuthScopes) || oAuthScopes.some((s) => typeof s !== 'string'))) {
      throw new Error('Invalid argument: oAuthScopes');
    }
    const manifestScopes = this._env.project.files.manifest.oauthScopes ?? [];
    const granted = authorizationStore(this._env.state).grantedBy(this._env.project.id, this._env.exec.user, manifestScopes);
    const required = oAuthScopes === undefined ? manifestScopes : [...new Set(oAuthScopes)];
    return new AuthorizationInfo(this._env.project.id, required, granted, authMode === 'FULL');
  }

  getScriptId(): string {
    return this._env.project.id;
  }

  getService(): ScriptService {
    return new ScriptService(this._env);
  }

  /** A stand-in OAuth token: stable for one user of one project, never valid anywhere. */
  getOAuthToken(): string {
    const h = createHash('sha256').update(`${this._env.state.options.seed}:${this._env.project.id}:${this._env.exec.user}`).digest('base64url');
    return `ya29.emulated-${h}`;
  }
}

export const install: ServiceInstaller = (env) => ({ ScriptApp: new ScriptApp(env) });
