/**
 * The session clock's registry of duties (session-clock.ts): every duty of the running sessions,
 * run in this order when due. Each is `{ name, dueTimes(sessions, settings), run(deps, now) }`
 * (SessionDuty). Access links first: they are the ones with a deadline (the session's start).
 * The module's progress (session 'Realizada', module 'En curso'/'Cerrado') follows, so the panel
 * and the later duties see the status the clock just moved.
 */
import { progressDueTimes } from '../../domain/workshops/progress';
import type { ClockSession } from '../../domain/workshops/session-clock';
import { ACCESS_LINKS_DUTY } from './access-links';
import { PROGRESS_DUTY } from './progress';
import type { SessionDuty } from './session-clock';

/** The clock's sessions in the shape the progress rules take (only start and end matter for when). */
function asProgress(s: ClockSession) {
  return { id: s.id, moduleId: s.moduleId, number: s.number, status: s.status, start: s.start === null ? null : new Date(s.start), end: s.end === null ? null : new Date(s.end), isClosing: false };
}

const PROGRESS: SessionDuty = {
  name: PROGRESS_DUTY.name,
  dueTimes: (sessions) => progressDueTimes(sessions.map(asProgress)),
  run: (deps, now) => PROGRESS_DUTY.run(deps, now),
};

export const SESSION_DUTIES: readonly SessionDuty[] = [ACCESS_LINKS_DUTY, PROGRESS];
