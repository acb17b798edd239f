/**
 * In the browser (Chromium, the emulator's UI): someone verifies a certificate (B12) on the
 * product's web app, deployed from "Programación Talleres Masivos" — by the signed link printed on
 * it (and in its QR), then by typing its code in the page's form. The page shows the name, module
 * and dates, never the document or the email, and has no button that acts.
 * The 'Certificados' row is put directly (the issuing job is built elsewhere).
 */
import { putRows } from '../support/workshop-rows';
import { openEmulatorUi, type BrowserSession } from '../support/browser';
import { createWebAppWorld, signedLink, type WebAppWorld } from '../support/webapp-world';

const CODE = 'CERT-7K2M-Q9XD-4TRB-H0ZP';
const REVOKED = 'CERT-EEEE-FFFF-GGGG-HHHH';

describe('browser: a citizen verifies a certificate', () => {
  let session: BrowserSession;
  let w: WebAppWorld;

  beforeAll(async () => {
    w = createWebAppWorld('2026-12-20T09:00');
    putRows(w.ws, w.talleres, 'Inscripciones', [{ 'ID de inscripción': 'INS-000101', 'ID de módulo': 'MOD-2026-01', DNI: '40000012', 'Nombres y apellidos': 'Rosa Huamán', Correo: 'rosa.huaman@gmail.com', Estado: 'Inscrito' }]);
    const base = { 'ID de inscripción': 'INS-000101', 'ID de módulo': 'MOD-2026-01', Módulo: 'Aprende a Emprender I', Fechas: '2, 9, 16 y 23 de diciembre de 2026' };
    putRows(w.ws, w.talleres, 'Certificados', [
      { ...base, Código: CODE, 'Nombre en el certificado': 'Rosa Huamán', Estado: 'Vigente' },
      { ...base, Código: REVOKED, 'Nombre en el certificado': '', Estado: 'Revocado', 'Motivo de revocación': 'Supresión de datos personales' },
    ]);
    session = await openEmulatorUi(w.ws);
  }, 60_000);

  afterAll(() => session?.close());

  test('the link of the certificate: «Certificado válido», the name, module and dates; no button', async () => {
    const { page } = session;
    await page.goto(`${session.server.url}#/appweb?url=${encodeURIComponent(signedLink(w, 'verificar', CODE, new Date('2056-12-20T00:00:00Z')))}`);
    const frame = page.frameLocator('iframe.webapp-frame');
    await expect(frame.locator('h1').textContent()).resolves.toBe('Certificado válido');
    const text = await frame.locator('main').textContent();
    expect(text).toContain('Otorgado a: Rosa Huamán');
    expect(text).toContain('Taller: «Aprende a Emprender I»');
    expect(text).toContain('Fechas: 2, 9, 16 y 23 de diciembre de 2026');
    expect(text).not.toContain('40000012');
    expect(text).not.toContain('rosa.huaman');
    expect(await frame.locator('button').count()).toBe(0);
    expect(w.ws.readTab(w.talleres, 'Enlaces usados')).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  }, 30_000);

  test('the code typed in the form: the same answer; a revoked one names nobody', async () => {
    const { page } = session;
    await page.goto('about:blank');
    await page.goto(`${session.server.url}#/appweb?url=${encodeURIComponent(`${w.url}?codigo=`)}`);
    const frame = () => page.frameLocator('iframe.webapp-frame');
    await expect(frame().locator('h1').textContent()).resolves.toBe('Verificar un certificado');
    await frame().getByLabel('Código del certificado').fill('cert 7k2m q9xd 4trb h0zp');
    await frame().getByRole('button', { name: 'Verificar' }).click();
    await expect(frame().locator('h1').textContent()).resolves.toBe('Certificado válido');
    await expect(frame().locator('main').textContent()).resolves.toContain('Otorgado a: Rosa Huamán');
    await frame().getByLabel('Para verificar otro certificado, escriba su código:').fill(REVOKED);
    await frame().getByRole('button', { name: 'Verificar' }).click();
    await expect(frame().locator('h1').textContent()).resolves.toBe('Certificado revocado');
    const text = await frame().locator('main').textContent();
    expect(text).not.toContain('Rosa');
    expect(text).not.toContain('Supresión');
    expect(w.ws.executions().filter((e) => e.trigger === 'webapp').map((e) => e.functionName)).toEqual(['doGet', 'doGet', 'doGet', 'doGet']);
    expect(session.pageErrors).toEqual([]);
  }, 30_000);
});
