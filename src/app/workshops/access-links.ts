/**
 * Access links before each session (B06) and the speaker's brief (B07): a duty of the session
 * clock (session-clock.ts) and the panel's «Enviar enlaces de acceso» (sendSessionAccessLinks).
 *
 * One run, like the invitations' (invitations.ts):
 * - holds the job's lease (the clock's run and a click in the panel never send at once);
 * - reads 'Módulos', 'Sesiones', 'Inscripciones', 'Envíos de sesiones' and the settings once each
 *   (and the sibling's 'Citas' once, only when something is to be sent): Sheets calls do not grow
 *   with the registrants;
 * - reconciles the mail journal an interrupted run left ('enviando' → 'Revisión', never resent);
 * - plans per session what is missing (domain/workshops/access-links.ts): corrections of a moved
 *   session first, access links, second notices, the speaker's brief;
 * - spends only the mail quota left after the attention flow's reserve (tomorrow's reminders go
 *   first); the ones not reached wait as 'pendiente' and the hourly look of the clock sends them
 *   when there is quota;
 * - sends through `sendOnce` (journal 'acceso', keyed by the row ID; a correction's key names the
 *   new schedule);
 * - writes every outcome in ONE batched update/append at its end, under the lock, with the
 *   session's 'Enlace de acceso' column; one audit line per run (and one per send in doubt);
 * - stops itself before the time limit and asks the clock to look again in a minute.
 */
import { ACCESS_AUDIT as A, ACCESS_MESSAGES as M, ACCESS_NOTES as N, accessLinkEmail, scheduleCorrectionEmail, secondNoticeEmail, speakerBriefEmail, type AccessMailInput } from '../../domain/messages/workshop-access';
import { safeUrl } from '../../domain/html';
import { MODULES_TAB, REGISTRATIONS_TAB, REVIEW_TAB, SESSION_MAILS_TAB, SESSIONS_TAB, SETTINGS_TAB, type SessionKey, type SessionMailKey } from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { LINK_ACTIONS, LINK_VALIDITY_DAYS } from '../../domain/web-links';
import {
  accessDueTimes,
  accessPhase,
  confirmedCount,
  parseSessionMailId,
  planSessionMails,
  scheduleLabel,
  secondNoticeAt,
  sessionMailId,
  speakerQuestions,
  type PlannedMail,
  type PlanRegistrant,
  type PlanRow,
} from '../../domain/workshops/access-links';
import { invitationBudget } from '../../domain/workshops/invitations';
import { LockBusyError, type RowChange } from '../../ports';
import { clearJournal, journalEntries, sendOnce, type QuotaBudget } from '../delivery';
import { acquireLease, Budget, CONTINUATION_DELAY_MS, JOB_BUDGET_MS, releaseLease } from '../jobs';
import { recordReview, type ReviewItem } from '../review';
import { readSettings } from '../settings';
import { linkMaker, webAppBase } from '../webapp/links';
import { dateOf, int, text } from './cells';
import { checkinLink } from './checkin';
import { siblingRemindersDue } from './sibling-reminders';
import { clockAgainAt, type SessionClockDeps, type SessionDuty } from './session-clock';

/** The job's lease: the clock's duty and the panel's button share it. */
export const ACCESS_LEASE = 'sessionAccessLinks';
/** Journal kind of every email of this job. */
export const ACCESS_JOURNAL_KIND = 'acceso' as const;
const KIND = ACCESS_JOURNAL_KIND;
/** Time kept for the final write. */
export const FINAL_RESERVE_MS = 30_000;

export interface AccessRunResult {
  ran: boolean;
  links: number;
  seconds: number;
  corrections: number;
  briefs: number;
  skipped: number;
  ambiguous: number;
  waiting: number;
  remaining: number;
  summary: string;
}

export type AccessActionResult = { ok: boolean; message: string; result?: AccessRunResult };

type MailFields = Partial<Record<SessionMailKey, FieldValue>>;

function emptyResult(): AccessRunResult {
  return { ran: false, links: 0, seconds: 0, corrections: 0, briefs: 0, skipped: 0, ambiguous: 0, waiting: 0, remaining: 0, summary: '' };
}


interface SessionFacts {
  row: TableRow<SessionKey>;
  moduleId: string;
  moduleName: string;
  whatsappUrl: string | null;
  lastStart: Date | null;
  start: Date;
  end: Date;
  schedule: string;
}

/** The duty of the clock: at the moments of accessDueTimes, sends what is missing. */
export const ACCESS_LINKS_DUTY: SessionDuty = {
  name: 'Enlaces de acceso',
  dueTimes: (sessions, settings) => accessDueTimes(sessions, settings),
  run: (deps) => {
    const r = runAccessLinks(deps);
    return r.summary === M.nothing ? '' : r.summary;
  },
};

/**
 * The run. `sessionId` limits it to one session and sends its links and brief whatever the hour
 * (the panel); without it, every session in its window (the clock).
 */
export function runAccessLinks(deps: SessionClockDeps, options: { sessionId?: string } = {}): AccessRunResult {
  const result = emptyResult();
  if (!acquireLease(deps, ACCESS_LEASE)) {
    result.summary = M.busy;
    return result;
  }
  try {
    runLeased(deps, options, result);
  } finally {
    releaseLease(deps, ACCESS_LEASE);
  }
  return result;
}

function runLeased(deps: SessionClockDeps, options: { sessionId?: string }, result: AccessRunResult): void {
  result.ran = true;
  const budget = new Budget(deps.clock, deps.budgetMs ?? JOB_BUDGET_MS);
  const book = deps.workbooks.current();
  const mailsTable = book.table(SESSION_MAILS_TAB);
  if (!mailsTable.exists() || !book.table(SESSIONS_TAB).exists()) {
    result.summary = M.notTalleres;
    return;
  }
  const now = deps.clock.now();
  const journal = { ...deps.properties.getAll() };
  const settings = readSettings(book.table(SETTINGS_TAB)).settings;
  const modules = book.table(MODULES_TAB).read().byId;
  const sessions = book.table(SESSIONS_TAB).read();
  const registrations = book.table(REGISTRATIONS_TAB).read();
  const mails = mailsTable.read();
  const rows = new Map<string, PlanRow>();
  for (const r of mails.rows) {
    if (r.id === '') continue;
    rows.set(r.id, { delivery: text(r.record.delivery), note: text(r.record.note), email: text(r.record.email), sentAt: dateOf(r.record.sentAt)?.getTime() ?? null });
  }
  const outcomes = new Map<string, MailFields>();
  const clear: string[] = [];
  const review: ReviewItem[] = [];
  const touched = new Set<string>();

  // Facts of each session (its module, schedule, the module's last start for the withdrawal link).
  const lastStartOf = new Map<string, Date>();
  for (const s of sessions.rows) {
    const st = dateOf(s.record.start);
    const m = text(s.record.moduleId);
    if (st && text(s.record.status) !== 'Cancelada' && (!lastStartOf.has(m) || lastStartOf.get(m)!.getTime() < st.getTime())) lastStartOf.set(m, st);
  }
  const factsOf = (s: TableRow<SessionKey>): SessionFacts | null => {
    const start = dateOf(s.record.start);
    const end = dateOf(s.record.end);
    if (!start || !end) return null;
    const mid = text(s.record.moduleId);
    const m = modules.get(mid)?.record;
    return {
      row: s,
      moduleId: mid,
      moduleName: text(m?.name) || mid,
      whatsappUrl: safeUrl(text(m?.whatsappUrl), ['https:']) ?? null,
      lastStart: lastStartOf.get(mid) ?? null,
      start,
      end,
      schedule: scheduleLabel(start, end),
    };
  };
  const byRegistration = new Map(registrations.rows.filter((r) => r.id !== '').map((r) => [r.id, r]));

  // 1. What an interrupted run left in the journal (we hold the lease: nobody else writes these keys).
  for (const entry of journalEntries(deps.properties, KIND, journal)) {
    const parsed = parseSessionMailId(entry.rowId);
    clear.push(entry.rowId);
    if (!parsed) continue;
    const rowId = entry.rowId.split('@')[0]!;
    const session = sessions.byId.get(parsed.sessionId);
    const f = session ? factsOf(session) : null;
    const reg = byRegistration.get(parsed.recipient);
    const email = reg ? text(reg.record.email) : parsed.recipient;
    const current = rows.get(rowId);
    const base: MailFields = {
      id: rowId,
      kind: parsed.kind,
      sessionId: parsed.sessionId,
      moduleId: f?.moduleId ?? '',
      registrationId: reg ? reg.id : '',
      email,
    };
    if (entry.state === 'enviado') {
      if (current?.delivery === 'enviado' && entry.rowId === rowId) continue;
      const fields = { ...base, delivery: 'enviado', sentAt: entry.at ?? now, note: f?.schedule ?? '' };
      outcomes.set(rowId, fields);
      rows.set(rowId, { delivery: 'enviado', note: String(fields.note), email, sentAt: (entry.at ?? now).getTime() });
    } else {
      if (current?.delivery === 'enviado' && entry.rowId === rowId) continue;
      outcomes.set(rowId, { ...base, delivery: 'enviando', note: N.interrupted });
      rows.set(rowId, { delivery: 'enviando', note: N.interrupted, email, sentAt: null });
      review.push({ tipo: A.reviewKind, referencia: entry.rowId, detalle: M.reviewDetail(`${parsed.kind} (${f?.moduleName ?? parsed.sessionId})`) });
      deps.audit.record({ action: A.ambiguous, target: entry.rowId, result: 'Por revisar', detail: N.interrupted });
      result.ambiguous++;
    }
    if (f) touched.add(parsed.sessionId);
  }

  // 2. What each session needs now.
  const regsOf = new Map<string, (PlanRegistrant & { questions: string })[]>();
  for (const r of byRegistration.values()) {
    const mid = text(r.record.moduleId);
    let list = regsOf.get(mid);
    if (!list) regsOf.set(mid, (list = []));
    list.push({ id: r.id, status: text(r.record.status), email: text(r.record.email).toLowerCase(), fullName: text(r.record.fullName), questions: text(r.record.questions) });
  }
  const tasks: { mail: PlannedMail; f: SessionFacts }[] = [];
  for (const s of sessions.rows) {
    if (s.id === '' || (options.sessionId !== undefined && s.id !== options.sessionId)) continue;
    if (text(s.record.status) === 'Cancelada') continue;
    const f = factsOf(s);
    if (!f || text(modules.get(f.moduleId)?.record.status) === 'Cancelado') continue;
    const force = options.sessionId !== undefined;
    const phase = accessPhase(f.start.getTime(), settings, now.getTime());
    if (!force && (phase === 'early' || phase === 'over')) continue;
    if (!safeUrl(text(s.record.meetUrl), ['https:'])) {
      review.push({ tipo: A.noMeet, referencia: s.id, detalle: M.noMeetDetail(`${int(s.record.number)} de ${f.moduleName} (${f.schedule})`) });
      continue;
    }
    const plan = planSessionMails({
      sessionId: s.id,
      schedule: f.schedule,
      phase,
      force,
      secondAt: secondNoticeAt(f.start.getTime(), settings),
      registrants: regsOf.get(f.moduleId) ?? [],
      rows,
      speakerEmail: text(s.record.speakerEmail),
    });
    for (const mail of plan) tasks.push({ mail, f });
    touched.add(s.id);
  }

  // 3. The emails, while time and the quota left after the attention flow's reserve last.
  let i = 0;
  let outOfQuota = false;
  if (tasks.length) {
    const quota: QuotaBudget = { remaining: invitationBudget(deps.mailer.remainingDailyQuota(), siblingRemindersDue(deps, deps.clock.now())) };
    const mailDeps = { mailer: deps.mailer, journal: deps.properties, clock: deps.clock, quota, snapshot: journal };
    const links = linkMaker(deps.properties, webAppBase(settings.webAppUrl, deps.webApp));
    // The speaker's brief carries the session's check-in link for the Meet chat (B09); once per
    // session, and never a reason not to send the brief.
    const checkinUrls = new Map<string, string | null>();
    const checkinUrlOf = (sessionId: string): string | null => {
      if (!checkinUrls.has(sessionId)) {
        try {
          checkinUrls.set(sessionId, checkinLink(deps, sessionId));
        } catch {
          checkinUrls.set(sessionId, null);
        }
      }
      return checkinUrls.get(sessionId) ?? null;
    };
    for (; i < tasks.length; i++) {
      if (budget.exhausted(FINAL_RESERVE_MS)) break;
      if (quota.remaining <= 0) {
        outOfQuota = true;
        break;
      }
      const { mail, f } = tasks[i]!;
      const s = f.row.record;
      const withdrawUrl = mail.registrationId
        ? links(LINK_ACTIONS.withdraw, mail.registrationId, f.lastStart ?? new Date(now.getTime() + LINK_VALIDITY_DAYS.retiro * 86_400_000))
        : null;
      const input: AccessMailInput = {
        fullName: mail.fullName,
        moduleName: f.moduleName,
        number: int(s.number),
        topic: text(s.topic),
        start: f.start,
        end: f.end,
        meetUrl: text(s.meetUrl),
        speaker: text(s.speaker),
        whatsappUrl: f.whatsappUrl,
        withdrawUrl,
      };
      const message =
        mail.kind === 'Enlace de acceso'
          ? accessLinkEmail(input)
          : mail.kind === 'Recordatorio previo'
            ? secondNoticeEmail(input)
            : mail.kind === 'Cambio de horario'
              ? scheduleCorrectionEmail({ ...input, previous: mail.previous ?? '' })
              : speakerBriefEmail({
                  speaker: text(s.speaker),
                  moduleName: f.moduleName,
                  number: int(s.number),
                  topic: text(s.topic),
                  start: f.start,
                  end: f.end,
                  meetUrl: text(s.meetUrl),
                  registrants: confirmedCount(regsOf.get(f.moduleId) ?? []),
                  questions: speakerQuestions(regsOf.get(f.moduleId) ?? []),
                  checkinUrl: checkinUrlOf(f.row.id),
                });
      const base: MailFields = { id: mail.id, kind: mail.kind, sessionId: f.row.id, moduleId: f.moduleId, registrationId: mail.registrationId, email: mail.email };
      const sent = sendOnce(mailDeps, KIND, mail.journalId, { to: mail.email, ...message });
      if (sent.status === 'enviado') {
        outcomes.set(mail.id, { ...base, delivery: 'enviado', sentAt: sent.at, note: f.schedule });
        clear.push(mail.journalId);
        if (mail.kind === 'Enlace de acceso') result.links++;
        else if (mail.kind === 'Recordatorio previo') result.seconds++;
        else if (mail.kind === 'Cambio de horario') result.corrections++;
        else result.briefs++;
      } else if (sent.status === 'ambiguo') {
        outcomes.set(mail.id, { ...base, delivery: 'enviando', note: N.interrupted });
        clear.push(mail.journalId);
        result.ambiguous++;
        review.push({ tipo: A.reviewKind, referencia: mail.journalId, detalle: M.reviewDetail(`${mail.kind} (${f.moduleName})`) });
        deps.audit.record({ action: A.ambiguous, target: mail.journalId, result: 'Por revisar', detail: sent.message });
      } else if (/too many times|cupo diario/i.test(sent.message)) {
        outOfQuota = true;
        break;
      } else {
        outcomes.set(mail.id, { ...base, delivery: 'error', note: /invalid email/i.test(sent.message) ? N.invalidEmail : cleanText(sent.message, 200) });
        result.skipped++;
      }
    }
  }
  const notReached = tasks.slice(i);
  if (outOfQuota) {
    result.waiting = notReached.length;
    for (const { mail, f } of notReached) {
      if (rows.get(mail.id)?.delivery === 'pendiente') continue;
      // Recorded as waiting so the panel shows it; a correction keeps its sent row as it is.
      if (rows.has(mail.id)) continue;
      outcomes.set(mail.id, { id: mail.id, kind: mail.kind, sessionId: f.row.id, moduleId: f.moduleId, registrationId: mail.registrationId, email: mail.email, delivery: 'pendiente', note: N.waitingQuota });
    }
  } else {
    result.remaining = notReached.length;
  }

  // 4. One batched write of every outcome, under the lock, over what the sheet holds now.
  writeOutcomes(deps, outcomes, review, touched, now);
  clearJournal(deps.properties, KIND, clear);

  // 5. Go on in a minute when out of time (the clock's next look); out of quota, its hourly look retries.
  if (result.remaining > 0) clockAgainAt(deps.properties, deps.clock.now().getTime() + CONTINUATION_DELAY_MS);
  const anything = result.links + result.seconds + result.corrections + result.briefs + result.skipped + result.ambiguous + result.waiting + result.remaining;
  result.summary = anything ? M.summary(result) : M.nothing;
  if (anything) {
    deps.audit.record({
      action: A.run,
      target: options.sessionId ?? '',
      result: result.ambiguous ? 'Por revisar' : result.waiting || result.skipped ? 'Error' : 'Correcto',
      detail: result.summary,
    });
  }
}

/** The session's 'Enlace de acceso': 'enviado' when every confirmed registrant has it, 'pendiente' while some wait, '' before any went. */
function sessionState(sessionId: string, confirmed: readonly string[], delivered: (id: string) => string): string {
  const states = confirmed.map((rid) => delivered(sessionMailId('Enlace de acceso', sessionId, rid)));
  if (!states.some((s) => s === 'enviado' || s === 'enviando')) return '';
  return states.every((s) => s === 'enviado' || s === 'enviando' || s === 'error') ? 'enviado' : 'pendiente';
}

function writeOutcomes(deps: SessionClockDeps, outcomes: Map<string, MailFields>, review: ReviewItem[], touched: ReadonlySet<string>, now: Date): void {
  if (outcomes.size === 0 && review.length === 0 && touched.size === 0) return;
  const book = deps.workbooks.current();
  deps.lock.withLock(() => {
    const table = book.table(SESSION_MAILS_TAB);
    const fresh = outcomes.size ? table.read({ fresh: true }) : table.read();
    const changes: RowChange<SessionMailKey>[] = [];
    const added: MailFields[] = [];
    for (const [id, fields] of outcomes) {
      if (fresh.byId.has(id)) {
        const { id: _id, ...rest } = fields;
        changes.push({ id, fields: rest });
      } else added.push(fields);
    }
    if (changes.length) table.update(changes, { mode: 'span' });
    if (added.length) table.append(added.map((f) => ({ sentAt: '', note: '', ...f })));
    if (touched.size) {
      const delivery = new Map<string, string>();
      for (const r of table.read().rows) if (r.id !== '') delivery.set(r.id, text(r.record.delivery));
      const sessions = book.table(SESSIONS_TAB);
      const regs = book.table(REGISTRATIONS_TAB).read().rows;
      const changesS: RowChange<SessionKey>[] = [];
      const snapshot = sessions.read({ fresh: true });
      for (const sid of touched) {
        const s = snapshot.byId.get(sid);
        if (!s) continue;
        const mid = text(s.record.moduleId);
        const confirmed = regs.filter((r) => r.id !== '' && text(r.record.moduleId) === mid && text(r.record.status) === 'Inscrito' && text(r.record.email) !== '').map((r) => r.id);
        const state = sessionState(sid, confirmed, (id) => delivery.get(id) ?? '');
        if (state !== '' && state !== text(s.record.accessLinks)) changesS.push({ id: sid, fields: { accessLinks: state, updatedAt: now } });
      }
      if (changesS.length) sessions.update(changesS, { mode: 'span' });
    }
    if (review.length && book.table(REVIEW_TAB).exists()) recordReview(book.table(REVIEW_TAB), review, deps.clock.now());
  });
}

// ---------------------------------------------------------------------------- the panel

/**
 * «Enviar enlaces de acceso» (panel): sends now what is missing for one session — the access
 * links of confirmed registrants who do not have it, the speaker's brief, a correction owed —,
 * whatever the hour. Refused, with the reason, for a cancelled session, one without a Meet link,
 * or one that ended.
 */
export function sendSessionAccessLinks(deps: SessionClockDeps, rawId: unknown): AccessActionResult {
  const id = cleanText(rawId, 80);
  const book = deps.workbooks.current();
  if (!book.table(SESSION_MAILS_TAB).exists() || !book.table(SESSIONS_TAB).exists()) return { ok: false, message: M.notTalleres };
  const refuse = (message: string): AccessActionResult => {
    deps.audit.record({ action: A.refused, target: id, result: 'Sin efecto', detail: message });
    return { ok: false, message };
  };
  const s = book.table(SESSIONS_TAB).read().byId.get(id);
  if (!s || id === '') return refuse(M.notFound);
  if (text(s.record.status) === 'Cancelada') return refuse(M.cancelled);
  if (text(book.table(MODULES_TAB).read().byId.get(text(s.record.moduleId))?.record.status) === 'Cancelado') return refuse(M.moduleCancelled);
  if (!safeUrl(text(s.record.meetUrl), ['https:'])) return refuse(M.noMeet);
  const end = dateOf(s.record.end);
  if (!end || end.getTime() <= deps.clock.now().getTime()) return refuse(M.ended);
  try {
    const result = runAccessLinks(deps, { sessionId: id });
    if (!result.ran) return { ok: false, message: result.summary };
    return { ok: true, message: result.summary, result };
  } catch (e) {
    if (e instanceof LockBusyError) return { ok: false, message: M.lockBusy };
    throw e;
  }
}
