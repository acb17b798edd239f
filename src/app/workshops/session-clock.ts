/**
 * The session clock (issue 12): ONE trigger handler, `runSessionClock`, for every duty of the
 * running sessions (access links and the speaker's brief, surveys, the module's progress…).
 *
 * A run: takes the clock's lease (one run at a time), first makes sure it will be woken again
 * (a safety wake-up past Apps Script's 6-minute limit, so a run that dies is looked at again),
 * reads 'Sesiones' and the settings once, runs every duty with a due moment up to now (within the
 * horizon; each duty is idempotent and finds what is missing), then schedules ONE one-off trigger
 * at the earliest future moment of any duty — or sooner, when a duty asked to go on
 * (`clockAgainAt`: more to send, out of time) or someone asked for a look (`ensureSessionClock`:
 * a session saved, a person promoted). The wake-up is recorded in a document property
 * (`CLOCK_PROPERTY`, JSON { triggerId, dueAt }, a job record that setup leaves alone) and replaced
 * only when an earlier one is needed; fired one-off triggers of the handler are removed.
 * Setup also installs a daily trigger of the handler at `accessLinkHour` (talleres role): the
 * safety net if a one-off trigger is ever lost.
 */
import { ACCESS_AUDIT as A, ACCESS_MESSAGES as M } from '../../domain/messages/workshop-access';
import { formatLimaDateTime } from '../../domain/lima-time';
import { SESSIONS_TAB, SETTINGS_TAB } from '../../domain/schema';
import { planClock, mustReschedule, type ClockSession } from '../../domain/workshops/session-clock';
import type { AuditLog, Clock, FormAdmin, GeneratedTabs, FormChoices, Forms, KeyValueStore, Lock, Mailer, Scheduler, WebAppService, Workbook, Workbooks } from '../../ports';
import { acquireLease, continuationProperty, dailyTriggerId, releaseLease, SAFETY_CONTINUATION_MS } from '../jobs';
import { readSettings, type Settings } from '../settings';
import { dateOf, int, text } from './cells';

export const SESSION_CLOCK_HANDLER = 'runSessionClock';
/** Document property of the clock's one wake-up: JSON { triggerId, dueAt } (a job record: setup keeps its trigger). */
export const CLOCK_PROPERTY = continuationProperty(SESSION_CLOCK_HANDLER);
/** Document property: the earliest moment (epoch ms) a duty or a caller asked the clock to look again. */
export const CLOCK_AGAIN_PROPERTY = 'SOE_SESSION_CLOCK_AGAIN';
/** The shortest wait of a one-off trigger the clock creates. */
export const MIN_WAKE_MS = 60_000;

/** What the clock and its duties are given: the execution's ports. */
export interface SessionClockDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  scheduler: Scheduler;
  lock: Lock;
  clock: Clock;
  mailer: Mailer;
  audit: AuditLog;
  webApp: WebAppService | null;
  /** The product's forms (the check-in form's session choices, the workshop survey). */
  forms: Forms & FormAdmin & FormChoices;
  /** Working time of a duty before it stops itself (tests shorten it). */
  budgetMs?: number;
  /** B12: the generated tabs (the module's consolidation once its last session ended); absent: that duty does nothing. */
  tabs?: GeneratedTabs;
}

/**
 * A duty of the clock (the registry is SESSION_DUTIES, session-duties.ts). `dueTimes` is pure:
 * from the sessions and the settings, the moments (epoch ms) its work becomes due — past ones
 * included; the clock runs the duty when one lies between `now − DUE_HORIZON_MS` and now.
 * `run` does what is missing and returns one Spanish line for the clock's audit line ('' when it
 * found nothing to do: the clock then writes no line, so its hourly looks do not bury the log);
 * to go on later it calls `clockAgainAt`.
 */
export interface SessionDuty {
  name: string;
  dueTimes(sessions: readonly ClockSession[], settings: Settings): number[];
  run(deps: SessionClockDeps, now: Date): string;
}

export type WakeDeps = Pick<SessionClockDeps, 'scheduler' | 'properties' | 'lock' | 'clock'>;

/** 'Sesiones' as the duties see it (one read). */
export function readClockSessions(book: Workbook): ClockSession[] {
  const t = book.table(SESSIONS_TAB);
  if (!t.exists()) return [];
  return t
    .read()
    .rows.filter((r) => r.id !== '')
    .map((r) => ({
      id: r.id,
      moduleId: text(r.record.moduleId),
      number: int(r.record.number),
      start: dateOf(r.record.start)?.getTime() ?? null,
      end: dateOf(r.record.end)?.getTime() ?? null,
      status: text(r.record.status),
      meetUrl: text(r.record.meetUrl),
    }));
}

function readRecord(properties: KeyValueStore): { triggerId: string; dueAt: number } | null {
  const raw = properties.get(CLOCK_PROPERTY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { triggerId?: unknown; dueAt?: unknown };
    return typeof v.triggerId === 'string' && typeof v.dueAt === 'number' ? { triggerId: v.triggerId, dueAt: v.dueAt } : null;
  } catch {
    return null;
  }
}

/**
 * Makes sure the clock wakes at `at` (or earlier): keeps an earlier pending wake-up, else replaces
 * the recorded one. With `replace`, the wake-up becomes exactly `at` (null: none; the daily
 * trigger stays). Takes the lock (re-entrant). Returns true when it created a trigger.
 */
export function wakeClockAt(deps: WakeDeps, at: number | null, options: { replace?: boolean } = {}): boolean {
  return deps.lock.withLock(() => {
    const now = deps.clock.now().getTime();
    const rec = readRecord(deps.properties);
    const exists = rec !== null && deps.scheduler.list().some((t) => t.id === rec.triggerId);
    if (at === null) {
      if (!options.replace) return false;
      if (rec) deps.scheduler.remove(rec.triggerId);
      if (rec || deps.properties.get(CLOCK_PROPERTY) !== null) deps.properties.delete(CLOCK_PROPERTY);
      return false;
    }
    const delay = Math.max(MIN_WAKE_MS, at - now);
    const due = now + delay;
    const recorded = rec ? { dueAt: rec.dueAt, exists } : null;
    if (options.replace ? exists && rec!.dueAt === due : !mustReschedule(recorded, due, now)) return false;
    // The new wake-up first, the old one removed last: an execution that dies in between leaves
    // two (harmless: the clock is idempotent and prunes fired ones), never none. The recorded one
    // may be due right now and not have fired yet (the daily trigger fired first): removing it
    // before its replacement exists would lose the run if this execution died.
    const t = deps.scheduler.after(SESSION_CLOCK_HANDLER, delay);
    deps.properties.setAll({ [CLOCK_PROPERTY]: JSON.stringify({ triggerId: t.id, dueAt: due }) });
    if (rec) deps.scheduler.remove(rec.triggerId);
    return true;
  });
}

/** A duty (or a caller) asks the clock to look again at `at`; the clock's next wake-up takes it into account. */
export function clockAgainAt(properties: KeyValueStore, at: number): void {
  const current = Number(properties.get(CLOCK_AGAIN_PROPERTY) ?? NaN);
  if (Number.isFinite(current) && current <= at) return;
  properties.setAll({ [CLOCK_AGAIN_PROPERTY]: String(at) });
}

/**
 * Asks the clock to look soon (a minute by default): call after saving a session (new or moved
 * due moments) or promoting someone from the waiting list (they need the links already sent).
 * Cheap: a property read and, unless a wake-up is already that close, one trigger.
 */
export function ensureSessionClock(deps: WakeDeps, delayMs = MIN_WAKE_MS): boolean {
  const at = deps.clock.now().getTime() + delayMs;
  return deps.lock.withLock(() => {
    clockAgainAt(deps.properties, at);
    return wakeClockAt(deps, at);
  });
}

export interface ClockRunResult {
  ran: string[];
  next: number | null;
  summary: string;
}

/** The clock's run: every due duty, then one wake-up at the earliest future moment. */
export function runSessionClock(deps: SessionClockDeps, duties: readonly SessionDuty[]): ClockRunResult {
  // Whatever happens to this execution, the clock is woken again.
  wakeClockAt(deps, deps.clock.now().getTime() + SAFETY_CONTINUATION_MS);
  if (!acquireLease(deps, SESSION_CLOCK_HANDLER)) {
    deps.audit.record({ action: A.clock, result: 'Sin efecto', detail: M.clockBusy });
    return { ran: [], next: null, summary: M.clockBusy };
  }
  const ran: string[] = [];
  let next: number | null = null;
  try {
    const now = deps.clock.now();
    const book = deps.workbooks.current();
    const settings = readSettings(book.table(SETTINGS_TAB)).settings;
    const sessions = readClockSessions(book);
    const times = duties.map((d) => {
      try {
        return { name: d.name, times: d.dueTimes(sessions, settings) };
      } catch {
        return { name: d.name, times: [] as number[] };
      }
    });
    // An old request is served by this run.
    const again0 = Number(deps.properties.get(CLOCK_AGAIN_PROPERTY) ?? NaN);
    if (Number.isFinite(again0) && again0 <= now.getTime()) deps.properties.delete(CLOCK_AGAIN_PROPERTY);
    const plan = planClock(times, now.getTime());
    for (const duty of duties) {
      if (!plan.run.includes(duty.name)) continue;
      try {
        const line = duty.run(deps, now);
        if (line) ran.push(`${duty.name}: ${line}`);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        deps.audit.record({ action: A.dutyFailed, target: duty.name, result: 'Error', detail: why });
        ran.push(`${duty.name}: error (${why})`);
        // Looked at again soon: a failure must not wait for the next day.
        clockAgainAt(deps.properties, deps.clock.now().getTime() + 10 * 60_000);
      }
    }
    const again = Number(deps.properties.get(CLOCK_AGAIN_PROPERTY) ?? NaN);
    next = plan.next;
    if (Number.isFinite(again) && again > now.getTime() && (next === null || again < next)) next = again;
  } finally {
    releaseLease(deps, SESSION_CLOCK_HANDLER);
  }
  wakeClockAt(deps, next, { replace: true });
  pruneFired(deps);
  const summary = M.clockSummary(ran, next === null ? null : formatLimaDateTime(new Date(next)));
  if (ran.length) deps.audit.record({ action: A.clock, result: 'Correcto', detail: summary });
  return { ran, next, summary };
}

/**
 * Apps Script keeps fired one-off triggers (they count towards the 20 per user): every clock
 * trigger of the handler but the recorded wake-up and setup's daily one is removed.
 */
function pruneFired(deps: WakeDeps): void {
  deps.lock.withLock(() => {
    const daily = dailyTriggerId(deps.properties, SESSION_CLOCK_HANDLER);
    // Without setup's record nothing tells the daily trigger from a fired one-off: remove nothing.
    if (daily === '') return;
    const keep = new Set([readRecord(deps.properties)?.triggerId ?? '', daily]);
    for (const t of deps.scheduler.list()) if (t.handler === SESSION_CLOCK_HANDLER && t.kind === 'clock' && !keep.has(t.id)) deps.scheduler.remove(t.id);
  });
}
