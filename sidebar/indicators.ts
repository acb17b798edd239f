/**
 * «Indicadores» (issue 15), in both spreadsheets: the period selector (month, quarter, year),
 * «Actualizar», and the figures of this spreadsheet's «Indicadores» tab — each section's headline
 * figures and its tables — with a link to the tab, where the same tables are drawn as Sheets
 * charts. Opening the screen, changing the period or «Actualizar» is one call
 * (`refreshIndicators`), which recomputes the tab; the period chosen is kept for the evening
 * refresh. Data goes into the page as text only (./dom.ts).
 */
import type { IndicatorsView, IndicatorSection, IndicatorTable } from '../src/api';
import { clear, el, h, link } from './dom';
import { busy, call, hideError, showError } from './server';

type Shown = Extract<IndicatorsView, { ok: true }>;

const T = {
  loading: 'Calculando los indicadores…',
  period: (label: string) => `Periodo: ${label}`,
  openTab: 'Ver los gráficos en la pestaña «Indicadores»',
  tabHelp: 'La pestaña «Indicadores» de esta hoja muestra estas tablas con sus gráficos; se actualiza también con el cierre del día.',
  empty: '(sin datos en el periodo)',
  noSections: 'Aún no hay indicadores para esta hoja.',
  chart: (kind: string) => ({ column: 'gráfico de columnas', bar: 'gráfico de barras', pie: 'gráfico circular', line: 'gráfico de líneas' })[kind] ?? 'gráfico',
  drawnAs: (kind: string) => `En la pestaña: ${T.chart(kind)}.`,
} as const;

let current: Shown | null = null;

/** A number as Peru writes it (decimal comma); text as is. */
function cellText(v: string | number): string {
  return typeof v === 'number' ? v.toLocaleString('es-PE', { maximumFractionDigits: 2 }) : v;
}

function tableOf(t: IndicatorTable): HTMLElement {
  const head = h('tr', {}, ...t.header.map((x) => h('th', { text: x, attrs: { scope: 'col' } })));
  const body = t.rows.length
    ? t.rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { text: cellText(c), attrs: { scope: 'row' } }) : h('td', { text: cellText(c) })))))
    : [h('tr', {}, h('td', { text: T.empty, attrs: { colspan: String(t.header.length) } }))];
  return h(
    'div',
    { class: 'indicator-table' },
    h('table', {}, h('caption', { text: t.title }), h('thead', {}, head), h('tbody', {}, ...body)),
    t.note ? h('p', { class: 'help', text: t.note }) : null,
    t.chart && t.rows.length ? h('p', { class: 'help indicator-chart', text: T.drawnAs(t.chart) }) : null,
  );
}

function sectionOf(s: IndicatorSection): HTMLElement {
  const headline = h(
    'dl',
    { class: 'indicator-headline' },
    ...s.headline.flatMap(([label, value]) => [h('dt', { text: label }), h('dd', { text: cellText(value) })]),
  );
  return h('section', { class: 'indicator-section', attrs: { 'data-section': s.key, 'aria-label': s.title } }, h('h3', { text: s.title }), headline, ...s.tables.map(tableOf));
}

function render(): void {
  const v = current;
  const out = el('indicators-body');
  clear(out);
  if (!v) return;
  el('indicators-period-label').textContent = T.period(v.period.label);
  const select = el<HTMLSelectElement>('indicators-period');
  if (select.options.length === 0) for (const k of v.kinds) select.appendChild(h('option', { text: k.label, attrs: { value: k.kind } }));
  select.value = v.period.kind;
  const tab = v.tabUrl ? link(v.tabUrl, T.openTab, ['https:']) : null;
  out.appendChild(h('p', { class: 'help' }, T.tabHelp));
  if (tab) out.appendChild(h('p', {}, tab));
  if (v.sections.length === 0) out.appendChild(h('p', { class: 'help', text: T.noSections }));
  for (const s of v.sections) out.appendChild(sectionOf(s));
}

/** Recomputes for `kind` (the selector's value; absent: the period last chosen) and shows the figures. */
export async function loadIndicators(kind?: string): Promise<Shown | null> {
  hideError();
  el('indicators-message').textContent = '';
  try {
    const r = await busy(T.loading, () => (kind === undefined ? call('refreshIndicators') : call('refreshIndicators', kind)));
    if (!r.ok) {
      el('indicators-message').textContent = r.message;
      return null;
    }
    current = r;
    render();
    el('indicators-message').textContent = r.message;
    return r;
  } catch (e) {
    showError(e, () => void loadIndicators(kind));
    return null;
  }
}

export function initIndicators(): void {
  el('indicators-refresh').addEventListener('click', () => void loadIndicators(el<HTMLSelectElement>('indicators-period').value || undefined));
  el('indicators-period').addEventListener('change', () => void loadIndicators(el<HTMLSelectElement>('indicators-period').value));
}
