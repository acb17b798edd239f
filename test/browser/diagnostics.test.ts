/**
 * «Emprendimiento › Diagnóstico» in real Chromium, through the emulator's UI: the coordinator
 * (the demo consultant, who ran setup) clicks the menu item, a toast says how it went, and the
 * 'Diagnóstico' tab shows one line per check. The screenshot is the README's picture of the
 * report (docs/img/diagnostico.png).
 */
import type { Page } from 'playwright-core';
import type { Workspace } from '../../emulator';
import { createDemoWorkspace, SPREADSHEETS } from '../../scripts/start';
import { distDir, eventually, openEmulatorUi, screenshot, type BrowserSession } from '../support/browser';

const TAB = 'Diagnóstico';

describe('«Diagnóstico» from the menu (Chromium)', () => {
  let ws: Workspace;
  let atencionesId: string;
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    const demo = createDemoWorkspace({ distDir: distDir(), at: '2026-11-27T08:30', seed: 21 });
    ws = demo.ws;
    atencionesId = demo.atencionesId;
    session = await openEmulatorUi(ws, { width: 1400, height: 760 });
    page = session.page;
    await page.locator('.doc-title', { hasText: SPREADSHEETS.atenciones }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  test('the click runs every check, a toast sums it up, and the report tab shows one line per check', async () => {
    const tabsBefore = await page.locator('.sheet-tab').allTextContents();
    expect(tabsBefore).not.toContain(TAB);

    await page.getByRole('menuitem', { name: 'Emprendimiento', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Diagnóstico', exact: true }).click();

    const toast = page.locator('.toast', { hasText: 'Diagnóstico' });
    await toast.waitFor({ timeout: 15_000 });
    await expect(toast.textContent()).resolves.toContain('las 8 comprobaciones salieron bien');
    const runs = ws.executions({ functionName: 'runDiagnostics' });
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([['menu', 'completed']]);

    // The tab bar shows the new tab; nothing temporary is left behind.
    await eventually(() => page.locator('.sheet-tab').allTextContents(), (tabs) => expect(tabs).toEqual([...tabsBefore, TAB]));
    await page.locator('.sheet-tab', { hasText: TAB }).click();
    await page.locator('.sheet-tab.active', { hasText: TAB }).waitFor();

    const rows = page.locator('.grid tbody tr');
    await expect(rows.first().locator('td').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Comprobación', 'Resultado', 'Detalle', 'Fecha y hora']),
    );
    const report = ws.readTab(atencionesId, TAB);
    expect(report.map((r) => r['Resultado'])).toEqual(Array(8).fill('OK'));
    for (const r of report) {
      await page.locator('.grid tbody td', { hasText: String(r['Comprobación']) }).first().waitFor();
    }
    await expect(page.locator('.grid').textContent()).resolves.toContain('está publicado y acepta respuestas de cualquier persona con el enlace');
    expect(ws.calendarEvents()).toEqual([]);
    expect(session.pageErrors).toEqual([]);

    await page.waitForTimeout(200);
    await screenshot(page, 'diagnostico.png');
  });
});
