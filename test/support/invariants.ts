/**
 * Invariants over the emulated workspace, for the crash harness (crash-harness.ts) and scenario
 * tests. Each check returns violations, one readable sentence each, and [] when it holds.
 * They are generic on purpose: tab names, columns, subject prefixes and keys are parameters, so
 * the product's schema can change without touching this file (docs/reliability.md).
 */
import type { Workspace } from '../../emulator';
import type { SentMail } from '../../emulator/services/mail';

export type Violations = string[];

// ---------------------------------------------------------------------------- reading tabs

/** A tab of a spreadsheet. */
export interface TabRef {
  spreadsheetId: string;
  tab: string;
}

export interface TabRows {
  headers: string[];
  /** Non-blank data rows with their 1-based sheet row number. */
  rows: { row: number; record: Record<string, unknown> }[];
}

/** The tab as records keyed by header (row 1), blank rows left out; null when the tab is missing. */
export function readRows(ws: Workspace, ref: TabRef): TabRows | null {
  if (!ws.sheetNames(ref.spreadsheetId).includes(ref.tab)) return null;
  const [head = [], ...data] = ws.values(ref.spreadsheetId, ref.tab);
  const headers = head.map((h) => String(h));
  const rows: TabRows['rows'] = [];
  data.forEach((line, i) => {
    if (line.every((v) => v === '' || v === null || v === undefined)) return;
    const record: Record<string, unknown> = {};
    headers.forEach((h, j) => {
      if (h !== '' && !(h in record)) record[h] = line[j];
    });
    rows.push({ row: i + 2, record });
  });
  return { headers, rows };
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

function column(ws: Workspace, ref: TabRef, col: string): { rows: TabRows['rows'] } | string {
  const t = readRows(ws, ref);
  if (!t) return `tab "${ref.tab}" is missing`;
  if (!t.headers.includes(col)) return `tab "${ref.tab}" has no column "${col}"`;
  return t;
}

// ---------------------------------------------------------------------------- rows

export interface IdColumnRef extends TabRef {
  idColumn: string;
}

/** No ID appears in two rows of the tab's ID column (blank IDs are not counted). */
export function noDuplicateIds(ws: Workspace, ref: IdColumnRef): Violations {
  const t = column(ws, ref, ref.idColumn);
  if (typeof t === 'string') return [t];
  const seen = new Map<string, number[]>();
  for (const { row, record } of t.rows) {
    const id = text(record[ref.idColumn]);
    if (id === '') continue;
    seen.set(id, [...(seen.get(id) ?? []), row]);
  }
  return [...seen]
    .filter(([, rows]) => rows.length > 1)
    .map(([id, rows]) => `${ref.tab}: ${ref.idColumn} "${id}" is in ${rows.length} rows (${rows.join(', ')})`);
}

/** No row lost: every expected ID is present in the tab's ID column. */
export function noRowLost(ws: Workspace, ref: IdColumnRef & { expected: Iterable<string> }): Violations {
  const t = column(ws, ref, ref.idColumn);
  if (typeof t === 'string') return [t];
  const present = new Set(t.rows.map((r) => text(r.record[ref.idColumn])));
  const missing = [...new Set(ref.expected)].filter((id) => !present.has(id));
  if (missing.length === 0) return [];
  const shown = missing.slice(0, 10).map((id) => `"${id}"`).join(', ');
  return [`${ref.tab}: ${missing.length} row(s) lost (${ref.idColumn} ${shown}${missing.length > 10 ? ', …' : ''})`];
}

/** Every expected ID exactly once, and no ID twice. */
export function idsExactlyOnce(ws: Workspace, ref: IdColumnRef & { expected: Iterable<string> }): Violations {
  return [...noDuplicateIds(ws, ref), ...noRowLost(ws, ref)];
}

/** Every named tab exists. */
export function tabsPresent(ws: Workspace, spreadsheetId: string, tabs: readonly string[]): Violations {
  const names = ws.sheetNames(spreadsheetId);
  return tabs.filter((t) => !names.includes(t)).map((t) => `tab "${t}" is missing`);
}

/** Each expected header is in row 1 of the tab exactly once, and no header text is there twice. */
export function headersExactlyOnce(ws: Workspace, ref: TabRef, expected: readonly string[]): Violations {
  const t = readRows(ws, ref);
  if (!t) return [`tab "${ref.tab}" is missing`];
  const counts = new Map<string, number>();
  for (const h of t.headers.map((x) => x.trim()).filter((x) => x !== '')) counts.set(h, (counts.get(h) ?? 0) + 1);
  const out: Violations = [];
  for (const h of expected) if (!counts.has(h)) out.push(`${ref.tab}: header "${h}" is missing`);
  for (const [h, n] of counts) if (n > 1) out.push(`${ref.tab}: header "${h}" appears ${n} times`);
  return out;
}

// ---------------------------------------------------------------------------- triggers and jobs

/** Each handler has exactly one installable trigger in the project bound to `target`. */
export function triggersExactlyOnce(ws: Workspace, target: string, handlers: readonly string[]): Violations {
  const all = ws.triggers(target);
  const out: Violations = [];
  for (const h of handlers) {
    const n = all.filter((t) => t.handler === h).length;
    if (n !== 1) out.push(`trigger ${h}: ${n} installed, expected exactly 1`);
  }
  return out;
}

/** None of these handlers has a trigger (e.g. a role that must not run them). */
export function noTriggersFor(ws: Workspace, target: string, handlers: readonly string[]): Violations {
  const all = ws.triggers(target);
  return handlers
    .map((h) => [h, all.filter((t) => t.handler === h).length] as const)
    .filter(([, n]) => n > 0)
    .map(([h, n]) => `trigger ${h}: ${n} installed, expected none`);
}

/**
 * Every job finished: no trigger of a continuation handler is left, and no one-off trigger that
 * already fired is left behind (Apps Script keeps it, and it counts towards the 20-trigger limit).
 * `pending` may report the job store's unfinished jobs (0 when done).
 */
export function jobsFinished(
  ws: Workspace,
  target: string,
  opts: { continuationHandlers: readonly string[]; pending?: () => number },
): Violations {
  const out: Violations = [];
  for (const t of ws.triggers(target)) {
    if (opts.continuationHandlers.includes(t.handler)) out.push(`continuation trigger ${t.handler} left over`);
    else if (t.at !== undefined && t.nextRun === undefined) out.push(`one-off trigger ${t.handler} fired but was not deleted`);
  }
  const pending = opts.pending?.() ?? 0;
  if (pending > 0) out.push(`${pending} job(s) not finished`);
  return out;
}

// ---------------------------------------------------------------------------- calendar

export type CalendarEvent = ReturnType<Workspace['calendarEvents']>[number];

/** Which appointment (or session …) an event is for; undefined for events this check ignores. */
export type EventKeyOf = (event: CalendarEvent) => string | undefined;

/** Key from a private extended property (what `privateExtendedProperty=name=value` filters on). */
export function keyFromPrivateProperty(name: string): EventKeyOf {
  return (e) => {
    const priv = (e.extendedProperties as { private?: Record<string, string> } | undefined)?.private;
    const v = priv?.[name];
    return v === undefined || v === '' ? undefined : v;
  };
}

/** Key from the description, by the first capture group of `pattern` (e.g. /Código: (\S+)/). */
export function keyFromDescription(pattern: RegExp): EventKeyOf {
  return (e) => pattern.exec(String(e.description ?? ''))?.[1];
}

/**
 * Key from a deterministic event ID: `idOf(key)` is the product's derivation (a hash cannot be
 * read back, so the expected keys are hashed and looked up).
 */
export function keyFromEventId(keys: Iterable<string>, idOf: (key: string) => string): EventKeyOf {
  const byId = new Map<string, string>();
  for (const k of keys) byId.set(idOf(k), k);
  return (e) => byId.get(e.id);
}

export interface EventCheck {
  keyOf: EventKeyOf;
  /** Only this calendar (its ID is the owner's email); default: every calendar. */
  calendarId?: string;
  /** What a key names, for messages ('appointment'). */
  noun?: string;
}

function eventsByKey(ws: Workspace, check: EventCheck): Map<string, CalendarEvent[]> {
  const by = new Map<string, CalendarEvent[]>();
  for (const e of ws.calendarEvents()) {
    if (check.calendarId && e.calendarId !== check.calendarId) continue;
    const key = check.keyOf(e);
    if (key === undefined) continue;
    by.set(key, [...(by.get(key) ?? []), e]);
  }
  return by;
}

/** At most one (not cancelled) calendar event per key. */
export function atMostOneEventPerKey(ws: Workspace, check: EventCheck): Violations {
  const noun = check.noun ?? 'key';
  return [...eventsByKey(ws, check)]
    .filter(([, evs]) => evs.length > 1)
    .map(([k, evs]) => `${noun} "${k}" has ${evs.length} calendar events (${evs.map((e) => e.id).join(', ')})`);
}

/** Exactly one event for each expected key (none lost, none doubled); events of other keys are ignored. */
export function exactlyOneEventPerKey(ws: Workspace, check: EventCheck & { expected: Iterable<string> }): Violations {
  const noun = check.noun ?? 'key';
  const by = eventsByKey(ws, check);
  const out = atMostOneEventPerKey(ws, check);
  for (const k of new Set(check.expected)) if (!by.has(k)) out.push(`${noun} "${k}" has no calendar event`);
  return out;
}

// ---------------------------------------------------------------------------- email

/** A kind of email, told apart by the start of its subject ('Recordatorio de su cita'). */
export interface MailKind {
  kind: string;
  subjectPrefix: string;
}

/** One email the system owes: of this kind, to this address, about this row (when rows are told apart). */
export interface MailKey {
  kind: string;
  to: string;
  row?: string;
}

export interface MailScope {
  kinds: readonly MailKind[];
  /** Which row a message is about, when one person may get the same kind for two rows (e.g. a code in the body). */
  rowOf?: (mail: SentMail) => string | undefined;
  /** Only messages sent at or after this virtual time (epoch ms) count. */
  since?: number;
}

function kindOf(mail: SentMail, kinds: readonly MailKind[]): string | undefined {
  return kinds.find((k) => mail.subject.startsWith(k.subjectPrefix))?.kind;
}

function keyString(k: MailKey): string {
  return `${k.kind}|${k.to.trim().toLowerCase()}|${k.row ?? ''}`;
}

function describeKey(k: MailKey): string {
  return `"${k.kind}" email to ${k.to}${k.row ? ` (row ${k.row})` : ''}`;
}

/** Sent messages of the scope's kinds, grouped by (kind, recipient, row); one entry per recipient. */
export function sentByKey(ws: Workspace, scope: MailScope): Map<string, { key: MailKey; mails: SentMail[] }> {
  const by = new Map<string, { key: MailKey; mails: SentMail[] }>();
  for (const m of ws.outbox()) {
    if (scope.since !== undefined && m.at < scope.since) continue;
    const kind = kindOf(m, scope.kinds);
    if (!kind) continue;
    const row = scope.rowOf?.(m);
    for (const to of [...m.to, ...m.cc, ...m.bcc]) {
      const key: MailKey = { kind, to: to.toLowerCase(), ...(row === undefined ? {} : { row }) };
      const s = keyString(key);
      const entry = by.get(s) ?? { key, mails: [] };
      entry.mails.push(m);
      by.set(s, entry);
    }
  }
  return by;
}

export interface EmailsOnceOptions extends MailScope {
  /** Emails owed once recovered: each exactly once (unless also listed as ambiguous). */
  expected?: readonly MailKey[];
  /**
   * Sends the product left ambiguous (its row still 'enviando', listed for review): each at most
   * once, and never sent by a recovery execution (that would be a blind resend).
   */
  ambiguous?: readonly MailKey[];
  /** IDs of the executions that ran as recovery (CrashInfo.recovery). */
  recoveryExecutionIds?: Iterable<string>;
  /** A message of a listed kind that is neither expected nor ambiguous is a violation. Default: true when `expected` is given. */
  strict?: boolean;
}

/**
 * At most one email of each kind per person and row; exactly one once recovered, except the
 * sends recorded as ambiguous, which stay at most one and are never resent blindly.
 */
export function emailsOnce(ws: Workspace, opts: EmailsOnceOptions): Violations {
  const out: Violations = [];
  const sent = sentByKey(ws, opts);
  for (const { key, mails } of sent.values()) {
    if (mails.length > 1) out.push(`${describeKey(key)} sent ${mails.length} times`);
  }
  const ambiguous = new Set((opts.ambiguous ?? []).map(keyString));
  const recovery = new Set(opts.recoveryExecutionIds ?? []);
  for (const k of opts.ambiguous ?? []) {
    const resent = (sent.get(keyString(k))?.mails ?? []).filter((m) => recovery.has(m.executionId));
    if (resent.length) out.push(`${describeKey(k)} was ambiguous and recovery sent it again (blind resend)`);
  }
  for (const k of opts.expected ?? []) {
    if (ambiguous.has(keyString(k))) continue;
    if (!sent.has(keyString(k))) out.push(`${describeKey(k)} never sent (lost)`);
  }
  if (opts.strict ?? opts.expected !== undefined) {
    const owed = new Set([...(opts.expected ?? []).map(keyString), ...ambiguous]);
    for (const [s, { key }] of sent) if (!owed.has(s)) out.push(`${describeKey(key)} was not expected`);
  }
  return out;
}

/** The states of a delivery column ('Recordatorio', 'Encuesta' …): DESIGN.md "Side effects". */
export interface DeliveryStates {
  /** Nothing sent yet. */
  pending: readonly string[];
  /** Marked before the send; still there after a crash means "maybe sent": a person decides. */
  sending: string;
  /** Marked after the send. */
  sent: string;
  /** The send was refused before it happened (bad address, no quota): nothing went out. */
  error: readonly string[];
}

export const DEFAULT_DELIVERY_STATES: DeliveryStates = { pending: ['', 'pendiente'], sending: 'enviando', sent: 'enviado', error: ['error'] };

export interface DeliveryCheck extends IdColumnRef {
  statusColumn: string;
  recipientColumn: string;
  kind: MailKind;
  states?: DeliveryStates;
  /** Which row a message is about (see MailScope.rowOf); without it rows are told apart by recipient only. */
  rowOf?: (mail: SentMail) => string | undefined;
  since?: number;
  /** Only these rows (e.g. the day's appointments); default every row. */
  rows?: (record: Record<string, unknown>) => boolean;
  /** True when the row's ambiguous send is shown for review (see ambiguousInReview). */
  inReview?: (rowId: string) => boolean;
}

/**
 * What a row says about its email matches the outbox: pending → none sent; 'enviado' → exactly
 * one; 'enviando' → at most one, and shown for review; error → none sent (an error recorded
 * after the message left would let a retry send it twice).
 */
export function deliveryMatchesOutbox(ws: Workspace, check: DeliveryCheck): Violations {
  const states = check.states ?? DEFAULT_DELIVERY_STATES;
  const t = readRows(ws, check);
  if (!t) return [`tab "${check.tab}" is missing`];
  for (const col of [check.idColumn, check.statusColumn, check.recipientColumn]) {
    if (!t.headers.includes(col)) return [`tab "${check.tab}" has no column "${col}"`];
  }
  const sent = sentByKey(ws, { kinds: [check.kind], rowOf: check.rowOf, since: check.since });
  const out: Violations = [];
  for (const { record } of t.rows) {
    if (check.rows && !check.rows(record)) continue;
    const id = text(record[check.idColumn]);
    const to = text(record[check.recipientColumn]);
    if (id === '' || to === '') continue;
    const status = text(record[check.statusColumn]);
    const key: MailKey = { kind: check.kind.kind, to, ...(check.rowOf ? { row: id } : {}) };
    const n = sent.get(keyString(key))?.mails.length ?? 0;
    const where = `${check.tab} ${id} (${check.statusColumn} "${status}")`;
    if (states.pending.includes(status) && n > 0) out.push(`${where}: ${n} "${key.kind}" email(s) went out but the row does not record it`);
    else if (status === states.sent && n !== 1) out.push(`${where}: ${n} "${key.kind}" email(s) in the outbox, expected exactly 1`);
    else if (status === states.sending) {
      if (n > 1) out.push(`${where}: ${n} "${key.kind}" emails in the outbox, at most 1 allowed`);
      if (check.inReview && !check.inReview(id)) out.push(`${where}: ambiguous send not shown for review`);
    } else if (states.error.includes(status) && n > 0) out.push(`${where}: marked as error but the email went out (a retry would send it twice)`);
  }
  return out;
}

export interface ReviewRef extends TabRef {
  /** Column holding what the review is about (the row's ID appears in it). */
  referenceColumn: string;
  /** Column with the review's state, and the states that mean "still to look at". */
  statusColumn?: string;
  openStates?: readonly string[];
  /** Only review rows of this kind (column and value), e.g. Tipo = "Envío sin confirmar". */
  kindColumn?: string;
  kindValue?: string;
}

/** The row IDs listed in the review tab (open entries only when statusColumn is given), with counts. */
export function reviewedReferences(ws: Workspace, review: ReviewRef): Map<string, number> {
  const t = readRows(ws, review);
  const counts = new Map<string, number>();
  if (!t) return counts;
  for (const { record } of t.rows) {
    if (review.kindColumn && review.kindValue !== undefined && text(record[review.kindColumn]) !== review.kindValue) continue;
    if (review.statusColumn && review.openStates && !review.openStates.includes(text(record[review.statusColumn]))) continue;
    const ref = text(record[review.referenceColumn]);
    if (ref !== '') counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return counts;
}

/**
 * Every row left 'enviando' is shown to a person in the review tab, exactly once (a second
 * recovery run must not list it again). The review's reference must contain the row's ID.
 */
export function ambiguousInReview(
  ws: Workspace,
  opts: IdColumnRef & { statusColumn: string; sendingValue?: string; review: ReviewRef },
): Violations {
  const t = readRows(ws, opts);
  if (!t) return [`tab "${opts.tab}" is missing`];
  const refs = [...reviewedReferences(ws, opts.review)];
  const out: Violations = [];
  for (const { record } of t.rows) {
    if (text(record[opts.statusColumn]) !== (opts.sendingValue ?? DEFAULT_DELIVERY_STATES.sending)) continue;
    const id = text(record[opts.idColumn]);
    const n = refs.filter(([ref]) => ref.includes(id)).reduce((s, [, c]) => s + c, 0);
    if (n === 0) out.push(`${opts.tab} ${id}: left "${opts.sendingValue ?? 'enviando'}" but not shown in "${opts.review.tab}"`);
    else if (n > 1) out.push(`${opts.tab} ${id}: listed ${n} times in "${opts.review.tab}"`);
  }
  return out;
}

/** True when the review tab lists `rowId`; for DeliveryCheck.inReview. */
export function inReview(ws: Workspace, review: ReviewRef): (rowId: string) => boolean {
  const refs = [...reviewedReferences(ws, review).keys()];
  return (id) => refs.some((r) => r.includes(id));
}
