/**
 * «Historial del ciudadano» (issue 15 item 4) in real Chromium through the emulator's UI: Ana
 * opens María's appointment in «Citas de hoy», starts the attention and asks for the history:
 * her earlier attention with its topic, the module she completed with its certificate, and the
 * open module she has not taken (to invite her). A topic typed with markup shows as text. The
 * same history by document number in «Historial». The history stays through the panel's minute
 * refresh.
 */
import type { Frame, Page } from 'playwright-core';
import { eventually, openEmulatorUi, openPanel, screenshot, type BrowserSession } from '../support/browser';
import { createAttentionWorld, importReport, makeReport, type AttentionWorld, type Report } from '../support/attention-world';
import { putRows } from '../support/workshop-rows';

const DAY = '2026-11-27';
const XSS = '<img src=x onerror=alert(1)>';
const SPREADSHEET = 'Atenciones Virtuales – Centro de Empleo';
const lima = (iso: string) => new Date(`${iso}-05:00`);

describe('«Historial del ciudadano» in the panel (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let maria: Report['rows'][number];
  const dialogs: string[] = [];

  beforeAll(async () => {
    w = createAttentionWorld({ at: `${DAY}T09:00` });
    const report = makeReport(DAY, 2, { consultants: ['Ana Quispe'], startTime: '09:30' });
    maria = report.rows[0];
    const imported = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    if (!imported.ok || !imported.value.ok) throw new Error('the import failed');
    putRows(w.ws, w.atenciones, 'Citas', [
      { 'ID de cita': 'CITA-ANT-1', DNI: maria.dni, 'Nombres y apellidos': 'María', Fecha: lima('2026-03-10T00:00'), Hora: '10:00', Consultor: 'Ana Quispe', Estado: 'Atendida', 'Tema de consulta': `Formalización ${XSS}` },
    ]);
    putRows(w.ws, w.talleres, 'Módulos', [
      { 'ID de módulo': 'MOD-A', Módulo: 'Aprende a Emprender: Idea de negocio', Estado: 'Cerrado', 'Fecha de inicio': lima('2026-04-06T00:00'), 'Fecha de fin': lima('2026-04-08T00:00'), 'Asistencia mínima (sesiones)': 1 },
      { 'ID de módulo': 'MOD-C', Módulo: 'Marketing digital', Estado: 'Inscripción abierta', 'Fecha de inicio': lima('2026-12-07T00:00'), 'Fecha de fin': lima('2026-12-09T00:00'), 'Asistencia mínima (sesiones)': 2 },
    ]);
    putRows(w.ws, w.talleres, 'Sesiones', [{ 'ID de sesión': 'SES-A1', 'ID de módulo': 'MOD-A', Estado: 'Realizada', Inicio: lima('2026-04-06T10:00'), Fin: lima('2026-04-06T12:00') }]);
    putRows(w.ws, w.talleres, 'Inscripciones', [{ 'ID de inscripción': 'INS-M1', 'ID de módulo': 'MOD-A', DNI: maria.dni, Estado: 'Inscrito', 'Fecha de inscripción': lima('2026-03-20T09:00') }]);
    putRows(w.ws, w.talleres, 'Asistencia', [{ 'ID de asistencia': 'SES-A1/INS-M1', 'ID de sesión': 'SES-A1', 'ID de módulo': 'MOD-A', 'ID de inscripción': 'INS-M1', DNI: maria.dni, Asistió: true }]);
    putRows(w.ws, w.talleres, 'Certificados', [
      { Código: 'CERT-MARIA-A', 'ID de inscripción': 'INS-M1', 'ID de módulo': 'MOD-A', Módulo: 'Aprende a Emprender: Idea de negocio', Estado: 'Vigente', Emitido: lima('2026-04-10T09:00') },
    ]);

    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('heading', { name: 'Citas de hoy' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  test('during the attention: earlier attention and topic, the module completed with its certificate, the open module to invite to', async () => {
    const card = frame.locator(`li[data-id="${maria.code}"]`);
    await card.locator('.appt-summary').click();
    // Not before the attention starts.
    expect(await card.locator('.attention-history').count()).toBe(0);
    await card.getByRole('button', { name: 'Iniciar', exact: true }).click();
    await eventually(() => card.locator('.attention-history').count(), (n) => expect(n).toBe(1), 10_000);
    await card.getByRole('button', { name: 'Ver historial' }).click();
    const summary = card.locator('.history-summary');
    await eventually(() => summary.textContent(), (t) => expect(t).toBe('1 atención, 1 módulo inscrito (1 completado), 1 certificado.'), 10_000);
    const attention = card.locator('.history-attentions li');
    expect(await attention.count()).toBe(1);
    expect(await attention.first().textContent()).toBe(`martes 10 de marzo de 2026 — Atendida — Formalización ${XSS}`);
    expect(await card.locator('.history-attentions img').count()).toBe(0);
    const module = card.locator('.history-modules li[data-module="MOD-A"]');
    expect(await module.textContent()).toContain('Asistió a 1 de 1 sesión (mínimo para el certificado: 1)');
    expect(await module.textContent()).toContain('Certificado CERT-MARIA-A (vigente');
    expect(await card.locator('.history-invite li').allTextContents()).toEqual(['Marketing digital (del 07/12/2026 al 09/12/2026)']);
    await card.locator('.history-invite').scrollIntoViewIfNeeded();
    await screenshot(page, 'panel-historial.png');
    expect(dialogs).toEqual([]);
  });

  test("the panel's minute refresh keeps the history on screen", async () => {
    const card = frame.locator(`li[data-id="${maria.code}"]`);
    await frame.getByRole('button', { name: 'Actualizar', exact: true }).first().click();
    await eventually(() => card.locator('.history-summary').count(), (n) => expect(n).toBe(1), 10_000);
    expect(await card.getByRole('button', { name: 'Actualizar historial' }).count()).toBe(1);
  });

  test('«Historial»: the same by document number; an empty box is caught on the page', async () => {
    await frame.locator('#nav').getByRole('button', { name: 'Historial', exact: true }).click();
    await frame.getByRole('heading', { name: 'Historial de un ciudadano' }).waitFor();
    const view = frame.locator('#view-historial');
    await view.getByRole('button', { name: 'Ver historial' }).click();
    expect(await frame.locator('#history-problem').textContent()).toBe('Escriba el número de documento (DNI) de la persona.');
    await view.getByLabel('Número de documento (DNI)').fill(maria.dni);
    await view.getByRole('button', { name: 'Ver historial' }).click();
    const summary = view.locator('.history-summary');
    // By document the attention of today is one of hers too.
    await eventually(() => summary.textContent(), (t) => expect(t).toBe('1 atención, 1 módulo inscrito (1 completado), 1 certificado.'), 10_000);
    expect(await view.locator('.history-attentions li').count()).toBe(2);
    await view.getByLabel('Número de documento (DNI)').fill('=1+1');
    await view.getByRole('button', { name: 'Ver historial' }).click();
    await eventually(() => view.locator('.history-message').textContent(), (t) => expect(t).toMatch(/DNI|documento/), 10_000);
  });
});
