/**
 * The programme of "Aprende a Emprender" (B01): a consultant creates a module with its sessions,
 * edits it until its first session starts, and sees the list of modules.
 *
 * Works on the talleres spreadsheet's 'Módulos', 'Sesiones' and 'Programación anual' tabs, in
 * the same safe shape as the day's actions (src/app/day/action.ts):
 *
 *   take the script lock → read each tab once → find the module by its ID → decide (pure rules in
 *   src/domain/workshops) → write each tab in one call where the Table port allows → audit what
 *   changed, before → after → answer with the module as it is now.
 *
 * A create retried with the same request key (the form's) gets the same module ID (an HMAC with
 * the spreadsheet's secret, domain/workshops/ids.ts) and finds its module instead of adding a
 * second one.
 */
import { dateOf, int, text } from './cells';
import { formatHHmm, formatLimaDateTime, limaDateKey, limaStartOfDay } from '../../domain/lima-time';
import { MODULE_FIELD_LABELS as L, SPEAKER_MESSAGES, WORKSHOP_AUDIT as A, WORKSHOP_MESSAGES as M } from '../../domain/messages/workshops';
import {
  MODULES_TAB,
  QUARTERS,
  SESSIONS_TAB,
  YEAR_PLAN_TAB,
  type ModuleKey,
  type Role,
  type SessionKey,
  type YearPlanKey,
} from '../../domain/schema';
import { MissingColumnError, type FieldValue, type TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { normaliseEmail } from '../../domain/validation';
import { bannerView, type BannerView } from '../../domain/workshops/banner';
import { isRequestKey, moduleId, sessionId, yearPlanId } from '../../domain/workshops/ids';
import {
  datesText,
  editingClosedSince,
  nameKey,
  quarterOf,
  validateModule,
  type ModuleFieldErrors,
  type ModuleInput,
  type ScheduledSession,
  type ValidModule,
} from '../../domain/workshops/module';
import { LockBusyError, type AuditLog, type Clock, type KeyValueStore, type Lock, type Session, type Table, type TableSnapshot, type Workbook, type Workbooks } from '../../ports';
import { isCoordinator } from '../../domain/access';
import { moduleStage, type ModuleStage } from '../../domain/workshops/stage';
import { invitationCounts, readProgress, registrationCounts, type ModuleProgress, type RegistrationCounts } from './module-progress';
import { recordedRole } from '../setup';
import { moduleRunningFacts } from './progress';
import { readTeam } from '../team';
import { signingSecret } from '../signing';

export type { ModuleFieldErrors, ModuleInput, SessionInput, ModuleField, SessionField } from '../../domain/workshops/module';

/** The ports these use cases need (the entry point's Context has them all). */
export interface ProgrammeDeps {
  workbooks: Workbooks;
  /** Document properties: the recorded role and the signing secret. */
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  session: Session;
  audit: AuditLog;
}

/** A module's state as the panel shows it: the sheet's 'Estado', or 'Cancelado' from 'Programación anual'. */
export const CANCELLED_MODULE = 'Cancelado';
const CANCELLED_SESSION = 'Cancelada';
const INITIAL_STATE = 'Borrador';
/** States in which a module may still change (before its first session, see editingClosedSince). */
const EDITABLE_STATES = new Set(['', 'Borrador', 'Inscripción abierta']);

export interface SessionView {
  id: string;
  number: number;
  topic: string;
  /** 'yyyy-mm-dd', Lima. */
  date: string;
  /** 'HH:mm', Lima. */
  startTime: string;
  endTime: string;
  /** 'martes 12 de enero de 2027, 6:00 p. m.' */
  when: string;
  speaker: string;
  speakerEmail: string;
  status: string;
  /** B02: the speaker's answer (Aceptó / Declinó / Pendiente), the invitation's state and the Meet link. */
  speakerAnswer: string;
  invitation: string;
  meetUrl: string;
}

export interface ModuleView {
  id: string;
  name: string;
  year: number;
  quarter: string;
  audience: string;
  capacity: number;
  /** B04: the banner's state and link, and why invitations (B05) cannot go out yet. */
  banner: BannerView;
  /** B03: when the programme last went to the Sub Dirección ('' never). */
  programmeSentAt: string;
  minSessions: number;
  /** 'al menos 3 de 4 sesiones' */
  attendanceRule: string;
  whatsappUrl: string;
  /** B05: the ficha técnica's objective ('' none), the module's Drive folder and its ficha (link and when, '' none). */
  objective: string;
  driveFolderUrl: string;
  factSheetUrl: string;
  factSheetAt: string;
  status: string;
  /** '12/01, 19/01 y 26/01/2027' */
  dates: string;
  registered: number;
  sessions: SessionView[];
  /** False once the first session has started (or the module is closed or cancelled). */
  editable: boolean;
  /** Why it cannot be edited ('' when it can). */
  notEditable: string;
  /** B02: a speaker declined ('' when none did). */
  speakerWarning: string;
  /** B05: 'Enlace de inscripción' ('' until registration opens). */
  registrationUrl: string;
  /** B05: the registrations by state ('Inscripciones') and the places. */
  registrations: RegistrationCounts;
  /** Where the module stands in B01–B05: each step, the next one, what blocks it (domain/workshops/stage.ts). */
  stage: ModuleStage;
}

export interface ModulesView {
  /** False when this spreadsheet is not the talleres one (or not set up): `message` says why. */
  ready: boolean;
  /** The role setup recorded for this spreadsheet; the panel shows «Módulos» for 'talleres'. */
  role: Role | null;
  message: string;
  modules: ModuleView[];
  counts: { modules: number; sessions: number; drafts: number };
  /** 'yyyy-mm-dd', Lima: the form's earliest date. */
  today: string;
  /** What the panel offers this person besides «Módulos» («Equipo y permisos», «Esta hoja»). */
  user: { isCoordinator: boolean };
}

export type SaveModuleResult =
  | { ok: true; message: string; module: ModuleView; created: boolean; unchanged: boolean }
  | { ok: false; message: string; errors: ModuleFieldErrors };

// ---------------------------------------------------------------------------- reading cells

interface Tabs {
  workbook: Workbook;
  modules: Table<ModuleKey>;
  sessions: Table<SessionKey>;
  plan: Table<YearPlanKey>;
}

interface Snapshot {
  modules: TableSnapshot<ModuleKey>;
  sessions: TableSnapshot<SessionKey>;
  plan: TableSnapshot<YearPlanKey>;
  /** Session rows by module ID, in sheet order. */
  sessionsOf: Map<string, TableRow<SessionKey>[]>;
  /** Module IDs whose 'Programación anual' line says 'Cancelado'. */
  cancelled: Set<string>;
  /** Registrations, invitations and the Dirección's addresses, for each module's stage. */
  progress: ModuleProgress;
  /** Issue 12 (B09 → B10/B11): the workbook, for the running facts of a started module. */
  workbook: Workbook;
}

function openTabs(deps: ProgrammeDeps): Tabs | null {
  const wb = deps.workbooks.current();
  const tabs = { workbook: wb, modules: wb.table(MODULES_TAB), sessions: wb.table(SESSIONS_TAB), plan: wb.table(YEAR_PLAN_TAB) };
  return tabs.modules.exists() && tabs.sessions.exists() && tabs.plan.exists() ? tabs : null;
}

function readAll(tabs: Tabs, fresh: boolean): Snapshot {
  const modules = tabs.modules.read({ fresh });
  const sessions = tabs.sessions.read({ fresh });
  const plan = tabs.plan.read({ fresh });
  const sessionsOf = new Map<string, TableRow<SessionKey>[]>();
  for (const row of sessions.rows) {
    const m = text(row.record.moduleId);
    if (!row.id || !m) continue;
    const list = sessionsOf.get(m) ?? [];
    list.push(row);
    sessionsOf.set(m, list);
  }
  const cancelled = new Set<string>();
  for (const row of plan.rows) if (text(row.record.status) === CANCELLED_MODULE && text(row.record.moduleId)) cancelled.add(text(row.record.moduleId));
  return { modules, sessions, plan, sessionsOf, cancelled, progress: readProgress(tabs.workbook), workbook: tabs.workbook };
}

function liveSessions(s: Snapshot, id: string): TableRow<SessionKey>[] {
  return (s.sessionsOf.get(id) ?? []).filter((r) => text(r.record.status) !== CANCELLED_SESSION);
}

function moduleState(s: Snapshot, row: TableRow<ModuleKey>): string {
  return s.cancelled.has(row.id) ? CANCELLED_MODULE : text(row.record.status);
}

// ---------------------------------------------------------------------------- views

function sessionView(row: TableRow<SessionKey>): SessionView {
  const start = dateOf(row.record.start);
  const end = dateOf(row.record.end);
  const day = dateOf(row.record.date);
  return {
    id: row.id,
    number: int(row.record.number),
    topic: text(row.record.topic),
    date: start ? limaDateKey(start) : day ? limaDateKey(day) : '',
    startTime: start ? formatHHmm(start) : text(row.record.startTime),
    endTime: end ? formatHHmm(end) : text(row.record.endTime),
    when: start ? formatLimaDateTime(start) : '',
    speaker: text(row.record.speaker),
    speakerEmail: text(row.record.speakerEmail),
    status: text(row.record.status),
    speakerAnswer: text(row.record.speakerAnswer) || 'Pendiente',
    invitation: text(row.record.speakerInvitation),
    meetUrl: text(row.record.meetUrl),
  };
}

function moduleView(s: Snapshot, row: TableRow<ModuleKey>, now: Date): ModuleView {
  const sessions = liveSessions(s, row.id)
    .map(sessionView)
    .sort((a, b) => a.number - b.number);
  const status = moduleState(s, row);
  const starts = liveSessions(s, row.id)
    .map((r) => dateOf(r.record.start))
    .filter((d): d is Date => d !== null);
  const closedSince = editingClosedSince(starts, now);
  const notEditable = closedSince
    ? M.alreadyStarted(formatLimaDateTime(closedSince))
    : !EDITABLE_STATES.has(status)
      ? M.notEditableState(status)
      : '';
  const minSessions = int(row.record.minSessions);
  const capacity = int(row.record.capacity);
  const banner = bannerView(row.record.bannerStatus, row.record.bannerUrl);
  const programmeSentAt = dateOf(row.record.programmeSentAt) ? formatLimaDateTime(dateOf(row.record.programmeSentAt)!) : '';
  const registrationUrl = text(row.record.registrationUrl);
  const registrations = registrationCounts(s.progress, row.id, capacity);
  const stage = moduleStage({
    status,
    sessions,
    programmeSentAt,
    subDirectorEmailSet: s.progress.subDirectorEmailSet,
    directionEmailSet: s.progress.directionEmailSet,
    banner: banner.state,
    registrationUrl,
    invitations: invitationCounts(s.progress, row.id),
    registrants: registrations,
    firstStart: starts.length > 0 ? new Date(Math.min(...starts.map((d) => d.getTime()))) : null,
    now,
    // C02: an external workshop skips the programme, the banner and the invitations.
    external: text(row.record.kind) === 'Externo',
    // Issue 12: once a session started, «Siguiente paso» follows the sessions, Silnet and the closing.
    running: starts.some((d) => d.getTime() <= now.getTime())
      ? moduleRunningFacts(s.workbook, s.sessionsOf.get(row.id) ?? [], s.progress.registrationsOf.get(row.id) ?? [], now)
      : undefined,
  });
  return {
    id: row.id,
    name: text(row.record.name),
    year: int(row.record.year),
    quarter: text(row.record.quarter),
    audience: text(row.record.audience),
    capacity,
    banner,
    programmeSentAt,
    minSessions,
    attendanceRule: sessions.length > 0 && minSessions > 0 ? M.attendanceRule(minSessions, sessions.length) : '',
    whatsappUrl: text(row.record.whatsappUrl),
    objective: text(row.record.objective),
    driveFolderUrl: text(row.record.driveFolderUrl),
    factSheetUrl: text(row.record.factSheetUrl),
    factSheetAt: dateOf(row.record.factSheetAt) ? formatLimaDateTime(dateOf(row.record.factSheetAt)!) : '',
    status,
    dates: text(row.record.dates),
    registered: int(row.record.registered),
    sessions,
    editable: notEditable === '',
    notEditable,
    speakerWarning: declinedWarning(sessions),
    registrationUrl,
    registrations,
    stage,
  };
}

/** B02: the module's warning when speakers declined. */
function declinedWarning(sessions: readonly SessionView[]): string {
  const declined = sessions.filter((x) => x.speakerAnswer === 'Declinó').map((x) => x.number);
  return declined.length > 0 ? SPEAKER_MESSAGES.declinedWarning(declined) : '';
}

function quarterRank(q: string): number {
  const i = (QUARTERS as readonly string[]).indexOf(q);
  return i < 0 ? QUARTERS.length : i;
}

function firstStart(v: ModuleView): string {
  const s = v.sessions[0];
  return s ? `${s.date} ${s.startTime}` : '9999';
}

/** Not the talleres spreadsheet, or not set up: the message that says so, else null. */
function roleProblem(deps: ProgrammeDeps): { role: Role | null; message: string | null } {
  const role = recordedRole(deps.properties);
  if (role === null) return { role, message: M.notConfigured };
  if (role !== 'talleres') return { role, message: M.wrongRole };
  return { role, message: null };
}

/** The panel's «Módulos»: every module with its sessions, state and counts, in the order they happen. */
export function listModules(deps: ProgrammeDeps): ModulesView {
  const now = deps.clock.now();
  const today = limaDateKey(now);
  const { role, message } = roleProblem(deps);
  const user = { isCoordinator: isCoordinator(readTeam(deps.properties), deps.session.userEmail()) };
  const empty = (m: string): ModulesView => ({ ready: false, role, message: m, modules: [], counts: { modules: 0, sessions: 0, drafts: 0 }, today, user });
  if (message) return empty(message);
  const tabs = openTabs(deps);
  if (!tabs) return empty(M.tabsMissing);
  const snap = readAll(tabs, false);
  const modules = snap.modules.rows
    .filter((r) => r.id !== '')
    .map((r) => moduleView(snap, r, now))
    .sort((a, b) => a.year - b.year || quarterRank(a.quarter) - quarterRank(b.quarter) || firstStart(a).localeCompare(firstStart(b)));
  return {
    ready: true,
    role,
    message: modules.length === 0 ? M.empty : '',
    modules,
    counts: {
      modules: modules.length,
      sessions: modules.reduce((n, m) => n + m.sessions.length, 0),
      drafts: modules.filter((m) => m.status === INITIAL_STATE).length,
    },
    today,
    user,
  };
}

// ---------------------------------------------------------------------------- saving

const NO_ERRORS: ModuleFieldErrors = { fields: {}, sessions: [] };

function refusal(message: string, errors: ModuleFieldErrors = NO_ERRORS): SaveModuleResult {
  return { ok: false, message, errors };
}

function refuse(deps: ProgrammeDeps, target: string, message: string): SaveModuleResult {
  deps.audit.record({ action: A.refused, target, result: 'Sin efecto', detail: message });
  return refusal(message);
}

/** Creates a module ('Borrador') with its sessions and its line in 'Programación anual'. */
export function createModule(deps: ProgrammeDeps, input: ModuleInput): SaveModuleResult {
  return save(deps, input ?? {}, null);
}

/** Changes a module and its sessions, until its first session starts. */
export function updateModule(deps: ProgrammeDeps, id: string, input: ModuleInput): SaveModuleResult {
  return save(deps, input ?? {}, cleanText(id, 80));
}

/**
 * C02: what makes a module an external workshop — the request it answers (its create key: a
 * retry finds the module it made), the institution, and whether it issues certificates.
 */
export interface ExternalModuleFacts {
  requestId: string;
  institution: string;
  certificates: boolean;
}

/**
 * Creates (or, retried, finds and completes) the module of an approved external request: kind
 * 'Externo', its institution, request ID and certificates flag, through the same validation and
 * writes as any module. A retry after a crash half-way (module row written, its session or its
 * 'Programación anual' line not yet) completes what is missing instead of refusing.
 */
export function createExternalModule(deps: ProgrammeDeps, input: ModuleInput, external: ExternalModuleFacts): SaveModuleResult {
  return save(deps, input ?? {}, null, external);
}

function save(deps: ProgrammeDeps, input: ModuleInput, id: string | null, external?: ExternalModuleFacts): SaveModuleResult {
  const { message } = roleProblem(deps);
  if (message) return refuse(deps, id ?? '', message);
  try {
    return deps.lock.withLock(() => saveLocked(deps, input, id, external));
  } catch (e) {
    if (e instanceof LockBusyError) return refuse(deps, id ?? '', M.lockBusy);
    if (e instanceof MissingColumnError) return refuse(deps, id ?? '', e.message);
    throw e;
  }
}

/** The request key of a create: an external request's ID, the form's random key, or (a script's call) the module's name and quarter. */
function requestKeyOf(input: ModuleInput, external?: ExternalModuleFacts): string {
  if (external) return `externa\u0000${external.requestId}`;
  if (isRequestKey(input.requestId)) return `solicitud\u0000${input.requestId}`;
  return `modulo\u0000${cleanText(input.year, 10)}\u0000${quarterOf(input.quarter) ?? ''}\u0000${nameKey(cleanText(input.name, 200))}`;
}

/** What is compared and audited: the module's fields and each session's, as text. */
interface Comparable {
  module: Record<'name' | 'year' | 'quarter' | 'audience' | 'capacity' | 'minSessions' | 'whatsappUrl' | 'objective', string>;
  sessions: Map<number, Record<'topic' | 'date' | 'startTime' | 'endTime' | 'speaker' | 'speakerEmail', string>>;
}

function comparableOfValid(m: ValidModule): Comparable {
  return {
    module: {
      name: m.name,
      year: String(m.year),
      quarter: m.quarter,
      audience: m.audience,
      capacity: String(m.capacity),
      minSessions: String(m.minSessions),
      whatsappUrl: m.whatsappUrl,
      objective: m.objective,
    },
    sessions: new Map(
      m.sessions.map((s) => [s.number, { topic: s.topic, date: s.date, startTime: s.startTime, endTime: s.endTime, speaker: s.speaker, speakerEmail: s.speakerEmail }]),
    ),
  };
}

function comparableOfRows(snap: Snapshot, row: TableRow<ModuleKey>): Comparable {
  const r = row.record;
  const sessions = new Map<number, Comparable['sessions'] extends Map<number, infer V> ? V : never>();
  for (const s of liveSessions(snap, row.id).map(sessionView)) {
    sessions.set(s.number, { topic: s.topic, date: s.date, startTime: s.startTime, endTime: s.endTime, speaker: s.speaker, speakerEmail: s.speakerEmail });
  }
  return {
    module: {
      name: text(r.name),
      year: text(r.year),
      quarter: text(r.quarter),
      audience: text(r.audience),
      capacity: text(r.capacity),
      minSessions: text(r.minSessions),
      whatsappUrl: text(r.whatsappUrl),
      objective: text(r.objective),
    },
    sessions,
  };
}

interface Differences {
  /** 'campo: antes → después' of the module's own fields ('' before everything on a create). */
  module: string[];
  /** Per session number: added, changed (with its fields' changes) or removed. */
  sessions: { number: number; kind: 'added' | 'changed' | 'removed'; changes: string[] }[];
}

function differences(before: Comparable | null, after: Comparable): Differences {
  const module: string[] = [];
  for (const key of Object.keys(after.module) as (keyof Comparable['module'])[]) {
    const b = before ? before.module[key] : '';
    if (b !== after.module[key]) module.push(A.change(L[key], b, after.module[key]));
  }
  const sessions: Differences['sessions'] = [];
  const numbers = [...new Set([...(before?.sessions.keys() ?? []), ...after.sessions.keys()])].sort((a, b) => a - b);
  for (const n of numbers) {
    const b = before?.sessions.get(n);
    const a = after.sessions.get(n);
    if (!a) {
      sessions.push({ number: n, kind: 'removed', changes: [] });
      continue;
    }
    const changes: string[] = [];
    for (const key of Object.keys(a) as (keyof typeof a)[]) {
      const was = b ? b[key] : '';
      if (was !== a[key]) changes.push(A.change(L[key], was, a[key]));
    }
    if (!b) sessions.push({ number: n, kind: 'added', changes });
    else if (changes.length > 0) sessions.push({ number: n, kind: 'changed', changes });
  }
  return { module, sessions };
}

function isSame(d: Differences): boolean {
  return d.module.length === 0 && d.sessions.length === 0;
}

/**
 * One audit line for the module's own fields and one per session that changed, each with what
 * changed, before → after (a line holds 1,000 characters: a module of 20 sessions would not fit
 * in one).
 */
function auditChanges(deps: ProgrammeDeps, id: string, action: string, d: Differences): void {
  deps.audit.record({ action, target: id, result: 'Correcto', detail: d.module.length > 0 ? d.module.join(' · ') : A.moduleFieldsUnchanged });
  for (const s of d.sessions) {
    const target = sessionId(id, s.number);
    if (s.kind === 'removed') deps.audit.record({ action: A.sessionRemoved, target, result: 'Correcto', detail: A.sessionRemovedDetail });
    else deps.audit.record({ action: s.kind === 'added' ? A.sessionAdded : A.sessionChanged, target, result: 'Correcto', detail: s.changes.join(' · ') });
  }
}

function scheduledElsewhere(snap: Snapshot, exceptId: string | null): { others: ScheduledSession[]; takenNames: { name: string; year: number; quarter: string }[] } {
  const others: ScheduledSession[] = [];
  const takenNames: { name: string; year: number; quarter: string }[] = [];
  for (const row of snap.modules.rows) {
    if (!row.id || row.id === exceptId || snap.cancelled.has(row.id)) continue;
    takenNames.push({ name: text(row.record.name), year: int(row.record.year), quarter: text(row.record.quarter) });
    for (const s of liveSessions(snap, row.id)) {
      const start = dateOf(s.record.start);
      const end = dateOf(s.record.end);
      const email = normaliseEmail(text(s.record.speakerEmail));
      if (start && end && email) others.push({ moduleId: row.id, moduleName: text(row.record.name), start, end, speakerEmail: email });
    }
  }
  return { others, takenNames };
}

function saveLocked(deps: ProgrammeDeps, input: ModuleInput, id: string | null, external?: ExternalModuleFacts): SaveModuleResult {
  const now = deps.clock.now();
  const tabs = openTabs(deps);
  if (!tabs) return refuse(deps, id ?? '', M.tabsMissing);
  // Read under the lock: the module's row is written back whole (mode 'row') from this reading.
  const snap = readAll(tabs, true);

  let existing: TableRow<ModuleKey> | null = null;
  let targetId: string;
  if (id !== null) {
    existing = snap.modules.byId.get(id) ?? null;
    if (!existing) return refuse(deps, id, M.notFound);
    targetId = id;
    const view = moduleView(snap, existing, now);
    if (!view.editable) return refuse(deps, id, view.notEditable);
  } else {
    targetId = moduleId(signingSecret(deps.properties), requestKeyOf(input, external));
    existing = snap.modules.byId.get(targetId) ?? null;
  }

  const checked = validateModule(input, { now, ...scheduledElsewhere(snap, targetId) });
  if (!checked.ok) return refusal(M.invalidForm, checked.errors);
  const m = checked.module;
  const after = comparableOfValid(m);

  // A retried external create whose first attempt died half-way completes it (the update path below).
  const completing = id === null && existing !== null && external !== undefined && text(existing.record.requestId) === external.requestId;
  if (id === null && existing && !completing) {
    // A retried create: the same request found the module it made.
    if (!isSame(differences(comparableOfRows(snap, existing), after))) return refuse(deps, targetId, M.alreadyExists);
    deps.audit.record({ action: A.created, target: targetId, result: 'Sin cambios', detail: M.unchanged(m.name) });
    return { ok: true, message: M.unchanged(m.name), module: moduleView(snap, existing, now), created: false, unchanged: true };
  }

  const first = m.sessions[0];
  const last = m.sessions[m.sessions.length - 1];
  const moduleFields: Partial<Record<ModuleKey, FieldValue>> = {
    name: m.name,
    year: m.year,
    quarter: m.quarter,
    dates: datesText(m.sessions),
    startDate: limaStartOfDay(first.date),
    endDate: limaStartOfDay(last.date),
    audience: m.audience,
    capacity: m.capacity,
    minSessions: m.minSessions,
    whatsappUrl: m.whatsappUrl,
    objective: m.objective,
    ...(external ? { kind: 'Externo', institution: external.institution, requestId: external.requestId, certificates: external.certificates } : {}),
    updatedAt: now,
  };
  const sessionFields = (s: ValidModule['sessions'][number]): Partial<Record<SessionKey, FieldValue>> => ({
    moduleId: targetId,
    number: s.number,
    topic: s.topic,
    date: limaStartOfDay(s.date),
    startTime: s.startTime,
    endTime: s.endTime,
    start: s.start,
    end: s.end,
    speaker: s.speaker,
    speakerEmail: s.speakerEmail,
    audience: m.audience,
    status: 'Programada',
    updatedAt: now,
  });
  const planFields: Partial<Record<YearPlanKey, FieldValue>> = {
    year: m.year,
    quarter: m.quarter,
    module: m.name,
    moduleId: targetId,
    plannedStart: limaStartOfDay(first.date),
    updatedAt: now,
  };

  if (!existing) {
    tabs.modules.append([{ id: targetId, kind: 'Interno', status: INITIAL_STATE, registered: 0, createdAt: now, ...moduleFields }]);
    tabs.sessions.append(m.sessions.map((s) => ({ id: sessionId(targetId, s.number), speakerAnswer: 'Pendiente', ...sessionFields(s) })));
    tabs.plan.append([{ id: yearPlanId(targetId), status: 'Programado', ...planFields }]);
    auditChanges(deps, targetId, A.created, differences(null, after));
    const fresh = readAll(tabs, false);
    return { ok: true, message: M.created(m.name), module: moduleView(fresh, fresh.modules.byId.get(targetId)!, now), created: true, unchanged: false };
  }

  const changes = differences(comparableOfRows(snap, existing), after);
  if (isSame(changes) && completing && !snap.plan.byId.has(yearPlanId(targetId))) {
    // Died after the sessions, before the year plan's line: only that is missing.
    tabs.plan.append([{ id: yearPlanId(targetId), status: 'Programado', ...planFields }]);
    deps.audit.record({ action: A.created, target: targetId, result: 'Correcto', detail: M.created(m.name) });
    return { ok: true, message: M.created(m.name), module: moduleView(readAll(tabs, false), existing, now), created: false, unchanged: false };
  }
  if (isSame(changes)) {
    deps.audit.record({ action: A.updated, target: targetId, result: 'Sin cambios', detail: M.unchanged(m.name) });
    return { ok: true, message: M.unchanged(m.name), module: moduleView(snap, existing, now), created: false, unchanged: true };
  }
  tabs.modules.update([{ id: targetId, fields: moduleFields }], { mode: 'row' });

  // Sessions: same number → same row (a removed one comes back when re-added); extra ones are cancelled.
  const wanted = new Set(m.sessions.map((s) => sessionId(targetId, s.number)));
  const updates: { id: string; fields: Partial<Record<SessionKey, FieldValue>> }[] = [];
  const appends: Partial<Record<SessionKey, FieldValue>>[] = [];
  for (const s of m.sessions) {
    const sid = sessionId(targetId, s.number);
    if (snap.sessions.byId.has(sid)) updates.push({ id: sid, fields: sessionFields(s) });
    else appends.push({ id: sid, speakerAnswer: 'Pendiente', ...sessionFields(s) });
  }
  for (const row of snap.sessionsOf.get(targetId) ?? []) {
    if (!wanted.has(row.id) && text(row.record.status) !== CANCELLED_SESSION) {
      updates.push({ id: row.id, fields: { status: CANCELLED_SESSION, updatedAt: now } });
    }
  }
  if (updates.length > 0) tabs.sessions.update(updates);
  if (appends.length > 0) tabs.sessions.append(appends);

  const planId = yearPlanId(targetId);
  if (snap.plan.byId.has(planId)) tabs.plan.update([{ id: planId, fields: planFields }]);
  else tabs.plan.append([{ id: planId, status: 'Programado', ...planFields }]);

  auditChanges(deps, targetId, A.updated, changes);
  const fresh = readAll(tabs, false);
  return { ok: true, message: M.updated(m.name), module: moduleView(fresh, fresh.modules.byId.get(targetId)!, now), created: false, unchanged: false };
}
