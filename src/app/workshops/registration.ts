/**
 * Registration to the modules (B05): the one registration form, opening a module's
 * registration, and every response turned into a registration — confirmed or waiting — with its
 * email, once.
 *
 * Each response is handled in the frame of the day's actions (src/app/day/action.ts), for many
 * rows at once:
 *
 *   take the script lock → read 'Módulos', 'Sesiones', 'Programación anual', 'Inscripciones'
 *   and 'Revisión' once → skip responses already accounted for → decide (pure rules,
 *   domain/workshops/registration.ts) → each email once (sendOnce) → one write per tab → audit.
 *
 * Why the emails go before the writes, and why that is safe: a crash between a send and the
 * write leaves the response unaccounted for, so the next execution handles it again; the journal
 * then says the email went (sendOnce does not send it twice) and also WHAT the person was told —
 * confirmed or waiting — which the retry keeps even if the places changed meanwhile.
 *
 * The form's responses are the durable queue: every submit execution also handles any earlier
 * response that is not yet in 'Inscripciones' or 'Revisión' (a submission whose execution
 * failed, or was lost), so nothing a citizen sends is lost and nothing is done twice.
 */
import { dateOf, int, text } from './cells';
import { formatLimaDateTime } from '../../domain/lima-time';
import { sha256Hex } from '../../domain/ids';
import {
  registrationClosedEmail,
  registrationConfirmedEmail,
  registrationFixEmail,
  registrationPromotedEmail,
  registrationWaitingEmail,
  REGISTRATION_AUDIT as A,
  REGISTRATION_MESSAGES as M,
  REGISTRATION_REVIEW as R,
  scheduleChangedEmail,
  type ScheduleChange,
  type RegistrationMailInput,
  type SessionLine,
} from '../../domain/messages/registration';
import { MODULES_TAB, REGISTRATIONS_TAB, REVIEW_TAB, SESSIONS_TAB, YEAR_PLAN_TAB, type ModuleKey, type RegistrationKey, type SessionKey } from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { cleanText, neutraliseFormula } from '../../domain/text';
import { safeUrl } from '../../domain/html';
import { LINK_ACTIONS, LINK_VALIDITY_DAYS, usableWebAppUrl } from '../../domain/web-links';
import {
  ANNULLED,
  CONFIRMED,
  isActive,
  mayPromote,
  OPEN_STATE,
  placeNew,
  readRegistration,
  registrationId,
  registrationOpenness,
  toPromote,
  WAITING,
  WITHDRAWN,
  waitingPosition,
  type ModuleFacts,
  type PlaceFacts,
  type Registrant,
} from '../../domain/workshops/registration';
import { moduleChoice, NO_OPEN_MODULE, registrationForm, REGISTRATION_QUESTIONS as Q } from '../../domain/workshops/registration-form';
import type { Workbook, Clock, FormAdmin, FormAnswers, FormChoices, Forms, KeyValueStore, RowChange, Scheduler, TableSnapshot, Workbooks } from '../../ports';
import { clearJournal, JOURNAL_PREFIX, journalKey, sendOnce, type DeliveryDeps, type DeliveryOutcome, type RegistrationMailKind } from '../delivery';
import { ensureFormTrigger, ensureProductForm } from '../product-form';
import { recordReview, type ReviewItem } from '../review';
import { signingSecret } from '../signing';
import type { Settings } from '../settings';
import { loadBookSettings } from '../team';
import type { LinkDeps } from '../webapp/link-handler';
import { linkMaker, webAppBase, type LinkMaker } from '../webapp/links';

export const REGISTRATION_SUBMIT_HANDLER = 'onRegistrationSubmit';
/** The one-off sweep each submission makes sure is scheduled: the safety net of the pending markers. */
export const REGISTRATION_SWEEP_HANDLER = 'runRegistrationSweep';
/** How long after a submission the sweep runs (a burst shares one). */
export const SWEEP_DELAY_MS = 5 * 60_000;

export const REGISTRATION_PROPERTY_KEYS = {
  formId: 'SOE_REGISTRATION_FORM_ID',
  /** When the last sweep read the responses (ISO). */
  sweptAt: 'SOE_REGISTRATION_SWEPT_AT',
} as const;

/** A sweep reads responses from this long before the previous one. */
const SWEEP_MARGIN_MS = 2 * 86_400_000;
/** At most this many earlier notices retried per execution (a failed send, the quota): the rest wait for the next one. */
const RETRIES_PER_EXECUTION = 20;

/** What freeing a place needs: what a web app link's action gets (no Forms there). */
export type PlaceDeps = LinkDeps;

export interface RegistrationDeps extends PlaceDeps {
  forms: Forms & FormAdmin & FormChoices;
  /** Where the sweep is scheduled (the submit trigger makes sure one is); absent in unit tests. */
  scheduler?: Scheduler;
}

// ---------------------------------------------------------------------------- cells

/** A person's text as a cell may hold it: tidy, and never a formula (DESIGN.md, bad input). */
function cell(s: string): string {
  return neutraliseFormula(s);
}

// ---------------------------------------------------------------------------- the module's facts

interface World {
  modules: TableSnapshot<ModuleKey>;
  sessions: TableSnapshot<SessionKey>;
  registrations: TableSnapshot<RegistrationKey>;
  cancelled: Set<string>;
  sessionsOf: Map<string, TableRow<SessionKey>[]>;
  registrationsOf: Map<string, TableRow<RegistrationKey>[]>;
}

function readWorld(book: Workbook, fresh: boolean): World {
  const modules = book.table(MODULES_TAB).read({ fresh });
  const sessions = book.table(SESSIONS_TAB).read({ fresh });
  const plan = book.table(YEAR_PLAN_TAB);
  const cancelled = new Set<string>();
  if (plan.exists()) for (const r of plan.read({ fresh }).rows) if (text(r.record.status) === 'Cancelado') cancelled.add(text(r.record.moduleId));
  const registrations = book.table(REGISTRATIONS_TAB).read({ fresh });
  const sessionsOf = new Map<string, TableRow<SessionKey>[]>();
  for (const r of sessions.rows) {
    const m = text(r.record.moduleId);
    if (!r.id || !m || text(r.record.status) === 'Cancelada') continue;
    sessionsOf.set(m, [...(sessionsOf.get(m) ?? []), r]);
  }
  const registrationsOf = new Map<string, TableRow<RegistrationKey>[]>();
  for (const r of registrations.rows) {
    const m = text(r.record.moduleId);
    if (!r.id || !m) continue;
    registrationsOf.set(m, [...(registrationsOf.get(m) ?? []), r]);
  }
  return { modules, sessions, registrations, cancelled, sessionsOf, registrationsOf };
}

function sessionLines(w: World, moduleId: string): SessionLine[] {
  return (w.sessionsOf.get(moduleId) ?? [])
    .map((r) => ({ number: int(r.record.number), topic: text(r.record.topic), start: dateOf(r.record.start), end: dateOf(r.record.end) }))
    .filter((s): s is SessionLine => s.start !== null && s.end !== null)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

function moduleFacts(w: World, moduleId: string): ModuleFacts | null {
  const row = w.modules.byId.get(moduleId);
  if (!row) return null;
  const lines = sessionLines(w, moduleId);
  return {
    id: moduleId,
    name: text(row.record.name),
    status: w.cancelled.has(moduleId) ? 'Cancelado' : text(row.record.status),
    capacity: int(row.record.capacity),
    firstStart: lines[0]?.start ?? null,
    lastStart: lines[lines.length - 1]?.start ?? null,
  };
}

function placeFacts(rows: readonly TableRow<RegistrationKey>[]): PlaceFacts[] {
  return rows.map((r) => ({ id: r.id, status: text(r.record.status), registeredAt: dateOf(r.record.registeredAt), order: r.rowNumber }));
}

function responseIds(v: unknown): string[] {
  return text(v).split(/\s+/).filter(Boolean);
}

// ---------------------------------------------------------------------------- the form (setup)

export interface RegistrationFormState {
  formId: string;
  url: string;
}

/**
 * Makes sure the registration form exists and is whole, published, sending its responses here,
 * with its module choices in step.
 */
export function ensureRegistrationForm(
  deps: { forms: FormAdmin & FormChoices; properties: KeyValueStore; workbooks: Workbooks; clock: Clock },
  spreadsheetId: string,
  known: string,
  change: (action: string, target: string, sentence: string) => void,
): RegistrationFormState {
  const book = deps.workbooks.current();
  const choices = book.table(MODULES_TAB).exists() && book.table(SESSIONS_TAB).exists() && book.table(REGISTRATIONS_TAB).exists() ? openChoices(readWorld(book, false), deps.clock.now()) : [];
  const form = ensureProductForm(
    deps,
    { definition: registrationForm(choices), propertyKey: REGISTRATION_PROPERTY_KEYS.formId, auditCreated: A.formCreated, auditRepaired: A.formRepaired },
    spreadsheetId,
    known,
    change,
  );
  deps.forms.setChoices(form.formId, Q.module, choices.length ? choices : [NO_OPEN_MODULE]);
  return { formId: form.formId, url: form.url };
}

/** Exactly one form-submit trigger of `onRegistrationSubmit`, on the registration form (setup, with the other triggers). */
export function ensureRegistrationTrigger(scheduler: Scheduler, formId: string, change: (action: string, target: string, sentence: string) => void): void {
  if (ensureFormTrigger(scheduler, REGISTRATION_SUBMIT_HANDLER, formId)) change(A.triggerInstalled, REGISTRATION_SUBMIT_HANDLER, M.triggerInstalled);
}

/** The dropdown's choices: the modules open for registration whose first session is ahead. */
function openChoices(w: World, now: Date): string[] {
  const out: { start: number; choice: string }[] = [];
  for (const row of w.modules.rows) {
    const f = row.id ? moduleFacts(w, row.id) : null;
    if (!f || !registrationOpenness(f, now).open) continue;
    out.push({ start: f.firstStart!.getTime(), choice: moduleChoice(f.id, f.name, '') });
  }
  return out.sort((a, b) => a.start - b.start).map((x) => x.choice);
}

function registrationFormId(deps: Pick<RegistrationDeps, 'properties'>): string {
  return deps.properties.get(REGISTRATION_PROPERTY_KEYS.formId) ?? '';
}

// ---------------------------------------------------------------------------- opening a module

export type OpenRegistrationResult = { ok: true; message: string; url: string } | { ok: false; message: string };

/**
 * Opens a module's registration: the module becomes a choice of the form, and its own link (the
 * form with that choice made) is written on the module. Requires sessions ahead and a capacity.
 */
export function openRegistration(deps: RegistrationDeps, rawModuleId: unknown): OpenRegistrationResult {
  const moduleId = text(rawModuleId);
  const formId = registrationFormId(deps);
  if (!formId) return { ok: false, message: M.noForm };
  const book = deps.workbooks.current();
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const w = readWorld(book, true);
    const row = w.modules.byId.get(moduleId);
    const f = row ? moduleFacts(w, moduleId) : null;
    if (!row || !f) return { ok: false as const, message: M.unknownModule };
    if (f.status === 'Cancelado') return refuseOpen(deps, moduleId, M.cancelled);
    if (!f.firstStart) return refuseOpen(deps, moduleId, M.noSessions);
    if (f.firstStart.getTime() <= now.getTime()) return refuseOpen(deps, moduleId, M.alreadyStarted);
    if (!(f.capacity > 0)) return refuseOpen(deps, moduleId, M.noCapacity);
    const wasOpen = f.status === OPEN_STATE;
    // The module counts as open for the choices from now on.
    const choices = openChoices({ ...w, modules: withStatus(w.modules, moduleId, OPEN_STATE) }, now);
    deps.forms.setChoices(formId, Q.module, choices);
    const url = deps.forms.prefilledUrl(formId, { [Q.module]: moduleChoice(f.id, f.name, '') });
    book.table(MODULES_TAB).update([{ id: moduleId, fields: { status: OPEN_STATE, registrationUrl: url, registrationFormId: formId, updatedAt: now } }]);
    // What the confirmations will say: a later change of these sessions is told to the registrants.
    if (!wasOpen || !deps.properties.get(toldScheduleKey(moduleId))) deps.properties.setAll({ [toldScheduleKey(moduleId)]: JSON.stringify(scheduleOf(w, moduleId)) });
    deps.audit.record({ action: A.opened, target: moduleId, result: wasOpen ? 'Sin cambios' : 'Correcto', detail: M.opened(f.name) });
    return { ok: true as const, message: wasOpen ? M.linkRefreshed(f.name) : M.opened(f.name), url };
  });
}

function refuseOpen(deps: RegistrationDeps, moduleId: string, message: string): OpenRegistrationResult {
  deps.audit.record({ action: A.opened, target: moduleId, result: 'Sin efecto', detail: message });
  return { ok: false, message };
}

function withStatus(s: TableSnapshot<ModuleKey>, id: string, status: string): TableSnapshot<ModuleKey> {
  const rows = s.rows.map((r) => (r.id === id ? { ...r, record: { ...r.record, status } } : r));
  return { ...s, rows, byId: new Map(rows.filter((r) => r.id).map((r) => [r.id, r])) };
}

/**
 * Keeps the form's module choices in step with the sheet (a module renamed, started, cancelled),
 * and, when they changed, each open module's registration link (it names the choice). Cheap when
 * nothing changed: one Forms call. Takes the lock.
 */
export function syncRegistrationChoices(deps: Pick<RegistrationDeps, 'workbooks' | 'properties' | 'lock' | 'clock' | 'forms' | 'audit'>): boolean {
  const formId = registrationFormId(deps);
  if (!formId) return false;
  const book = deps.workbooks.current();
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const w = readWorld(book, true);
    const choices = openChoices(w, now);
    if (!deps.forms.setChoices(formId, Q.module, choices.length ? choices : [NO_OPEN_MODULE])) return false;
    const changes: RowChange<ModuleKey>[] = [];
    for (const row of w.modules.rows) {
      const f = row.id ? moduleFacts(w, row.id) : null;
      if (!f || !registrationOpenness(f, now).open) continue;
      const url = deps.forms.prefilledUrl(formId, { [Q.module]: moduleChoice(f.id, f.name, '') });
      if (url !== text(row.record.registrationUrl)) changes.push({ id: f.id, fields: { registrationUrl: url, updatedAt: now } });
    }
    if (changes.length) book.table(MODULES_TAB).update(changes);
    deps.audit.record({ action: A.choicesSynced, target: formId, result: 'Correcto', detail: M.choicesSynced(choices.length) });
    return true;
  });
}

// ---------------------------------------------------------------------------- responses

export interface RegistrationResult {
  confirmed: number;
  waiting: number;
  updated: number;
  forReview: number;
  unchanged: number;
  promoted: number;
}

interface Mailing {
  links: LinkMaker;
  formUrl: string | null;
  whatsapp: (moduleId: string) => string | null;
}

/**
 * What the emails need besides the row: the web app's address (Google's own /exec answer, else
 * the setting — read only then, and the registration form's link only for a correction email).
 */
function mailing(deps: PlaceDeps, w: World, book: Workbook = deps.workbooks.current()): Mailing {
  let settings: Settings | null = null;
  const read = (): Settings => (settings ??= loadBookSettings(book, deps.properties).settings);
  const google = deps.webApp ? usableWebAppUrl(deps.webApp.url()) : null;
  let links: LinkMaker | null = null;
  return {
    links: (action, subject, until) => (links ??= linkMaker(deps.properties, webAppBase(google ? '' : read().webAppUrl, google ? { url: () => google } : null)))(action, subject, until),
    get formUrl() {
      return safeUrl(read().registrationFormUrl, ['https:']) ?? null;
    },
    whatsapp: (moduleId) => safeUrl(text(w.modules.byId.get(moduleId)?.record.whatsappUrl), ['https:']) ?? null,
  };
}

function withdrawLink(m: Mailing, regId: string, f: ModuleFacts, now: Date): string | null {
  const until = f.lastStart ?? new Date(now.getTime() + LINK_VALIDITY_DAYS.retiro * 86_400_000);
  return m.links(LINK_ACTIONS.withdraw, regId, until);
}

function mailInput(w: World, m: Mailing, f: ModuleFacts, regId: string, fullName: string, now: Date): RegistrationMailInput {
  return { fullName, moduleName: f.name, sessions: sessionLines(w, f.id), whatsappUrl: m.whatsapp(f.id), withdrawUrl: withdrawLink(m, regId, f, now) };
}

/** What the journal says a person was told about this round, if anything (the crash-safe truth). */
function toldBefore(props: Readonly<Record<string, string>>, key: string): typeof CONFIRMED | typeof WAITING | null {
  if (props[journalKey('inscripcion', key)]) return CONFIRMED;
  if (props[journalKey('espera', key)]) return WAITING;
  return null;
}

/** The journal's row key of one round of a registration: its ID and when the round began. */
function roundKey(regId: string, registeredAt: Date | null): string {
  return `${regId}:${registeredAt ? registeredAt.getTime() : 0}`;
}

function deliveryColumn(o: DeliveryOutcome): string {
  return o.status === 'enviado' ? 'enviado' : o.status === 'ambiguo' ? 'enviando' : 'error';
}

function sweepSince(props: Readonly<Record<string, string>>): Date | undefined {
  const swept = new Date(props[REGISTRATION_PROPERTY_KEYS.sweptAt] ?? '');
  return isNaN(swept.getTime()) ? undefined : new Date(swept.getTime() - SWEEP_MARGIN_MS);
}

/** Document property marking a response whose handling has begun and not finished (see `markPending`). */
export const PENDING_PREFIX = 'SOE_REG_PENDING:';

/**
 * Written by a submit execution that found the sheet busy (without the lock: one property):
 * "response R, sent at T, waits". The next execution handles it before its own, in the order
 * people sent them — so places follow that order — and the sweep if no other comes. Removed
 * with the rows that account for it. A response whose execution died otherwise (a crash, a
 * timeout) has no marker: the sweep, which every burst schedules, reads the form and handles it.
 */
export function markPending(properties: KeyValueStore, r: FormAnswers): void {
  properties.setAll({ [PENDING_PREFIX + r.responseId]: r.submittedAt.toISOString() });
}

/**
 * Handles responses of the registration form (see the module comment): the `given` ones, those
 * other executions left pending, and — with `sweep` (the sweep trigger, «Revisar respuestas
 * pendientes») — any response of the form not yet accounted for. Takes the lock.
 */
export function handleRegistrations(deps: RegistrationDeps, given: readonly FormAnswers[], options: { sweep?: boolean; prune?: boolean } = {}): RegistrationResult {
  const result: RegistrationResult = { confirmed: 0, waiting: 0, updated: 0, forReview: 0, unchanged: 0, promoted: 0 };
  const book = deps.workbooks.current();
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    // Every document property this run needs, read once under the lock: the form's ID, the
    // secret, the pending markers, the journal (this execution is then its only writer).
    const props = deps.properties.getAll();
    const formId = props[REGISTRATION_PROPERTY_KEYS.formId] ?? '';
    const journal = { mailer: deps.mailer, journal: deps.properties, clock: deps.clock, snapshot: props };
    const w = readWorld(book, true);
    const reviewTable = book.table(REVIEW_TAB);
    const known = new Set<string>();
    for (const r of w.registrations.rows) for (const id of responseIds(r.record.responseId)) known.add(id);
    // 'Revisión' is read only when a response may be there: a sweep, or one about to go there.
    let reviewRefs: Set<string> | null = null;
    const inReview = (responseId: string): boolean => {
      reviewRefs ??= new Set(reviewTable.exists() ? reviewTable.read().rows.map((r) => text(r.record.reference)) : []);
      return reviewRefs.has(responseId);
    };

    // What to handle: the given responses, those other executions left pending, and on a sweep
    // every response of the form not accounted for — in the order people sent them.
    const pendingIds = Object.keys(props).filter((k) => k.startsWith(PENDING_PREFIX)).map((k) => k.slice(PENDING_PREFIX.length));
    const queue = new Map<string, FormAnswers>();
    if (options.sweep && formId) {
      for (const r of deps.forms.responses(formId, sweepSince(props), known)) queue.set(r.responseId, r);
    }
    for (const r of given) if (!queue.has(r.responseId)) queue.set(r.responseId, r);
    for (const id of pendingIds) {
      if (queue.has(id) || known.has(id) || !formId) continue;
      const r = deps.forms.response(formId, id);
      if (r) queue.set(id, r);
    }
    const settled: string[] = pendingIds.filter((id) => known.has(id) || !queue.has(id));
    const candidates = [...queue.values()].filter((r) => {
      if (known.has(r.responseId)) {
        settled.push(r.responseId);
        return false;
      }
      return true;
    });
    result.unchanged = given.filter((r) => known.has(r.responseId)).length;
    // Stable: equal times keep the form's order.
    const ordered = candidates.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    const done = (ids: readonly string[]) => {
      for (const id of new Set(ids)) if (props[PENDING_PREFIX + id] !== undefined) deps.properties.delete(PENDING_PREFIX + id);
    };
    if (ordered.length === 0) {
      done(settled);
      if (options.prune) pruneJournal(deps, props, w, new Set(reviewTable.exists() ? reviewTable.read().rows.map((r) => text(r.record.reference)) : []));
      if (options.sweep) deps.properties.setAll({ [REGISTRATION_PROPERTY_KEYS.sweptAt]: now.toISOString() });
      return result;
    }

    const secret = signingSecret(deps.properties, props);
    const m = mailing(deps, w);
    ensureSweep(deps, props, now);
    const table = book.table(REGISTRATIONS_TAB);
    const appended: Partial<Record<RegistrationKey, FieldValue>>[] = [];
    const changes = new Map<string, Partial<Record<RegistrationKey, FieldValue>>>();
    const journalDone: [RegistrationMailKind, string][] = [];
    const review: ReviewItem[] = [];
    // Rows as they are after this execution's decisions (for places and duplicates).
    const rowsOf = (moduleId: string): PlaceFacts[] => {
      const base = placeFacts(w.registrationsOf.get(moduleId) ?? []).map((p) => ({ ...p, status: text(changes.get(p.id)?.status ?? p.status) }));
      const added = appended
        .filter((a) => a.moduleId === moduleId)
        .map((a, k) => ({ id: String(a.id), status: String(a.status), registeredAt: a.registeredAt as Date, order: 1e9 + k }));
      return [...base, ...added];
    };

    for (const resp of ordered) {
      const read = readRegistration(resp.answers);
      const f = read.ok ? moduleFacts(w, read.registrant.moduleId) : read.moduleId ? moduleFacts(w, read.moduleId) : null;
      if ((!read.ok || !registrationOpenness(f, now).open) && inReview(resp.responseId)) {
        // Handled before: it is in 'Revisión' (and its email was sent then).
        if (given.some((g) => g.responseId === resp.responseId)) result.unchanged++;
        continue;
      }
      if (!read.ok) {
        review.push({ tipo: R.kindInvalid, referencia: resp.responseId, detalle: R.invalid(resp.responseId, f?.name ?? '', read.problems) });
        deps.audit.record({ action: A.forReview, target: resp.responseId, result: 'Por revisar', detail: read.problems.join(' ') });
        if (read.email) {
          const o = sendOnce(journal, 'correccion', resp.responseId, {
            to: read.email,
            ...registrationFixEmail({ fullName: read.fullName, problems: read.problems, formUrl: m.formUrl }),
          });
          journalDone.push(['correccion', resp.responseId]);
          if (o.status !== 'enviado') deps.audit.record({ action: A.mailFailed, target: resp.responseId, result: 'Error', detail: o.message });
        }
        result.forReview++;
        continue;
      }
      const p = read.registrant;
      const openness = registrationOpenness(f, now);
      const regId = registrationId(secret, p.moduleId, p.documentType, p.documentNumber);
      const existing = w.registrations.byId.get(regId);
      const pending = changes.get(regId);
      const currentStatus = text(pending?.status ?? existing?.record.status ?? appended.find((a) => a.id === regId)?.status ?? '');

      if (isActive(currentStatus)) {
        // A second response of someone registered: their data is updated, their place kept, no new email.
        const fields = { ...personFields(p), responseId: [...responseIds(pending?.responseId ?? existing?.record.responseId), resp.responseId].join(' '), updatedAt: now };
        const inAppended = appended.find((a) => a.id === regId);
        if (inAppended) Object.assign(inAppended, fields);
        else changes.set(regId, { ...(pending ?? {}), ...fields });
        deps.audit.record({ action: A.updated, target: regId, result: 'Correcto', detail: M.updatedDetail(resp.responseId) });
        result.updated++;
        continue;
      }
      if (!openness.open || !f) {
        review.push({ tipo: R.kindClosed, referencia: resp.responseId, detalle: R.closed(resp.responseId, f?.name ?? '', openness.open ? 'unknown' : openness.reason) });
        deps.audit.record({ action: A.forReview, target: resp.responseId, result: 'Por revisar', detail: M.closedDetail(f?.name ?? '') });
        const o = sendOnce(journal, 'cerrada', resp.responseId, {
          to: p.email,
          ...registrationClosedEmail({ fullName: p.fullName, moduleName: f?.name ?? 'Aprende a Emprender' }),
        });
        journalDone.push(['cerrada', resp.responseId]);
        if (o.status !== 'enviado') deps.audit.record({ action: A.mailFailed, target: resp.responseId, result: 'Error', detail: o.message });
        result.forReview++;
        continue;
      }

      // A new registration (or a new round after withdrawing): confirmed or waiting.
      const round = roundKey(regId, resp.submittedAt);
      const placed = toldBefore(props, round) ?? placeNew(rowsOf(p.moduleId), f.capacity);
      const rowFields: Partial<Record<RegistrationKey, FieldValue>> = {
        ...personFields(p),
        id: regId,
        moduleId: p.moduleId,
        responseId: [...responseIds(existing?.record.responseId), resp.responseId].join(' '),
        registeredAt: resp.submittedAt,
        status: placed,
        reviewReason: '',
        confirmation: '',
        waitlistNotice: '',
        promotedAt: '',
        promotionNotice: '',
        withdrawnAt: '',
        updatedAt: now,
      };
      const input = mailInput(w, m, f, regId, p.fullName, now);
      if (placed === CONFIRMED) {
        const o = sendOnce(journal, 'inscripcion', round, { to: p.email, ...registrationConfirmedEmail(input) });
        rowFields.confirmation = deliveryColumn(o);
        journalDone.push(['inscripcion', round]);
        result.confirmed++;
      } else {
        const position = (waitingPosition([...rowsOf(p.moduleId), { id: regId, status: WAITING, registeredAt: resp.submittedAt, order: 2e9 }], regId) ?? 1);
        const o = sendOnce(journal, 'espera', round, { to: p.email, ...registrationWaitingEmail({ ...input, position }) });
        rowFields.waitlistNotice = deliveryColumn(o);
        journalDone.push(['espera', round]);
        result.waiting++;
        // Told "waiting" by an execution that stopped before writing the row, and a place freed
        // since (the annulment found no row to promote): promoted now, as releasePlace would.
        if (placeNew(rowsOf(p.moduleId), f.capacity) === CONFIRMED && mayPromote(f, now)) {
          const c = sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, 'cupo', round, { to: p.email, ...registrationPromotedEmail(input) });
          Object.assign(rowFields, { status: CONFIRMED, promotedAt: now, promotionNotice: deliveryColumn(c) });
          journalDone.push(['cupo', round]);
          result.promoted++;
          deps.audit.record({ action: A.promoted, target: regId, result: 'Correcto', detail: M.promotedDetail(f.name, c.status === 'enviado') });
        }
      }
      if (existing) changes.set(regId, rowFields);
      else appended.push(rowFields);
      deps.audit.record({
        action: placed === CONFIRMED ? A.confirmed : A.waiting,
        target: regId,
        result: 'Correcto',
        detail: M.placedDetail(f.name, resp.responseId, rowFields.confirmation === 'enviado' || rowFields.waitlistNotice === 'enviado'),
      });
    }

    retryNotices(deps, w, m, changes, journalDone, now, journal);
    if (appended.length) table.append(appended);
    // Each changed row in ONE write ('row'): its response ID goes with its data and state, so a
    // crash between two writes leaves a row as it was (its response is handled again) or whole —
    // never "response recorded" with the person's new data or state missing.
    if (changes.size) table.update([...changes].map(([id, fields]): RowChange<RegistrationKey> => ({ id, fields })), { mode: 'row' });
    if (review.length) recordReview(reviewTable, review, now);
    // The rows now say what was sent: the journal's entries are no longer needed.
    // The journal's entries stay until the sweep prunes them (the rows now say what was sent).
    void journalDone;
    done([...settled, ...ordered.map((r) => r.responseId)]);
    if (options.prune) pruneJournal(deps, props, readWorld(book, true), new Set(reviewTable.exists() ? reviewTable.read({ fresh: true }).rows.map((r) => text(r.record.reference)) : []));
    if (options.sweep) deps.properties.setAll({ [REGISTRATION_PROPERTY_KEYS.sweptAt]: now.toISOString() });
    return result;
  });
}

/**
 * Emails that did not go out earlier (refused before sending: the quota, a passing fault) are
 * tried again, a few per execution; an ambiguous one ('enviando') is never resent.
 */
function retryNotices(
  deps: RegistrationDeps,
  w: World,
  m: Mailing,
  changes: Map<string, Partial<Record<RegistrationKey, FieldValue>>>,
  journalDone: [RegistrationMailKind, string][],
  now: Date,
  journal: DeliveryDeps,
): void {
  let budget = RETRIES_PER_EXECUTION;
  for (const row of w.registrations.rows) {
    if (budget <= 0) return;
    if (!row.id || changes.has(row.id)) continue;
    const status = text(row.record.status);
    const promoted = dateOf(row.record.promotedAt) !== null;
    const kind: RegistrationMailKind | null =
      status === CONFIRMED && promoted && text(row.record.promotionNotice) === 'error'
        ? 'cupo'
        : status === CONFIRMED && !promoted && text(row.record.confirmation) === 'error'
          ? 'inscripcion'
          : status === WAITING && text(row.record.waitlistNotice) === 'error'
            ? 'espera'
            : null;
    const f = kind ? moduleFacts(w, text(row.record.moduleId)) : null;
    const email = text(row.record.email);
    if (!kind || !f || !email || !mayPromote(f, now)) continue;
    budget--;
    const input = mailInput(w, m, f, row.id, text(row.record.fullName), now);
    const round = roundKey(row.id, dateOf(row.record.registeredAt));
    const mail =
      kind === 'cupo'
        ? registrationPromotedEmail(input)
        : kind === 'inscripcion'
          ? registrationConfirmedEmail(input)
          : registrationWaitingEmail({ ...input, position: waitingPosition(placeFacts(w.registrationsOf.get(f.id) ?? []), row.id) ?? 1 });
    const o = sendOnce(journal, kind, round, { to: email, ...mail });
    journalDone.push([kind, round]);
    const column: RegistrationKey = kind === 'cupo' ? 'promotionNotice' : kind === 'inscripcion' ? 'confirmation' : 'waitlistNotice';
    changes.set(row.id, { [column]: deliveryColumn(o), updatedAt: now });
    if (o.status === 'enviado') deps.audit.record({ action: A.retried, target: row.id, result: 'Correcto', detail: M.retriedDetail(f.name) });
  }
}

function personFields(p: Registrant): Partial<Record<RegistrationKey, FieldValue>> {
  return {
    documentType: p.documentType,
    dni: p.documentNumber,
    fullName: cell(p.fullName),
    email: p.email,
    phone: p.phone,
    region: p.region,
    businessStage: p.businessStage,
    sector: p.sector,
    questions: cell(p.questions),
    presentsProject: p.presentsProject,
    consent: p.consent,
    noticeVersion: p.noticeVersion,
    acceptsNews: p.acceptsNews,
  };
}

// ---------------------------------------------------------------------------- freeing places

export interface PlaceChange {
  ok: boolean;
  message: string;
  promoted: number;
}

/**
 * Takes a registration out (withdrawn by the person's link, or annulled by a consultant with a
 * reason) and promotes the first waiting people into the places that freed up, each told once.
 * Takes the lock.
 */
export function releasePlace(
  deps: PlaceDeps,
  regId: string,
  how: { state: typeof WITHDRAWN | typeof ANNULLED; reason: string; by: string },
): PlaceChange {
  const book = deps.workbooks.current();
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const w = readWorld(book, true);
    const row = w.registrations.byId.get(regId);
    if (!row) return { ok: false, message: M.unknownRegistration, promoted: 0 };
    const status = text(row.record.status);
    if (!isActive(status)) return { ok: false, message: status === WITHDRAWN ? M.alreadyWithdrawn : M.notActive(status), promoted: 0 };
    const moduleId = text(row.record.moduleId);
    const fields: Partial<Record<RegistrationKey, FieldValue>> = { status: how.state, withdrawnAt: now, updatedAt: now };
    if (how.state === ANNULLED) fields.reviewReason = cell(cleanText(how.reason, 300));
    const changes = new Map<string, Partial<Record<RegistrationKey, FieldValue>>>([[regId, fields]]);
    deps.audit.record({
      action: how.state === WITHDRAWN ? A.withdrawn : A.annulled,
      target: regId,
      result: 'Correcto',
      detail: `${status} → ${how.state}. ${how.by}${how.reason ? `: ${cleanText(how.reason, 300)}` : ''}`,
    });
    const promoted = promoteInto(deps, w, moduleId, changes, now);
    // The promoted rows first, each in one write; the released row last. A crash in between
    // leaves the registration active, so the retry runs again and finds the place already given
    // (nobody promoted twice); the other order lost the promotion: the retry found nothing to do.
    const table = book.table(REGISTRATIONS_TAB);
    const released = changes.get(regId)!;
    changes.delete(regId);
    if (changes.size) table.update([...changes].map(([id, f]) => ({ id, fields: f })), { mode: 'row' });
    for (const key of promoted.journal) clearJournal(deps.properties, 'cupo', [key]);
    table.update([{ id: regId, fields: released }], { mode: 'row' });
    return { ok: true, message: how.state === WITHDRAWN ? M.withdrawnDone : M.annulledDone(promoted.count), promoted: promoted.count };
  });
}

/**
 * Promotes the first waiting registrations of the module into its free places (when the module
 * has not started its last session), writing into `changes`. Sends each promotion email once.
 */
function promoteInto(
  deps: PlaceDeps,
  w: World,
  moduleId: string,
  changes: Map<string, Partial<Record<RegistrationKey, FieldValue>>>,
  now: Date,
  book?: Workbook,
): { count: number; journal: string[] } {
  const f = moduleFacts(w, moduleId);
  if (!f || !mayPromote(f, now) || f.status === 'Cancelado') return { count: 0, journal: [] };
  const rows = placeFacts(w.registrationsOf.get(moduleId) ?? []).map((p) => ({ ...p, status: text(changes.get(p.id)?.status ?? p.status) }));
  const m = mailing(deps, w, book);
  const journal: string[] = [];
  let count = 0;
  for (const p of toPromote(rows, f.capacity)) {
    const row = w.registrations.byId.get(p.id)!;
    const round = roundKey(p.id, p.registeredAt);
    const email = text(row.record.email);
    const o = email
      ? sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, 'cupo', round, {
          to: email,
          ...registrationPromotedEmail(mailInput(w, m, f, p.id, text(row.record.fullName), now)),
        })
      : ({ status: 'error', message: M.noEmail } as DeliveryOutcome);
    journal.push(round);
    changes.set(p.id, { ...(changes.get(p.id) ?? {}), status: CONFIRMED, promotedAt: now, promotionNotice: deliveryColumn(o), updatedAt: now });
    deps.audit.record({ action: A.promoted, target: p.id, result: 'Correcto', detail: M.promotedDetail(f.name, o.status === 'enviado') });
    if (o.status !== 'enviado') deps.audit.record({ action: A.mailFailed, target: p.id, result: 'Error', detail: o.message });
    count++;
  }
  return { count, journal };
}

/**
 * Fills the module's free places from its waiting list (after a registration was deleted under
 * Ley 29733, or a capacity raised). `book` is the Talleres spreadsheet (the current one by
 * default; a deletion run from "Atenciones" passes the sibling). Takes this script's lock.
 */
export function promoteWaiting(deps: PlaceDeps, moduleId: string, book: Workbook = deps.workbooks.current()): number {
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    if (!book.table(REGISTRATIONS_TAB).exists()) return 0;
    const w = readWorld(book, true);
    const changes = new Map<string, Partial<Record<RegistrationKey, FieldValue>>>();
    const promoted = promoteInto(deps, w, moduleId, changes, now, book);
    // Each promoted row in one write: its state and its notice together.
    if (changes.size) book.table(REGISTRATIONS_TAB).update([...changes].map(([id, f]) => ({ id, fields: f })), { mode: 'row' });
    for (const key of promoted.journal) clearJournal(deps.properties, 'cupo', [key]);
    return promoted.count;
  });
}

// ---------------------------------------------------------------------------- for the web app and the panel

export interface RegistrationSummary {
  id: string;
  moduleId: string;
  moduleName: string;
  status: string;
  /** The module's sessions, as the person was told. */
  dates: string;
  /** False when the module's last session has started: nothing to withdraw from. */
  moduleAhead: boolean;
}

/** One registration as the withdrawal page needs it (no personal data beyond the module). */
export function registrationSummary(deps: Pick<RegistrationDeps, 'workbooks' | 'clock'>, regId: string): RegistrationSummary | null {
  const w = readWorld(deps.workbooks.current(), false);
  const row = w.registrations.byId.get(regId);
  if (!row) return null;
  const moduleId = text(row.record.moduleId);
  const f = moduleFacts(w, moduleId);
  const lines = sessionLines(w, moduleId);
  return {
    id: regId,
    moduleId,
    moduleName: f?.name ?? '',
    status: text(row.record.status),
    dates: lines.length ? `${formatLimaDateTime(lines[0]!.start)}${lines.length > 1 ? ` (${lines.length} sesiones)` : ''}` : '',
    moduleAhead: f !== null && mayPromote(f, deps.clock.now()),
  };
}

// ---------------------------------------------------------------------------- a later sweep

/** Document property: the sweep's trigger and when it is due (JSON { triggerId, dueAt }). */
export const SWEEP_PROPERTY = 'SOE_JOB_runRegistrationSweep';

/**
 * Under the lock, with the properties just read: one sweep scheduled while a burst goes on. The
 * record in the properties answers "is one due?" without listing the triggers.
 */
function ensureSweep(deps: RegistrationDeps, props: Record<string, string>, now: Date): void {
  if (!deps.scheduler) return;
  let due = 0;
  try {
    due = Number((JSON.parse(props[SWEEP_PROPERTY] ?? '{}') as { dueAt?: number }).dueAt ?? 0);
  } catch {
    due = 0;
  }
  if (due > now.getTime()) return;
  const t = deps.scheduler.after(REGISTRATION_SWEEP_HANDLER, SWEEP_DELAY_MS);
  const record = JSON.stringify({ triggerId: t.id, dueAt: now.getTime() + SWEEP_DELAY_MS });
  deps.properties.setAll({ [SWEEP_PROPERTY]: record });
  props[SWEEP_PROPERTY] = record;
}

/**
 * The journal's entries of registration emails the sheets now account for (the row's column, or
 * the response's 'Revisión' item, says what was sent): removed by the sweep, not by each
 * submission (one property call less each). An entry whose email is in doubt ('enviando') stays.
 */
function pruneJournal(deps: RegistrationDeps, props: Readonly<Record<string, string>>, w: World, reviewRefs: ReadonlySet<string>): number {
  const column: Record<string, RegistrationKey> = { inscripcion: 'confirmation', espera: 'waitlistNotice', cupo: 'promotionNotice' };
  let pruned = 0;
  for (const [key, value] of Object.entries(props)) {
    if (!key.startsWith(JOURNAL_PREFIX) || !value.startsWith('enviado|')) continue;
    const [kind, rowKey] = [key.slice(JOURNAL_PREFIX.length, key.indexOf(':', JOURNAL_PREFIX.length)), key.slice(key.indexOf(':', JOURNAL_PREFIX.length) + 1)];
    const regId = rowKey.split(':')[0] ?? '';
    const accounted =
      kind === 'correccion' || kind === 'cerrada'
        ? reviewRefs.has(rowKey)
        : kind in column && text(w.registrations.byId.get(regId)?.record[column[kind]!]) === 'enviado';
    if (!accounted) continue;
    deps.properties.delete(key);
    pruned++;
  }
  return pruned;
}

/**
 * Makes sure one sweep is scheduled. Called by every submission, WITHOUT the lock (the lock may
 * be what it could not get), so it only adds a trigger when none of this handler is there; two
 * racing executions may leave two, which is harmless (each sweep is idempotent) and the sweep
 * removes them all. One trigger however many modules (Apps Script's 20 per user per script).
 */
export function scheduleSweep(deps: { scheduler: Scheduler; properties: KeyValueStore; clock: Clock }): boolean {
  if (deps.scheduler.list().some((t) => t.handler === REGISTRATION_SWEEP_HANDLER)) return false;
  const t = deps.scheduler.after(REGISTRATION_SWEEP_HANDLER, SWEEP_DELAY_MS);
  deps.properties.setAll({ [SWEEP_PROPERTY]: JSON.stringify({ triggerId: t.id, dueAt: deps.clock.now().getTime() + SWEEP_DELAY_MS }) });
  return true;
}

/**
 * The sweep's run: its own triggers removed (it is one-off), then every response not accounted
 * for handled, and the form's module choices put in step (a module that started leaves them).
 */
export function runSweep(deps: RegistrationDeps & { scheduler: Scheduler }): RegistrationResult {
  for (const t of deps.scheduler.list()) if (t.handler === REGISTRATION_SWEEP_HANDLER) deps.scheduler.remove(t.id);
  deps.properties.delete(SWEEP_PROPERTY);
  const r = handleRegistrations({ ...deps, scheduler: undefined }, [], { sweep: true, prune: true });
  syncRegistrationChoices(deps);
  // A schedule change some registrants could not be told yet (the quota): tried again.
  for (const key of Object.keys(deps.properties.getAll())) if (key.startsWith('SOE_REG_SCHEDULE:')) tellScheduleChange(deps, key.slice('SOE_REG_SCHEDULE:'.length));
  return r;
}

// ---------------------------------------------------------------------------- a change of the sessions (B02)

/** Document property: the module's sessions as its registrants were last told (JSON). */
export function toldScheduleKey(moduleId: string): string {
  return `SOE_REG_SCHEDULE:${moduleId}`;
}

interface ToldSession {
  id: string;
  number: number;
  topic: string;
  start: number;
  end: number;
  cancelled: boolean;
}

function scheduleOf(w: World, moduleId: string): ToldSession[] {
  return w.sessions.rows
    .filter((r) => r.id && text(r.record.moduleId) === moduleId && dateOf(r.record.start) && dateOf(r.record.end))
    .map((r) => ({
      id: r.id,
      number: int(r.record.number),
      topic: text(r.record.topic),
      start: dateOf(r.record.start)!.getTime(),
      end: dateOf(r.record.end)!.getTime(),
      cancelled: text(r.record.status) === 'Cancelada',
    }))
    .sort((a, b) => a.number - b.number);
}

function parseTold(raw: string | undefined): ToldSession[] | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as ToldSession[];
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * Sessions that moved or were cancelled since the registrants were told (new ones are not news to
 * them). A session whose access links went out (`toldByAccessLinks`, issue 12) is left out when it
 * moved: the access-link job sends each person who got its link one 'Cambio de horario'
 * (app/workshops/access-links.ts), so nobody gets two emails for one move.
 */
function scheduleChanges(told: readonly ToldSession[], now: readonly ToldSession[], toldByAccessLinks: ReadonlySet<string> = new Set()): ScheduleChange[] {
  const out: ScheduleChange[] = [];
  for (const before of told) {
    if (before.cancelled) continue;
    const after = now.find((s) => s.id === before.id);
    if (!after || after.cancelled) out.push({ number: before.number, topic: before.topic, start: null, end: null });
    else if (toldByAccessLinks.has(after.id)) continue;
    else if (after.start !== before.start || after.end !== before.end) out.push({ number: after.number, topic: after.topic, start: new Date(after.start), end: new Date(after.end) });
  }
  return out;
}

export interface ScheduleTellResult {
  told: number;
  failed: number;
}

/**
 * After an edit of a module whose registration is open (B02): when a session moved or was
 * cancelled since its registrants were told, each registrant (confirmed or waiting) gets one
 * email with what changed and the schedule as it is now. Once each per change (the journal key
 * names the new schedule); the told schedule is updated when everyone was told, so a send the
 * quota refused is tried again by the next edit or sweep. Takes the lock.
 */
export function tellScheduleChange(deps: PlaceDeps, moduleId: string): ScheduleTellResult {
  const book = deps.workbooks.current();
  const result: ScheduleTellResult = { told: 0, failed: 0 };
  return deps.lock.withLock(() => {
    const props = deps.properties.getAll();
    const told = parseTold(props[toldScheduleKey(moduleId)]);
    if (!told) return result; // registration never opened: nobody was told anything
    const w = readWorld(book, true);
    const f0 = moduleFacts(w, moduleId);
    if (!f0 || !mayPromote(f0, deps.clock.now())) {
      // The module is over (or gone): nothing more to tell.
      deps.properties.delete(toldScheduleKey(moduleId));
      return result;
    }
    const current = scheduleOf(w, moduleId);
    // Issue 12: a moved session whose access links went out is corrected by the access-link job.
    const accessLinksSent = new Set(w.sessions.rows.filter((r) => r.id && text(r.record.accessLinks) !== '').map((r) => r.id));
    const changes = scheduleChanges(told, current, accessLinksSent);
    if (changes.length === 0) return result;
    const f = moduleFacts(w, moduleId);
    const version = sha256Hex(JSON.stringify(current)).slice(0, 12);
    const journal = { mailer: deps.mailer, journal: deps.properties, clock: deps.clock, snapshot: props };
    const sessions = sessionLines(w, moduleId);
    for (const row of w.registrationsOf.get(moduleId) ?? []) {
      if (!isActive(text(row.record.status))) continue;
      const email = text(row.record.email);
      if (!email) continue;
      const o = sendOnce(journal, 'horario', `${row.id}:${version}`, {
        to: email,
        ...scheduleChangedEmail({ fullName: text(row.record.fullName), moduleName: f?.name ?? '', changes, sessions }),
      });
      if (o.status === 'error') result.failed++;
      else result.told++;
    }
    deps.audit.record({ action: A.scheduleTold, target: moduleId, result: result.failed ? 'Error' : 'Correcto', detail: M.scheduleTold(result.told, result.failed) });
    if (result.failed === 0) {
      deps.properties.setAll({ [toldScheduleKey(moduleId)]: JSON.stringify(current) });
      // The told schedule now records that everyone was told this version, so nothing resends it:
      // its journal entries (one per registrant) have done their job. Left there they piled up in
      // the document properties with every change of every module (found by the issue-12 journey
      // scenario). Entries still 'enviando' (ambiguous sends) are kept as evidence; a crash before
      // this line only leaves entries behind, never a second email. Older versions' entries of
      // this module's registrants go too.
      const mine = new Set((w.registrationsOf.get(moduleId) ?? []).map((r) => r.id));
      const prefix = journalKey('horario', '');
      const done = Object.keys(props)
        .filter((k) => k.startsWith(prefix) && mine.has(k.slice(prefix.length).split(':')[0]!) && props[k]!.startsWith('enviado|'))
        .map((k) => k.slice(prefix.length));
      clearJournal(deps.properties, 'horario', done);
    }
    return result;
  });
}
