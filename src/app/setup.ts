/**
 * Setting up a spreadsheet (DESIGN.md "One bundle, two spreadsheets").
 *
 * Run from the menu or the panel, in either spreadsheet, as often as anyone likes: it creates
 * only what is missing (tabs, headers, settings rows), re-applies formats and dropdowns (a person
 * may have pasted over them), records which spreadsheet this is and where its sibling is, and
 * leaves exactly one of each trigger this role needs. It never deletes a tab, a column, a row or
 * a trigger it does not manage, and never moves a person's columns. Every change is audit-logged.
 */
import { formatLimaDateTime } from '../domain/lima-time';
import { JOB_MESSAGES } from '../domain/messages/attention-jobs';
import { PRODUCT_VERSION, ROLE_DESCRIPTIONS, ROLE_LABELS, SETUP_AUDIT as A, SETUP_MESSAGES as M, TASK_LABELS } from '../domain/messages/setup';
import {
  isRole,
  resolveColumns,
  ROLES,
  SETTINGS_TAB,
  tabsForRole,
  type ColumnSpec,
  type Role,
  type TabSpec,
} from '../domain/schema';
import { SETTINGS } from '../domain/schema';
import type { AuditLog, CertificateSlides, Clock, ColumnRule, ColumnValidation, DriveFiles, FormAdmin, FormChoices, KeyValueStore, Lock, Scheduler, Session, TriggerInfo, Workbook, Workbooks } from '../ports';
import { INSTALLED_TRIGGERS_PROPERTY, jobTriggerIds } from './jobs';
import { parseSettings, planSettingRows, type Settings } from './settings';
import { ensureSurveyForm, ensureSurveyTrigger, type SurveyFormState } from './surveys';
import { ensureRegistrationForm, ensureRegistrationTrigger, type RegistrationFormState } from './workshops/registration';
// B08: the workshop survey form (issue 12, i12-survey).
import { ensureWorkshopSurveyForm, ensureWorkshopSurveyTrigger, type WorkshopSurveyFormState } from './workshops/survey';
import { ensureCertificateTemplate, type TemplateState } from './workshops/certificate-template';
import { WORKSHOP_SURVEY_MESSAGES } from '../domain/messages/workshop-survey';
import { REGISTRATION_SETUP } from '../domain/messages/registration';
import { ensureCheckinForm, ensureCheckinTrigger, type CheckinFormState } from './workshops/checkin';
import { ensureExternalRequestForm, ensureExternalRequestTrigger, type ExternalFormState } from './external/intake';
import { EXTERNAL_INTAKE_MESSAGES } from '../domain/messages/external-intake';
import { CHECKIN_MESSAGES } from '../domain/workshops/checkin';
import { ACCESS_AUDIT, ACCESS_MESSAGES } from '../domain/messages/access';
import { isCoordinator, parseTeam } from '../domain/access';
import { AUDIT_TAB, TEAM_TAB } from '../domain/schema';
import { AUDIT_PROTECTION, ensureTeam, SYSTEM_COLUMNS_PROTECTION, writeTeamMirror } from './team';

import { SPREADSHEET_ID_PROPERTY } from '../domain/web-page';

export const LIMA_TIME_ZONE = 'America/Lima';

/** Where setup keeps what it recorded (document properties: one set per spreadsheet). */
export const PROPERTY_KEYS = {
  role: 'SOE_ROLE',
  siblingId: 'SOE_SIBLING_ID',
  setupAt: 'SOE_SETUP_AT',
  version: 'SOE_SETUP_VERSION',
  /** JSON: handler → { id, signature } of the triggers setup installed. */
  triggers: INSTALLED_TRIGGERS_PROPERTY,
  /** Email of the person whose triggers run this spreadsheet's automatic tasks. */
  triggerOwner: 'SOE_TRIGGER_OWNER',
  /** This spreadsheet's ID: a web app execution opens it when Google reports no active spreadsheet (docs/web-app.md). */
  spreadsheetId: SPREADSHEET_ID_PROPERTY,
} as const;

/** A refusal the person can fix (bad role or sibling ID); nothing was changed. */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

// ---------------------------------------------------------------------------- pure helpers

/** A spreadsheet ID from what a person pastes: the ID itself or the spreadsheet's URL. */
export function parseSpreadsheetId(input: unknown): string | null {
  const s = String(input ?? '').trim();
  if (s === '') return null;
  const fromUrl = /\/d\/([A-Za-z0-9_-]{20,})/.exec(s);
  const id = fromUrl ? fromUrl[1] : s;
  return /^[A-Za-z0-9_-]{20,}$/.test(id) ? id : null;
}

export const VALIDATION_HELP = {
  strict: 'Elija un valor de la lista.',
  suggested: 'Elija un valor de la lista o escriba otro.',
  system: 'Columna del sistema: la completa el panel; no la edite a mano.',
} as const;

function validationFor(col: ColumnSpec): ColumnValidation | undefined {
  if (col.type === 'bool') return { kind: 'checkbox' };
  if (!col.values || col.values.length === 0) return undefined;
  const strict = col.strict ?? false;
  const help = col.system ? VALIDATION_HELP.system : strict ? VALIDATION_HELP.strict : VALIDATION_HELP.suggested;
  return { kind: 'list', values: col.values, strict, help };
}

/** Format and dropdown of every schema column present in this header row. */
export function columnRules(spec: TabSpec, headers: readonly string[]): ColumnRule[] {
  const { index } = resolveColumns(spec, headers);
  const rules: ColumnRule[] = [];
  for (const col of spec.columns) {
    const i = index[col.key];
    if (i < 0) continue;
    const validation = validationFor(col);
    if (col.format === undefined && validation === undefined) continue;
    rules.push({ column: i + 1, ...(col.format === undefined ? {} : { format: col.format }), ...(validation ? { validation } : {}) });
  }
  return rules;
}

/** Handlers of src/entry.ts whose triggers setup manages (installs, repairs, removes). */
export const MANAGED_HANDLERS = ['runReminders', 'runDayClosing', 'runSessionClock', 'runExternalRequests'] as const;

/** C02 (i14-workshop): the external workshops' job runs once a day anyway, the safety net of a lost requested run. */
export const EXTERNAL_DAILY_HOUR = 7;

export interface DesiredTrigger {
  handler: string;
  kind: 'clock';
  hour: number;
  /** What the trigger does, as recorded: a different signature means the trigger must be replaced. */
  signature: string;
}

/** The triggers a spreadsheet of this role needs with these settings. */
export function desiredTriggers(role: Role, settings: Pick<Settings, 'reminderHour' | 'closingHour'> & Partial<Pick<Settings, 'accessLinkHour'>>): DesiredTrigger[] {
  if (role === 'talleres') {
    // The session clock's safety net (issue 12): it schedules itself at each due moment; once a
    // day at the access-link hour it looks anyway (app/workshops/session-clock.ts).
    const hour = settings.accessLinkHour ?? 18;
    return [
      { handler: 'runSessionClock', kind: 'clock', hour, signature: `daily@${hour}` },
      { handler: 'runExternalRequests', kind: 'clock', hour: EXTERNAL_DAILY_HOUR, signature: `daily@${EXTERNAL_DAILY_HOUR}` },
    ];
  }
  if (role !== 'atenciones') return [];
  return [
    { handler: 'runReminders', kind: 'clock', hour: settings.reminderHour, signature: `daily@${settings.reminderHour}` },
    { handler: 'runDayClosing', kind: 'clock', hour: settings.closingHour, signature: `daily@${settings.closingHour}` },
  ];
}

export interface RecordedTrigger {
  id: string;
  signature: string;
}

export type RemovalReason = 'duplicate' | 'outdated' | 'unneeded';

export interface TriggerPlan {
  keep: TriggerInfo[];
  create: DesiredTrigger[];
  remove: { trigger: TriggerInfo; why: RemovalReason }[];
}

/**
 * How to get from the triggers that exist to exactly one daily trigger per desired handler. Apps
 * Script cannot tell a clock trigger's hour, nor a daily trigger from a one-off one, so the daily
 * trigger setup installed is recognised by the ID it recorded with its signature, and the one-off
 * triggers jobs scheduled for the same handler by the IDs the jobs recorded (`jobOwned`: a
 * continuation, or a run an import asked for): those are left alone — removing one would drop
 * work in progress or a requested run — and the job removes them when it is done. Any other
 * clock trigger of a managed handler is a duplicate or outdated daily one. Triggers of handlers
 * setup does not manage (a person's own) are left alone. When the role no longer needs a handler
 * at all, every trigger of it goes, jobs' included: nothing would finish that work here.
 */
export function planTriggers(
  existing: readonly TriggerInfo[],
  desired: readonly DesiredTrigger[],
  recorded: Readonly<Record<string, RecordedTrigger>>,
  managed: readonly string[] = MANAGED_HANDLERS,
  jobOwned: ReadonlySet<string> = new Set(),
): TriggerPlan {
  const plan: TriggerPlan = { keep: [], create: [], remove: [] };
  const handlers = [...new Set([...managed, ...desired.map((d) => d.handler)])];
  for (const handler of handlers) {
    const mine = existing.filter((t) => t.handler === handler);
    const want = desired.find((d) => d.handler === handler);
    if (!want) {
      for (const t of mine) plan.remove.push({ trigger: t, why: 'unneeded' });
      continue;
    }
    const rec = recorded[handler];
    // A trigger setup recorded as its daily one is never a job's, whatever a property says.
    const daily = mine.filter((t) => t.kind === want.kind && (t.id === rec?.id || !jobOwned.has(t.id)));
    for (const t of mine) if (t.kind !== want.kind) plan.remove.push({ trigger: t, why: 'unneeded' });
    const keeper = rec && rec.signature === want.signature ? daily.find((t) => t.id === rec.id) : undefined;
    if (keeper) {
      plan.keep.push(keeper);
      for (const t of daily) if (t !== keeper) plan.remove.push({ trigger: t, why: 'duplicate' });
    } else {
      daily.forEach((t, i) => plan.remove.push({ trigger: t, why: i === 0 ? 'outdated' : 'duplicate' }));
      plan.create.push(want);
    }
  }
  return plan;
}

/** The triggers setup recorded as its own (PROPERTY_KEYS.triggers), from their JSON. */
export function parseRecorded(json: string | null): Record<string, RecordedTrigger> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    if (!v || typeof v !== 'object') return {};
    const out: Record<string, RecordedTrigger> = {};
    for (const [k, r] of Object.entries(v as Record<string, unknown>)) {
      const rr = r as Partial<RecordedTrigger> | null;
      if (rr && typeof rr.id === 'string' && typeof rr.signature === 'string') out[k] = { id: rr.id, signature: rr.signature };
    }
    return out;
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------------------- the use case

export interface SetupDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  scheduler: Scheduler;
  lock: Lock;
  clock: Clock;
  session: Session;
  audit: AuditLog;
  /**
   * Makes the satisfaction survey form (role 'atenciones') and, where it can set a question's
   * choices, the registration form (role 'talleres'); without it setup leaves the forms alone.
   */
  forms?: FormAdmin & Partial<FormChoices>;
  /** B12 (role 'talleres'): makes the certificate template in Slides when there is none usable; without it setup leaves the template alone. */
  certificates?: { slides: CertificateSlides; drive: DriveFiles };
}

export interface SetupInput {
  role: unknown;
  /** The sibling spreadsheet's ID or URL; empty keeps the one recorded before (if any). */
  siblingId?: unknown;
  /** Install the automatic tasks for this person even though someone else installed them. */
  takeOverTriggers?: boolean;
}

export interface ScheduledTask {
  handler: string;
  /** 'el envío de recordatorios' */
  label: string;
  hour: number;
}

export interface SetupResult {
  role: Role;
  roleLabel: string;
  spreadsheetName: string;
  siblingId: string;
  /** Name of the sibling spreadsheet when it could be opened. */
  siblingName: string | null;
  /** What this run created or corrected, one Spanish sentence each. */
  changes: string[];
  /** What a person should look at (setup still completed). */
  warnings: string[];
  summary: string;
  tasks: ScheduledTask[];
}

export function runSetup(deps: SetupDeps, input: SetupInput): SetupResult {
  if (!isRole(input.role)) throw new SetupError(M.invalidRole);
  const role = input.role;
  const workbook = deps.workbooks.current();
  const rawSibling = String(input.siblingId ?? '').trim();
  let givenSibling = '';
  if (rawSibling !== '') {
    const parsed = parseSpreadsheetId(rawSibling);
    if (!parsed) throw new SetupError(M.invalidSiblingId);
    if (parsed === workbook.id) throw new SetupError(M.siblingIsSelf);
    givenSibling = parsed;
  }

  return deps.lock.withLock(() => {
    const changes: string[] = [];
    const warnings: string[] = [];
    const spreadsheetName = workbook.name();
    const change = (action: string, target: string, sentence: string, detail = sentence) => {
      changes.push(sentence);
      deps.audit.record({ action, target, result: 'Correcto', detail });
    };

    // 1. Lima time in the sheet itself: dates written by the script display in Lima time.
    const tz = workbook.timeZone();
    if (tz !== LIMA_TIME_ZONE) {
      workbook.setTimeZone(LIMA_TIME_ZONE);
      change(A.timeZoneSet, spreadsheetName, M.timeZoneSet(tz));
    }

    // 2. Tabs and headers.
    for (const spec of tabsForRole(role)) ensureTab(workbook, spec, change);

    // 3. The satisfaction survey form (A06), its responses sent to this spreadsheet.
    const props = deps.properties.getAll();
    const userEmail = deps.session.userEmail();
    // A new sibling must prove it is the other half: set up with the other role, with the
    // person doing this among its coordinators. Otherwise the one recorded before stays.
    let siblingId = props[PROPERTY_KEYS.siblingId] || '';
    if (givenSibling && givenSibling !== siblingId) {
      if (siblingIsOtherHalf(deps.workbooks, givenSibling, role, userEmail)) siblingId = givenSibling;
      else {
        const sentence = ACCESS_MESSAGES.siblingNotProven(ROLE_LABELS[otherRole(role)]);
        warnings.push(sentence);
        deps.audit.record({ action: ACCESS_AUDIT.siblingRefused, target: givenSibling, result: 'Sin efecto', detail: sentence });
      }
    }
    const settingsTable = workbook.table(SETTINGS_TAB);
    const snapshot = settingsTable.read();
    let survey: SurveyFormState | null = null;
    if (role === 'atenciones' && deps.forms) {
      const mirrored = parseSettings(snapshot.rows.map((r) => ({ name: r.record.name, value: r.record.value }))).settings.surveyFormId;
      try {
        survey = ensureSurveyForm({ forms: deps.forms, properties: deps.properties }, workbook.id, mirrored, change);
      } catch (e) {
        // The rest of setup is still worth doing; running it again completes the form.
        warnings.push(JOB_MESSAGES.surveyFormFailed(e instanceof Error ? e.message : String(e)));
      }
    }

    // 3b. The registration form of the modules (B05): one form, its responses sent here.
    let registration: RegistrationFormState | null = null;
    const forms = deps.forms;
    if (role === 'talleres' && forms && typeof forms.setChoices === 'function' && typeof forms.choices === 'function') {
      const mirrored = parseSettings(snapshot.rows.map((r) => ({ name: r.record.name, value: r.record.value }))).settings.registrationFormId;
      try {
        registration = ensureRegistrationForm(
          { forms: forms as FormAdmin & FormChoices, properties: deps.properties, workbooks: deps.workbooks, clock: deps.clock },
          workbook.id,
          mirrored,
          change,
        );
      } catch (e) {
        warnings.push(REGISTRATION_SETUP.formFailed(e instanceof Error ? e.message : String(e)));
      }
    }

    // 3c. The check-in form of the sessions (B09, «Formato de asistencia»): one form, its responses sent here.
    let checkin: CheckinFormState | null = null;
    if (role === 'talleres' && forms && typeof forms.setChoices === 'function' && typeof forms.choices === 'function') {
      const mirrored = parseSettings(snapshot.rows.map((r) => ({ name: r.record.name, value: r.record.value }))).settings.checkinFormId;
      try {
        checkin = ensureCheckinForm({ forms: forms as FormAdmin & FormChoices, properties: deps.properties, workbooks: deps.workbooks, clock: deps.clock }, workbook.id, mirrored, change);
      } catch (e) {
        warnings.push(CHECKIN_MESSAGES.formFailed(e instanceof Error ? e.message : String(e)));
      }
    }

    // 3d. B08: the workshop survey form (one for every session), its responses sent here.
    let workshopSurvey: WorkshopSurveyFormState | null = null;
    if (role === 'talleres' && deps.forms) {
      const mirrored = parseSettings(snapshot.rows.map((r) => ({ name: r.record.name, value: r.record.value }))).settings.workshopSurveyFormId;
      try {
        workshopSurvey = ensureWorkshopSurveyForm({ forms: deps.forms, properties: deps.properties }, workbook.id, mirrored, change);
      } catch (e) {
        warnings.push(WORKSHOP_SURVEY_MESSAGES.formFailed(e instanceof Error ? e.message : String(e)));
      }
    }

    // 3e. B12: the certificate template in Slides (made when the setting's is empty or cannot be opened).
    let certificateTemplate: TemplateState | null = null;
    if (role === 'talleres' && deps.certificates) {
      const mirrored = parseSettings(snapshot.rows.map((r) => ({ name: r.record.name, value: r.record.value }))).settings.certificateTemplateId;
      try {
        certificateTemplate = ensureCertificateTemplate({ ...deps.certificates, properties: deps.properties }, mirrored, change);
      } catch (e) {
        warnings.push(`No se pudo crear la plantilla de certificado: ${e instanceof Error ? e.message : String(e)}. Ejecute de nuevo «Configurar esta hoja».`);
      }
    }

    // 3f. Issue 14 (C01): the institutions' public request form, its responses sent here.
    let externalRequest: ExternalFormState | null = null;
    if (role === 'talleres' && deps.forms) {
      const mirrored = parseSettings(snapshot.rows.map((r) => ({ name: r.record.name, value: r.record.value }))).settings.externalRequestFormId;
      try {
        externalRequest = ensureExternalRequestForm({ forms: deps.forms, properties: deps.properties }, workbook.id, mirrored, change);
      } catch (e) {
        warnings.push(EXTERNAL_INTAKE_MESSAGES.formFailed(e instanceof Error ? e.message : String(e)));
      }
    }

    // 4. Settings rows, with the sibling and the forms mirrored for people to see.
    const mirrors: Record<string, string> = siblingId ? { siblingId } : {};
    if (survey) Object.assign(mirrors, { surveyFormId: survey.formId, surveyFormUrl: survey.url });
    if (registration) Object.assign(mirrors, { registrationFormId: registration.formId, registrationFormUrl: registration.url });
    if (checkin) Object.assign(mirrors, { checkinFormId: checkin.formId, checkinFormUrl: checkin.url });
    if (workshopSurvey) Object.assign(mirrors, { workshopSurveyFormId: workshopSurvey.formId, workshopSurveyFormUrl: workshopSurvey.url });
    if (certificateTemplate) Object.assign(mirrors, { certificateTemplateId: certificateTemplate.id, certificateTemplateUrl: certificateTemplate.url });
    if (externalRequest) Object.assign(mirrors, { externalRequestFormId: externalRequest.formId, externalRequestFormUrl: externalRequest.url });
    const plan = planSettingRows(snapshot.rows, role, mirrors, userEmail);
    if (plan.update.length) {
      settingsTable.update(plan.update);
      for (const name of plan.updatedNames) change(A.settingUpdated, name, M.settingUpdated(name));
    }
    if (plan.append.length) {
      settingsTable.append(plan.append);
      const sentence = M.settingsAdded(plan.append.length);
      change(A.settingsAdded, SETTINGS_TAB.name, sentence, `${sentence} ${plan.appendedNames.join('; ')}`);
    }
    if (certificateTemplate) {
      // 'Plantilla de certificado (ID)' is a person's setting (another template may be typed there):
      // setup writes it only when what it holds could not be opened and a template was made or found.
      const spec = SETTINGS.find((x) => x.key === 'certificateTemplateId')!;
      const row = settingsTable.read().rows.find((r) => String(r.record.name ?? '').trim() === spec.name);
      if (row && String(row.record.value ?? '').trim() !== certificateTemplate.id) {
        settingsTable.update([{ id: row.id, fields: { value: certificateTemplate.id } }]);
        change(A.settingUpdated, spec.name, M.settingUpdated(spec.name));
      }
    }
    const { settings, problems } = parseSettings(settingsTable.read().rows.map((r) => ({ name: r.record.name, value: r.record.value })));
    warnings.push(...problems);

    // 4b. The team: founded by the first setup (its runner is the first coordinator), mirrored
    // read-only in 'Equipo'; system tabs protected (docs/access-model.md).
    const team = ensureTeam(deps, userEmail, settings.consultants, change);
    writeTeamMirror(workbook, team, deps.clock.now());
    if (workbook.protectTab(AUDIT_TAB.name, { description: AUDIT_PROTECTION, editors: 'warning' })) {
      change(ACCESS_AUDIT.protectionApplied, AUDIT_TAB.name, M.protectionApplied(AUDIT_TAB.name));
    }
    // The system columns of the role's working tabs: a person is warned before typing over them
    // (the panel writes them); the people's columns stay open. Scripts are never stopped.
    for (const spec of tabsForRole(role)) {
      if (spec.appendOnly || spec.key === 'team' || !spec.columns.some((c) => c.system)) continue;
      const headers = workbook.headers(spec.name);
      if (!headers) continue;
      const { index } = resolveColumns(spec, headers);
      const people = spec.columns.filter((c) => !c.system && index[c.key] >= 0).map((c) => index[c.key] + 1);
      if (workbook.protectTab(spec.name, { description: SYSTEM_COLUMNS_PROTECTION, editors: 'warning', unprotectedColumns: people })) {
        change(ACCESS_AUDIT.protectionApplied, spec.name, M.protectionApplied(spec.name));
      }
    }

    // 5. Role and sibling.
    const previousRole = props[PROPERTY_KEYS.role];
    if (previousRole !== role) {
      if (isRole(previousRole)) change(A.roleChanged, spreadsheetName, M.roleChanged(ROLE_LABELS[previousRole], ROLE_LABELS[role]));
      else change(A.roleRecorded, spreadsheetName, M.roleRecorded(ROLE_LABELS[role]));
    }
    let siblingName: string | null = null;
    if (siblingId) {
      const sibling = deps.workbooks.open(siblingId);
      siblingName = sibling ? sibling.name() : null;
      if (!sibling) warnings.push(M.siblingUnreachable);
      if (siblingId !== props[PROPERTY_KEYS.siblingId]) change(A.siblingRecorded, siblingId, M.siblingRecorded(siblingName));
    } else {
      warnings.push(M.noSibling);
    }

    // 6. Triggers: exactly one of each this role needs, owned by one person.
    const desired = desiredTriggers(role, settings);
    const owner = props[PROPERTY_KEYS.triggerOwner] ?? '';
    const me = userEmail.trim().toLowerCase();
    let recorded = parseRecorded(props[PROPERTY_KEYS.triggers] ?? null);
    let newOwner = owner;
    const ownedByOther = owner !== '' && me !== '' && owner !== me;
    if (ownedByOther && !input.takeOverTriggers) {
      warnings.push(M.triggersOwnedByOther(owner));
      deps.audit.record({ action: A.triggersSkipped, target: spreadsheetName, result: 'Sin efecto', detail: M.triggersOwnedByOther(owner) });
    } else {
      if (ownedByOther) {
        warnings.push(M.triggersTakenOver(owner));
        recorded = {}; // the other person's trigger IDs mean nothing in this person's list
      }
      recorded = reconcileTriggers(deps.scheduler, desired, recorded, jobTriggerIds(props), change);
      if (survey) ensureSurveyTrigger(deps.scheduler, survey.formId, change);
      if (registration) ensureRegistrationTrigger(deps.scheduler, registration.formId, change);
      if (checkin) ensureCheckinTrigger(deps.scheduler, checkin.formId, change);
      if (workshopSurvey) ensureWorkshopSurveyTrigger(deps.scheduler, workshopSurvey.formId, change);
      if (externalRequest) ensureExternalRequestTrigger(deps.scheduler, externalRequest.formId, change);
      if (desired.length > 0 && me !== '') newOwner = me;
    }

    deps.properties.setAll({
      [PROPERTY_KEYS.role]: role,
      [PROPERTY_KEYS.siblingId]: siblingId,
      [PROPERTY_KEYS.setupAt]: deps.clock.now().toISOString(),
      [PROPERTY_KEYS.version]: PRODUCT_VERSION,
      [PROPERTY_KEYS.triggers]: JSON.stringify(recorded),
      [PROPERTY_KEYS.triggerOwner]: newOwner,
      [PROPERTY_KEYS.spreadsheetId]: workbook.id,
    });

    const summary = changes.length ? M.done : M.nothingToDo;
    deps.audit.record({
      action: A.setupRun,
      target: spreadsheetName,
      result: changes.length ? 'Correcto' : 'Sin cambios',
      detail: [ROLE_LABELS[role], summary, ...warnings].join(' '),
    });
    return {
      role,
      roleLabel: ROLE_LABELS[role],
      spreadsheetName,
      siblingId,
      siblingName,
      changes,
      warnings,
      summary,
      tasks: desired.map((d) => ({ handler: d.handler, label: TASK_LABELS[d.handler] ?? d.handler, hour: d.hour })),
    };
  });
}

type Change = (action: string, target: string, sentence: string, detail?: string) => void;

function otherRole(role: Role): Role {
  return role === 'atenciones' ? 'talleres' : 'atenciones';
}

/**
 * The sibling is the other half when its own tabs are those of the other role and its 'Equipo'
 * tab (written only by its script, editable only by its coordinators) lists `email` as
 * coordinator. Reading it needs the person's access to that spreadsheet, as the sibling link does.
 */
export function siblingIsOtherHalf(workbooks: Workbooks, id: string, role: Role, email: string): boolean {
  const book = workbooks.open(id);
  if (!book) return false;
  const names = new Set(book.tabNames());
  const own = new Set(tabsForRole(role).map((t) => t.name));
  const theirs = tabsForRole(otherRole(role)).filter((t) => !own.has(t.name));
  if (theirs.length === 0 || !theirs.every((t) => names.has(t.name))) return false;
  const table = book.table(TEAM_TAB);
  if (!table.exists()) return false;
  const members = table
    .read()
    .rows.filter((r) => r.id !== '')
    .map((r) => ({ email: r.id, name: String(r.record.name ?? ''), roles: /coordinador/i.test(String(r.record.roles ?? '')) ? (['coordinador'] as const) : ([] as const) }));
  return isCoordinator(parseTeam(JSON.stringify({ members })), email);
}

function ensureTab(workbook: Workbook, spec: TabSpec, change: Change): void {
  const existing = workbook.headers(spec.name);
  let headers: string[];
  if (existing === null) {
    workbook.createTab(
      spec.name,
      spec.columns.map((c) => ({ text: c.header, system: c.system })),
    );
    headers = spec.columns.map((c) => c.header);
    change(A.tabCreated, spec.name, M.tabCreated(spec.name));
    workbook.freezeHeaderRow(spec.name);
  } else {
    const { missing } = resolveColumns(spec, existing);
    headers = existing;
    if (missing.length) {
      workbook.addHeaders(
        spec.name,
        existing.length + 1,
        missing.map((c) => ({ text: c.header, system: c.system })),
      );
      headers = [...existing, ...missing.map((c) => c.header)];
      change(A.columnsAdded, spec.name, M.columnsAdded(spec.name, missing.map((c) => c.header)));
    }
    if (workbook.freezeHeaderRow(spec.name)) change(A.headerFrozen, spec.name, M.headerFrozen(spec.name));
  }
  workbook.applyColumnRules(spec.name, columnRules(spec, headers));
}

function reconcileTriggers(
  scheduler: Scheduler,
  desired: readonly DesiredTrigger[],
  recorded: Record<string, RecordedTrigger>,
  jobOwned: ReadonlySet<string>,
  change: Change,
): Record<string, RecordedTrigger> {
  const plan = planTriggers(scheduler.list(), desired, recorded, MANAGED_HANDLERS, jobOwned);
  const next: Record<string, RecordedTrigger> = {};
  for (const t of plan.keep) {
    const want = desired.find((d) => d.handler === t.handler);
    if (want) next[t.handler] = { id: t.id, signature: want.signature };
  }
  for (const { trigger, why } of plan.remove) {
    scheduler.remove(trigger.id);
    // A replaced trigger is reported once, by its installation below.
    if (why !== 'outdated') change(A.triggerRemoved, trigger.handler, M.triggerRemoved(trigger.handler, why));
  }
  for (const want of plan.create) {
    const t = scheduler.daily(want.handler, want.hour);
    next[want.handler] = { id: t.id, signature: want.signature };
    change(A.triggerInstalled, want.handler, M.triggerInstalled(TASK_LABELS[want.handler] ?? want.handler, want.hour));
  }
  return next;
}

// ---------------------------------------------------------------------------- status for the panel

export interface RoleOption {
  value: Role;
  label: string;
  description: string;
}

export interface SetupStatus {
  /** True once setup ran here (a role is recorded) and none of the role's tabs is missing. */
  configured: boolean;
  role: Role | null;
  roleLabel: string | null;
  spreadsheetName: string;
  siblingId: string;
  /** Tabs of the recorded role that are not in the spreadsheet (someone deleted one). */
  missingTabs: string[];
  userEmail: string;
  /** Who runs the automatic tasks; '' when nobody installed them yet. */
  tasksOwner: string;
  /** When setup last ran, in Lima time ('viernes 27 de noviembre de 2026, 9:00 a. m.'); '' when never. */
  lastSetupAt: string;
  version: string;
  roleOptions: RoleOption[];
}

export function setupStatus(deps: Pick<SetupDeps, 'workbooks' | 'properties' | 'session'>): SetupStatus {
  const workbook = deps.workbooks.current();
  const props = deps.properties.getAll();
  const role = isRole(props[PROPERTY_KEYS.role]) ? (props[PROPERTY_KEYS.role] as Role) : null;
  const names = new Set(workbook.tabNames());
  const missingTabs = role ? tabsForRole(role).map((t) => t.name).filter((n) => !names.has(n)) : [];
  return {
    configured: role !== null && missingTabs.length === 0,
    role,
    roleLabel: role ? ROLE_LABELS[role] : null,
    spreadsheetName: workbook.name(),
    siblingId: props[PROPERTY_KEYS.siblingId] ?? '',
    missingTabs,
    userEmail: deps.session.userEmail(),
    tasksOwner: props[PROPERTY_KEYS.triggerOwner] ?? '',
    lastSetupAt: formatSetupTime(props[PROPERTY_KEYS.setupAt]),
    version: PRODUCT_VERSION,
    roleOptions: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], description: ROLE_DESCRIPTIONS[r] })),
  };
}

function formatSetupTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d.getTime()) ? '' : formatLimaDateTime(d);
}

/** The role setup recorded for this spreadsheet, or null (setup never ran). */
export function recordedRole(properties: KeyValueStore): Role | null {
  const r = properties.get(PROPERTY_KEYS.role);
  return isRole(r) ? r : null;
}

/** The sibling spreadsheet's ID setup recorded, or ''. */
export function recordedSiblingId(properties: KeyValueStore): string {
  return properties.get(PROPERTY_KEYS.siblingId) ?? '';
}
