/**
 * Rough edges of «Citas de hoy» a new consultant hit (issue 10 items 4, 5 and 7), in real
 * Chromium through the emulator's UI: the next action («Iniciar») comes first in an open card;
 * Observaciones keep their line breaks and the system's notes are shown apart; «Actualizar»
 * clears the last action's message; a walk-in whose time is taken says so once; an appointment
 * abandoned, reactivated and abandoned again sends no second email unless asked.
 */
import type { Frame, Page } from 'playwright-core';
import { eventually, openEmulatorUi, openPanel, type BrowserSession } from '../support/browser';
import { createAttentionWorld, importReport, makeReport, typeCitaField, type AttentionWorld } from '../support/attention-world';

const DAY = '2026-11-28';

describe('«Citas de hoy»: the next action first, readable Observaciones, honest messages', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let report: ReturnType<typeof makeReport>;

  beforeAll(async () => {
    w = createAttentionWorld();
    report = makeReport(DAY, 4);
    const r = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    if (!r.ok) throw new Error(r.error);
    // A row whose cell holds the consultant's two lines and, mixed in, two system notes.
    typeCitaField(
      w.ws,
      w.atenciones,
      report.rows[3].code,
      'Observaciones',
      'Abandonada: No contestó el teléfono\nReactivada el sábado 28 de noviembre de 2026, 9:10 a. m.\nPrimera línea del consultor\nSegunda línea',
    );
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

  test('an open card puts «Iniciar» above the contact and the extranet checklist', async () => {
    await frame.getByRole('button', { name: /^08:00/ }).click();
    const start = frame.getByRole('button', { name: 'Iniciar' });
    await start.waitFor();
    const before = await frame.evaluate(() => {
      const card = document.querySelector('.appt-detail')!;
      const iniciar = Array.from(card.querySelectorAll('button')).find((b) => b.textContent === 'Iniciar')!;
      const extranet = card.querySelector('.extranet')!;
      const contact = card.querySelector('.contact')!;
      const precedes = (a: Node, b: Node) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      return { extranet: precedes(iniciar, extranet), contact: precedes(iniciar, contact) };
    });
    expect(before).toEqual({ extranet: true, contact: true });
  });

  test('«Actualizar» clears the last action\'s message', async () => {
    const beforeAction = w.ws.executions({ functionName: 'getDayView' }).length;
    await frame.getByLabel('Aviso enviado en la extranet').check();
    await frame.locator('.outcome', { hasText: 'Aviso en la extranet marcado como hecho.' }).waitFor();
    // Every action is followed by a quiet load of the day (it keeps the message): wait for it, so
    // the count below sees only «Actualizar»'s own load.
    await eventually(() => w.ws.executions({ functionName: 'getDayView' }).length, (n) => expect(n).toBe(beforeAction + 1));
    expect(await frame.locator('.outcome', { hasText: 'Aviso en la extranet marcado como hecho.' }).count()).toBe(1);
    // Done: the message folds away (the card stays short); the tick stays visible.
    expect(await frame.getByLabel('Mensaje para la extranet').isVisible()).toBe(false);
    await frame.getByText('Ver el mensaje para la extranet').click();
    expect(await frame.getByLabel('Mensaje para la extranet').isVisible()).toBe(true);
    const loads = w.ws.executions({ functionName: 'getDayView' }).length;
    await frame.getByRole('button', { name: 'Actualizar', exact: true }).click();
    await eventually(() => w.ws.executions({ functionName: 'getDayView' }).length, (n) => expect(n).toBe(loads + 1));
    await eventually(() => frame.locator('.outcome').count(), (n) => expect(n).toBe(0));
  });

  test('Observaciones keep their line breaks; the system\'s notes are shown apart', async () => {
    await frame.getByRole('button', { name: /^10:00/ }).click();
    const obs = frame.locator('dd.observations');
    await obs.waitFor();
    expect(await obs.evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('pre-line');
    expect(await obs.innerText()).toBe('Primera línea del consultor\nSegunda línea');
    expect(await frame.locator('.system-note').allTextContents()).toEqual([
      'Abandonada: No contestó el teléfono',
      'Reactivada el sábado 28 de noviembre de 2026, 9:10 a. m.',
    ]);
    expect(await frame.locator('dt', { hasText: 'Notas del sistema' }).count()).toBe(1);
  });

  test('a walk-in at a time already taken says so once', async () => {
    await frame.getByRole('button', { name: 'Cita presencial' }).click();
    const view = frame.locator('#view-presencial');
    await view.getByLabel('Número de documento').fill('07654321');
    await view.getByLabel('Nombres y apellidos').fill('Juana Ccori Tupa');
    await view.getByLabel('Correo electrónico').fill('juana.ccori@gmail.com');
    await view.getByLabel('Fecha').fill(DAY);
    await view.getByLabel('Hora').fill('08:40');
    await frame.getByRole('button', { name: 'Reservar cita' }).click();
    await frame.locator('#walkin-problem:not([hidden])').waitFor();
    const text = await view.innerText();
    expect(text.match(/ya está reservado/g) ?? []).toHaveLength(1);
    expect(await frame.locator('#walkin-problem').textContent()).toBe('Revise los datos marcados.');
    await frame.getByRole('button', { name: 'Citas de hoy' }).click();
  });

  test('abandoned, reactivated, abandoned again: no second email unless «Enviarle el aviso otra vez»', async () => {
    w.ws.advanceTo(`${DAY}T08:50`);
    const email = report.rows[1].email;
    const abandonmentMails = () => w.ws.outbox().filter((m) => m.to.includes(email) && m.subject.includes('no se realizó')).length;
    await frame.getByRole('button', { name: /^08:40/ }).click();
    await frame.getByLabel('Motivo del abandono').selectOption('No contestó el teléfono');
    await frame.getByRole('button', { name: 'Marcar abandonada' }).click();
    await frame.locator('.outcome', { hasText: 'La cita quedó registrada como abandonada.' }).waitFor();
    expect(abandonmentMails()).toBe(1);

    await frame.getByRole('button', { name: 'Reactivar' }).click();
    await frame.locator('.outcome', { hasText: '«Programada»' }).waitFor();
    await frame.getByLabel('Motivo del abandono').selectOption('No contestó el teléfono');
    expect(await frame.getByLabel('Enviarle el aviso otra vez').isChecked()).toBe(false);
    await frame.getByRole('button', { name: 'Marcar abandonada' }).click();
    await frame.locator('.outcome', { hasText: 'No se envió otro aviso' }).waitFor();
    expect(abandonmentMails()).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });
});
