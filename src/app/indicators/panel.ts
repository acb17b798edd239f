/**
 * «Indicadores» in the panel (issue 15), for both spreadsheets: recomputes this spreadsheet's
 * «Indicadores» tab for the period chosen (month, quarter, year — kept for the automatic
 * refreshes) and answers with what the screen shows: the period, its headline figures and tables,
 * and a link to the tab where the charts are. The refresh holds the script lock, so the evening
 * closing's refresh and a person's never write the tab at the same time.
 */
import { PERIOD_KINDS, type PeriodKind } from '../../domain/indicators/period';
import type { IndicatorSection } from '../../domain/indicators/sections';
import type { Lock } from '../../ports';
import { INDICATORS_TAB, refreshDashboard, type DashboardDeps, type IndicatorProvider } from './dashboard';

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { mes: 'Mes', trimestre: 'Trimestre', año: 'Año' };

export type IndicatorsView =
  | {
      ok: true;
      message: string;
      period: { kind: PeriodKind; label: string; key: string };
      kinds: { kind: PeriodKind; label: string }[];
      sections: IndicatorSection[];
      /** The «Indicadores» tab's link (its charts); null when it cannot be made. */
      tabUrl: string | null;
    }
  | { ok: false; message: string };

export interface IndicatorsPanelDeps extends DashboardDeps {
  lock: Lock;
  /** The link of a tab of this spreadsheet (src/gas/tab-link.ts); null when unknown. */
  tabUrl: (tabName: string) => string | null;
}

/** «Actualizar» / the period selector: `kind` as chosen ('mes' | 'trimestre' | 'año'); anything else keeps the last choice. */
export function refreshIndicatorsView(deps: IndicatorsPanelDeps, providers: readonly IndicatorProvider[], kind?: unknown): IndicatorsView {
  const result = deps.lock.withLock(() => refreshDashboard(deps, providers, kind));
  if (!result.ok) return result;
  let tabUrl: string | null = null;
  try {
    tabUrl = deps.tabUrl(INDICATORS_TAB);
  } catch {
    tabUrl = null; // the figures are shown all the same
  }
  return {
    ok: true,
    message: result.message,
    period: { kind: result.period.kind, label: result.period.label, key: result.period.key },
    kinds: PERIOD_KINDS.map((k) => ({ kind: k, label: PERIOD_KIND_LABELS[k] })),
    sections: result.sections,
    tabUrl,
  };
}
