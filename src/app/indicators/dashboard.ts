/**
 * The «Indicadores» tab of each spreadsheet (issue 15): the service's figures for a period, with
 * Sheets charts. Providers (./providers.ts, one per area) read the tabs — each tab once, through
 * the workbook's table cache — and compute their sections with pure domain code; this module only
 * picks the period, opens the sibling, asks every provider of this spreadsheet's role and writes
 * the tab whole through the GeneratedTabs port (src/domain/indicators/sections.ts lays it out).
 *
 * Refreshed by the evening closing (Atenciones), the daily run (Talleres) and on request from the
 * panel («Indicadores», with the period selector: month, quarter, year). The period last chosen is
 * kept in a document property so the automatic refresh keeps the person's choice.
 */
import { layoutDashboard, type IndicatorSection } from '../../domain/indicators/sections';
import { parsePeriodKind, periodContaining, type Period, type PeriodKind } from '../../domain/indicators/period';
import { formatLimaDateTime } from '../../domain/lima-time';
import { SETTINGS_TAB, type Role } from '../../domain/schema';
import type { AuditLog, Clock, GeneratedTabs, KeyValueStore, Workbook, Workbooks } from '../../ports';
import { readSettings, type Settings } from '../settings';
import { PROPERTY_KEYS, recordedRole } from '../setup';

export const INDICATORS_TAB = 'Indicadores';
/** Document property: the period kind last chosen in the panel ('mes' by default). */
export const PERIOD_PROPERTY = 'SOE_INDICATORS_PERIOD';

/** What a provider is given: both spreadsheets when they can be opened, the period and the settings of this one. */
export interface IndicatorInputs {
  role: Role;
  /** "Atenciones Virtuales – Centro de Empleo" (this spreadsheet or its sibling); null when it cannot be opened. */
  atenciones: Workbook | null;
  /** "Programación Talleres Masivos"; null when it cannot be opened. */
  talleres: Workbook | null;
  period: Period;
  now: Date;
  /** Settings of the spreadsheet the refresh runs in. */
  settings: Settings;
}

/** One area of the indicators: which spreadsheets show it, and its sections (pure computation over tabs read once). */
export interface IndicatorProvider {
  key: string;
  /** The spreadsheets whose «Indicadores» tab shows it (the monthly report shows every provider). */
  roles: readonly Role[];
  build(input: IndicatorInputs): IndicatorSection[];
}

export interface DashboardDeps {
  workbooks: Workbooks;
  properties: KeyValueStore;
  clock: Clock;
  audit: AuditLog;
  tabs: GeneratedTabs;
}

export type DashboardResult =
  | { ok: true; message: string; period: Period; sections: IndicatorSection[] }
  | { ok: false; message: string };

/** Both spreadsheets of the service, from this one and its recorded sibling. */
export function serviceBooks(deps: Pick<DashboardDeps, 'workbooks' | 'properties'>, role: Role): { atenciones: Workbook | null; talleres: Workbook | null } {
  const here = deps.workbooks.current();
  const siblingId = deps.properties.get(PROPERTY_KEYS.siblingId) ?? '';
  let sibling: Workbook | null = null;
  try {
    sibling = siblingId ? deps.workbooks.open(siblingId) : null;
  } catch {
    sibling = null; // no access to the sibling: its figures are left out (the section says so)
  }
  return role === 'atenciones' ? { atenciones: here, talleres: sibling } : { atenciones: sibling, talleres: here };
}

/** The period kind to show: the one given (panel), else the one last chosen, else the month. */
export function chosenPeriodKind(properties: KeyValueStore, given?: unknown): PeriodKind {
  return parsePeriodKind(given) ?? parsePeriodKind(properties.get(PERIOD_PROPERTY)) ?? 'mes';
}

/** Every section of the providers for `role` (or all providers when `role` is null: the monthly report). */
export function computeSections(providers: readonly IndicatorProvider[], input: IndicatorInputs, only: Role | null): IndicatorSection[] {
  return providers.filter((p) => only === null || p.roles.includes(only)).flatMap((p) => p.build(input));
}

/** The document properties as read once: reads answered from one getAll, writes passed through. */
function propertiesSnapshot(store: KeyValueStore): KeyValueStore {
  const all = store.getAll();
  return {
    get: (key) => all[key] ?? null,
    getAll: () => ({ ...all }),
    setAll: (values) => store.setAll(values),
    delete: (key) => store.delete(key),
    secret: (key) => store.secret(key),
  };
}

/** Recomputes and rewrites this spreadsheet's «Indicadores» tab for the period containing now. */
export function refreshDashboard(deps: DashboardDeps, providers: readonly IndicatorProvider[], givenKind?: unknown): DashboardResult {
  // The role, the period last chosen and the sibling: one read of the document properties, not three.
  const properties = propertiesSnapshot(deps.properties);
  const role = recordedRole(properties);
  if (role === null) return { ok: false, message: 'Esta hoja aún no está configurada: ejecute «Configurar esta hoja» primero.' };
  const kind = chosenPeriodKind(properties, givenKind);
  if (givenKind !== undefined && parsePeriodKind(givenKind) !== null && properties.get(PERIOD_PROPERTY) !== kind) deps.properties.setAll({ [PERIOD_PROPERTY]: kind });
  const now = deps.clock.now();
  const period = periodContaining(kind, now);
  const books = serviceBooks({ workbooks: deps.workbooks, properties }, role);
  const settings = readSettings(deps.workbooks.current().table(SETTINGS_TAB)).settings;
  const sections = computeSections(providers, { role, ...books, period, now, settings }, role);
  const layout = layoutDashboard('Indicadores del Servicio de Orientación para el Emprendimiento', period, formatLimaDateTime(now), sections);
  deps.tabs.replace(INDICATORS_TAB, layout.rows, layout.charts);
  const message = `Indicadores actualizados: ${period.label}.`;
  deps.audit.record({ action: 'Indicadores', target: INDICATORS_TAB, result: 'Correcto', detail: `${message} ${sections.length} secciones, ${layout.charts.length} gráficos.` });
  return { ok: true, message, period, sections };
}
