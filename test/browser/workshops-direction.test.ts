/**
 * B03 and B04 in the panel, in real Chromium through the emulator's UI: on a module of «Módulos»
 * the consultant sends the programme to the Sub Dirección, is asked before sending it again and
 * confirms, requests the banner, pastes its link, marks it received and then validated; the list
 * says until then why invitations cannot go out. Text from data stays text.
 *
 * The Workspace API is used only for the fixture (both spreadsheets set up, one module, the two
 * addresses in 'Configuración') and to read the outbox and the sheet for the assertions.
 */
import type { Frame, Page } from 'playwright-core';
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { BANNER_MESSAGES as B, DIRECTION_MESSAGES as D } from '../../src/domain/messages/workshops-direction';
import { openPanel, openEmulatorUi, type BrowserSession } from '../support/browser';
import { createAttentionWorld, setSetting, type AttentionWorld } from '../support/attention-world';

const SPREADSHEET = 'Programación Talleres Masivos';
const SUB_DIRECTOR = 'subdireccion@trabajo.gob.pe';
const DIRECTION = 'direccion.banners@trabajo.gob.pe';
const BANNER = 'https://drive.google.com/file/d/1AbCdEf/view';

const MODULE: ModuleInput = {
  requestId: 'browser-direccion-01',
  name: 'Aprende a Emprender <i>IV</i>',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 40,
  minSessions: 1,
  sessions: [{ topic: 'Costos y precios', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' }],
};

describe('programme to the Sub Dirección and the banner in the Talleres panel (Chromium)', () => {
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
    setSetting(w.ws, w.talleres, 'Correo de la Sub Dirección', SUB_DIRECTOR);
    setSetting(w.ws, w.talleres, 'Correo de la Dirección (banners)', DIRECTION);
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const item = () => frame.locator(`li.module[data-id="${id}"]`);
  const mailsTo = (to: string) => w.ws.outbox().filter((m) => m.to.includes(to));

  test('the module shows its programme and banner state, and why invitations wait', async () => {
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await item().waitFor();
    expect(await item().locator('.module-name').textContent()).toBe('Aprende a Emprender <i>IV</i>');
    expect(await item().locator('.module-banner').textContent()).toBe(B.none);
    expect(await item().locator('.module-invitations').textContent()).toBe(B.blockedNone);
  });

  test('«Enviar programación a la Sub Dirección» sends once; a second click asks, and «Sí» sends again', async () => {
    await item().getByRole('button', { name: 'Enviar programación a la Sub Dirección' }).click();
    await frame.locator('#modules-message', { hasText: D.programmeSent(SUB_DIRECTOR) }).waitFor();
    expect(mailsTo(SUB_DIRECTOR)).toHaveLength(1);
    expect(await item().locator('.module-programme').textContent()).toMatch(/^Programación enviada: viernes 20 de noviembre de 2026/);

    await item().getByRole('button', { name: 'Enviar programación a la Sub Dirección' }).click();
    const question = item().getByRole('alertdialog');
    await question.waitFor();
    expect(await question.textContent()).toContain('¿Enviar de nuevo?');
    expect(mailsTo(SUB_DIRECTOR)).toHaveLength(1);
    await question.getByRole('button', { name: 'Sí, enviar de nuevo' }).click();
    await frame.locator('#modules-message', { hasText: D.programmeSent(SUB_DIRECTOR) }).waitFor();
    await expect_(() => mailsTo(SUB_DIRECTOR).length === 2);
  });

  test('«Solicitar banner», then its link, «Marcar recibido» and «Marcar validado»', async () => {
    await item().getByRole('button', { name: 'Solicitar banner' }).click();
    await frame.locator('#modules-message', { hasText: D.bannerRequested(DIRECTION) }).waitFor();
    expect(mailsTo(DIRECTION)).toHaveLength(1);
    expect(await item().locator('.module-invitations').textContent()).toBe(B.blockedRequested);

    const linkField = item().getByLabel('Enlace del banner (Drive u otra dirección https://)');
    await linkField.fill('http://no-segura.example/banner.png');
    await item().getByRole('button', { name: 'Marcar recibido' }).click();
    await frame.locator('#modules-message', { hasText: B.linkInvalid }).waitFor();

    await item().getByLabel('Enlace del banner (Drive u otra dirección https://)').fill(BANNER);
    await item().getByRole('button', { name: 'Marcar recibido' }).click();
    await frame.locator('#modules-message', { hasText: D.bannerStateSaved('Recibido') }).waitFor();
    expect(await item().locator('.module-invitations').textContent()).toBe(B.blockedReceived);
    expect(await item().getByRole('link', { name: 'Abrir el banner' }).getAttribute('href')).toBe(BANNER);

    await item().getByRole('button', { name: 'Marcar validado' }).click();
    await frame.locator('#modules-message', { hasText: D.bannerStateSaved('Validado') }).waitFor();
    expect(await item().locator('.module-banner').textContent()).toContain(B.state('Validado'));
    expect(await item().locator('.module-invitations').count()).toBe(0);
    expect(await item().getByRole('button', { name: 'Solicitar banner' }).isVisible()).toBe(false);
    const row = w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === id)!;
    expect(row).toMatchObject({ Banner: 'Validado', 'Enlace del banner': BANNER });
  });
});

/** Waits (briefly) until `ok()` holds: the outbox is read outside the page. */
async function expect_(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
  expect(ok()).toBe(true);
}
