import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartView } from '../../snapshot';
import { el } from '../dom';

/**
 * Embedded charts drawn over the sheet's grid with Apache ECharts (SVG renderer), from the
 * option the server computed (snapshot.ts → services/sheets/chart-option.ts): the page adds no
 * figures of its own. Only the pieces the chart types need are bundled.
 */
echarts.use([BarChart, LineChart, PieChart, ScatterChart, GraphicComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

let live: echarts.ECharts[] = [];

/** Frees the charts of the grid drawn before (each holds listeners and its SVG tree). */
export function disposeCharts(): void {
  for (const c of live) c.dispose();
  live = [];
}

/**
 * One box per chart, absolutely placed in the grid's scroller at its anchor cell plus offsets
 * (`at(row, column)` gives the cell's top-left corner in pixels).
 */
export function chartLayer(charts: ChartView[], at: (row: number, column: number) => { left: number; top: number }): HTMLElement {
  const layer = el('div', { class: 'chart-layer' });
  for (const c of charts) {
    const box = el('figure', {
      class: 'sheet-chart',
      attrs: { 'data-chart-id': c.chartId, 'data-chart-type': c.type, 'aria-label': c.title ? `Gráfico: ${c.title}` : 'Gráfico', role: 'img' },
    });
    const p = at(c.anchorRow, c.anchorColumn);
    box.style.left = `${p.left + c.offsetX}px`;
    box.style.top = `${p.top + c.offsetY}px`;
    box.style.width = `${c.width}px`;
    box.style.height = `${c.height}px`;
    const chart = echarts.init(box, null, { renderer: 'svg', width: c.width, height: c.height });
    chart.setOption(c.option);
    live.push(chart);
    layer.appendChild(box);
  }
  return layer;
}
