/**
 * The indicators' providers (issue 15), one line per area, in the order the tab shows them.
 * Each is `{ key, roles, build(input) }` (./dashboard.ts IndicatorProvider).
 */
import type { IndicatorProvider } from './dashboard';

export const INDICATOR_PROVIDERS: IndicatorProvider[] = [
  // Each area adds its line here (attentions, workshops, external requests, the procedure's timings).
];
