/**
 * The session clock's rules (issue 12, B06–B11), pure: which duties are due now and when the
 * clock must wake next.
 *
 * The clock (app/workshops/session-clock.ts) is ONE trigger handler for every duty of the running
 * sessions (access links, surveys, the module's progress…): Apps Script allows 20 triggers per
 * user and script, so no duty has triggers of its own. Each duty says, from the sessions and the
 * settings alone, the moments its work becomes due (epoch ms); the clock runs every duty with a
 * due moment in the last `DUE_HORIZON_MS` up to now — each duty is idempotent and finds what is
 * missing, so running it again is harmless —, then sleeps until the earliest future moment.
 */

/** A session as the duties see it (one read of 'Sesiones'). Times are epoch ms. */
export interface ClockSession {
  id: string;
  moduleId: string;
  number: number;
  start: number | null;
  end: number | null;
  /** 'Programada', 'Realizada', 'Cancelada' (or '' ). */
  status: string;
  meetUrl: string;
}

/**
 * A due moment older than this no longer makes its duty run: a week covers a late Meet report or
 * a person marked present days after the session; older work is done from the panel.
 */
export const DUE_HORIZON_MS = 7 * 86_400_000;

/** Is one of `times` due now: at or before `now`, and not older than the horizon? */
export function isDue(times: readonly number[], now: number, horizonMs = DUE_HORIZON_MS): boolean {
  return times.some((t) => Number.isFinite(t) && t <= now && t >= now - horizonMs);
}

/** The earliest of `times` strictly after `now`, or null. */
export function nextDue(times: readonly number[], now: number): number | null {
  let best: number | null = null;
  for (const t of times) if (Number.isFinite(t) && t > now && (best === null || t < best)) best = t;
  return best;
}

export interface ClockPlan {
  /** Names of the duties to run now, in registry order. */
  run: string[];
  /** When to wake next (epoch ms), or null when nothing is ahead. */
  next: number | null;
}

/** What the clock does now: the duties due, and its next wake-up (the earliest future moment of any duty). */
export function planClock(duties: readonly { name: string; times: readonly number[] }[], now: number, horizonMs = DUE_HORIZON_MS): ClockPlan {
  return {
    run: duties.filter((d) => isDue(d.times, now, horizonMs)).map((d) => d.name),
    next: nextDue(
      duties.flatMap((d) => d.times),
      now,
    ),
  };
}

/**
 * Whether a recorded wake-up must be replaced to wake at `at`: none recorded, the recorded one
 * already fired (or its trigger is gone), or it is later than `at`. An earlier pending one is kept:
 * that run plans again and wakes the clock at `at` then.
 */
export function mustReschedule(recorded: { dueAt: number; exists: boolean } | null, at: number, now: number): boolean {
  if (!recorded || !recorded.exists || recorded.dueAt <= now) return true;
  return recorded.dueAt > at;
}
