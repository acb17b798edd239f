/**
 * What an embedded chart shows, as a drawing library's options: the chart's type, options and the
 * current values of its ranges (reference/spreadsheet/embedded-chart-builder, chart-options,
 * reference/charts/chart-type; the option names are those of Google Charts' configuration
 * options, which `setOption` takes: title, legend.position, colors, isStacked, hAxis.title,
 * vAxis.title, pieHole, width, height …). The result is an Apache ECharts option object
 * (plain JSON) that the browser UI draws and that `EmbeddedChart.getAs('image/png')` renders on
 * the server (chart-image.ts). Pure: no Node, no DOM, so the page's bundle may import it too.
 *
 * How the ranges become a table follows the Sheets chart editor's defaults: the ranges are put
 * side by side (merge strategy MERGE_COLUMNS), rows and columns swap when
 * transposeRowsAndColumns is set, the first column is the domain (the categories) and each
 * other column a series; the first row holds the series' names when `numHeaders` says so, or —
 * with numHeaders unset — when its series cells are text over numbers (Sheets' guess).
 */

/** A cell as the chart reads it: its value, and the text the sheet shows (for categories). */
export interface ChartCell {
  value: unknown;
  text: string;
}

export interface ChartTable {
  /** Category labels (the domain column), one per data row. */
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
}

export interface ChartSpec {
  type: string;
  options: Record<string, unknown>;
  /** Each source range's cells, in order. */
  ranges: ChartCell[][][];
}

/** Sheets' size for a new embedded chart when the script gives none (width × height in px). */
export const DEFAULT_CHART_SIZE = { width: 600, height: 371 };

/** Sheets' default series colours (the Google palette), used when `colors` is not set. */
export const DEFAULT_COLORS = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7baaf7', '#f07b72', '#fcd04f', '#71c287'];

/** Types the emulator draws; any other Charts.ChartType is kept and shown as a labelled box. */
export const DRAWN_TYPES = ['AREA', 'BAR', 'COLUMN', 'COMBO', 'LINE', 'PIE', 'SCATTER', 'STEPPED_AREA'] as const;

/**
 * An option by its dotted name: `setOption('legend.position', 'bottom')` and
 * `setOption('legend', { position: 'bottom' })` are the same option; `legend: 'none'` (a string)
 * is taken as the position.
 */
export function chartOptionValue(options: Record<string, unknown>, name: string): unknown {
  if (options[name] !== undefined) return options[name];
  const parts = name.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const head = parts.slice(0, i).join('.');
    let v: unknown = options[head];
    if (v === undefined) continue;
    if (typeof v !== 'object' || v === null) return i === parts.length - 1 && parts[i] === 'position' ? v : undefined;
    for (const p of parts.slice(i)) {
      if (typeof v !== 'object' || v === null) return undefined;
      v = (v as Record<string, unknown>)[p];
    }
    return v;
  }
  return undefined;
}

export function chartSize(options: Record<string, unknown>): { width: number; height: number } {
  const w = Number(chartOptionValue(options, 'width'));
  const h = Number(chartOptionValue(options, 'height'));
  return {
    width: Number.isFinite(w) && w >= 50 ? Math.min(Math.round(w), 4000) : DEFAULT_CHART_SIZE.width,
    height: Number.isFinite(h) && h >= 50 ? Math.min(Math.round(h), 4000) : DEFAULT_CHART_SIZE.height,
  };
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  return null;
}

function isBlank(c: ChartCell | undefined): boolean {
  return !c || c.value === '' || c.value === null || c.value === undefined;
}

/** The ranges side by side, transposed when asked: rows of cells. */
function combined(spec: ChartSpec): ChartCell[][] {
  const height = Math.max(0, ...spec.ranges.map((r) => r.length));
  const rows: ChartCell[][] = [];
  for (let i = 0; i < height; i++) {
    const row: ChartCell[] = [];
    for (const r of spec.ranges) {
      const width = r[0]?.length ?? 0;
      for (let j = 0; j < width; j++) row.push(r[i]?.[j] ?? { value: '', text: '' });
    }
    rows.push(row);
  }
  if (spec.options.transposeRowsAndColumns !== true) return rows;
  const width = rows[0]?.length ?? 0;
  return Array.from({ length: width }, (_, j) => rows.map((row) => row[j]));
}

export function chartTable(spec: ChartSpec): ChartTable {
  let rows = combined(spec);
  // Trailing rows with nothing in them (a range over whole columns) are not data.
  while (rows.length > 0 && rows[rows.length - 1].every(isBlank)) rows = rows.slice(0, -1);
  const width = rows[0]?.length ?? 0;
  if (width === 0) return { labels: [], series: [] };
  const hasDomain = width > 1;
  const first = hasDomain ? 1 : 0;
  const set = Number(spec.options.numHeaders);
  const headers =
    Number.isInteger(set) && set >= 0
      ? set
      : rows.length > 1 && rows[0].slice(first).some((c) => typeof c.value === 'string' && c.value !== '') && rows.slice(1).some((r) => r.slice(first).some((c) => toNumber(c.value) !== null))
        ? 1
        : 0;
  const head = rows.slice(0, headers);
  const data = rows.slice(headers);
  const labels = data.map((r, i) => (hasDomain ? r[0]?.text ?? '' : String(i + 1)));
  const series = [];
  for (let j = first; j < width; j++) {
    const name = head.map((r) => r[j]?.text ?? '').filter((t) => t !== '').join(' ') || `Serie ${j - first + 1}`;
    series.push({ name, values: data.map((r) => toNumber(r[j]?.value)) });
  }
  return { labels, series };
}

function legend(options: Record<string, unknown>, fallback: string): Record<string, unknown> {
  const pos = String(chartOptionValue(options, 'legend.position') ?? fallback).toLowerCase();
  if (pos === 'none') return { show: false };
  if (pos === 'top') return { top: 32, left: 'center' };
  if (pos === 'bottom') return { bottom: 4, left: 'center' };
  if (pos === 'left') return { left: 4, top: 'middle', orient: 'vertical' };
  return { right: 4, top: 'middle', orient: 'vertical' };
}

function colors(options: Record<string, unknown>): string[] {
  const c = chartOptionValue(options, 'colors');
  return Array.isArray(c) && c.length > 0 && c.every((x) => typeof x === 'string') ? (c as string[]) : DEFAULT_COLORS;
}

function stackedOf(options: Record<string, unknown>): boolean {
  const s = chartOptionValue(options, 'isStacked');
  return s === true || s === 'true' || s === 'percent' || s === 'relative' || s === 'absolute';
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** The ECharts option that draws this chart (plain JSON; animation off so a picture is final at once). */
export function chartOption(spec: ChartSpec): Record<string, unknown> {
  const o = spec.options;
  const table = chartTable(spec);
  const title = text(chartOptionValue(o, 'title'));
  const background = chartOptionValue(o, 'backgroundColor');
  const base: Record<string, unknown> = {
    animation: false,
    backgroundColor: typeof background === 'string' ? background : '#ffffff',
    color: colors(o),
    textStyle: { fontFamily: 'Arial, sans-serif' },
    title: { text: title, left: 'center', top: 6, textStyle: { fontSize: 15, fontWeight: 'normal' } },
    // Tooltips drawn inside the chart (rich text), never as HTML: a sheet's text stays text.
    tooltip: { trigger: spec.type === 'PIE' ? 'item' : 'axis', renderMode: 'richText' },
  };
  const type = spec.type;
  if (!(DRAWN_TYPES as readonly string[]).includes(type)) {
    return { ...base, graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: `Gráfico de tipo ${type}: el emulador no lo dibuja`, fill: '#5f6368', fontSize: 13 } }] };
  }
  if (table.series.length === 0 || table.labels.length === 0) {
    return { ...base, graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: 'Sin datos', fill: '#5f6368', fontSize: 13 } }] };
  }
  if (type === 'PIE') {
    const s = table.series[0];
    const hole = Number(chartOptionValue(o, 'pieHole'));
    return {
      ...base,
      legend: legend(o, 'right'),
      series: [
        {
          type: 'pie',
          name: s.name,
          radius: Number.isFinite(hole) && hole > 0 && hole < 1 ? [`${Math.round(hole * 65)}%`, '65%'] : '65%',
          center: ['45%', '55%'],
          label: { formatter: '{d}%' },
          data: table.labels.map((name, i) => ({ name, value: s.values[i] ?? 0 })),
        },
      ],
    };
  }
  const stacked = stackedOf(o);
  const horizontal = type === 'BAR';
  const category = { type: 'category', data: table.labels, name: text(chartOptionValue(o, horizontal ? 'vAxis.title' : 'hAxis.title')), nameLocation: 'middle', nameGap: 28, ...(horizontal ? { inverse: true } : {}) };
  const value = { type: 'value', name: text(chartOptionValue(o, horizontal ? 'hAxis.title' : 'vAxis.title')), nameLocation: 'middle', nameGap: 40 };
  const comboDefault = String(chartOptionValue(o, 'seriesType') ?? 'bars');
  const series = table.series.map((s, i) => {
    let kind: string = type === 'COLUMN' || type === 'BAR' ? 'bar' : type === 'SCATTER' ? 'scatter' : 'line';
    if (type === 'COMBO') kind = String(chartOptionValue(o, `series.${i}.type`) ?? comboDefault) === 'line' ? 'line' : 'bar';
    return {
      type: kind,
      name: s.name,
      data: s.values,
      ...(stacked && type !== 'LINE' && type !== 'SCATTER' ? { stack: 'total' } : {}),
      ...(type === 'AREA' || type === 'STEPPED_AREA' ? { areaStyle: { opacity: 0.3 } } : {}),
      ...(type === 'STEPPED_AREA' ? { step: 'end' } : {}),
    };
  });
  const lg = legend(o, table.series.length > 1 ? 'right' : 'none');
  return {
    ...base,
    legend: lg,
    grid: { left: 56, right: lg.right !== undefined ? 140 : 24, top: lg.top === 32 ? 64 : 48, bottom: lg.bottom !== undefined ? 64 : 48 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series,
  };
}
