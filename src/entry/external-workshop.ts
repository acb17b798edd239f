/**
 * Entry point of the external workshops' job (C02–C04): `runExternalRequests`, trigger only — a
 * decision asks for a run in a minute (src/app/external/job.ts `requestExternalRun`) and setup
 * installs a daily safety net. Each approved request becomes its one-session workshop; held ones
 * move on after their session (src/app/external/workshop.ts).
 */
import { runExternalRequests as runUseCase } from '../app/external/workshop';
import { EXTERNAL_WORKSHOP_EXECUTION_KIND } from '../domain/messages/external-workshop';
import { guarded } from './guard';

/** Time-driven (a decision's requested run, its continuations and the daily safety net). */
export function runExternalRequests(e?: GoogleAppsScript.Events.TimeDriven): string {
  return guarded(
    'runExternalRequests',
    EXTERNAL_WORKSHOP_EXECUTION_KIND,
    (ctx) => {
      const result = runUseCase(ctx);
      console.log(result.summary);
      return result.summary;
    },
    e,
  );
}
