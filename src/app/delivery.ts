/**
 * Once-only email delivery (DESIGN.md "Side effects: once, and never lost").
 *
 * Google cannot make an email idempotent, so every send is bracketed by a journal entry in the
 * document properties: 'enviando' before MailApp, 'enviado' after. An execution that dies in
 * between leaves 'enviando', and the next caller gets 'ambiguo' instead of sending again: a
 * person decides (the 'Revisión' tab). The journal lives in document properties, not in the
 * sheet, so that the Sheets calls of an execution do not grow with the number of emails: each use
 * case writes the outcomes to its rows in one batched update at its end, then clears the journal
 * entries the sheet now records (`clearJournal`). An entry found after a crash is reconciled into
 * the sheet by the next run (`journalEntries`).
 *
 * Callers hold the script lock around `sendOnce` (two executions must not read the same key as
 * free at the same time).
 */
import type { Clock, KeyValueStore, Mailer, OutgoingMail } from '../ports';

export type MailKind = 'recordatorio' | 'encuesta' | 'abandono' | 'talleres' | 'resumen' | 'ponente';

export type DeliveryOutcome =
  | { status: 'enviado'; at: Date }
  /** Refused before sending (invalid address, quota): nothing left, safe to retry later. */
  | { status: 'error'; message: string }
  /** May or may not have gone out: never resent, goes to 'Revisión'. */
  | { status: 'ambiguo'; message: string };

/**
 * What is left of today's mail quota, counted down by `sendOnce`. A run that checked
 * `remainingDailyQuota()` once passes it here so each send does not ask again.
 */
export interface QuotaBudget {
  remaining: number;
}

export interface DeliveryDeps {
  mailer: Mailer;
  journal: KeyValueStore;
  clock: Clock;
  /** Optional: the quota the caller already read; without it `sendOnce` asks MailApp before each send. */
  quota?: QuotaBudget;
  /**
   * Optional: the journal as the caller read it (one `getAll`), kept up to date by `sendOnce`.
   * Only for a caller that is the sole writer of these keys for its whole run (a job holding its
   * lease): then the snapshot is the truth and each send saves a property read.
   */
  snapshot?: Record<string, string>;
}

/** Prefix of every journal key: 'SOE_MAIL:<kind>:<rowId>'. */
export const JOURNAL_PREFIX = 'SOE_MAIL:';

const SENDING = 'enviando';
const SENT = 'enviado';

/** Emails to the Dirección about a module (B03 programme, B04 banner); their row ID is '<module>:<send n.°>'. */
export type DirectionMailKind = 'programacion' | 'banner';

/**
 * Emails of registration to a module (B05); their row ID is '<registration>:<round>' so a person
 * who withdraws and registers again is written to again, once per round.
 */
export type RegistrationMailKind = 'inscripcion' | 'espera' | 'cupo' | 'correccion' | 'cerrada' | 'horario';

/**
 * Issue 12 (B11, i12-silnet): the closing's emails, row ID '<TP|OP>/<sessionId>/<recipient>#<key>'
 * where the key changes with the slot or the order announced (src/domain/workshops/closing.ts).
 */
export type ClosingMailKind = 'cierre';

/** Emails of a running session sent by the access-link job (B06–B07); their row ID is the 'Envíos de sesiones' ID (a correction's adds '@<schedule version>'). */
export type AccessMailKind = 'acceso';

/** Emails of a running session (issue 12). B08: the workshop survey, row ID 'ENC/<session>/<registration>'. */
export type WorkshopSurveyMailKind = 'encuesta-taller';

/**
 * Issue 13 (B12): a certificate's email (row ID: the certificate's code, so a reissue is a new
 * send) and the module's report to the Dirección (row ID '<moduleId>#v<version>').
 */
export type CertificateMailKind = 'certificado' | 'informe-modulo';

/** Every kind the journal knows. */
/**
 * C01–C04 (row ID = the request's ID; 'aprobacion-solicitud' = `<requestId>#<round>`): the
 * acknowledgment, the what-to-fix answer to a bad request (row ID = the form response's ID), the
 * proposal to the Sub Director, the decision told to the institution, and the thanks after the session.
 */
export type ExternalMailKind = 'acuse-solicitud' | 'correccion-solicitud' | 'aprobacion-solicitud' | 'decision-solicitud' | 'agradecimiento-institucion';
/** Issue 15: the monthly report to the Sub Director (row = `<yyyy-mm>#v<version>`). */
export type IndicatorMailKind = 'informe-mensual';
export type JournalKind = MailKind | DirectionMailKind | RegistrationMailKind | ClosingMailKind | AccessMailKind | WorkshopSurveyMailKind | CertificateMailKind | ExternalMailKind | IndicatorMailKind;

export function journalKey(kind: JournalKind, rowId: string): string {
  return `${JOURNAL_PREFIX}${kind}:${rowId}`;
}

/** Messages of MailApp errors thrown before anything is sent (Apps Script's own wording). */
const REFUSED_BEFORE_SENDING = [
  /^Invalid email/i,
  /Service invoked too many times for one day: email/i,
  /^Failed to send email: no recipient/i,
  /^Limit Exceeded: Email/i,
  /^Argument too large/i,
  /don't match the method signature/i,
];

/** True when MailApp refused the message before sending it (safe to retry; nothing left). */
export function isRefusedBeforeSending(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return REFUSED_BEFORE_SENDING.some((re) => re.test(msg));
}

/** Reason given when the quota is exhausted before the send (Spanish: it goes to the sheet and the audit log). */
export const QUOTA_EXHAUSTED = 'Se agotó el cupo diario de correos; se enviará cuando haya cupo.';
/** Reason given for a journal entry left 'enviando' by an interrupted execution. */
export const INTERRUPTED_SEND = 'Un envío anterior se interrumpió y no se sabe si el correo llegó; no se reenvía automáticamente.';

function parseEntry(value: string | null): { state: 'enviando' | 'enviado'; at?: Date } | null {
  if (value === null || value === '') return null;
  const [state, iso] = value.split('|');
  if (state !== SENDING && state !== SENT) return null;
  const at = iso ? new Date(iso) : undefined;
  return { state, ...(at && !isNaN(at.getTime()) ? { at } : {}) };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Sends `mail` at most once for (kind, rowId): writes the journal entry 'enviando' before
 * MailApp, 'enviado|<iso>' after. If the journal already says 'enviando' for this key, returns
 * 'ambiguo' without sending; if 'enviado', returns 'enviado' (with its time) without sending.
 * A refusal MailApp gives before sending (invalid address, quota) returns 'error' and removes the
 * journal entry; any other exception may have happened after the mail left: 'ambiguo', and the
 * entry stays 'enviando'.
 */
export function sendOnce(deps: DeliveryDeps, kind: JournalKind, rowId: string, mail: OutgoingMail): DeliveryOutcome {
  const key = journalKey(kind, rowId);
  const existing = parseEntry(deps.snapshot ? (deps.snapshot[key] ?? null) : deps.journal.get(key));
  if (existing?.state === SENT) return { status: 'enviado', at: existing.at ?? deps.clock.now() };
  if (existing?.state === SENDING) return { status: 'ambiguo', message: INTERRUPTED_SEND };

  const remaining = deps.quota ? deps.quota.remaining : deps.mailer.remainingDailyQuota();
  if (remaining <= 0) return { status: 'error', message: QUOTA_EXHAUSTED };

  const sending = `${SENDING}|${deps.clock.now().toISOString()}`;
  deps.journal.setAll({ [key]: sending });
  if (deps.snapshot) deps.snapshot[key] = sending;
  try {
    deps.mailer.send(mail);
  } catch (e) {
    if (isRefusedBeforeSending(e)) {
      deps.journal.delete(key);
      if (deps.snapshot) delete deps.snapshot[key];
      if (deps.quota && /too many times/i.test(errorText(e))) deps.quota.remaining = 0;
      return { status: 'error', message: errorText(e) };
    }
    return { status: 'ambiguo', message: errorText(e) };
  }
  if (deps.quota) deps.quota.remaining -= 1;
  const at = deps.clock.now();
  // If this write fails the entry stays 'enviando': the mail is then reported as ambiguous, never resent.
  const sent = `${SENT}|${at.toISOString()}`;
  deps.journal.setAll({ [key]: sent });
  if (deps.snapshot) deps.snapshot[key] = sent;
  return { status: 'enviado', at };
}

export interface JournalEntry {
  rowId: string;
  state: 'enviando' | 'enviado';
  at?: Date;
}

/**
 * Journal entries of one kind, from one read of the properties (to reconcile into the sheet after
 * a crash). `all` may pass properties the caller already read with `getAll`.
 */
export function journalEntries(journal: KeyValueStore, kind: JournalKind, all: Record<string, string> = journal.getAll()): JournalEntry[] {
  const prefix = journalKey(kind, '');
  const out: JournalEntry[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(prefix)) continue;
    const entry = parseEntry(value);
    if (entry) out.push({ rowId: key.slice(prefix.length), ...entry });
  }
  return out.sort((a, b) => (a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0));
}

/** Forgets entries the sheet now records (one property deletion each). */
export function clearJournal(journal: KeyValueStore, kind: JournalKind, rowIds: readonly string[]): void {
  for (const rowId of new Set(rowIds)) journal.delete(journalKey(kind, rowId));
}
