/**
 * Day closing (A07), run by the evening trigger.
 *
 * The register is kept as the consultants work, so the close only has to:
 * 1. link any survey response whose form-submit execution failed (the form is the durable queue);
 * 2. flag today's appointments left 'Programada' or 'En atención': a line in Observaciones and an
 *    item in 'Revisión' for their consultant;
 * 3. email each consultant ONE summary of their day (attended, abandoned, open, average duration
 *    against the standard, surveys answered);
 * 4. ask for a reminders run if tomorrow's reminders are still due (the 18:00 run died, or the
 *    quota ran out): a second chance the same evening;
 * 5. anonymise the personal data older than the retention setting (Ley 29733), within what is
 *    left of the run's time budget (personal-data/retention.ts);
 * 6. refresh the «Indicadores» tab (issue 15) with the day's figures — never failing the closing.
 * Idempotent: a rerun adds no second Observaciones line, no second 'Revisión' item and sends no
 * second summary (the summary's journal key is the day and the consultant).
 */
import { loadSettings } from './team';
import { appendObservation, isOpenStatus, type AppointmentStatus } from '../domain/appointment';
import { openAtClose, summariseDay, type ConsultantDaySummary, type DayRow } from '../domain/day-summary';
import { addLimaDays, formatLimaShortDate, limaDateKey } from '../domain/lima-time';
import { JOB_AUDIT as A, JOB_MESSAGES as M, REVIEW_KINDS } from '../domain/messages/attention-jobs';
import { daySummaryEmail } from '../domain/messages/day-summary';
import { PERSONAL_DATA_AUDIT as PD } from '../domain/messages/personal-data';
import { APPOINTMENTS_TAB, REVIEW_TAB, SETTINGS_TAB, type AppointmentKey } from '../domain/schema';
import type { TableRow } from '../domain/table';
import { normaliseEmail } from '../domain/validation';
import { selectRemindersDue, type ReminderStatus } from '../domain/reminders';
import type { AuditLog, Clock, FormAdmin, GeneratedTabs, KeyValueStore, Lock, Mailer, RowChange, Scheduler, Workbooks } from '../ports';
import { appointmentStart, appointmentStatus, cellString, deliveryStatus } from './appointments/rows';
import { personKey } from './day/contacts';
import { clearJournal, journalEntries, sendOnce } from './delivery';
import { recordReview, type ReviewItem } from './review';
import { Budget } from './jobs';
import { applyRetention, type RetentionResult } from './personal-data/retention';
import { requestReminderRun } from './reminders';
import { type Settings } from './settings';
import { SURVEY_PROPERTY_KEYS, sweepSurveyResponses, type SurveyLinkResult } from './surveys';
import { refreshDashboard } from './indicators/dashboard';
import { INDICATOR_PROVIDERS } from './indicators/providers';

export const DAY_CLOSING_HANDLER = 'runDayClosing';

/** Summaries older than this are forgotten by the journal (nobody reruns last week's close). */
export const SUMMARY_JOURNAL_DAYS = 7;

export interface DayClosingDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
  mailer: Mailer;
  forms: FormAdmin;
  scheduler: Scheduler;
  audit: AuditLog;
  /** The «Indicadores» tab (issue 15); without it the closing does not refresh the indicators. */
  tabs?: GeneratedTabs;
}

export interface DayClosingResult {
  dayKey: string;
  /** Today's appointments left open (flagged now or by an earlier run). */
  open: number;
  /** Flagged by this run. */
  flagged: number;
  summariesSent: number;
  summariesFailed: number;
  surveys: SurveyLinkResult;
  /** Reminders still due: a reminders run was requested. */
  remindersDue: number;
  /** Personal data anonymised by the retention setting (months null: the setting is empty). */
  retention: RetentionResult;
  /** The «Indicadores» refresh: its message, or why it failed (the closing is done all the same). */
  indicators?: string;
  summary: string;
}

type Row = TableRow<AppointmentKey>;

interface ClosingRow extends DayRow {
  row: Row;
}

/** The Observaciones line's fixed part for a day ('Sin cerrar al cierre del día 27/11/2026'), to find it again. */
function openMarker(dayStart: Date): string {
  return `Sin cerrar al cierre del día ${formatLimaShortDate(dayStart)}`;
}

function toDayRows(rows: readonly Row[]): ClosingRow[] {
  const out: ClosingRow[] = [];
  for (const row of rows) {
    if (row.id === '') continue;
    const start = appointmentStart(row.record);
    const status = appointmentStatus(row.record);
    if (!start || !status) continue;
    const duration = row.record.durationMinutes;
    out.push({
      key: row.id,
      start,
      status,
      consultant: cellString(row.record.consultant),
      fullName: cellString(row.record.fullName),
      durationMinutes: typeof duration === 'number' ? duration : duration === '' ? null : Number(duration),
      surveyAnswered: row.record.surveyAnsweredAt instanceof Date || cellString(row.record.surveyResponseId) !== '',
      row,
    });
  }
  return out;
}

/** The consultant's email: the 'Consultor' cell itself, or the settings row whose name matches it. */
export function consultantEmail(consultant: string, settings: Pick<Settings, 'consultants'>): string | null {
  const direct = normaliseEmail(consultant);
  if (direct) return direct.toLowerCase();
  const key = personKey(consultant);
  if (key === '') return null;
  const found = settings.consultants.find((c) => personKey(c.name) === key || personKey(c.email) === key);
  return found ? found.email : null;
}

export function runDayClosing(deps: DayClosingDeps): DayClosingResult {
  const book = deps.workbooks.current();
  const { settings } = loadSettings(book.table(SETTINGS_TAB), deps.properties);
  const now = deps.clock.now();
  const budget = new Budget(deps.clock);
  const dayKey = limaDateKey(now);
  const review: ReviewItem[] = [];

  // 1–2. Under the lock: link stray survey responses, then flag what was left open.
  let surveys: SurveyLinkResult = { linked: 0, forReview: 0, unchanged: 0 };
  let flagged = 0;
  let dayRows: ClosingRow[] = [];
  let remindersDue = 0;
  deps.lock.withLock(() => {
    const formId = deps.properties.get(SURVEY_PROPERTY_KEYS.formId) || settings.surveyFormId;
    try {
      surveys = sweepSurveyResponses(deps, formId);
    } catch (e) {
      // The summaries still go; the next close sweeps again.
      deps.audit.record({ action: A.surveyForReview, result: 'Error', detail: e instanceof Error ? e.message : String(e) });
    }
    const citas = book.table(APPOINTMENTS_TAB);
    const all = citas.read({ fresh: true }).rows;
    dayRows = toDayRows(all);
    remindersDue = selectRemindersDue(
      dayRows.map((r) => ({ ...r, reminderStatus: deliveryStatus(r.row.record.reminderStatus).replace('pendiente', '') as ReminderStatus })),
      now,
      settings.reminderHour,
    ).due.length;
    const marker = openMarker(now);
    const changes: RowChange<AppointmentKey>[] = [];
    for (const r of openAtClose(dayRows, dayKey)) {
      review.push({
        tipo: REVIEW_KINDS.openAtClose,
        referencia: r.key,
        detalle: M.openReview(r.start, r.fullName ?? '', r.status, r.consultant),
      });
      const observations = cellString(r.row.record.observations);
      if (observations.includes(marker)) continue;
      changes.push({ id: r.key, fields: { observations: appendObservation(observations, M.openObservation(now)), updatedAt: now } });
      deps.audit.record({ action: A.openFlagged, target: r.key, result: 'Por revisar', detail: M.openReview(r.start, r.fullName ?? '', r.status, r.consultant) });
      flagged++;
    }
    if (changes.length) citas.update(changes, { mode: 'span' });
  });

  // 3. One summary per consultant with appointments today.
  let sent = 0;
  let failed = 0;
  for (const s of summariseDay(dayRows, dayKey)) {
    if (s.consultant === '') continue; // rows without a consultant: already listed in 'Revisión' if open
    const to = consultantEmail(s.consultant, settings);
    if (!to) {
      review.push({ tipo: REVIEW_KINDS.consultantWithoutEmail, referencia: `${dayKey}|${s.consultant}`, detalle: M.consultantWithoutEmail(s.consultant) });
      deps.audit.record({ action: A.summaryFailed, target: s.consultant, result: 'Error', detail: M.consultantWithoutEmail(s.consultant) });
      failed++;
      continue;
    }
    const summary = withStandard(s, settings.standardMinutes);
    const mail = daySummaryEmail(summary);
    const key = `${dayKey}|${personKey(s.consultant)}`;
    const outcome = deps.lock.withLock(() => sendOnce({ mailer: deps.mailer, journal: deps.properties, clock: deps.clock }, 'resumen', key, { to, ...mail }));
    if (outcome.status === 'enviado') {
      sent++;
      deps.audit.record({ action: A.summarySent, target: to, result: 'Correcto', detail: mail.subject });
    } else {
      failed++;
      if (outcome.status === 'ambiguo') {
        review.push({ tipo: REVIEW_KINDS.summaryAmbiguous, referencia: key, detalle: M.summaryAmbiguous(to, outcome.message) });
      }
      deps.audit.record({ action: A.summaryFailed, target: to, result: outcome.status === 'ambiguo' ? 'Por revisar' : 'Error', detail: outcome.message });
    }
  }

  if (review.length) deps.lock.withLock(() => recordReview(book.table(REVIEW_TAB), review, now));
  forgetOldSummaries(deps.properties, dayKey);
  if (remindersDue > 0) requestReminderRun(deps);

  // 5. Last, as it is the one that can wait: what time does not allow tonight is done tomorrow.
  let retention: RetentionResult = { months: null, cutoff: null, anonymised: 0, responsesDeleted: 0, reviewRedacted: 0, auditRedacted: 0, left: 0, summary: '' };
  try {
    retention = applyRetention(deps, now, budget);
  } catch (e) {
    // The day is closed all the same; the next closing tries again.
    deps.audit.record({ action: PD.retentionFailed, result: 'Error', detail: e instanceof Error ? e.message : String(e) });
  }

  // 6. The «Indicadores» tab with today's figures (issue 15): a failure is audited, never the closing's.
  const indicators = refreshIndicatorsAtClose(deps);

  const open = dayRows.filter((r) => limaDateKey(r.start) === dayKey && isOpenStatus(r.status as AppointmentStatus)).length;
  const summary = M.dayClosingSummary({ open, summaries: sent, linked: surveys.linked });
  deps.audit.record({ action: A.dayClosing, target: dayKey, result: failed || open ? 'Por revisar' : 'Correcto', detail: summary });
  return { dayKey, open, flagged, summariesSent: sent, summariesFailed: failed, surveys, remindersDue, retention, ...(indicators === undefined ? {} : { indicators }), summary };
}

/** The summary against the standard time set in 'Configuración' (the domain uses the procedure's 35 min). */
function withStandard<T extends DayRow>(s: ConsultantDaySummary<T>, standardMinutes: number): ConsultantDaySummary<T> {
  const over = s.averageDurationMinutes === null ? null : Math.round((s.averageDurationMinutes - standardMinutes) * 10) / 10;
  return { ...s, standardMinutes, minutesOverStandard: over };
}

/** Summary journal entries of closed days long past: their keys hold the day first. */
function forgetOldSummaries(properties: KeyValueStore, dayKey: string): void {
  const oldest = addLimaDays(dayKey, -SUMMARY_JOURNAL_DAYS);
  const old = journalEntries(properties, 'resumen')
    .filter((e) => e.state === 'enviado' && e.rowId.slice(0, 10) < oldest)
    .map((e) => e.rowId);
  if (old.length) clearJournal(properties, 'resumen', old);
}

/** Issue 15: the closing's refresh of «Indicadores», under the lock; any failure is audited and the closing goes on. */
function refreshIndicatorsAtClose(deps: DayClosingDeps): string | undefined {
  const tabs = deps.tabs;
  if (!tabs) return undefined;
  try {
    const r = deps.lock.withLock(() => refreshDashboard({ ...deps, tabs }, INDICATOR_PROVIDERS));
    return r.message;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    deps.audit.record({ action: 'Indicadores', target: 'Indicadores', result: 'Error', detail: `El cierre del día no pudo actualizar los indicadores: ${message}` });
    return `No se pudieron actualizar los indicadores: ${message}`;
  }
}
