/**
 * A module's status and its sessions' status moving by themselves as the sessions pass (issue 12,
 * item 5, B09 → B10/B11). Pure: src/app/workshops/progress.ts reads the rows, applies these rules
 * under the script lock and audits each change; the session clock (i12-access) runs it at the
 * moments `progressDueTimes` gives, and the panel applies it when it loads a module.
 *
 * The rules (decided here, documented in docs/traceability.md B09):
 * - a session 'Programada' (or with no status) becomes 'Realizada' once its end has passed; a
 *   'Cancelada' one is never touched, nor one a person already marked 'Realizada';
 * - a module 'Inscripción abierta' becomes 'En curso' once its first live session has started;
 * - a module 'Inscripción abierta' or 'En curso' becomes 'Cerrado' once its last live session has
 *   ended (the closing session is the last one). What comes after the closing (B12 certificates,
 *   a late Silnet upload) does not wait for the status: 'Cerrado' blocks none of it, so the
 *   status never waits for a person's work and never goes back;
 * - a 'Borrador' module (registration never opened), a cancelled one ('Programación anual' says
 *   'Cancelado') and a module without dated sessions are left as they are.
 */

export const SESSION_DONE = 'Realizada';
export const SESSION_PLANNED = 'Programada';
export const SESSION_CANCELLED = 'Cancelada';
export const MODULE_OPEN = 'Inscripción abierta';
export const MODULE_RUNNING = 'En curso';
export const MODULE_CLOSED = 'Cerrado';

/** A session as these rules need it (the app maps 'Sesiones' rows to this). */
export interface ProgressSession {
  id: string;
  moduleId: string;
  number: number;
  /** 'Programada' | 'Realizada' | 'Cancelada' | '' */
  status: string;
  start: Date | null;
  end: Date | null;
  isClosing: boolean;
}

/** Sessions that count: not cancelled, with a start and an end. */
export function liveSessions<S extends ProgressSession>(sessions: readonly S[]): S[] {
  return sessions.filter((s) => s.status !== SESSION_CANCELLED && s.start !== null && s.end !== null);
}

/** The status a session should have now, or null when it stays as it is. */
export function nextSessionStatus(s: ProgressSession, now: Date): string | null {
  if (s.status !== SESSION_PLANNED && s.status !== '') return null;
  if (s.end === null || s.end.getTime() > now.getTime()) return null;
  return SESSION_DONE;
}

/** The status a module should have now given its sessions, or null when it stays as it is. */
export function nextModuleStatus(status: string, cancelled: boolean, sessions: readonly ProgressSession[], now: Date): string | null {
  if (cancelled) return null;
  if (status !== MODULE_OPEN && status !== MODULE_RUNNING) return null;
  const live = liveSessions(sessions);
  if (live.length === 0) return null;
  const t = now.getTime();
  const firstStart = Math.min(...live.map((s) => s.start!.getTime()));
  const lastEnd = Math.max(...live.map((s) => s.end!.getTime()));
  if (t >= lastEnd) return MODULE_CLOSED;
  if (t >= firstStart && status === MODULE_OPEN) return MODULE_RUNNING;
  return null;
}

/**
 * The moments these rules can change something (epoch ms, sorted, no repeats): each live
 * session's start and end. The session clock schedules itself at the next one to come.
 */
export function progressDueTimes(sessions: readonly ProgressSession[]): number[] {
  const out = new Set<number>();
  for (const s of liveSessions(sessions)) {
    out.add(s.start!.getTime());
    out.add(s.end!.getTime());
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * The closing session of a module (B11): the live session marked 'Sesión de cierre' (the last of
 * them if several are), else the last live session by start. Null without live sessions.
 */
export function closingSession<S extends ProgressSession>(sessions: readonly S[]): S | null {
  const live = liveSessions(sessions).sort((a, b) => a.start!.getTime() - b.start!.getTime() || a.number - b.number);
  if (live.length === 0) return null;
  const marked = live.filter((s) => s.isClosing);
  return marked.length > 0 ? marked[marked.length - 1] : live[live.length - 1];
}

/** Where a running module is, for «Siguiente paso» (src/domain/workshops/stage.ts). */
export interface RunningFacts {
  /** Live sessions whose end has passed, and all live sessions. */
  sessionsEnded: number;
  sessionsTotal: number;
  /** The next live session to start or end (number and start), null when all ended. */
  nextSession: { number: number; start: Date } | null;
  /** Attendees (present in at least one session) not yet registered in Silnet, and those registered. */
  silnetPending: number;
  silnetDone: number;
  /** True once every live session before the closing one has ended (the closing step opens; at once for a one-session module). */
  closingOpen: boolean;
  /** The closing's presenters and whether their order went out. */
  presenters: number;
  closingSent: boolean;
}

/** The running facts of a module from its sessions (the counts of Silnet and the closing are the caller's). */
export function runningFacts(
  sessions: readonly ProgressSession[],
  now: Date,
  counts: { silnetPending: number; silnetDone: number; presenters: number; closingSent: boolean },
): RunningFacts {
  const live = liveSessions(sessions).sort((a, b) => a.start!.getTime() - b.start!.getTime());
  const t = now.getTime();
  const ended = live.filter((s) => s.end!.getTime() <= t);
  const coming = live.find((s) => s.end!.getTime() > t) ?? null;
  const closing = closingSession(sessions);
  const before = closing ? live.filter((s) => s.id !== closing.id) : [];
  return {
    sessionsEnded: ended.length,
    sessionsTotal: live.length,
    nextSession: coming ? { number: coming.number, start: coming.start! } : null,
    ...counts,
    closingOpen: closing !== null && before.every((s) => s.end!.getTime() <= t),
  };
}
