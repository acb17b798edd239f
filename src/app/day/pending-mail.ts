/**
 * Surveys (A06) and abandonment emails (A03) that could not leave when the consultant clicked —
 * mail quota used up, the survey form not created yet, a refused address since corrected — are
 * left 'pendiente' on their row. This sends them later, once: for an automatic task (the
 * reminders run or the day closing) to call, after its own work.
 *
 * One read of 'Citas' (shared with the caller's when it already read it in this execution), one
 * send per email through `sendOnce`, one batched write of the outcomes, then the journal entries
 * the sheet now records are cleared. Only recent appointments are considered: a survey about an
 * attention weeks ago helps nobody.
 */
import { loadSettings } from '../team';
import { addLimaDays, limaDateKey } from '../../domain/lima-time';
import { abandonmentEmail } from '../../domain/messages/abandonment';
import { DAY_AUDIT as A, DAY_REVIEW } from '../../domain/messages/day';
import { surveyEmail } from '../../domain/messages/survey';
import { APPOINTMENTS_TAB, REVIEW_TAB, SETTINGS_TAB, type AppointmentKey } from '../../domain/schema';
import type { TableRow } from '../../domain/table';
import { normaliseEmail } from '../../domain/validation';
import type { AuditLog, Clock, Forms, KeyValueStore, Lock, Mailer, RowChange, Workbooks } from '../../ports';
import { appointmentStart, appointmentStatus, cellString, deliveryStatus, type AppointmentFields } from '../appointments/rows';
import { clearJournal, sendOnce, type MailKind, type QuotaBudget } from '../delivery';
import { recordReview } from '../review';
import { surveyLink } from '../survey-link';
import { SURVEY_PROPERTY_KEYS } from '../surveys';
import { consultantDisplayName } from './contacts';

/** How many days back a pending survey or abandonment email is still worth sending. */
export const PENDING_MAIL_DAYS = 3;

export interface PendingMailDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  mailer: Mailer;
  forms: Forms;
  audit: AuditLog;
}

export interface PendingMailResult {
  sent: number;
  /** Still pending (no quota left, no form yet, no valid email). */
  waiting: number;
  /** Left 'enviando' (an earlier send was interrupted): listed in 'Revisión'. */
  ambiguous: number;
}

type Kind = Extract<MailKind, 'encuesta' | 'abandono'>;

function isPending(v: unknown): boolean {
  const s = deliveryStatus(v);
  return s === 'pendiente' || s === 'error';
}

/**
 * Sends the pending surveys and abandonment emails of the last PENDING_MAIL_DAYS days. `quota`
 * is the caller's remaining mail budget when it already checked it (it is decremented).
 */
export function sendPendingAttentionMail(deps: PendingMailDeps, quota?: QuotaBudget): PendingMailResult {
  const book = deps.workbooks.current();
  const table = book.table(APPOINTMENTS_TAB);
  const result: PendingMailResult = { sent: 0, waiting: 0, ambiguous: 0 };
  if (!table.exists()) return result;
  const { settings } = loadSettings(book.table(SETTINGS_TAB), deps.properties);
  // One read of the document properties: the form's ID and its link template (survey-link.ts).
  const props = deps.properties.getAll();
  const formId = props[SURVEY_PROPERTY_KEYS.formId] || settings.surveyFormId;

  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const oldest = addLimaDays(limaDateKey(now), -PENDING_MAIL_DAYS);
    const work: { row: TableRow<AppointmentKey>; kind: Kind; start: Date }[] = [];
    for (const row of table.read().rows) {
      if (row.id === '') continue;
      const start = appointmentStart(row.record);
      if (!start || limaDateKey(start) < oldest || start.getTime() > now.getTime()) continue;
      const status = appointmentStatus(row.record);
      if (status === 'Atendida' && isPending(row.record.surveyStatus)) work.push({ row, kind: 'encuesta', start });
      if (status === 'Abandonada' && isPending(row.record.abandonmentEmail)) work.push({ row, kind: 'abandono', start });
    }
    if (work.length === 0) return result;

    const budget: QuotaBudget = quota ?? { remaining: deps.mailer.remainingDailyQuota() };
    const changes: RowChange<AppointmentKey>[] = [];
    const sent: Record<Kind, string[]> = { encuesta: [], abandono: [] };
    const review: TableRow<AppointmentKey>[] = [];
    for (const { row, kind, start } of work) {
      const to = normaliseEmail(cellString(row.record.email));
      if (!to || budget.remaining <= 0 || (kind === 'encuesta' && !formId)) {
        result.waiting++;
        continue;
      }
      const fullName = cellString(row.record.fullName);
      let message;
      try {
        message =
          kind === 'encuesta'
            ? surveyEmail({
                fullName,
                surveyUrl: surveyLink(deps, formId, row.id, props),
                consultantName: consultantDisplayName(row.record.consultant, settings),
                rebookUrl: settings.rebookUrl,
              })
            : abandonmentEmail({ fullName, start, reason: abandonReasonForCitizen(row), rebookUrl: settings.rebookUrl });
      } catch (e) {
        // The survey form was deleted or renamed its code question: setup repairs it; the mail waits.
        result.waiting++;
        deps.audit.record({ action: A.sendProblem, target: row.id, result: 'Error', detail: e instanceof Error ? e.message : String(e) });
        continue;
      }
      const outcome = sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock, quota: budget }, kind, row.id, {
        to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        senderName: message.senderName,
      });
      const fields: AppointmentFields = { updatedAt: now };
      if (outcome.status === 'enviado') {
        result.sent++;
        sent[kind].push(row.id);
        if (kind === 'encuesta') Object.assign(fields, { surveyStatus: 'enviado', surveySentAt: outcome.at });
        else fields.abandonmentEmail = 'enviado';
        deps.audit.record({ action: kind === 'encuesta' ? A.surveySent : A.abandonmentSent, target: row.id, result: 'Correcto', detail: to });
      } else if (outcome.status === 'ambiguo') {
        result.ambiguous++;
        review.push(row);
        if (kind === 'encuesta') fields.surveyStatus = 'enviando';
        else fields.abandonmentEmail = 'enviando';
        deps.audit.record({ action: A.sendAmbiguous, target: row.id, result: 'Por revisar', detail: `${kind}: ${outcome.message}` });
      } else {
        result.waiting++;
        deps.audit.record({ action: A.sendProblem, target: row.id, result: 'Error', detail: `${kind}: ${outcome.message}` });
        continue;
      }
      changes.push({ id: row.id, fields });
    }
    if (changes.length) table.update(changes);
    for (const kind of ['encuesta', 'abandono'] as const) if (sent[kind].length) clearJournal(deps.properties, kind, sent[kind]);
    if (review.length) {
      const reviewTable = book.table(REVIEW_TAB);
      if (reviewTable.exists()) {
        recordReview(
          reviewTable,
          review.map((row) => {
            const kind: Kind = appointmentStatus(row.record) === 'Atendida' ? 'encuesta' : 'abandono';
            return {
              tipo: DAY_REVIEW.kind[kind],
              referencia: row.id,
              detalle: DAY_REVIEW.detail(DAY_REVIEW.what[kind], cellString(row.record.fullName), cellString(row.record.email)),
            };
          }),
          now,
        );
      }
    }
    return result;
  });
}

/** The listed reason of 'Motivo de abandono' ('reason – detail'): the detail is an internal note. */
function abandonReasonForCitizen(row: TableRow<AppointmentKey>): string | undefined {
  const reason = cellString(row.record.abandonReason).split(' – ')[0].trim();
  return reason && reason !== 'Otro' ? reason : undefined;
}
