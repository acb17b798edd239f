/**
 * B01 in the panel, in real Chromium through the emulator's UI: the consultant opens the panel in
 * "Programación Talleres Masivos", lands on «Módulos», creates a module with «Nuevo módulo»
 * (adding a second session row and removing a third), sees the server's Spanish messages next
 * to the fields it refused, corrects them, saves, and finds the module in the list and in the
 * sheet. Text that looks like markup stays text.
 *
 * The Workspace API is used only for the fixture (both spreadsheets set up) and to read the
 * sheets for the assertions.
 */
import type { Frame, Page } from 'playwright-core';
import { MODULE_FIELD_MESSAGES as MF, SESSION_FIELD_MESSAGES as SF, WORKSHOP_MESSAGES as WM } from '../../src/domain/messages/workshops';
import { openPanel, openEmulatorUi, screenshot, type BrowserSession } from '../support/browser';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';

const SPREADSHEET = 'Programación Talleres Masivos';
const NAME = 'Aprende a Emprender – Diciembre';

describe('«Módulos» and «Nuevo módulo» in the Talleres panel (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  const dialogs: string[] = [];

  beforeAll(async () => {
    w = createAttentionWorld({ at: '2026-11-27T09:00' });
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const form = () => frame.locator('#view-modulo');
  const row = (i: number) => form().locator('fieldset.session-row').nth(i);

  async function fillSession(i: number, s: { topic: string; date: string; start: string; end: string; speaker: string; email: string }): Promise<void> {
    await row(i).getByLabel('Tema').fill(s.topic);
    await row(i).getByLabel('Fecha').fill(s.date);
    await row(i).getByLabel('Hora de inicio').fill(s.start);
    await row(i).getByLabel('Hora de fin').fill(s.end);
    await row(i).getByLabel('Nombre del ponente').fill(s.speaker);
    await row(i).getByLabel('Correo del ponente').fill(s.email);
  }

  test('the panel opens on «Módulos» in the Talleres spreadsheet, without the attention screens', async () => {
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('heading', { name: 'Módulos' }).waitFor();
    const nav = frame.getByRole('navigation', { name: 'Secciones del panel' });
    await nav.getByRole('button', { name: 'Módulos' }).waitFor();
    expect(await nav.getByRole('button', { name: 'Citas de hoy' }).isVisible()).toBe(false);
    expect(await frame.locator('#modules-empty').textContent()).toBe(WM.empty);
  });

  test('«Nuevo módulo»: field errors next to each field, corrected, saved, listed and in the sheet', async () => {
    await frame.getByRole('button', { name: 'Nuevo módulo' }).click();
    await frame.getByRole('heading', { name: 'Nuevo módulo' }).waitFor();
    await form().getByLabel('Nombre del módulo').fill(NAME);
    await form().getByLabel('Año').fill('2026');
    await form().getByLabel('Trimestre').selectOption('IV');
    await form().getByLabel('Público objetivo').fill('Personas con una idea de negocio');
    await form().getByLabel('Cupos').fill('40');
    await form().getByLabel('Asistencia mínima para el certificado (sesiones)').fill('3');
    await form().getByLabel('Enlace del grupo de WhatsApp (opcional)').fill('https://wa.me/51987654321');
    await fillSession(0, { topic: 'Ventas <b>en línea</b>', date: '2026-12-01', start: '18:00', end: '20:00', speaker: 'Carmen Rosa Vílchez', email: 'carmen.vilchez@gmail.com' });
    // A second session, and a third that is removed again.
    await form().getByRole('button', { name: 'Agregar sesión' }).click();
    await fillSession(1, { topic: 'Costos y precios', date: '2027-01-05', start: '18:00', end: '17:00', speaker: 'José Ángel Ñahui', email: 'jose.nahui@gmail.com' });
    await form().getByRole('button', { name: 'Agregar sesión' }).click();
    expect(await form().locator('fieldset.session-row').count()).toBe(3);
    await form().getByRole('button', { name: 'Quitar la sesión 3' }).click();
    expect(await form().locator('fieldset.session-row').count()).toBe(2);

    await form().getByRole('button', { name: 'Guardar módulo' }).click();
    await frame.locator('#module-problem:not([hidden])').waitFor();
    expect(await frame.locator('#module-problem').textContent()).toBe(WM.invalidForm);
    expect(await frame.locator('#mod-min-problem').textContent()).toBe(MF.attendanceTooHigh(2));
    expect(await frame.locator('#mod-whatsapp-problem').textContent()).toBe(MF.whatsappInvalid);
    expect(await form().getByLabel('Asistencia mínima para el certificado (sesiones)').getAttribute('aria-invalid')).toBe('true');
    const second = row(1);
    expect(await second.locator('.field-problem:not([hidden])').allTextContents()).toEqual([SF.dateOutsideQuarter('IV', 2026), SF.endNotAfterStart]);
    expect(await row(0).locator('.field-problem:not([hidden])').count()).toBe(0);
    expect(w.ws.readTab(w.talleres, 'Módulos')).toEqual([]);
    await screenshot(page, 'modulo-errores.png');

    // Corrected.
    await form().getByLabel('Asistencia mínima para el certificado (sesiones)').fill('2');
    await form().getByLabel('Enlace del grupo de WhatsApp (opcional)').fill('https://chat.whatsapp.com/AbCdEfGhIj0123456789');
    await second.getByLabel('Fecha').fill('2026-12-03');
    await second.getByLabel('Hora de fin').fill('20:00');
    await form().getByRole('button', { name: 'Guardar módulo' }).click();

    await frame.getByRole('heading', { name: 'Módulos' }).waitFor();
    await frame.locator('#modules-message', { hasText: WM.created(NAME) }).waitFor();
    const item = frame.locator('#modules-list li.module');
    expect(await item.count()).toBe(1);
    expect(await item.locator('.module-name').textContent()).toBe(NAME);
    expect(await item.locator('.module-state').textContent()).toBe('Borrador');
    expect(await item.locator('.module-quarter').textContent()).toBe('Trimestre IV de 2026 · 01/12 y 03/12/2026');
    expect(await item.locator('.module-sessions li').allTextContents()).toEqual([
      '1. Ventas <b>en línea</b> — 01/12/2026 de 18:00 a 20:00 · Carmen Rosa Vílchez',
      '2. Costos y precios — 03/12/2026 de 18:00 a 20:00 · José Ángel Ñahui',
    ]);
    // Markup in the data stays text.
    expect(await frame.locator('#modules-list b').count()).toBe(0);
    await screenshot(page, 'modulos.png');

    const [mod] = w.ws.readTab(w.talleres, 'Módulos');
    expect(mod).toMatchObject({ Módulo: NAME, Trimestre: 'IV', Cupos: 40, 'Asistencia mínima (sesiones)': 2, Estado: 'Borrador' });
    expect(w.ws.readTab(w.talleres, 'Sesiones').map((s) => [s.Tema, s['Hora de inicio'], s.Ponente])).toEqual([
      ['Ventas <b>en línea</b>', '18:00', 'Carmen Rosa Vílchez'],
      ['Costos y precios', '18:00', 'José Ángel Ñahui'],
    ]);
  });

  test('«Editar»: the form comes back filled; a change is saved and shown', async () => {
    await frame.locator('#modules-list li.module').getByRole('button', { name: `Editar el módulo «${NAME}»` }).click();
    await frame.getByRole('heading', { name: `Editar «${NAME}»` }).waitFor();
    expect(await form().getByLabel('Cupos').inputValue()).toBe('40');
    expect(await form().locator('fieldset.session-row').count()).toBe(2);
    expect(await row(1).getByLabel('Tema').inputValue()).toBe('Costos y precios');
    await form().getByLabel('Cupos').fill('45');
    await form().getByRole('button', { name: 'Guardar módulo' }).click();
    await frame.locator('#modules-message', { hasText: WM.updated(NAME) }).waitFor();
    expect(await frame.locator('#modules-list li.module .help').first().textContent()).toBe('2 sesiones · 0 de 45 cupos ocupados');
    expect(w.ws.readTab(w.talleres, 'Módulos')).toHaveLength(1);
    expect(w.ws.readTab(w.talleres, 'Módulos')[0]).toMatchObject({ Cupos: 45 });
    expect(dialogs).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
