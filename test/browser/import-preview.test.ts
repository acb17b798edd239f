/**
 * The safe import (issue 10 item 2) in real Chromium, as the new user of issue 10 met it: at 08:30
 * five appointments of today are registered and the consultant imports a report that lists only
 * two of them. The panel shows the preview first (the three to cancel by name and Lima time,
 * marked «es de hoy») and writes nothing; confirming without «Sí, cancelar también estas citas» is
 * refused; with it the three are cancelled and listed; «Deshacer las cancelaciones» brings them back.
 */
import type { Frame, Page } from 'playwright-core';
import { eventually, openEmulatorUi, openPanel, type BrowserSession } from '../support/browser';
import { citas, createAttentionWorld, importReport, makeReport, reportFile, type AttentionWorld } from '../support/attention-world';

const TODAY = '2026-11-27';

describe('«Importar reporte»: preview, second confirmation and undo (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  const report = makeReport(TODAY, 5, { consultants: ['Ana Quispe'], startTime: '10:00' });
  const states = () => citas(w.ws, w.atenciones).map((r) => r['Estado']);

  beforeAll(async () => {
    w = createAttentionWorld({ at: `${TODAY}T08:30` });
    const first = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    if (!first.ok || !first.value.ok) throw new Error('the first import failed');
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
    await page.locator('.doc-title', { hasText: 'Atenciones Virtuales' }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('button', { name: 'Importar reporte' }).click();
    await frame.getByRole('heading', { name: 'Importar reporte' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  test('the preview lists the three of today to cancel and asks for the second confirmation; nothing is written', async () => {
    const partial = report.rows.slice(0, 2);
    await frame.getByLabel('Archivo del reporte').setInputFiles({ name: 'reporte-parcial.csv', mimeType: 'text/csv', buffer: Buffer.from(reportFile(partial)) });
    await frame.getByRole('button', { name: 'Ver vista previa', exact: true }).click();
    const cancel = frame.locator('#import-preview-cancel li');
    await eventually(() => cancel.count(), (n) => expect(n).toBe(3));
    const third = report.rows[2];
    expect(await cancel.first().textContent()).toBe(`${third.names} ${third.lastNames} — viernes 27 de noviembre de 2026, 11:20 a. m. (ya no figura en el reporte · es de hoy)`);
    expect(await frame.locator('#import-preview-cancel-title').textContent()).toBe('3 citas por cancelar');
    expect(await frame.locator('#import-second-reason').textContent()).toMatch(/^Se cancelarían 3 citas de hoy\./);
    expect(await frame.locator('#import-preview-scope').textContent()).toMatch(/del 27\/11\/2026.*Ana Quispe/);
    expect(states()).toEqual(Array(5).fill('Programada'));
  });

  test('confirming without «Sí, cancelar también estas citas» is refused; with it the three are cancelled and listed', async () => {
    await frame.getByRole('button', { name: 'Confirmar e importar' }).click();
    await frame.locator('#import-problem', { hasText: 'Marque «Sí, cancelar también estas citas»' }).waitFor();
    expect(states()).toEqual(Array(5).fill('Programada'));

    await frame.getByLabel('Sí, cancelar también estas citas').check();
    await frame.getByRole('button', { name: 'Confirmar e importar' }).click();
    const cancelled = frame.locator('#import-cancelled li');
    await eventually(() => cancelled.count(), (n) => expect(n).toBe(3));
    expect(await frame.locator('#import-cancelled-title').textContent()).toBe('Se cancelaron 3 citas');
    expect(await frame.locator('#import-summary').textContent()).toMatch(/3 citas canceladas/);
    expect(states()).toEqual(['Programada', 'Programada', 'Cancelada', 'Cancelada', 'Cancelada']);
  });

  test('«Deshacer las cancelaciones» brings the three back, as they were', async () => {
    await frame.getByRole('button', { name: 'Deshacer las cancelaciones' }).click();
    const out = frame.locator('#import-undo-result');
    await eventually(() => out.textContent(), (t) => expect(t).toBe('Se deshizo la cancelación de 3 citas: vuelven a estar programadas.'));
    expect(states()).toEqual(Array(5).fill('Programada'));
    expect(citas(w.ws, w.atenciones).map((r) => r['Observaciones'])).toEqual(Array(5).fill(''));
    expect(await frame.getByRole('button', { name: 'Deshacer las cancelaciones' }).isHidden()).toBe(true);
    const [headers, ...log] = w.ws.values(w.atenciones, 'Registro de auditoría');
    const audit = log.map((r) => String(r[headers.indexOf('Acción')]));
    expect(audit.filter((a) => a === 'Cancelación por importación deshecha')).toHaveLength(3);
  });
});
