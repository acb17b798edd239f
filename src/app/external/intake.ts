/**
 * The intake of institutions' requests (C01): the public request form (made by setup), and every
 * response turned into a request of 'Solicitudes externas' — acknowledged once — or into an item
 * of 'Revisión' with its answers, the institution told what to fix (or that its request is already
 * in process) once.
 *
 * The frame is registration's (src/app/workshops/registration.ts), for many responses at once:
 *
 *   take the script lock → read 'Solicitudes externas' once → skip responses already accounted
 *   for (their ID on a row, or an item of 'Revisión') → validate (pure: domain/external/request.ts)
 *   → each email once (sendOnce) → one append and one update of the tab, one append of
 *   'Revisión' → audit → the journal entries the sheet now records cleared.
 *
 * Why the emails go before the writes, and why that is safe: a crash between a send and the write
 * leaves the response unaccounted for, so the next execution handles it again; the request's ID is
 * derived from what it asks (RUC, topic, dates: `externalRequestId`), so the retry finds the same
 * journal entry and sendOnce does not send it again.
 *
 * The form's responses are the durable queue: a submission that finds the sheet busy leaves a
 * pending marker (handled first by the next execution), and every burst schedules one sweep that
 * reads the form's responses and handles any not accounted for (an execution that died).
 *
 * Per response:
 * - valid and new → a row 'Recibida' (ID 'S-…'), the contact acknowledged ONCE ('acuse-solicitud',
 *   row = the request's ID; columns 'Acuse de recibo' / 'Acuse enviado');
 * - valid, the same institution + topic + dates as a request still 'Recibida' → that row updated
 *   (its data, the response's ID added), audited, no second acknowledgment;
 * - valid, the same as a request already further on → 'Revisión' and a polite email that it is
 *   already in process ('correccion-solicitud', row = the response's ID: one answer per response);
 * - invalid → 'Revisión' with the problems and the raw answers, and, when the address is valid, an
 *   email saying what to fix ('correccion-solicitud', row = the response's ID).
 */
import { limaDateKey } from '../../domain/lima-time';
import { safeUrl } from '../../domain/html';
import { externalRequestForm } from '../../domain/external/request-form';
import {
  externalRequestId,
  preferredDateValue,
  rawAnswersText,
  readExternalRequest,
  requestDedupeKey,
  type ExternalRequest,
} from '../../domain/external/request';
import { acceptsUpdate, requestState } from '../../domain/external/states';
import {
  EXTERNAL_INTAKE_AUDIT as A,
  EXTERNAL_INTAKE_MESSAGES as M,
  EXTERNAL_INTAKE_REVIEW as R,
  requestAckEmail,
  requestFixEmail,
  requestInProcessEmail,
  type RequestSummary,
} from '../../domain/messages/external-intake';
import { EXTERNAL_REQUESTS_TAB, REVIEW_TAB, type ExternalRequestKey } from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import type { AuditLog, Clock, FormAdmin, FormAnswers, KeyValueStore, Lock, Mailer, RowChange, Scheduler, Workbooks } from '../../ports';
import { clearJournal, JOURNAL_PREFIX, journalKey, sendOnce, type DeliveryDeps, type DeliveryOutcome } from '../delivery';
import { ensureFormTrigger, ensureProductForm } from '../product-form';
import { recordReview, type ReviewItem } from '../review';
import { signingSecret } from '../signing';
import { loadBookSettings } from '../team';
import { dateOf, text } from '../workshops/cells';

export const EXTERNAL_SUBMIT_HANDLER = 'onExternalRequestSubmit';
/** The one-off sweep each burst makes sure is scheduled (the safety net of lost submissions). */
export const EXTERNAL_SWEEP_HANDLER = 'runExternalRequestSweep';
export const EXTERNAL_SWEEP_DELAY_MS = 5 * 60_000;

export const EXTERNAL_PROPERTY_KEYS = {
  formId: 'SOE_EXTERNAL_REQUEST_FORM_ID',
  /** When the last sweep read the responses (ISO). */
  sweptAt: 'SOE_EXTERNAL_REQUEST_SWEPT_AT',
} as const;
/** Document property: the sweep's trigger and when it is due (JSON { triggerId, dueAt }). */
export const EXTERNAL_SWEEP_PROPERTY = 'SOE_JOB_runExternalRequestSweep';
/** Document property marking a response whose handling waits (see `markExternalPending`). */
export const EXTERNAL_PENDING_PREFIX = 'SOE_EXT_PENDING:';

/** A sweep reads responses from this long before the previous one. */
const SWEEP_MARGIN_MS = 2 * 86_400_000;
/** At most this many acknowledgments that did not go out earlier retried per execution. */
const RETRIES_PER_EXECUTION = 20;

export interface IntakeDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  mailer: Mailer;
  audit: AuditLog;
  forms: FormAdmin;
  /** Where the sweep is scheduled; absent in unit tests. */
  scheduler?: Scheduler;
}

export interface IntakeResult {
  received: number;
  updated: number;
  repeated: number;
  forReview: number;
  unchanged: number;
}

const emptyResult = (): IntakeResult => ({ received: 0, updated: 0, repeated: 0, forReview: 0, unchanged: 0 });

/**
 * An institution's text as written to a cell: as typed. The Table adapter (src/gas/sheet-table.ts)
 * keeps any string from becoming a formula ('@' text columns take it as is; other columns get the
 * apostrophe Sheets swallows), so adding one here would show it in the '@' columns.
 */
const cell = (s: string): string => s;

function responseIds(v: unknown): string[] {
  return text(v).split(/\s+/).filter(Boolean);
}

function deliveryColumn(o: DeliveryOutcome): string {
  return o.status === 'enviado' ? 'enviado' : o.status === 'ambiguo' ? 'enviando' : 'error';
}

// ---------------------------------------------------------------------------- the form (setup)

export interface ExternalFormState {
  formId: string;
  url: string;
}

/** Makes sure the request form exists and is whole, published, open to anyone, its responses sent here. */
export function ensureExternalRequestForm(
  deps: { forms: FormAdmin; properties: KeyValueStore },
  spreadsheetId: string,
  known: string,
  change: (action: string, target: string, sentence: string) => void,
): ExternalFormState {
  const form = ensureProductForm(
    deps,
    { definition: externalRequestForm(), propertyKey: EXTERNAL_PROPERTY_KEYS.formId, auditCreated: A.formCreated, auditRepaired: A.formRepaired },
    spreadsheetId,
    known,
    change,
  );
  return { formId: form.formId, url: form.url };
}

/** Exactly one form-submit trigger of `onExternalRequestSubmit`, on the request form. */
export function ensureExternalRequestTrigger(scheduler: Scheduler, formId: string, change: (action: string, target: string, sentence: string) => void): void {
  if (ensureFormTrigger(scheduler, EXTERNAL_SUBMIT_HANDLER, formId)) change(A.triggerInstalled, EXTERNAL_SUBMIT_HANDLER, M.triggerInstalled);
}

// ---------------------------------------------------------------------------- responses

/** Written by a submit execution that found the sheet busy (one property, without the lock). */
export function markExternalPending(properties: KeyValueStore, r: FormAnswers): void {
  properties.setAll({ [EXTERNAL_PENDING_PREFIX + r.responseId]: r.submittedAt.toISOString() });
}

function sweepSince(props: Readonly<Record<string, string>>): Date | undefined {
  const swept = new Date(props[EXTERNAL_PROPERTY_KEYS.sweptAt] ?? '');
  return isNaN(swept.getTime()) ? undefined : new Date(swept.getTime() - SWEEP_MARGIN_MS);
}

function requestFields(r: ExternalRequest): Partial<Record<ExternalRequestKey, FieldValue>> {
  return {
    institution: cell(r.institution),
    ruc: r.ruc,
    institutionType: r.institutionType,
    region: r.region,
    district: cell(r.district),
    contactName: cell(r.contactName),
    contactRole: cell(r.contactRole),
    contactEmail: r.contactEmail,
    contactPhone: r.contactPhone,
    topic: cell(r.topic),
    option1Date: preferredDateValue(r.option1Date),
    option1Time: r.option1Time,
    option2Date: preferredDateValue(r.option2Date),
    option2Time: r.option2Time,
    expected: r.expected,
    modality: r.modality,
    notes: cell(r.notes),
  };
}

function summaryOf(id: string, r: ExternalRequest): RequestSummary {
  return {
    requestId: id,
    institution: r.institution,
    contactName: r.contactName,
    topic: r.topic,
    option1Date: r.option1Date,
    option1Time: r.option1Time,
    option2Date: r.option2Date,
    option2Time: r.option2Time,
    expected: r.expected,
    modality: r.modality,
  };
}

/** Summary of a row (an acknowledgment retried later). */
function summaryOfRow(row: TableRow<ExternalRequestKey>): RequestSummary {
  const key = (v: unknown): string => {
    const d = dateOf(v);
    return d ? limaDateKey(d) : text(v);
  };
  return {
    requestId: row.id,
    institution: text(row.record.institution),
    contactName: text(row.record.contactName),
    topic: text(row.record.topic),
    option1Date: key(row.record.option1Date),
    option1Time: text(row.record.option1Time),
    option2Date: key(row.record.option2Date),
    option2Time: text(row.record.option2Time),
    expected: Number(row.record.expected) || 0,
    modality: text(row.record.modality),
  };
}

/**
 * Handles responses of the request form: the `given` ones, those other executions left pending,
 * and — with `sweep` — any response of the form not yet accounted for. Takes the lock.
 */
export function handleExternalRequests(deps: IntakeDeps, given: readonly FormAnswers[], options: { sweep?: boolean } = {}): IntakeResult {
  const result = emptyResult();
  const book = deps.workbooks.current();
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    // Every document property this run needs, read once under the lock (this execution is then
    // the only writer of the journal keys it touches).
    const props = deps.properties.getAll();
    const formId = props[EXTERNAL_PROPERTY_KEYS.formId] ?? '';
    const journal: DeliveryDeps = { mailer: deps.mailer, journal: deps.properties, clock: deps.clock, snapshot: props };
    const table = book.table(EXTERNAL_REQUESTS_TAB);
    const reviewTable = book.table(REVIEW_TAB);
    const snapshot = table.read({ fresh: true });
    const known = new Set<string>();
    for (const r of snapshot.rows) for (const id of responseIds(r.record.responseId)) known.add(id);
    let reviewRefs: Set<string> | null = null;
    const inReview = (responseId: string): boolean => {
      reviewRefs ??= new Set(reviewTable.exists() ? reviewTable.read().rows.map((r) => text(r.record.reference)) : []);
      return reviewRefs.has(responseId);
    };

    // What to handle, in the order institutions sent it.
    const pendingIds = Object.keys(props).filter((k) => k.startsWith(EXTERNAL_PENDING_PREFIX)).map((k) => k.slice(EXTERNAL_PENDING_PREFIX.length));
    const queue = new Map<string, FormAnswers>();
    if (options.sweep && formId) for (const r of deps.forms.responses(formId, sweepSince(props), known)) queue.set(r.responseId, r);
    for (const r of given) if (!queue.has(r.responseId)) queue.set(r.responseId, r);
    for (const id of pendingIds) {
      if (queue.has(id) || known.has(id) || !formId) continue;
      const r = deps.forms.response(formId, id);
      if (r) queue.set(id, r);
    }
    const settled = pendingIds.filter((id) => known.has(id) || !queue.has(id));
    const ordered = [...queue.values()]
      .filter((r) => {
        if (known.has(r.responseId)) {
          settled.push(r.responseId);
          return false;
        }
        return true;
      })
      .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    result.unchanged = given.filter((r) => known.has(r.responseId)).length;
    const done = (ids: readonly string[]) => {
      for (const id of new Set(ids)) if (props[EXTERNAL_PENDING_PREFIX + id] !== undefined) deps.properties.delete(EXTERNAL_PENDING_PREFIX + id);
    };

    const appended: Partial<Record<ExternalRequestKey, FieldValue>>[] = [];
    const changes = new Map<string, Partial<Record<ExternalRequestKey, FieldValue>>>();
    const review: ReviewItem[] = [];

    if (ordered.length > 0) {
      const secret = signingSecret(deps.properties, props);
      ensureSweep(deps, props, now);
      let formUrl: string | null | undefined;
      const fixUrl = (): string | null => (formUrl ??= safeUrl(loadBookSettings(book, deps.properties).settings.externalRequestFormUrl, ['https:']) ?? null);

      for (const resp of ordered) {
        if (inReview(resp.responseId)) {
          // Handled before: it is in 'Revisión' (and its answer was sent then).
          settled.push(resp.responseId);
          if (given.some((g) => g.responseId === resp.responseId)) result.unchanged++;
          continue;
        }
        const read = readExternalRequest(resp.answers, resp.submittedAt);
        const raw = rawAnswersText(resp.answers);
        if (!read.ok) {
          const problems = read.problems.map((p) => p.message);
          let told: 'sent' | 'noAddress' | 'notSent' = 'noAddress';
          if (read.email) {
            const o = sendOnce(journal, 'correccion-solicitud', resp.responseId, {
              to: read.email,
              ...requestFixEmail({ contactName: read.contactName, institution: read.institution, problems, formUrl: fixUrl() }),
            });
            told = o.status === 'enviado' ? 'sent' : 'notSent';
            if (o.status !== 'enviado') deps.audit.record({ action: A.mailFailed, target: resp.responseId, result: 'Error', detail: o.message });
          }
          review.push({ tipo: R.kindInvalid, referencia: resp.responseId, detalle: R.invalid(resp.responseId, problems, told, raw) });
          deps.audit.record({ action: A.forReview, target: resp.responseId, result: 'Por revisar', detail: problems.join(' ') });
          result.forReview++;
          continue;
        }
        const req = read.request;
        const id = externalRequestId(secret, requestDedupeKey(req));
        const existing = snapshot.byId.get(id);
        const inRun = appended.find((a) => a.id === id);
        const pending = changes.get(id);
        const stateText = text(inRun?.state ?? pending?.state ?? existing?.record.state ?? '');

        if (!existing && !inRun) {
          // A new request: acknowledged once, then its row.
          const o = sendOnce(journal, 'acuse-solicitud', id, { to: req.contactEmail, ...requestAckEmail(summaryOf(id, req)) });
          appended.push({
            ...requestFields(req),
            id,
            responseId: resp.responseId,
            receivedAt: resp.submittedAt,
            state: 'Recibida',
            ack: deliveryColumn(o),
            ackAt: o.status === 'enviado' ? o.at : '',
            note: `Aviso de privacidad ${req.noticeVersion} aceptado.`,
            updatedAt: now,
          });
          if (o.status !== 'enviado') deps.audit.record({ action: A.mailFailed, target: id, result: 'Error', detail: o.message });
          deps.audit.record({ action: A.received, target: id, result: 'Correcto', detail: M.receivedDetail(resp.responseId, o.status === 'enviado') });
          result.received++;
          continue;
        }
        if (acceptsUpdate(requestState(stateText))) {
          // The same institution, topic and dates while still 'Recibida': its data updated, no new email.
          const ids = [...responseIds(inRun?.responseId ?? pending?.responseId ?? existing?.record.responseId), resp.responseId].join(' ');
          const fields = { ...requestFields(req), responseId: ids, updatedAt: now };
          if (inRun) Object.assign(inRun, fields);
          else changes.set(id, { ...(pending ?? {}), ...fields });
          deps.audit.record({ action: A.updated, target: id, result: 'Correcto', detail: M.updatedDetail(resp.responseId) });
          result.updated++;
          continue;
        }
        // Already further on (sent for approval, decided, …): a person looks; the institution is told once.
        const o = sendOnce(journal, 'correccion-solicitud', resp.responseId, {
          to: req.contactEmail,
          ...requestInProcessEmail({ contactName: req.contactName, requestId: id, institution: req.institution, topic: req.topic, state: stateText }),
        });
        if (o.status !== 'enviado') deps.audit.record({ action: A.mailFailed, target: resp.responseId, result: 'Error', detail: o.message });
        review.push({ tipo: R.kindRepeated, referencia: resp.responseId, detalle: R.repeated(resp.responseId, id, stateText, raw) });
        deps.audit.record({ action: A.repeated, target: id, result: 'Por revisar', detail: M.repeatedDetail(resp.responseId, stateText) });
        result.repeated++;
      }
    }

    retryAcks(deps, snapshot.rows, changes, journal, now);
    if (appended.length) table.append(appended);
    // Each changed row in ONE write: its response IDs go with its data.
    if (changes.size) table.update([...changes].map(([id, fields]): RowChange<ExternalRequestKey> => ({ id, fields })), { mode: 'row' });
    if (review.length) recordReview(reviewTable, review, now);
    done([...settled, ...ordered.map((r) => r.responseId)]);
    // The sheet now records what was sent: those journal entries (and any an earlier crash left
    // after its writes) are no longer needed. An entry still 'enviando' stays as evidence.
    pruneJournal(deps, props, snapshot.rows, appended, changes, review);
    if (options.sweep) deps.properties.setAll({ [EXTERNAL_PROPERTY_KEYS.sweptAt]: now.toISOString() });
    return result;
  });
}

/** Acknowledgments refused before sending (the quota, a passing fault) tried again, a few per execution. */
function retryAcks(
  deps: IntakeDeps,
  rows: readonly TableRow<ExternalRequestKey>[],
  changes: Map<string, Partial<Record<ExternalRequestKey, FieldValue>>>,
  journal: DeliveryDeps,
  now: Date,
): void {
  let budget = RETRIES_PER_EXECUTION;
  for (const row of rows) {
    if (budget <= 0) return;
    if (!row.id || changes.has(row.id) || text(row.record.ack) !== 'error' || text(row.record.state) !== 'Recibida') continue;
    const email = text(row.record.contactEmail);
    if (!email) continue;
    budget--;
    const o = sendOnce(journal, 'acuse-solicitud', row.id, { to: email, ...requestAckEmail(summaryOfRow(row)) });
    changes.set(row.id, { ack: deliveryColumn(o), ackAt: o.status === 'enviado' ? o.at : '', updatedAt: now });
    if (o.status === 'enviado') deps.audit.record({ action: A.retried, target: row.id, result: 'Correcto', detail: M.retriedDetail });
  }
}

/**
 * Clears the intake's journal entries the sheet records: an acknowledgment whose row says
 * 'enviado', an answer to a response that is in 'Revisión'. Entries in doubt ('enviando') stay.
 */
function pruneJournal(
  deps: IntakeDeps,
  props: Readonly<Record<string, string>>,
  rows: readonly TableRow<ExternalRequestKey>[],
  appended: readonly Partial<Record<ExternalRequestKey, FieldValue>>[],
  changes: ReadonlyMap<string, Partial<Record<ExternalRequestKey, FieldValue>>>,
  review: readonly ReviewItem[],
): void {
  // `props` is the snapshot sendOnce kept current: this run's sends are in it.
  const ackSent = new Set<string>();
  for (const r of rows) if (text(changes.get(r.id)?.ack ?? r.record.ack) === 'enviado') ackSent.add(r.id);
  for (const a of appended) if (a.ack === 'enviado') ackSent.add(String(a.id));
  const reviewed = new Set(review.map((r) => r.referencia));
  const ackPrefix = journalKey('acuse-solicitud', '');
  const answerPrefix = journalKey('correccion-solicitud', '');
  const clearAcks: string[] = [];
  const clearAnswers: string[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (!key.startsWith(JOURNAL_PREFIX) || !value.startsWith('enviado|')) continue;
    if (key.startsWith(ackPrefix) && ackSent.has(key.slice(ackPrefix.length))) clearAcks.push(key.slice(ackPrefix.length));
    else if (key.startsWith(answerPrefix) && reviewed.has(key.slice(answerPrefix.length))) clearAnswers.push(key.slice(answerPrefix.length));
  }
  if (clearAcks.length) clearJournal(deps.properties, 'acuse-solicitud', clearAcks);
  if (clearAnswers.length) clearJournal(deps.properties, 'correccion-solicitud', clearAnswers);
}

// ---------------------------------------------------------------------------- the sweep

/** Under the lock: one sweep scheduled while a burst goes on. */
function ensureSweep(deps: IntakeDeps, props: Record<string, string>, now: Date): void {
  if (!deps.scheduler) return;
  let due = 0;
  try {
    due = Number((JSON.parse(props[EXTERNAL_SWEEP_PROPERTY] ?? '{}') as { dueAt?: number }).dueAt ?? 0);
  } catch {
    due = 0;
  }
  if (due > now.getTime()) return;
  const t = deps.scheduler.after(EXTERNAL_SWEEP_HANDLER, EXTERNAL_SWEEP_DELAY_MS);
  const record = JSON.stringify({ triggerId: t.id, dueAt: now.getTime() + EXTERNAL_SWEEP_DELAY_MS });
  deps.properties.setAll({ [EXTERNAL_SWEEP_PROPERTY]: record });
  props[EXTERNAL_SWEEP_PROPERTY] = record;
}

/**
 * Makes sure one sweep is scheduled, WITHOUT the lock (called when the lock was busy): adds a
 * trigger only when none of this handler is there.
 */
export function scheduleExternalSweep(deps: { scheduler: Scheduler; properties: KeyValueStore; clock: Clock }): boolean {
  if (deps.scheduler.list().some((t) => t.handler === EXTERNAL_SWEEP_HANDLER)) return false;
  const t = deps.scheduler.after(EXTERNAL_SWEEP_HANDLER, EXTERNAL_SWEEP_DELAY_MS);
  deps.properties.setAll({ [EXTERNAL_SWEEP_PROPERTY]: JSON.stringify({ triggerId: t.id, dueAt: deps.clock.now().getTime() + EXTERNAL_SWEEP_DELAY_MS }) });
  return true;
}

/** The sweep's run: its own triggers removed (it is one-off), then every response not accounted for handled. */
export function runExternalSweep(deps: IntakeDeps & { scheduler: Scheduler }): IntakeResult {
  for (const t of deps.scheduler.list()) if (t.handler === EXTERNAL_SWEEP_HANDLER) deps.scheduler.remove(t.id);
  deps.properties.delete(EXTERNAL_SWEEP_PROPERTY);
  return handleExternalRequests({ ...deps, scheduler: undefined }, [], { sweep: true });
}
