/**
 * Check-ins through the «Formato de asistencia» (B09): the one form (setup), its session
 * choices kept in step, each session's prefilled link for the Meet chat, and every response
 * turned into attendance — or into a 'Revisión' item — once.
 *
 * Each submission is handled in the frame of the registration form's responses
 * (registration.ts), without emails (the form's confirmation message tells the person it was
 * received):
 *
 *   take the script lock → read 'Sesiones', 'Módulos', 'Programación anual', 'Inscripciones',
 *   'Asistencia' and the settings once → decide each response (pure rules,
 *   domain/workshops/checkin.ts) → merge it into the person's mark (mergeAttendance, the one
 *   rule of every source) → one write per tab → audit.
 *
 * Idempotent by construction, so nothing is doubled and a crash anywhere is repaired by running
 * again: a check-in is accounted for when the person's 'Asistencia' row has a check-in time at
 * or before it (the merge keeps the first), or when 'Revisión' has its response ID. That also
 * holds when the facts change after a check-in was counted (the session cancelled, the person
 * withdrawn): a sweep re-reading it finds it counted and adds no 'Revisión' item. A repeat after
 * the window by someone already counted changes nothing either. The form's
 * responses are the durable queue: a submission that found the sheet busy leaves a pending
 * marker (one property) and makes sure a sweep is scheduled; the sweep — and the «Revisar»
 * action of a later submission's execution — handles every response not yet accounted for.
 */
import { dateOf, int, text } from './cells';
import { mergeAttendance, attendanceId, type AttendanceMark } from '../../domain/workshops/attendance';
import {
  CHECKIN_AUDIT as A,
  CHECKIN_MESSAGES as M,
  CHECKIN_REVIEW_KIND,
  checkinReviewDetail,
  checkinWindow,
  decideCheckin,
  matchRegistrant,
  MINUTE_MS,
  readCheckinDocument,
  type CheckinSessionFacts,
  type RegistrantFacts,
} from '../../domain/workshops/checkin';
import { checkinForm, CHECKIN_QUESTIONS as Q, NO_OPEN_SESSION, sessionChoice, sessionOfChoice } from '../../domain/workshops/checkin-form';
import {
  ATTENDANCE_SOURCES,
  ATTENDANCE_TAB,
  MODULES_TAB,
  REGISTRATIONS_TAB,
  REVIEW_TAB,
  SESSIONS_TAB,
  YEAR_PLAN_TAB,
  type AttendanceKey,
  type AttendanceSource,
} from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { cleanText, neutraliseFormula } from '../../domain/text';
import type { AuditLog, Clock, FormAdmin, FormAnswers, FormChoices, Forms, KeyValueStore, Lock, RowChange, Scheduler, Workbook, Workbooks } from '../../ports';
import { ensureFormTrigger, ensureProductForm } from '../product-form';
import { recordReview, type ReviewItem } from '../review';
import { loadBookSettings } from '../team';

export const CHECKIN_SUBMIT_HANDLER = 'onCheckinSubmit';
/** The one-off sweep each submission makes sure is scheduled: the safety net of the pending markers. */
export const CHECKIN_SWEEP_HANDLER = 'runCheckinSweep';
export const CHECKIN_SWEEP_DELAY_MS = 5 * 60_000;

export const CHECKIN_PROPERTY_KEYS = {
  formId: 'SOE_CHECKIN_FORM_ID',
  /** When the last sweep read the responses (ISO). */
  sweptAt: 'SOE_CHECKIN_SWEPT_AT',
  /** The sweep's trigger and when it is due (JSON { triggerId, dueAt }). */
  sweep: 'SOE_JOB_runCheckinSweep',
} as const;

/** Document property marking a response whose handling waits (the sheet was busy). */
export const CHECKIN_PENDING_PREFIX = 'SOE_CHECKIN_PENDING:';

/** A session is a choice of the form from this long before its start (access emails go the day before). */
export const CHECKIN_NEAR_MS = 7 * 86_400_000;
/** A sweep reads responses from this long before the previous one. */
const SWEEP_MARGIN_MS = 2 * 86_400_000;

export interface CheckinDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  audit: AuditLog;
  forms: Forms & FormAdmin & FormChoices;
  /** Where the sweep is scheduled; absent in unit tests. */
  scheduler?: Scheduler;
}

// ---------------------------------------------------------------------------- the sheet's facts

interface World {
  sessions: Map<string, CheckinSessionFacts>;
  registrantsOf: Map<string, RegistrantFacts[]>;
  before: number;
  after: number;
}

function readWorld(book: Workbook, properties: KeyValueStore, fresh: boolean, withRegistrations = true): World {
  const cancelledModules = new Set<string>();
  const plan = book.table(YEAR_PLAN_TAB);
  if (plan.exists()) for (const r of plan.read({ fresh }).rows) if (text(r.record.status) === 'Cancelado') cancelledModules.add(text(r.record.moduleId));
  const modules = book.table(MODULES_TAB);
  if (modules.exists()) for (const r of modules.read({ fresh }).rows) if (r.id && text(r.record.status) === 'Cancelado') cancelledModules.add(r.id);
  const sessions = new Map<string, CheckinSessionFacts>();
  for (const r of book.table(SESSIONS_TAB).read({ fresh }).rows) {
    if (!r.id) continue;
    const moduleId = text(r.record.moduleId);
    sessions.set(r.id, {
      id: r.id,
      moduleId,
      number: int(r.record.number),
      topic: text(r.record.topic),
      start: dateOf(r.record.start),
      end: dateOf(r.record.end),
      cancelled: text(r.record.status) === 'Cancelada' || cancelledModules.has(moduleId),
    });
  }
  const registrantsOf = new Map<string, RegistrantFacts[]>();
  if (withRegistrations) {
    for (const r of book.table(REGISTRATIONS_TAB).read({ fresh }).rows) {
      const m = text(r.record.moduleId);
      if (!r.id || !m) continue;
      const facts: RegistrantFacts = { id: r.id, documentType: text(r.record.documentType), number: text(r.record.dni), status: text(r.record.status), fullName: text(r.record.fullName) };
      registrantsOf.set(m, [...(registrantsOf.get(m) ?? []), facts]);
    }
  }
  const { settings } = loadBookSettings(book, properties);
  return { sessions, registrantsOf, before: settings.checkinBeforeMinutes, after: settings.checkinAfterMinutes };
}

// ---------------------------------------------------------------------------- the form (setup)

export interface CheckinFormState {
  formId: string;
  url: string;
}

/** The dropdown's choices: the sessions not cancelled whose window is open, or opens within CHECKIN_NEAR_MS. */
function openChoices(w: World, now: Date): string[] {
  const t = now.getTime();
  return [...w.sessions.values()]
    .filter((s) => !s.cancelled && s.start && s.end && s.start.getTime() - CHECKIN_NEAR_MS <= t && checkinWindow(s.start, s.end, w.before, w.after).closes.getTime() >= t)
    .sort((a, b) => a.start!.getTime() - b.start!.getTime() || a.id.localeCompare(b.id))
    .map((s) => sessionChoice(s.id, s.number, s.topic, s.start));
}

/** The moments the choices change (a session comes near; a window closes): for the session clock. */
export function checkinChoiceTimes(sessions: readonly { start: Date | null; end: Date | null }[], settings: { checkinAfterMinutes: number }): number[] {
  const out: number[] = [];
  for (const s of sessions) {
    if (!s.start || !s.end) continue;
    out.push(s.start.getTime() - CHECKIN_NEAR_MS, s.end.getTime() + settings.checkinAfterMinutes * MINUTE_MS + MINUTE_MS);
  }
  return out;
}

/**
 * Makes sure the check-in form exists and is whole, published (open to anyone with the link),
 * sending its responses here, with its session choices in step (setup, role 'talleres').
 */
export function ensureCheckinForm(
  deps: { forms: FormAdmin & FormChoices; properties: KeyValueStore; workbooks: Workbooks; clock: Clock },
  spreadsheetId: string,
  known: string,
  change: (action: string, target: string, sentence: string) => void,
): CheckinFormState {
  const book = deps.workbooks.current();
  const choices = book.table(SESSIONS_TAB).exists() ? openChoices(readWorld(book, deps.properties, false, false), deps.clock.now()) : [];
  const form = ensureProductForm(
    deps,
    { definition: checkinForm(choices), propertyKey: CHECKIN_PROPERTY_KEYS.formId, auditCreated: A.formCreated, auditRepaired: A.formRepaired },
    spreadsheetId,
    known,
    change,
  );
  deps.forms.setChoices(form.formId, Q.session, choices.length ? choices : [NO_OPEN_SESSION]);
  return { formId: form.formId, url: form.url };
}

/** Exactly one form-submit trigger of `onCheckinSubmit`, on the check-in form (setup). */
export function ensureCheckinTrigger(scheduler: Scheduler, formId: string, change: (action: string, target: string, sentence: string) => void): void {
  if (ensureFormTrigger(scheduler, CHECKIN_SUBMIT_HANDLER, formId)) change(A.triggerInstalled, CHECKIN_SUBMIT_HANDLER, M.triggerInstalled);
}

function checkinFormId(properties: KeyValueStore): string {
  return properties.get(CHECKIN_PROPERTY_KEYS.formId) ?? '';
}

/**
 * Keeps the form's session choices in step with the sheet (a session near, moved, renamed,
 * cancelled, over). Cheap when nothing changed: one Forms read. Takes the lock. False when there
 * is no form or nothing changed.
 */
export function syncCheckinChoices(deps: Pick<CheckinDeps, 'workbooks' | 'properties' | 'lock' | 'clock' | 'forms' | 'audit'>): boolean {
  const formId = checkinFormId(deps.properties);
  if (!formId) return false;
  const book = deps.workbooks.current();
  if (!book.table(SESSIONS_TAB).exists()) return false;
  return deps.lock.withLock(() => {
    const choices = openChoices(readWorld(book, deps.properties, true, false), deps.clock.now());
    if (!deps.forms.setChoices(formId, Q.session, choices.length ? choices : [NO_OPEN_SESSION])) return false;
    deps.audit.record({ action: A.choicesSynced, target: formId, result: 'Correcto', detail: M.choicesSynced(choices.length) });
    return true;
  });
}

/** The session clock's duty (contract: `{ name, dueTimes, run }`): the choices follow the sessions. */
export const CHECKIN_CHOICES_DUTY = {
  name: 'checkinChoices',
  dueTimes: checkinChoiceTimes,
  run: (deps: Pick<CheckinDeps, 'workbooks' | 'properties' | 'lock' | 'clock' | 'forms' | 'audit'>): string =>
    // '' when nothing changed: the session clock writes no audit line for an idle look.
    syncCheckinChoices(deps) ? 'Sesiones del formato de asistencia actualizadas.' : '',
};

/**
 * The session's check-in link, for the Meet chat (the session screen, the access emails): the
 * form's prefilled link with the session chosen. Null when there is no form yet (setup), no such
 * session, or the session is not a choice (cancelled, over, or more than CHECKIN_NEAR_MS ahead).
 * A session that should be a choice and is not yet (the clock has not run) is made one first.
 * Takes the lock only then.
 */
export function checkinLink(deps: Pick<CheckinDeps, 'workbooks' | 'properties' | 'lock' | 'clock' | 'forms' | 'audit'>, sessionId: string): string | null {
  const formId = checkinFormId(deps.properties);
  const book = deps.workbooks.current();
  if (!formId || !book.table(SESSIONS_TAB).exists()) return null;
  const w = readWorld(book, deps.properties, false, false);
  const s = w.sessions.get(text(sessionId));
  if (!s) return null;
  const choice = sessionChoice(s.id, s.number, s.topic, s.start);
  if (!openChoices(w, deps.clock.now()).includes(choice)) return null;
  if (!(deps.forms.choices(formId, Q.session) ?? []).includes(choice)) syncCheckinChoices(deps);
  return deps.forms.prefilledUrl(formId, { [Q.session]: choice });
}

// ---------------------------------------------------------------------------- the attendance rows

function bool(v: unknown): boolean {
  return v === true || /^(s[ií]|true|verdadero|x)$/i.test(text(v));
}

function markOf(row: TableRow<AttendanceKey> | undefined): AttendanceMark | null {
  if (!row) return null;
  const source = text(row.record.source);
  const minutes = text(row.record.meetMinutes);
  return {
    present: bool(row.record.present),
    source: (ATTENDANCE_SOURCES as readonly string[]).includes(source) ? (source as AttendanceSource) : 'Formulario',
    checkinAt: dateOf(row.record.checkinAt),
    meetMinutes: minutes === '' ? null : int(row.record.meetMinutes),
    meetName: text(row.record.meetName),
    markedBy: text(row.record.markedBy),
  };
}

function markFields(m: AttendanceMark): Partial<Record<AttendanceKey, FieldValue>> {
  return { present: m.present, source: m.source, checkinAt: m.checkinAt ?? '', meetMinutes: m.meetMinutes ?? '', meetName: neutraliseFormula(m.meetName), markedBy: m.markedBy };
}

// ---------------------------------------------------------------------------- responses

export interface CheckinResult {
  recorded: number;
  unchanged: number;
  forReview: number;
}

/** Written by a submit execution that found the sheet busy (without the lock: one property). */
export function markCheckinPending(properties: KeyValueStore, r: FormAnswers): void {
  properties.setAll({ [CHECKIN_PENDING_PREFIX + r.responseId]: r.submittedAt.toISOString() });
}

function sweepSince(props: Readonly<Record<string, string>>): Date | undefined {
  const swept = new Date(props[CHECKIN_PROPERTY_KEYS.sweptAt] ?? '');
  return isNaN(swept.getTime()) ? undefined : new Date(swept.getTime() - SWEEP_MARGIN_MS);
}

function sessionLabel(s: CheckinSessionFacts | undefined): string {
  return s ? `sesión ${s.number}${s.topic ? ` «${s.topic}»` : ''}` : '';
}

/**
 * Handles check-in responses (see the module comment): the `given` ones, those other executions
 * left pending and — with `sweep` — every response of the form since the last sweep. Takes the
 * lock. A response already accounted for changes nothing.
 */
export function handleCheckins(deps: CheckinDeps, given: readonly FormAnswers[], options: { sweep?: boolean } = {}): CheckinResult {
  const result: CheckinResult = { recorded: 0, unchanged: 0, forReview: 0 };
  const book = deps.workbooks.current();
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const props = deps.properties.getAll();
    const formId = props[CHECKIN_PROPERTY_KEYS.formId] ?? '';
    const pendingIds = Object.keys(props).filter((k) => k.startsWith(CHECKIN_PENDING_PREFIX)).map((k) => k.slice(CHECKIN_PENDING_PREFIX.length));
    const queue = new Map<string, FormAnswers>();
    if (options.sweep && formId) for (const r of deps.forms.responses(formId, sweepSince(props))) queue.set(r.responseId, r);
    for (const r of given) if (!queue.has(r.responseId)) queue.set(r.responseId, r);
    for (const id of pendingIds) {
      if (queue.has(id) || !formId) continue;
      const r = deps.forms.response(formId, id);
      if (r) queue.set(id, r);
    }
    const finish = () => {
      for (const id of pendingIds) deps.properties.delete(CHECKIN_PENDING_PREFIX + id);
      if (options.sweep) deps.properties.setAll({ [CHECKIN_PROPERTY_KEYS.sweptAt]: now.toISOString() });
    };
    if (queue.size === 0 || !book.table(SESSIONS_TAB).exists()) {
      finish();
      return result;
    }
    if (!options.sweep) ensureSweep(deps, props, now);

    const w = readWorld(book, deps.properties, true);
    const attendance = book.table(ATTENDANCE_TAB);
    const rows = attendance.read({ fresh: true });
    const reviewTable = book.table(REVIEW_TAB);
    let reviewRefs: Set<string> | null = null;
    const inReview = (id: string) => (reviewRefs ??= new Set(reviewTable.exists() ? reviewTable.read().rows.filter((r) => text(r.record.kind) === CHECKIN_REVIEW_KIND).map((r) => text(r.record.reference)) : [])).has(id);
    const marks = new Map<string, AttendanceMark | null>();
    const markNow = (id: string) => (marks.has(id) ? marks.get(id)! : markOf(rows.byId.get(id)));
    const appended = new Map<string, Partial<Record<AttendanceKey, FieldValue>>>();
    const changes = new Map<string, Partial<Record<AttendanceKey, FieldValue>>>();
    const review: ReviewItem[] = [];
    const isGiven = new Set(given.map((g) => g.responseId));

    /** The person this response names already has a check-in at or before it in this session. */
    const countedBefore = (resp: FormAnswers): boolean => {
      const one = (v: unknown) => (typeof v === 'string' ? v : '');
      const sid = sessionOfChoice(one(resp.answers[Q.session]));
      const session = sid ? w.sessions.get(sid) : undefined;
      const doc = readCheckinDocument(one(resp.answers[Q.documentType]), one(resp.answers[Q.documentNumber]));
      if (!session || !doc.ok) return false;
      for (const r of w.registrantsOf.get(session.moduleId) ?? []) {
        if (matchRegistrant(doc.document, [r]).kind === 'unknown') continue;
        const at = markNow(attendanceId(session.id, r.id))?.checkinAt;
        if (at && at.getTime() <= resp.submittedAt.getTime()) return true;
      }
      return false;
    };
    const ordered = [...queue.values()].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    for (const resp of ordered) {
      const d = decideCheckin(resp.answers, resp.submittedAt, (id) => w.sessions.get(id) ?? null, (m) => w.registrantsOf.get(m) ?? [], { beforeMinutes: w.before, afterMinutes: w.after });
      if (d.kind === 'review') {
        // Counted before (a sweep re-reading it after the session was cancelled or the person
        // withdrew; a repeat after the window by someone already counted): nothing changes.
        if (countedBefore(resp)) {
          if (isGiven.has(resp.responseId)) {
            result.unchanged++;
            deps.audit.record({ action: A.unchanged, target: resp.responseId, result: 'Sin cambios', detail: M.unchanged(resp.responseId) });
          }
          continue;
        }
        if (inReview(resp.responseId)) {
          if (isGiven.has(resp.responseId)) result.unchanged++;
          continue;
        }
        const typed = cleanText(typeof resp.answers[Q.documentNumber] === 'string' ? resp.answers[Q.documentNumber] : '', 30);
        review.push({ tipo: CHECKIN_REVIEW_KIND, referencia: resp.responseId, detalle: neutraliseFormula(checkinReviewDetail(resp.responseId, sessionLabel(w.sessions.get(d.sessionId)), d.detail, typed)) });
        deps.audit.record({ action: A.forReview, target: resp.responseId, result: 'Por revisar', detail: d.detail });
        result.forReview++;
        continue;
      }
      const id = attendanceId(d.session.id, d.registrant.id);
      const current = markNow(id);
      const merged = mergeAttendance(current, { source: 'Formulario', at: d.at });
      if (!merged.changed) {
        if (isGiven.has(resp.responseId)) {
          result.unchanged++;
          deps.audit.record({ action: A.unchanged, target: id, result: 'Sin cambios', detail: M.unchanged(resp.responseId) });
        }
        continue;
      }
      marks.set(id, merged.mark);
      const fields = { ...markFields(merged.mark), recordedAt: now };
      if (current === null) {
        appended.set(id, { id, sessionId: d.session.id, moduleId: d.session.moduleId, registrationId: d.registrant.id, dni: d.registrant.number, fullName: neutraliseFormula(d.registrant.fullName), ...fields });
      } else if (appended.has(id)) Object.assign(appended.get(id)!, fields);
      else changes.set(id, fields);
      deps.audit.record({ action: A.recorded, target: id, result: 'Correcto', detail: M.recorded(sessionLabel(d.session), d.padded) });
      if (merged.disagrees) deps.audit.record({ action: A.disagrees, target: id, result: 'Por revisar', detail: M.disagrees });
      result.recorded++;
    }

    // Each row whole in one write; a crash before them leaves the responses unaccounted for,
    // and the next execution (or the sweep) does the same again.
    if (appended.size) attendance.append([...appended.values()]);
    if (changes.size) attendance.update([...changes].map(([id, fields]): RowChange<AttendanceKey> => ({ id, fields })), { mode: 'row' });
    if (review.length) recordReview(reviewTable, review, now);
    finish();
    return result;
  });
}

// ---------------------------------------------------------------------------- the sweep

/** Under the lock: one sweep scheduled while a burst goes on (the record answers "is one due?"). */
function ensureSweep(deps: CheckinDeps, props: Record<string, string>, now: Date): void {
  if (!deps.scheduler) return;
  let due = 0;
  try {
    due = Number((JSON.parse(props[CHECKIN_PROPERTY_KEYS.sweep] ?? '{}') as { dueAt?: number }).dueAt ?? 0);
  } catch {
    due = 0;
  }
  if (due > now.getTime()) return;
  const t = deps.scheduler.after(CHECKIN_SWEEP_HANDLER, CHECKIN_SWEEP_DELAY_MS);
  const record = JSON.stringify({ triggerId: t.id, dueAt: now.getTime() + CHECKIN_SWEEP_DELAY_MS });
  deps.properties.setAll({ [CHECKIN_PROPERTY_KEYS.sweep]: record });
  props[CHECKIN_PROPERTY_KEYS.sweep] = record;
}

/** Without the lock (it may be what was busy): adds the sweep's trigger when none is there. */
export function scheduleCheckinSweep(deps: { scheduler: Scheduler; properties: KeyValueStore; clock: Clock }): boolean {
  if (deps.scheduler.list().some((t) => t.handler === CHECKIN_SWEEP_HANDLER)) return false;
  const t = deps.scheduler.after(CHECKIN_SWEEP_HANDLER, CHECKIN_SWEEP_DELAY_MS);
  deps.properties.setAll({ [CHECKIN_PROPERTY_KEYS.sweep]: JSON.stringify({ triggerId: t.id, dueAt: deps.clock.now().getTime() + CHECKIN_SWEEP_DELAY_MS }) });
  return true;
}

/** The sweep's run: its own triggers removed (one-off), every response since the last sweep handled, the choices put in step. */
export function runCheckinSweep(deps: CheckinDeps & { scheduler: Scheduler }): CheckinResult {
  for (const t of deps.scheduler.list()) if (t.handler === CHECKIN_SWEEP_HANDLER) deps.scheduler.remove(t.id);
  deps.properties.delete(CHECKIN_PROPERTY_KEYS.sweep);
  const r = handleCheckins({ ...deps, scheduler: undefined }, [], { sweep: true });
  syncCheckinChoices(deps);
  return r;
}
