/**
 * Entry points of the running sessions (issue 12, B06–B07): the session clock's trigger handler
 * (one handler for every duty, scheduling itself at the next due moment; setup adds a daily
 * safety-net trigger at the access-link hour) and the panel's «Enviar enlaces de acceso».
 */
import { sendSessionAccessLinks as sendUseCase, type AccessActionResult } from '../app/workshops/access-links';
import { runSessionClock as runClock } from '../app/workshops/session-clock';
import { SESSION_DUTIES } from '../app/workshops/session-duties';
import { SESSION_CLOCK_EXECUTION_KIND } from '../domain/messages/workshop-access';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { ActiveGeneratedTabs } from '../gas/generated-tabs-active';
import { guarded } from './guard';

/** Time-driven (its own one-off wake-up and the daily safety net): runs every session duty that is due. */
export function runSessionClock(e?: GoogleAppsScript.Events.TimeDriven): string {
  return guarded(
    'runSessionClock',
    SESSION_CLOCK_EXECUTION_KIND,
    (ctx) => {
      // B12: the generated tabs for the module's consolidation once its last session ended.
      const result = runClock({ ...ctx, tabs: new ActiveGeneratedTabs() }, SESSION_DUTIES);
      console.log(result.summary);
      return result.summary;
    },
    e,
  );
}

/** «Enviar enlaces de acceso» (session screen): sends now what is missing for the session (links, the speaker's brief, a correction). */
export function sendSessionAccessLinks(sessionId: string): AccessActionResult {
  return guarded('sendSessionAccessLinks', EXECUTION_KINDS.panel, (ctx) => sendUseCase(ctx, sessionId));
}
