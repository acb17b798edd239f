/**
 * «Solicitudes externas» (issue 14, C01–C04) in real Chromium through the emulator's UI: in
 * "Programación Talleres Masivos" the consultant opens the new entry of the navigation, sees the
 * request form's link to share, the requests with their state and next step, filters them by
 * state, opens one — the institution's data, its preferred slots (a past one said so in words),
 * the places with the margin, the real timings table — sees «Enviar a aprobación» (and, being a
 * coordinator, «Registrar decisión» for one awaiting a decision, which asks for the reason of a
 * rejection before calling the server), and goes from a scheduled request to its workshop in
 * «Módulos». A module's detail shows its own timings (B01–B12). Markup typed by an institution
 * stays text.
 *
 * The rows are written into the sheet as the request form and the decision will (their code is
 * built by other parts of issue 14); the actions' end-to-end test is added when they are merged.
 */
import type { Frame, Page } from 'playwright-core';
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { openPanel, openEmulatorUi, screenshot, type BrowserSession } from '../support/browser';
import { createAttentionWorld, setSetting, type AttentionWorld } from '../support/attention-world';
import { appendRows } from '../support/sheet-rows';

const SPREADSHEET = 'Programación Talleres Masivos';
const FORM_URL = 'https://docs.google.com/forms/d/e/1FAIpSolicitud/viewform';
const lima = (s: string) => new Date(`${s}:00-05:00`);
const day = (s: string) => new Date(`${s}T00:00:00-05:00`);

const MODULE: ModuleInput = {
  requestId: 'browser-external-internal-01',
  name: 'Aprende a Emprender – Enero',
  year: 2027,
  quarter: 'I',
  audience: 'Personas con una idea de negocio',
  capacity: 30,
  minSessions: 1,
  sessions: [{ topic: 'Ventas en línea', date: '2027-01-20', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' }],
};

describe('«Solicitudes externas» in the Talleres panel (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let moduleId = '';

  beforeAll(async () => {
    w = createAttentionWorld({ at: '2027-01-06T09:00' });
    const saved = w.ws.callFromSidebar(w.talleres, 'saveModule', [MODULE]);
    if (!saved.ok || !(saved.value as SaveModuleResult).ok) throw new Error('saveModule failed');
    moduleId = (saved.value as Extract<SaveModuleResult, { ok: true }>).module.id;
    setSetting(w.ws, w.talleres, 'Formulario de solicitudes externas (enlace)', FORM_URL);
    appendRows(w.ws, w.talleres, 'Módulos', [{ 'ID de módulo': 'MOD-EXT-0001', Módulo: 'Marketing digital – Instituto Andino', Tipo: 'Externo', 'ID de solicitud externa': 'SOL-0002', Cupos: 40 }]);
    appendRows(w.ws, w.talleres, 'Solicitudes externas', [
      {
        'ID de solicitud': 'SOL-0001',
        Recibida: lima('2027-01-04T09:00'),
        Estado: 'Recibida',
        Institución: '<b>CETPRO</b> San Martín de Porres',
        RUC: '20131312955',
        'Tipo de institución': 'CETPRO',
        Región: 'Lima',
        Distrito: 'San Martín de Porres',
        'Persona de contacto': 'Rosa Quispe Ñaupari',
        Cargo: 'Directora',
        'Correo de contacto': 'rosa.quispe@cetpro.edu.pe',
        'Celular de contacto': '+51 987654321',
        Tema: 'Plan de negocios',
        'Fecha preferida 1': day('2027-01-05'),
        'Hora preferida 1': '10:00',
        'Fecha preferida 2': day('2027-01-18'),
        'Hora preferida 2': '09:30',
        'Participantes esperados': 40,
        Modalidad: 'Virtual',
        'Observaciones de la institución': 'Estudiantes del último ciclo.',
      },
      {
        'ID de solicitud': 'SOL-0002',
        Recibida: lima('2027-01-02T09:00'),
        Estado: 'Programada',
        Institución: 'Instituto Andino',
        Tema: 'Marketing digital',
        'Participantes esperados': 33,
        'Inicio propuesto': lima('2027-01-20T15:00'),
        'Fin propuesto': lima('2027-01-20T17:00'),
        Ponente: 'Ana Torres',
        'Correo del ponente': 'ana.torres@gmail.com',
        'Emite certificados': true,
        'Ronda de aprobación': 1,
        'Enviada a aprobación': lima('2027-01-02T10:00'),
        'Enviada por': 'ana.quispe@trabajo.gob.pe',
        Decisión: 'Aprobada',
        'Vía de la decisión': 'Enlace',
        'Decidida por': 'subdireccion@trabajo.gob.pe',
        'Fecha de la decisión': lima('2027-01-03T08:00'),
        'ID de módulo': 'MOD-EXT-0001',
        Programada: lima('2027-01-03T08:02'),
      },
      {
        'ID de solicitud': 'SOL-0003',
        Recibida: lima('2027-01-05T11:00'),
        Estado: 'Enviada a aprobación',
        Institución: 'Municipalidad de Comas',
        Tema: 'Costos y precios',
        'Participantes esperados': 10,
        'Inicio propuesto': lima('2027-01-25T10:00'),
        'Fin propuesto': lima('2027-01-25T12:00'),
        Ponente: 'Luis Ccori',
        'Ronda de aprobación': 1,
        'Enviada a aprobación': lima('2027-01-05T12:00'),
      },
    ]);
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const item = (id: string) => frame.locator(`li.external-request[data-id="${id}"]`);

  test('the list: the form link to share, each request with its state and next step, the filter by state', async () => {
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('button', { name: 'Solicitudes externas' }).click();
    await item('SOL-0001').waitFor();
    expect(await frame.getByRole('textbox', { name: 'Enlace del formulario de solicitud' }).inputValue()).toBe(FORM_URL);
    expect(await frame.getByRole('link', { name: 'Abrir el formulario' }).getAttribute('href')).toBe(FORM_URL);
    // Newest first.
    expect(await frame.locator('li.external-request').evaluateAll((li) => li.map((x) => (x as HTMLElement).dataset.id))).toEqual(['SOL-0003', 'SOL-0001', 'SOL-0002']);
    expect(await item('SOL-0001').locator('.external-state').textContent()).toBe('Recibida');
    expect(await item('SOL-0001').locator('.external-next').textContent()).toContain('envíe la propuesta');
    // An institution's markup stays text.
    expect(await item('SOL-0001').locator('.external-institution').textContent()).toBe('<b>CETPRO</b> San Martín de Porres');
    expect(await frame.locator('#external-list b').count()).toBe(0);
    // No contact data in the list.
    expect(await frame.locator('#external-list').textContent()).not.toContain('rosa.quispe');
    const filter = frame.getByRole('combobox', { name: 'Mostrar' });
    expect(await filter.locator('option').allTextContents()).toEqual([
      'Todas (3)',
      'Recibida (1)',
      'Enviada a aprobación (1)',
      'Aprobada (0)',
      'Rechazada (0)',
      'Programada (1)',
      'Realizada (0)',
      'Cerrada (0)',
    ]);
    await filter.selectOption('Programada');
    expect(await frame.locator('li.external-request').count()).toBe(1);
    expect(await frame.locator('#external-counts').textContent()).toBe('1 de 3 solicitud(es)');
    await filter.selectOption('');
    expect(await frame.locator('li.external-request').count()).toBe(3);
    await screenshot(page, 'solicitudes-externas.png');
  });

  test('a received request: its data, its slots (one past), the places with the margin, the timings and «Enviar a aprobación»', async () => {
    await item('SOL-0001').getByRole('button', { name: 'Ver la solicitud de <b>CETPRO</b> San Martín de Porres' }).click();
    const detail = frame.locator('#external-detail');
    await detail.locator('.external-request-data').waitFor();
    expect(await frame.locator('#external-detail-title').textContent()).toBe('Solicitud de <b>CETPRO</b> San Martín de Porres');
    const data = await detail.locator('.external-data').evaluate((dl) => Array.from(dl.querySelectorAll('dt'), (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`));
    expect(data).toEqual(
      expect.arrayContaining(['RUC: 20131312955', 'Persona de contacto: Rosa Quispe Ñaupari — Directora', 'Participantes esperados: 40', 'Cupos del taller (con margen): 48']),
    );
    expect(await detail.getByRole('link', { name: 'rosa.quispe@cetpro.edu.pe' }).getAttribute('href')).toBe('mailto:rosa.quispe@cetpro.edu.pe');
    expect(await detail.locator('.external-slots li').allTextContents()).toEqual(['Opción 1: martes 05/01/2027, 10:00 (ya pasó)', 'Opción 2: lunes 18/01/2027, 09:30']);
    const timings = detail.getByRole('table', { name: 'Tiempos reales de la solicitud (C01–C04)' });
    expect(await timings.locator('tbody tr').count()).toBe(7);
    // Only the reception so far: nothing measured yet, the seed's standard as the reference.
    expect(await detail.locator('.timings-summary').textContent()).toContain('Todavía no hay dos momentos registrados');
    expect(await detail.locator('.timings-total').textContent()).toBe('Referencia del procedimiento: 5 h 25 min de trabajo');
    // «Enviar a aprobación»: the first slot still ahead is chosen; «Otra fecha» shows its date and time.
    const send = detail.getByRole('form', { name: 'Enviar a aprobación' });
    expect(await send.getByRole('radio', { name: /Opción 2 de la institución/ }).isChecked()).toBe(true);
    expect(await send.getByLabel('Fecha', { exact: true }).isVisible()).toBe(false);
    await send.getByRole('radio', { name: 'Otra fecha' }).check();
    expect(await send.getByLabel('Fecha', { exact: true }).isVisible()).toBe(true);
    expect(await send.getByRole('checkbox', { name: 'El taller emite certificados' }).isChecked()).toBe(true);
    for (const name of ['Hora de inicio', 'Hora de fin', 'Ponente', 'Correo del ponente']) expect(await send.getByLabel(name, { exact: true }).count()).toBe(1);
    // Not awaiting a decision: nothing to decide.
    expect(await detail.getByRole('form', { name: 'Registrar decisión' }).count()).toBe(0);
    await frame.locator('#external-detail-title').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'solicitud-externa.png');
    await frame.getByRole('button', { name: 'Volver a la lista' }).click();
    await item('SOL-0003').waitFor();
  });

  test('awaiting a decision: a coordinator gets «Registrar decisión», which asks for the reason of a rejection first', async () => {
    await item('SOL-0003').getByRole('button', { name: 'Ver la solicitud de Municipalidad de Comas' }).click();
    const detail = frame.locator('#external-detail');
    const decide = detail.getByRole('form', { name: 'Registrar decisión' });
    await decide.waitFor();
    expect(await detail.locator('.external-proposal li').allTextContents()).toEqual([
      'Fecha y hora: 25/01/2027 10:00 a 12:00',
      'Ponente: Luis Ccori',
      'Certificados: no',
      'Envío n.° 1 · 05/01/2027 12:00',
    ]);
    // A new proposal may still be sent (a new round).
    expect(await detail.getByRole('button', { name: 'Enviar una nueva propuesta' }).count()).toBe(1);
    await decide.getByRole('radio', { name: 'Rechazada' }).check();
    await decide.getByRole('button', { name: 'Registrar decisión' }).click();
    const reason = decide.getByLabel('Motivo del rechazo (se envía a la institución)');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await decide.locator('.field-problem:not([hidden])').textContent()).toBe('Escriba el motivo del rechazo.');
    expect(await reason.evaluate((e) => e === document.activeElement)).toBe(true);
    await frame.getByRole('button', { name: 'Volver a la lista' }).click();
    await item('SOL-0002').waitFor();
  });

  test('a scheduled request: the proposal, the decision, the timings so far, and its workshop in «Módulos»', async () => {
    await item('SOL-0002').getByRole('button', { name: 'Ver la solicitud de Instituto Andino' }).click();
    const detail = frame.locator('#external-detail');
    await detail.locator('.external-workshop').waitFor();
    expect(await detail.locator('.external-decision li').first().textContent()).toBe('Aprobada el 03/01/2027 08:00 por subdireccion@trabajo.gob.pe (con el enlace del correo)');
    const rows = await detail.locator('.timings-table tbody tr').evaluateAll((tr) => tr.map((r) => Array.from(r.children, (c) => c.textContent)));
    expect(rows.slice(0, 4)).toEqual([
      ['C01', 'Solicitud recibida → Enviada a aprobación', '02/01/2027 09:00', '02/01/2027 10:00', '1 h'],
      ['C01', 'Enviada a aprobación → Aprobada', '02/01/2027 10:00', '03/01/2027 08:00', '22 h'],
      ['C02', 'Aprobada → Taller programado (inscripción abierta)', '03/01/2027 08:00', '03/01/2027 08:02', '2 min'],
      ['C02', 'Taller programado (inscripción abierta) → Inicio del taller', '03/01/2027 08:02', '—', 'pendiente'],
    ]);
    expect(await detail.locator('.timings-total').textContent()).toBe('Total transcurrido: 23 h 2 min · Referencia del procedimiento: 5 h 25 min de trabajo');
    expect(await detail.locator('.timings-summary').textContent()).toContain('no es tiempo de trabajo del consultor');
    expect(await detail.getByRole('form').count()).toBe(0);
    expect(await detail.locator('.external-workshop p').textContent()).toBe('Marketing digital – Instituto Andino (MOD-EXT-0001)');
    await detail.getByRole('button', { name: 'Ver el taller en «Módulos»' }).click();
    const module = frame.locator('li.module[data-id="MOD-EXT-0001"]');
    await module.waitFor();
    expect(await module.locator('.module-name').evaluate((e) => e === document.activeElement)).toBe(true);
  });

  test("an internal module's detail shows its timings against 2 d 3 h", async () => {
    const module = frame.locator(`li.module[data-id="${moduleId}"]`);
    await module.getByText('Ver pasos e inscripciones').click();
    const table = module.getByRole('table', { name: 'Tiempos reales del módulo (B01–B12)' });
    await table.waitFor();
    expect(await table.locator('tbody tr td:first-child').allTextContents()).toEqual(['B03', 'B05', 'B07', 'B09', 'B12', 'B12']);
    expect(await module.locator('.module-timings .timings-summary').textContent()).toContain('2 d 3 h');
    expect(session.pageErrors).toEqual([]);
  });
});
