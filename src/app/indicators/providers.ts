/**
 * The indicators' providers (issue 15), one line per area, in the order the tab shows them.
 * Each is `{ key, roles, build(input) }` (./dashboard.ts IndicatorProvider).
 */
import type { IndicatorProvider } from './dashboard';
import { ATTENTIONS_PROVIDER } from './attentions';
import { EXTERNAL_REQUESTS_PROVIDER, WORKSHOPS_PROVIDER } from './workshops';

export const INDICATOR_PROVIDERS: IndicatorProvider[] = [
  ATTENTIONS_PROVIDER, // Atenciones (A01–A07)
  WORKSHOPS_PROVIDER, // Talleres: modules, sessions, completion, certificates
  EXTERNAL_REQUESTS_PROVIDER, // Talleres: external requests by state and institution
];
