/**
 * The access model in the panel, in real Chromium through the emulator's UI
 * (docs/access-model.md):
 *
 * 1. «Equipo y permisos»: the coordinator (Ana, who set both spreadsheets up) opens the screen
 *    from the panel's navigation, adds a consultant (Luis) with the form and sees him in the
 *    list and in the read-only 'Equipo' tab of the sheet; adds someone else and removes them
 *    after the confirmation.
 * 2. «Atender en lugar de»: Luis, signed in, opens the panel: no «Equipo y permisos» for him; in
 *    «Todas» he sees Ana's appointment without its contact data, takes it over giving a reason
 *    (the form refuses an empty one), sees «En lugar de Ana Quispe» and starts the attention.
 * 3. Ana, no longer a coordinator (changed from another panel), refreshes the screen: the
 *    server's refusal is shown as is and the screen's entry disappears.
 *
 * The Workspace API is used only for the fixture (both spreadsheets set up, today's report
 * imported as Ana), to switch the signed-in user, and to read results for the assertions.
 */
import type { Frame, Page } from 'playwright-core';
import { openPanel, eventually, openEmulatorUi, screenshot, type BrowserSession } from '../support/browser';
import { addTeamMember, citas, createAttentionWorld, importReport, makeReport, type AttentionWorld, type Report } from '../support/attention-world';

/** Friday 27 November 2026, 08:30 in Lima: the appointments are at 09:00 and 09:40. */
const START = '2026-11-27T08:30';
const DAY = '2026-11-27';
const SPREADSHEET = 'Atenciones Virtuales – Centro de Empleo';
const LUIS = { email: 'luis.nique@trabajo.gob.pe', name: 'Luis Ñique' };
const TEMP = { email: 'practicante@trabajo.gob.pe', name: 'Practicante Temporal' };
const REASON = 'Ana está en una reunión de coordinación y el usuario ya se conectó.';

/** The spreadsheet in the Sheets page, on the tab `tab`. */
async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
  await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
  await page.locator('.sheet-tab', { hasText: new RegExp(`^${tab}$`) }).click();
  await page.locator('.sheet-tab.active', { hasText: new RegExp(`^${tab}$`) }).waitFor();
}

describe('«Equipo y permisos» and «Atender en lugar de» in the panel (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let report: Report;
  const dialogs: string[] = [];

  const teamScreen = () => frame.locator('#view-equipo');
  const teamMessage = () => frame.locator('#team-message');
  const member = (email: string) => frame.locator(`#team-list li[data-email="${email}"]`);

  beforeAll(async () => {
    w = createAttentionWorld({ at: START });
    report = makeReport(DAY, 2, { consultants: ['Ana Quispe'], startTime: '09:00' });
    const imported = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    if (!imported.ok || imported.value.counts.inserted !== 2) throw new Error(`fixture import failed: ${JSON.stringify(imported)}`);
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

  test('the coordinator adds a consultant in «Equipo y permisos» and sees them in the list and in the Equipo tab', async () => {
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('heading', { name: 'Citas de hoy' }).waitFor();

    await frame.getByRole('navigation', { name: 'Secciones del panel' }).getByRole('button', { name: 'Equipo y permisos' }).click();
    await frame.getByRole('heading', { name: 'Equipo y permisos' }).waitFor();
    await member(w.user).waitFor();
    expect(await teamScreen().textContent()).toContain('la pestaña «Equipo» de la hoja es una copia de consulta');
    expect(await member(w.user).textContent()).toContain('Coordinador(a), Consultor(a)');
    expect(await member(w.user).textContent()).toContain('(usted)');

    // The form checks what it can before asking the server.
    await teamScreen().getByLabel('Correo (cuenta de Google)').fill(LUIS.email);
    await frame.getByRole('button', { name: 'Guardar', exact: true }).click();
    await expect(frame.locator('#team-roles-problem').textContent()).resolves.toBe('Marque al menos un rol: Coordinador(a) o Consultor(a).');
    expect(w.ws.readTab(w.atenciones, 'Equipo').map((r) => r['Correo'])).not.toContain(LUIS.email);

    await teamScreen().getByLabel('Nombre').fill(LUIS.name);
    await teamScreen().getByLabel('Consultor(a)').check();
    await frame.getByRole('button', { name: 'Guardar', exact: true }).click();
    await eventually(() => teamMessage().textContent(), (t) => expect(t).toBe(`Se guardaron los permisos de ${LUIS.email}.`));
    await member(LUIS.email).waitFor();
    const luis = await member(LUIS.email).textContent();
    expect(luis).toContain(LUIS.name);
    expect(luis).toContain('Consultor(a)');
    expect(luis).not.toContain('Coordinador(a)');
    expect(await frame.locator('#team-list li').count()).toBe(2);

    // The 'Equipo' tab mirrors the team (read-only copy), as the Sheets page shows it.
    const mirror = w.ws.readTab(w.atenciones, 'Equipo').find((r) => r['Correo'] === LUIS.email);
    expect(mirror).toMatchObject({ 'Nombre en el reporte': LUIS.name, Roles: 'Consultor(a)' });
    await openTab(page, 'Equipo');
    await page.locator('.grid td', { hasText: LUIS.email }).first().waitFor();
    await page.locator('.grid td', { hasText: LUIS.name }).first().waitFor();
    await screenshot(page, 'sidebar-equipo.png'); // the panel's list beside the 'Equipo' tab

    // Someone added by mistake is removed after the confirmation.
    await teamScreen().getByLabel('Correo (cuenta de Google)').fill(TEMP.email);
    await teamScreen().getByLabel('Nombre').fill(TEMP.name);
    await teamScreen().getByLabel('Consultor(a)').check();
    await frame.getByRole('button', { name: 'Guardar', exact: true }).click();
    await member(TEMP.email).waitFor();
    await frame.getByRole('button', { name: `Retirar a ${TEMP.email}` }).click();
    const confirm = frame.getByRole('group', { name: `Retirar a ${TEMP.email}` });
    await expect(confirm.textContent()).resolves.toContain(`¿Retirar los permisos de ${TEMP.name} (${TEMP.email})?`);
    expect(await member(TEMP.email).count()).toBe(1); // nothing removed before the confirmation
    await confirm.getByRole('button', { name: 'Sí, retirar' }).click();
    await eventually(() => teamMessage().textContent(), (t) => expect(t).toBe(`Se retiraron los permisos de ${TEMP.email}.`));
    expect(await member(TEMP.email).count()).toBe(0);
    expect(w.ws.readTab(w.atenciones, 'Equipo').filter((r) => String(r['Roles'] ?? '') !== '').map((r) => r['Correo'])).toEqual([w.user, LUIS.email]);
    expect(dialogs).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });

  test('a consultant takes over a colleague\'s appointment with a reason, then starts it', async () => {
    // Luis signs in (the emulator's browser user) and opens the spreadsheet and the panel.
    w.ws.state.user = LUIS.email;
    await page.reload();
    await openTab(page, 'Citas');
    frame = await openPanel(page);
    await frame.getByRole('heading', { name: 'Citas de hoy' }).waitFor();
    await frame.getByRole('radio', { name: 'Mías (0)' }).waitFor();
    // Not a coordinator: neither the team nor the sheet's setup is offered.
    const nav = frame.getByRole('navigation', { name: 'Secciones del panel' });
    expect(await nav.getByRole('button', { name: 'Equipo y permisos' }).count()).toBe(0);
    expect(await nav.getByRole('button', { name: 'Esta hoja' }).count()).toBe(0);

    await frame.getByText('Todas (2)').click();
    await frame.getByRole('radio', { name: 'Todas (2)' }).waitFor();
    const first = report.rows[0];
    await frame.getByRole('button', { name: /^09:00/ }).click();
    const card = frame.locator(`li[data-id="${first.code}"]`);
    // Ana's appointment: who and when, not how to reach the citizen, and no action but taking it over.
    await expect(card.locator('.restricted').textContent()).resolves.toContain('solo los ve su consultor(a), Ana Quispe');
    expect(await card.textContent()).not.toContain(first.email);
    expect(await card.textContent()).not.toContain(first.dni);
    expect(await card.getByRole('button', { name: 'Iniciar' }).count()).toBe(0);

    await card.getByRole('button', { name: 'Atender en lugar de…' }).click();
    const form = card.getByRole('form', { name: 'Atender en lugar de Ana Quispe' });
    await form.getByRole('button', { name: 'Atender esta cita' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toBe('Indique el motivo por el que atenderá esta cita.');
    expect(w.ws.readTab(w.atenciones, 'Registro de auditoría').some((r) => Object.values(r).includes('Atender en lugar de'))).toBe(false);

    await form.getByLabel('Motivo').fill(REASON);
    expect(await form.locator('.field-problem').isHidden()).toBe(true);
    await screenshot(page, 'sidebar-en-lugar-de.png');
    await form.getByRole('button', { name: 'Atender esta cita' }).click();
    await card.locator('.outcome', { hasText: 'Puede atender esta cita en lugar de Ana Quispe.' }).waitFor();
    await expect(card.locator('.chip-onbehalf').textContent()).resolves.toBe('En lugar de Ana Quispe');
    // Now his to work on: the contact data and «Iniciar».
    expect(await card.textContent()).toContain(first.email);
    expect(await card.locator('.restricted').count()).toBe(0);
    const audit = w.ws.readTab(w.atenciones, 'Registro de auditoría').find((r) => Object.values(r).includes('Atender en lugar de'));
    expect(Object.values(audit ?? {}).join(' ')).toContain(REASON);

    await card.getByRole('button', { name: 'Iniciar' }).click();
    await frame.getByRole('heading', { name: 'Pauta de atención' }).waitFor();
    await expect(card.locator('.appt-summary .chip').first().textContent()).resolves.toBe('En atención');
    const row = citas(w.ws, w.atenciones).find((r) => r['ID de cita'] === first.code)!;
    expect(row['Estado']).toBe('En atención');
    expect(row['Consultor']).toBe('Ana Quispe');
    // The colleague's other appointment stays hers and hidden from him.
    await frame.getByRole('button', { name: /^09:40/ }).click();
    await frame.locator(`li[data-id="${report.rows[1].code}"] .restricted`).waitFor();
    expect(dialogs).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });

  test('a coordinator who is no longer one gets the server\'s refusal as is, and the screen\'s entry goes away', async () => {
    w.ws.state.user = w.user;
    await page.reload();
    await openTab(page, 'Citas');
    frame = await openPanel(page);
    await frame.getByRole('heading', { name: 'Citas de hoy' }).waitFor();
    const nav = frame.getByRole('navigation', { name: 'Secciones del panel' });
    await nav.getByRole('button', { name: 'Equipo y permisos' }).click();
    await member(LUIS.email).waitFor();

    // Meanwhile, from another panel: Luis is made coordinator and he leaves Ana as consultant only.
    addTeamMember(w.ws, w.atenciones, LUIS.email, LUIS.name, ['coordinador', 'consultor'], w.user);
    addTeamMember(w.ws, w.atenciones, w.user, w.consultantName, ['consultor'], LUIS.email);

    await frame.locator('#team-refresh').click();
    const error = frame.locator('#error');
    await error.waitFor();
    await expect(frame.locator('#error-text').textContent()).resolves.toBe(
      'Esta función es solo para la coordinación del servicio. Si necesita hacerlo, pídaselo a un(a) coordinador(a).',
    );
    expect(await frame.locator('#team-list li').count()).toBe(0);
    await eventually(() => nav.getByRole('button', { name: 'Equipo y permisos' }).count(), (n) => expect(n).toBe(0));
    expect(session.pageErrors).toEqual([]);
  });
});
