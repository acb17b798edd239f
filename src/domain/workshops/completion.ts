/**
 * Who completed a module (B12): the one reading of the certificate's attendance rule that the
 * consolidation's matrix, the certificates and the report share, so they can never disagree.
 *
 * The rule is the module's 'Asistencia mínima (sesiones)': at least that many of the module's
 * sessions, cancelled sessions left out. A rule of 0 (or blank) is "not set yet": nobody meets
 * it, and the panel says the rule must be set before certificates can be issued. Only confirmed
 * registrants ('Inscrito') count: the waiting list, withdrawn, annulled and to-review never do.
 *
 * Pure: the caller passes the rows it read and `now`.
 */

/** A session of the module as the rule sees it. */
export interface CompletionSession {
  readonly id: string;
  /** 'Programada' | 'Realizada' | 'Cancelada' (a cancelled session never counts). */
  readonly status: string;
  readonly start: Date | null;
  readonly end: Date | null;
}

export interface CompletionInput {
  readonly minSessions: number;
  readonly sessions: readonly CompletionSession[];
  readonly registrations: readonly { readonly id: string; readonly status: string }[];
  /** Attendance marked present (merged marks, 'Asistencia'), any session: others are ignored. */
  readonly present: readonly { readonly sessionId: string; readonly registrationId: string }[];
  readonly now: Date;
}

export interface PersonCompletion {
  readonly registrationId: string;
  /** IDs of the counted sessions this person attended, in the sessions' order. */
  readonly attendedSessionIds: readonly string[];
  readonly attended: number;
  /** Share of the counted sessions attended, 0–100, rounded. */
  readonly percent: number;
  readonly meetsRule: boolean;
}

export interface ModuleCompletion {
  /** The rule is set (minSessions ≥ 1). */
  readonly ruleSet: boolean;
  readonly minSessions: number;
  /** The sessions that count (not cancelled), by start. */
  readonly sessionIds: readonly string[];
  /** Every counted session has ended (and there is at least one): certificates may be issued. */
  readonly ended: boolean;
  /** Confirmed registrants only, in registration order. */
  readonly people: readonly PersonCompletion[];
}

export function countedSessions(sessions: readonly CompletionSession[]): CompletionSession[] {
  return sessions
    .filter((s) => s.status !== 'Cancelada')
    .slice()
    .sort((a, b) => (a.start?.getTime() ?? Infinity) - (b.start?.getTime() ?? Infinity));
}

export function moduleCompletion(i: CompletionInput): ModuleCompletion {
  const sessions = countedSessions(i.sessions);
  const ids = sessions.map((s) => s.id);
  const order = new Map(ids.map((id, k) => [id, k]));
  const minSessions = Number.isFinite(i.minSessions) && i.minSessions >= 1 ? Math.floor(i.minSessions) : 0;
  const ended = sessions.length > 0 && sessions.every((s) => s.end !== null && s.end.getTime() <= i.now.getTime());
  const attended = new Map<string, Set<string>>();
  for (const p of i.present) {
    if (!order.has(p.sessionId)) continue;
    let set = attended.get(p.registrationId);
    if (!set) attended.set(p.registrationId, (set = new Set()));
    set.add(p.sessionId);
  }
  const people = i.registrations
    .filter((r) => r.status === 'Inscrito')
    .map((r): PersonCompletion => {
      const mine = [...(attended.get(r.id) ?? [])].sort((a, b) => order.get(a)! - order.get(b)!);
      return {
        registrationId: r.id,
        attendedSessionIds: mine,
        attended: mine.length,
        percent: ids.length === 0 ? 0 : Math.round((100 * mine.length) / ids.length),
        meetsRule: minSessions > 0 && mine.length >= minSessions,
      };
    });
  return { ruleSet: minSessions > 0, minSessions, sessionIds: ids, ended, people };
}

/**
 * The module's hours for the certificate ({{horas}}): the counted sessions' scheduled time,
 * summed, rounded to the nearest whole hour (at least 1 when there is any session).
 */
export function moduleHours(sessions: readonly CompletionSession[]): number {
  let ms = 0;
  for (const s of countedSessions(sessions)) {
    if (s.start && s.end && s.end.getTime() > s.start.getTime()) ms += s.end.getTime() - s.start.getTime();
  }
  if (ms === 0) return 0;
  return Math.max(1, Math.round(ms / 3_600_000));
}
