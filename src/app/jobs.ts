/**
 * Long work as a job (DESIGN.md "Side effects"): an execution stops itself well before Apps
 * Script's 6-minute limit, writes what it did, and leaves exactly one continuation trigger; the
 * run that finishes the work removes it, together with the one-off triggers that asked for the
 * run (an import's "send the reminders of this same-day booking now").
 *
 * Time is measured with the Clock port, so the budget works in production and in the emulator,
 * whose virtual clock advances by each service call's modeled latency.
 */
import type { Clock, KeyValueStore, Lock, Scheduler } from '../ports';

/**
 * Document property where setup records the daily triggers it installed (JSON: handler →
 * { id, signature }); setup.ts names it PROPERTY_KEYS.triggers. Declared here so that setup can
 * ask this module which one-off triggers are jobs' without the two importing each other.
 */
export const INSTALLED_TRIGGERS_PROPERTY = 'SOE_TRIGGERS';

/** An execution's working time before it stops itself: 4.5 of Apps Script's 6 minutes. */
export const JOB_BUDGET_MS = 270_000;
/** How soon a continuation runs. */
export const CONTINUATION_DELAY_MS = 60_000;

/** A stopwatch for one execution. */
export class Budget {
  private readonly started: number;

  constructor(
    private readonly clock: Clock,
    readonly limitMs: number = JOB_BUDGET_MS,
  ) {
    this.started = clock.now().getTime();
  }

  get startedAt(): Date {
    return new Date(this.started);
  }

  elapsedMs(): number {
    return this.clock.now().getTime() - this.started;
  }

  /** True once less than `reserveMs` of the budget is left (the next step might not fit). */
  exhausted(reserveMs = 0): boolean {
    return this.elapsedMs() + reserveMs >= this.limitMs;
  }
}

export interface JobDeps {
  scheduler: Scheduler;
  properties: KeyValueStore;
  lock: Lock;
  clock: Clock;
}

const CONTINUATION_PREFIX = 'SOE_JOB_';

/** Document property of a handler's continuation: JSON { triggerId, dueAt (epoch ms) }. */
export function continuationProperty(handler: string): string {
  return `${CONTINUATION_PREFIX}${handler}`;
}

interface ContinuationRecord {
  triggerId: string;
  dueAt: number;
}

function readRecord(properties: KeyValueStore, handler: string): ContinuationRecord | null {
  const raw = properties.get(continuationProperty(handler));
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<ContinuationRecord>;
    return typeof v.triggerId === 'string' && typeof v.dueAt === 'number' ? { triggerId: v.triggerId, dueAt: v.dueAt } : null;
  } catch {
    return null;
  }
}

/**
 * Makes sure one continuation of `handler` is scheduled. By default a recorded one that has not
 * fired yet is kept (whenever it is due); with `replace` the continuation is made due exactly
 * `delayMs` from now (a job that wants to go on in a minute, or to look again in an hour). A
 * fired one is removed. Returns true when it created a trigger.
 */
export function scheduleContinuation(deps: JobDeps, handler: string, delayMs = CONTINUATION_DELAY_MS, options: { replace?: boolean } = {}): boolean {
  return deps.lock.withLock(() => {
    const now = deps.clock.now().getTime();
    const rec = readRecord(deps.properties, handler);
    const pending = rec !== null && rec.dueAt > now && deps.scheduler.list().some((t) => t.id === rec.triggerId);
    if (pending && (!options.replace || rec!.dueAt === now + delayMs)) return false;
    if (rec) deps.scheduler.remove(rec.triggerId);
    const t = deps.scheduler.after(handler, delayMs);
    deps.properties.setAll({ [continuationProperty(handler)]: JSON.stringify({ triggerId: t.id, dueAt: now + delayMs }) });
    return true;
  });
}

/**
 * What a run saw when it started: the value of the "run requested" property (`requestProperty`),
 * so that at its end it can tell a request it has served from one made while it was running.
 */
export interface JobStart {
  requestSeen: string | null;
}

export function startJob(deps: Pick<JobDeps, 'properties'>, requestProperty?: string): JobStart {
  return { requestSeen: requestProperty ? deps.properties.get(requestProperty) : null };
}

/**
 * The work is done: removes the recorded continuation trigger, the requested one-off trigger
 * (its ID is the value of `requestProperty`) and any other leftover one-off trigger of `handler`
 * (Apps Script keeps fired one-off triggers, and they count towards the 20 per user), and clears
 * the properties. A request made while this run was working (the property changed since
 * `startJob`) is honoured: its trigger is left to run and see the new rows, or — when it already
 * fired and gave way to this run — a continuation replaces it. Returns true when such a newer
 * request leaves work scheduled.
 */
export function finishJob(deps: JobDeps, handler: string, start: JobStart, requestProperty?: string): boolean {
  return deps.lock.withLock(() => {
    const now = deps.clock.now().getTime();
    const rec = readRecord(deps.properties, handler);
    const request = requestProperty ? deps.properties.get(requestProperty) : null;
    const newerRequest = request !== null && request !== '' && request !== start.requestSeen;
    const requestDue = requestProperty ? Number(deps.properties.get(requestDueProperty(requestProperty)) ?? NaN) : NaN;
    // A newer request whose trigger already fired (its run found this one working and gave way) is served by a continuation.
    const requestSpent = newerRequest && !isNaN(requestDue) && requestDue <= now;
    const daily = dailyTriggerId(deps.properties, handler);
    const keep = new Set([daily, ...(newerRequest && !requestSpent && request ? [request] : [])]);
    // Without a recorded daily trigger nothing tells it from a one-off: remove only what was recorded.
    const removable = (id: string) => !keep.has(id) && (daily !== '' || id === rec?.triggerId || id === request);
    // Records first, triggers after, this run's own continuation last: if this execution dies
    // half-way, that continuation is still pending and its run finishes the cleanup.
    if (rec) deps.properties.delete(continuationProperty(handler));
    if (requestProperty && request && (!newerRequest || requestSpent)) {
      deps.properties.delete(requestProperty);
      deps.properties.delete(requestDueProperty(requestProperty));
    }
    const doomed = deps.scheduler.list().filter((t) => t.handler === handler && t.kind === 'clock' && removable(t.id));
    doomed.sort((a, b) => Number(a.id === rec?.triggerId) - Number(b.id === rec?.triggerId));
    for (const t of doomed) deps.scheduler.remove(t.id);
    if (requestSpent) {
      const t = deps.scheduler.after(handler, CONTINUATION_DELAY_MS);
      deps.properties.setAll({ [continuationProperty(handler)]: JSON.stringify({ triggerId: t.id, dueAt: now + CONTINUATION_DELAY_MS }) });
    }
    return newerRequest;
  });
}

/** The ID of the daily trigger setup installed for `handler`, or ''. */
export function dailyTriggerId(properties: KeyValueStore, handler: string): string {
  const raw = properties.get(INSTALLED_TRIGGERS_PROPERTY);
  if (!raw) return '';
  try {
    const v = JSON.parse(raw) as Record<string, { id?: unknown } | undefined>;
    return typeof v[handler]?.id === 'string' ? (v[handler]!.id as string) : '';
  } catch {
    return '';
  }
}

/**
 * IDs of the one-off triggers jobs have recorded in these document properties (as read with one
 * `getAll`): every continuation (`continuationProperty`) and every requested run (a request
 * property, recognised by its `requestDueProperty` companion). Setup leaves them alone: they are
 * work in progress or work asked for, not duplicates of its daily trigger; the job that recorded
 * one removes it when it is done.
 */
export function jobTriggerIds(props: Readonly<Record<string, string>>): Set<string> {
  const ids = new Set<string>();
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith(CONTINUATION_PREFIX)) {
      try {
        const v = JSON.parse(value) as { triggerId?: unknown };
        if (typeof v.triggerId === 'string' && v.triggerId !== '') ids.add(v.triggerId);
      } catch {
        // Not a continuation record: nothing to protect.
      }
    } else if (value !== '' && props[requestDueProperty(key)] !== undefined) {
      ids.add(value);
    }
  }
  return ids;
}

/** Companion of a request property: when its trigger is due (epoch ms), to tell a pending request from a fired one. */
export function requestDueProperty(requestProperty: string): string {
  return `${requestProperty}_AT`;
}

/**
 * Asks for a run of `handler` soon (a booking made after the day's reminder run): one one-off
 * trigger, its ID kept in `requestProperty` (and when it is due in `requestDueProperty`). While
 * that trigger exists and has not fired, nobody creates another; once it has fired (its run may
 * already have read the sheet) a new request makes a new trigger, which the running job sees as a
 * newer request and leaves in place. Takes the lock (re-entrant: callers may hold it).
 */
export function requestRun(deps: JobDeps, handler: string, requestProperty: string, delayMs = CONTINUATION_DELAY_MS): boolean {
  return deps.lock.withLock(() => {
    const now = deps.clock.now().getTime();
    // Both properties in one read (one Apps Script call instead of two).
    const props = deps.properties.getAll();
    const current = props[requestProperty];
    const dueAt = Number(props[requestDueProperty(requestProperty)] ?? NaN);
    const pending = current && (isNaN(dueAt) || dueAt > now) && deps.scheduler.list().some((t) => t.id === current);
    if (pending) return false;
    const t = deps.scheduler.after(handler, delayMs);
    deps.properties.setAll({ [requestProperty]: t.id, [requestDueProperty(requestProperty)]: String(now + delayMs) });
    return true;
  });
}

// ---------------------------------------------------------------------------- one run at a time

/** Document property of a handler's lease: JSON { until (epoch ms) }. */
export function leaseProperty(handler: string): string {
  return `SOE_LEASE_${handler}`;
}

/** Longer than any execution can live (Apps Script kills one at 6 minutes): a dead run's lease expires. */
export const LEASE_MS = 6.5 * 60_000;

/**
 * Takes the job's lease: true when no other execution of `handler` is running (or the one that
 * held it died and its lease expired). Two runs of the same job (the daily trigger and a
 * continuation, or a requested run) must not work at once: each would send what the other is
 * sending. Jobs hold the lease instead of the script lock for their whole run, so a consultant's
 * click never waits minutes for a job.
 */
export function acquireLease(deps: Pick<JobDeps, 'properties' | 'lock' | 'clock'>, handler: string): boolean {
  return deps.lock.withLock(() => {
    const now = deps.clock.now().getTime();
    const raw = deps.properties.get(leaseProperty(handler));
    let until = 0;
    try {
      until = raw ? Number((JSON.parse(raw) as { until?: unknown }).until) || 0 : 0;
    } catch {
      until = 0;
    }
    if (until > now) return false;
    deps.properties.setAll({ [leaseProperty(handler)]: JSON.stringify({ until: now + LEASE_MS }) });
    return true;
  });
}

export function releaseLease(deps: Pick<JobDeps, 'properties'>, handler: string): void {
  deps.properties.delete(leaseProperty(handler));
}

/** How long after a job's start its safety continuation fires (past Apps Script's 6-minute limit). */
export const SAFETY_CONTINUATION_MS = 7 * 60_000;

/**
 * The frame of a job's run (reminders, invitations): first a safety continuation — whatever
 * happens to this execution, the work is looked at again —, then the lease; when another run
 * holds it, `busy` answers; otherwise `run` does the work with a `release` it may call early
 * (to let a continuation start while this execution finishes), and the lease is released at the
 * end in any case.
 */
export function leasedRun(deps: JobDeps, handler: string, run: (release: () => void) => void, busy: () => void): void {
  scheduleContinuation(deps, handler, SAFETY_CONTINUATION_MS);
  if (!acquireLease(deps, handler)) {
    busy();
    return;
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    releaseLease(deps, handler);
  };
  try {
    run(release);
  } finally {
    release();
  }
}
