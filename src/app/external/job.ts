/**
 * The external workshops' job (C01–C04): `runExternalRequests`, a trigger-only handler that does
 * the slow part of a decision — an approved request becomes its workshop (module, session event
 * with Meet and the speaker's invitation, registration opened, the institution told), each step
 * once — so a decision (the Sub Director's link in the web app, or a coordinator in the panel)
 * only records itself under the lock and asks for a run here. Setup also installs a daily run of
 * it (a safety net when a requested run was lost).
 *
 * This file is the contract between the decision and the job: the decision calls
 * `requestExternalRun`; the job (./workshop.ts) serves it.
 */
import { requestRun, type JobDeps } from '../jobs';

export const EXTERNAL_JOB_HANDLER = 'runExternalRequests';
/** Document property of a requested run (the one-off trigger's ID), see jobs.ts `requestRun`. */
export const EXTERNAL_RUN_REQUEST_PROPERTY = 'SOE_EXTERNAL_RUN_REQUEST';
/** A decision's workshop is made within about a minute. */
export const EXTERNAL_RUN_DELAY_MS = 60_000;

/** Asks for a run of the external workshops' job soon (takes the lock, re-entrant). */
export function requestExternalRun(deps: JobDeps): boolean {
  return requestRun(deps, EXTERNAL_JOB_HANDLER, EXTERNAL_RUN_REQUEST_PROPERTY, EXTERNAL_RUN_DELAY_MS);
}
