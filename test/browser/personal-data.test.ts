/**
 * «Datos personales» (Ley N.° 29733) in real Chromium, through the emulator's UI, the way a
 * consultant answers a person's request: open the panel in "Atenciones Virtuales", search the
 * person's DNI, see their appointment, their registration in "Programación Talleres Masivos"
 * (the sibling) and what is held elsewhere, download the CSV, correct the email (both
 * spreadsheets), and delete the data after typing the DNI again — and see what the sheets hold then.
 *
 * Fixture (Workspace API, not the UI): two people imported from the platform's report; a second
 * report without the first person cancels their appointment (they cancelled on the platform), so
 * nothing blocks deleting their data. The second person's service holds markup that would run
 * script (a name cannot: the one rule for names refuses it on import): it must show as text, and their appointment (still scheduled) makes a deletion refused.
 */
import * as fs from 'node:fs';
import type { Download, Frame, Page } from 'playwright-core';
import { eventually, openEmulatorUi, type BrowserSession } from '../support/browser';
import { citas, createAttentionWorld, importConfirmed, importReport, makeReport, type AttentionWorld, type Report } from '../support/attention-world';
import { putRows } from '../support/workshop-rows';

const START = '2026-11-25T09:00';
const DAY = '2026-11-27';
const XSS = '<img src=x onerror=alert(1)>';
const SPREADSHEET = 'Atenciones Virtuales – Centro de Empleo';


/** "Emprendimiento › Abrir panel": the docked panel's frame. */
async function openPanel(page: Page): Promise<Frame> {
  await page.getByRole('menuitem', { name: 'Emprendimiento', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Abrir panel', exact: true }).click();
  const handle = await page.waitForSelector('.sidebar:not([hidden]) iframe.surface-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the sidebar has no frame');
  await frame.waitForLoadState('load');
  return frame;
}

describe('«Datos personales» in the panel (Chromium)', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  let page: Page;
  let frame: Frame;
  let person: Report['rows'][number];
  let marked: Report['rows'][number];
  const dialogs: string[] = [];

  /** The screen itself (other screens have fields with the same labels). */
  const screen = () => frame.locator('#view-datos');
  const message = () => frame.locator('#pd-message');
  const results = () => frame.locator('#pd-results');
  const row = (code: string) => citas(w.ws, w.atenciones).find((r) => r['ID de cita'] === code)!;
  const registration = () => w.ws.readTab(w.talleres, 'Inscripciones').find((r) => r['ID de inscripción'] === 'INS-000101')!;

  async function search(dni: string): Promise<void> {
    // The live region is emptied on the click and filled with the server's answer.
    await screen().getByLabel('DNI de la persona').fill(dni);
    await frame.getByRole('button', { name: 'Buscar', exact: true }).click();
    await eventually(() => message().textContent(), (t) => expect(t).not.toBe(''));
  }

  beforeAll(async () => {
    w = createAttentionWorld({ at: START });
    const report = makeReport(DAY, 2, {
      consultants: ['Ana Quispe'],
      startTime: '09:00',
      edit: (rows) => {
        rows[1].service = `${XSS} Rosa`;
        return rows;
      },
    });
    [person, marked] = report.rows;
    expect(person.dni).toBe('01234567');
    const first = importReport(w.ws, w.atenciones, report.fileName, report.bytes);
    expect(first.ok && first.value.counts.inserted).toBe(2);
    // The person cancelled on the platform: the next report no longer lists them.
    const later = makeReport(DAY, 2, { consultants: ['Ana Quispe'], startTime: '09:00', edit: (rows) => [{ ...rows[1], service: marked.service }] });
    // Half of the day's appointments: the panel asks for the second confirmation, which she gives.
    const second = importConfirmed(w.ws, w.atenciones, later.fileName, later.bytes);
    expect(second.ok && second.value.counts.cancelled).toBe(1);
    expect(row(person.code)['Estado']).toBe('Cancelada');
    // She also registered for a workshop module ("Programación Talleres Masivos").
    putRows(w.ws, w.talleres, 'Inscripciones', [
      {
        'ID de inscripción': 'INS-000101',
        'ID de módulo': 'MOD-2026-01',
        DNI: person.dni,
        'Nombres y apellidos': `${person.names} ${person.lastNames}`,
        Correo: person.email,
        Región: 'Lima',
        Consentimiento: true,
        'Versión del aviso': 'AV-2026-11',
        'Acepta novedades': false,
        Estado: 'Inscrito',
      },
    ]);

    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('heading', { name: 'Citas de hoy' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  test('the screen is in the navigation and checks the DNI before asking the server', async () => {
    await frame.getByRole('navigation', { name: 'Secciones del panel' }).getByRole('button', { name: 'Datos personales' }).click();
    await frame.getByRole('heading', { name: 'Datos personales', level: 2 }).waitFor();
    const problem = frame.locator('#pd-dni-problem');

    await frame.getByRole('button', { name: 'Buscar', exact: true }).click();
    await expect(problem.textContent()).resolves.toBe('Escriba el DNI de la persona (8 dígitos) o su correo.');
    await screen().getByLabel('DNI de la persona').fill('1234-567');
    await screen().getByLabel('DNI de la persona').press('Enter');
    await expect(problem.textContent()).resolves.toBe('Un DNI tiene 8 dígitos, por ejemplo 01234567. Revise lo que escribió.');
    await expect(screen().getByLabel('DNI de la persona').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await results().isHidden()).toBe(true);
    expect(await message().textContent()).toBe('');
  });

  test("searching the DNI shows the person's appointment, grouped by source, and what is held elsewhere", async () => {
    // Typed with a space, as it reads on the card; the server gets the 8 digits.
    await search('0123 4567');
    const expected = w.ws.callFromSidebar(w.atenciones, 'findPersonData', [person.dni]);
    expect(expected.ok).toBe(true);
    const lookup = expected.ok ? (expected.value as { message: string; notes: string[] }) : { message: '', notes: [] };
    await expect(message().textContent()).resolves.toBe(lookup.message);
    expect(lookup.message).toContain(person.dni);

    await expect(frame.locator('#pd-results-title').textContent()).resolves.toBe(`Datos del DNI ${person.dni}`);
    await frame.getByRole('heading', { name: 'Citas (1)' }).waitFor();
    const appointment = frame.getByRole('list', { name: 'Citas' }).locator('details');
    await expect(appointment.locator('summary').textContent()).resolves.toMatch(/^Cita del 27\/11\/2026.*Cancelada ID: /);
    const fields = await appointment.locator('dd').allTextContents();
    expect(fields).toEqual(expect.arrayContaining([`${person.names} ${person.lastNames}`, person.email, person.code]));
    expect(await appointment.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    // Her registration in the other spreadsheet, open too, with what she consented to.
    await frame.getByRole('heading', { name: 'Inscripciones (1)' }).waitFor();
    const signup = frame.getByRole('list', { name: 'Inscripciones' }).locator('details');
    await expect(signup.locator('summary').textContent()).resolves.toMatch(/^Inscripción al módulo MOD-2026-01.*Inscrito ID: INS-000101/);
    expect(await signup.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const terms = await signup.locator('dt').allTextContents();
    const values = await signup.locator('dd').allTextContents();
    const value = (label: string) => values[terms.indexOf(label)];
    expect([value('Consentimiento'), value('Versión del aviso'), value('Acepta novedades')]).toEqual(['Sí', 'AV-2026-11', 'No']);
    // What the panel cannot change is said, as the server wrote it.
    expect(await frame.locator('#pd-notes li').allTextContents()).toEqual(lookup.notes);
    expect(lookup.notes.some((n) => /plataforma/i.test(n))).toBe(true);
  });

  test('«Descargar (CSV)» downloads the file the server named, with the BOM and the person\'s name', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }) as Promise<Download>,
      frame.getByRole('button', { name: 'Descargar (CSV)' }).click(),
    ]);
    const fileName = `datos-personales-${person.dni}-2026-11-25.csv`;
    expect(download.suggestedFilename()).toBe(fileName);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(`${person.names} ${person.lastNames}`);
    expect(text).toContain(person.email);
    await eventually(() => message().textContent(), (t) => expect(t).toContain(`«${fileName}»`));
    // The link stays, to download again; nothing was put in the page as a data: URL.
    const again = frame.getByRole('link', { name: `Descargar «${fileName}» otra vez` });
    await expect(again.getAttribute('href')).resolves.toMatch(/^blob:/);
    expect(await frame.locator('a[href^="data:"]').count()).toBe(0);
  });

  test('where the browser holds the download back (the panel is a sandboxed frame), the CSV is there to copy', async () => {
    const fileName = `datos-personales-${person.dni}-2026-11-25.csv`;
    const box = frame.getByRole('textbox', { name: `Contenido de «${fileName}»` });
    await expect(box.getAttribute('readonly')).resolves.not.toBeNull();
    const text = await box.inputValue();
    expect(text.startsWith('Origen,ID,Campo,Valor\r\n') || text.startsWith('Origen,ID,Campo,Valor\n')).toBe(true);
    expect(text).toContain(`${person.names} ${person.lastNames}`);
    expect(text).toContain(person.email);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
    await frame.getByRole('button', { name: 'Copiar' }).click();
    const status = frame.locator('#pd-copy-status');
    await eventually(() => status.textContent(), (t) => expect(t).toMatch(/^(Copiado\.|Seleccione el texto)/));
  });

  test('«Corregir datos» sends only what changed; a refusal is shown and the form keeps what was typed', async () => {
    await frame.getByRole('button', { name: 'Corregir datos' }).click();
    const name = screen().getByLabel('Nombres y apellidos');
    await expect(name.inputValue()).resolves.toBe(`${person.names} ${person.lastNames}`);
    await expect(screen().getByLabel('Correo electrónico').inputValue()).resolves.toBe(person.email);

    // Nothing changed: the panel says so and asks nothing of the server.
    await frame.getByRole('button', { name: 'Guardar corrección' }).click();
    await expect(frame.locator('#pd-correct-problem').textContent()).resolves.toMatch(/^No cambió ningún dato/);

    await screen().getByLabel('Correo electrónico').fill('maria@@correo');
    await frame.getByRole('button', { name: 'Guardar corrección' }).click();
    await eventually(() => message().textContent(), (t) => expect(t).toMatch(/^No se corrigió nada/));
    expect(await message().getAttribute('class')).toContain('notice-error');
    await expect(screen().getByLabel('Correo electrónico').inputValue()).resolves.toBe('maria@@correo');
    expect(row(person.code)['Correo']).toBe(person.email);

    const fixed = 'maria.jose.nueva@gmail.com';
    await screen().getByLabel('Correo electrónico').fill(fixed);
    await frame.getByRole('button', { name: 'Guardar corrección' }).click();
    await eventually(() => message().textContent(), (t) => expect(t).toMatch(/^Se corrigió el dato correo del DNI 01234567 en 1 cita\..*También en 1 inscripción a talleres\./));
    expect(row(person.code)['Correo']).toBe(fixed);
    expect(registration()['Correo']).toBe(fixed);
    expect(row(person.code)['Nombres y apellidos']).toBe(`${person.names} ${person.lastNames}`);
    // The list is the server's answer: the person's data as it is now.
    expect(await frame.getByRole('list', { name: 'Citas' }).locator('dd').allTextContents()).toContain(fixed);
    expect(await frame.locator('#pd-correct-form').isHidden()).toBe(true);
  });

  test('markup in a field shows as text; a deletion is refused while an appointment is scheduled, and says why', async () => {
    await search(marked.dni);
    const shown = await frame.getByRole('list', { name: 'Citas' }).locator('dd').allTextContents();
    expect(shown).toContain(`${XSS} Rosa`);
    expect(await frame.locator('#view-datos img').count()).toBe(0);

    await frame.getByRole('button', { name: 'Eliminar datos' }).click();
    const confirm = screen().getByLabel(`Para confirmar, escriba otra vez el DNI ${marked.dni}`);
    await confirm.fill(marked.dni);
    await frame.getByRole('button', { name: 'Eliminar definitivamente' }).click();
    await eventually(() => message().textContent(), (t) => expect(t).toMatch(/No se eliminó nada\.$/));
    expect(await message().getAttribute('class')).toContain('notice-error');
    expect(row(marked.code)['DNI']).toBe(marked.dni);
    expect(dialogs).toEqual([]);
  });

  test('«Eliminar datos» warns, waits for the DNI typed again, and shows what is held afterwards', async () => {
    await search(person.dni);
    await frame.getByRole('button', { name: 'Eliminar datos' }).click();
    await expect(frame.locator('#pd-delete-warning').textContent()).resolves.toContain('Esta acción no se puede deshacer.');
    const button = frame.getByRole('button', { name: 'Eliminar definitivamente' });
    const confirm = screen().getByLabel(`Para confirmar, escriba otra vez el DNI ${person.dni}`);
    expect(await button.isDisabled()).toBe(true);
    await confirm.fill('01234568');
    expect(await button.isDisabled()).toBe(true);
    // Enter in the box does nothing while the DNI does not match.
    const before = await message().textContent();
    await confirm.press('Enter');
    await new Promise((r) => setTimeout(r, 300));
    expect(await message().textContent()).toBe(before);
    expect(row(person.code)['DNI']).toBe(person.dni);
    await confirm.fill('0123 4567');
    expect(await button.isEnabled()).toBe(true);
    await button.click();

    await eventually(() => message().textContent(), (t) => expect(t).toMatch(/^Se eliminaron los datos del DNI 01234567/));
    const sheet = row(person.code);
    expect([sheet['Nombres y apellidos'], sheet['DNI'], sheet['Correo'], sheet['Celular']]).toEqual(['Datos eliminados (Ley 29733)', '', '', '']);
    expect(sheet['Estado']).toBe('Cancelada');
    expect(registration()).toMatchObject({ DNI: '', Correo: '', 'Nombres y apellidos': 'Datos eliminados (Ley 29733)', Estado: 'Retirado', 'Versión del aviso': 'AV-2026-11' });
    // The list is the server's answer after the deletion: nothing of the person is left in it.
    const after = w.ws.callFromSidebar(w.atenciones, 'findPersonData', [person.dni]);
    const now = after.ok ? (after.value as { message: string }).message : '';
    await expect(frame.locator('#pd-found').textContent()).resolves.toBe(now);
    const left = (await results().textContent()) ?? '';
    expect(left).not.toContain(person.lastNames);
    expect(left).not.toContain('maria.jose.nueva@gmail.com');
    expect(await frame.locator('#pd-download a').count()).toBe(0);
  });

  test('in "Programación Talleres Masivos" the same screen searches both spreadsheets', async () => {
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: 'Programación Talleres Masivos', exact: true }).click();
    await page.locator('.doc-title', { hasText: 'Programación Talleres Masivos' }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('heading', { name: 'Módulos' }).waitFor();
    await frame.getByRole('navigation', { name: 'Secciones del panel' }).getByRole('button', { name: 'Datos personales' }).click();
    await frame.getByRole('heading', { name: 'Datos personales', level: 2 }).waitFor();
    await search(marked.dni);
    // Luis's appointment lives in the other spreadsheet ("Atenciones"): found from here.
    await frame.getByRole('heading', { name: 'Citas (1)' }).waitFor();
    expect(await frame.getByRole('list', { name: 'Citas' }).locator('dd').allTextContents()).toContain(marked.code);
  });

  test('no dialog ever opened and the page threw nothing', () => {
    expect(dialogs).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
