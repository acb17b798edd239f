/**
 * B10 in the panel, in real Chromium through the emulator's UI: after the first session, the
 * module's line says the next step is Silnet; the consultant opens «Silnet y WhatsApp», exports
 * (two download links, the names in the file), confirms the upload, and the counts say everyone
 * is registered. Registrants and attendance are written straight into the sheet.
 */
import type { Frame, Page } from 'playwright-core';
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { openPanel, openEmulatorUi, type BrowserSession } from '../support/browser';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { appendRows as append, setCell } from '../support/sheet-rows';

const SPREADSHEET = 'Programación Talleres Masivos';
const lima = (s: string) => new Date(`${s}:00-05:00`);

const MODULE: ModuleInput = {
  requestId: 'browser-silnet-01',
  name: 'Módulo Silnet',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 40,
  minSessions: 1,
  sessions: [
    { topic: 'Costos y precios', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
    { topic: 'Cierre', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'Rosa Ñique', speakerEmail: 'rosa.nique@gmail.com' },
  ],
};

describe('«Silnet y WhatsApp» of a module in the Talleres panel (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let id = '';

  beforeAll(async () => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    const r = w.ws.callFromSidebar(w.talleres, 'saveModule', [MODULE]);
    if (!r.ok || !(r.value as SaveModuleResult).ok) throw new Error(JSON.stringify(r));
    const module = (r.value as Extract<SaveModuleResult, { ok: true }>).module;
    id = module.id;
    setCell(w.ws, w.talleres, 'Módulos', 'ID de módulo', id, 'Estado', 'Inscripción abierta');
    const reg = (n: number, name: string) => ({
      'ID de inscripción': `I-${n}`,
      'ID de módulo': id,
      'Fecha de inscripción': lima(`2026-11-21T10:0${n}`),
      'Tipo doc.': 'DNI',
      DNI: `0${4000000 + n}`,
      'Nombres y apellidos': name,
      Correo: `persona${n}@gmail.com`,
      Celular: `98765432${n}`,
      Estado: 'Inscrito',
    });
    append(w.ws, w.talleres, 'Inscripciones', [reg(1, 'María Quispe'), reg(2, 'Raúl Peña'), reg(3, 'Lucía Ñahui')]);
    w.ws.advanceTo(lima('2026-12-01T21:00'));
    const s1 = module.sessions[0].id;
    append(
      w.ws,
      w.talleres,
      'Asistencia',
      [1, 2].map((n) => ({ 'ID de asistencia': `${s1}/I-${n}`, 'ID de sesión': s1, 'ID de módulo': id, 'ID de inscripción': `I-${n}`, Asistió: true, Fuente: 'Manual' })),
    );
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

  test('the next step is Silnet; export, confirm, and the counts say so', async () => {
    const item = frame.locator(`li.module[data-id="${id}"]`);
    await item.waitFor();
    expect(await item.locator('.module-stage').textContent()).toContain('B10 · Siguiente: registrar en Silnet a 2 participantes');
    await item.locator('summary', { hasText: 'Ver pasos e inscripciones' }).click();
    const section = item.locator('details.module-silnet-section');
    await section.locator('summary').click();
    await section.locator('.silnet-counts', { hasText: 'Por registrar: 2' }).waitFor();
    await section.getByRole('button', { name: 'Exportar para Silnet' }).click();
    await section.locator('.silnet-names li').first().waitFor();
    expect(await section.locator('.silnet-names li').allTextContents()).toEqual(['María Quispe', 'Raúl Peña']);
    expect(await section.locator('a.silnet-download').count()).toBe(2);
    expect(await section.locator('a.silnet-download').first().getAttribute('download')).toMatch(/^silnet-modulo-silnet-\d{4}-\d{2}-\d{2}\.csv$/);
    await section.getByRole('button', { name: 'Confirmar carga en Silnet' }).click();
    await section.locator('.silnet-counts', { hasText: 'Registrados en Silnet: 2 · Por registrar: 0' }).waitFor();
    const marked = w.ws.readTab(w.talleres, 'Inscripciones').filter((x) => x['Registrado en Silnet'] === true).map((x) => x['ID de inscripción']);
    expect(marked.sort()).toEqual(['I-1', 'I-2']);
  }, 60_000);
});
