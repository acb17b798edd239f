/**
 * The first look at `npm start`: the page opens on «Atenciones Virtuales», tab «Citas» (not the
 * empty form-responses tab a linked form puts first), with the product's panel open and a line
 * saying which menu item opened it; the panel's title shows once; the status bar carries no
 * developer text (that goes to the developer panel); the frozen header is bold and columns are
 * as wide as their content.
 */
import type { Page } from 'playwright-core';
import { createDemoWorkspace, landing, SPREADSHEETS } from '../../scripts/start';
import { distDir, eventually, openEmulatorUi, type BrowserSession } from '../support/browser';

describe('the landing of npm start', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    const demo = createDemoWorkspace({ distDir: distDir(), at: '2026-11-27T08:30', seed: 12 });
    const where = landing(demo.ws);
    expect(where).toEqual({ spreadsheetId: demo.atencionesId, menuFunction: 'showSidebar' });
    session = await openEmulatorUi(demo.ws, { landing: where });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('opens on «Citas» of «Atenciones Virtuales» with the panel open, and says how it was opened', async () => {
    await expect(page.locator('.doc-title').textContent()).resolves.toBe(SPREADSHEETS.atenciones);
    await expect(page.locator('.sheet-tab.active').textContent()).resolves.toBe('Citas');
    const handle = await page.waitForSelector('.sidebar:not([hidden]) iframe.surface-frame');
    const frame = (await handle.contentFrame())!;
    await frame.waitForLoadState('load');
    await eventually(() => page.locator('#status').textContent(), (t) => expect(t).toContain('«Emprendimiento › Abrir panel»'));

    // "Emprendimiento" shows once: in the sidebar's title bar (the script's setTitle); the page's
    // own heading stays for screen readers only.
    await expect(page.locator('.sidebar-title h2').textContent()).resolves.toBe('Emprendimiento');
    const heading = await frame.locator('h1').boundingBox();
    expect(heading === null || (heading.width <= 1 && heading.height <= 1)).toBe(true);
  });

  it('the frozen header is bold and each column is as wide as its header', async () => {
    const header = page.locator('.grid tbody tr').first().locator('td');
    const texts = await header.allTextContents();
    const filled = texts.filter((t) => t !== '').length;
    expect(filled).toBeGreaterThan(3);
    for (let i = 0; i < filled; i++) {
      const cell = header.nth(i);
      const look = await cell.evaluate((td) => ({ weight: getComputedStyle(td).fontWeight, fits: td.scrollWidth <= td.clientWidth }));
      expect(look.weight).toBe('700');
      if (!look.fits) throw new Error(`header «${texts[i]}» is cut off`);
    }
    // Nothing cut off, and not by luck: some columns are wider than the default 100 px.
    const widths = await page.locator('.grid colgroup col').evaluateAll((cols) => cols.slice(1).map((c) => (c as HTMLElement).getBoundingClientRect().width));
    expect(widths.some((w) => w > 100)).toBe(true);
  });

  it('the status bar carries no developer text; the developer panel shows what ran', async () => {
    const status = (await page.locator('#status').textContent()) ?? '';
    expect(status).not.toMatch(/llamadas|modelados|showSidebar|onOpen/);
    await page.getByRole('link', { name: 'Panel del desarrollador' }).click();
    await eventually(() => page.locator('#last-activity').textContent(), (t) => expect(t).toMatch(/\(google\.script\.run\) · \d+ llamadas: .* modelados/));
  });
});
