/**
 * The approval of an institution's request (C01): «Enviar a aprobación» (a consultant's
 * proposal emailed to the Sub Director with two signed buttons), the two buttons' pages in the
 * web app ('aprobar', 'rechazar' with a reason), and «Registrar decisión» (a coordinator in the
 * panel, e.g. approved by phone). After a rejection the institution is told the reason once;
 * after an approval the external workshops' job is asked to run (it makes the workshop and tells
 * the institution, src/app/external/workshop.ts).
 *
 * Same safe shape as the day's actions (src/app/day/action.ts): settings → script lock → the row
 * read FRESH → decide (pure rules in src/domain/external/approval.ts and states.ts) → side
 * effects once → one write of the row → audit. Two adaptations, each for the reason that shapes
 * the day's frame:
 *
 * - The proposal's email goes BEFORE its write, as in the day's frame: the row is then written
 *   once with the email's outcome. A crash between the two leaves the row as it was and the
 *   journal ('aprobacion-solicitud', `<id>#<round>`) saying 'enviado'; the consultant's retry
 *   reaches the same round and sendOnce does not send again. What the day's frame does not have:
 *   the retry may carry a DIFFERENT proposal, and the email already out describes the first one.
 *   So the proposal being sent is kept beside the journal (`pendingProposalKey`) and a retry
 *   with another proposal skips that round: the first email's buttons then find an older round
 *   and do nothing, and the new email carries the new round.
 *
 * - The DECISION is written BEFORE the institution's email (the opposite order), because a
 *   decision must never be contradicted by an email already out: were the rejection emailed first
 *   and the execution to die before the write, a coordinator could still approve the request in
 *   the panel, and the institution would hold a rejection for an approved workshop (and the
 *   approval email, same journal key, would never go). Written first, the decision stands; the
 *   email that may be missing is caught up by whoever touches the request next (the link pressed
 *   again, the panel, the job's `catchUpDecision`), once (sendOnce 'decision-solicitud').
 *
 * Interleaving: the approve link, the reject link and the panel each read the row fresh under the
 * script lock and move it only from 'Enviada a aprobación' with the SAME round (`decisionGate`);
 * the loser is told who decided and when.
 */
import { capacityFor } from '../../domain/external/capacity';
import { approvableAt, checkNote, checkProposal, checkReason, decisionGate, decisionSubject, MAX_REASON_LENGTH, parseDecisionSubject, roundOf, type ValidProposal } from '../../domain/external/approval';
import { mayMove, requestState } from '../../domain/external/states';
import { html, type SafeHtml } from '../../domain/html';
import { formatLimaDate, formatLimaDateTime, formatLimaTime } from '../../domain/lima-time';
import { button, emailDocument, factsTable, greeting, oneLine, paragraph, SENDER_NAME, textDocument, type EmailMessage } from '../../domain/messages/email-layout';
import {
  EXTERNAL_DECISION_AUDIT as A,
  EXTERNAL_DECISION_EMAILS as E,
  EXTERNAL_DECISION_MESSAGES as M,
  EXTERNAL_DECISION_PAGES as P,
} from '../../domain/messages/external-decision';
import { EXTERNAL_REQUESTS_TAB, REVIEW_TAB, SETTINGS_TAB, type ExternalRequestKey } from '../../domain/schema';
import type { FieldValue, TableRow } from '../../domain/table';
import { cleanText } from '../../domain/text';
import { normaliseEmail } from '../../domain/validation';
import { LINK_ACTIONS, LINK_VALIDITY_DAYS, type LinkAction } from '../../domain/web-links';
import { isCoordinator } from '../../domain/access';
import { LockBusyError, type AuditLog, type Clock, type KeyValueStore, type Lock, type Mailer, type Scheduler, type Session, type Table, type WebAppService, type Workbooks } from '../../ports';
import { clearJournal, journalKey, sendOnce, type DeliveryOutcome } from '../delivery';
import { recordReview } from '../review';
import { readSettings, type Settings } from '../settings';
import { readTeam } from '../team';
import type { LinkDeps, LinkHandler, LinkOutcome, LinkPage } from '../webapp/link-handler';
import { linkMaker, webAppBase } from '../webapp/links';
import { requestExternalRun } from './job';
import type { ApprovalProposalInput, DecisionInput, ExternalActionResult } from './types';

/** The ports of the approval (the entry point's Context has them all). */
export interface ExternalDecisionDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  session: Session;
  mailer: Mailer;
  audit: AuditLog;
  webApp: WebAppService | null;
  /** To ask the external workshops' job for a run after an approval (absent in some unit tests). */
  scheduler?: Scheduler;
}

type Row = TableRow<ExternalRequestKey>;
type Fields = Partial<Record<ExternalRequestKey, FieldValue>>;
type Decision = 'Aprobada' | 'Rechazada';

const APPROVAL_KIND = 'aprobacion-solicitud';
const DECISION_KIND = 'decision-solicitud';

/** Document property holding the proposal a round's email carries, until the row records it. */
export function pendingProposalKey(requestId: string, round: number): string {
  return `SOE_EXT_PROPOSAL:${requestId}#${round}`;
}

// ---------------------------------------------------------------------------- helpers

function text(v: unknown): string {
  if (v === null || v === undefined || v instanceof Date) return '';
  return String(v).trim();
}

function dateOf(v: unknown): Date | null {
  return v instanceof Date && !isNaN(v.getTime()) ? v : null;
}

function numberOf(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(text(v));
  return Number.isFinite(n) ? n : 0;
}

function table(deps: Pick<ExternalDecisionDeps, 'workbooks'>): Table<ExternalRequestKey> {
  return deps.workbooks.current().table(EXTERNAL_REQUESTS_TAB);
}

function settingsOf(deps: Pick<ExternalDecisionDeps, 'workbooks'>): Settings {
  return readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings;
}

/** «lunes 12 de enero de 2027, de 10:00 a. m. a 12:00 p. m.» */
function whenText(start: Date | null, end: Date | null): string {
  if (!start) return '';
  return end ? E.timeRange(formatLimaDate(start), formatLimaTime(start), formatLimaTime(end)) : formatLimaDateTime(start);
}

function capacityOf(row: Row, settings: Pick<Settings, 'externalCapacityMarginPercent'>): number {
  return capacityFor(numberOf(row.record.expected), settings.externalCapacityMarginPercent);
}

function refuse(deps: Pick<ExternalDecisionDeps, 'audit'>, target: string, message: string, errors?: ExternalActionResult['errors']): ExternalActionResult {
  deps.audit.record({ action: A.refused, target, result: 'Sin efecto', detail: message });
  return errors ? { ok: false, message, errors } : { ok: false, message };
}

function toReview(deps: Pick<ExternalDecisionDeps, 'workbooks'>, now: Date, what: string, row: Row, to: string, reference: string): void {
  const review = deps.workbooks.current().table(REVIEW_TAB);
  if (!review.exists()) return;
  recordReview(review, [{ tipo: A.reviewKind, referencia: reference, detalle: A.reviewDetail(what, text(row.record.institution), to) }], now);
}

/** The panel's user account ('' when Google does not say). */
function userOf(deps: Pick<ExternalDecisionDeps, 'session'>): string {
  return deps.session.userEmail().trim().toLowerCase();
}

function withLockOr(deps: ExternalDecisionDeps, target: string, fn: () => ExternalActionResult): ExternalActionResult {
  try {
    return deps.lock.withLock(fn);
  } catch (e) {
    if (e instanceof LockBusyError) return refuse(deps, target, M.lockBusy);
    throw e;
  }
}

// ---------------------------------------------------------------------------- «Enviar a aprobación»

/** The email to the Sub Director: the request's summary and the two buttons (pure but for the links). */
export function approvalEmail(
  row: Row,
  p: ValidProposal,
  round: number,
  settings: Pick<Settings, 'externalCapacityMarginPercent'>,
  links: { approve: string; reject: string; until: Date },
): EmailMessage {
  const r = row.record;
  const institution = oneLine(text(r.institution));
  const when = whenText(p.start, p.end);
  const capacity = E.capacity(capacityOf(row, settings), settings.externalCapacityMarginPercent);
  const facts: [string, string][] = [
    [E.facts.institution, institution],
    [E.facts.ruc, text(r.ruc)],
    [E.facts.type, oneLine(text(r.institutionType))],
    [E.facts.place, [text(r.region), text(r.district)].filter(Boolean).map(oneLine).join(' – ')],
    [E.facts.contact, oneLine(E.contact(text(r.contactName), text(r.contactRole), text(r.contactEmail), text(r.contactPhone)))],
    [E.facts.topic, oneLine(text(r.topic))],
    [E.facts.when, when],
    [E.facts.expected, String(numberOf(r.expected))],
    [E.facts.capacity, capacity],
    [E.facts.modality, oneLine(text(r.modality))],
    [E.facts.speaker, `${p.speaker} (${p.speakerEmail})`],
    [E.facts.certificates, p.certificates ? E.certificatesYes : E.certificatesNo],
  ];
  const notes = oneLine(text(r.notes));
  if (notes) facts.push([E.facts.notes, notes]);
  const shown = facts.filter(([, v]) => v !== '');
  const until = formatLimaDateTime(links.until);
  const subject = E.approvalSubject(institution, round);
  const body: SafeHtml[] = [
    paragraph(E.approvalGreeting),
    paragraph(E.approvalIntro(institution)),
    factsTable(shown),
    ...(round > 1 ? [paragraph(E.approvalReplaces)] : []),
    paragraph(E.approvalAsk),
    button(links.approve, E.approveButton),
    button(links.reject, E.rejectButton),
    paragraph(E.approvalValidity(until)),
    paragraph(E.signature),
  ];
  return {
    subject,
    html: emailDocument(subject, html`${body}`, E.approvalIntro(institution)),
    text: textDocument([
      E.approvalGreeting,
      E.approvalIntro(institution),
      shown.map(([k, v]) => `${k}: ${v}`).join('\n'),
      round > 1 && E.approvalReplaces,
      E.approvalAsk,
      `${E.approveButton}: ${links.approve}`,
      `${E.rejectButton}: ${links.reject}`,
      E.approvalValidity(until),
      E.signature,
    ]),
    senderName: SENDER_NAME,
  };
}

function sameProposal(row: Row, p: ValidProposal): boolean {
  const r = row.record;
  return (
    dateOf(r.proposedStart)?.getTime() === p.start.getTime() &&
    dateOf(r.proposedEnd)?.getTime() === p.end.getTime() &&
    text(r.speaker) === p.speaker &&
    text(r.speakerEmail).toLowerCase() === p.speakerEmail.toLowerCase() &&
    (r.certificates === true) === p.certificates
  );
}

function fingerprint(p: ValidProposal): string {
  return JSON.stringify([p.start.getTime(), p.end.getTime(), p.speaker, p.speakerEmail, p.certificates]);
}

/**
 * The round this proposal goes out as: the next one, unless an earlier attempt's email for that
 * round is in the journal without being recorded on the row — then the same round when it carried
 * this same proposal (sendOnce answers without sending), or the one after (that email's buttons
 * will find an older round and do nothing).
 */
function roundToSend(props: Readonly<Record<string, string>>, id: string, current: number, fp: string): number {
  let next = current + 1;
  for (let guard = 0; guard < 20; guard++) {
    if (props[journalKey(APPROVAL_KIND, `${id}#${next}`)] === undefined) return next;
    if (props[pendingProposalKey(id, next)] === fp) return next;
    next++;
  }
  return next;
}

/** Reads answered from `props` (read with getAll under the lock); writes go to `store`. */
function snapshotReads(store: KeyValueStore, props: Readonly<Record<string, string>>): KeyValueStore {
  return {
    get: (key) => props[key] ?? null,
    getAll: () => ({ ...props }),
    setAll: (values) => store.setAll(values),
    delete: (key) => store.delete(key),
    secret: (key) => props[key] || store.secret(key),
  };
}

/** `store`, whose first setAll also writes `extra` (in the same call). */
function withFirstWrite(store: KeyValueStore, extra: Record<string, string>): KeyValueStore {
  let pending: Record<string, string> | null = extra;
  return {
    get: (key) => store.get(key),
    getAll: () => store.getAll(),
    setAll: (values) => {
      const all = pending ? { ...pending, ...values } : values;
      pending = null;
      store.setAll(all);
    },
    delete: (key) => store.delete(key),
    secret: (key) => store.secret(key),
  };
}

/**
 * «Enviar a aprobación» (a consultant of "Programación Talleres Masivos"): validates the proposal
 * against the request, opens a new round, emails the Sub Director once and records the proposal.
 */
export function sendForApproval(deps: ExternalDecisionDeps, input: ApprovalProposalInput): ExternalActionResult {
  const raw = (input && typeof input === 'object' ? input : {}) as Partial<ApprovalProposalInput>;
  const id = cleanText(raw.requestId, 80);
  if (!table(deps).exists()) return refuse(deps, id, M.notTalleres);
  const settings = settingsOf(deps);
  const configured = cleanText(settings.subDirectorEmail, 300);
  if (!configured) return refuse(deps, id, M.noSubDirector);
  const to = normaliseEmail(configured);
  if (!to) return refuse(deps, id, M.badSubDirector(configured));
  const base = webAppBase(settings.webAppUrl, deps.webApp);
  if (!base) return refuse(deps, id, M.noWebApp);

  return withLockOr(deps, id, () => {
    const now = deps.clock.now();
    const t = table(deps);
    const row = id ? t.read({ fresh: true }).byId.get(id) : undefined;
    if (!row) return refuse(deps, id, M.notFound);
    const state = requestState(row.record.state);
    if (!mayMove(state, 'Enviada a aprobación')) return refuse(deps, id, M.cannotSend(state ?? text(row.record.state)));
    const current = roundOf(row.record.approvalRound);
    if (raw.seenRound !== undefined && raw.seenRound !== null && Number(raw.seenRound) !== current) return refuse(deps, id, M.staleRound);
    const checked = checkProposal(raw, row.record, now);
    if (!checked.ok) return refuse(deps, id, M.fixFields, checked.errors);
    const p = checked.proposal;
    // A double click (or a retry after a page that failed) without the round the panel showed:
    // the same proposal already out is not sent again. With `seenRound` the consultant resends on purpose.
    if (state === 'Enviada a aprobación' && (raw.seenRound === undefined || raw.seenRound === null) && sameProposal(row, p)) {
      const at = dateOf(row.record.sentForApprovalAt);
      return refuse(deps, id, M.alreadySent(at ? formatLimaDateTime(at) : ''));
    }

    const fp = fingerprint(p);
    // The document properties read once under the lock: the journal, the proposals pending beside
    // it and the signing secret (one getProperties instead of a getProperty each).
    const props = deps.properties.getAll();
    const round = roundToSend(props, id, current, fp);
    const until = new Date(now.getTime() + LINK_VALIDITY_DAYS.aprobar * 86_400_000);
    const makeLink = linkMaker(snapshotReads(deps.properties, props), base);
    const subject = decisionSubject(id, round);
    const approve = makeLink(LINK_ACTIONS.approve, subject, until);
    const reject = makeLink(LINK_ACTIONS.reject, subject, until);
    if (!approve || !reject) return refuse(deps, id, M.noWebApp);
    const mail = approvalEmail(row, p, round, settings, { approve, reject, until });

    const rowId = `${id}#${round}`;
    // The proposal this round's email carries is recorded in the same write as the journal's
    // 'enviando' (before the send, as before: one setProperties instead of two).
    const journal = withFirstWrite(deps.properties, { [pendingProposalKey(id, round)]: fp });
    const outcome = sendOnce({ mailer: deps.mailer, journal, clock: deps.clock, snapshot: props }, APPROVAL_KIND, rowId, { to, ...mail });
    const detail = A.sentDetail(to, round, whenText(p.start, p.end));
    if (outcome.status === 'error') {
      deps.properties.delete(pendingProposalKey(id, round));
      deps.audit.record({ action: A.sent, target: id, result: 'Error', detail: `${detail}: ${outcome.message}` });
      return { ok: false, message: M.sendFailed(outcome.message) };
    }
    const fields: Fields = {
      state: 'Enviada a aprobación',
      proposedStart: p.start,
      proposedEnd: p.end,
      speaker: p.speaker,
      speakerEmail: p.speakerEmail,
      certificates: p.certificates,
      approvalRound: round,
      approvalMail: outcome.status === 'enviado' ? 'enviado' : 'enviando',
      sentForApprovalAt: outcome.status === 'enviado' ? outcome.at : now,
      sentForApprovalBy: userOf(deps) || 'cuenta no identificada',
      note: '',
      updatedAt: now,
    };
    // One setValues for the whole change: the row is either as it was or entirely as decided.
    t.update([{ id, fields }], { mode: 'row' });
    clearJournal(deps.properties, APPROVAL_KIND, [rowId]);
    deps.properties.delete(pendingProposalKey(id, round));
    if (outcome.status === 'ambiguo') {
      deps.audit.record({ action: A.sent, target: id, result: 'Por revisar', detail: `${detail}: ${outcome.message}` });
      toReview(deps, now, A.whatApproval, row, to, `${id}#${round}`);
      return { ok: false, message: M.sentAmbiguous };
    }
    deps.audit.record({ action: A.sent, target: id, result: 'Correcto', detail });
    return { ok: true, message: M.sent(to, round) };
  });
}

// ---------------------------------------------------------------------------- the decision

interface DecideRequest {
  decision: Decision;
  channel: 'Enlace' | 'Panel';
  by: string;
  /** The round the decider saw (the link's; the panel's `seenRound`); null: the current one. */
  round: number | null;
  reason: string;
  /** Audit only (the panel's «por teléfono»). */
  note: string;
}

type DecideResult =
  | { kind: 'done'; row: Row; told: boolean }
  | { kind: 'unknown' }
  | { kind: 'decided'; decision: string; when: string; channel: string }
  | { kind: 'older' }
  | { kind: 'newer' }
  | { kind: 'notSent' }
  | { kind: 'tooLate'; when: string };

function decidedOf(row: Row): Extract<DecideResult, { kind: 'decided' }> {
  const decision = text(row.record.decision) || (requestState(row.record.state) === 'Rechazada' ? 'Rechazada' : 'Aprobada');
  const at = dateOf(row.record.decidedAt);
  return { kind: 'decided', decision, when: at ? formatLimaDateTime(at) : '', channel: text(row.record.decisionChannel) };
}

function afterDecisionDeps(deps: LinkDeps | ExternalDecisionDeps): LinkDeps {
  return deps as LinkDeps;
}

/**
 * What a decided request still owes, done once: the rejection email to the institution, or the
 * job's run for an approved one. Called by every decision path after its write, and by whoever
 * meets a decided request (a link pressed again after a crash, the panel, the job). Holds the lock.
 */
export function catchUpDecision(deps: LinkDeps, row: Row, current = false): boolean {
  const state = requestState(row.record.state);
  if (state === 'Aprobada') {
    if (deps.scheduler) requestExternalRun({ scheduler: deps.scheduler, properties: deps.properties, lock: deps.lock, clock: deps.clock });
    return true;
  }
  if (state !== 'Rechazada') return false;
  const mail = text(row.record.decisionMail);
  if (mail === 'enviado' || mail === 'enviando') return mail === 'enviado';
  return tellRejection(deps, row, current);
}

/**
 * The rejection email to the institution, once ('decision-solicitud', row = the request's ID).
 * `current`: the caller read the tab fresh under this lock hold and wrote it only through this
 * table since (the decision's own path), so the email's outcome is written from that snapshot —
 * its changed columns, all the script's own, bridged into one rectangle — without reading the tab
 * again; anyone else's call rewrites the whole row from a fresh read (mode 'row').
 */
function tellRejection(deps: LinkDeps, row: Row, current = false): boolean {
  const now = deps.clock.now();
  const to = normaliseEmail(text(row.record.contactEmail));
  const t = table(deps);
  const mode = current ? {} : ({ mode: 'row' } as const);
  if (!to) {
    t.update([{ id: row.id, fields: { decisionMail: 'error', updatedAt: now } }], mode);
    deps.audit.record({ action: A.rejectionMail, target: row.id, result: 'Error', detail: 'sin correo de contacto válido' });
    return false;
  }
  const mail = rejectionEmail(row);
  const outcome: DeliveryOutcome = sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, DECISION_KIND, row.id, { to, ...mail });
  if (outcome.status === 'error') {
    t.update([{ id: row.id, fields: { decisionMail: 'error', updatedAt: now } }], mode);
    deps.audit.record({ action: A.rejectionMail, target: row.id, result: 'Error', detail: outcome.message });
    return false;
  }
  const sent = outcome.status === 'enviado';
  t.update([{ id: row.id, fields: { decisionMail: sent ? 'enviado' : 'enviando', decisionMailAt: sent ? outcome.at : null, updatedAt: now } }], mode);
  clearJournal(deps.properties, DECISION_KIND, [row.id]);
  if (!sent) {
    deps.audit.record({ action: A.rejectionMail, target: row.id, result: 'Por revisar', detail: outcome.message });
    toReview(deps, now, A.whatRejection, row, to, `${row.id}#decision`);
    return false;
  }
  deps.audit.record({ action: A.rejectionMail, target: row.id, result: 'Correcto', detail: `Para ${to}` });
  return true;
}

/** The institution's rejection email, with the reason. */
export function rejectionEmail(row: Row): EmailMessage {
  const r = row.record;
  const institution = oneLine(text(r.institution));
  const topic = oneLine(text(r.topic));
  const reason = oneLine(text(r.rejectReason));
  const subject = E.rejectionSubject(topic);
  const hello = greeting(text(r.contactName));
  return {
    subject,
    html: emailDocument(
      subject,
      html`${[paragraph(hello), paragraph(E.rejectionIntro(institution, topic)), paragraph(E.rejectionBody), paragraph(html`<strong>${reason}</strong>`), paragraph(E.rejectionClosing), paragraph(E.signature)]}`,
    ),
    text: textDocument([hello, E.rejectionIntro(institution, topic), E.rejectionBody, reason, E.rejectionClosing, E.signature]),
    senderName: SENDER_NAME,
  };
}

/**
 * The decision under the lock (the caller holds it): fresh row, gate, write, audit, what it owes.
 * `freshRow`: the row as the caller has just read it fresh under this same lock hold (the reject
 * link reads it for its gate before checking the reason): not read a second time.
 */
function decide(deps: LinkDeps, id: string, req: DecideRequest, freshRow?: { row: Row | undefined }): DecideResult {
  const now = deps.clock.now();
  const t = table(deps);
  if (!t.exists()) return { kind: 'unknown' };
  const row = freshRow ? freshRow.row : t.read({ fresh: true }).byId.get(id);
  if (!row) return { kind: 'unknown' };
  const state = requestState(row.record.state);
  const gate = decisionGate(state, roundOf(row.record.approvalRound), req.round);
  if (gate.kind === 'decided') {
    catchUpDecision(deps, row, true);
    return decidedOf(row);
  }
  if (gate.kind !== 'decide') return { kind: gate.kind };
  const start = dateOf(row.record.proposedStart);
  const round = roundOf(row.record.approvalRound);
  if (req.decision === 'Aprobada' && !approvableAt(start, now)) {
    const when = whenText(start, dateOf(row.record.proposedEnd));
    t.update([{ id, fields: { note: A.tooLateNote(when, formatLimaDateTime(now)), updatedAt: now } }], { mode: 'row' });
    deps.audit.record({ action: A.tooLate, target: id, result: 'Sin efecto', detail: `${req.channel}, ronda ${round}: ${when}` });
    return { kind: 'tooLate', when };
  }
  const fields: Fields = {
    state: req.decision,
    decision: req.decision,
    decisionChannel: req.channel,
    decidedBy: req.by,
    decidedAt: now,
    rejectReason: req.decision === 'Rechazada' ? req.reason : '',
    updatedAt: now,
  };
  // The decision first, in one write (see the module's comment: never contradicted by an email).
  t.update([{ id, fields }], { mode: 'row' });
  deps.audit.record({ action: A.decided, target: id, result: 'Correcto', detail: A.decidedDetail(req.decision, req.channel, req.by, round, req.note) });
  const decided: Row = { ...row, record: { ...row.record, ...(fields as Row['record']) } };
  const told = catchUpDecision(deps, decided, true);
  return { kind: 'done', row: decided, told };
}

// ---------------------------------------------------------------------------- the links

function nothing(page: LinkPage, detail: string): LinkOutcome {
  return { kind: 'nothing', page, auditDetail: detail };
}

function linkBy(deps: LinkDeps): string {
  return cleanText(settingsOf(deps).subDirectorEmail, 300) || 'Sub Dirección';
}

function pageOf(result: Exclude<DecideResult, { kind: 'done' }>): LinkOutcome {
  switch (result.kind) {
    case 'unknown':
      return nothing(P.unknown, 'solicitud inexistente');
    case 'decided':
      return nothing(P.decided(result.decision, result.when, result.channel), `ya ${result.decision.toLowerCase()} (${result.channel || 'sin vía'})`);
    case 'older':
      return nothing(P.older, 'ronda anterior');
    case 'newer':
      // The proposal's sending has not been recorded yet (an interrupted «Enviar a aprobación»): keep the link.
      return { kind: 'retry', page: P.pending, auditDetail: 'ronda aún no registrada' };
    case 'notSent':
      return nothing(P.notSent, 'no está enviada a aprobación');
    case 'tooLate':
      return nothing(P.tooLate(result.when), 'fecha propuesta pasada o a menos de 24 horas');
  }
}

function describeFor(action: LinkAction, deps: LinkDeps, subject: string): LinkPage | LinkOutcome {
  const s = parseDecisionSubject(subject);
  if (!s) return nothing(P.unknown, 'referencia no válida');
  const t = table(deps);
  const row = t.exists() ? t.read().byId.get(s.requestId) : undefined;
  if (!row) return nothing(P.unknown, 'solicitud inexistente');
  const gate = decisionGate(requestState(row.record.state), roundOf(row.record.approvalRound), s.round);
  if (gate.kind === 'decided') return pageOf(decidedOf(row));
  if (gate.kind !== 'decide') return pageOf({ kind: gate.kind });
  const start = dateOf(row.record.proposedStart);
  const when = whenText(start, dateOf(row.record.proposedEnd));
  if (action === LINK_ACTIONS.approve && !approvableAt(start, deps.clock.now())) return pageOf({ kind: 'tooLate', when });
  const settings = settingsOf(deps);
  const facts = P.facts(oneLine(text(row.record.institution)), oneLine(text(row.record.topic)), when, numberOf(row.record.expected), capacityOf(row, settings));
  return action === LINK_ACTIONS.approve ? P.approveConfirm(facts) : P.rejectConfirm(facts, MAX_REASON_LENGTH);
}

function performFor(decision: Decision, deps: LinkDeps, subject: string, input: unknown): LinkOutcome {
  const s = parseDecisionSubject(subject);
  if (!s) return nothing(P.unknown, 'referencia no válida');
  return deps.lock.withLock(() => {
    let reason = '';
    let freshRow: { row: Row | undefined } | undefined;
    if (decision === 'Rechazada') {
      // The gate first: a decided request says so whatever was typed.
      const t = table(deps);
      if (t.exists()) freshRow = { row: t.read({ fresh: true }).byId.get(s.requestId) };
      const row = freshRow?.row;
      const gate = row ? decisionGate(requestState(row.record.state), roundOf(row.record.approvalRound), s.round) : null;
      if (gate?.kind === 'decide') {
        const checked = checkReason(input);
        // The link stays usable: the Sub Director goes back, writes the reason and confirms again.
        if (!checked.ok) return { kind: 'retry', page: P.badReason(checked.problem), auditDetail: `motivo no válido: ${checked.problem}` };
        reason = checked.text;
      }
    }
    // The row read above (under this lock hold, nothing written since) is the one decide works on.
    const result = decide(deps, s.requestId, { decision, channel: 'Enlace', by: linkBy(deps), round: s.round, reason, note: '' }, freshRow);
    if (result.kind !== 'done') return pageOf(result);
    const institution = oneLine(text(result.row.record.institution));
    return decision === 'Aprobada'
      ? { kind: 'done', page: P.approved(institution), auditDetail: `aprobada (ronda ${s.round})` }
      : { kind: 'done', page: P.rejected(institution), auditDetail: `rechazada (ronda ${s.round})${result.told ? '; institución informada' : ''}` };
  });
}

/** The Sub Director's «Aprobar» button (docs/web-app.md). */
export const APPROVE_HANDLER: LinkHandler = {
  action: LINK_ACTIONS.approve,
  describe: (deps, subject) => describeFor(LINK_ACTIONS.approve, deps, subject),
  perform: (deps, subject) => performFor('Aprobada', deps, subject, undefined),
};

/** The Sub Director's «Rechazar» button: its page asks for the reason (`field`). */
export const REJECT_HANDLER: LinkHandler = {
  action: LINK_ACTIONS.reject,
  describe: (deps, subject) => describeFor(LINK_ACTIONS.reject, deps, subject),
  perform: (deps, subject, input) => performFor('Rechazada', deps, subject, input),
};

// ---------------------------------------------------------------------------- the panel

/**
 * «Registrar decisión» (a coordinator; e.g. approved by phone): the same rules as the links,
 * channel 'Panel', decided by the coordinator's account, the note in the audit.
 */
export function recordDecision(deps: ExternalDecisionDeps, input: DecisionInput): ExternalActionResult {
  const raw = (input && typeof input === 'object' ? input : {}) as Partial<DecisionInput>;
  const id = cleanText(raw.requestId, 80);
  if (!table(deps).exists()) return refuse(deps, id, M.notTalleres);
  const user = userOf(deps);
  if (!isCoordinator(readTeam(deps.properties), user)) return refuse(deps, id, M.coordinatorOnly);
  const decision = raw.decision === 'Aprobada' || raw.decision === 'Rechazada' ? raw.decision : null;
  if (!decision) return refuse(deps, id, M.badDecision);
  let reason = '';
  if (decision === 'Rechazada') {
    const checked = checkReason(raw.reason);
    if (!checked.ok) return refuse(deps, id, checked.problem, { reason: checked.problem });
    reason = checked.text;
  }
  const note = checkNote(raw.note);
  if (!note.ok) return refuse(deps, id, note.problem);
  const seen = raw.seenRound === undefined || raw.seenRound === null ? null : Number(raw.seenRound);
  if (seen !== null && !Number.isInteger(seen)) return refuse(deps, id, M.staleDecision);
  return withLockOr(deps, id, () => {
    const result = decide(afterDecisionDeps(deps), id, { decision, channel: 'Panel', by: user, round: seen, reason, note: note.text });
    switch (result.kind) {
      case 'done':
        return { ok: true, message: decision === 'Aprobada' ? M.approved : M.rejected(result.told) };
      case 'unknown':
        return refuse(deps, id, M.notFound);
      case 'decided':
        return refuse(deps, id, M.decided(result.decision, result.when, result.channel));
      case 'older':
      case 'newer':
        return refuse(deps, id, M.staleDecision);
      case 'notSent':
        return refuse(deps, id, M.notSent);
      case 'tooLate':
        return refuse(deps, id, M.tooLate(result.when));
    }
  });
}
