/**
 * A consultant's session day in real Chromium through the panel (issue 12, B06–B09): the day
 * before, «Ver sesión 1» and «Enviar enlaces ahora» — the «Correos de la sesión» table counts the
 * links and the speaker's brief, the outbox has them — and the «Enlace de asistencia (para el
 * chat de Meet)» field holds the check-in link. After the start a participant checks in through
 * that link in the form view, the consultant marks another «Presente» by hand; after the end the
 * Meet report Google saved is imported by pasting its link, a nickname is «Asignar»-ed, and
 * «Enviar encuesta ahora» sends the survey to the people present only. The counts on screen
 * follow every step. The emulator's clock is moved between the steps (its due triggers fire).
 */
import type { Frame, Page } from 'playwright-core';
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { CHECKIN_QUESTIONS as CQ } from '../../src/domain/workshops/checkin-form';
import { eventually, openEmulatorUi, openPanel, screenshot, type BrowserSession } from '../support/browser';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';
import { appendRows } from '../support/sheet-rows';

const SPREADSHEET = 'Programación Talleres Masivos';

const MODULE: ModuleInput = {
  requestId: 'browser-session-day-01',
  name: 'Aprende a Emprender – Un día de sesión',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 10,
  minSessions: 1,
  sessions: [
    { topic: 'Ventas en línea', date: '2026-12-01', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Costos y precios', date: '2026-12-03', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
  ],
};

const PEOPLE = [
  { id: 'I-1', dni: '04000001', name: 'María José Quispe Mamani', email: 'maria.quispe@gmail.com' }, // the form (typed without the leading zero)
  { id: 'I-2', dni: '41000002', name: 'Jorge Huamán Ríos', email: 'jorge.huaman@hotmail.com' }, // by hand
  { id: 'I-3', dni: '41000003', name: 'Rosa Elvira Cárdenas', email: 'rosa.cardenas@gmail.com' }, // Meet, as «Rosita»
  { id: 'I-4', dni: '41000004', name: 'Lucía Pérez Condori', email: 'lucia.perez@gmail.com' }, // Meet, too short
  { id: 'I-5', dni: '41000005', name: 'Pedro Ñahui Ccori', email: 'pedro.nahui@gmail.com' }, // nowhere
] as const;

const t = (hhmm: string, day = '2026-12-01') => `${day}T${hhmm}:00-05:00`;

describe("a consultant's session day in the panel: links, check-in link, marks, the Meet report, the survey (Chromium)", () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let citizen: Page;
  let frame: Frame;
  let id = '';
  let s1 = '';
  let eventId = '';
  let checkinUrl = '';

  const item = () => frame.locator(`li.module[data-id="${id}"]`);
  const screen = () => item().locator(`.session-screen[data-session="${s1}"]`);
  const row = (regId: string) => screen().locator(`.session-attendance-table tr[data-id="${regId}"]`);
  const counts = () => screen().locator('.attendance-counts').textContent();
  const mailTable = () =>
    screen()
      .locator('.session-mails-table tbody tr')
      .evaluateAll((rs) => rs.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent)));
  const mailsTo = (email: string, prefix: string) => w.ws.outbox().filter((m) => m.to.includes(email) && m.subject.startsWith(prefix));

  /** «Cerrar» then «Ver sesión 1»: the screen is read again (as after coming back to the panel later). */
  async function reopen(): Promise<void> {
    await page.bringToFront();
    const open = item().locator(`button[data-action="open-session"][data-session="${s1}"]`);
    if ((await open.getAttribute('aria-expanded')) === 'true') await open.click();
    await open.click();
    await screen().locator('.attendance-counts').waitFor();
  }

  beforeAll(async () => {
    w = createAttentionWorld({ at: '2026-11-27T09:00' });
    const call = <T>(fn: string, args: unknown[]): T => {
      const r = w.ws.callFromSidebar(w.talleres, fn, args);
      if (!r.ok) throw new Error(r.error);
      return r.value as T;
    };
    const saved = call<SaveModuleResult>('saveModule', [MODULE]);
    if (!saved.ok) throw new Error(saved.message);
    id = saved.module.id;
    const invited = call<{ ok: boolean; message: string }>('inviteSpeakers', [id]);
    if (!invited.ok) throw new Error(invited.message);
    const first = w.ws.readTab(w.talleres, 'Sesiones').find((s) => s['ID de módulo'] === id && s['Tema'] === 'Ventas en línea')!;
    s1 = String(first['ID de sesión']);
    eventId = String(first['ID evento']);
    appendRows(
      w.ws,
      w.talleres,
      'Inscripciones',
      PEOPLE.map((p, i) => ({
        'ID de inscripción': p.id,
        'ID de módulo': id,
        'Fecha de inscripción': new Date(t(`10:0${i}`, '2026-11-27')),
        DNI: p.dni,
        'Nombres y apellidos': p.name,
        Correo: p.email,
        Estado: 'Inscrito',
      })),
    );
    // The morning of the day before: the clock has not sent the links yet (they go at 18:00).
    w.ws.advanceTo('2026-11-30T10:00');
    session = await openEmulatorUi(w.ws, { width: 1400, height: 1000 });
    page = session.page;
    citizen = await session.context.newPage();
    citizen.on('pageerror', (e) => session.pageErrors.push(e));
  }, 90_000);

  afterAll(async () => {
    await session?.close();
  });

  test('the day before: «Ver sesión 1», «Enviar enlaces ahora»; the table counts the links and the brief, the outbox has them; the check-in link is there to copy', async () => {
    await page.bringToFront();
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await item().waitFor();
    await item().getByText('Ver pasos e inscripciones').click();
    await item().getByRole('button', { name: 'Ver sesión 1' }).click();
    await screen().locator('.attendance-counts').waitFor();
    expect(await counts()).toBe('Presentes 0 · Ausentes 0 · Sin marcar 5 (de 5)');
    expect(await screen().locator('.session-mails').textContent()).toContain('Todavía no se envió ningún correo de esta sesión.');
    // Before the start there is nothing to mark.
    expect(await screen().locator('[data-action="mark-present"]').count()).toBe(0);
    expect(mailsTo(PEOPLE[0].email, 'Enlace de acceso')).toHaveLength(0);

    await screen().getByRole('button', { name: 'Enviar enlaces ahora' }).click();
    await eventually(mailTable, (rows) =>
      expect(rows).toEqual(
        expect.arrayContaining([
          ['Enlace de acceso', '5', '0', '0', '0'],
          ['Resumen al ponente', '1', '0', '0', '0'],
        ]),
      ),
    );
    for (const p of PEOPLE) expect(mailsTo(p.email, 'Enlace de acceso: sesión 1')).toHaveLength(1);
    expect(w.ws.outbox().filter((m) => m.to.includes('carmen.vilchez@gmail.com') && !m.subject.startsWith('Invitación'))).toHaveLength(1);
    expect(w.ws.outbox().filter((m) => m.to.includes('jose.nahui@gmail.com') && !m.subject.startsWith('Invitación'))).toHaveLength(0);

    // The check-in link for the Meet chat: the check-in form with this session chosen.
    const field = screen().getByRole('textbox', { name: 'Enlace de asistencia (para el chat de Meet)' });
    await field.waitFor();
    checkinUrl = await field.inputValue();
    expect(checkinUrl).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform\?/);
    expect(String(w.ws.openFormLink(checkinUrl).answers[CQ.session])).toContain(`[${s1}]`);
    // A second click sends nobody anything again.
    const before = w.ws.outbox().length;
    await screen().getByRole('button', { name: 'Enviar enlaces ahora' }).click();
    await page.waitForTimeout(300);
    await screen().locator('.attendance-counts').waitFor();
    expect(w.ws.outbox().length).toBe(before);
  });

  test('during the session: one participant checks in through the link, the consultant marks another «Presente» by hand', async () => {
    w.ws.advanceTo('2026-12-01T18:10');
    await citizen.bringToFront();
    await citizen.goto(`${session.server.url}#/formulario?url=${encodeURIComponent(checkinUrl)}`);
    const label = (title: string) => new RegExp(`^${title}( \\*)?$`);
    await eventually(() => citizen.getByLabel(label(CQ.session)).inputValue(), (v) => expect(v).toContain(`[${s1}]`));
    await citizen.getByLabel(label(CQ.documentType)).selectOption('DNI');
    // A phone keyboard drops the leading zero: the form still finds her.
    await citizen.getByLabel(label(CQ.documentNumber)).fill(PEOPLE[0].dni.replace(/^0/, ''));
    await citizen.getByRole('button', { name: 'Enviar', exact: true }).click();
    await citizen.locator('.form-confirmation').waitFor();

    await reopen();
    await eventually(() => row('I-1').getAttribute('data-present'), (v) => expect(v).toBe('true'));
    expect(await row('I-1').locator('td').evaluateAll((tds) => tds.slice(1, 3).map((td) => td.textContent))).toEqual(['Presente', 'Formulario']);
    expect(await row('I-1').locator('td').nth(3).textContent()).toMatch(/^Formulario 18:1\d$/);

    await row('I-2').getByRole('button', { name: `Presente: ${PEOPLE[1].name}` }).click();
    await eventually(() => row('I-2').getAttribute('data-present'), (v) => expect(v).toBe('true'));
    expect(await row('I-2').locator('td').nth(2).textContent()).toBe('Manual');
    expect(await counts()).toBe('Presentes 2 · Ausentes 0 · Sin marcar 3 (de 5)');
    // The second notice went an hour before the start, by the clock.
    await eventually(mailTable, (rows) => expect(rows).toContainEqual(['Recordatorio previo', '5', '0', '0', '0']));
  });

  test('after the end: the Meet report pasted and imported, «Rosita» assigned; «Enviar encuesta ahora» reaches the people present only', async () => {
    // Just past the end, before the clock's own survey time (end + 15 min).
    w.ws.advanceTo('2026-12-01T20:05');
    const reportUrl = w.ws.meet.writeAttendanceReport(eventId, [
      { firstName: 'María José', lastName: 'Quispe Mamani', email: PEOPLE[0].email, connections: [{ joined: t('18:05'), exited: t('19:58') }] },
      { firstName: 'Rosita', connections: [{ joined: t('18:02'), exited: t('18:50') }, { joined: t('18:55'), exited: t('20:00') }] },
      { firstName: 'Lucía', lastName: 'Pérez Condori', email: PEOPLE[3].email, connections: [{ joined: t('19:40'), exited: t('19:52') }] },
    ]).url;
    await reopen();
    await screen().getByLabel('Enlace o ID del reporte de Meet').fill(reportUrl);
    await screen().getByRole('button', { name: 'Importar reporte' }).click();
    await eventually(counts, (v) => expect(v).toBe('Presentes 2 · Ausentes 1 · Sin marcar 2 (de 5)'));
    expect(await row('I-4').locator('td').evaluateAll((tds) => tds.slice(1, 3).map((td) => td.textContent))).toEqual(['Ausente', 'Reporte de Meet']);
    // The form's mark stays, the Meet minutes added as evidence.
    expect(await row('I-1').locator('td').nth(3).textContent()).toContain('Meet 113 min');
    const unmatched = screen().locator('.meet-unmatched li');
    expect(await unmatched.count()).toBe(1);
    expect(await unmatched.first().textContent()).toContain('Rosita — 113 min');
    await unmatched.first().locator('select').selectOption({ label: PEOPLE[2].name });
    await unmatched.first().getByRole('button', { name: 'Asignar' }).click();
    await eventually(counts, (v) => expect(v).toBe('Presentes 3 · Ausentes 1 · Sin marcar 1 (de 5)'));
    expect(await screen().locator('.meet-unmatched li').count()).toBe(0);

    expect(w.ws.outbox().filter((m) => m.subject.startsWith('Encuesta de Satisfacción'))).toHaveLength(0);
    await screen().getByRole('button', { name: 'Enviar encuesta ahora' }).click();
    await eventually(mailTable, (rows) => expect(rows).toContainEqual(['Encuesta', '3', '0', '0', '0']));
    const surveyed = w.ws
      .outbox()
      .filter((m) => m.subject.startsWith('Encuesta de Satisfacción'))
      .flatMap((m) => m.to)
      .sort();
    expect(surveyed).toEqual([PEOPLE[0].email, PEOPLE[1].email, PEOPLE[2].email].sort());
    expect(await screen().locator('.session-survey').textContent()).toMatch(/^Encuesta: .+ · 0 respuesta\(s\)$/);
    expect(await screen().locator('.session-survey').textContent()).not.toContain('no enviada');
    expect(await counts()).toBe('Presentes 3 · Ausentes 1 · Sin marcar 1 (de 5)');
    expect(await screen().locator('.module-attendance-table tbody tr').evaluateAll((rs) => rs.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent)))).toEqual(
      expect.arrayContaining([
        [PEOPLE[0].name, '1', '1', expect.any(String)],
        [PEOPLE[3].name, '0', '1', expect.any(String)],
      ]),
    );
    // Personal contact data stays off the screen.
    expect(await screen().textContent()).not.toContain('@gmail');
    await screen().evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'sesion-dia.png');

    // Later the clock's own survey time passes: nobody gets it twice.
    const sent = w.ws.outbox().length;
    w.ws.advanceTo('2026-12-01T21:00');
    expect(w.ws.outbox().filter((m) => m.subject.startsWith('Encuesta de Satisfacción'))).toHaveLength(3);
    expect(w.ws.outbox().length).toBe(sent);
    expect(session.pageErrors).toEqual([]);
  });
});
