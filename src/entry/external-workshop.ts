/**
 * Entry point of the external workshops' job (C02–C04): `runExternalRequests`, trigger only — a
 * decision asks for a run in a minute (src/app/external/job.ts `requestExternalRun`) and setup
 * installs a daily safety net. Each approved request becomes its one-session workshop; held ones
 * move on after their session (src/app/external/workshop.ts).
 */
import { runExternalRequests as runUseCase } from '../app/external/workshop';
import { refreshIndicatorsDaily } from '../app/indicators/daily';
import { INDICATOR_PROVIDERS } from '../app/indicators/providers';
import { ActiveGeneratedTabs } from '../gas/generated-tabs-active';
import { EXTERNAL_WORKSHOP_EXECUTION_KIND } from '../domain/messages/external-workshop';
import { guarded } from './guard';

/** Time-driven (a decision's requested run, its continuations and the daily safety net). */
export function runExternalRequests(e?: GoogleAppsScript.Events.TimeDriven): string {
  return guarded(
    'runExternalRequests',
    EXTERNAL_WORKSHOP_EXECUTION_KIND,
    (ctx) => {
      const result = runUseCase(ctx);
      // Issue 15: the first run of the day at or after the daily trigger's hour rewrites
      // «Indicadores» (never throws). A run that must go on (out of time, a retry, the lease busy)
      // leaves it to the run that finishes.
      const daily = result.continues ? { line: '' } : refreshIndicatorsDaily({ ...ctx, tabs: new ActiveGeneratedTabs() }, INDICATOR_PROVIDERS);
      const summary = daily.line ? `${result.summary} ${daily.line}` : result.summary;
      console.log(summary);
      return summary;
    },
    e,
  );
}
