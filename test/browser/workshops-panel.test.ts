/**
 * The module's panel in real Chromium through the emulator's UI (issue 11, item 6): in
 * "Programación Talleres Masivos" the consultant sees, for each module of «Módulos», where it
 * stands ("B0n de B05 · Siguiente: …") and its registrations ("Inscritos 3/3 · Espera 2"); opening
 * «Ver pasos e inscripciones» shows the B01–B05 checklist with each state written out (not a
 * colour alone), what blocks the module, the registrants' table and the waiting list in its order.
 * Names that look like markup stay text.
 *
 * The Workspace API is used only for the fixture: a module with its programme sent and its banner
 * validated (the real actions), registration open and 'Inscripciones' rows written into the sheet
 * as the registration form will.
 */
import type { Frame, Page } from 'playwright-core';
import type { DirectionResult, ModuleInput, SaveModuleResult } from '../../src/api';
import { STAGE_MESSAGES as S } from '../../src/domain/messages/workshops-stage';
import { openPanel, openEmulatorUi, screenshot, type BrowserSession } from '../support/browser';
import { createAttentionWorld, setSetting, type AttentionWorld } from '../support/attention-world';
import { appendRows, setCell } from '../support/sheet-rows';

const SPREADSHEET = 'Programación Talleres Masivos';

const MODULE: ModuleInput = {
  requestId: 'browser-panel-b05-01',
  name: 'Aprende a Emprender – Diciembre',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 3,
  minSessions: 2,
  sessions: [
    { topic: 'Ventas en línea', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
  ],
};

const lima = (s: string) => new Date(`${s}:00-05:00`);

describe('where each module stands, and its registrants, in the Talleres panel (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let id = '';

  beforeAll(async () => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    const call = <T>(fn: string, args: unknown[]): T => {
      const r = w.ws.callFromSidebar(w.talleres, fn, args);
      if (!r.ok) throw new Error(r.error);
      return r.value as T;
    };
    const saved = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!saved.ok) throw new Error(saved.message);
    id = saved.module.id;
    setSetting(w.ws, w.talleres, 'Correo de la Sub Dirección', 'subdireccion@trabajo.gob.pe');
    setSetting(w.ws, w.talleres, 'Correo de la Dirección (banners)', 'direccion.banners@trabajo.gob.pe');
    for (const [fn, args] of [
      ['sendProgramme', [id]],
      ['requestBanner', [id]],
      ['setBannerState', [id, { state: 'Recibido', link: 'https://drive.google.com/file/d/1AbC/view' }]],
      ['setBannerState', [id, { state: 'Validado' }]],
    ] as const) {
      const r = call<DirectionResult>(fn, [...args]);
      if (!r.ok) throw new Error(r.message);
    }
    setCell(w.ws, w.talleres, 'Módulos', 'ID de módulo', id, 'Estado', 'Inscripción abierta');
    setCell(w.ws, w.talleres, 'Módulos', 'ID de módulo', id, 'Enlace de inscripción', 'https://docs.google.com/forms/d/e/1FAIp/viewform?entry.1=x');
    const reg = (n: number, name: string, status: string, at: string, more: Record<string, unknown> = {}) => ({
      'ID de inscripción': `I-${n}`,
      'ID de módulo': id,
      'Fecha de inscripción': lima(at),
      DNI: `0${4000000 + n}`,
      'Nombres y apellidos': name,
      Correo: `persona${n}@gmail.com`,
      Estado: status,
      ...more,
    });
    appendRows(w.ws, w.talleres, 'Inscripciones', [
      reg(1, 'María José Quispe Mamani', 'Inscrito', '2026-11-21T10:00', { Confirmación: 'enviado' }),
      reg(2, "Raúl O'Brien Castañeda", 'Inscrito', '2026-11-21T10:05', { Confirmación: 'enviado' }),
      reg(3, 'Lucía Ñahui Huamán', 'En lista de espera', '2026-11-22T08:30', { 'Aviso de lista de espera': 'enviado' }),
      reg(4, 'Jesús Vílchez León', 'Inscrito', '2026-11-21T11:00', { Confirmación: 'pendiente' }),
      reg(5, '<b>Ángela</b> Peña Cárdenas', 'En lista de espera', '2026-11-21T19:45'),
    ]);
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const item = () => frame.locator(`li.module[data-id="${id}"]`);

  test('the list shows where the module stands and its counts', async () => {
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await item().waitFor();
    // No invitation sent yet: B02 (speakers not invited) is the first step not done.
    expect(await item().locator('.module-stage').textContent()).toBe(`B02 de B05 · Siguiente: ${S.invite}`);
    expect(await item().locator('.module-counts').textContent()).toBe('Inscritos 3/3 · Espera 2');
  });

  test('«Ver pasos e inscripciones»: the checklist with written states, the registrants and the waiting list in order', async () => {
    await item().getByText('Ver pasos e inscripciones').click();
    const steps = item().locator('.stage-step');
    expect(await steps.count()).toBe(5);
    expect(await steps.locator('.stage-state').allTextContents()).toEqual(['Hecho', 'Pendiente', 'Hecho', 'Hecho', 'En curso']);
    expect(await steps.nth(4).textContent()).toContain(`B05 · Inscripción e invitaciones: En curso — ${S.noInvitations}`);
    // Icons are decoration: the state is in the text.
    expect(await steps.locator('.stage-icon[aria-hidden="true"]').count()).toBe(5);
    expect(await item().locator('.stage-next').textContent()).toBe(`Siguiente paso: ${S.invite}`);
    expect(await item().locator('.stage-blockers').count()).toBe(0);

    const table = item().getByRole('table', { name: 'Personas inscritas (por orden de inscripción)' });
    await table.waitFor();
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent)))).toEqual([
      // The last cell: «Anular» for whoever holds or waits for a place (B05).
      ['María José Quispe Mamani', 'Inscrito', '21/11/2026 10:00', 'enviado', 'Anular'],
      ["Raúl O'Brien Castañeda", 'Inscrito', '21/11/2026 10:05', 'enviado', 'Anular'],
      ['Jesús Vílchez León', 'Inscrito', '21/11/2026 11:00', 'por enviar', 'Anular'],
    ]);
    expect(await item().locator('.registration-counts').textContent()).toBe('Inscritos 3 de 3 · En lista de espera 2 · Por revisar 0 · Retirados 0');
    const waiting = item().getByRole('list', { name: `Lista de espera del módulo «${MODULE.name}», en orden` });
    expect(await waiting.locator('li').allTextContents()).toEqual([
      '1. <b>Ángela</b> Peña Cárdenas — 21/11/2026 19:45 · aviso: sin avisoAnular',
      '2. Lucía Ñahui Huamán — 22/11/2026 08:30 · aviso: enviadoAnular',
    ]);
    // Markup in a name stays text; no contact data reaches the panel.
    expect(await item().locator('.module-registrations b').count()).toBe(0);
    expect(await item().locator('.module-registrations').textContent()).not.toContain('@');
    await item().locator('.module-checklist').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'modulo-pasos-inscripciones.png');
  });

  test('a speaker declines: after «Actualizar» the checklist says what blocks, and the detail stays open', async () => {
    const r = w.ws.callFromSidebar(w.talleres, 'inviteSpeakers', [id]);
    if (!r.ok) throw new Error(r.error);
    const sessions = w.ws.readTab(w.talleres, 'Sesiones');
    w.ws.respondToEvent(String(sessions[1]['ID evento']), 'jose.nahui@gmail.com', 'declined');
    await frame.getByRole('button', { name: 'Actualizar', exact: true }).click();
    await item().locator('.stage-blockers', { hasText: 'Un ponente declinó la sesión 2' }).waitFor();
    expect(await item().locator('.module-stage').textContent()).toBe(`B02 de B05 · Siguiente: ${S.changeSpeaker}`);
    expect(await item().locator('.stage-step[data-step="B02"] .stage-state').textContent()).toBe('Bloqueado');
    expect(await item().locator('details.module-detail').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await item().getByRole('table', { name: 'Personas inscritas (por orden de inscripción)' }).waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
