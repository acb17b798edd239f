/**
 * Entry point of «Indicadores» (issue 15) in both spreadsheets: the panel's period selector and
 * «Actualizar» recompute this spreadsheet's «Indicadores» tab and return its figures. The
 * evening closing refreshes the Atenciones tab itself (src/app/day-closing.ts).
 */
import { INDICATOR_PROVIDERS } from '../app/indicators/providers';
import { refreshIndicatorsView, type IndicatorsView } from '../app/indicators/panel';
import { EXECUTION_KINDS } from '../domain/messages/setup';
import { ActiveGeneratedTabs } from '../gas/generated-tabs-active';
import { activeTabUrl } from '../gas/tab-link';
import { guarded } from './guard';

/** «Indicadores»: `kind` 'mes' | 'trimestre' | 'año' (absent or unknown: the period last chosen). */
export function refreshIndicators(kind?: string): IndicatorsView {
  return guarded('refreshIndicators', EXECUTION_KINDS.panel, (ctx) =>
    refreshIndicatorsView({ ...ctx, tabs: new ActiveGeneratedTabs(), tabUrl: activeTabUrl }, INDICATOR_PROVIDERS, kind),
  );
}
