/**
 * A consultant's day, walked through the emulator's UI in real Chromium, the way a person does
 * it: open "Atenciones Virtuales", "Emprendimiento › Abrir panel", import the platform's report
 * through the panel's file input, move the virtual clock to the reminder hour (18:00 in Lima,
 * the day before) and read the reminders with their Meet links in the outbox; the next morning
 * start and finish one attention and mark another abandoned from the panel; then, as the
 * citizen, open the survey link from the email, answer it and see it linked in 'Citas'.
 *
 * One citizen's name holds markup that would run script (`<img src=x onerror=alert(1)>`): it
 * must be shown as text in the sheet grid, the panel's list, the outbox and the calendar, and no
 * dialog may ever open. The Workspace API is used only to set the clock's start, to set up the
 * two spreadsheets (the fixture) and to read results for the assertions.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { openPanel, eventually, openEmulatorUi, screenshot, type BrowserSession } from '../support/browser';
import { citas, createAttentionWorld, makeReport, type AttentionWorld, type Report } from '../support/attention-world';

/** Thursday: the report is imported two days ahead, so only the 18:00 run of the 26th reminds. */
const START = '2026-11-25T09:00';
const REMINDER_HOUR = '2026-11-26T18:00';
const DAY = '2026-11-27';
const XSS = '<img src=x onerror=alert(1)>';
const XSS_NAME = `${XSS} Rosa`;


/** The apps bar at the top of the emulator (Hojas de cálculo, Gmail, Calendar…). */
async function goTo(page: Page, app: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: app, exact: true }).click();
}

/** Back to the spreadsheet, on its 'Citas' tab (the docked panel comes back with it). */
async function openCitasTab(page: Page, spreadsheetName: string): Promise<void> {
  await goTo(page, 'Hojas de cálculo');
  await page.getByRole('link', { name: spreadsheetName, exact: true }).click();
  await page.locator('.sheet-tab', { hasText: /^Citas$/ }).click();
  await page.locator('.sheet-tab.active', { hasText: /^Citas$/ }).waitFor();
}

/** "Panel del desarrollador › Avanzar hasta": the virtual clock moves, firing due triggers. */
async function advanceTo(page: Page, w: AttentionWorld, wallTime: string): Promise<void> {
  await goTo(page, 'Panel del desarrollador');
  await page.getByLabel('Avanzar hasta:').fill(wallTime);
  await page.getByRole('button', { name: 'Avanzar', exact: true }).click();
  // The triggers that fired on the way run in modeled time, so the clock ends a little past it.
  const target = w.ws.wallTime(wallTime);
  await eventually(() => w.ws.state.now(), (now) => expect(now - target).toBeGreaterThanOrEqual(0));
  expect(w.ws.state.now() - target).toBeLessThan(60_000);
  await page.locator('.clock-big', { hasText: wallTime.slice(11, 16) }).waitFor();
}

describe("a consultant's day in the emulator UI (Chromium)", () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let report: Report;
  let reportPath: string;
  let xssRow: Report['rows'][number];
  const dialogs: string[] = [];
  const consoleAlerts: string[] = [];
  const spreadsheetName = 'Atenciones Virtuales – Centro de Empleo';

  beforeAll(async () => {
    w = createAttentionWorld({ at: START });
    report = makeReport(DAY, 4, { consultants: ['Ana Quispe'], startTime: '09:00' });
    xssRow = report.rows[3];
    reportPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'soe-reporte-')), report.fileName);
    fs.writeFileSync(reportPath, report.bytes);
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/alert\(/i.test(m.text())) consoleAlerts.push(m.text());
    });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    if (reportPath) fs.rmSync(path.dirname(reportPath), { recursive: true, force: true });
  });

  test('the panel imports the report through its file input and shows the summary', async () => {
    await page.locator('.doc-title', { hasText: spreadsheetName }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('heading', { name: 'Citas de hoy' }).waitFor();
    await frame.getByRole('button', { name: 'Importar reporte' }).click();
    await frame.getByRole('heading', { name: 'Importar reporte' }).waitFor();
    await frame.getByLabel('Archivo del reporte').setInputFiles(reportPath);
    await frame.getByRole('button', { name: 'Ver vista previa', exact: true }).click();
    // The preview lists the four new appointments by name and Lima time, and nothing is written yet.
    const preview = frame.locator('#import-preview-summary');
    await eventually(() => preview.textContent(), (t) => expect(t).toMatch(/^Vista previa: todavía no se guardó nada\..*4 citas nuevas/));
    expect(await frame.locator('#import-preview-insert li').count()).toBe(4);
    expect(await frame.locator('#import-preview-insert li').first().textContent()).toMatch(/viernes 27 de noviembre de 2026, 9:00 a\. m\./);
    expect(citas(w.ws, w.atenciones)).toHaveLength(0);
    await frame.getByRole('button', { name: 'Confirmar e importar' }).click();
    const summary = frame.locator('#import-summary');
    await summary.waitFor();
    await eventually(() => summary.textContent(), (t) => expect(t).toMatch(/4 citas nuevas/));
    expect(await frame.locator('#import-counts').textContent()).toContain('Nuevas4');
    expect(await frame.locator('#import-rejected li').count()).toBe(0);
    // What the consultant saw is what the sheet holds: four appointments, codes as text.
    expect(citas(w.ws, w.atenciones).map((r) => r['ID de cita'])).toEqual(report.rows.map((r) => r.code));

    // The importer refuses a name holding markup (one rule for names); a person may still type
    // one into the sheet, and everything after must show it as text.
    await openCitasTab(page, spreadsheetName);
    const [headers, ...values] = w.ws.values(w.atenciones, 'Citas');
    const nameCell = page.locator(
      `.grid td[data-row="${values.findIndex((r) => r[headers.indexOf('ID de cita')] === xssRow.code) + 2}"][data-col="${headers.indexOf('Nombres y apellidos') + 1}"]`,
    );
    await nameCell.dblclick();
    await page.locator('.cell-editor').fill(XSS_NAME);
    await page.locator('.cell-editor').press('Enter');
    // The sheet grid shows the imported rows, the name with markup as plain text.
    const xssCell = page.locator('.grid td', { hasText: 'onerror' });
    await xssCell.first().waitFor();
    expect(await xssCell.first().textContent()).toBe(XSS_NAME);
    expect(await page.locator('.grid img').count()).toBe(0);
  });

  test('at 18:00 the day before, the reminders reach the outbox with their Meet links; the calendar shows the name as text', async () => {
    expect(w.ws.outbox().filter((m) => m.subject.startsWith('Recordatorio'))).toHaveLength(0);
    await advanceTo(page, w, REMINDER_HOUR);
    await goTo(page, 'Gmail');
    const reminders = page.getByRole('list', { name: 'Correos enviados' }).getByRole('link', { name: /Recordatorio: su cita/ });
    await eventually(() => reminders.count(), (n) => expect(n).toBe(4));

    // The citizen whose name holds markup: their reminder, opened from the list.
    await page.getByRole('list', { name: 'Correos enviados' }).getByRole('link', { name: new RegExp(`Para: ${xssRow.email.replace(/\./g, '\\.')}`) }).click();
    await page.locator('.mail-title', { hasText: 'Recordatorio' }).waitFor();
    const meet = await page.locator('.mail-links .link-url', { hasText: 'meet.google.com' }).first().textContent();
    expect(meet).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    const body = page.frameLocator('.mail-body-frame').locator('body');
    await expect(body.textContent()).resolves.toContain(XSS);
    expect(await page.frameLocator('.mail-body-frame').locator('img[src="x"]').count()).toBe(0);
    await screenshot(page, 'emulator-correo.png');
    // The Meet link the citizen got is the one on their calendar event.
    const event = w.ws.calendarEvents().find((e) => (e.attendees ?? []).some((g) => g.email === xssRow.email));
    expect(event?.hangoutLink).toBe(meet);

    await goTo(page, 'Calendar');
    await page.locator('.event').first().waitFor();
    expect(await page.locator('.event').count()).toBe(4);
    const calendarText = await page.locator('.calendar-screen').textContent();
    expect(calendarText).toContain(XSS);
    expect(await page.locator('.calendar-screen img').count()).toBe(0);
  });

  test('next morning: Iniciar and Finalizar one attention, Marcar abandonada another, from the panel', async () => {
    await advanceTo(page, w, `${DAY}T09:02`);
    await openCitasTab(page, spreadsheetName);
    frame = await openPanel(page);
    await frame.getByRole('radio', { name: 'Mías (4)' }).waitFor();
    const names = await frame.locator('#day-list .appt-name').allTextContents();
    expect(names).toHaveLength(4);
    expect(names[3]).toBe(XSS_NAME);
    expect(await frame.locator('#day-list img').count()).toBe(0);
    await screenshot(page, 'emulator-ui.png'); // the sheet with the day's rows and the panel beside it

    // 09:00 — Iniciar, then Finalizar 20 minutes later with observations.
    await frame.getByRole('button', { name: /^09:00/ }).click();
    await frame.getByRole('button', { name: 'Iniciar' }).click();
    await frame.getByRole('heading', { name: 'Pauta de atención' }).waitFor();
    await page.getByRole('group', { name: 'Reloj virtual' }).getByRole('button', { name: '+15 min' }).click();
    await eventually(() => w.ws.formatNow(), (t) => expect(t).toContain('09:17'));
    await frame.getByLabel('Observaciones').fill('Se explicó cómo formalizar la bodega.');
    await frame.getByRole('button', { name: 'Finalizar' }).click();
    const finished = frame.locator('.outcome', { hasText: 'Atención finalizada' });
    await finished.waitFor();
    expect(await finished.textContent()).toBe(`Atención finalizada (15 min). La encuesta de satisfacción se envió a ${report.rows[0].email}.`);

    // 09:40 — after the tolerance, nobody answered: Marcar abandonada with a reason.
    await page.getByRole('group', { name: 'Reloj virtual' }).getByRole('button', { name: '+1 h' }).click();
    await eventually(() => w.ws.formatNow(), (t) => expect(t).toContain('10:17'));
    await frame.getByRole('button', { name: /^09:40/ }).click();
    await frame.getByLabel('Motivo del abandono').selectOption('No contestó el teléfono');
    await frame.getByLabel('Detalle').fill('Se llamó dos veces y se escribió por WhatsApp.');
    await frame.getByRole('button', { name: 'Marcar abandonada' }).click();
    await frame.locator('.outcome', { hasText: 'La cita quedó registrada como abandonada.' }).waitFor();
    await expect(frame.locator('#day-counts').textContent()).resolves.toBe('Atendidas: 1 · Abandonadas: 1 · Por atender: 2');

    const sheet = citas(w.ws, w.atenciones);
    expect([sheet[0]['Estado'], sheet[0]['Encuesta'], sheet[1]['Estado']]).toEqual(['Atendida', 'enviado', 'Abandonada']);
    await page.locator('.grid td', { hasText: /^Atendida$/ }).first().waitFor();
    await page.locator('.grid td', { hasText: /^Abandonada$/ }).first().waitFor();
  });

  test('the citizen answers the survey from the email link; the Citas tab shows it answered', async () => {
    const citizen = report.rows[0];
    await goTo(page, 'Gmail');
    await page
      .getByRole('list', { name: 'Correos enviados' })
      .getByRole('link', { name: new RegExp(`Para: ${citizen.email.replace(/\./g, '\\.')}.*Encuesta de Satisfacción`) })
      .click();
    await page.locator('.mail-title', { hasText: 'Encuesta de Satisfacción' }).waitFor();
    await page.getByRole('button', { name: 'Abrir formulario' }).click();

    // The link carries the appointment's code, already filled in.
    const code = page.getByLabel('Código de su cita');
    await eventually(() => code.inputValue(), (v) => expect(v).toBe(citizen.code));
    const scales = page.locator('[data-item-type="SCALE"]');
    expect(await scales.count()).toBe(4);
    for (const [i, score] of [5, 4, 5, 4].entries()) await scales.nth(i).locator(`input[value="${score}"]`).check();
    await page.getByLabel('Sí', { exact: true }).check();
    await page.getByLabel('¿Qué podríamos mejorar? (opcional)').fill('Todo muy claro, gracias.');
    await page.getByLabel('Sí, acepto').check();
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect(page.locator('.form-confirmation').textContent()).resolves.toMatch(/^¡Gracias por responder!/);

    // Linked to the appointment: answered, with its score, in the sheet the consultant reads.
    await openCitasTab(page, spreadsheetName);
    const row = citas(w.ws, w.atenciones).find((r) => r['ID de cita'] === citizen.code)!;
    expect(row['Puntaje encuesta']).toBe(4.5);
    expect(row['Encuesta respondida']).toBeInstanceOf(Date);
    const headers = await page.locator('.grid tbody tr').first().locator('td').allTextContents();
    const col = headers.indexOf('Puntaje encuesta');
    const answeredCol = headers.indexOf('Encuesta respondida');
    expect(col).toBeGreaterThan(0);
    const firstAppointment = page.locator('.grid tbody tr').nth(1).locator('td');
    await eventually(() => firstAppointment.nth(col).textContent(), (t) => expect(t).toMatch(/^4[.,]5/));
    expect(await firstAppointment.nth(answeredCol).textContent()).toMatch(/27\/11\/2026/);
  });

  test('the day after: yesterday\'s leftovers wait in «Pendientes de días anteriores»; one is finished with its duration, the other cancelled', async () => {
    // Two of the 27th's appointments were left 'Programada'.
    await advanceTo(page, w, '2026-11-28T09:00');
    await openCitasTab(page, spreadsheetName);
    frame = await openPanel(page);
    const earlier = frame.getByRole('list', { name: 'Pendientes de días anteriores' });
    await frame.getByRole('heading', { name: 'Pendientes de días anteriores' }).waitFor();
    await eventually(() => earlier.locator('.appt-name').allTextContents(), (names) => expect(names).toEqual([`${report.rows[2].names} ${report.rows[2].lastNames}`, XSS_NAME]));
    expect(await earlier.locator('.appt-date').first().textContent()).toBe('viernes 27 de noviembre de 2026');
    expect(await frame.locator('#day-earlier img').count()).toBe(0);
    expect(await frame.locator('#day-list > li').count()).toBe(0); // nothing booked for Saturday

    // 10:20 of yesterday: attended, never started in the panel. Finalizar asks for the duration.
    await earlier.getByRole('button', { name: /^10:20/ }).click();
    const duration = frame.getByLabel('Duración de la atención (minutos)');
    await duration.fill('');
    await frame.getByRole('button', { name: 'Finalizar' }).click();
    await frame.locator('.outcome', { hasText: 'cuántos minutos duró' }).waitFor();
    await frame.getByLabel('Duración de la atención (minutos)').fill('30');
    await frame.getByLabel('Observaciones', { exact: true }).fill('Se atendió; quedó sin cerrar en el panel.');
    await frame.getByRole('button', { name: 'Finalizar' }).click();
    const finished = frame.locator('.outcome', { hasText: 'Atención finalizada (30 min).' });
    await finished.waitFor();
    expect(await finished.textContent()).toContain(`La encuesta de satisfacción se envió a ${report.rows[2].email}.`);

    // 11:00 of yesterday: the citizen wrote that they no longer need it — Cancelar cita, with a reason.
    await earlier.getByRole('button', { name: /^11:00/ }).click();
    await frame.getByLabel('Motivo de la cancelación').fill('El usuario escribió que ya no necesita la cita.');
    await frame.getByRole('button', { name: 'Cancelar cita' }).click();
    await frame.locator('.outcome', { hasText: 'La cita quedó cancelada.' }).waitFor();

    const sheet = citas(w.ws, w.atenciones);
    expect([sheet[2]['Estado'], sheet[2]['Duración (min)'], sheet[2]['Encuesta'], sheet[3]['Estado']]).toEqual(['Atendida', 30, 'enviado', 'Cancelada']);
    // Closed, they leave the section on the next load.
    await frame.getByRole('button', { name: 'Actualizar' }).click();
    await eventually(() => frame.locator('#day-earlier').isHidden(), (hidden) => expect(hidden).toBe(true));
  });

  test('no dialog ever opened and the page threw nothing', () => {
    expect(dialogs).toEqual([]);
    expect(consoleAlerts).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
