/**
 * B12 in the panel, in real Chromium through the emulator's UI: the coordinator opens
 * «Consolidado e informe» of a finished module (test/support/report-world.ts), consolidates it,
 * sees the figures, sends the report to the Dirección, then a new version after confirming in
 * the page — two emails in all, one per version.
 */
import type { Frame, Page } from 'playwright-core';
import { openPanel, openEmulatorUi, type BrowserSession } from '../support/browser';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { DIRECTION, fillReportModule } from '../support/report-world';

const SPREADSHEET = 'Programación Talleres Masivos';

describe('«Consolidado e informe» of a module in the Talleres panel (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let id = '';

  beforeAll(async () => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    id = fillReportModule(w.ws, w.talleres).moduleId;
    // Past the last session, without running the clock's duties (the clock is not under test here).
    w.ws.state.clock.set(new Date('2026-12-11T09:00:00-05:00').getTime());
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  test('consolidate, read the figures, send the report, then a new version', async () => {
    const item = frame.locator(`li.module[data-id="${id}"]`);
    await item.waitFor();
    await item.locator('summary', { hasText: 'Ver pasos e inscripciones' }).click();
    const section = item.locator('details.module-report-section');
    await section.locator('summary').click();
    await section.locator('.report-consolidated', { hasText: 'Aún no se ha consolidado.' }).waitFor();
    expect(await section.locator('.report-figures li').allTextContents()).toContain('Cumplen la regla del certificado (al menos 2 de 3 sesiones): 3 de 4');

    await section.getByRole('button', { name: 'Consolidar' }).click();
    await section.locator('.report-consolidated', { hasText: 'Consolidado por última vez el' }).waitFor();
    expect(w.ws.sheetNames(w.talleres)).toContain(`Asistencia consolidada ${id}`);

    await section.getByRole('button', { name: 'Enviar informe a la Dirección' }).click();
    await section.locator('.report-state', { hasText: `Versión 1 enviada el` }).waitFor();
    expect(await section.getByRole('link', { name: 'Abrir el PDF (versión 1)' }).getAttribute('href')).toMatch(/^https:\/\/drive\.google\.com\/file\/d\//);

    await section.getByRole('button', { name: 'Enviar nueva versión' }).click();
    await section.getByRole('alertdialog').waitFor();
    await section.getByRole('button', { name: 'Sí, enviar la versión 2' }).click();
    await section.locator('.report-state', { hasText: 'Versión 2 enviada el' }).waitFor();
    expect(w.ws.outbox().filter((m) => m.to.includes(DIRECTION)).map((m) => m.subject)).toEqual([
      'Informe del módulo «Aprende a Emprender – Diciembre»',
      'Informe del módulo «Aprende a Emprender – Diciembre» (versión 2)',
    ]);
  }, 90_000);
});
