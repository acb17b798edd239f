/**
 * The Talleres spreadsheet's daily refresh of «Indicadores» (issue 15). Talleres has no evening
 * closing; what runs every day there is the external workshops' job (`runExternalRequests`),
 * whose daily safety-net trigger fires at EXTERNAL_DAILY_HOUR (07:00 Lima, setup's
 * desiredTriggers). Its entry calls this after the job's own work: the first run of each Lima day
 * at or after that hour rewrites the tab (period kind: the one last chosen in the panel) and
 * records the day in a document property, so the job's other runs that day (a decision's
 * requested run, continuations) do nothing. The morning run shows the figures up to the day
 * before, and it is a light run — unlike the session clock's daily run at the access-link hour,
 * which may be sending hundreds of access links close to its time budget.
 *
 * It never fails the job: any error (the lock busy, a tab a person broke) is caught, audited,
 * and the day is NOT recorded, so the job's next run tries again. A crash between the tab's
 * rewrite and the day's record only makes the next run rewrite the same tab again (nothing is
 * sent). Under the script lock, so it never interleaves with a refresh from the panel.
 */
import { limaDateKey, limaParts } from '../../domain/lima-time';
import type { Lock } from '../../ports';
import { EXTERNAL_DAILY_HOUR, recordedRole } from '../setup';
import { refreshDashboard, type DashboardDeps, type IndicatorProvider } from './dashboard';

/** Document property: Lima 'yyyy-mm-dd' of the last daily refresh of «Indicadores» that succeeded. */
export const DAILY_REFRESH_PROPERTY = 'SOE_INDICATORS_DAILY';
/** How long the daily refresh waits for the script lock before leaving it to the next run. */
const LOCK_WAIT_MS = 10_000;

export type DailyRefreshResult = { refreshed: true; line: string } | { refreshed: false; line: string };

/** Whether the daily refresh is due at `now` (Lima): at or after `hour`, not yet done today. */
export function dailyRefreshDue(lastDay: string | null, now: Date, hour: number): boolean {
  return lastDay !== limaDateKey(now) && limaParts(now).hour >= hour;
}

/** Runs the daily refresh when due (Talleres only, at or after `hour` Lima); never throws. */
export function refreshIndicatorsDaily(deps: DashboardDeps & { lock: Lock }, providers: readonly IndicatorProvider[], hour = EXTERNAL_DAILY_HOUR): DailyRefreshResult {
  try {
    if (recordedRole(deps.properties) !== 'talleres') return { refreshed: false, line: '' };
    const now = deps.clock.now();
    if (!dailyRefreshDue(deps.properties.get(DAILY_REFRESH_PROPERTY), now, hour)) return { refreshed: false, line: '' };
    const result = deps.lock.withLock(() => {
      // Looked again under the lock: another run of the job may have done it meanwhile.
      if (!dailyRefreshDue(deps.properties.get(DAILY_REFRESH_PROPERTY), now, hour)) return null;
      const r = refreshDashboard(deps, providers);
      if (r.ok) deps.properties.setAll({ [DAILY_REFRESH_PROPERTY]: limaDateKey(now) });
      return r;
    }, LOCK_WAIT_MS);
    if (result === null) return { refreshed: false, line: '' };
    return result.ok ? { refreshed: true, line: result.message } : { refreshed: false, line: result.message };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    try {
      deps.audit.record({ action: 'Indicadores', target: 'Actualización diaria', result: 'Error', detail: `No se pudieron actualizar los indicadores: ${why}. Se intentará en la próxima ejecución.` });
    } catch {
      // the audit log itself failing must not fail the job either
    }
    return { refreshed: false, line: `Indicadores: error (${why})` };
  }
}
