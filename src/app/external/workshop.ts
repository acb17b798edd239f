/**
 * The external workshops' job (C02–C04), `runExternalRequests` (trigger only: a decision asks for
 * a run in a minute through ./job.ts `requestExternalRun`; setup installs a daily safety net).
 *
 * Each request in state 'Aprobada' (read fresh) becomes its one-session workshop through the SAME
 * pipeline as the internal modules, one idempotent step after the other:
 *
 *   1. the module (src/app/workshops/programme.ts `createExternalModule`: kind 'Externo', its
 *      institution, request ID and certificates flag; the create key is derived from the request
 *      ID, so a retry finds the module it made and completes a half-made one) → its ID is written
 *      on the request at once;
 *   2. the session's event with Meet and the speaker's invitation (speakers.ts `inviteSpeakers`:
 *      deterministic event ID, invitation once);
 *   3. registration opened (registration.ts `openRegistration`: the module's own link);
 *   4. the approval email to the institution's contact ONCE (sendOnce 'decision-solicitud', row =
 *      the request's ID) with the date and Lima time, topic, speaker, the link to share, the places
 *      and what happens next — written with 'Programada' + scheduledAt in ONE update of the row.
 *
 * A crash anywhere leaves the safety continuation (jobs.ts `leasedRun`) whose run finds each step
 * done or not and goes on. One request's failure does not stop the others. A proposal the module's
 * rules refuse (the speaker busy elsewhere, a date that passed) gets a note on the request and a
 * 'Revisión' item, and stays 'Aprobada': the panel shows it, and the next run tries again.
 *
 * After the session (`advanceHeldRequests`, also the session clock's duty «Taller externo
 * realizado»): 'Programada' → 'Realizada' + heldAt once the session ended; a day later (when the
 * attendance is in, like the consolidation) the attendance count on the request and the thanks to
 * the contact ONCE (sendOnce 'agradecimiento-institucion'), then 'Cerrada' + closedAt once the
 * thanks went and the certificates are all issued (or the workshop issues none).
 */
import { EXTERNAL_REQUESTS_TAB, ATTENDANCE_TAB, CERTIFICATES_TAB, MODULES_TAB, REGISTRATIONS_TAB, REVIEW_TAB, SESSIONS_TAB, SETTINGS_TAB, type ExternalRequestKey, type ModuleKey, type SessionKey } from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { mayMove, requestState } from '../../domain/external/states';
import { externalModuleInput } from '../../domain/external/workshop';
import {
  EXTERNAL_WORKSHOP_AUDIT as A,
  EXTERNAL_WORKSHOP_MESSAGES as M,
  EXTERNAL_WORKSHOP_REVIEW as R,
  externalApprovalEmail,
  externalThanksEmail,
} from '../../domain/messages/external-workshop';
import { normaliseEmail } from '../../domain/validation';
import { moduleCompletion } from '../../domain/workshops/completion';
import { planIssue } from '../../domain/workshops/certificates';
import { issuesCertificates } from '../../domain/workshops/certificates-flag';
import type { AuditLog, FormAdmin, FormChoices, Forms, Mailer, Meetings, Session, WebAppService, Workbook, Workbooks } from '../../ports';
import { clearJournal, QUOTA_EXHAUSTED, sendOnce, type DeliveryOutcome } from '../delivery';
import { Budget, CONTINUATION_DELAY_MS, finishJob, JOB_BUDGET_MS, leasedRun, scheduleContinuation, startJob, type JobDeps } from '../jobs';
import { recordReview, type ReviewItem } from '../review';
import { readSettings } from '../settings';
import { AUTO_CONSOLIDATION_DELAY_MS } from '../workshops/consolidation';
import { createExternalModule, type ModuleFieldErrors } from '../workshops/programme';
import { openRegistration } from '../workshops/registration';
import { ensureSessionClock } from '../workshops/session-clock';
import { inviteSpeakers } from '../workshops/speakers';
import { dateOf, int, text } from '../workshops/cells';
import { EXTERNAL_JOB_HANDLER, EXTERNAL_RUN_REQUEST_PROPERTY } from './job';

export interface ExternalWorkshopDeps extends JobDeps {
  workbooks: Workbooks;
  mailer: Mailer;
  meetings: Meetings;
  forms: Forms & FormAdmin & FormChoices;
  audit: AuditLog;
  session: Session;
  webApp: WebAppService | null;
  /** Working time before the run stops itself (tests shorten it). */
  budgetMs?: number;
}

/** What the after-session step needs (the session clock's deps have it all). */
export type HeldDeps = Pick<ExternalWorkshopDeps, 'workbooks' | 'properties' | 'lock' | 'clock' | 'mailer' | 'audit'>;

export interface ExternalRunResult {
  ran: boolean;
  scheduled: number;
  /** Waiting for the mail quota (tried again by the next run). */
  waiting: number;
  /** Refused by the module's rules or failed: noted on the request and in 'Revisión'. */
  failed: number;
  /** Requests moved after their session (Realizada / Cerrada). */
  advanced: number;
  continues: boolean;
  summary: string;
}

const APPROVED = 'Aprobada';
const OPEN = 'Inscripción abierta';
const CANCELLED_SESSION = 'Cancelada';
/** Every note this job writes starts so: it clears only its own once the request moves on. */
export const NOTE_PREFIX = 'Taller externo: ';
/** Time kept in reserve for one request's steps. */
const PER_REQUEST_RESERVE_MS = 60_000;
/** A request whose step failed with an error (a service down) is looked at again this much later, a few times; then the daily run. */
export const RETRY_DELAY_MS = 15 * 60_000;
export const MAX_RETRIES = 3;
/** Document property: how many retries in a row the job has scheduled after errors. */
export const RETRIES_PROPERTY = 'SOE_EXTERNAL_RETRIES';

type RequestFields = Partial<Record<ExternalRequestKey, FieldValue>>;
/** 'retry': a service failed (Calendar, Forms): noted, and looked at again soon, not only the next day. */
type Step = 'scheduled' | 'waiting' | 'failed' | 'retry' | 'skipped';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isKilled(e: unknown): boolean {
  return /Exceeded maximum execution time/i.test(errorText(e));
}

function requestsTable(book: Workbook) {
  return book.table(EXTERNAL_REQUESTS_TAB);
}

function freshRequest(book: Workbook, id: string): TableRow<ExternalRequestKey> | null {
  return requestsTable(book).read({ fresh: true }).byId.get(id) ?? null;
}

function liveSessions(book: Workbook, moduleId: string, fresh: boolean): TableRow<SessionKey>[] {
  const t = book.table(SESSIONS_TAB);
  if (!t.exists() || moduleId === '') return [];
  return t
    .read(fresh ? { fresh } : undefined)
    .rows.filter((r) => r.id !== '' && text(r.record.moduleId) === moduleId && text(r.record.status) !== CANCELLED_SESSION)
    .sort((a, b) => int(a.record.number) - int(b.record.number));
}

/** The module's field problems as one Spanish sentence list. */
function problemsOf(errors: ModuleFieldErrors): string {
  const list = [...Object.values(errors.fields), ...errors.sessions.flatMap((s) => Object.values(s))].filter((x): x is string => typeof x === 'string' && x !== '');
  return M.fieldProblems([...new Set(list)]);
}

/** A problem a person must see: the request's note, a 'Revisión' item, an audit line; the request stays 'Aprobada'. */
function noteProblem(deps: ExternalWorkshopDeps, id: string, detail: string): void {
  const note = `${NOTE_PREFIX}${detail}`;
  deps.lock.withLock(() => {
    const book = deps.workbooks.current();
    const row = freshRequest(book, id);
    if (!row) return;
    const now = deps.clock.now();
    if (text(row.record.note) !== note) requestsTable(book).update([{ id, fields: { note, updatedAt: now } }]);
    recordReview(book.table(REVIEW_TAB), [{ tipo: R.notScheduled, referencia: id, detalle: detail }], now);
  });
  deps.audit.record({ action: A.failed, target: id, result: 'Por revisar', detail });
}

// ---------------------------------------------------------------------------- the job

/** Time-driven: every approved request becomes its workshop; held ones move on after their session. */
export function runExternalRequests(deps: ExternalWorkshopDeps): ExternalRunResult {
  const budget = new Budget(deps.clock, deps.budgetMs ?? JOB_BUDGET_MS);
  const result: ExternalRunResult = { ran: false, scheduled: 0, waiting: 0, failed: 0, advanced: 0, continues: false, summary: '' };
  leasedRun(
    deps,
    EXTERNAL_JOB_HANDLER,
    (release) => {
      result.ran = true;
      const job = startJob(deps, EXTERNAL_RUN_REQUEST_PROPERTY);
      const book = deps.workbooks.current();
      let outOfTime = false;
      let errors = 0;
      if (requestsTable(book).exists()) {
        const ids = requestsTable(book)
          .read({ fresh: true })
          .rows.filter((r) => r.id !== '' && requestState(r.record.state) === APPROVED)
          .map((r) => r.id);
        for (const id of ids) {
          if (budget.exhausted(PER_REQUEST_RESERVE_MS)) {
            outOfTime = true;
            break;
          }
          let step: Step;
          try {
            step = scheduleRequest(deps, id);
          } catch (e) {
            // The platform killing the execution is not this request's failure: the continuation finishes it.
            if (isKilled(e)) throw e;
            deps.audit.record({ action: A.failed, target: id, result: 'Error', detail: errorText(e) });
            errors++;
            step = 'failed';
          }
          if (step === 'scheduled') result.scheduled++;
          else if (step === 'waiting') result.waiting++;
          else if (step === 'failed') result.failed++;
          else if (step === 'retry') {
            result.failed++;
            errors++;
          }
        }
        if (!outOfTime) {
          try {
            result.advanced = advanceHeldRequests(deps, deps.clock.now()).advanced;
          } catch (e) {
            if (isKilled(e)) throw e;
            deps.audit.record({ action: A.failed, target: A.held, result: 'Error', detail: errorText(e) });
            errors++;
          }
        }
      }
      release();
      const retries = Number(deps.properties.get(RETRIES_PROPERTY) ?? 0) || 0;
      if (outOfTime) {
        scheduleContinuation(deps, EXTERNAL_JOB_HANDLER, CONTINUATION_DELAY_MS, { replace: true });
        result.continues = true;
      } else if (errors > 0 && retries < MAX_RETRIES) {
        // An error (not a refusal by the rules) may pass: looked at again soon, a few times.
        deps.properties.setAll({ [RETRIES_PROPERTY]: String(retries + 1) });
        scheduleContinuation(deps, EXTERNAL_JOB_HANDLER, RETRY_DELAY_MS, { replace: true });
        result.continues = true;
      } else {
        if (retries > 0) deps.properties.delete(RETRIES_PROPERTY);
        result.continues = finishJob(deps, EXTERNAL_JOB_HANDLER, job, EXTERNAL_RUN_REQUEST_PROPERTY);
      }
    },
    () => {
      result.continues = true;
      result.summary = M.busy;
    },
  );
  if (result.ran) {
    result.summary = M.summary(result);
    if (result.scheduled + result.waiting + result.failed + result.advanced > 0) {
      deps.audit.record({ action: A.run, result: result.failed ? 'Por revisar' : 'Correcto', detail: result.summary });
    }
  }
  return result;
}

/** One approved request through the steps still missing. */
export function scheduleRequest(deps: ExternalWorkshopDeps, id: string): Step {
  const book = deps.workbooks.current();
  const row = freshRequest(book, id);
  if (!row || requestState(row.record.state) !== APPROVED) return 'skipped';
  const r = row.record;

  // 1. The module, made once (its create key is the request's ID).
  let moduleId = text(r.moduleId);
  const known = moduleId !== '' && book.table(MODULES_TAB).read({ fresh: true }).byId.has(moduleId) && liveSessions(book, moduleId, true).length > 0;
  if (!known) {
    const start = dateOf(r.proposedStart);
    const end = dateOf(r.proposedEnd);
    if (!start || !end || text(r.speaker) === '' || text(r.speakerEmail) === '') {
      noteProblem(deps, id, M.missingProposal);
      return 'failed';
    }
    const settings = readSettings(book.table(SETTINGS_TAB)).settings;
    const input = externalModuleInput(
      { id, institution: text(r.institution), topic: text(r.topic), expected: int(r.expected), proposedStart: start, proposedEnd: end, speaker: text(r.speaker), speakerEmail: text(r.speakerEmail) },
      settings.externalCapacityMarginPercent,
    );
    const saved = createExternalModule(deps, input, { requestId: id, institution: text(r.institution), certificates: issuesCertificates(r.certificates) });
    if (!saved.ok) {
      noteProblem(deps, id, M.moduleInvalid(saved.errors ? problemsOf(saved.errors) || saved.message : saved.message));
      return 'failed';
    }
    moduleId = saved.module.id;
    const recorded = deps.lock.withLock(() => {
      const now = freshRequest(book, id);
      if (!now || requestState(now.record.state) !== APPROVED) return false;
      if (text(now.record.moduleId) !== moduleId) requestsTable(book).update([{ id, fields: { moduleId, updatedAt: deps.clock.now() } }]);
      return true;
    });
    if (!recorded) return 'skipped';
    deps.audit.record({ action: A.module, target: id, result: 'Correcto', detail: `${moduleId} · ${saved.module.name}` });
  }

  // 2. The session's event with Meet and the speaker's invitation (each once, speakers.ts).
  const session = () => liveSessions(book, moduleId, true)[0];
  let s = session();
  const invitation = text(s?.record.speakerInvitation);
  if (!s || !text(s.record.eventId) || !text(s.record.meetUrl) || (invitation !== 'enviado' && invitation !== 'enviando')) {
    const invited = inviteSpeakers(deps, moduleId);
    s = session();
    if (!s || !text(s.record.eventId) || !text(s.record.meetUrl)) {
      noteProblem(deps, id, M.eventProblem(invited.message));
      return 'retry';
    }
    deps.audit.record({ action: A.event, target: id, result: 'Correcto', detail: `${s.id} · ${invited.message}` });
  }

  // 3. Registration open: the module's own link.
  const mod = () => book.table(MODULES_TAB).read({ fresh: true }).byId.get(moduleId) ?? null;
  let m = mod();
  if (!m) return 'failed';
  if (text(m.record.status) !== OPEN || text(m.record.registrationUrl) === '') {
    const opened = openRegistration(deps, moduleId);
    if (!opened.ok) {
      noteProblem(deps, id, M.registrationProblem(opened.message));
      return 'retry';
    }
    deps.audit.record({ action: A.registration, target: id, result: 'Correcto', detail: opened.url });
    // The access links, the speaker's brief and the survey follow this session on the clock.
    ensureSessionClock(deps);
    m = mod();
    if (!m) return 'failed';
  }

  // 4. The institution told, once, and the request 'Programada' — one write of the row.
  return tellAndSchedule(deps, id, m, s);
}

function tellAndSchedule(deps: ExternalWorkshopDeps, id: string, m: TableRow<ModuleKey>, s: TableRow<SessionKey>): Step {
  const book = deps.workbooks.current();
  const review: ReviewItem[] = [];
  let cleared = false;
  const step = deps.lock.withLock((): Step => {
    const row = freshRequest(book, id);
    if (!row || requestState(row.record.state) !== APPROVED) return 'skipped';
    const r = row.record;
    const now = deps.clock.now();
    const fields: RequestFields = { updatedAt: now };
    const told = text(r.decisionMail);
    if (told !== 'enviado' && told !== 'enviando') {
      const to = normaliseEmail(text(r.contactEmail));
      const outcome: DeliveryOutcome = to
        ? sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, 'decision-solicitud', id, {
            to,
            ...externalApprovalEmail({
              contactName: text(r.contactName),
              institution: text(r.institution),
              topic: text(s.record.topic) || text(r.topic),
              speaker: text(s.record.speaker),
              start: dateOf(s.record.start)!,
              end: dateOf(s.record.end) ?? dateOf(s.record.start)!,
              registrationUrl: text(m.record.registrationUrl),
              capacity: int(m.record.capacity),
              certificates: issuesCertificates(m.record.certificates),
            }),
          })
        : { status: 'error', message: 'Invalid email' };
      if (outcome.status === 'enviado') {
        fields.decisionMail = 'enviado';
        fields.decisionMailAt = outcome.at;
        cleared = true;
        deps.audit.record({ action: A.approvalMail, target: id, result: 'Correcto', detail: to ?? '' });
      } else if (outcome.status === 'ambiguo') {
        fields.decisionMail = 'enviando';
        review.push({ tipo: R.mailAmbiguous, referencia: `decision-solicitud:${id}`, detalle: M.mailAmbiguous(outcome.message) });
        deps.audit.record({ action: A.approvalMail, target: id, result: 'Por revisar', detail: M.mailAmbiguous(outcome.message) });
      } else if (outcome.message === QUOTA_EXHAUSTED || /too many times/i.test(outcome.message)) {
        // Nothing left: the next run sends it when there is quota.
        deps.audit.record({ action: A.approvalMail, target: id, result: 'Sin efecto', detail: outcome.message });
        return 'waiting';
      } else {
        // The address was refused: the workshop stands; a person tells the institution another way.
        fields.decisionMail = 'error';
        fields.note = `${NOTE_PREFIX}${M.mailRefused(outcome.message)}`;
        review.push({ tipo: R.mailAmbiguous, referencia: `decision-solicitud:${id}`, detalle: M.mailRefused(outcome.message) });
        deps.audit.record({ action: A.approvalMail, target: id, result: 'Error', detail: M.mailRefused(outcome.message) });
      }
    } else if (told === 'enviado') {
      cleared = true;
    }
    if (!mayMove(requestState(r.state), 'Programada')) return 'skipped';
    fields.scheduledAt = now;
    // The job's own earlier problem is settled.
    if (fields.note === undefined && text(r.note).startsWith(NOTE_PREFIX)) fields.note = '';
    // The facts first, the state last: an update may be several writes (one per run of adjacent
    // columns), and a crash between them must not leave 'Programada' without what it rests on.
    requestsTable(book).update([{ id, fields }]);
    if (review.length > 0) recordReview(book.table(REVIEW_TAB), review, now);
    requestsTable(book).update([{ id, fields: { state: 'Programada' } }]);
    return 'scheduled';
  });
  if (step === 'scheduled') {
    if (cleared) clearJournal(deps.properties, 'decision-solicitud', [id]);
    deps.audit.record({ action: A.scheduled, target: id, result: 'Correcto', detail: `${m.id} · ${text(m.record.name)}` });
  }
  return step;
}

// ---------------------------------------------------------------------------- after the session

export interface HeldResult {
  advanced: number;
  /** One Spanish line for the clock's audit line ('' nothing moved). */
  line: string;
}

function isPresent(v: unknown): boolean {
  return v === true || /^(true|verdadero|sí|si)$/i.test(text(v));
}

/**
 * Requests 'Programada' / 'Realizada' whose session has ended: 'Realizada' + heldAt; a day after
 * the end, the attendance count and the thanks to the contact once; 'Cerrada' + closedAt once the
 * thanks went and the certificates are done (or the workshop issues none). Under the lock; one
 * update of the requests' rows.
 */
export function advanceHeldRequests(deps: HeldDeps, now: Date): HeldResult {
  const book = deps.workbooks.current();
  const requests = requestsTable(book);
  if (!requests.exists() || !book.table(MODULES_TAB).exists()) return { advanced: 0, line: '' };
  // A cheap look first (this execution's cached read): most clock runs find nothing to do.
  const candidates = (rows: readonly TableRow<ExternalRequestKey>[]) =>
    rows.filter((r) => r.id !== '' && text(r.record.moduleId) !== '' && (requestState(r.record.state) === 'Programada' || requestState(r.record.state) === 'Realizada'));
  if (candidates(requests.read().rows).length === 0) return { advanced: 0, line: '' };
  const cleared: string[] = [];
  const moved: string[] = [];
  const out = deps.lock.withLock(() => {
    const rows = candidates(requests.read({ fresh: true }).rows);
    if (rows.length === 0) return { advanced: 0, line: '' };
    const modules = book.table(MODULES_TAB).read({ fresh: true });
    const sessions = book.table(SESSIONS_TAB).read({ fresh: true }).rows;
    const regsTab = book.table(REGISTRATIONS_TAB);
    const regs = regsTab.exists() ? regsTab.read({ fresh: true }).rows : [];
    const attTab = book.table(ATTENDANCE_TAB);
    const attendance = attTab.exists() ? attTab.read({ fresh: true }).rows : [];
    const certTab = book.table(CERTIFICATES_TAB);
    const certs = certTab.exists() ? certTab.read({ fresh: true }).rows : [];
    const updates: { id: string; fields: RequestFields }[] = [];
    const review: ReviewItem[] = [];
    for (const row of rows) {
      const r = row.record;
      const moduleId = text(r.moduleId);
      const mod = modules.byId.get(moduleId);
      const mine = sessions.filter((x) => x.id !== '' && text(x.record.moduleId) === moduleId && text(x.record.status) !== CANCELLED_SESSION);
      const ends = mine.map((x) => dateOf(x.record.end)).filter((d): d is Date => d !== null);
      if (!mod || mine.length === 0 || ends.length < mine.length) continue;
      const lastEnd = Math.max(...ends.map((d) => d.getTime()));
      if (lastEnd > now.getTime()) continue;
      let state = requestState(r.state);
      const fields: RequestFields = {};
      if (state === 'Programada' && mayMove(state, 'Realizada')) {
        fields.state = state = 'Realizada';
        fields.heldAt = now;
      }
      if (now.getTime() < lastEnd + AUTO_CONSOLIDATION_DELAY_MS) {
        if (Object.keys(fields).length > 0) updates.push({ id: row.id, fields: { ...fields, updatedAt: now } });
        continue;
      }
      // A day after: the attendance is in.
      const sessionIds = new Set(mine.map((x) => x.id));
      const present = attendance.filter((a) => sessionIds.has(text(a.record.sessionId)) && isPresent(a.record.present));
      const attendees = new Set(present.map((a) => text(a.record.registrationId)).filter((x) => x !== '')).size;
      const moduleRegs = regs.filter((x) => x.id !== '' && text(x.record.moduleId) === moduleId);
      const registered = moduleRegs.filter((x) => text(x.record.status) === 'Inscrito').length;
      const certificates = issuesCertificates(mod.record.certificates);
      let thanks = text(r.thanksMail);
      if (thanks !== 'enviado' && thanks !== 'enviando') {
        fields.attendees = attendees;
        const to = normaliseEmail(text(r.contactEmail));
        const start = dateOf(mine[0]!.record.start) ?? new Date(lastEnd);
        const outcome: DeliveryOutcome = to
          ? sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, 'agradecimiento-institucion', row.id, {
              to,
              ...externalThanksEmail({ contactName: text(r.contactName), institution: text(r.institution), topic: text(mine[0]!.record.topic) || text(r.topic), start, attendees, registered, certificates }),
            })
          : { status: 'error', message: 'Invalid email' };
        if (outcome.status === 'enviado') {
          fields.thanksMail = thanks = 'enviado';
          fields.thanksAt = outcome.at;
          cleared.push(row.id);
          deps.audit.record({ action: A.thanks, target: row.id, result: 'Correcto', detail: `${attendees} asistente(s)` });
        } else if (outcome.status === 'ambiguo') {
          fields.thanksMail = thanks = 'enviando';
          review.push({ tipo: R.mailAmbiguous, referencia: `agradecimiento-institucion:${row.id}`, detalle: M.thanksAmbiguous(outcome.message) });
          deps.audit.record({ action: A.thanks, target: row.id, result: 'Por revisar', detail: M.thanksAmbiguous(outcome.message) });
        } else if (outcome.message !== QUOTA_EXHAUSTED && !/too many times/i.test(outcome.message)) {
          fields.thanksMail = thanks = 'error';
          review.push({ tipo: R.mailAmbiguous, referencia: `agradecimiento-institucion:${row.id}`, detalle: M.mailRefused(outcome.message) });
          deps.audit.record({ action: A.thanks, target: row.id, result: 'Error', detail: M.mailRefused(outcome.message) });
        }
      } else if (thanks === 'enviado') {
        cleared.push(row.id);
      }
      if (thanks === 'enviado' && state === 'Realizada' && mayMove(state, 'Cerrada')) {
        let done = !certificates;
        if (!done) {
          const completion = moduleCompletion({
            minSessions: int(mod.record.minSessions),
            sessions: mine.map((x) => ({ id: x.id, status: text(x.record.status), start: dateOf(x.record.start), end: dateOf(x.record.end) })),
            registrations: moduleRegs.map((x) => ({ id: x.id, status: text(x.record.status) })),
            present: present.map((a) => ({ sessionId: text(a.record.sessionId), registrationId: text(a.record.registrationId) })),
            now,
          });
          const plan = planIssue(
            completion,
            moduleRegs.map((x) => ({ id: x.id, certificateCode: text(x.record.certificateCode) })),
            certs.filter((c) => c.id !== '' && text(c.record.moduleId) === moduleId).map((c) => ({ code: c.id, registrationId: text(c.record.registrationId), state: text(c.record.state), delivery: text(c.record.delivery) })),
          );
          done = plan.blocked === null && plan.steps.length === 0;
        }
        if (done) {
          fields.state = 'Cerrada';
          // Closed once the thanks went: never before the moment it was sent (the timings' last step).
          fields.closedAt = deps.clock.now();
          deps.audit.record({ action: A.closed, target: row.id, result: 'Correcto', detail: moduleId });
        }
      }
      if (Object.keys(fields).length > 0) updates.push({ id: row.id, fields: { ...fields, updatedAt: now } });
    }
    for (const u of updates) {
      if (u.fields.heldAt !== undefined) deps.audit.record({ action: A.held, target: u.id, result: 'Correcto', detail: text(modules.byId.get(text(rows.find((x) => x.id === u.id)?.record.moduleId))?.record.name) });
      if (u.fields.state !== undefined) moved.push(`${u.id} → ${String(u.fields.state)}`);
    }
    // The facts first (heldAt, attendees, the thanks, closedAt), the states last: an update may be
    // several writes, and a crash between them must not leave a state without its moment.
    const facts = updates.map((u) => ({ id: u.id, fields: Object.fromEntries(Object.entries(u.fields).filter(([k]) => k !== 'state')) as RequestFields }));
    const states = updates.filter((u) => u.fields.state !== undefined).map((u) => ({ id: u.id, fields: { state: u.fields.state } as RequestFields }));
    if (facts.length > 0) requests.update(facts);
    if (review.length > 0) recordReview(book.table(REVIEW_TAB), review, now);
    if (states.length > 0) requests.update(states);
    return { advanced: moved.length, line: moved.length ? moved.join(', ') : '' };
  });
  if (cleared.length > 0) clearJournal(deps.properties, 'agradecimiento-institucion', cleared);
  return out;
}
