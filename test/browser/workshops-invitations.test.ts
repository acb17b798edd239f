/**
 * B05 in the panel, in real Chromium through the emulator's UI: a module whose banner is not
 * validated shows «Enviar invitaciones» off with the reason; on one ready to invite, the
 * consultant opens «Invitaciones», imports a CSV list with its legal basis (refused without it),
 * and presses «Enviar invitaciones»; the section shows the counts and that the web app is missing
 * (the emails then ask to reply «BAJA»).
 */
import type { Frame, Page } from 'playwright-core';
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { BANNER_MESSAGES as B } from '../../src/domain/messages/workshops-direction';
import { INVITATION_MESSAGES as M } from '../../src/domain/messages/workshops-invitations';
import { openPanel, openEmulatorUi, type BrowserSession } from '../support/browser';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';

const SPREADSHEET = 'Programación Talleres Masivos';

const moduleInput = (requestId: string, name: string, date: string): ModuleInput => ({
  requestId,
  name,
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 40,
  minSessions: 1,
  sessions: [{ topic: 'Costos y precios', date, startTime: '18:00', endTime: '20:00', speaker: 'José Ñahui', speakerEmail: 'jose.nahui@gmail.com' }],
});

function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

describe('«Invitaciones» of a module in the Talleres panel (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  const ids: string[] = [];

  beforeAll(async () => {
    w = createAttentionWorld({ at: '2026-11-20T09:00' });
    for (const [key, name, date] of [['browser-inv-ready-01', 'Módulo listo', '2026-12-10'], ['browser-inv-wait-01', 'Módulo sin banner', '2026-12-11']]) {
      const r = w.ws.callFromSidebar(w.talleres, 'saveModule', [moduleInput(key, name, date)]);
      if (!r.ok || !(r.value as SaveModuleResult).ok) throw new Error(JSON.stringify(r));
      ids.push((r.value as Extract<SaveModuleResult, { ok: true }>).module.id);
    }
    const [headers, ...rows] = w.ws.values(w.talleres, 'Módulos');
    const h = headers.map(String);
    const row = rows.findIndex((r) => r[h.indexOf('ID de módulo')] === ids[0]) + 2;
    const cells: Record<string, string> = {
      Banner: 'Validado',
      'Enlace del banner': 'https://drive.google.com/file/d/1Banner/view',
      Estado: 'Inscripción abierta',
      'Enlace de inscripción': 'https://forms.gle/Inscripcion',
    };
    for (const [header, value] of Object.entries(cells)) w.ws.typeInto(w.talleres, 'Módulos', `${letters(h.indexOf(header))}${row}`, value, { confirmWarning: true });
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

  const item = (i: number) => frame.locator(`li.module[data-id="${ids[i]}"]`);

  test('without a validated banner «Enviar invitaciones» is off and the section says why', async () => {
    await item(1).waitFor();
    await item(1).locator('summary', { hasText: 'Invitaciones' }).click();
    await item(1).locator('.invitation-counts', { hasText: 'En cola: 0' }).waitFor();
    expect(await item(1).getByRole('button', { name: 'Enviar invitaciones' }).isDisabled()).toBe(true);
    expect(await item(1).locator('.invitation-blocked').textContent()).toBe(M.bannerNotValidated(B.blockedNone));
  });

  test('a list is imported only with its legal basis; «Enviar invitaciones» starts the job', async () => {
    await item(0).locator('summary', { hasText: 'Invitaciones' }).click();
    await item(0).locator('.invitation-counts', { hasText: 'En cola: 0' }).waitFor();
    expect(await item(0).locator('.invitation-warning').textContent()).toBe(M.noWebApp);
    const csv = Buffer.from('Nombre,Correo\nAna,ana@correo.pe\nBeto,beto@correo.pe\nMala,no-es-correo\n', 'utf8');
    await item(0).locator('input[type=file]').setInputFiles({ name: 'feria.csv', mimeType: 'text/csv', buffer: csv });
    await item(0).getByRole('button', { name: 'Importar lista' }).click();
    await frame.locator('#modules-message', { hasText: M.legalBasisMissing }).waitFor();
    await item(0).getByLabel('Base legal de la lista (obligatoria)').fill('Consentimiento recogido en la feria del 10/11/2026');
    await item(0).getByRole('button', { name: 'Importar lista' }).click();
    await frame.locator('#modules-message', { hasText: 'Se agregaron 2 correos' }).waitFor();
    await item(0).locator('.invitation-counts', { hasText: 'En cola: 2' }).waitFor();
    expect(await item(0).getByRole('button', { name: 'Enviar invitaciones' }).isDisabled()).toBe(false);
    await item(0).getByRole('button', { name: 'Enviar invitaciones' }).click();
    await frame.locator('#modules-message', { hasText: M.queued(0, 2) }).waitFor();
    const rows = w.ws.readTab(w.talleres, 'Invitaciones');
    expect(rows.map((r) => r.Correo).sort()).toEqual(['ana@correo.pe', 'beto@correo.pe']);
    expect(rows.every((r) => r['Base legal'] === 'Consentimiento recogido en la feria del 10/11/2026')).toBe(true);
  });
});
