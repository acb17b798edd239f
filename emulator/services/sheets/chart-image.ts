/**
 * A chart's picture on the server, with no browser: Apache ECharts' server-side rendering to an
 * SVG string (`init(null, null, { renderer: 'svg', ssr: true })`, no DOM needed), and resvg
 * (@resvg/resvg-js, a Rust SVG renderer shipped as a prebuilt Node addon) to turn it into PNG.
 * Both are loaded on first use, so a workspace that never asks for a chart image never loads them.
 * Emulator side only: nothing here reaches the Apps Script bundle.
 */

interface EChartsInstance {
  setOption(option: unknown): void;
  renderToSVGString(): string;
  dispose(): void;
}

interface EChartsModule {
  init(dom: null, theme: null, opts: { renderer: 'svg'; ssr: true; width: number; height: number }): EChartsInstance;
}

interface ResvgModule {
  Resvg: new (svg: string, opts: unknown) => { render(): { asPng(): Uint8Array } };
}

let echarts: EChartsModule | undefined;
let resvg: ResvgModule | undefined;

/** The chart as an SVG document of the given size. */
export function chartSvg(option: Record<string, unknown>, width: number, height: number): string {
  echarts ??= require('echarts') as EChartsModule;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** An SVG document as PNG bytes, text set in the machine's fonts (any sans-serif it has). */
export function svgToPng(svg: string): Uint8Array {
  resvg ??= require('@resvg/resvg-js') as ResvgModule;
  const png = new resvg.Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }, background: '#ffffff' })
    .render()
    .asPng();
  return new Uint8Array(png);
}
