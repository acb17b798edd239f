/**
 * In the browser (Chromium, the emulator's UI): a citizen opens the signed unsubscribe link of
 * an invitation (docs/web-app.md) — the product's web app, deployed from "Programación Talleres
 * Masivos" — reads what it will do, presses the button (the form POSTs the token to doPost) and
 * reads the confirmation; the address is in 'Bajas de difusión' once. Opening it again says it
 * was used.
 */
import { eventually, openEmulatorUi, type BrowserSession } from '../support/browser';
import { addInvitation, createWebAppWorld, signedLink, type WebAppWorld } from '../support/webapp-world';

describe('browser: a citizen unsubscribes from the link of an invitation', () => {
  let session: BrowserSession;
  let w: WebAppWorld;
  let link = '';

  beforeAll(async () => {
    w = createWebAppWorld();
    addInvitation(w.ws, w.talleres, 'INV-0042', 'rosa.huaman@gmail.com', 'Rosa Huamán');
    link = signedLink(w, 'baja', 'INV-0042', new Date('2027-11-27T00:00:00Z'));
    session = await openEmulatorUi(w.ws);
  }, 60_000);

  afterAll(() => session?.close());

  test('the link shows what it will do; the button confirms; the address is unsubscribed once', async () => {
    const { page } = session;
    await page.goto(`${session.server.url}#/appweb?url=${encodeURIComponent(link)}`);
    const frame = page.frameLocator('iframe.webapp-frame');
    await expect(frame.locator('h1').textContent()).resolves.toBe('Dejar de recibir invitaciones');
    await expect(frame.locator('main').textContent()).resolves.toContain('Dejará de recibir invitaciones a los talleres del Servicio en la dirección r•••@gmail.com');
    expect(w.ws.readTab(w.talleres, 'Bajas de difusión')).toEqual([]);
    await frame.getByRole('button', { name: 'Confirmar: no recibir más invitaciones' }).click();
    await expect(page.frameLocator('iframe.webapp-frame').locator('main').textContent()).resolves.toContain('Ya no enviaremos invitaciones a los talleres a la dirección r•••@gmail.com');
    await eventually(
      () => w.ws.readTab(w.talleres, 'Bajas de difusión').map((r) => r['Correo']),
      (v) => expect(v).toEqual(['rosa.huaman@gmail.com']),
    );
    expect(w.ws.executions().filter((e) => e.trigger === 'webapp').map((e) => e.functionName)).toEqual(['doGet', 'doPost']);
    expect(session.pageErrors).toEqual([]);
  }, 30_000);

  test('the same link again: "ya se usó", no button', async () => {
    const { page } = session;
    await page.goto('about:blank');
    await page.goto(`${session.server.url}#/appweb?url=${encodeURIComponent(link)}`);
    const frame = page.frameLocator('iframe.webapp-frame');
    await expect(frame.locator('main').textContent()).resolves.toContain('Este enlace ya se usó');
    expect(await frame.locator('button').count()).toBe(0);
    expect(w.ws.readTab(w.talleres, 'Bajas de difusión')).toHaveLength(1);
  }, 30_000);
});
