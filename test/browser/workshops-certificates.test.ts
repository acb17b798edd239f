/**
 * B12 in the panel, in real Chromium through the emulator's UI: the consultant opens
 * «Certificados (B12)» of a finished module, sees the template is fine and the bar at 0, makes a
 * preview (its PDF link appears), starts the issuing, and once the job has run the bar and the
 * list show each person's code and PDF link. Rows are put straight into the sheet
 * (test/support/finished-module.ts).
 */
import type { Frame, Page } from 'playwright-core';
import { openPanel, openEmulatorUi, type BrowserSession } from '../support/browser';
import { createFinishedModule, type FinishedModuleWorld } from '../support/finished-module';

const SPREADSHEET = 'Programación Talleres Masivos';

describe('«Certificados» of a module in the Talleres panel (Chromium)', () => {
  let w: FinishedModuleWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;

  beforeAll(async () => {
    w = createFinishedModule();
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
  }, 90_000);

  afterAll(async () => {
    await session?.close();
  });

  test('preview, issue with its progress bar, and each person\'s PDF', async () => {
    const item = frame.locator(`li.module[data-id="${w.moduleId}"]`);
    await item.waitFor();
    await item.locator('summary', { hasText: 'Ver pasos e inscripciones' }).click();
    const section = item.locator('details.module-certificates-section');
    await section.locator('summary').click();
    await section.locator('.certificate-counts', { hasText: `Emitidos: 0 · Por emitir: ${w.eligible.length}` }).waitFor();
    expect(await section.locator('.certificate-template').textContent()).toContain('La plantilla tiene los marcadores necesarios');
    expect(await section.locator('progress.certificate-progress').getAttribute('value')).toBe('0');

    await section.getByLabel('Participante de la vista previa').selectOption('INS-0002');
    await section.getByRole('button', { name: 'Vista previa' }).click();
    const preview = section.locator('.certificate-link a');
    await preview.waitFor();
    expect(await preview.getAttribute('href')).toMatch(/^https:\/\/drive\.google\.com\//);

    await section.getByRole('button', { name: 'Emitir certificados' }).click();
    await section.locator('.certificate-counts').waitFor();
    // The job runs in its own executions (continuation triggers); the consultant refreshes.
    w.ws.advanceBy(20 * 60_000);
    await section.getByRole('button', { name: 'Actualizar' }).click();
    await section.locator('.certificate-counts', { hasText: 'Emitidos: 4 · Por emitir: 0' }).waitFor();
    expect(await section.locator('progress.certificate-progress').getAttribute('value')).toBe('4');
    const ana = section.locator('li[data-registration="INS-0001"]');
    expect(await ana.textContent()).toMatch(/CERT-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4} · Vigente · enviado/);
    expect(await ana.locator('a', { hasText: 'PDF' }).getAttribute('href')).toMatch(/^https:\/\/drive\.google\.com\//);
    // The person without a valid email is shown as not sent.
    expect(await section.locator('li[data-registration="INS-0005"]').textContent()).toContain('no enviado');
  }, 90_000);
});
