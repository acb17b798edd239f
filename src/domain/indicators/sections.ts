/**
 * What the indicators are made of (issue 15): sections of tables, each table optionally drawn as a
 * Sheets chart. Every figure is computed by pure domain code (one provider per area: attentions,
 * workshops, external requests, the procedure's timings) into these shapes; the dashboard tab
 * (`layoutDashboard`) and the monthly report only lay them out — they compute nothing.
 *
 * Pure.
 */
import type { TabChart } from '../tab-chart';
import type { Period } from './period';

export type IndicatorCell = string | number;

export interface IndicatorTable {
  /** Spanish title shown above the table (and the chart's title). */
  title: string;
  /** Column headers; the first column is the category (week, consultant, module…). */
  header: string[];
  rows: IndicatorCell[][];
  /** Draw this table as a chart (its first column the categories, the other columns the series). */
  chart?: TabChart['type'];
  /** A sentence under the table (how the figure is computed, or why it is empty). */
  note?: string;
}

export interface IndicatorSection {
  /** Stable key ('atenciones', 'talleres', 'externos', 'tiempos'). */
  key: string;
  title: string;
  /** Headline figures: label → value («Atenciones realizadas» → 124). */
  headline: [string, IndicatorCell][];
  tables: IndicatorTable[];
}

export interface DashboardLayout {
  rows: (string | number | Date)[][];
  charts: TabChart[];
}

/** Columns left empty between a table and its chart. */
const CHART_COLUMN_GAP = 1;
/** Rows a chart covers (Sheets' default chart is about 18 rows high): the next table starts below it. */
export const CHART_ROWS = 20;

/**
 * The «Indicadores» tab: a title with the period and when it was computed, then each section's
 * headline figures and tables one under another (a blank row between), each chart anchored to the
 * right of its table. Ranges are 1-based, header row included (GeneratedTabs' TabChart).
 */
export function layoutDashboard(title: string, period: Period, computedAt: string, sections: readonly IndicatorSection[]): DashboardLayout {
  const rows: (string | number | Date)[][] = [[title], [`Periodo: ${period.label}`, `Actualizado: ${computedAt}`], []];
  const charts: TabChart[] = [];
  for (const s of sections) {
    rows.push([s.title]);
    for (const [label, value] of s.headline) rows.push([label, value]);
    rows.push([]);
    for (const t of s.tables) {
      rows.push([t.title]);
      const headerRow = rows.length + 1; // 1-based row of the header
      rows.push([...t.header]);
      for (const r of t.rows) rows.push([...r]);
      if (t.rows.length === 0) rows.push(['(sin datos en el periodo)']);
      if (t.note) rows.push([t.note]);
      if (t.chart && t.rows.length > 0) {
        // Keep the chart's rows to itself: the next table starts below the chart, not beside it.
        while (rows.length - (headerRow - 2) < CHART_ROWS) rows.push([]);
        charts.push({
          type: t.chart,
          title: t.title,
          range: { row: headerRow, column: 1, numRows: t.rows.length + 1, numColumns: t.header.length },
          anchor: { row: headerRow - 1, column: t.header.length + 1 + CHART_COLUMN_GAP },
        });
      }
      rows.push([]);
    }
  }
  return { rows, charts };
}
