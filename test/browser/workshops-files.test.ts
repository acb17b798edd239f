/**
 * B05's «Ficha técnica: Generar / Abrir» and B04's «Subir banner» in the panel, in real Chromium
 * through the emulator's UI: the consultant generates the module's ficha and gets its link, then
 * picks the banner file the Dirección sent and uploads it; the banner shows as received with the
 * file's link. Text from data stays text.
 */
import type { Frame, Page } from 'playwright-core';
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { FILES_MESSAGES as F } from '../../src/domain/messages/workshops-files';
import { openPanel, openEmulatorUi, type BrowserSession } from '../support/browser';
import { createAttentionWorld, setSetting, type AttentionWorld } from '../support/attention-world';

const SPREADSHEET = 'Programación Talleres Masivos';
const NAME = 'Aprende a Emprender <i>IV</i>';

const MODULE: ModuleInput = {
  requestId: 'browser-ficha-0001',
  name: NAME,
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 40,
  minSessions: 1,
  objective: 'Que cada participante arme su plan de negocio',
  sessions: [{ topic: 'Costos y precios', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' }],
};

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 5)]);

describe('ficha técnica and banner upload in the Talleres panel (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let id = '';

  beforeAll(async () => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    const r = w.ws.callFromSidebar(w.talleres, 'saveModule', [MODULE]);
    if (!r.ok || !(r.value as SaveModuleResult).ok) throw new Error(JSON.stringify(r));
    id = (r.value as Extract<SaveModuleResult, { ok: true }>).module.id;
    setSetting(w.ws, w.talleres, 'Correo de la Dirección (banners)', 'direccion.banners@trabajo.gob.pe');
    const req = w.ws.callFromSidebar(w.talleres, 'requestBanner', [id]);
    if (!req.ok || !(req.value as { ok: boolean }).ok) throw new Error(JSON.stringify(req));
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const item = () => frame.locator(`li.module[data-id="${id}"]`);
  const row = () => w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === id)!;

  test('«Generar ficha técnica» makes the PDF and offers «Abrir ficha técnica» with its link', async () => {
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await item().waitFor();
    expect(await item().locator('.module-fact-sheet').textContent()).toBe('Ficha técnica: aún no generada');
    await item().getByRole('button', { name: `Generar ficha técnica: ${NAME}` }).click();
    await frame.locator('#modules-message', { hasText: F.factSheetMade(NAME) }).waitFor();
    const open = item().getByRole('link', { name: 'Abrir ficha técnica' });
    expect(await open.getAttribute('href')).toBe(row()['Ficha técnica']);
    expect(await item().locator('.module-fact-sheet').textContent()).toMatch(/^Ficha técnica generada: viernes 20 de noviembre de 2026/);
    expect(w.ws.driveFiles().filter((f) => f.mimeType === 'application/pdf' && !f.trashed)).toHaveLength(1);
    // «Generar de nuevo» now; still one live ficha after it.
    await item().getByRole('button', { name: `Generar de nuevo: ${NAME}` }).click();
    await frame.locator('#modules-message', { hasText: F.factSheetRemade(NAME) }).waitFor();
    expect(w.ws.driveFiles().filter((f) => f.mimeType === 'application/pdf' && !f.trashed)).toHaveLength(1);
  });

  test('«Subir banner» sends the chosen file; the banner is received with the file\'s link', async () => {
    await item().locator('input.banner-file').setInputFiles({ name: 'banner final.png', mimeType: 'image/png', buffer: PNG });
    await item().getByRole('button', { name: 'Subir banner' }).click();
    await frame.locator('#modules-message', { hasText: F.bannerUploaded(NAME) }).waitFor();
    expect(row()['Banner']).toBe('Recibido');
    const file = w.ws.driveFiles().find((f) => f.mimeType === 'image/png')!;
    expect(Buffer.from(w.ws.driveFile(file.id).bytes).equals(PNG)).toBe(true);
    expect(row()['Enlace del banner']).toBe(`https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`);
    expect(await item().getByRole('link', { name: 'Abrir el banner' }).getAttribute('href')).toBe(row()['Enlace del banner']);
  });

  test('without a file chosen, the panel says so and calls nothing', async () => {
    const before = w.ws.executions({ functionName: 'uploadBanner' }).length;
    await item().getByRole('button', { name: 'Subir banner' }).click();
    await frame.locator('#modules-message', { hasText: 'Elija primero el archivo del banner.' }).waitFor();
    expect(w.ws.executions({ functionName: 'uploadBanner' }).length).toBe(before);
  });
});
