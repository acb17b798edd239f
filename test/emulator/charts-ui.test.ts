/**
 * The browser UI draws a sheet's embedded charts (Apache ECharts, SVG renderer) over the grid at
 * their anchor cell, from the ranges' current values: a person sees the chart, its title, its
 * categories and one bar per value — and a value typed into the sheet changes the drawing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { eventually, openEmulatorUi, screenshot, type BrowserSession } from '../support/browser';

const CODE = `
  function build() {
    var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    s.setName('Indicadores');
    s.getRange(1, 1, 4, 3).setValues([['Semana', 'Atendidas', 'Abandonadas'], ['S1', 12, 3], ['S2', 15, 1], ['S3', 9, 4]]);
    s.insertChart(s.newChart().asColumnChart().addRange(s.getRange('A1:C4')).setStacked().setTitle('Atenciones por semana')
      .setColors(['#188038', '#d93025']).setPosition(2, 5, 0, 0).build());
    s.insertChart(s.newChart().setChartType(Charts.ChartType.PIE).addRange(s.getRange('A1:B4')).setOption('title', 'Reparto')
      .setOption('width', 400).setOption('height', 300).setPosition(22, 1, 10, 0).build());
  }
`;

let session: BrowserSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

test('a sheet with charts shows them drawn, with their data, where they are anchored', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-charts-ui-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), CODE);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
  const ws = Workspace.create({ at: '2026-12-22T09:00', seed: 5 });
  const ss = ws.createSpreadsheet('Indicadores del servicio');
  ws.install(ss, { distDir: dir });
  expect(ws.run(ss, 'build').error).toBeUndefined();

  session = await openEmulatorUi(ws, { width: 1400, height: 900 });
  const { page } = session;
  const column = page.locator('figure.sheet-chart[data-chart-type="COLUMN"]');
  await column.locator('svg').waitFor();
  expect(await column.getAttribute('aria-label')).toBe('Gráfico: Atenciones por semana');
  const svgText = await column.locator('svg').textContent();
  for (const t of ['Atenciones por semana', 'S1', 'S2', 'S3', 'Atendidas', 'Abandonadas']) expect(svgText).toContain(t);
  // Three stacked columns per series, in the colours the script set.
  expect(await column.locator('svg path[fill="#188038"]').count()).toBeGreaterThanOrEqual(3);
  expect(await column.locator('svg path[fill="#d93025"]').count()).toBeGreaterThanOrEqual(3);
  // Anchored at E2: right of column D's cells, level with row 2.
  const box = (await column.boundingBox())!;
  const e2 = (await page.locator('td[data-row="2"][data-col="5"]').boundingBox())!;
  expect(Math.abs(box.x - e2.x)).toBeLessThan(3);
  expect(Math.abs(box.y - e2.y)).toBeLessThan(3);
  expect([Math.round(box.width), Math.round(box.height)]).toEqual([600, 371]);

  const pie = page.locator('figure.sheet-chart[data-chart-type="PIE"]');
  await pie.locator('svg').waitFor();
  expect(await pie.locator('svg').textContent()).toContain('Reparto');
  expect(await pie.locator('svg path').count()).toBeGreaterThanOrEqual(3);
  const pieBox = (await pie.boundingBox())!;
  expect([Math.round(pieBox.width), Math.round(pieBox.height)]).toEqual([400, 300]);
  const a22 = (await page.locator('td[data-row="22"][data-col="1"]').boundingBox())!;
  expect(Math.abs(pieBox.x - (a22.x + 10))).toBeLessThan(3); // offsetX 10
  expect(Math.abs(pieBox.y - a22.y)).toBeLessThan(3);
  await screenshot(page, 'emulator-charts.png');

  // A person types a value into the sheet: the chart is drawn again from the new values.
  await page.locator('td[data-row="2"][data-col="2"]').dblclick();
  await page.getByLabel('Editar B2').fill('40');
  await page.getByLabel('Editar B2').press('Enter');
  await eventually(
    () => page.locator('figure.sheet-chart[data-chart-type="COLUMN"] svg').textContent(),
    (text) => expect(text).toContain('50'), // the value axis now reaches 50 (40 + 3 stacked)
    10_000,
  );
  expect(session.pageErrors).toEqual([]);
});
