/**
 * The frame every action of the day (A03–A06) runs in, so each one is the same safe shape:
 *
 *   read settings → take the script lock → read 'Citas' once → find the row by its ID →
 *   decide (state machine) → at most one email, once (sendOnce) → one write of the row →
 *   audit → answer with the appointment as it is now.
 *
 * Why the email goes before the write: the row is then written once, with the email's outcome
 * in it. A crash between the send and the write leaves the row as it was and the journal saying
 * 'enviado', so the consultant's retry passes the state machine again and sendOnce does not send
 * twice; a crash during the send leaves 'enviando' in the journal, and the retry records the
 * email as ambiguous ('Revisión') instead of sending it again.
 */
import type { AppointmentFacts } from '../../domain/appointment';
import type { EmailMessage } from '../../domain/messages/email-layout';
import { DAY_AUDIT as A, DAY_MESSAGES as M, DAY_REVIEW } from '../../domain/messages/day';
import { APPOINTMENTS_TAB, REVIEW_TAB, type AppointmentKey } from '../../domain/schema';
import { toCell, type TableRow } from '../../domain/table';
import { normaliseEmail } from '../../domain/validation';
import type { AuditLog, Clock, Forms, KeyValueStore, Lock, Mailer, Meetings, Session, Table, Workbooks } from '../../ports';
import { appointmentStart, cellString, toAppointmentFacts, type AppointmentFields } from '../appointments/rows';
import { clearJournal, sendOnce, type DeliveryOutcome, type MailKind } from '../delivery';
import { recordReview } from '../review';
import type { Settings } from '../settings';
import { loadBookSettings, readTeam } from '../team';
import { isCoordinator } from '../../domain/access';
import { ACCESS_MESSAGES as AM } from '../../domain/messages/access';
import { consultantDisplayName, mayWorkOn, panelUser, type PanelUser } from './contacts';
import { grantedTo, readGrants } from './on-behalf';
import type { DayActionResult, ScriptSection } from './types';
import { appointmentView } from './view';

/** The ports the day's use cases need (the entry point's Context has them all). */
export interface DayDeps {
  workbooks: Workbooks;
  /** Document properties: the once-only delivery journal and the recorded role and sibling. */
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  session: Session;
  mailer: Mailer;
  forms: Forms;
  audit: AuditLog;
  /** Calendar, for «Cancelar cita» (its event with Meet). Absent: the reminders run cancels it. */
  meetings?: Meetings;
}

/** What an action sees: the row, its facts, the settings and a way to send its email. */
export interface ActionEnv {
  deps: DayDeps;
  now: Date;
  settings: Settings;
  user: PanelUser;
  row: TableRow<AppointmentKey>;
  facts: AppointmentFacts;
  /** Sends `mail` to the row's email once per (kind, appointment); records what happened. */
  send(kind: Exclude<MailKind, 'recordatorio' | 'resumen' | 'ponente'>, mail: EmailMessage): SendResult;
}

/** A send's outcome, with the value its delivery column takes. */
export type SendResult =
  | { status: 'enviado'; column: 'enviado' }
  | { status: 'ambiguo'; column: 'enviando' }
  | { status: 'error'; column: 'pendiente'; reason: string }
  | { status: 'sin-correo'; column: 'pendiente' };

export type ActionDecision =
  | {
      refuse: string;
      /** The audit line's action when this is not a refused transition (e.g. no workshops open). */
      auditAction?: string;
    }
  | {
      fields: AppointmentFields;
      message: string;
      warning?: string;
      script?: ScriptSection[];
    };

/** A row's email as the mailer takes it, or null when the cell holds no usable address. */
function rowEmail(row: TableRow<AppointmentKey>): string | null {
  return normaliseEmail(cellString(row.record.email));
}

/** What a mailer's refusal means for the consultant (its own words are technical, often English). */
function reasonOf(outcome: Extract<DeliveryOutcome, { status: 'error' }>): string {
  return /quota|cuota|cupo|too many times|limit/i.test(outcome.message) ? M.quotaExhausted : M.sendRefused;
}

/** Lists an email that may or may not have left in 'Revisión' (never twice for the same one). */
function recordForReview(deps: DayDeps, now: Date, kind: keyof typeof DAY_REVIEW.kind, row: TableRow<AppointmentKey>): void {
  const table = deps.workbooks.current().table(REVIEW_TAB);
  if (!table.exists()) return;
  recordReview(
    table,
    [
      {
        tipo: DAY_REVIEW.kind[kind],
        referencia: row.id,
        detalle: DAY_REVIEW.detail(DAY_REVIEW.what[kind], cellString(row.record.fullName), cellString(row.record.email)),
      },
    ],
    now,
  );
}

/**
 * Runs one action on the appointment `id`. `decide` returns the fields to write (one batched
 * write) or a refusal in Spanish; it may send one email through `env.send`.
 */
export function runAction(deps: DayDeps, id: string, decide: (env: ActionEnv) => ActionDecision): DayActionResult {
  const appointmentId = String(id ?? '').trim();
  const { settings } = loadBookSettings(deps.workbooks.current(), deps.properties);
  const user = actingUser(deps, settings);
  return deps.lock.withLock(() => {
    const now = deps.clock.now();
    const table: Table<AppointmentKey> = deps.workbooks.current().table(APPOINTMENTS_TAB);
    if (!table.exists()) return { ok: false, message: M.noAppointmentsTab };
    // Read under the lock: the row is written back whole (mode 'row' below) from this reading.
    const row = table.read({ fresh: true }).byId.get(appointmentId);
    if (!row) return refused(deps, appointmentId, M.notFound(appointmentId));
    const start = appointmentStart(row.record);
    const facts = toAppointmentFacts(row);
    const viewOf = (r: TableRow<AppointmentKey>) => (start ? appointmentView(r, start, { now, settings, user }) : undefined);
    // Only one's own appointments, or another's taken over «en lugar de» (docs/access-model.md).
    if (!mayWorkOn(row.id, row.record.consultant, user)) {
      return refused(deps, appointmentId, AM.notYours(consultantDisplayName(row.record.consultant, settings)), viewOf(row));
    }
    if (!facts || !start) {
      const why = start ? M.unknownStatus(cellString(row.record.status)) : M.badStart(1);
      return refused(deps, appointmentId, why, viewOf(row));
    }

    const sent: MailKind[] = [];
    const env: ActionEnv = {
      deps,
      now,
      settings,
      user,
      row,
      facts,
      send(kind, mail) {
        const to = rowEmail(row);
        if (!to) return { status: 'sin-correo', column: 'pendiente' };
        const outcome = sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, kind, row.id, {
          to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          senderName: mail.senderName,
        });
        if (outcome.status === 'enviado') {
          sent.push(kind);
          return { status: 'enviado', column: 'enviado' };
        }
        if (outcome.status === 'ambiguo') {
          deps.audit.record({ action: A.sendAmbiguous, target: row.id, result: 'Por revisar', detail: `${kind}: ${outcome.message}` });
          recordForReview(deps, now, kind, row);
          return { status: 'ambiguo', column: 'enviando' };
        }
        deps.audit.record({ action: A.sendProblem, target: row.id, result: 'Error', detail: `${kind}: ${outcome.message}` });
        return { status: 'error', column: 'pendiente', reason: reasonOf(outcome) };
      },
    };

    const decision = decide(env);
    if ('refuse' in decision) return refused(deps, appointmentId, decision.refuse, viewOf(row), decision.auditAction);

    const fields: AppointmentFields = { ...decision.fields, updatedAt: now };
    // One setValues for the whole change (mode 'row'): Apps Script can fail between two calls,
    // never inside one, so the row is either as it was — the consultant's retry redoes the action
    // and finds its email in the journal, not sent again — or entirely as decided.
    table.update([{ id: row.id, fields }], { mode: 'row' });
    // The sheet now records these emails: their journal entries have done their job.
    for (const kind of sent) clearJournal(deps.properties, kind, [row.id]);

    const record = { ...row.record };
    for (const key of Object.keys(fields) as AppointmentKey[]) record[key] = toCell(fields[key]);
    const appointment = appointmentView({ ...row, record }, start, { now, settings, user });
    return {
      ok: true,
      appointment,
      message: decision.message,
      ...(decision.warning ? { warning: decision.warning } : {}),
      ...(decision.script ? { script: decision.script } : {}),
    };
  });
}

/** The panel's user with what access gives them: coordinator or not, appointments taken over. */
export function actingUser(deps: Pick<DayDeps, 'properties' | 'session'>, settings: Pick<Settings, 'consultants'>): PanelUser {
  const email = deps.session.userEmail();
  let granted: ReadonlySet<string> | undefined;
  return panelUser(settings, email, {
    isCoordinator: isCoordinator(readTeam(deps.properties), email),
    // Read the first time a row is not the user's own (most actions never need it).
    granted: () => (granted ??= grantedTo(readGrants(deps.properties), email)),
  });
}

function refused(
  deps: DayDeps,
  id: string,
  message: string,
  appointment?: ReturnType<typeof appointmentView>,
  action: string = A.refused,
): DayActionResult {
  deps.audit.record({ action, target: id, result: 'Sin efecto', detail: message });
  return appointment ? { ok: false, message, appointment } : { ok: false, message };
}
