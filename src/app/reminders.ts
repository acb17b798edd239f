/**
 * Reminders (A02): for the next day's appointments (and at once for bookings made after the
 * daily run), a Calendar event with a Google Meet link and the citizen as guest, then the
 * reminder email with the Meet link and the Lima date and time.
 *
 * One run, however many appointments:
 * - reads the settings and 'Citas' once, and the mail journal once (document properties);
 * - reconciles what an interrupted run left in the journal (a reminder sent but not recorded is
 *   recorded; one interrupted mid-send is marked 'enviando' and listed in 'Revisión', never resent);
 * - checks the mail quota once: what cannot go today waits, and the panel says so;
 * - per appointment: the event (deterministic ID, so a retry finds it; a moved appointment's event
 *   is patched to the new time), then the email through `sendOnce`, whose journal key includes the
 *   start time, so a moved appointment gets one new reminder and a rerun sends nothing twice;
 * - a cancelled appointment still ahead whose event was made gets it cancelled (the consultant's
 *   calendar frees the slot, the citizen's calendar drops it); its Meet link is cleared, which is
 *   also what marks it done, and a reminder already sent is forgotten, so an appointment the
 *   platform lists again gets its event back (restored: a deleted event's ID cannot be reused)
 *   and a new reminder;
 * - writes every outcome in ONE batched update at its end, spanning the changed rows over the
 *   system columns only (Sheets calls do not grow with the number of appointments);
 * - stops itself before Apps Script's 6-minute limit and leaves one continuation trigger; the run
 *   that finishes removes it and the one-off triggers that asked for a run.
 *
 * Two runs never work at once (the job's lease): each would send what the other is sending.
 */
import { loadSettings } from './team';
import { calendarEventId, meetRequestId } from '../domain/ids';
import { JOB_AUDIT as A, JOB_MESSAGES as M, REVIEW_KINDS } from '../domain/messages/attention-jobs';
import { reminderEmail } from '../domain/messages/reminder';
import { selectRemindersDue, type ReminderCandidate, type ReminderStatus } from '../domain/reminders';
import { APPOINTMENTS_TAB, REVIEW_TAB, SETTINGS_TAB, type AppointmentKey } from '../domain/schema';
import type { TableRow } from '../domain/table';
import { normaliseEmail } from '../domain/validation';
import type { AuditLog, Clock, KeyValueStore, Lock, Mailer, MeetingInfo, Meetings, RowChange, Scheduler, Workbooks } from '../ports';
import {
  appointmentStart,
  appointmentStatus,
  cellString,
  deliveryStatus,
  PENDING_REMINDER_RUN_PROPERTY,
  type AppointmentFields,
} from './appointments/rows';
import { consultantDisplayName } from './day/contacts';
import { journalEntries, journalKey, clearJournal, QUOTA_EXHAUSTED, sendOnce, type QuotaBudget } from './delivery';
import {
  Budget,
  CONTINUATION_DELAY_MS,
  finishJob,
  JOB_BUDGET_MS,
  leasedRun,
  requestRun,
  scheduleContinuation,
  startJob,
} from './jobs';
import { recordReview, type ReviewItem } from './review';
import { type Settings } from './settings';

export const REMINDERS_HANDLER = 'runReminders';

/** Document property: how many reminders wait for mail quota, JSON { count, untilMs }. */
export const WAITING_PROPERTY = 'SOE_REMINDERS_WAITING';

/** Time kept for the final write and the cleanup after the last appointment. */
export const FINAL_RESERVE_MS = 30_000;
/** When the quota ran out: look again after this long (Google renews it within 24 h of the first send). */
export const QUOTA_RETRY_MS = 60 * 60_000;
/** Calendar failed, or Meet had no link yet: look again after this long. */
export const RETRY_MS = 10 * 60_000;
/**
 * A run first leaves a continuation this far ahead, so that if it dies (killed, a service failing
 * mid-way) the work is picked up again after its lease has expired; the run replaces or removes it
 * when it ends normally.
 */
export { SAFETY_CONTINUATION_MS } from './jobs';

export interface ReminderDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  scheduler: Scheduler;
  lock: Lock;
  clock: Clock;
  mailer: Mailer;
  meetings: Meetings;
  audit: AuditLog;
  /** Working time before the run stops itself (tests shorten it). */
  budgetMs?: number;
}

export interface ReminderRunResult {
  /** False when another run held the job: this one did nothing (a continuation was left). */
  ran: boolean;
  due: number;
  sent: number;
  /** Refused before sending (bad address…): retried by the next run once corrected. */
  failed: number;
  /** Interrupted mid-send: marked 'enviando' and listed in 'Revisión'. */
  ambiguous: number;
  /** Could not go for lack of mail quota. */
  waitingForQuota: number;
  /** Not reached before the time budget ran out: the continuation does them. */
  remaining: number;
  /** Calendar failed or Meet had no link yet: tried again a few minutes later. */
  retryLater: number;
  eventsCreated: number;
  eventsMoved: number;
  /** Events of cancelled appointments cancelled by this run. */
  eventsCancelled: number;
  /** A continuation trigger is scheduled. */
  continues: boolean;
  summary: string;
}

/** The journal's row ID of a reminder: the appointment and the time it was for. */
export function reminderJournalId(id: string, start: Date): string {
  return `${id}|${start.toISOString()}`;
}

function parseJournalId(rowId: string): { id: string; startIso: string } {
  const i = rowId.lastIndexOf('|');
  return i < 0 ? { id: rowId, startIso: '' } : { id: rowId.slice(0, i), startIso: rowId.slice(i + 1) };
}

interface Candidate extends ReminderCandidate {
  row: TableRow<AppointmentKey>;
}

/** What the run decided for one row, written at the end. `start` guards against a move meanwhile. */
interface Outcome {
  start: Date;
  fields: AppointmentFields;
  /** Journal entries to clear once the sheet records them. */
  clear: string[];
}

export function runReminders(deps: ReminderDeps): ReminderRunResult {
  const budget = new Budget(deps.clock, deps.budgetMs ?? JOB_BUDGET_MS);
  const result: ReminderRunResult = {
    ran: false,
    due: 0,
    sent: 0,
    failed: 0,
    ambiguous: 0,
    waitingForQuota: 0,
    remaining: 0,
    retryLater: 0,
    eventsCreated: 0,
    eventsMoved: 0,
    eventsCancelled: 0,
    continues: false,
    summary: '',
  };
  // First durable step (leasedRun): whatever happens to this execution, the work is looked at again.
  leasedRun(
    deps,
    REMINDERS_HANDLER,
    (release) => runLeased(deps, budget, result, release),
    () => {
      // Another run is working; the continuation looks again after it.
      result.continues = true;
      result.summary = M.anotherRunWorking;
      deps.audit.record({ action: A.remindersRun, result: 'Sin efecto', detail: result.summary });
    },
  );
  return result;
}

function runLeased(deps: ReminderDeps, budget: Budget, result: ReminderRunResult, release: () => void): void {
  result.ran = true;
  const job = startJob(deps, PENDING_REMINDER_RUN_PROPERTY);
  const book = deps.workbooks.current();
  const { settings } = loadSettings(book.table(SETTINGS_TAB), deps.properties);
  const citas = book.table(APPOINTMENTS_TAB);
  const snapshot = citas.read();
  const now = deps.clock.now();

  const outcomes = new Map<string, Outcome>();
  const review: ReviewItem[] = [];
  const outcome = (id: string, start: Date): Outcome => {
    let o = outcomes.get(id);
    if (!o) outcomes.set(id, (o = { start, fields: {}, clear: [] }));
    return o;
  };

  // 1. What an interrupted run left in the journal (we hold the lease: nobody else writes these keys).
  const journal = { ...deps.properties.getAll() };
  const effective = new Map<string, ReminderStatus>();
  const staleEntries: string[] = [];
  for (const entry of journalEntries(deps.properties, 'recordatorio', journal)) {
    const { id, startIso } = parseJournalId(entry.rowId);
    const row = snapshot.byId.get(id);
    const start = row ? appointmentStart(row.record) : null;
    if (!row || !start || start.toISOString() !== startIso) {
      staleEntries.push(entry.rowId); // the row is gone or the appointment moved: nothing to record
      continue;
    }
    const o = outcome(id, start);
    o.clear.push(entry.rowId);
    const current = deliveryStatus(row.record.reminderStatus);
    if (entry.state === 'enviado') {
      if (current !== 'enviado') {
        Object.assign(o.fields, { reminderStatus: 'enviado', reminderSentAt: entry.at ?? now, updatedAt: now });
        if (cellString(row.record.meetUrl) === '') recoverMeeting(deps, id, o);
      }
      effective.set(id, 'enviado');
    } else if (current !== 'enviado') {
      Object.assign(o.fields, { reminderStatus: 'enviando', updatedAt: now });
      // The consultant confirms by phone or the extranet: they need the Meet link.
      if (cellString(row.record.meetUrl) === '') recoverMeeting(deps, id, o);
      review.push({ tipo: REVIEW_KINDS.reminderAmbiguous, referencia: reminderJournalId(id, start), detalle: M.reminderAmbiguous(start, 'ejecución interrumpida') });
      deps.audit.record({ action: A.reminderAmbiguous, target: id, result: 'Por revisar', detail: M.reminderAmbiguous(start, 'ejecución interrumpida') });
      result.ambiguous++;
      effective.set(id, 'enviando');
    }
  }

  // 2. Which reminders are due now.
  const candidates: Candidate[] = [];
  for (const row of snapshot.rows) {
    if (row.id === '') continue;
    const start = appointmentStart(row.record);
    const status = appointmentStatus(row.record);
    if (!start || !status) continue;
    const sheetStatus = deliveryStatus(row.record.reminderStatus);
    const reminderStatus = (effective.get(row.id) ?? (sheetStatus === 'pendiente' ? '' : sheetStatus)) as ReminderStatus;
    candidates.push({ key: row.id, start, status, reminderStatus, eventId: cellString(row.record.eventId), row });
  }
  const { due } = selectRemindersDue(candidates, now, settings.reminderHour);
  result.due = due.length;

  // 2b. Events of appointments cancelled since their event was made (few, and no email: first).
  cancelEvents(deps, budget, snapshot.rows, now, outcome, result);

  // 3. Events and emails, while time and quota last.
  const quota: QuotaBudget = { remaining: due.length ? deps.mailer.remainingDailyQuota() : 0 };
  const mailDeps = { mailer: deps.mailer, journal: deps.properties, clock: deps.clock, quota, snapshot: journal };
  let i = 0;
  for (; i < due.length; i++) {
    if (budget.exhausted(FINAL_RESERVE_MS)) break;
    if (quota.remaining <= 0) break;
    const stop = remindOne(deps, settings, due[i], now, mailDeps, outcome(due[i].key, due[i].start), review, result);
    if (stop === 'quota') break;
  }
  const notReached = due.length - i;
  if (quota.remaining <= 0 && notReached > 0) result.waitingForQuota = notReached;
  else result.remaining = notReached;

  // 4. One batched write of every outcome, under the lock, over what the sheet holds now.
  const cleared = writeOutcomes(deps, outcomes, review, now);
  clearJournal(deps.properties, 'recordatorio', [...staleEntries, ...cleared]);
  recordWaiting(deps, journal, result.waitingForQuota, due.slice(i));

  // 5. Continue, or finish. The work is written: another run may start (the continuation trigger,
  // still pending until the very end, picks up anything a failure from here on leaves).
  release();
  if (result.remaining > 0) {
    scheduleContinuation(deps, REMINDERS_HANDLER, CONTINUATION_DELAY_MS, { replace: true });
    result.continues = true;
    deps.audit.record({ action: A.continuation, result: 'Correcto', detail: M.continuation(CONTINUATION_DELAY_MS / 60_000) });
  } else if (result.waitingForQuota > 0) {
    scheduleContinuation(deps, REMINDERS_HANDLER, QUOTA_RETRY_MS, { replace: true });
    result.continues = true;
    deps.audit.record({ action: A.reminderWaiting, result: 'Sin efecto', detail: M.waitingForQuota(result.waitingForQuota) });
  } else if (result.retryLater > 0) {
    scheduleContinuation(deps, REMINDERS_HANDLER, RETRY_MS, { replace: true });
    result.continues = true;
    deps.audit.record({ action: A.continuation, result: 'Correcto', detail: M.continuation(RETRY_MS / 60_000) });
  } else {
    result.continues = finishJob(deps, REMINDERS_HANDLER, job, PENDING_REMINDER_RUN_PROPERTY);
  }
  result.summary = M.remindersSummary({ ...result, waiting: result.waitingForQuota });
  deps.audit.record({
    action: A.remindersRun,
    result: result.ambiguous || result.failed ? 'Por revisar' : result.due || result.sent ? 'Correcto' : 'Sin cambios',
    detail: result.summary,
  });
}

type MailDeps = Parameters<typeof sendOnce>[0];

/** Event + email for one appointment; 'quota' when the quota ran out on it. */
function remindOne(
  deps: ReminderDeps,
  settings: Settings,
  a: Candidate,
  now: Date,
  mailDeps: MailDeps,
  o: Outcome,
  review: ReviewItem[],
  result: ReminderRunResult,
): 'ok' | 'quota' {
  const r = a.row.record;
  const id = a.key;
  const fullName = cellString(r.fullName);
  const email = normaliseEmail(cellString(r.email));
  const consultant = consultantDisplayName(r.consultant, settings);

  let info: MeetingInfo | null;
  // One audit line per appointment: what happened to its event goes into the reminder's line.
  const event: { note: string } = { note: '' };
  const detail = (text: string) => (event.note ? `${text} ${event.note}` : text);
  try {
    info = meetingFor(deps, settings, a, fullName, email, consultant, result, event);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    deps.audit.record({ action: A.eventFailed, target: id, result: 'Error', detail: M.eventFailed(why) });
    result.failed++;
    result.retryLater++;
    return 'ok'; // no reminder without its Meet link; a continuation tries again
  }
  if (info) Object.assign(o.fields, { eventId: info.eventId, updatedAt: now });
  if (!info || !info.meetUrl) {
    deps.audit.record({ action: A.reminderFailed, target: id, result: 'Sin efecto', detail: detail(M.noMeetLink) });
    result.failed++;
    result.retryLater++;
    return 'ok';
  }
  o.fields.meetUrl = info.meetUrl;

  const key = reminderJournalId(id, a.start);
  if (!email) {
    // Without a usable address there is nothing to send; the event and its link are still there for the extranet notice.
    o.fields.reminderStatus = 'error';
    result.failed++;
    const why = M.invalidEmail(cellString(r.email));
    review.push({ tipo: REVIEW_KINDS.reminderRefused, referencia: key, detalle: M.reminderRefused(a.start, why) });
    deps.audit.record({ action: A.reminderFailed, target: id, result: 'Error', detail: detail(M.reminderRefused(a.start, why)) });
    return 'ok';
  }
  const message = reminderEmail({
    fullName,
    start: a.start,
    meetUrl: info.meetUrl,
    consultantName: consultant,
    rebookUrl: settings.rebookUrl,
    toleranceMinutes: settings.toleranceMinutes,
  });
  const sent = sendOnce(mailDeps, 'recordatorio', key, { to: email, ...message });
  switch (sent.status) {
    case 'enviado':
      Object.assign(o.fields, { reminderStatus: 'enviado', reminderSentAt: sent.at });
      o.clear.push(key);
      result.sent++;
      deps.audit.record({ action: A.reminderSent, target: id, result: 'Correcto', detail: detail(M.reminderSent(a.start)) });
      return 'ok';
    case 'error':
      if (sent.message === QUOTA_EXHAUSTED || /too many times/i.test(sent.message)) {
        if (event.note) deps.audit.record({ action: A.reminderWaiting, target: id, result: 'Sin efecto', detail: detail(QUOTA_EXHAUSTED) });
        return 'quota';
      }
      o.fields.reminderStatus = 'error';
      result.failed++;
      review.push({ tipo: REVIEW_KINDS.reminderRefused, referencia: key, detalle: M.reminderRefused(a.start, sent.message) });
      deps.audit.record({ action: A.reminderFailed, target: id, result: 'Error', detail: detail(M.reminderRefused(a.start, sent.message)) });
      return 'ok';
    case 'ambiguo':
      o.fields.reminderStatus = 'enviando';
      o.clear.push(key);
      result.ambiguous++;
      review.push({ tipo: REVIEW_KINDS.reminderAmbiguous, referencia: key, detalle: M.reminderAmbiguous(a.start, sent.message) });
      deps.audit.record({ action: A.reminderAmbiguous, target: id, result: 'Por revisar', detail: detail(M.reminderAmbiguous(a.start, sent.message)) });
      return 'ok';
  }
}

/**
 * The appointment's event at its current time: created with the deterministic ID (found again if
 * an earlier run made it), or — when the row already has one — patched to the current time (an
 * appointment the import moved). A cancelled event (the appointment was cancelled and listed
 * again, or a person deleted it) is restored; only one gone for good is replaced, by one whose ID
 * also derives from the time, so it is still made only once.
 */
function meetingFor(
  deps: ReminderDeps,
  settings: Settings,
  a: Candidate,
  fullName: string,
  email: string | null,
  consultant: string,
  result: ReminderRunResult,
  event: { note: string },
): MeetingInfo | null {
  const r = a.row.record;
  const end = new Date(a.start.getTime() + settings.standardMinutes * 60_000);
  const title = M.eventTitle(fullName);
  const description = M.eventDescription({ id: a.key, fullName, consultant });
  const move = { start: a.start, end, title, description, notifyGuests: false };
  const request = (eventId: string, attempt: number) => ({
    eventId,
    requestId: meetRequestId(a.key, attempt),
    title,
    description,
    start: a.start,
    end,
    guests: email ? [email] : [],
    // The reminder email is the citizen's notice; Calendar's own invitation would be a second one.
    notifyGuests: false,
  });

  const recorded = cellString(r.eventId);
  const meetUrl = cellString(r.meetUrl);
  // 'error' (the address was refused) keeps its time: the import resets the state when it moves an appointment.
  if (a.reminderStatus === 'error' && recorded !== '' && meetUrl !== '') {
    return { eventId: recorded, meetUrl, htmlLink: '', cancelled: false, created: false };
  }
  // A cancelled event (its appointment was cancelled and is listed again, or a person deleted it)
  // is restored, not replaced: Calendar never accepts a deleted event's ID again (409), so each
  // cancel and reinstatement would otherwise need yet another ID. See CalendarMeetings.restore.
  const restored = (info: MeetingInfo | null): MeetingInfo | null => {
    if (!info || !info.cancelled) return null;
    const back = deps.meetings.restore(info.eventId, move);
    if (!back || back.cancelled) return null;
    result.eventsCreated++;
    event.note = M.eventRestoredNote(a.start);
    return back;
  };
  if (recorded !== '') {
    const moved = deps.meetings.move(recorded, move);
    if (moved && !moved.cancelled) {
      result.eventsMoved++;
      event.note = M.eventMovedNote(a.start);
      return moved;
    }
    const back = restored(moved);
    if (back) return back;
  }
  let info = deps.meetings.ensureMeeting(request(calendarEventId('cita', a.key), 0));
  if (info.cancelled) {
    const back = restored(info);
    if (back) return back;
    // Gone for good ("such cancelled events will eventually disappear"): an ID that also derives from the time.
    info = deps.meetings.ensureMeeting(request(calendarEventId('cita', reminderJournalId(a.key, a.start)), 1));
    if (info.cancelled) {
      const again = restored(info);
      if (again) return again;
      throw new Error(`the event ${info.eventId} is cancelled and could not be restored`);
    }
  }
  if (info.created) {
    result.eventsCreated++;
    event.note = M.eventCreatedNote;
  } else if (info.eventId !== recorded) {
    // Made by a run that died before recording it; the appointment may have moved since.
    info = deps.meetings.move(info.eventId, move) ?? info;
  }
  return info;
}

/**
 * Cancels the events of cancelled appointments still ahead that have one (its ID and Meet link on
 * the row). Clearing the link records it: the next run does not look at the row again. A failure
 * leaves the row as it is and asks for a look a few minutes later.
 */
function cancelEvents(
  deps: ReminderDeps,
  budget: Budget,
  rows: readonly TableRow<AppointmentKey>[],
  now: Date,
  outcome: (id: string, start: Date) => Outcome,
  result: ReminderRunResult,
): void {
  for (const row of rows) {
    if (row.id === '' || appointmentStatus(row.record) !== 'Cancelada') continue;
    const eventId = cellString(row.record.eventId);
    const start = appointmentStart(row.record);
    if (eventId === '' || cellString(row.record.meetUrl) === '' || !start || start.getTime() <= now.getTime()) continue;
    if (budget.exhausted(FINAL_RESERVE_MS)) {
      result.remaining++;
      continue;
    }
    try {
      if (deps.meetings.cancel(eventId)) result.eventsCancelled++;
    } catch (e) {
      deps.audit.record({ action: A.eventCancelled, target: row.id, result: 'Error', detail: M.eventCancelFailed(e instanceof Error ? e.message : String(e)) });
      result.retryLater++;
      continue;
    }
    const o = outcome(row.id, start);
    Object.assign(o.fields, { meetUrl: '', updatedAt: now });
    // The reminder was for the cancelled meeting; one interrupted mid-send stays as it is (Revisión).
    if (deliveryStatus(row.record.reminderStatus) === 'enviado') Object.assign(o.fields, { reminderStatus: '', reminderSentAt: '' });
    deps.audit.record({ action: A.eventCancelled, target: row.id, result: 'Correcto', detail: M.eventCancelled(start) });
  }
}

/** A reminder was sent but the run died before recording the event: find its Meet link again. */
function recoverMeeting(deps: ReminderDeps, id: string, o: Outcome): void {
  try {
    const info = deps.meetings.find(calendarEventId('cita', id));
    if (info && info.meetUrl) Object.assign(o.fields, { eventId: info.eventId, meetUrl: info.meetUrl });
  } catch {
    // The link stays empty; the panel says so. Nothing else depends on it.
  }
}

/**
 * Writes the outcomes (one read and at most a couple of writes, whatever their number) and the
 * 'Revisión' items, under the lock. A row whose appointment moved while this run worked keeps its
 * new, empty reminder state: only its event is recorded (the next run patches it). Returns the
 * journal entries to clear: once this write is done the sheet records them (or they are stale).
 */
function writeOutcomes(deps: ReminderDeps, outcomes: Map<string, Outcome>, review: ReviewItem[], now: Date): string[] {
  if (outcomes.size === 0 && review.length === 0) return [];
  const changes: RowChange<AppointmentKey>[] = [];
  const book = deps.workbooks.current();
  deps.lock.withLock(() => {
    const citas = book.table(APPOINTMENTS_TAB);
    const fresh = citas.read({ fresh: true });
    for (const [id, o] of outcomes) {
      const row = fresh.byId.get(id);
      if (!row) continue;
      const start = appointmentStart(row.record);
      const fields: AppointmentFields = { ...o.fields };
      if (!start || start.getTime() !== o.start.getTime()) {
        delete fields.reminderStatus;
        delete fields.reminderSentAt;
      }
      if (Object.keys(fields).length) changes.push({ id, fields });
    }
    if (changes.length) citas.update(changes, { mode: 'span' });
    if (review.length) recordReview(book.table(REVIEW_TAB), review, now);
  });
  return [...outcomes.values()].flatMap((o) => o.clear);
}

interface WaitingRecord {
  count: number;
  untilMs: number;
}

function recordWaiting(deps: ReminderDeps, props: Record<string, string>, count: number, waiting: readonly Candidate[]): void {
  const untilMs = waiting.reduce((m, a) => Math.max(m, a.start.getTime()), 0);
  const value = count > 0 ? JSON.stringify({ count, untilMs } satisfies WaitingRecord) : '';
  const before = props[WAITING_PROPERTY] ?? '';
  if (value === before) return;
  if (value === '') deps.properties.delete(WAITING_PROPERTY);
  else deps.properties.setAll({ [WAITING_PROPERTY]: value });
}

/** What the panel shows about reminders that could not go yet (the day view's `pendingMail`). */
export interface PendingDeliveries {
  count: number;
  /** '' when nothing waits. */
  message: string;
}

/**
 * Reminders waiting for mail quota, as the last run left them (one property read). Once the
 * latest of those appointments has started, nothing is waiting any more.
 */
export function pendingDeliveries(deps: { properties: KeyValueStore; clock: Clock }): PendingDeliveries {
  const raw = deps.properties.get(WAITING_PROPERTY);
  if (!raw) return { count: 0, message: '' };
  try {
    const rec = JSON.parse(raw) as Partial<WaitingRecord>;
    const count = typeof rec.count === 'number' ? rec.count : 0;
    if (count <= 0 || !(typeof rec.untilMs === 'number' && rec.untilMs > deps.clock.now().getTime())) return { count: 0, message: '' };
    return { count, message: M.waitingForQuota(count) };
  } catch {
    return { count: 0, message: '' };
  }
}

/**
 * Asks for a reminders run within a minute (a booking for today or tomorrow made after the daily
 * run): one one-off trigger at most, whose ID is kept in PENDING_REMINDER_RUN_PROPERTY; the run
 * that finishes the work deletes it. Returns true when it scheduled one.
 */
export function requestReminderRun(deps: Pick<ReminderDeps, 'scheduler' | 'properties' | 'lock' | 'clock'>): boolean {
  return requestRun(deps, REMINDERS_HANDLER, PENDING_REMINDER_RUN_PROPERTY, CONTINUATION_DELAY_MS);
}

/** The journal key of a reminder, for tests and tools. */
export function reminderJournalKey(id: string, start: Date): string {
  return journalKey('recordatorio', reminderJournalId(id, start));
}
