/**
 * The session clock's registry of duties (session-clock.ts): every duty of the running sessions,
 * run in this order when due. Each is `{ name, dueTimes(sessions, settings), run(deps, now) }`
 * (SessionDuty). Access links first: they are the ones with a deadline (the session's start).
 * Other duties (surveys, the module's progress, the closing…) are added here by the integrator.
 */
import { ACCESS_LINKS_DUTY } from './access-links';
import type { SessionDuty } from './session-clock';

export const SESSION_DUTIES: readonly SessionDuty[] = [ACCESS_LINKS_DUTY];
