/**
 * The consultant's panel itself (sidebar/, built into dist/Sidebar.html) in real Chromium, in
 * the emulator's UI at the sidebar's real width: "Citas de hoy" opens in one call, a row opens
 * with the keyboard, Iniciar shows the attention script, Finalizar answers in Spanish, an
 * appointment is marked abandoned, a report is imported through the file input (rejected rows
 * listed), a walk-in is booked, and the setup screen still works. A citizen name holding markup
 * is shown as text. Controls are found by their role and label, as a person using a screen
 * reader would find them.
 */
import type { Frame, Page } from 'playwright-core';
import { openEmulatorUi, screenshotPath, type BrowserSession } from '../support/browser';
import { citas, createAttentionWorld, importReport, makeReport, reportFile, typeCitaField, type AttentionWorld } from '../support/attention-world';

const DAY = '2026-11-28';
const XSS_NAMES = '<img src=x onerror="window.__xss=1">Rosa';

async function sidebarFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('.sidebar:not([hidden]) iframe.surface-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the sidebar has no frame');
  await frame.waitForLoadState('load');
  return frame;
}

/** The docked sidebar as the consultant sees it, for the consultant's guide (docs/img/). */
async function shot(page: Page, name: string): Promise<void> {
  await page.locator('.sidebar').screenshot({ path: screenshotPath(name) });
}

async function openPanel(page: Page): Promise<Frame> {
  await page.getByRole('menuitem', { name: 'Emprendimiento', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Abrir panel', exact: true }).click();
  return sidebarFrame(page);
}

describe('the panel in Chromium: the consultant\'s day, the import and a walk-in', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let report: ReturnType<typeof makeReport>;

  beforeAll(async () => {
    w = createAttentionWorld();
    report = makeReport(DAY, 8);
    const r = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    if (!r.ok) throw new Error(r.error);
    // The importer refuses a name holding markup; a person typing one into the sheet is not
    // stopped, so the panel must still show it as text. Last of the day: out of the guide's screenshot.
    typeCitaField(w.ws, w.atenciones, report.rows[7].code, 'Nombres y apellidos', XSS_NAMES);
    w.ws.advanceTo('2026-11-27T18:05');
    w.ws.advanceTo(`${DAY}T08:02`);
    session = await openEmulatorUi(w.ws);
    page = session.page;
    frame = await openPanel(page);
    await frame.getByRole('heading', { name: 'Citas de hoy' }).waitFor();
  }, 90_000);

  afterAll(async () => {
    await session?.close();
  });

  test('"Abrir panel" shows today\'s appointments with one call to the server', async () => {
    await frame.getByRole('radio', { name: 'Mías (8)' }).waitFor();
    expect(await frame.getByRole('radio', { name: 'Mías (8)' }).isChecked()).toBe(true);
    expect(w.ws.executions({ functionName: 'getDayView' })).toHaveLength(1);
    expect(w.ws.executions({ functionName: 'getSetupStatus' })).toHaveLength(0);
    const rows = await frame.locator('#day-list > li .appt-time').allTextContents();
    expect(rows).toEqual(['08:00', '08:40', '09:20', '10:00', '10:40', '11:20', '12:00', '12:40']);
    await expect(frame.locator('.appt .countdown').first().textContent()).resolves.toMatch(/^Tolerancia: quedan [0-4]:\d\d$/);
    await shot(page, 'sidebar-citas-de-hoy.png'); // for docs/guia-consultor.md
  });

  test('a name holding markup is shown as text, never run', async () => {
    const names = await frame.locator('#day-list .appt-name').allTextContents();
    expect(names[7]).toContain(XSS_NAMES);
    expect(await frame.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await frame.locator('#day-list img').count()).toBe(0);
  });

  test('a row opens from the keyboard: contact links, Meet, the extranet message with its checkbox', async () => {
    const first = frame.locator('#day-list > li').first().locator('.appt-summary');
    await first.focus();
    await page.keyboard.press('Enter');
    await frame.getByRole('button', { name: 'Iniciar' }).waitFor();
    expect(await first.getAttribute('aria-expanded')).toBe('true');
    const row = report.rows[0];
    expect(await frame.getByRole('link', { name: 'WhatsApp' }).getAttribute('href')).toBe(`https://wa.me/51${row.phone}`);
    expect(await frame.getByRole('link', { name: /^Llamar/ }).getAttribute('href')).toBe(`tel:+51${row.phone}`);
    expect(await frame.getByRole('link', { name: /^Correo/ }).getAttribute('href')).toBe(`mailto:${row.email}`);
    expect(await frame.getByRole('link', { name: 'Abrir Meet' }).getAttribute('href')).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(await frame.getByLabel('Mensaje para la extranet').inputValue()).toContain('8:00 a. m.');
    await frame.getByLabel('Aviso enviado en la extranet').check();
    await frame.locator('.outcome', { hasText: 'Aviso en la extranet marcado como hecho.' }).waitFor();
    expect(citas(w.ws, w.atenciones)[0]['Aviso extranet']).toBe(true);
  });

  test('Iniciar shows the attention script; Finalizar records it and says the survey went out', async () => {
    await frame.getByRole('button', { name: 'Iniciar' }).click();
    await frame.getByRole('heading', { name: 'Pauta de atención' }).waitFor();
    const script = await frame.locator('.script').textContent();
    expect(script).toContain(`Mi nombre es Ana Quispe`);
    await frame.locator('.script').scrollIntoViewIfNeeded();
    await shot(page, 'sidebar-en-atencion.png');
    w.ws.advanceTo(`${DAY}T08:30`);
    await frame.getByLabel('Tema de la consulta').selectOption('Plan de negocio');
    await frame.getByLabel('Notas').fill('Quiere abrir una bodega');
    await frame.getByLabel('Observaciones').fill('Se explicó el plan de negocio.');
    await frame.getByRole('button', { name: 'Finalizar' }).click();
    const outcome = frame.locator('.outcome', { hasText: 'Atención finalizada' });
    await outcome.waitFor();
    expect(await outcome.textContent()).toBe(`Atención finalizada (28 min). La encuesta de satisfacción se envió a ${report.rows[0].email}.`);
    const sheet = citas(w.ws, w.atenciones)[0];
    expect([sheet['Estado'], sheet['Tema de consulta'], sheet['Notas'], sheet['Encuesta']]).toEqual(['Atendida', 'Plan de negocio', 'Quiere abrir una bodega', 'enviado']);
    await expect(frame.locator('#day-counts').textContent()).resolves.toBe('Atendidas: 1 · Abandonadas: 0 · Por atender: 7');
  });

  test('Marcar abandonada: refused in plain Spanish without a reason, done with one', async () => {
    w.ws.advanceTo(`${DAY}T08:50`);
    await frame.getByRole('button', { name: /^08:40/ }).click();
    await frame.getByRole('button', { name: 'Marcar abandonada' }).click();
    await frame.locator('.outcome', { hasText: 'Elija el motivo del abandono de la lista.' }).waitFor();
    await frame.getByLabel('Motivo del abandono').selectOption('No contestó el teléfono');
    await frame.getByLabel('Detalle').fill('Se llamó dos veces');
    await frame.getByRole('button', { name: 'Marcar abandonada' }).click();
    await frame.locator('.outcome', { hasText: 'La cita quedó registrada como abandonada.' }).waitFor();
    expect(citas(w.ws, w.atenciones)[1]['Estado']).toBe('Abandonada');
    expect(w.ws.outbox().filter((m) => m.to.includes(report.rows[1].email) && m.subject.includes('no se realizó'))).toHaveLength(1);
  });

  test('"Importar reporte": the file input sends the file; the summary and every rejected row are listed', async () => {
    await frame.getByRole('button', { name: 'Importar reporte' }).click();
    await frame.getByRole('heading', { name: 'Importar reporte' }).waitFor();
    const rows = makeReport('2026-11-30', 3).rows;
    rows[1] = { ...rows[1], dni: '1234' };
    await frame.getByLabel('Archivo del reporte').setInputFiles({ name: 'reporte-lunes.csv', mimeType: 'text/csv', buffer: Buffer.from(reportFile(rows)) });
    await frame.getByRole('button', { name: 'Ver vista previa', exact: true }).click();
    await frame.locator('#import-preview-rejected li').first().waitFor();
    expect(await frame.locator('#import-preview-rejected li').first().textContent()).toMatch(/DNI/);
    expect(citas(w.ws, w.atenciones).filter((r) => String(r['ID de cita']).startsWith('261130'))).toHaveLength(0);
    await frame.getByRole('button', { name: 'Confirmar e importar' }).click();
    const rejected = frame.locator('#import-rejected li');
    await rejected.first().waitFor();
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().textContent()).toMatch(/DNI/);
    expect(await frame.locator('#import-summary').textContent()).toMatch(/2 citas nuevas/);
    expect(citas(w.ws, w.atenciones).filter((r) => String(r['ID de cita']).startsWith('261130'))).toHaveLength(2);
  });

  test('"Cita presencial": a bad DNI is marked on its field; a good booking appears in "Citas de hoy"', async () => {
    await frame.getByRole('button', { name: 'Cita presencial' }).click();
    await frame.getByRole('heading', { name: 'Cita presencial' }).waitFor();
    // Other screens have fields with the same labels («Datos personales»): look inside this one.
    const view = frame.locator('#view-presencial');
    await view.getByLabel('Número de documento').fill('123');
    await view.getByLabel('Nombres y apellidos').fill('Juana Ccori Tupa');
    await view.getByLabel('Correo electrónico').fill('juana.ccori@gmail.com');
    await view.getByLabel('Celular (opcional)').fill('987 111 222');
    await view.getByLabel('Fecha').fill(DAY);
    await view.getByLabel('Hora').fill('15:00');
    await frame.getByRole('button', { name: 'Reservar cita' }).click();
    await frame.locator('#wi-dni-problem:not([hidden])').waitFor();
    expect(await view.getByLabel('Número de documento').getAttribute('aria-invalid')).toBe('true');
    await view.getByLabel('Número de documento').fill('07654321');
    await frame.getByRole('button', { name: 'Reservar cita' }).click();
    await frame.locator('#walkin-result:not([hidden])').waitFor();
    expect(await frame.locator('#walkin-result').textContent()).toMatch(/^Cita registrada/);
    await frame.getByRole('button', { name: 'Citas de hoy' }).click();
    await frame.getByRole('button', { name: /^15:00\s*Juana Ccori Tupa/ }).waitFor();
  });

  test('"Esta hoja" keeps the status and setup screen working', async () => {
    await frame.getByRole('button', { name: 'Esta hoja' }).click();
    await frame.getByRole('heading', { name: 'Estado de esta hoja' }).waitFor();
    await frame.getByRole('button', { name: 'Configurar esta hoja' }).click();
    await frame.getByRole('button', { name: 'Configurar', exact: true }).click();
    await frame.locator('#setup-result:not([hidden])').waitFor({ timeout: 5000 });
    // (A walk-in for today asked for a one-off reminders run: setup may report tidying triggers.)
    expect(await frame.locator('#result-summary').textContent()).toMatch(/^(La hoja quedó configurada|Todo estaba en orden)/);
    expect(await frame.locator('#error').isHidden()).toBe(true);
    expect(session.pageErrors).toEqual([]);
  });
});
