import { GasObject, type GasEnum } from '../../core/gas-object';
import { guardScriptSheet } from './access';
import type { SheetsContext } from './context';
import { MESSAGES } from './messages';
import type { GridArea, SheetData, SpreadsheetData } from './model';
import { Range } from './range';
import { Blob } from '../blob';
import { readDisplayValues, readValues } from './cells';
import { chartOption, chartSize, type ChartSpec } from './chart-option';
import { chartSvg, svgToPng } from './chart-image';

/**
 * Embedded charts of a sheet (reference/spreadsheet/embedded-chart-builder, embedded-chart,
 * container-info, chart-options; reference/charts/chart-type): kept in the sheet's model
 * (SheetData.charts) so the workspace snapshot keeps them. What a chart shows is its type, its
 * ranges, its position and its options. The browser UI draws it and getBlob()/getAs('image/png')
 * render it (chart-option.ts: what is drawn; chart-image.ts: the picture). As in Sheets, clearing
 * the sheet's cells (Sheet.clear, clearContents, clearFormats) leaves the charts where they are:
 * only Sheet.removeChart (or deleting the sheet) removes one.
 */
export interface ChartData {
  chartId: number;
  type: string;
  /** Source ranges, each on a sheet of the same spreadsheet (by sheetId). */
  ranges: (GridArea & { sheetId: number })[];
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

export const CHART_TYPES = [
  'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'RADAR', 'LINE', 'ORG', 'PIE',
  'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TIMELINE', 'TREEMAP', 'WATERFALL',
] as const;

/** The global Charts service's enums the spreadsheet charts use (Charts.ChartType …). */
export class ChartsService extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'Charts';
  readonly ChartType: GasEnum = Object.freeze(Object.fromEntries(CHART_TYPES.map((t) => [t, t])));
  readonly Position: GasEnum = Object.freeze({ BOTTOM: 'BOTTOM', NONE: 'NONE', RIGHT: 'RIGHT', TOP: 'TOP' });
}

function cloneChart(c: ChartData): ChartData {
  return JSON.parse(JSON.stringify(c)) as ChartData;
}

/** EmbeddedChartBuilder: local until Sheet.insertChart / updateChart. */
export class EmbeddedChartBuilder extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class: string = 'EmbeddedChartBuilder';
  constructor(
    readonly _ctx: SheetsContext,
    readonly _ss: SpreadsheetData,
    readonly _sheet: SheetData,
    readonly _data: ChartData,
  ) {
    super();
  }

  setChartType(type: string): EmbeddedChartBuilder {
    const t = String(type);
    if (!(CHART_TYPES as readonly string[]).includes(t)) throw new Error(MESSAGES.invalidArgument('type'));
    this._data.type = t;
    return this;
  }

  getChartType(): string {
    return this._data.type;
  }

  addRange(range: Range): EmbeddedChartBuilder {
    if (!(range instanceof Range)) throw new Error(MESSAGES.invalidArgument('range'));
    if (range._ss !== this._ss) throw new Error(MESSAGES.invalidArgument('range'));
    this._data.ranges.push({ sheetId: range._sheet.sheetId, row: range._row, column: range._col, numRows: range._nr, numColumns: range._nc });
    return this;
  }

  removeRange(range: Range): EmbeddedChartBuilder {
    if (!(range instanceof Range)) throw new Error(MESSAGES.invalidArgument('range'));
    this._data.ranges = this._data.ranges.filter(
      (r) => !(r.sheetId === range._sheet.sheetId && r.row === range._row && r.column === range._col && r.numRows === range._nr && r.numColumns === range._nc),
    );
    return this;
  }

  clearRanges(): EmbeddedChartBuilder {
    this._data.ranges = [];
    return this;
  }

  getRanges(): Range[] {
    return rangesOf(this._ctx, this._ss, this._data);
  }

  /** setPosition(anchorRowPos, anchorColPos, offsetX, offsetY): 1-based row and column, offsets in pixels. */
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    const [r, c, x, y] = [anchorRowPos, anchorColPos, offsetX, offsetY].map((v) => Math.trunc(Number(v)));
    if (![r, c, x, y].every(Number.isFinite) || r < 1 || c < 1) throw new Error(MESSAGES.invalidArgument('anchorRowPos'));
    this._data.position = { anchorRow: r, anchorColumn: c, offsetX: x, offsetY: y };
    return this;
  }

  getContainer(): ContainerInfo {
    return new ContainerInfo(this._data.position);
  }

  /** setOption(option, value): 'title', 'legend', 'colors', 'hAxis' … kept as given. */
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this._data.options[String(option)] = value;
    return this;
  }

  setNumHeaders(headers: number): EmbeddedChartBuilder {
    this._data.options.numHeaders = Math.trunc(Number(headers));
    return this;
  }

  setTransposeRowsAndColumns(transpose: boolean): EmbeddedChartBuilder {
    this._data.options.transposeRowsAndColumns = Boolean(transpose);
    return this;
  }

  // The typed builders (reference/spreadsheet/embedded-column-chart-builder …): the same chart,
  // its type set, with the type's own setters (setTitle, setStacked, setColors …) on top.
  asAreaChart(): EmbeddedAreaChartBuilder {
    this.setChartType('AREA');
    return new EmbeddedAreaChartBuilder(this._ctx, this._ss, this._sheet, this._data);
  }

  asBarChart(): EmbeddedBarChartBuilder {
    this.setChartType('BAR');
    return new EmbeddedBarChartBuilder(this._ctx, this._ss, this._sheet, this._data);
  }

  asColumnChart(): EmbeddedColumnChartBuilder {
    this.setChartType('COLUMN');
    return new EmbeddedColumnChartBuilder(this._ctx, this._ss, this._sheet, this._data);
  }

  asComboChart(): EmbeddedComboChartBuilder {
    this.setChartType('COMBO');
    return new EmbeddedComboChartBuilder(this._ctx, this._ss, this._sheet, this._data);
  }

  asLineChart(): EmbeddedLineChartBuilder {
    this.setChartType('LINE');
    return new EmbeddedLineChartBuilder(this._ctx, this._ss, this._sheet, this._data);
  }

  asPieChart(): EmbeddedPieChartBuilder {
    this.setChartType('PIE');
    return new EmbeddedPieChartBuilder(this._ctx, this._ss, this._sheet, this._data);
  }

  asScatterChart(): EmbeddedScatterChartBuilder {
    this.setChartType('SCATTER');
    return new EmbeddedScatterChartBuilder(this._ctx, this._ss, this._sheet, this._data);
  }

  build(): EmbeddedChart {
    if (this._data.ranges.length === 0) throw new Error('A chart must have at least one range.');
    return new EmbeddedChart(this._ctx, this._ss, this._sheet, cloneChart(this._data));
  }
}

/** Charts.Position → the option's value ('bottom', 'none', 'right', 'top'). */
function position(p: unknown): string {
  const v = String(p);
  if (!['BOTTOM', 'NONE', 'RIGHT', 'TOP'].includes(v)) throw new Error(MESSAGES.invalidArgument('position'));
  return v.toLowerCase();
}

/** Setters every typed builder has (title, colours, legend, background, size). */
abstract class TypedChartBuilder extends EmbeddedChartBuilder {
  setTitle(chartTitle: string): this {
    this.setOption('title', String(chartTitle));
    return this;
  }
  setColors(cssValues: string[]): this {
    if (!Array.isArray(cssValues)) throw new Error(MESSAGES.invalidArgument('cssValues'));
    this.setOption('colors', cssValues.map(String));
    return this;
  }
  setLegendPosition(pos: string): this {
    this.setOption('legend.position', position(pos));
    return this;
  }
  setBackgroundColor(cssValue: string): this {
    this.setOption('backgroundColor', String(cssValue));
    return this;
  }
  reverseCategories(): this {
    this.setOption('reverseCategories', true);
    return this;
  }
}

/** Axis charts (area, bar, column, combo, line, scatter): axis titles and range. */
abstract class AxisChartBuilder extends TypedChartBuilder {
  setXAxisTitle(title: string): this {
    this.setOption('hAxis.title', String(title));
    return this;
  }
  setYAxisTitle(title: string): this {
    this.setOption('vAxis.title', String(title));
    return this;
  }
  setRange(start: number, end: number): this {
    this.setOption('vAxis.viewWindow.min', Number(start));
    this.setOption('vAxis.viewWindow.max', Number(end));
    return this;
  }
  useLogScale(): this {
    this.setOption('vAxis.logScale', true);
    return this;
  }
}

abstract class StackableChartBuilder extends AxisChartBuilder {
  /** "Uses stacked lines/bars, meaning that line and bar values are stacked (accumulated)." */
  setStacked(): this {
    this.setOption('isStacked', true);
    return this;
  }
}

export class EmbeddedAreaChartBuilder extends StackableChartBuilder {
  override readonly _class = 'EmbeddedAreaChartBuilder';
}
export class EmbeddedBarChartBuilder extends StackableChartBuilder {
  override readonly _class = 'EmbeddedBarChartBuilder';
  reverseDirection(): this {
    this.setOption('hAxis.direction', -1);
    return this;
  }
}
export class EmbeddedColumnChartBuilder extends StackableChartBuilder {
  override readonly _class = 'EmbeddedColumnChartBuilder';
}
export class EmbeddedComboChartBuilder extends StackableChartBuilder {
  override readonly _class = 'EmbeddedComboChartBuilder';
}
export class EmbeddedLineChartBuilder extends AxisChartBuilder {
  override readonly _class = 'EmbeddedLineChartBuilder';
}
export class EmbeddedScatterChartBuilder extends AxisChartBuilder {
  override readonly _class = 'EmbeddedScatterChartBuilder';
}
export class EmbeddedPieChartBuilder extends TypedChartBuilder {
  override readonly _class = 'EmbeddedPieChartBuilder';
  set3D(): this {
    this.setOption('is3D', true);
    return this;
  }
}

function rangesOf(ctx: SheetsContext, ss: SpreadsheetData, data: ChartData): Range[] {
  return data.ranges
    .map((r) => {
      const sheet = ss.sheets.find((s) => s.sheetId === r.sheetId);
      return sheet ? new Range(ctx, ss, sheet, r.row, r.column, r.numRows, r.numColumns) : null;
    })
    .filter((r): r is Range => r !== null);
}

/** ContainerInfo: where the chart sits. */
export class ContainerInfo extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'ContainerInfo';
  constructor(readonly _p: ChartData['position']) {
    super();
  }
  getAnchorRow(): number {
    return this._p.anchorRow;
  }
  getAnchorColumn(): number {
    return this._p.anchorColumn;
  }
  getOffsetX(): number {
    return this._p.offsetX;
  }
  getOffsetY(): number {
    return this._p.offsetY;
  }
}

/** ChartOptions: get(option). */
export class ChartOptions extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'ChartOptions';
  constructor(readonly _o: Record<string, unknown>) {
    super();
  }
  get(option: string): unknown {
    return this._o[String(option)] ?? null;
  }
  getOrDefault(option: string): unknown {
    return this.get(option);
  }
}

/** EmbeddedChart: a chart built (chartId 0 until inserted) or read from a sheet. */
export class EmbeddedChart extends GasObject {
  readonly _service = 'Sheets' as const;
  readonly _class = 'EmbeddedChart';
  constructor(
    readonly _ctx: SheetsContext,
    readonly _ss: SpreadsheetData,
    readonly _sheet: SheetData,
    readonly _data: ChartData,
  ) {
    super();
  }

  /** "A stable identifier for the chart … or null if the chart is not in a spreadsheet." */
  getChartId(): number | null {
    return this._data.chartId > 0 && (this._sheet.charts ?? []).some((c) => c.chartId === this._data.chartId) ? this._data.chartId : null;
  }

  getRanges(): Range[] {
    return rangesOf(this._ctx, this._ss, this._data);
  }

  getOptions(): ChartOptions {
    return new ChartOptions({ ...this._data.options });
  }

  getContainerInfo(): ContainerInfo {
    return new ContainerInfo({ ...this._data.position });
  }

  getNumHeaders(): number {
    return typeof this._data.options.numHeaders === 'number' ? this._data.options.numHeaders : -1;
  }

  getTransposeRowsAndColumns(): boolean {
    return this._data.options.transposeRowsAndColumns === true;
  }

  modify(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this._ctx, this._ss, this._sheet, cloneChart(this._data));
  }

  /**
   * reference/spreadsheet/embedded-chart#getBlob: the chart as a picture (PNG), drawn from its
   * ranges' current values. The emulator draws it with the same library as its browser UI
   * (chart-option.ts, chart-image.ts); the blob is named after the chart's title.
   */
  getBlob(): Blob {
    const option = chartOption(chartSpec(this._ss, this._data));
    const { width, height } = chartSize(this._data.options);
    const title = typeof this._data.options.title === 'string' && this._data.options.title !== '' ? this._data.options.title : 'Chart';
    const blob = new Blob(svgToPng(chartSvg(option, width, height)), 'image/png', `${title}.png`);
    blob._now = () => this._ctx.env.state.now();
    return blob;
  }

  /** "For images in BMP, GIF, JPEG, or PNG format, any of 'image/bmp', … 'image/png' are also valid": the emulator makes PNG only. */
  getAs(contentType: string): Blob {
    const to = String(contentType).split(';')[0].trim().toLowerCase();
    if (to === 'image/png') return this.getBlob();
    throw new Error(`Converting from image/png to ${contentType} is not supported.`);
  }
}

/** The chart's type, options and its ranges' cells as they are now (value and shown text). */
export function chartSpec(ss: SpreadsheetData, data: ChartData): ChartSpec {
  return {
    type: data.type,
    options: data.options,
    ranges: data.ranges.map((r) => {
      const sheet = ss.sheets.find((s) => s.sheetId === r.sheetId);
      if (!sheet) return [];
      const values = readValues(sheet, r.row, r.column, r.numRows, r.numColumns);
      const texts = readDisplayValues(ss, sheet, r.row, r.column, r.numRows, r.numColumns);
      return values.map((row, i) => row.map((value, j) => ({ value, text: texts[i][j] })));
    }),
  };
}

/** Sheet.newChart(): a COLUMN chart builder anchored at A1 with no ranges yet. */
export function newChartBuilder(ctx: SheetsContext, ss: SpreadsheetData, sheet: SheetData): EmbeddedChartBuilder {
  return new EmbeddedChartBuilder(ctx, ss, sheet, { chartId: 0, type: 'COLUMN', ranges: [], position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 }, options: {} });
}

function newChartId(ctx: SheetsContext, ss: SpreadsheetData): number {
  const used = new Set(ss.sheets.flatMap((s) => (s.charts ?? []).map((c) => c.chartId)));
  let id = 1 + ctx.env.state.random.int(2_000_000_000);
  while (used.has(id)) id = 1 + ctx.env.state.random.int(2_000_000_000);
  return id;
}

export function insertChart(ctx: SheetsContext, ss: SpreadsheetData, sheet: SheetData, chart: unknown): void {
  if (!(chart instanceof EmbeddedChart)) throw new Error(MESSAGES.invalidArgument('chart'));
  guardScriptSheet(ss, sheet, ctx.user);
  const data = cloneChart(chart._data);
  data.chartId = newChartId(ctx, ss);
  (sheet.charts ??= []).push(data);
  chart._data.chartId = data.chartId;
}

export function chartsOf(ctx: SheetsContext, ss: SpreadsheetData, sheet: SheetData): EmbeddedChart[] {
  return (sheet.charts ?? []).map((c) => new EmbeddedChart(ctx, ss, sheet, c));
}

export function removeChart(ctx: SheetsContext, ss: SpreadsheetData, sheet: SheetData, chart: unknown): void {
  if (!(chart instanceof EmbeddedChart)) throw new Error(MESSAGES.invalidArgument('chart'));
  guardScriptSheet(ss, sheet, ctx.user);
  sheet.charts = (sheet.charts ?? []).filter((c) => c.chartId !== chart._data.chartId);
}

/** updateChart(chart): the chart with the same ID (a modify().build() of one of this sheet's) is replaced. */
export function updateChart(ctx: SheetsContext, ss: SpreadsheetData, sheet: SheetData, chart: unknown): void {
  if (!(chart instanceof EmbeddedChart)) throw new Error(MESSAGES.invalidArgument('chart'));
  guardScriptSheet(ss, sheet, ctx.user);
  const list = sheet.charts ?? [];
  const i = list.findIndex((c) => c.chartId === chart._data.chartId && c.chartId > 0);
  if (i < 0) throw new Error(MESSAGES.invalidArgument('chart'));
  list[i] = cloneChart(chart._data);
}
