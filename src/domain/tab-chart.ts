/**
 * A Sheets chart of a generated tab (the B12 consolidation, the «Indicadores» dashboard), as the
 * GeneratedTabs port (src/ports.ts) draws it. Pure data: the domain lays charts out, the adapter
 * (src/gas/generated-tabs.ts) turns them into EmbeddedChartBuilder calls.
 */
/** One Sheets chart of a generated tab (EmbeddedChartBuilder). Ranges are 1-based, on the same tab, header row included. */
export interface TabChart {
  readonly type: 'column' | 'bar' | 'pie' | 'line';
  readonly title: string;
  readonly range: { readonly row: number; readonly column: number; readonly numRows: number; readonly numColumns: number };
  /** Top-left cell the chart is anchored to. */
  readonly anchor: { readonly row: number; readonly column: number };
}
