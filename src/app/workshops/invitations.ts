/**
 * Invitations to a module (issue 11, B05): the banner and the registration link go, one personal
 * email each, to an audience — people who registered for earlier modules and accepted news,
 * citizens invited during their attention (the sibling's 'Citas'), and lists the consultant
 * imports with their declared legal basis. Every email carries an unsubscribe link (the web app);
 * 'Bajas de difusión' is honoured from then on, also for rows already queued.
 *
 * 'Invitaciones' is the job's queue: one row per (module, lower-case address), its ID an HMAC of
 * both (domain/workshops/invitations.ts). Adding never makes a second row, never re-adds an
 * unsubscribed address, and is audited.
 *
 * «Enviar invitaciones» (sendInvitations) queues the automatic audience and RELEASES the module
 * (a document property lists released modules). The job, runInvitations, is one handler for all
 * modules with ONE continuation trigger (Apps Script allows 20 triggers per user and script). Like
 * the reminders (../reminders.ts), one run:
 * - leaves a safety continuation first and holds the job's lease;
 * - reads 'Módulos', 'Sesiones', 'Invitaciones', 'Bajas de difusión', the settings and the
 *   sibling's 'Citas' and settings once each (Sheets calls do not grow with the rows);
 * - reconciles the mail journal an interrupted run left ('enviando' → 'Revisión', never resent);
 * - spends only the mail quota left after the attention flow's reserve (tomorrow's reminders
 *   always go first); with none left it stops and looks again the next day after the reminder run;
 * - sends through `sendOnce` (journal 'talleres' keyed by the invitation ID);
 * - writes every outcome in ONE batched 'span' update at its end, under the lock; the audit log
 *   gets one line per run (and one per send in doubt), not one per email: the row is the record
 *   of each send, and a thousand lines a module would bury the log;
 * - stops itself before the time limit and continues a minute later.
 */
import { unsubscribeChecker, type UnsubscribeChecker } from '../../domain/unsubscribe-key';
import { safeUrl } from '../../domain/html';
import { INVITATION_AUDIT as A, INVITATION_MESSAGES as M, INVITATION_NOTES as N } from '../../domain/messages/workshops-invitations';
import { parseCsv } from '../../domain/import/csv';
import { formatLimaDateTime } from '../../domain/lima-time';
import { APPOINTMENTS_TAB, INVITATIONS_TAB, MODULES_TAB, REGISTRATIONS_TAB, REVIEW_TAB, SESSIONS_TAB, SETTINGS_TAB, UNSUBSCRIBES_TAB, type InvitationKey, type ModuleKey } from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { LINK_ACTIONS } from '../../domain/web-links';
import { bannerView } from '../../domain/workshops/banner';
import {
  audienceFromAttention,
  audienceFromRegistrations,
  countInvitations,
  declaredLegalBasis,
  invitationBudget,
  invitationEmail,
  invitationGate,
  invitationId,
  nextInvitationDay,
  parseInvitationList,
  planAdditions,
  remindersStillDue,
  UNSUBSCRIBE_LINK_DAYS,
  type AudienceMember,
  type InvitationCounts,
  type InvitationGate,
  type ModuleFacts,
} from '../../domain/workshops/invitations';
import { LockBusyError, type AuditLog, type Clock, type KeyValueStore, type Lock, type Mailer, type RowChange, type Scheduler, type WebAppService, type Workbook, type Workbooks } from '../../ports';
import { readReportRows, type ReportFiles } from '../appointments/import';
import { workshopDatesText } from '../workshops-invitation';
import { clearJournal, journalEntries, sendOnce, type QuotaBudget } from '../delivery';
import { Budget, CONTINUATION_DELAY_MS, continuationProperty, finishJob, JOB_BUDGET_MS, leasedRun, requestDueProperty, requestRun, SAFETY_CONTINUATION_MS, scheduleContinuation, startJob } from '../jobs';
import { recordReview, type ReviewItem } from '../review';
import { readSettings } from '../settings';
import { recordedSiblingId } from '../setup';
import { signingSecret } from '../signing';
import { linkMaker, webAppBase } from '../webapp/links';

export const INVITATIONS_HANDLER = 'runInvitations';
/** Document property: JSON list of the module IDs whose invitations were released («Enviar invitaciones»). */
export const RELEASED_PROPERTY = 'SOE_INVITATIONS_MODULES';
/** Document property: the requested run's trigger (jobs.requestRun). */
export const REQUEST_PROPERTY = 'SOE_INVITATIONS_REQUEST';
/** Document property: JSON { count, untilMs } — invitations waiting for mail quota, for the panel. */
export const WAITING_PROPERTY = 'SOE_INVITATIONS_WAITING';
/** Journal kind of an invitation (the rows' IDs start with 'INV-', so they never meet A05's). */
const KIND = 'talleres' as const;
const ID_PREFIX = 'INV-';
/** Time kept for the final write and the cleanup. */
export const FINAL_RESERVE_MS = 30_000;
/** A run first leaves a continuation this far ahead (past its lease) in case it dies. */
export { SAFETY_CONTINUATION_MS };

export interface InvitationDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  scheduler: Scheduler;
  lock: Lock;
  clock: Clock;
  mailer: Mailer;
  audit: AuditLog;
  webApp: WebAppService | null;
  /** Working time before the run stops itself (tests shorten it). */
  budgetMs?: number;
}

export interface InvitationFile {
  name?: string;
  /** The file's bytes as base64 (or a data URL): CSV, XLSX and what the report import reads. */
  base64?: string;
  /** Or CSV text. */
  text?: string;
}

export interface InvitationStatus {
  ok: boolean;
  message: string;
  moduleId: string;
  counts: InvitationCounts;
  /** Waiting for mail quota (as the last run left it). */
  waiting: number;
  /** «Enviar invitaciones» was pressed for this module. */
  released: boolean;
  /** May invitations go out now; else `blockedReason` says why. */
  allowed: boolean;
  blockedReason: string;
  /** '' when the web app is published; else why emails ask to reply «BAJA». */
  webAppWarning: string;
}

export type InvitationActionResult = { ok: boolean; message: string; status?: InvitationStatus };

// ---------------------------------------------------------------------------- reading

function text(v: unknown): string {
  if (v === null || v === undefined || v instanceof Date) return '';
  return String(v).trim();
}

function validDate(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

function readReleased(properties: KeyValueStore, all?: Record<string, string>): Set<string> {
  const raw = all ? all[RELEASED_PROPERTY] : properties.get(RELEASED_PROPERTY);
  if (!raw) return new Set();
  try {
    const v = JSON.parse(raw) as unknown;
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

function writeReleased(properties: KeyValueStore, ids: ReadonlySet<string>): void {
  if (ids.size === 0) properties.delete(RELEASED_PROPERTY);
  else properties.setAll({ [RELEASED_PROPERTY]: JSON.stringify([...ids].sort()) });
}

/** The module's facts for the gate: its row, and its first session's start when earlier than 'Fecha de inicio'. */
function moduleFacts(row: TableRow<ModuleKey>, firstSession: Date | null): ModuleFacts {
  const r = row.record;
  const banner = bannerView(r.bannerStatus, r.bannerUrl);
  const start = validDate(r.startDate);
  const earliest = start && firstSession ? (start.getTime() < firstSession.getTime() ? start : firstSession) : (start ?? firstSession);
  return {
    status: text(r.status),
    registrationUrl: text(r.registrationUrl),
    startDate: earliest,
    bannerAllowed: banner.invitationsAllowed,
    bannerBlockedReason: banner.blockedReason,
    external: text(r.kind) === 'Externo',
  };
}

function firstSessions(book: Workbook): Map<string, Date> {
  const t = book.table(SESSIONS_TAB);
  const out = new Map<string, Date>();
  if (!t.exists()) return out;
  for (const s of t.read().rows) {
    const start = validDate(s.record.start);
    const m = text(s.record.moduleId);
    if (!start || !m || text(s.record.status) === 'Cancelada') continue;
    const prev = out.get(m);
    if (!prev || start.getTime() < prev.getTime()) out.set(m, start);
  }
  return out;
}

function gateMessage(g: Exclude<InvitationGate, { ok: true }>): string {
  switch (g.reason) {
    case 'cancelled':
      return M.cancelled;
    case 'external':
      return M.externalModule;
    case 'banner':
      return M.bannerNotValidated(g.why ?? '');
    case 'not-open':
      return M.registrationNotOpen;
    case 'no-link':
      return M.noRegistrationLink;
    case 'started':
      return M.alreadyStarted;
  }
}

/** Who unsubscribed: the tab holds an address, or its fingerprint once the person's data was deleted (Ley 29733). */
function unsubscribedSet(book: Workbook): UnsubscribeChecker {
  const t = book.table(UNSUBSCRIBES_TAB);
  return unsubscribeChecker(t.exists() ? t.read().rows.map((r) => r.record.email) : []);
}

/** 'module\0address' of every registration (one read): who signed up needs no invitation. */
function registeredSet(book: Workbook): Set<string> {
  const t = book.table(REGISTRATIONS_TAB);
  if (!t.exists()) return new Set();
  const out = new Set<string>();
  for (const r of t.read().rows) {
    const e = text(r.record.email).toLowerCase();
    if (e) out.add(`${text(r.record.moduleId)}\u0000${e}`);
  }
  return out;
}

interface SiblingFacts {
  /** null when the sibling's 'Citas' could not be read. */
  remindersDue: number | null;
  reminderHour: number;
  attention: AudienceMember[];
}

/** The sibling's 'Citas' (another spreadsheet, opened by its ID) and its reminder hour; read only. */
function readSibling(deps: Pick<InvitationDeps, 'workbooks' | 'properties' | 'clock'>): SiblingFacts {
  const fallback: SiblingFacts = { remindersDue: null, reminderHour: 18, attention: [] };
  try {
    const id = recordedSiblingId(deps.properties);
    const sibling = id ? deps.workbooks.open(id) : null;
    if (!sibling) return fallback;
    const settings = readSettings(sibling.table(SETTINGS_TAB)).settings;
    const citas = sibling.table(APPOINTMENTS_TAB);
    if (!citas.exists()) return { ...fallback, reminderHour: settings.reminderHour };
    const rows = citas.read().rows.filter((r) => r.id !== '');
    const now = deps.clock.now();
    return {
      remindersDue: remindersStillDue(
        rows.map((r) => ({ start: validDate(r.record.start), status: text(r.record.status), reminderStatus: text(r.record.reminderStatus) })),
        now,
      ),
      reminderHour: settings.reminderHour,
      attention: audienceFromAttention(rows.map((r) => ({ email: r.record.email, fullName: r.record.fullName, workshopInvitation: r.record.workshopInvitation }))),
    };
  } catch {
    return fallback;
  }
}

function webAppWarning(deps: Pick<InvitationDeps, 'workbooks' | 'properties' | 'webApp'>): string {
  const settings = readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings;
  return webAppBase(settings.webAppUrl, deps.webApp) ? '' : M.noWebApp;
}

// ---------------------------------------------------------------------------- adding to the queue

/** Appends the new members of `moduleId`'s audience; call holding the lock. */
function addMembers(deps: InvitationDeps, book: Workbook, moduleId: string, members: readonly AudienceMember[]) {
  const table = book.table(INVITATIONS_TAB);
  const existing = new Set(table.read({ fresh: true }).rows.map((r) => r.id).filter((id) => id !== ''));
  const secret = signingSecret(deps.properties);
  const plan = planAdditions(members, existing, unsubscribedSet(book), (email) => invitationId(secret, moduleId, email));
  const now = deps.clock.now();
  if (plan.add.length) {
    table.append(
      plan.add.map((m) => ({
        id: m.id,
        moduleId,
        email: m.email,
        fullName: m.fullName,
        source: m.source,
        legalBasis: m.legalBasis,
        delivery: 'pendiente',
        note: '',
        sentAt: '',
        addedAt: now,
      })),
    );
  }
  return { ...plan, total: existing.size + plan.add.length };
}

interface ModuleLookup {
  row: TableRow<ModuleKey>;
  facts: ModuleFacts;
}

function findModule(book: Workbook, id: string): ModuleLookup | null {
  const modules = book.table(MODULES_TAB);
  if (!modules.exists()) return null;
  const row = modules.read({ fresh: true }).byId.get(id);
  if (!row) return null;
  return { row, facts: moduleFacts(row, firstSessions(book).get(id) ?? null) };
}

function refuse(deps: InvitationDeps, target: string, message: string): InvitationActionResult {
  deps.audit.record({ action: A.refused, target, result: 'Sin efecto', detail: message });
  return { ok: false, message };
}

function ready(deps: InvitationDeps): string | null {
  const book = deps.workbooks.current();
  return book.table(INVITATIONS_TAB).exists() && book.table(MODULES_TAB).exists() ? null : M.notTalleres;
}

/**
 * «Enviar invitaciones»: queues the module's automatic audience (earlier registrations that
 * accepted news, citizens invited during their attention) and starts the job. Refused, with the
 * reason, until the banner is validated and registration is open, and once the module started.
 */
export function sendInvitations(deps: InvitationDeps, rawId: unknown): InvitationActionResult {
  const id = cleanText(rawId, 80);
  const notReady = ready(deps);
  if (notReady) return { ok: false, message: notReady };
  // The sibling is another spreadsheet and nothing here writes it: read before taking the lock.
  const sibling = readSibling(deps);
  try {
    const r = deps.lock.withLock((): InvitationActionResult => {
      const book = deps.workbooks.current();
      const m = findModule(book, id);
      if (!m) return refuse(deps, id, M.notFound);
      const gate = invitationGate(m.facts, deps.clock.now());
      if (!gate.ok) return refuse(deps, id, gateMessage(gate));
      const regs = book.table(REGISTRATIONS_TAB);
      const fromRegistrations = regs.exists()
        ? audienceFromRegistrations(
            regs.read().rows.map((r) => ({ moduleId: r.record.moduleId, email: r.record.email, fullName: r.record.fullName, acceptsNews: r.record.acceptsNews })),
            id,
          )
        : [];
      const added = addMembers(deps, book, id, [...fromRegistrations, ...sibling.attention]);
      const released = readReleased(deps.properties);
      released.add(id);
      writeReleased(deps.properties, released);
      deps.audit.record({
        action: A.queued,
        target: id,
        result: 'Correcto',
        detail: `${added.add.length} agregadas (${added.total} en total); ${added.already} ya estaban; ${added.unsubscribed} dadas de baja omitidas.`,
      });
      return { ok: true, message: M.queued(added.add.length, added.total) };
    });
    if (r.ok) {
      startSoon(deps);
      return { ...r, status: invitationStatus(deps, id) };
    }
    return r;
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, message: M.lockBusy };
    throw e;
  }
}

/**
 * Asks for a run within a minute, and leaves the job's continuation a little later unless one is
 * pending: the requested run might die before it leaves its own safety continuation, and nothing
 * else (no daily trigger) would look at the queue again.
 */
function startSoon(deps: InvitationDeps): void {
  requestRun(deps, INVITATIONS_HANDLER, REQUEST_PROPERTY, CONTINUATION_DELAY_MS);
  scheduleContinuation(deps, INVITATIONS_HANDLER, CONTINUATION_DELAY_MS + SAFETY_CONTINUATION_MS);
}

/**
 * Once the work is done and nothing newer was asked for, every clock trigger of the job left is a
 * leftover (a fired one-off trigger, one made by a run that died before recording it): removed,
 * since no daily trigger lets `finishJob` tell them apart.
 */
function sweepLeftovers(deps: InvitationDeps): void {
  deps.lock.withLock(() => {
    if (deps.properties.get(REQUEST_PROPERTY) || deps.properties.get(continuationProperty(INVITATIONS_HANDLER))) return;
    for (const t of deps.scheduler.list()) if (t.handler === INVITATIONS_HANDLER && t.kind === 'clock') deps.scheduler.remove(t.id);
  });
}

/**
 * While the job goes on (a minute later, or tomorrow for quota), the one-off triggers of the job
 * that already fired are removed: Apps Script keeps them and counts them among the 20 triggers a
 * user may have per script, and each «Enviar invitaciones» pressed while the job waits makes one.
 * Kept: the recorded continuation, and a requested run not yet due.
 */
function pruneFired(deps: InvitationDeps): void {
  deps.lock.withLock(() => {
    const now = deps.clock.now().getTime();
    let continuation = '';
    try {
      continuation = String((JSON.parse(deps.properties.get(continuationProperty(INVITATIONS_HANDLER)) ?? '{}') as { triggerId?: unknown }).triggerId ?? '');
    } catch {
      continuation = '';
    }
    const request = deps.properties.get(REQUEST_PROPERTY) ?? '';
    const requestDue = Number(deps.properties.get(requestDueProperty(REQUEST_PROPERTY)) ?? NaN);
    const requestPending = request !== '' && requestDue > now;
    if (request !== '' && !requestPending) {
      deps.properties.delete(REQUEST_PROPERTY);
      deps.properties.delete(requestDueProperty(REQUEST_PROPERTY));
    }
    for (const t of deps.scheduler.list()) {
      if (t.handler !== INVITATIONS_HANDLER || t.kind !== 'clock' || t.id === continuation || (requestPending && t.id === request)) continue;
      deps.scheduler.remove(t.id);
    }
  });
}

/** The rows of an uploaded list, or why it cannot be read. */
function listRows(deps: { files: ReportFiles }, file: InvitationFile): { ok: true; rows: unknown[][] } | { ok: false; message: string } {
  if (file && typeof file.text === 'string' && file.text !== '') return { ok: true, rows: parseCsv(file.text.slice(0, 5_000_000)) };
  const read = readReportRows(deps.files, cleanText(file?.name, 200), typeof file?.base64 === 'string' ? file.base64 : '');
  return read.ok ? { ok: true, rows: read.rows } : { ok: false, message: M.fileUnreadable(read.message) };
}

/**
 * Imports a list of addresses (CSV or XLSX with a 'Correo' column, 'Nombre' optional) for
 * `moduleId`, with the legal basis the consultant declares. Invalid addresses are reported by row,
 * repeated ones counted once, unsubscribed ones never added. If the module's invitations were
 * already released, the job picks the new rows up.
 */
export function importInvitationList(deps: InvitationDeps & { files: ReportFiles }, rawId: unknown, file: InvitationFile, rawBasis: unknown): InvitationActionResult {
  const id = cleanText(rawId, 80);
  const notReady = ready(deps);
  if (notReady) return { ok: false, message: notReady };
  const basis = declaredLegalBasis(rawBasis);
  if (!basis) return refuse(deps, id, M.legalBasisMissing);
  const rows = listRows(deps, file);
  if (!rows.ok) return refuse(deps, id, rows.message);
  const parsed = parseInvitationList(rows.rows);
  if (!parsed.ok) return refuse(deps, id, parsed.problem === 'no-email-column' ? M.noEmailColumn : parsed.problem === 'too-many' ? M.tooManyRows(5000) : M.emptyList);
  try {
    const r = deps.lock.withLock((): InvitationActionResult & { released?: boolean } => {
      const book = deps.workbooks.current();
      const m = findModule(book, id);
      if (!m) return refuse(deps, id, M.notFound);
      if (m.facts.status === 'Cancelado') return refuse(deps, id, M.cancelled);
      const members = parsed.entries.map((e): AudienceMember => ({ email: e.email, fullName: e.fullName, source: 'Lista importada', legalBasis: basis }));
      const added = addMembers(deps, book, id, members);
      const message = M.imported({
        added: added.add.length,
        already: added.already,
        unsubscribed: added.unsubscribed,
        invalid: parsed.invalidRows.length,
        duplicates: parsed.duplicates,
        invalidRows: parsed.invalidRows,
      });
      deps.audit.record({ action: A.imported, target: id, result: 'Correcto', detail: `${cleanText(file?.name, 120) || 'texto'} · base legal: ${basis} · ${message}` });
      return { ok: true, message, released: readReleased(deps.properties).has(id) };
    });
    if (r.ok && r.released) startSoon(deps);
    return { ok: r.ok, message: r.message, ...(r.ok ? { status: invitationStatus(deps, id) } : {}) };
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, message: M.lockBusy };
    throw e;
  }
}

// ---------------------------------------------------------------------------- the panel's view

interface WaitingRecord {
  count: number;
  untilMs: number;
}

function waitingNow(properties: KeyValueStore, now: Date): number {
  const raw = properties.get(WAITING_PROPERTY);
  if (!raw) return 0;
  try {
    const v = JSON.parse(raw) as Partial<WaitingRecord>;
    return typeof v.count === 'number' && typeof v.untilMs === 'number' && v.untilMs > now.getTime() ? v.count : 0;
  } catch {
    return 0;
  }
}

/** What the panel shows for one module: counts, whether it may go, why not, the web app's state. */
export function invitationStatus(deps: Pick<InvitationDeps, 'workbooks' | 'properties' | 'clock' | 'webApp'>, rawId: unknown): InvitationStatus {
  const id = cleanText(rawId, 80);
  const book = deps.workbooks.current();
  const empty: InvitationStatus = {
    ok: false,
    message: M.notTalleres,
    moduleId: id,
    counts: { queued: 0, sent: 0, skipped: 0, review: 0 },
    waiting: 0,
    released: false,
    allowed: false,
    blockedReason: M.notTalleres,
    webAppWarning: '',
  };
  if (!book.table(INVITATIONS_TAB).exists() || !book.table(MODULES_TAB).exists()) return empty;
  const row = book.table(MODULES_TAB).read().byId.get(id);
  if (!row) return { ...empty, message: M.notFound, blockedReason: M.notFound };
  const gate = invitationGate(moduleFacts(row, firstSessions(book).get(id) ?? null), deps.clock.now());
  const counts = countInvitations(book.table(INVITATIONS_TAB).read().rows.filter((r) => r.id !== '' && text(r.record.moduleId) === id).map((r) => r.record));
  const released = readReleased(deps.properties).has(id);
  const waiting = released ? Math.min(waitingNow(deps.properties, deps.clock.now()), counts.queued) : 0;
  return {
    ok: true,
    message: M.status(counts),
    moduleId: id,
    counts,
    waiting,
    released,
    allowed: gate.ok,
    blockedReason: gate.ok ? '' : gateMessage(gate),
    webAppWarning: webAppWarning(deps),
  };
}

// ---------------------------------------------------------------------------- the job

export interface InvitationRunResult {
  ran: boolean;
  sent: number;
  skipped: number;
  ambiguous: number;
  waitingForQuota: number;
  remaining: number;
  continues: boolean;
  /** The emails' allowance this run computed (quota minus the attention flow's reserve). */
  budget: number;
  summary: string;
}

interface Outcome {
  fields: Partial<Record<InvitationKey, FieldValue>>;
  clear: string[];
}

export function runInvitations(deps: InvitationDeps): InvitationRunResult {
  const budget = new Budget(deps.clock, deps.budgetMs ?? JOB_BUDGET_MS);
  const result: InvitationRunResult = { ran: false, sent: 0, skipped: 0, ambiguous: 0, waitingForQuota: 0, remaining: 0, continues: false, budget: 0, summary: '' };
  leasedRun(
    deps,
    INVITATIONS_HANDLER,
    (release) => runLeased(deps, budget, result, release),
    () => {
      result.continues = true;
      result.summary = M.anotherRunWorking;
      deps.audit.record({ action: A.run, result: 'Sin efecto', detail: result.summary });
    },
  );
  return result;
}

function runLeased(deps: InvitationDeps, budget: Budget, result: InvitationRunResult, release: () => void): void {
  result.ran = true;
  const job = startJob(deps, REQUEST_PROPERTY);
  const book = deps.workbooks.current();
  const now = deps.clock.now();
  const journal = { ...deps.properties.getAll() };
  const releasedModules = readReleased(deps.properties, journal);
  const settings = readSettings(book.table(SETTINGS_TAB)).settings;
  const invitations = book.table(INVITATIONS_TAB);
  const snapshot = invitations.exists() ? invitations.read() : null;
  const outcomes = new Map<string, Outcome>();
  const review: ReviewItem[] = [];
  const outcome = (id: string): Outcome => {
    let o = outcomes.get(id);
    if (!o) outcomes.set(id, (o = { fields: {}, clear: [] }));
    return o;
  };
  const moduleRows = book.table(MODULES_TAB).exists() ? book.table(MODULES_TAB).read().byId : new Map<string, TableRow<ModuleKey>>();
  const moduleName = (mid: string) => text(moduleRows.get(mid)?.record.name) || mid;

  // 1. What an interrupted run left in the journal (we hold the lease: nobody else writes these keys).
  const stale: string[] = [];
  for (const entry of journalEntries(deps.properties, KIND, journal)) {
    if (!entry.rowId.startsWith(ID_PREFIX)) continue;
    const row = snapshot?.byId.get(entry.rowId);
    if (!row) {
      stale.push(entry.rowId);
      continue;
    }
    const o = outcome(row.id);
    o.clear.push(row.id);
    const current = text(row.record.delivery).toLowerCase();
    if (entry.state === 'enviado') {
      if (current !== 'enviado') Object.assign(o.fields, { delivery: 'enviado', sentAt: entry.at ?? now, note: '' });
    } else if (current !== 'enviado') {
      Object.assign(o.fields, { delivery: 'enviando', note: N.interrupted });
      review.push({ tipo: A.reviewKind, referencia: row.id, detalle: M.reviewDetail(moduleName(text(row.record.moduleId))) });
      deps.audit.record({ action: A.ambiguous, target: row.id, result: 'Por revisar', detail: N.interrupted });
      result.ambiguous++;
    }
  }

  // 2. Which rows may go: pending, of a released module whose invitations may still go out.
  const sessions = firstSessions(book);
  const gates = new Map<string, boolean>();
  const stillReleased = new Set<string>();
  for (const mid of releasedModules) {
    const row = moduleRows.get(mid);
    const gate = row ? invitationGate(moduleFacts(row, sessions.get(mid) ?? null), now) : { ok: false as const, reason: 'cancelled' as const };
    gates.set(mid, gate.ok);
    // A module that started, or was cancelled or deleted, is released no more; a banner or state changed back only pauses it.
    if (row && (gate.ok || (gate.reason !== 'started' && gate.reason !== 'cancelled' && gate.reason !== 'external'))) stillReleased.add(mid);
  }
  const unsubscribed = unsubscribedSet(book);
  const registered = registeredSet(book);
  const pending: TableRow<InvitationKey>[] = [];
  for (const row of snapshot?.rows ?? []) {
    if (row.id === '' || outcomes.has(row.id)) continue;
    const d = text(row.record.delivery).toLowerCase();
    if (d !== '' && d !== 'pendiente') continue;
    const mid = text(row.record.moduleId);
    if (!gates.get(mid)) continue;
    const email = text(row.record.email).toLowerCase();
    if (email === '') {
      // The address was erased (a deletion under Ley 29733): nobody to write to.
      Object.assign(outcome(row.id).fields, { delivery: 'error', note: N.erased });
      result.skipped++;
      continue;
    }
    if (unsubscribed.has(email)) {
      Object.assign(outcome(row.id).fields, { delivery: 'error', note: N.unsubscribed });
      result.skipped++;
      continue;
    }
    if (registered.has(`${mid}\u0000${email}`)) {
      // Signed up since it was queued: an invitation to register would only confuse.
      Object.assign(outcome(row.id).fields, { delivery: 'error', note: N.alreadyRegistered });
      result.skipped++;
      continue;
    }
    pending.push(row);
  }

  // 3. The emails, while time and the quota left after the attention flow's reserve last.
  let i = 0;
  if (pending.length) {
    const sibling = readSibling(deps);
    const allowance = invitationBudget(deps.mailer.remainingDailyQuota(), sibling.remindersDue);
    result.budget = allowance;
    const quota: QuotaBudget = { remaining: allowance };
    const mailDeps = { mailer: deps.mailer, journal: deps.properties, clock: deps.clock, quota, snapshot: journal };
    const links = linkMaker(deps.properties, webAppBase(settings.webAppUrl, deps.webApp));
    const expires = new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000);
    for (; i < pending.length; i++) {
      if (budget.exhausted(FINAL_RESERVE_MS) || quota.remaining <= 0) break;
      const row = pending[i];
      const mid = text(row.record.moduleId);
      const m = moduleRows.get(mid)!.record;
      const o = outcome(row.id);
      const email = text(row.record.email).toLowerCase();
      const mail = invitationEmail({
        fullName: text(row.record.fullName),
        moduleName: text(m.name),
        dates: workshopDatesText(m),
        registrationUrl: text(m.registrationUrl),
        bannerUrl: safeUrl(text(m.bannerUrl), ['https:']),
        unsubscribeUrl: links(LINK_ACTIONS.unsubscribe, row.id, expires),
      });
      const sent = sendOnce(mailDeps, KIND, row.id, { to: email, ...mail });
      if (sent.status === 'enviado') {
        Object.assign(o.fields, { delivery: 'enviado', sentAt: sent.at, note: '' });
        o.clear.push(row.id);
        result.sent++;
        // No audit line per email: the row records it ('Envío', 'Enviado'); the run's line counts them.
      } else if (sent.status === 'ambiguo') {
        Object.assign(o.fields, { delivery: 'enviando', note: N.interrupted });
        o.clear.push(row.id);
        result.ambiguous++;
        review.push({ tipo: A.reviewKind, referencia: row.id, detalle: M.reviewDetail(moduleName(mid)) });
        deps.audit.record({ action: A.ambiguous, target: row.id, result: 'Por revisar', detail: sent.message });
      } else if (/too many times|cupo diario/i.test(sent.message)) {
        outcomes.delete(row.id);
        break;
      } else {
        Object.assign(o.fields, { delivery: 'error', note: /invalid email/i.test(sent.message) ? N.invalidEmail : cleanText(sent.message, 200) });
        result.skipped++;
      }
    }
  }
  const notReached = pending.length - i;
  const outOfQuota = notReached > 0 && !budget.exhausted(FINAL_RESERVE_MS);
  if (outOfQuota) result.waitingForQuota = notReached;
  else result.remaining = notReached;

  // 4. One batched write of every outcome, under the lock, over what the sheet holds now.
  const cleared = writeOutcomes(deps, outcomes, review);
  clearJournal(deps.properties, KIND, [...stale, ...cleared]);
  const resumeAt = result.waitingForQuota > 0 ? nextInvitationDay(now, readSiblingHour(deps)) : null;
  const waitingValue = resumeAt ? JSON.stringify({ count: result.waitingForQuota, untilMs: resumeAt.getTime() + 86_400_000 } satisfies WaitingRecord) : '';
  if (waitingValue) deps.properties.setAll({ [WAITING_PROPERTY]: waitingValue });
  else if (journal[WAITING_PROPERTY]) deps.properties.delete(WAITING_PROPERTY);
  if (stillReleased.size !== releasedModules.size) writeReleased(deps.properties, stillReleased);

  // 5. Continue, or finish.
  release();
  if (result.remaining > 0) {
    scheduleContinuation(deps, INVITATIONS_HANDLER, CONTINUATION_DELAY_MS, { replace: true });
    pruneFired(deps);
    result.continues = true;
    deps.audit.record({ action: A.continuation, result: 'Correcto', detail: M.continuation(CONTINUATION_DELAY_MS / 60_000) });
  } else if (resumeAt) {
    const at = resumeAt;
    scheduleContinuation(deps, INVITATIONS_HANDLER, Math.max(CONTINUATION_DELAY_MS, at.getTime() - deps.clock.now().getTime()), { replace: true });
    pruneFired(deps);
    result.continues = true;
    deps.audit.record({ action: A.waiting, result: 'Sin efecto', detail: M.waitingForQuota(result.waitingForQuota, formatLimaDateTime(at)) });
  } else {
    result.continues = finishJob(deps, INVITATIONS_HANDLER, job, REQUEST_PROPERTY);
    if (!result.continues) sweepLeftovers(deps);
  }
  result.summary = M.runSummary({ sent: result.sent, skipped: result.skipped, ambiguous: result.ambiguous, waiting: result.waitingForQuota, remaining: result.remaining });
  deps.audit.record({
    action: A.run,
    result: result.ambiguous ? 'Por revisar' : result.sent || result.skipped ? 'Correcto' : 'Sin cambios',
    detail: result.summary,
  });
}

/** The sibling's reminder hour (default 18). */
function readSiblingHour(deps: InvitationDeps): number {
  try {
    const id = recordedSiblingId(deps.properties);
    const sibling = id ? deps.workbooks.open(id) : null;
    return sibling ? readSettings(sibling.table(SETTINGS_TAB)).settings.reminderHour : 18;
  } catch {
    return 18;
  }
}

function writeOutcomes(deps: InvitationDeps, outcomes: Map<string, Outcome>, review: ReviewItem[]): string[] {
  if (outcomes.size === 0 && review.length === 0) return [];
  const book = deps.workbooks.current();
  deps.lock.withLock(() => {
    const table = book.table(INVITATIONS_TAB);
    const fresh = table.read({ fresh: true });
    const changes: RowChange<InvitationKey>[] = [];
    for (const [id, o] of outcomes) {
      if (fresh.byId.has(id) && Object.keys(o.fields).length) changes.push({ id, fields: o.fields });
    }
    if (changes.length) table.update(changes, { mode: 'span' });
    if (review.length && book.table(REVIEW_TAB).exists()) recordReview(book.table(REVIEW_TAB), review, deps.clock.now());
  });
  return [...outcomes.values()].flatMap((o) => o.clear);
}
