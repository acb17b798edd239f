/**
 * The session screen in real Chromium through the emulator's UI (B09): from a module's detail the
 * consultant opens «Ver sesión 1» after the session, marks a person present by hand, pastes the
 * link of the Meet attendance report Google saved for the session's event, imports it, assigns a
 * participant who used a nickname, and sees the counts, the sources and the module's running
 * attendance. «Enviar enlaces ahora» / «Enviar encuesta ahora» are offered (the whole session
 * day, with both sends, is test/browser/workshops-session-day.test.ts).
 */
import type { Frame, Page } from 'playwright-core';
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { eventually, openEmulatorUi, openPanel, screenshot, type BrowserSession } from '../support/browser';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { appendRows } from '../support/sheet-rows';

const SPREADSHEET = 'Programación Talleres Masivos';

const MODULE: ModuleInput = {
  requestId: 'browser-session-b09-01',
  name: 'Aprende a Emprender – Asistencia',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 10,
  minSessions: 2,
  sessions: [
    { topic: 'Ventas en línea', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
  ],
};

const t = (hhmm: string, day = '2026-12-01') => `${day}T${hhmm}:00-05:00`;

describe('the session screen: hand marks and the Meet report (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let id = '';
  let reportUrl = '';

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
    call('inviteSpeakers', [id]);
    const ev1 = String(w.ws.readTab(w.talleres, 'Sesiones').find((s) => s['ID de módulo'] === id)!['ID evento']);
    const reg = (n: number, name: string, email: string) => ({
      'ID de inscripción': `I-${n}`,
      'ID de módulo': id,
      'Fecha de inscripción': new Date(t('10:00', '2026-11-21')),
      DNI: `0${4000000 + n}`,
      'Nombres y apellidos': name,
      Correo: email,
      Estado: 'Inscrito',
    });
    appendRows(w.ws, w.talleres, 'Inscripciones', [
      reg(1, 'María José Quispe Mamani', 'maria.quispe@gmail.com'),
      reg(2, '<b>José</b> Pérez Huamán', 'jose.perez@hotmail.com'),
      reg(3, 'Rosa Elvira Cárdenas', 'rosa.cardenas@gmail.com'),
    ]);
    w.ws.advanceTo('2026-12-01T20:30');
    reportUrl = w.ws.meet.writeAttendanceReport(ev1, [
      { firstName: 'María José', lastName: 'Quispe Mamani', email: 'maria.quispe@gmail.com', connections: [{ joined: t('18:00'), exited: t('18:40') }, { joined: t('18:45'), exited: t('20:00') }] },
      { firstName: 'Rosita', connections: [{ joined: t('18:05'), exited: t('19:50') }] },
    ]).url;
    session = await openEmulatorUi(w.ws, { width: 1400, height: 1000 });
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const item = () => frame.locator(`li.module[data-id="${id}"]`);
  const screen = () => item().locator('.session-screen').first();
  const row = (regId: string) => screen().locator(`.session-attendance-table tr[data-id="${regId}"]`);

  test('«Ver sesión 1» from the module detail: everyone unmarked, the two sends offered', async () => {
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await item().waitFor();
    await item().getByText('Ver pasos e inscripciones').click();
    await item().getByRole('button', { name: 'Ver sesión 1' }).click();
    await screen().locator('.attendance-counts').waitFor();
    expect(await screen().locator('.attendance-counts').textContent()).toBe('Presentes 0 · Ausentes 0 · Sin marcar 3 (de 3)');
    // The session's two sends (B06–B08) are offered.
    expect(await screen().locator('[data-action="send-links"], [data-action="send-survey"]').count()).toBe(2);
    // Markup in a name stays text.
    expect(await screen().locator('b').count()).toBe(0);
  });

  test('a hand mark, then the Meet report pasted and imported; the nickname assigned by hand', async () => {
    await row('I-2').getByRole('button', { name: 'Presente: <b>José</b> Pérez Huamán' }).click();
    await eventually(() => row('I-2').getAttribute('data-present'), (v) => expect(v).toBe('true'));
    expect(await row('I-2').locator('td').nth(2).textContent()).toBe('Manual');

    await screen().getByLabel('Enlace o ID del reporte de Meet').fill(reportUrl);
    await screen().getByRole('button', { name: 'Importar reporte' }).click();
    await eventually(() => screen().locator('.attendance-counts').textContent(), (v) => expect(v).toBe('Presentes 2 · Ausentes 0 · Sin marcar 1 (de 3)'));
    expect(await row('I-1').locator('td').evaluateAll((tds) => tds.slice(1, 4).map((td) => td.textContent))).toEqual(['Presente', 'Reporte de Meet', 'Meet 115 min («María José Quispe Mamani»)']);
    const unmatched = screen().locator('.meet-unmatched li');
    expect(await unmatched.count()).toBe(1);
    expect(await unmatched.first().textContent()).toContain('Rosita — 105 min');

    await unmatched.first().locator('select').selectOption({ label: 'Rosa Elvira Cárdenas' });
    await unmatched.first().getByRole('button', { name: 'Asignar' }).click();
    await eventually(() => screen().locator('.attendance-counts').textContent(), (v) => expect(v).toBe('Presentes 3 · Ausentes 0 · Sin marcar 0 (de 3)'));
    expect(await screen().locator('.meet-unmatched li').count()).toBe(0);
    expect(await screen().locator('.module-attendance-table tbody tr').evaluateAll((rs) => rs.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent)))).toEqual([
      ['<b>José</b> Pérez Huamán', '1', '1', 'Puede cumplir'],
      ['María José Quispe Mamani', '1', '1', 'Puede cumplir'],
      ['Rosa Elvira Cárdenas', '1', '1', 'Puede cumplir'],
    ]);
    expect(await screen().textContent()).not.toContain('@gmail');
    await screen().evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'sesion-asistencia.png');
    expect(session.pageErrors).toEqual([]);
  });
});
