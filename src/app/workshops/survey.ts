/**
 * The workshop survey (B08, C03): to the people marked present, once each, after the session;
 * their answers linked back to person and session.
 *
 * The form. One form for every session («Encuesta de Satisfacción – Servicios Virtuales MTPE»,
 * domain/workshops/survey-form.ts), made and kept whole by setup for the 'talleres' role like the
 * registration form (app/product-form.ts: published, open to people outside the domain, its
 * responses sent here, one submit trigger).
 *
 * The run (`runWorkshopSurveys`, a duty of the session clock and its own continuation handler):
 * - holds the job's lease (a safety continuation first, like every job: app/jobs.ts);
 * - links any answer a submit execution left pending or lost (markers, then a sweep of the form);
 * - under the lock, reads 'Sesiones', 'Asistencia', 'Inscripciones' and 'Envíos de sesiones'
 *   once and adds a 'pendiente' row (kind 'Encuesta') for every person marked present in a
 *   session whose survey is due (domain/workshops/survey.ts) and who has none: a person marked
 *   present later gets a row on a later run, nobody gets two;
 * - reconciles what an interrupted run left in the mail journal ('enviando' → 'Revisión', never
 *   resent);
 * - sends the 'pendiente' rows through `sendOnce` (journal 'encuesta-taller' keyed by the row ID),
 *   spending only the mail quota left after the attention flow's reserve (tomorrow's reminders
 *   first, as the invitations do); the link is the form's prefilled link, built ONCE per run with
 *   placeholders (a Forms call per email would cost a second each);
 * - writes every outcome in one batched update under the lock, then each session's 'Encuesta'
 *   state and 'Participantes' (the people marked present); audits one line per session surveyed
 *   and one per send in doubt;
 * - stops before its time budget and continues a minute later; out of quota, the next day after
 *   the reminders.
 *
 * «Enviar encuesta» (`sendSessionSurvey`): the same run for one session, now (as soon as the
 * session ended, without the delay or the two-week window), refused politely before the end.
 *
 * Answers (`linkWorkshopSurveyResponses`, the form's submit trigger): the response names its
 * session by the prefilled code and its person only by the token — the HMAC of session and
 * registration (never guessable from IDs). Matched → one row in 'Encuestas de talleres' (ID = the
 * response's ID, so a response delivered twice changes nothing). ONE answer per person and
 * session: a second answer goes to 'Revisión' with all its answers and the first stands (as the
 * attention survey does: a person decides; a forged or repeated answer never overwrites). An
 * unknown session, a missing or wrong token → 'Revisión' with the raw answers (never the token).
 * Nothing is lost: the submit execution marks the response pending before taking the lock, and
 * the run handles pending markers and sweeps the form.
 */
import { invitationBudget, nextInvitationDay } from '../../domain/workshops/invitations';
import { formatLimaDateTime } from '../../domain/lima-time';
import {
  WORKSHOP_SURVEY_AUDIT as A,
  WORKSHOP_SURVEY_MESSAGES as M,
  WORKSHOP_SURVEY_NOTES as N,
  WORKSHOP_SURVEY_REVIEW as R,
  workshopSurveyEmail,
} from '../../domain/messages/workshop-survey';
import {
  ATTENDANCE_TAB,
  MODULES_TAB,
  REGISTRATIONS_TAB,
  REVIEW_TAB,
  SESSION_MAILS_TAB,
  SESSIONS_TAB,
  SETTINGS_TAB,
  WORKSHOP_SURVEYS_TAB,
  type SessionKey,
  type SessionMailKey,
  type WorkshopSurveyKey,
} from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { cleanText, neutraliseFormula } from '../../domain/text';
import {
  participantsBySession,
  planSurveyMails,
  sessionSurveyState,
  surveyDueTimes,
  surveyGate,
  SURVEY_MAIL_KIND,
  isSurveyMailId,
  type SurveyAttendanceFacts,
  type SurveyRegistrationFacts,
  type SurveySessionFacts,
} from '../../domain/workshops/survey';
import {
  normaliseSessionCode,
  readWorkshopSurvey,
  registrationOfToken,
  workshopAnswersLine,
  workshopSurveyToken,
  WORKSHOP_SURVEY_FORM,
  WORKSHOP_SURVEY_SESSION_QUESTION,
  WORKSHOP_SURVEY_TOKEN_QUESTION,
} from '../../domain/workshops/survey-form';
import { LockBusyError, type AuditLog, type Clock, type FormAdmin, type FormAnswers, type Forms, type KeyValueStore, type Lock, type Mailer, type RowChange, type Scheduler, type Workbook, type Workbooks } from '../../ports';
import { clearJournal, journalEntries, sendOnce, type QuotaBudget } from '../delivery';
import { Budget, CONTINUATION_DELAY_MS, continuationProperty, finishJob, JOB_BUDGET_MS, leasedRun, scheduleContinuation, startJob } from '../jobs';
import { ensureFormTrigger, ensureProductForm } from '../product-form';
import { recordReview, type ReviewItem } from '../review';
import { readSettings, type Settings } from '../settings';
import { recordedSiblingId } from '../setup';
import { siblingRemindersDue } from './sibling-reminders';
import { signingSecret } from '../signing';
import { dateOf, text } from './cells';

export const WORKSHOP_SURVEY_HANDLER = 'runWorkshopSurveys';
export const WORKSHOP_SURVEY_SUBMIT_HANDLER = 'onWorkshopSurveySubmit';

export const WORKSHOP_SURVEY_PROPERTY_KEYS = {
  formId: 'SOE_WORKSHOP_SURVEY_FORM_ID',
  /** When the last sweep read the responses (ISO). */
  sweptAt: 'SOE_WORKSHOP_SURVEY_SWEPT_AT',
} as const;
/** Document property marking a response whose handling has begun and not finished. */
export const WORKSHOP_SURVEY_PENDING_PREFIX = 'SOE_WSURVEY_PENDING:';
/** A sweep reads responses from this long before the previous one. */
const SWEEP_MARGIN_MS = 2 * 86_400_000;
/** Journal kind of a survey email. */
const KIND = 'encuesta-taller' as const;
/** Time kept for the final write and the cleanup. */
export const FINAL_RESERVE_MS = 30_000;
/** Placeholders of the per-run link template: letters and digits only (encoding leaves them as they are). */
const SESSION_PLACEHOLDER = 'SOESESIONPLANTILLA0';
const TOKEN_PLACEHOLDER = 'soeclaveplantilla0';

export interface WorkshopSurveyDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  scheduler: Scheduler;
  lock: Lock;
  clock: Clock;
  mailer: Mailer;
  audit: AuditLog;
  forms: Forms & Partial<FormAdmin>;
  /** Working time before the run stops itself (tests shorten it). */
  budgetMs?: number;
}

export interface WorkshopSurveyRunResult {
  ran: boolean;
  /** Sessions whose survey may go now (or the one asked for). */
  sessions: number;
  sent: number;
  /** Rows already sent before this run, in the sessions looked at (the panel's "ya la habían recibido"). */
  already: number;
  ambiguous: number;
  noAddress: number;
  waitingForQuota: number;
  remaining: number;
  /** Answers linked or sent to 'Revisión' from pending markers and the sweep. */
  linked: number;
  continues: boolean;
  participants: Record<string, number>;
  summary: string;
}

function sessionFacts(row: TableRow<SessionKey>): SurveySessionFacts {
  return { id: row.id, moduleId: text(row.record.moduleId), end: dateOf(row.record.end), status: text(row.record.status) };
}

/** The form's ID: its document property, else the settings' mirror. */
export function workshopSurveyFormId(props: Readonly<Record<string, string>>, settings: Pick<Settings, 'workshopSurveyFormId'>): string {
  return props[WORKSHOP_SURVEY_PROPERTY_KEYS.formId] || settings.workshopSurveyFormId || '';
}

// ---------------------------------------------------------------------------- the duty

/** A session as the clock may hand it: a 'Sesiones' row or its record. */
export type DutySession = { record: Readonly<Record<string, unknown>> } | Readonly<Record<string, unknown>>;

function dutyFacts(s: DutySession): SurveySessionFacts {
  const r = ('record' in s && s.record && typeof s.record === 'object' ? s.record : s) as Record<string, unknown>;
  const id = text((s as { id?: unknown }).id) || text(r.id);
  return { id, moduleId: text(r.moduleId), end: dateOf(r.end), status: text(r.status) };
}

/**
 * The survey duty of the session clock (SESSION_DUTIES in app/workshops/session-duties.ts, wired
 * by the integrator): due at each session's end plus `workshopSurveyDelayMinutes`.
 */
export const WORKSHOP_SURVEY_DUTY = {
  name: 'Encuestas de talleres',
  dueTimes(sessions: readonly DutySession[], settings: Pick<Settings, 'workshopSurveyDelayMinutes'>): number[] {
    return surveyDueTimes(sessions.map(dutyFacts), settings);
  },
  run(deps: WorkshopSurveyDeps, now: Date): string {
    return runWorkshopSurveys(deps, now).summary;
  },
};

// ---------------------------------------------------------------------------- the run

function emptyResult(): WorkshopSurveyRunResult {
  return { ran: false, sessions: 0, sent: 0, already: 0, ambiguous: 0, noAddress: 0, waitingForQuota: 0, remaining: 0, linked: 0, continues: false, participants: {}, summary: '' };
}

/** Every survey due now (see the module comment). `now`: the clock's moment (defaults to the clock). */
export function runWorkshopSurveys(deps: WorkshopSurveyDeps, now: Date = deps.clock.now()): WorkshopSurveyRunResult {
  return leasedSurveyRun(deps, now, null);
}

function leasedSurveyRun(deps: WorkshopSurveyDeps, now: Date, only: string | null): WorkshopSurveyRunResult {
  const budget = new Budget(deps.clock, deps.budgetMs ?? JOB_BUDGET_MS);
  const result = emptyResult();
  if (!deps.workbooks.current().table(SESSION_MAILS_TAB).exists()) {
    result.summary = M.notTalleres;
    return result;
  }
  leasedRun(
    deps,
    WORKSHOP_SURVEY_HANDLER,
    (release) => runLeased(deps, now, only, budget, result, release),
    () => {
      result.continues = true;
      result.summary = M.anotherRunWorking;
      deps.audit.record({ action: A.run, result: 'Sin efecto', detail: result.summary });
    },
  );
  return result;
}

interface Outcome {
  fields: Partial<Record<SessionMailKey, FieldValue>>;
  clear: string[];
}

function runLeased(deps: WorkshopSurveyDeps, now: Date, only: string | null, budget: Budget, result: WorkshopSurveyRunResult, release: () => void): void {
  result.ran = true;
  const job = startJob(deps);
  const book = deps.workbooks.current();
  const journal = { ...deps.properties.getAll() };
  const settings = readSettings(book.table(SETTINGS_TAB)).settings;
  const formId = workshopSurveyFormId(journal, settings);

  // 0. Answers a submit execution could not finish (markers), and any the form holds unaccounted for.
  if (formId) result.linked = sweepWorkshopSurveyResponses(deps, formId, journal).linked;

  // 1. Plan under the lock: the rows missing for the sessions due, appended as 'pendiente'.
  const plan = deps.lock.withLock(() => {
    const sessions = book.table(SESSIONS_TAB).read({ fresh: true });
    const attendanceTable = book.table(ATTENDANCE_TAB);
    const attendance: SurveyAttendanceFacts[] = attendanceTable.exists()
      ? attendanceTable
          .read({ fresh: true })
          .rows.filter((r) => r.id !== '')
          .map((r) => ({ sessionId: text(r.record.sessionId), registrationId: text(r.record.registrationId), present: r.record.present === true }))
      : [];
    const registrations = new Map<string, SurveyRegistrationFacts & { fullName: string }>();
    for (const r of book.table(REGISTRATIONS_TAB).read({ fresh: true }).rows) {
      if (r.id !== '') registrations.set(r.id, { id: r.id, email: text(r.record.email), status: text(r.record.status), fullName: text(r.record.fullName) });
    }
    const mails = book.table(SESSION_MAILS_TAB).read({ fresh: true });
    const due = sessions.rows
      .filter((r) => r.id !== '' && (only === null || r.id === only))
      .map(sessionFacts)
      .filter((s) => surveyGate(s, now, settings.workshopSurveyDelayMinutes, only !== null) === null);
    const existing = new Set(mails.rows.map((r) => r.id).filter((id) => id !== ''));
    const p = planSurveyMails(due, attendance, registrations, existing);
    if (p.add.length) {
      book.table(SESSION_MAILS_TAB).append(
        p.add.map((m) => ({ id: m.id, kind: SURVEY_MAIL_KIND, sessionId: m.sessionId, moduleId: m.moduleId, registrationId: m.registrationId, email: m.email, delivery: 'pendiente', sentAt: '', note: '' })),
      );
    }
    return { sessions, attendance, registrations, due, added: p.add, noAddress: p.noAddress, mails: book.table(SESSION_MAILS_TAB).read() };
  });
  result.sessions = plan.due.length;
  result.noAddress = plan.noAddress.length;
  const dueIds = new Set(plan.due.map((s) => s.id));
  for (const r of plan.mails.rows) {
    if (r.id !== '' && isSurveyMailId(r.id) && dueIds.has(text(r.record.sessionId)) && text(r.record.delivery).toLowerCase() === 'enviado') result.already++;
  }

  // 2. What an interrupted run left in the journal (we hold the lease: nobody else writes these keys).
  const outcomes = new Map<string, Outcome>();
  const outcome = (id: string): Outcome => {
    let o = outcomes.get(id);
    if (!o) outcomes.set(id, (o = { fields: {}, clear: [] }));
    return o;
  };
  const review: ReviewItem[] = [];
  const stale: string[] = [];
  for (const entry of journalEntries(deps.properties, KIND, journal)) {
    const row = plan.mails.byId.get(entry.rowId);
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
      review.push({ tipo: R.interruptedKind, referencia: row.id, detalle: R.interrupted(text(row.record.sessionId), text(row.record.registrationId)) });
      deps.audit.record({ action: A.ambiguous, target: row.id, result: 'Por revisar', detail: N.interrupted });
      result.ambiguous++;
    }
  }

  // 3. The queue: every survey row still 'pendiente' (of any session not cancelled; `only`: that session's).
  const sessionRows = plan.sessions.byId;
  const pending: TableRow<SessionMailKey>[] = [];
  for (const row of plan.mails.rows) {
    if (row.id === '' || !isSurveyMailId(row.id) || outcomes.has(row.id)) continue;
    const d = text(row.record.delivery).toLowerCase();
    if (d !== '' && d !== 'pendiente') continue;
    const sid = text(row.record.sessionId);
    if (only !== null && sid !== only) continue;
    const session = sessionRows.get(sid);
    if (!session || text(session.record.status) === 'Cancelada') continue;
    pending.push(row);
  }

  // 4. The emails, while time and the quota left after the attention flow's reserve last.
  let i = 0;
  const sentBySession = new Map<string, number>();
  let noForm = false;
  if (pending.length) {
    const template = formId ? linkTemplate(deps.forms, formId) : null;
    if (!template) {
      noForm = true;
      for (const row of pending) if (text(row.record.note) !== N.noForm) Object.assign(outcome(row.id).fields, { note: N.noForm });
    } else {
      const allowance = invitationBudget(deps.mailer.remainingDailyQuota(), siblingRemindersDue(deps, now));
      const quota: QuotaBudget = { remaining: allowance };
      const mailDeps = { mailer: deps.mailer, journal: deps.properties, clock: deps.clock, quota, snapshot: journal };
      const secret = signingSecret(deps.properties, journal);
      const modules = book.table(MODULES_TAB).exists() ? book.table(MODULES_TAB).read().byId : new Map();
      for (; i < pending.length; i++) {
        if (budget.exhausted(FINAL_RESERVE_MS) || quota.remaining <= 0) break;
        const row = pending[i];
        const sid = text(row.record.sessionId);
        const regId = text(row.record.registrationId);
        const session = sessionRows.get(sid)!.record;
        const email = text(row.record.email).toLowerCase();
        const o = outcome(row.id);
        if (email === '' || !regId) {
          // The address was erased (a deletion under Ley 29733): nobody to write to.
          Object.assign(o.fields, { delivery: 'error', note: N.invalidEmail });
          continue;
        }
        const url = template
          .replace(`=${TOKEN_PLACEHOLDER}`, () => `=${encodeURIComponent(workshopSurveyToken(secret, sid, regId))}`)
          .replace(`=${SESSION_PLACEHOLDER}`, () => `=${encodeURIComponent(sid)}`);
        const mail = workshopSurveyEmail({
          fullName: plan.registrations.get(regId)?.fullName ?? '',
          moduleName: text(modules.get(text(session.moduleId))?.record.name),
          topic: text(session.topic),
          start: dateOf(session.start),
          surveyUrl: url,
        });
        const sent = sendOnce(mailDeps, KIND, row.id, { to: email, ...mail });
        if (sent.status === 'enviado') {
          Object.assign(o.fields, { delivery: 'enviado', sentAt: sent.at, note: '' });
          o.clear.push(row.id);
          result.sent++;
          sentBySession.set(sid, (sentBySession.get(sid) ?? 0) + 1);
        } else if (sent.status === 'ambiguo') {
          Object.assign(o.fields, { delivery: 'enviando', note: N.interrupted });
          o.clear.push(row.id);
          result.ambiguous++;
          review.push({ tipo: R.interruptedKind, referencia: row.id, detalle: R.interrupted(sid, regId) });
          deps.audit.record({ action: A.ambiguous, target: row.id, result: 'Por revisar', detail: sent.message });
        } else if (/too many times|cupo diario/i.test(sent.message)) {
          outcomes.delete(row.id);
          break;
        } else {
          Object.assign(o.fields, { delivery: 'error', note: /invalid email/i.test(sent.message) ? N.invalidEmail : cleanText(sent.message, 200) });
        }
      }
    }
  }
  const notReached = noForm ? 0 : pending.length - i;
  const outOfQuota = notReached > 0 && !budget.exhausted(FINAL_RESERVE_MS);
  if (outOfQuota) result.waitingForQuota = notReached;
  else result.remaining = notReached;

  // 5. One batched write of every outcome, then the sessions' state and participants, under the lock.
  const cleared = writeOutcomes(deps, book, outcomes, review, plan.attendance, now, result);
  clearJournal(deps.properties, KIND, [...stale, ...cleared]);
  for (const [sid, n] of sentBySession) deps.audit.record({ action: A.sent, target: sid, result: 'Correcto', detail: `${n} ${n === 1 ? 'encuesta enviada' : 'encuestas enviadas'} a asistentes de la sesión.` });

  // 6. Continue, or finish.
  release();
  if (result.remaining > 0) {
    scheduleContinuation(deps, WORKSHOP_SURVEY_HANDLER, CONTINUATION_DELAY_MS, { replace: true });
    pruneTriggers(deps);
    result.continues = true;
    deps.audit.record({ action: A.continuation, result: 'Correcto', detail: M.continuation(CONTINUATION_DELAY_MS / 60_000) });
  } else if (result.waitingForQuota > 0) {
    const at = nextInvitationDay(deps.clock.now(), siblingReminderHour(deps));
    scheduleContinuation(deps, WORKSHOP_SURVEY_HANDLER, Math.max(CONTINUATION_DELAY_MS, at.getTime() - deps.clock.now().getTime()), { replace: true });
    pruneTriggers(deps);
    result.continues = true;
    deps.audit.record({ action: A.waiting, result: 'Sin efecto', detail: M.waitingForQuota(result.waitingForQuota, formatLimaDateTime(at)) });
  } else {
    result.continues = finishJob(deps, WORKSHOP_SURVEY_HANDLER, job);
    pruneTriggers(deps);
  }
  result.summary = M.runSummary({ ...result, waiting: result.waitingForQuota });
  if (noForm) result.summary += ` ${M.noForm}`;
  if (result.sent || result.ambiguous || result.waitingForQuota || result.remaining || result.linked || noForm) {
    deps.audit.record({ action: A.run, result: result.ambiguous || noForm ? 'Por revisar' : 'Correcto', detail: result.summary });
  }
}

/**
 * Every time-driven trigger of the run is one of its own one-offs (the session clock has its own
 * handler): all but the recorded continuation are removed — Apps Script keeps fired one-off
 * triggers and counts them among the 20 a user may have, and one a crashed run made but never
 * recorded would otherwise stay for ever.
 */
function pruneTriggers(deps: WorkshopSurveyDeps): void {
  deps.lock.withLock(() => {
    let keep = '';
    try {
      keep = String((JSON.parse(deps.properties.get(continuationProperty(WORKSHOP_SURVEY_HANDLER)) ?? '{}') as { triggerId?: unknown }).triggerId ?? '');
    } catch {
      keep = '';
    }
    for (const t of deps.scheduler.list()) if (t.handler === WORKSHOP_SURVEY_HANDLER && t.kind === 'clock' && t.id !== keep) deps.scheduler.remove(t.id);
  });
}

/** The form's prefilled link with placeholders (one Forms call per run), or null when it cannot be made safely. */
function linkTemplate(forms: Forms, formId: string): string | null {
  try {
    const url = forms.prefilledUrl(formId, { [WORKSHOP_SURVEY_SESSION_QUESTION]: SESSION_PLACEHOLDER, [WORKSHOP_SURVEY_TOKEN_QUESTION]: TOKEN_PLACEHOLDER });
    const once = (p: string) => url.split(`=${p}`).length === 2 && url.split(p).length === 2;
    return once(SESSION_PLACEHOLDER) && once(TOKEN_PLACEHOLDER) ? url : null;
  } catch {
    return null; // the form or a question is missing: the rows wait, the summary says to run setup
  }
}

function writeOutcomes(
  deps: WorkshopSurveyDeps,
  book: Workbook,
  outcomes: Map<string, Outcome>,
  review: ReviewItem[],
  attendance: readonly SurveyAttendanceFacts[],
  now: Date,
  result: WorkshopSurveyRunResult,
): string[] {
  deps.lock.withLock(() => {
    const table = book.table(SESSION_MAILS_TAB);
    const changes: RowChange<SessionMailKey>[] = [];
    if (outcomes.size) {
      const fresh = table.read({ fresh: true });
      for (const [id, o] of outcomes) if (fresh.byId.has(id) && Object.keys(o.fields).length) changes.push({ id, fields: o.fields });
      if (changes.length) table.update(changes, { mode: 'span' });
    }
    if (review.length && book.table(REVIEW_TAB).exists()) recordReview(book.table(REVIEW_TAB), review, now);

    // Each session's 'Encuesta' (from its survey rows) and 'Participantes' (people marked present, once it ended).
    const deliveries = new Map<string, string[]>();
    for (const r of table.read().rows) {
      if (r.id === '' || !isSurveyMailId(r.id)) continue;
      const sid = text(r.record.sessionId);
      const list = deliveries.get(sid) ?? [];
      list.push(text(r.record.delivery));
      deliveries.set(sid, list);
    }
    const participants = participantsBySession(attendance);
    const sessions = book.table(SESSIONS_TAB);
    const sessionChanges: RowChange<SessionKey>[] = [];
    for (const s of sessions.read().rows) {
      if (s.id === '') continue;
      const fields: Partial<Record<SessionKey, FieldValue>> = {};
      const state = sessionSurveyState(deliveries.get(s.id) ?? []);
      if (state !== '' && text(s.record.survey) !== state) fields.survey = state;
      const end = dateOf(s.record.end);
      if (end && end.getTime() <= now.getTime() && text(s.record.status) !== 'Cancelada') {
        const n = participants.get(s.id) ?? 0;
        result.participants[s.id] = n;
        if (s.record.participants !== n) fields.participants = n;
      }
      if (Object.keys(fields).length) sessionChanges.push({ id: s.id, fields: { ...fields, updatedAt: now } });
    }
    if (sessionChanges.length) {
      sessions.update(sessionChanges, { mode: 'span' });
      for (const c of sessionChanges) {
        if (c.fields.participants !== undefined) deps.audit.record({ action: A.participants, target: c.id, result: 'Correcto', detail: M.participants(c.id, Number(c.fields.participants)) });
      }
    }
  });
  return [...outcomes.values()].flatMap((o) => o.clear);
}

function siblingReminderHour(deps: Pick<WorkshopSurveyDeps, 'workbooks' | 'properties'>): number {
  try {
    const id = recordedSiblingId(deps.properties);
    const sibling = id ? deps.workbooks.open(id) : null;
    return sibling ? readSettings(sibling.table(SETTINGS_TAB)).settings.reminderHour : 18;
  } catch {
    return 18;
  }
}

// ---------------------------------------------------------------------------- «Enviar encuesta»

export interface SessionSurveyResult {
  ok: boolean;
  message: string;
  sent: number;
  participants: number;
}

/** «Enviar encuesta» for one session: now, to the people marked present not yet surveyed. */
export function sendSessionSurvey(deps: WorkshopSurveyDeps, rawSessionId: unknown): SessionSurveyResult {
  const id = cleanText(rawSessionId, 80);
  const book = deps.workbooks.current();
  const refuse = (message: string): SessionSurveyResult => {
    deps.audit.record({ action: A.refused, target: id, result: 'Sin efecto', detail: message });
    return { ok: false, message, sent: 0, participants: 0 };
  };
  if (!book.table(SESSION_MAILS_TAB).exists() || !book.table(SESSIONS_TAB).exists()) return { ok: false, message: M.notTalleres, sent: 0, participants: 0 };
  const row = id ? book.table(SESSIONS_TAB).read().byId.get(id) : undefined;
  if (!row) return refuse(M.sessionNotFound);
  const now = deps.clock.now();
  const gate = surveyGate(sessionFacts(row), now, 0, true);
  if (gate === 'cancelled') return refuse(M.cancelled);
  if (gate === 'no-end') return refuse(M.noEnd);
  if (gate === 'not-yet') return refuse(M.notYet(formatLimaDateTime(dateOf(row.record.end)!)));
  const settings = readSettings(book.table(SETTINGS_TAB)).settings;
  if (!workshopSurveyFormId(deps.properties.getAll(), settings)) return refuse(M.noForm);
  let r: WorkshopSurveyRunResult;
  try {
    r = leasedSurveyRun(deps, now, id);
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, message: M.lockBusy, sent: 0, participants: 0 };
    throw e;
  }
  if (!r.ran) return { ok: false, message: r.summary || M.anotherRunWorking, sent: 0, participants: 0 };
  const participants = r.participants[id] ?? 0;
  if (participants === 0 && r.sent === 0 && r.already === 0) return { ok: true, message: M.nobodyPresent, sent: 0, participants };
  return {
    ok: true,
    message: M.sessionSummary({ sent: r.sent, already: r.already, waiting: r.waitingForQuota + r.remaining, ambiguous: r.ambiguous, noAddress: r.noAddress, participants }),
    sent: r.sent,
    participants,
  };
}

// ---------------------------------------------------------------------------- answers

export interface WorkshopAnswerDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  audit: AuditLog;
}

export interface WorkshopAnswerResult {
  linked: number;
  forReview: number;
  /** Already accounted for (a row or a 'Revisión' item): nothing to do. */
  unchanged: number;
}

/** "Response R waits" (one property, no lock): written before the lock is taken, removed once the sheet accounts for R. */
export function markWorkshopSurveyPending(properties: KeyValueStore, r: FormAnswers): void {
  properties.setAll({ [WORKSHOP_SURVEY_PENDING_PREFIX + r.responseId]: r.submittedAt.toISOString() });
}

/**
 * Links responses to person and session (see the module comment). Takes the lock. Pending
 * markers of the responses it accounts for are removed.
 */
export function linkWorkshopSurveyResponses(deps: WorkshopAnswerDeps, responses: readonly FormAnswers[], props?: Readonly<Record<string, string>>): WorkshopAnswerResult {
  const result: WorkshopAnswerResult = { linked: 0, forReview: 0, unchanged: 0 };
  if (responses.length === 0) return result;
  const book = deps.workbooks.current();
  return deps.lock.withLock(() => {
    const answersTable = book.table(WORKSHOP_SURVEYS_TAB);
    const reviewTable = book.table(REVIEW_TAB);
    const answers = answersTable.read({ fresh: true });
    const known = new Set(answers.rows.map((r) => r.id).filter((id) => id !== ''));
    const answeredBy = new Map<string, string>();
    for (const r of answers.rows) {
      const key = `${text(r.record.sessionId)}\u0000${text(r.record.registrationId)}`;
      if (r.id !== '' && text(r.record.registrationId) !== '' && !answeredBy.has(key)) answeredBy.set(key, r.id);
    }
    let reviewRefs: Set<string> | null = null;
    const inReview = (responseId: string): boolean => {
      reviewRefs ??= new Set(reviewTable.exists() ? reviewTable.read({ fresh: true }).rows.map((r) => text(r.record.reference)) : []);
      return reviewRefs.has(responseId);
    };
    const sessions = new Map<string, TableRow<SessionKey>>();
    for (const s of book.table(SESSIONS_TAB).read({ fresh: true }).rows) if (s.id !== '') sessions.set(normaliseSessionCode(s.id), s);
    // The people each session was surveyed: only a token the service sent may answer.
    let surveyed: Map<string, string[]> | null = null;
    const surveyedIn = (sid: string): string[] => {
      if (!surveyed) {
        surveyed = new Map();
        for (const r of book.table(SESSION_MAILS_TAB).read({ fresh: true }).rows) {
          if (r.id === '' || !isSurveyMailId(r.id)) continue;
          const list = surveyed.get(text(r.record.sessionId)) ?? [];
          list.push(text(r.record.registrationId));
          surveyed.set(text(r.record.sessionId), list);
        }
      }
      return surveyed.get(sid) ?? [];
    };
    let secretValue: string | null = null;
    const secret = () => (secretValue ??= signingSecret(deps.properties, props));
    const rows: Partial<Record<WorkshopSurveyKey, FieldValue>>[] = [];
    const review: ReviewItem[] = [];
    const settled: string[] = [];
    const now = deps.clock.now();

    for (const resp of responses) {
      settled.push(resp.responseId);
      if (known.has(resp.responseId)) {
        result.unchanged++;
        continue;
      }
      known.add(resp.responseId);
      const read = readWorkshopSurvey(resp.answers);
      const line = workshopAnswersLine(resp.answers);
      const session = read.sessionCode ? sessions.get(read.sessionCode) : undefined;
      const sid = session?.id ?? '';
      const regId = session && read.token ? registrationOfToken(secret(), sid, surveyedIn(sid), read.token) : null;
      const key = `${sid}\u0000${regId ?? ''}`;
      const first = regId ? answeredBy.get(key) : undefined;
      if (!session || !regId || first) {
        if (inReview(resp.responseId)) {
          result.unchanged++;
          continue;
        }
        const [tipo, detalle] = !session
          ? [R.unknownSessionKind, R.unknownSession(read.sessionCode, resp.responseId, line)]
          : read.token === ''
            ? [R.missingTokenKind, R.missingToken(sid, resp.responseId, line)]
            : !regId
              ? [R.invalidTokenKind, R.invalidToken(sid, resp.responseId, line)]
              : [R.alreadyAnsweredKind, R.alreadyAnswered(sid, regId, first!, resp.responseId, line)];
        review.push({ tipo, referencia: resp.responseId, detalle });
        deps.audit.record({ action: A.forReview, target: resp.responseId, result: 'Por revisar', detail: tipo });
        result.forReview++;
        continue;
      }
      answeredBy.set(key, resp.responseId);
      const [q1, q2, q3, q4] = read.scores;
      rows.push({
        id: resp.responseId,
        sessionId: sid,
        moduleId: text(session.record.moduleId),
        registrationId: regId,
        submittedAt: resp.submittedAt,
        q1: q1 ?? '',
        q2: q2 ?? '',
        q3: q3 ?? '',
        q4: q4 ?? '',
        recommend: neutraliseFormula(read.recommend),
        comment: neutraliseFormula(read.comment),
        score: read.score ?? '',
      });
      deps.audit.record({ action: A.linked, target: `${sid}/${regId}`, result: 'Correcto', detail: `Respuesta ${resp.responseId} registrada.` });
      result.linked++;
    }
    if (rows.length) answersTable.append(rows);
    if (review.length) recordReview(reviewTable, review, now);
    const all = props ?? deps.properties.getAll();
    for (const id of new Set(settled)) if (all[WORKSHOP_SURVEY_PENDING_PREFIX + id] !== undefined) deps.properties.delete(WORKSHOP_SURVEY_PENDING_PREFIX + id);
    return result;
  });
}

/**
 * Answers not yet accounted for: those pending markers name, and every response of the form
 * since the previous sweep (with a margin) that no row or 'Revisión' item accounts for.
 */
export function sweepWorkshopSurveyResponses(deps: WorkshopAnswerDeps & { forms: Forms & Partial<FormAdmin> }, formId: string, props: Readonly<Record<string, string>> = deps.properties.getAll()): WorkshopAnswerResult {
  const none: WorkshopAnswerResult = { linked: 0, forReview: 0, unchanged: 0 };
  if (!formId || typeof deps.forms.responses !== 'function') return none;
  const book = deps.workbooks.current();
  if (!book.table(WORKSHOP_SURVEYS_TAB).exists()) return none;
  const swept = new Date(props[WORKSHOP_SURVEY_PROPERTY_KEYS.sweptAt] ?? '');
  const since = isNaN(swept.getTime()) ? undefined : new Date(swept.getTime() - SWEEP_MARGIN_MS);
  const now = deps.clock.now();
  const known = new Set(book.table(WORKSHOP_SURVEYS_TAB).read({ fresh: true }).rows.map((r) => r.id).filter((id) => id !== ''));
  const reviewTable = book.table(REVIEW_TAB);
  for (const r of reviewTable.exists() ? reviewTable.read({ fresh: true }).rows : []) if (text(r.record.reference)) known.add(text(r.record.reference));
  const queue = new Map<string, FormAnswers>();
  for (const r of deps.forms.responses(formId, since, known)) queue.set(r.responseId, r);
  const pendingIds = Object.keys(props).filter((k) => k.startsWith(WORKSHOP_SURVEY_PENDING_PREFIX)).map((k) => k.slice(WORKSHOP_SURVEY_PENDING_PREFIX.length));
  for (const id of pendingIds) {
    if (queue.has(id)) continue;
    if (known.has(id)) {
      deps.properties.delete(WORKSHOP_SURVEY_PENDING_PREFIX + id);
      continue;
    }
    const r = typeof deps.forms.response === 'function' ? deps.forms.response(formId, id) : null;
    if (r) queue.set(id, r);
  }
  const result = linkWorkshopSurveyResponses(deps, [...queue.values()].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime()), props);
  deps.properties.setAll({ [WORKSHOP_SURVEY_PROPERTY_KEYS.sweptAt]: now.toISOString() });
  return result;
}

/**
 * The submit trigger's work: marks the response pending (no lock), then links it under the lock.
 * When the sheet is busy the marker stays and the next submission or run handles it.
 */
export function handleWorkshopSurveySubmit(deps: WorkshopAnswerDeps & { forms: Forms & Partial<FormAdmin> }, response: FormAnswers): string {
  markWorkshopSurveyPending(deps.properties, response);
  try {
    const props = deps.properties.getAll();
    // Earlier responses other executions left pending first (in the order people sent them).
    const formId = props[WORKSHOP_SURVEY_PROPERTY_KEYS.formId] ?? '';
    const others: FormAnswers[] = [];
    for (const key of Object.keys(props)) {
      if (!key.startsWith(WORKSHOP_SURVEY_PENDING_PREFIX)) continue;
      const id = key.slice(WORKSHOP_SURVEY_PENDING_PREFIX.length);
      if (id === response.responseId || !formId || typeof deps.forms.response !== 'function') continue;
      const r = deps.forms.response(formId, id);
      if (r) others.push(r);
    }
    const all = [...others.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime()), response];
    const r = linkWorkshopSurveyResponses(deps, all, props);
    return r.linked ? 'registrada' : r.forReview ? 'por revisar' : 'ya registrada';
  } catch (e) {
    if (e instanceof LockBusyError) return 'pendiente';
    throw e;
  }
}

// ---------------------------------------------------------------------------- the form (setup)

export interface WorkshopSurveyFormState {
  formId: string;
  url: string;
}

/** Makes sure the workshop survey form exists, has every question, sends its responses here and is open (app/product-form.ts). */
export function ensureWorkshopSurveyForm(
  deps: { forms: FormAdmin; properties: KeyValueStore },
  spreadsheetId: string,
  known: string,
  change: (action: string, target: string, sentence: string) => void,
): WorkshopSurveyFormState {
  const form = ensureProductForm(
    deps,
    { definition: WORKSHOP_SURVEY_FORM, propertyKey: WORKSHOP_SURVEY_PROPERTY_KEYS.formId, auditCreated: A.formCreated, auditRepaired: A.formRepaired },
    spreadsheetId,
    known,
    change,
  );
  return { formId: form.formId, url: form.url };
}

/** Exactly one form-submit trigger of `onWorkshopSurveySubmit` on the form. */
export function ensureWorkshopSurveyTrigger(scheduler: Scheduler, formId: string, change: (action: string, target: string, sentence: string) => void): void {
  if (ensureFormTrigger(scheduler, WORKSHOP_SURVEY_SUBMIT_HANDLER, formId)) {
    change(A.triggerInstalled, WORKSHOP_SURVEY_SUBMIT_HANDLER, 'Se activó el registro automático de las respuestas de la encuesta de talleres.');
  }
}
