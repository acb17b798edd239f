/**
 * Sessions and speakers (B02): each session of a module gets one Calendar event with Google Meet
 * (deterministic ID from the session's, the speaker its only guest), and the speaker one
 * invitation email; the speaker's answer is read from the event; a session moved or cancelled
 * in an edit patches or cancels its event and tells the speaker, once per change.
 *
 * Everything that writes runs under the script lock: read 'Sesiones' (and 'Módulos') once, fresh;
 * read the delivery journal and what each speaker was told (document properties) once; per
 * session the Calendar call and the email (src/app/delivery.ts sendOnce: 'enviando' before,
 * 'enviado' after, never twice); then ONE batched update of the session rows, the 'Revisión'
 * items and the audit lines. A rerun finds the events by their IDs and the emails in the journal,
 * so it creates nothing twice and sends nothing twice.
 */
import { normaliseEmail } from '../../domain/validation';
import {
  SESSION_EVENT_TEXT as E,
  SPEAKER_AUDIT as A,
  SPEAKER_MESSAGES as M,
  SPEAKER_REVIEW_KINDS as R,
  WORKSHOP_MESSAGES as WM,
  speakerCancellationEmail,
  speakerChangeEmail,
  speakerInvitationEmail,
  type SpeakerSessionText,
} from '../../domain/messages/workshops';
import { formatLimaDate } from '../../domain/lima-time';
import { MODULES_TAB, REVIEW_TAB, SESSIONS_TAB, type ModuleKey, type SessionKey } from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import {
  afterCancellation,
  afterChange,
  afterInvitation,
  cancellationMailKey,
  changeMailKey,
  formatSpeakerState,
  invitationMailKey,
  parseSpeakerState,
  sessionEventId,
  sessionMeetRequestId,
  speakerAnswerOf,
  speakerStateKey,
  toldTimes,
  type SpeakerState,
} from '../../domain/workshops/events';
import { LockBusyError, type AuditLog, type Clock, type KeyValueStore, type Lock, type Mailer, type MeetingInfo, type Meetings, type Session, type Workbooks } from '../../ports';
import { QUOTA_EXHAUSTED, sendOnce, type DeliveryDeps, type QuotaBudget } from '../delivery';
import { recordReview, type ReviewItem } from '../review';
import { recordedRole } from '../setup';

export interface SpeakerDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  session: Session;
  mailer: Mailer;
  meetings: Meetings;
  audit: AuditLog;
}

export interface InviteSpeakersResult {
  ok: boolean;
  message: string;
  counts: { invited: number; already: number; events: number; waiting: number; failed: number; ambiguous: number };
}

const PROGRAMMED = 'Programada';
const CANCELLED = 'Cancelada';

function text(v: unknown): string {
  if (v === null || v === undefined || v instanceof Date) return '';
  return String(v).trim();
}

function dateOf(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

function int(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(text(v));
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function roleOk(deps: SpeakerDeps): string | null {
  const role = recordedRole(deps.properties);
  if (role === null) return WM.notConfigured;
  if (role !== 'talleres') return WM.wrongRole;
  return null;
}

type SessionFields = Partial<Record<SessionKey, FieldValue>>;

/** Per execution: the rows' changes, the speakers' states to store, review items. */
class Outcomes {
  readonly rows = new Map<string, SessionFields>();
  readonly states: Record<string, string> = {};
  readonly review: ReviewItem[] = [];
  constructor(private readonly now: Date) {}
  set(id: string, fields: SessionFields): void {
    this.rows.set(id, { ...(this.rows.get(id) ?? {}), ...fields, updatedAt: this.now });
  }
}

function sessionText(moduleName: string, row: TableRow<SessionKey>, start: Date, end: Date, meetUrl: string): SpeakerSessionText {
  return { moduleName, number: int(row.record.number), topic: text(row.record.topic), start, end, speaker: text(row.record.speaker), meetUrl };
}

function eventText(moduleName: string, row: TableRow<SessionKey>) {
  return { title: E.title(text(row.record.topic)), description: E.description({ moduleName, number: int(row.record.number), topic: text(row.record.topic) }) };
}

/**
 * The session's event at its time: created with the deterministic ID (found again when an
 * earlier run made it), restored when it was cancelled (a session removed and added again).
 * Calendar's own invitation goes to the speaker on creation: it carries the «Sí / No» buttons
 * whose answer the panel reads.
 */
function ensureEvent(deps: SpeakerDeps, moduleName: string, row: TableRow<SessionKey>, start: Date, end: Date, email: string): MeetingInfo {
  const { title, description } = eventText(moduleName, row);
  const eventId = sessionEventId(row.id);
  let info = deps.meetings.ensureMeeting({
    eventId,
    requestId: sessionMeetRequestId(row.id),
    title,
    description,
    start,
    end,
    guests: [email],
    notifyGuests: true,
  });
  if (info.cancelled) {
    const back = deps.meetings.restore(eventId, { start, end, title, description, notifyGuests: true });
    if (!back || back.cancelled) throw new Error(`the event ${eventId} is cancelled and could not be restored`);
    info = back;
  } else if (!info.created) {
    // Made by a run that died before recording it: the session may have moved since.
    info = deps.meetings.move(eventId, { start, end, title, description, notifyGuests: false }) ?? info;
  }
  return info;
}

function withLock<T>(deps: SpeakerDeps, fn: () => T, busy: () => T): T {
  try {
    return deps.lock.withLock(fn);
  } catch (e) {
    if (e instanceof LockBusyError) return busy();
    throw e;
  }
}

function finish(deps: SpeakerDeps, out: Outcomes, now: Date): void {
  const changes = [...out.rows].map(([id, fields]) => ({ id, fields }));
  const book = deps.workbooks.current();
  if (changes.length > 0) book.table(SESSIONS_TAB).update(changes);
  if (out.review.length > 0) recordReview(book.table(REVIEW_TAB), out.review, now);
  if (Object.keys(out.states).length > 0) deps.properties.setAll(out.states);
}

// ---------------------------------------------------------------------------- «Invitar a los ponentes»

/** Events with Meet and the invitation emails of a module's sessions still ahead; idempotent. */
export function inviteSpeakers(deps: SpeakerDeps, rawModuleId: unknown): InviteSpeakersResult {
  const counts = { invited: 0, already: 0, events: 0, waiting: 0, failed: 0, ambiguous: 0 };
  const moduleId = cleanText(rawModuleId, 80);
  const refuse = (message: string): InviteSpeakersResult => {
    deps.audit.record({ action: A.invited, target: moduleId, result: 'Sin efecto', detail: message });
    return { ok: false, message, counts };
  };
  const problem = roleOk(deps);
  if (problem) return refuse(problem);
  return withLock(deps, () => inviteLocked(deps, moduleId, counts, refuse), () => refuse(M.lockBusy));
}

function inviteLocked(
  deps: SpeakerDeps,
  moduleId: string,
  counts: InviteSpeakersResult['counts'],
  refuse: (m: string) => InviteSpeakersResult,
): InviteSpeakersResult {
  const now = deps.clock.now();
  const book = deps.workbooks.current();
  const modules = book.table(MODULES_TAB);
  const sessions = book.table(SESSIONS_TAB);
  if (!modules.exists() || !sessions.exists()) return refuse(WM.tabsMissing);
  const mod = modules.read({ fresh: true }).byId.get(moduleId);
  if (!mod) return refuse(WM.notFound);
  const moduleName = text(mod.record.name);
  const rows = sessions
    .read({ fresh: true })
    .rows.filter((r) => r.id && text(r.record.moduleId) === moduleId && text(r.record.status) === PROGRAMMED)
    .filter((r) => (dateOf(r.record.start)?.getTime() ?? 0) > now.getTime())
    .sort((a, b) => int(a.record.number) - int(b.record.number));
  if (rows.length === 0) return refuse(M.noSessions);

  const journal = { ...deps.properties.getAll() };
  const out = new Outcomes(now);
  let quota: QuotaBudget | null = null;
  for (const row of rows) {
    const start = dateOf(row.record.start)!;
    const end = dateOf(row.record.end) ?? start;
    const email = normaliseEmail(text(row.record.speakerEmail));
    if (!email) {
      counts.failed++;
      deps.audit.record({ action: A.invited, target: row.id, result: 'Error', detail: M.invalidSpeakerEmail });
      continue;
    }
    // 1. The event with Meet.
    let meetUrl = text(row.record.meetUrl);
    if (!text(row.record.eventId) || !meetUrl) {
      let info: MeetingInfo;
      try {
        info = ensureEvent(deps, moduleName, row, start, end, email);
      } catch (e) {
        counts.failed++;
        deps.audit.record({ action: A.eventCreated, target: row.id, result: 'Error', detail: M.eventFailed(errorText(e)) });
        continue;
      }
      out.set(row.id, { eventId: info.eventId });
      if (info.created) {
        counts.events++;
        deps.audit.record({ action: A.eventCreated, target: row.id, result: 'Correcto', detail: `${formatLimaDate(start)} · ${info.eventId}` });
      }
      if (!info.meetUrl) {
        counts.failed++;
        deps.audit.record({ action: A.eventCreated, target: row.id, result: 'Sin efecto', detail: M.noMeetLink });
        continue;
      }
      meetUrl = info.meetUrl;
      out.set(row.id, { meetUrl });
    }
    // 2. The invitation, once.
    const column = text(row.record.speakerInvitation);
    if (column === 'enviado' || column === 'enviando') {
      counts.already++;
      continue;
    }
    if (quota === null) quota = { remaining: deps.mailer.remainingDailyQuota() };
    if (quota.remaining <= 0) {
      counts.waiting++;
      continue;
    }
    const state = parseSpeakerState(journal[speakerStateKey(row.id)]);
    const key = invitationMailKey(row.id, state);
    const mailDeps: DeliveryDeps = { mailer: deps.mailer, journal: deps.properties, clock: deps.clock, quota, snapshot: journal };
    const sent = sendOnce(mailDeps, 'ponente', key, { to: email, ...speakerInvitationEmail(sessionText(moduleName, row, start, end, meetUrl)) });
    if (sent.status === 'enviado') {
      counts.invited++;
      out.set(row.id, { speakerInvitation: 'enviado' });
      out.states[speakerStateKey(row.id)] = formatSpeakerState(afterInvitation(state, start, end));
      deps.audit.record({ action: A.invited, target: row.id, result: 'Correcto', detail: `${formatLimaDate(start)} · ${text(row.record.topic)}` });
    } else if (sent.status === 'error') {
      if (sent.message === QUOTA_EXHAUSTED || /too many times/i.test(sent.message)) {
        counts.waiting++;
        continue;
      }
      counts.failed++;
      out.set(row.id, { speakerInvitation: 'error' });
      deps.audit.record({ action: A.invited, target: row.id, result: 'Error', detail: M.mailRefused(sent.message) });
    } else {
      counts.ambiguous++;
      out.set(row.id, { speakerInvitation: 'enviando' });
      out.review.push({ tipo: R.mailAmbiguous, referencia: key, detalle: M.mailAmbiguous(sent.message) });
      deps.audit.record({ action: A.invited, target: row.id, result: 'Por revisar', detail: M.mailAmbiguous(sent.message) });
    }
  }
  finish(deps, out, now);
  return { ok: true, message: M.summary(counts), counts };
}

// ---------------------------------------------------------------------------- after an edit (saveModule)

export interface SessionSyncResult {
  moved: number;
  cancelled: number;
  told: number;
  failed: number;
}

/**
 * After a module's edit: a session whose time changed gets its event patched and its speaker
 * (if invited) one email per change; a session removed ('Cancelada') gets its event cancelled
 * and its speaker (if invited) one email. Sessions without an event have nothing to do.
 */
export function syncSessionEvents(deps: SpeakerDeps, rawModuleId: unknown): SessionSyncResult {
  const result: SessionSyncResult = { moved: 0, cancelled: 0, told: 0, failed: 0 };
  const moduleId = cleanText(rawModuleId, 80);
  if (roleOk(deps)) return result;
  return withLock(deps, () => syncLocked(deps, moduleId, result), () => result);
}

function syncLocked(deps: SpeakerDeps, moduleId: string, result: SessionSyncResult): SessionSyncResult {
  const now = deps.clock.now();
  const book = deps.workbooks.current();
  const sessions = book.table(SESSIONS_TAB);
  const modules = book.table(MODULES_TAB);
  if (!sessions.exists() || !modules.exists()) return result;
  const rows = sessions.read({ fresh: true }).rows.filter((r) => r.id && text(r.record.moduleId) === moduleId && text(r.record.eventId) !== '');
  if (rows.length === 0) return result;
  const moduleName = text(modules.read().byId.get(moduleId)?.record.name);
  const journal = { ...deps.properties.getAll() };
  const out = new Outcomes(now);
  const quota: QuotaBudget = { remaining: Number.POSITIVE_INFINITY };
  let quotaRead = false;
  const mailDeps = (): DeliveryDeps => {
    if (!quotaRead) {
      quota.remaining = deps.mailer.remainingDailyQuota();
      quotaRead = true;
    }
    return { mailer: deps.mailer, journal: deps.properties, clock: deps.clock, quota, snapshot: journal };
  };
  for (const row of rows) {
    const status = text(row.record.status);
    const start = dateOf(row.record.start);
    const end = dateOf(row.record.end) ?? start;
    const meetUrl = text(row.record.meetUrl);
    const eventId = text(row.record.eventId);
    const email = normaliseEmail(text(row.record.speakerEmail));
    const state = parseSpeakerState(journal[speakerStateKey(row.id)]);
    const invited = state.s !== '' || text(row.record.speakerInvitation) === 'enviado';
    if (!start || !end) continue;
    try {
      if (status === CANCELLED) {
        if (meetUrl === '') continue; // done: its event was cancelled
        deps.meetings.cancel(eventId);
        if (invited && email) {
          const key = cancellationMailKey(row.id, state);
          const sent = sendOnce(mailDeps(), 'ponente', key, { to: email, ...speakerCancellationEmail(sessionText(moduleName, row, start, end, meetUrl)) });
          if (!tell(deps, out, row.id, key, sent, A.cancellationTold, result)) continue;
        }
        result.cancelled++;
        out.set(row.id, { meetUrl: '', speakerInvitation: 'pendiente', speakerAnswer: 'Pendiente' });
        out.states[speakerStateKey(row.id)] = formatSpeakerState(afterCancellation(state));
        deps.audit.record({ action: A.eventCancelled, target: row.id, result: 'Correcto', detail: eventId });
      } else if (status === PROGRAMMED && meetUrl !== '') {
        if (!invited) {
          // Not invited yet: the event simply follows the session; the invitation will say the time.
          deps.meetings.move(eventId, { start, end, ...eventText(moduleName, row), notifyGuests: false });
          continue;
        }
        const told: SpeakerState = state.s !== '' ? state : afterInvitation(state, start, end);
        if (state.s === '') {
          out.states[speakerStateKey(row.id)] = formatSpeakerState(told);
          continue;
        }
        if (toldTimes(told, start, end)) continue;
        const moved = deps.meetings.move(eventId, { start, end, ...eventText(moduleName, row), notifyGuests: false });
        if (!moved) throw new Error(`the event ${eventId} was not found`);
        if (email) {
          const key = changeMailKey(row.id, told);
          const sent = sendOnce(mailDeps(), 'ponente', key, { to: email, ...speakerChangeEmail(sessionText(moduleName, row, start, end, meetUrl)) });
          if (!tell(deps, out, row.id, key, sent, A.changeTold, result)) continue;
        }
        result.moved++;
        out.states[speakerStateKey(row.id)] = formatSpeakerState(afterChange(told, start, end));
        deps.audit.record({ action: A.eventMoved, target: row.id, result: 'Correcto', detail: `${formatLimaDate(start)} · ${eventId}` });
      }
    } catch (e) {
      result.failed++;
      deps.audit.record({ action: status === CANCELLED ? A.eventCancelled : A.eventMoved, target: row.id, result: 'Error', detail: M.eventFailed(errorText(e)) });
    }
  }
  finish(deps, out, now);
  return result;
}

/** Records an email's outcome; false when it did not go (the state stays: the next edit or rerun tries again). */
function tell(
  deps: SpeakerDeps,
  out: Outcomes,
  id: string,
  key: string,
  sent: ReturnType<typeof sendOnce>,
  action: string,
  result: SessionSyncResult,
): boolean {
  if (sent.status === 'enviado') {
    result.told++;
    deps.audit.record({ action, target: id, result: 'Correcto', detail: key });
    return true;
  }
  if (sent.status === 'ambiguo') {
    out.review.push({ tipo: R.mailAmbiguous, referencia: key, detalle: M.mailAmbiguous(sent.message) });
    deps.audit.record({ action, target: id, result: 'Por revisar', detail: M.mailAmbiguous(sent.message) });
    return true; // never resent: a person settles it
  }
  result.failed++;
  deps.audit.record({ action, target: id, result: 'Error', detail: M.mailRefused(sent.message) });
  return false;
}

// ---------------------------------------------------------------------------- the speakers' answers (getModules)

/**
 * Reads each invited session's event (one Calendar read per session with an event, still
 * ahead) and records the speaker's answer in 'Respuesta del ponente'; a decline adds a
 * 'Revisión' item once. Calendar is read before taking the lock; the writes are made under it,
 * in one update. A busy lock skips the writes: the panel shows what the sheet holds.
 */
export function refreshSpeakerAnswers(deps: SpeakerDeps): { read: number; changed: number } {
  const done = { read: 0, changed: 0 };
  if (roleOk(deps)) return done;
  const book = deps.workbooks.current();
  const sessions = book.table(SESSIONS_TAB);
  const modules = book.table(MODULES_TAB);
  if (!sessions.exists() || !modules.exists()) return done;
  const now = deps.clock.now();
  const answers = new Map<string, ReturnType<typeof speakerAnswerOf>>();
  for (const row of sessions.read().rows) {
    const end = dateOf(row.record.end);
    if (!row.id || text(row.record.status) !== PROGRAMMED || !text(row.record.eventId) || !text(row.record.meetUrl)) continue;
    if (!end || end.getTime() <= now.getTime()) continue;
    try {
      const info = deps.meetings.find(text(row.record.eventId));
      done.read++;
      if (info && !info.cancelled) answers.set(row.id, speakerAnswerOf(info.guests, text(row.record.speakerEmail)));
    } catch {
      // Calendar failed: the sheet keeps the last answer read.
    }
  }
  if (answers.size === 0) return done;
  return withLock(
    deps,
    () => {
      const snap = sessions.read({ fresh: true });
      const names = new Map<string, TableRow<ModuleKey>>(modules.read().byId);
      const out = new Outcomes(now);
      for (const [id, answer] of answers) {
        const row = snap.byId.get(id);
        if (!row || text(row.record.status) !== PROGRAMMED) continue;
        const before = text(row.record.speakerAnswer);
        if (answer === 'Declinó') {
          const start = dateOf(row.record.start);
          out.review.push({
            tipo: R.declined,
            referencia: `${id}|${text(row.record.speakerEmail).toLowerCase()}`,
            detalle: `${text(names.get(text(row.record.moduleId))?.record.name)}: ${M.reviewDeclined(int(row.record.number), text(row.record.topic), start ? formatLimaDate(start) : '')}`,
          });
        }
        if (before === answer) continue;
        out.set(id, { speakerAnswer: answer });
        done.changed++;
        deps.audit.record({ action: A.answer, target: id, result: 'Correcto', detail: A.answerDetail(before, answer) });
      }
      finish(deps, out, now);
      return done;
    },
    () => done,
  );
}
