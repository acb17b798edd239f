import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { sheetsStore } from '../../emulator/services/sheets';

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
