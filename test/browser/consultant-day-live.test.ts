/**
 * «Citas de hoy» is live (issue 10 item 3), in real Chromium over the emulator's UI:
 *
 * - the panel, left open, shows what the server changed — the Meet links and reminders the
 *   reminder job just made — without «Actualizar», and the consultant's half-typed text in the
 *   open card stays where it was, with the focus;
 * - the countdowns run on the server's clock: the page's clock is set 3 hours off the emulator's
 *   (a PC with the wrong hour), the emulator's virtual clock jumps while the page stays open, and
 *   after «Reactivar» at 11:16 the 11:00 appointment says its tolerance ended (it showed
 *   "Tolerancia: quedan 3:31" before);
 * - an earlier day's leftover closed from the panel keeps its card and outcome through the
 *   automatic loads, until «Actualizar».
 *
 * The page's clock is Playwright's (context.clock): it flows at real pace, and `fastForward`
 * stands for the minute a consultant waits. The emulator's clock is virtual and moves only with
 * the top bar's «+15 min» / «+1 h» (as a person would) — never by itself.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { eventually, openEmulatorUi, openPanel, type BrowserSession } from '../support/browser';
import { citas, createAttentionWorld, importReport, makeReport, type AttentionWorld, type Report } from '../support/attention-world';

const DAY = '2026-11-27';
/** The page's clock, this far behind the emulator's. */
const SKEW_MS = -3 * 3600_000;

describe('«Citas de hoy» refreshes itself and counts on the server\'s clock (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let context: BrowserContext;
  let page: Page;
  let frame: Frame;
  let report: Report;

  beforeAll(async () => {
    w = createAttentionWorld({ at: `${DAY}T08:00` });
    report = makeReport(DAY, 2, { consultants: ['Ana Quispe'], startTime: '11:00' });
    const imported = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    expect(imported.ok).toBe(true);
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    context = session.context;
    page = session.page;
    // A PC whose clock is 3 hours off the (virtual) server's.
    await context.clock.install({ time: w.ws.state.now() + SKEW_MS });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const card = () => frame.locator(`li[data-id="${report.rows[0].code}"]`);

  test('a Meet link and a reminder the job made show up by themselves; the typed text and the focus stay', async () => {
    await page.locator('.doc-title').first().waitFor();
    frame = await openPanel(page);
    await frame.getByRole('radio', { name: 'Mías (2)' }).waitFor();
    expect(citas(w.ws, w.atenciones).map((r) => r['Enlace Meet'])).toEqual(['', '']);

    // The consultant opens the 11:00 card and starts writing why she may mark it abandoned.
    await frame.getByRole('button', { name: /^11:00/ }).click();
    await card().getByText('Aún no hay enlace de Meet').waitFor();
    const detail = card().getByLabel('Detalle');
    await detail.fill('Llamé a las 8');
    await detail.press('End');

    // Meanwhile, on the server, the reminder job runs (a trigger): Meet links, reminders sent.
    const run = w.ws.runTrigger(w.atenciones, 'runReminders');
    expect(run.error).toBeUndefined();
    const rows = citas(w.ws, w.atenciones);
    expect(rows.every((r) => /^https:\/\/meet\.google\.com\//.test(String(r['Enlace Meet'])))).toBe(true);

    // A minute passes on the page; nobody presses «Actualizar».
    await context.clock.fastForward(61_000);
    await eventually(() => card().getByRole('link', { name: 'Abrir Meet' }).count(), (n) => expect(n).toBe(1), 10_000);
    expect(await card().locator('.facts').textContent()).toContain('Recordatorio enviado');
    expect(await frame.locator('#day-auto').textContent()).toMatch(/^Se actualiza sola cada minuto · última vez a las 08:0\d$/);
    // What she was typing is still there, in the same field, with the focus.
    expect(await card().getByLabel('Detalle').inputValue()).toBe('Llamé a las 8');
    expect(await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.draft)).toBe('detail');
    expect(await card().getAttribute('class')).toContain('open');
    await card().getByLabel('Detalle').pressSequentially(', sin respuesta');
    expect(await card().getByLabel('Detalle').inputValue()).toBe('Llamé a las 8, sin respuesta');
  });

  test('after «Reactivar» at 11:16, the 11:00 appointment says its tolerance ended, whatever the page\'s clock and however old the page', async () => {
    const clockGroup = page.getByRole('group', { name: 'Reloj virtual' });
    for (let i = 0; i < 3; i++) await clockGroup.getByRole('button', { name: '+1 h' }).click();
    await eventually(() => w.ws.formatNow(), (t) => expect(t).toContain('11:0'));
    // The page's next minute: it reloads and counts from the server's 11:0x (its own clock says 08:0x).
    await context.clock.fastForward(61_000);
    const countdown = card().locator('.countdown-big');
    await eventually(() => countdown.textContent(), (t) => expect(t).toMatch(/^Tolerancia: quedan [1-5]:\d\d$/), 10_000);

    // The virtual clock jumps to 11:16; the page has not reloaded since (its clock barely moved).
    await clockGroup.getByRole('button', { name: '+15 min' }).click();
    await eventually(() => w.ws.formatNow(), (t) => expect(t).toContain('11:1'));

    await card().getByLabel('Motivo del abandono').selectOption('No contestó el teléfono');
    await card().getByRole('button', { name: 'Marcar abandonada' }).click();
    await card().locator('.outcome', { hasText: 'La cita quedó registrada como abandonada.' }).waitFor();
    await card().getByRole('button', { name: 'Reactivar' }).click();
    await eventually(() => card().locator('.chip').first().textContent(), (t) => expect(t).toBe('Programada'));
    expect(citas(w.ws, w.atenciones)[0]['Estado']).toBe('Programada');
    // Ended at 11:05: it says so, in the list and in the card, and keeps saying so.
    await eventually(() => countdown.textContent(), (t) => expect(t).toMatch(/^Pasó la tolerancia/));
    expect(await card().locator('.appt-summary .countdown').textContent()).toBe('Pasó la tolerancia');
    await context.clock.fastForward(5_000);
    expect(await countdown.textContent()).toMatch(/^Pasó la tolerancia/);
  });

  test('the next day, a leftover closed from the panel stays with its outcome through the automatic loads, until «Actualizar»', async () => {
    // «Panel del desarrollador › Avanzar hasta», then back to the spreadsheet and its panel.
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Panel del desarrollador', exact: true }).click();
    await page.getByLabel('Avanzar hasta:').fill('2026-11-28T09:00');
    await page.getByRole('button', { name: 'Avanzar', exact: true }).click();
    await eventually(() => w.ws.formatNow(), (t) => expect(t).toContain('2026-11-28'));
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: 'Atenciones Virtuales – Centro de Empleo', exact: true }).click();
    frame = await openPanel(page);
    const earlier = frame.getByRole('list', { name: 'Pendientes de días anteriores' });
    await eventually(() => earlier.locator('li[data-id]').count(), (n) => expect(n).toBe(2));

    await card().getByRole('button', { name: /^11:00/ }).click();
    await card().getByLabel('Motivo de la cancelación').fill('El usuario escribió que ya no necesita la cita.');
    await card().getByRole('button', { name: 'Cancelar cita' }).click();
    await card().locator('.outcome', { hasText: 'La cita quedó cancelada.' }).waitFor();
    expect(citas(w.ws, w.atenciones)[0]['Estado']).toBe('Cancelada');
    // The load after the action and the next minute's: it is still there, and says what happened.
    await context.clock.fastForward(61_000);
    await eventually(() => frame.locator('#day-auto').textContent(), (t) => expect(t).toMatch(/última vez a las 09:0\d$/));
    expect(await card().locator('.outcome').textContent()).toContain('La cita quedó cancelada.');
    expect(await earlier.locator('li[data-id]').count()).toBe(2);
    // The focus, put on the outcome after the click, is still there after the redraws.
    expect(await frame.evaluate(() => document.activeElement?.classList.contains('outcome'))).toBe(true);
    // «Actualizar»: closed, it leaves the section.
    await frame.getByRole('button', { name: 'Actualizar' }).click();
    await eventually(() => earlier.locator('li[data-id]').count(), (n) => expect(n).toBe(1));
    expect(session.pageErrors).toEqual([]);
  });
});
