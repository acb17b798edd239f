import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';
import { chartSpec } from '../../emulator/services/sheets/charts';
import { chartOption, chartOptionValue, chartTable } from '../../emulator/services/sheets/chart-option';
import { chartSvg } from '../../emulator/services/sheets/chart-image';

// References: developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
// (setChartType, addRange, setPosition(anchorRowPos, anchorColPos, offsetX, offsetY), setOption,
// build), …/spreadsheet/sheet (newChart, insertChart, getCharts, removeChart, updateChart),
// …/spreadsheet/embedded-chart (getChartId: "null if the chart is not in a spreadsheet", getRanges,
// getOptions, getContainerInfo, modify), …/spreadsheet/container-info, …/charts/chart-type.
// Sheet.clear: "Clears the sheet of content and formatting information" — cells; an embedded
// chart is an object over the grid and stays until removed (removeChart).

function bundle(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-charts-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
  return dir;
}

const CODE = `
  function sheet() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; }
  function build() {
    var s = sheet();
    s.getRange(1, 1, 3, 2).setValues([['Sesión', 'Asistentes'], ['1', 40], ['2', 35]]);
    var chart = s.newChart().setChartType(Charts.ChartType.COLUMN).addRange(s.getRange('A1:B3'))
      .setPosition(2, 4, 5, 6).setOption('title', 'Asistencia por sesión').build();
    var before = chart.getChartId();
    s.insertChart(chart);
    s.insertChart(s.newChart().setChartType(Charts.ChartType.PIE).addRange(s.getRange('B1:B3')).setPosition(20, 4, 0, 0).build());
    return { before: before, count: s.getCharts().length };
  }
  function read() {
    return sheet().getCharts().map(function (c) {
      var info = c.getContainerInfo();
      return { id: typeof c.getChartId(), title: c.getOptions().get('title'), ranges: c.getRanges().map(function (r) { return r.getA1Notation(); }),
        at: [info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()] };
    });
  }
  function clearAll() { sheet().clear(); return sheet().getCharts().length; }
  function retitle() {
    var s = sheet();
    var c = s.getCharts()[0];
    s.updateChart(c.modify().setOption('title', 'Nuevo').setPosition(3, 5, 0, 0).build());
  }
  function removeAll() { var s = sheet(); s.getCharts().forEach(function (c) { s.removeChart(c); }); return s.getCharts().length; }
  function noRange() { sheet().newChart().build(); }
`;

test('build, insert, read back; clear leaves charts; update by modify(); remove; the model survives a snapshot', () => {
  const ws = Workspace.create({ at: '2026-12-22T09:00', seed: 11 });
  const ss = ws.createSpreadsheet('Talleres');
  ws.install(ss, { distDir: bundle(CODE) });
  const built = ws.run(ss, 'build');
  expect(built.error).toBeUndefined();
  expect(built.value).toEqual({ before: null, count: 2 });
  expect(built.record.methods['Sheet.insertChart']).toBe(2);
  const expected = [
    { id: 'number', title: 'Asistencia por sesión', ranges: ['A1:B3'], at: [2, 4, 5, 6] },
    { id: 'number', title: null, ranges: ['B1:B3'], at: [20, 4, 0, 0] },
  ];
  expect(ws.run(ss, 'read').value).toEqual(expected);
  const copy = Workspace.fromSnapshot(ws.snapshot());
  expect(copy.run(ss, 'read').value).toEqual(expected);
  expect(ws.run(ss, 'clearAll').value).toBe(2);
  expect(ws.values(ss, ws.sheetNames(ss)[0]).flat().every((v) => v === '')).toBe(true);
  expect(ws.run(ss, 'retitle').error).toBeUndefined();
  expect((ws.run(ss, 'read').value as { title: string; at: number[] }[])[0]).toMatchObject({ title: 'Nuevo', at: [3, 5, 0, 0] });
  expect(ws.run(ss, 'removeAll').value).toBe(0);
  expect(sheetsStore(ws.state).requireSpreadsheet(ss).sheets[0].charts).toEqual([]);
  expect(ws.run(ss, 'noRange').error).toBe('A chart must have at least one range.');
});

// Typed builders: reference/spreadsheet/embedded-column-chart-builder (setStacked "Uses stacked
// lines/bars", setTitle, setColors, setLegendPosition(Charts.Position), setXAxisTitle,
// setYAxisTitle), …/embedded-pie-chart-builder, …/embedded-line-chart-builder, …/embedded-bar-chart-builder.
// EmbeddedChart.getBlob / getAs(contentType): the chart as an image; reference/charts/chart
// ("For images in BMP, GIF, JPEG, or PNG format, any of 'image/bmp' … 'image/png' are also valid").
const DASHBOARD = `
  function sheet() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; }
  function build() {
    var s = sheet();
    s.getRange(1, 1, 4, 3).setValues([['Semana', 'Atendidas', 'Abandonadas'], ['S1', 12, 3], ['S2', 15, 1], ['S3', 9, 4]]);
    var stacked = s.newChart().asColumnChart().addRange(s.getRange('A1:C4')).setStacked().setTitle('Atenciones por semana')
      .setColors(['#188038', '#d93025']).setLegendPosition(Charts.Position.BOTTOM).setXAxisTitle('Semana').setYAxisTitle('Atenciones')
      .setPosition(6, 1, 0, 0).build();
    s.insertChart(stacked);
    s.insertChart(s.newChart().asPieChart().addRange(s.getRange('A1:B4')).setTitle('Reparto').setOption('pieHole', 0.4).setPosition(6, 8, 0, 0).build());
    s.insertChart(s.newChart().asBarChart().addRange(s.getRange('A1:B4')).setPosition(26, 1, 0, 0).build());
    s.insertChart(s.newChart().asLineChart().addRange(s.getRange('A1:C4')).setOption('legend', { position: 'top' }).setPosition(26, 8, 0, 0).build());
    var c = s.getCharts()[0];
    var o = c.getOptions();
    return { types: s.getCharts().map(function (x) { return x.modify().getChartType(); }), title: o.get('title'), stacked: o.get('isStacked'),
      legend: o.get('legend.position'), colors: o.get('colors'), classOf: String(s.newChart().asColumnChart()) };
  }
  function noTitleOnPlainBuilder() { return typeof sheet().newChart().setTitle; }
  function png() { var b = sheet().getCharts()[0].getAs('image/png'); return { type: b.getContentType(), name: b.getName(), bytes: b.getBytes() }; }
  function blob() { return sheet().getCharts()[1].getBlob().getContentType(); }
  function gif() { sheet().getCharts()[0].getAs('image/gif'); }
`;

describe('typed builders, what a chart draws, and its picture', () => {
  function world() {
    const ws = Workspace.create({ at: '2026-12-22T09:00', seed: 12 });
    const ss = ws.createSpreadsheet('Indicadores');
    ws.install(ss, { distDir: bundle(DASHBOARD) });
    const built = ws.run(ss, 'build');
    expect(built.error).toBeUndefined();
    return { ws, ss, built };
  }

  test('asColumnChart().setStacked() … records the options Sheets keeps; a plain builder has no setTitle', () => {
    const { ws, ss, built } = world();
    expect(built.value).toMatchObject({
      types: ['COLUMN', 'PIE', 'BAR', 'LINE'],
      title: 'Atenciones por semana',
      stacked: true,
      legend: 'bottom',
      colors: ['#188038', '#d93025'],
    });
    expect(ws.run(ss, 'noTitleOnPlainBuilder').value).toBe('undefined');
  });

  test('the drawing reads the ranges as they are now: header row → series names, first column → categories, stacking, pie slices', () => {
    const { ws, ss } = world();
    const data = sheetsStore(ws.state).requireSpreadsheet(ss);
    const [column, pie, bar, line] = data.sheets[0].charts!.map((c) => chartOption(chartSpec(data, c)));
    expect(column.title).toMatchObject({ text: 'Atenciones por semana' });
    expect(column.xAxis).toMatchObject({ type: 'category', data: ['S1', 'S2', 'S3'], name: 'Semana' });
    expect(column.series).toEqual([
      expect.objectContaining({ type: 'bar', name: 'Atendidas', data: [12, 15, 9], stack: 'total' }),
      expect.objectContaining({ type: 'bar', name: 'Abandonadas', data: [3, 1, 4], stack: 'total' }),
    ]);
    expect(column.color).toEqual(['#188038', '#d93025']);
    expect(column.legend).toMatchObject({ bottom: 4 });
    expect((pie.series as { type: string; radius: unknown; data: unknown }[])[0]).toMatchObject({
      type: 'pie',
      radius: ['26%', '65%'],
      data: [{ name: 'S1', value: 12 }, { name: 'S2', value: 15 }, { name: 'S3', value: 9 }],
    });
    expect(bar.yAxis).toMatchObject({ type: 'category', data: ['S1', 'S2', 'S3'] });
    expect((bar.series as { stack?: string }[])[0].stack).toBeUndefined();
    expect(line.legend).toMatchObject({ top: 32 });
    // A value typed later is what the chart shows next time (it keeps ranges, not numbers).
    ws.typeInto(ss, ws.sheetNames(ss)[0], 'B2', '20');
    const again = chartOption(chartSpec(data, data.sheets[0].charts![0]));
    expect((again.series as { data: number[] }[])[0].data).toEqual([20, 15, 9]);
  });

  test('getAs("image/png") and getBlob() give a PNG of the chart (600 × 371 by default); other types are refused', () => {
    const { ws, ss } = world();
    const out = ws.run(ss, 'png');
    expect(out.error).toBeUndefined();
    const { type, name, bytes } = out.value as { type: string; name: string; bytes: number[] };
    expect(type).toBe('image/png');
    expect(name).toBe('Atenciones por semana.png');
    const buf = Buffer.from(bytes.map((b) => (b + 256) % 256));
    expect(buf.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([buf.readUInt32BE(16), buf.readUInt32BE(20)]).toEqual([600, 371]);
    expect(buf.length).toBeGreaterThan(5000); // a drawing, not an empty canvas
    expect(out.record.methods['EmbeddedChart.getAs']).toBe(1);
    expect(ws.run(ss, 'blob').value).toBe('image/png');
    expect(ws.run(ss, 'gif').error).toBe('Converting from image/png to image/gif is not supported.');
  });

  test('the SVG drawing carries the data: one bar per value, the title and the category labels as text', () => {
    const { ws, ss } = world();
    const data = sheetsStore(ws.state).requireSpreadsheet(ss);
    const svg = chartSvg(chartOption(chartSpec(data, data.sheets[0].charts![0])), 600, 371);
    expect(svg).toContain('Atenciones por semana');
    for (const label of ['S1', 'S2', 'S3', 'Atendidas', 'Abandonadas']) expect(svg).toContain(`>${label}<`);
    expect((svg.match(/fill="#188038"/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect((svg.match(/fill="#d93025"/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });
});

describe('chartTable (how ranges become categories and series)', () => {
  const cell = (value: unknown) => ({ value, text: value instanceof Date ? value.toISOString().slice(0, 10) : String(value) });
  test('numHeaders 0 keeps the first row as data; transposeRowsAndColumns swaps; ranges side by side', () => {
    const a = [[cell('A'), cell(1)], [cell('B'), cell(2)]];
    expect(chartTable({ type: 'COLUMN', options: { numHeaders: 0 }, ranges: [a] })).toEqual({ labels: ['A', 'B'], series: [{ name: 'Serie 1', values: [1, 2] }] });
    const wide = [[cell('x'), cell('P'), cell('Q')], [cell('n'), cell(1), cell(2)]];
    expect(chartTable({ type: 'COLUMN', options: { transposeRowsAndColumns: true }, ranges: [wide] })).toEqual({ labels: ['P', 'Q'], series: [{ name: 'n', values: [1, 2] }] });
    const left = [[cell('Mes')], [cell('Ene')], [cell('Feb')]];
    const right = [[cell('Total')], [cell(5)], [cell(7)]];
    expect(chartTable({ type: 'LINE', options: {}, ranges: [left, right] })).toEqual({ labels: ['Ene', 'Feb'], series: [{ name: 'Total', values: [5, 7] }] });
  });

  test('an option by dotted name or nested object is the same option', () => {
    expect(chartOptionValue({ 'legend.position': 'none' }, 'legend.position')).toBe('none');
    expect(chartOptionValue({ legend: { position: 'top' } }, 'legend.position')).toBe('top');
    expect(chartOptionValue({ legend: 'none' }, 'legend.position')).toBe('none');
    expect(chartOptionValue({ vAxis: { viewWindow: { min: 0 } } }, 'vAxis.viewWindow.min')).toBe(0);
  });
});
