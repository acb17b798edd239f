/**
 * B05 registration end to end in real Chromium through the emulator's UI (issue 11): the
 * consultant, in "Programación Talleres Masivos", opens «Módulos», opens the module's detail and
 * clicks «Abrir inscripción», and reads the module's link; citizens open that link in the
 * emulator's form view (the module already chosen in the dropdown), answer every required
 * question and send it — the first gets the place (capacity 1), the second the waiting list; the
 * consultant's «Actualizar» shows both. The first opens the withdrawal link of her confirmation
 * email in the emulator's web app view, reads what it does (the module, none of her data),
 * confirms, and the second is promoted and told once; the panel shows it; the same link again
 * says it was used. A hostile name sent through the form is refused with the «corrección» email
 * and never reaches the panel as markup.
 *
 * The Workspace API is used only for the fixture (the module saved, the web app deployed) and to
 * read the sheets and the outbox for the assertions.
 */
import type { Frame, Page } from 'playwright-core';
import type { ModuleInput, SaveModuleResult } from '../../src/api';
import { WITHDRAWAL_PAGES } from '../../src/domain/messages/withdrawal';
import { REGISTRATION_MESSAGES as RM } from '../../src/domain/messages/registration';
import { CONSENT_CHOICE, REGISTRATION_QUESTIONS as Q } from '../../src/domain/workshops/registration-form';
import { eventually, openEmulatorUi, openPanel, screenshot, type BrowserSession } from '../support/browser';
import { createAttentionWorld, type AttentionWorld } from '../support/attention-world';

const SPREADSHEET = 'Programación Talleres Masivos';

const MODULE: ModuleInput = {
  requestId: 'browser-b05-registration',
  name: 'Aprende a Emprender – Ventas',
  year: 2026,
  quarter: 'IV',
  audience: 'Personas con una idea de negocio',
  capacity: 1,
  minSessions: 2,
  sessions: [
    { topic: 'Vender por redes sociales', date: '2026-12-09', startTime: '18:00', endTime: '20:00', speaker: 'Carmen Rosa Vílchez', speakerEmail: 'carmen.vilchez@gmail.com' },
    { topic: 'Atención al cliente', date: '2026-12-11', startTime: '18:00', endTime: '20:00', speaker: 'José Ángel Ñahui', speakerEmail: 'jose.nahui@gmail.com' },
  ],
};

interface Citizen {
  dni: string;
  names: string;
  surnames: string;
  email: string;
}

const ROSA: Citizen = { dni: '41234567', names: 'Rosa', surnames: 'Mamani Quispe', email: 'rosa.mamani@gmail.com' };
const JORGE: Citizen = { dni: '42345678', names: 'Jorge Luis', surnames: "Huamán O'Neill", email: 'jorge.huaman@gmail.com' };
const LUCIA: Citizen = { dni: '44567890', names: 'Lucía', surnames: 'Ñahui Condori', email: 'lucia.nahui@hotmail.com' };
const HOSTILE: Citizen = { dni: '43456789', names: '<b>Ana</b>', surnames: '=HYPERLINK("http://x.example/","clic")', email: 'ana.torres@gmail.com' };

/** A question's title as its label reads (the form marks a required one with " *"). */
const question = (title: string) => new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

/** The virtual clock moves a minute or so per execution: the minutes of a time are not asserted. */
const minutes = (text: string | null) => (text ?? '').replace(/(\d\d\/\d\d\/\d{4} \d\d):\d\d/g, '$1:mm');

const CONFIRMED_SUBJECT = `Inscripción confirmada: taller «${MODULE.name}» – MTPE`;
const WAITING_SUBJECT = `Lista de espera: taller «${MODULE.name}» – MTPE`;
const PROMOTED_SUBJECT = `Se liberó un cupo: su inscripción en «${MODULE.name}» está confirmada – MTPE`;
const FIX_SUBJECT = 'Su inscripción a los talleres del MTPE necesita una corrección';

describe('B05 registration in Chromium: opened in the panel, answered in the form, withdrawn in the web app', () => {
  let w: AttentionWorld;
  let session: BrowserSession;
  /** The consultant's tab (the spreadsheet with the panel) and the citizens' tab. */
  let page: Page;
  let citizen: Page;
  let frame: Frame;
  let id = '';
  let link = '';
  let withdrawLink = '';

  const registrations = () => w.ws.readTab(w.talleres, 'Inscripciones');
  const mailsTo = (email: string) => w.ws.outbox().filter((m) => m.to.includes(email));
  const item = () => frame.locator(`li.module[data-id="${id}"]`);
  const table = () => item().getByRole('table', { name: 'Personas inscritas (por orden de inscripción)' });
  const tableRows = () => table().locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent)));
  const waiting = () => item().getByRole('list', { name: `Lista de espera del módulo «${MODULE.name}», en orden` });

  beforeAll(async () => {
    w = createAttentionWorld({ at: '2026-11-27T09:00' });
    const saved = w.ws.callFromSidebar(w.talleres, 'saveModule', [MODULE]);
    if (!saved.ok) throw new Error(saved.error);
    const r = saved.value as SaveModuleResult;
    if (!r.ok) throw new Error(r.message);
    id = r.module.id;
    w.ws.deployWebApp(w.talleres);
    session = await openEmulatorUi(w.ws, { width: 1400, height: 900 });
    page = session.page;
    citizen = await session.context.newPage();
    citizen.on('pageerror', (e) => session.pageErrors.push(e));
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  /** «Actualizar» in «Módulos»: the list is read again and the open detail reads its registrants again. */
  async function refresh(): Promise<void> {
    // A tab in the background does not toggle a <details> on a click: the consultant's tab comes to the front.
    await page.bringToFront();
    await frame.getByRole('button', { name: 'Actualizar', exact: true }).click();
    await table().waitFor();
  }

  /** A citizen opens the module's link in the emulator's form view and answers as a person would. */
  async function register(p: Citizen): Promise<void> {
    await citizen.bringToFront();
    await citizen.goto('about:blank');
    await citizen.goto(`${session.server.url}#/formulario?url=${encodeURIComponent(link)}`);
    const moduleSelect = citizen.getByLabel(question(Q.module));
    // The link preselects the module (its choice ends with the module's ID).
    await eventually(() => moduleSelect.inputValue(), (v) => expect(v).toMatch(new RegExp(`^${MODULE.name} .*\\[${id}\\]$`)));
    await citizen.getByLabel(question(Q.documentType)).selectOption('DNI');
    await citizen.getByLabel(question(Q.documentNumber)).fill(p.dni);
    await citizen.getByLabel(question(Q.names)).fill(p.names);
    await citizen.getByLabel(question(Q.surnames)).fill(p.surnames);
    await citizen.getByLabel(question(Q.email)).fill(p.email);
    await citizen.getByLabel(question(Q.region)).selectOption('Lima Metropolitana');
    await citizen.getByRole('radiogroup', { name: question(Q.stage) }).getByLabel('Idea de negocio').check();
    await citizen.getByLabel(question(Q.sector)).selectOption('Comercio');
    await citizen.getByRole('radiogroup', { name: question(Q.presents) }).getByLabel('No', { exact: true }).check();
    await citizen.getByRole('group', { name: question(Q.consent) }).getByLabel(CONSENT_CHOICE).check();
    await citizen.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect(citizen.locator('.form-confirmation').textContent()).resolves.toContain('Gracias. Recibimos su inscripción.');
  }

  test('the consultant opens «Módulos», the module\'s detail, clicks «Abrir inscripción» and reads the link to share', async () => {
    await page.bringToFront();
    await page.getByRole('navigation', { name: 'Aplicaciones' }).getByRole('link', { name: 'Hojas de cálculo', exact: true }).click();
    await page.getByRole('link', { name: SPREADSHEET, exact: true }).click();
    await page.locator('.doc-title', { hasText: SPREADSHEET }).waitFor();
    frame = await openPanel(page);
    await frame.getByRole('heading', { name: 'Módulos' }).waitFor();
    await item().waitFor();
    expect(await item().locator('.module-counts').textContent()).toBe('Inscritos 0/1 · Espera 0');
    await item().getByText('Ver pasos e inscripciones').click();
    const registration = item().getByRole('region', { name: `Inscripción: ${MODULE.name}` });
    await expect(registration.locator('.help').textContent()).resolves.toBe('La inscripción aún no está abierta: nadie puede inscribirse en este módulo.');
    await registration.getByRole('button', { name: 'Abrir inscripción', exact: true }).click();

    await frame.locator('#modules-message', { hasText: RM.opened(MODULE.name!) }).waitFor();
    const input = item().getByLabel('Enlace de inscripción de este módulo (compártalo o úselo en las invitaciones)');
    await input.waitFor();
    link = await input.inputValue();
    expect(link).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform\?.*entry\./);
    expect(await item().locator('.module-state').textContent()).toBe('Inscripción abierta');
    // The same link is on the module's row, to share or to use in the invitations.
    const row = w.ws.readTab(w.talleres, 'Módulos').find((m) => m['ID de módulo'] === id)!;
    expect(row).toMatchObject({ Estado: 'Inscripción abierta', 'Enlace de inscripción': link });
    // The detail stays open after the list is redrawn.
    expect(await item().locator('details.module-detail').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await expect(item().getByRole('button', { name: 'Revisar respuestas pendientes' }).isVisible()).resolves.toBe(true);
  }, 60_000);

  test('citizen A opens the link in the form, finds the module chosen, answers and sends: she is registered and told once', async () => {
    await register(ROSA);
    await eventually(registrations, (rows) => expect(rows.map((r) => [r['DNI'], r['Nombres y apellidos'], r['Estado']])).toEqual([[ROSA.dni, 'Rosa Mamani Quispe', 'Inscrito']]));
    const mails = mailsTo(ROSA.email);
    expect(mails.map((m) => m.subject)).toEqual([CONFIRMED_SUBJECT]);
    expect(mails[0]!.body).toContain('Sesión 1 – Vender por redes sociales: miércoles 9 de diciembre de 2026, de 6:00 p. m. a 8:00 p. m.');
    // The web app is deployed: the email carries her signed withdrawal link.
    const m = /con este enlace: (https:\/\/script\.google\.com\/\S+)/.exec(mails[0]!.body);
    expect(m).not.toBeNull();
    withdrawLink = m![1]!;
    // The link carries a token only: no personal data in the address.
    expect(withdrawLink).not.toContain(ROSA.dni);
    expect(decodeURIComponent(withdrawLink)).not.toContain(ROSA.email);
  }, 60_000);

  test('citizen B does the same: the only place is taken, he is on the waiting list in place 1 and told once', async () => {
    await register(JORGE);
    await eventually(registrations, (rows) => expect(rows.map((r) => [r['DNI'], r['Estado']])).toEqual([[ROSA.dni, 'Inscrito'], [JORGE.dni, 'En lista de espera']]));
    const mails = mailsTo(JORGE.email);
    expect(mails.map((m) => m.subject)).toEqual([WAITING_SUBJECT]);
    expect(mails[0]!.body).toContain('en el lugar 1');
    expect(mailsTo(ROSA.email)).toHaveLength(1);
  }, 60_000);

  test('the consultant clicks «Actualizar»: A is «Inscrito», B first on the waiting list', async () => {
    await refresh();
    await eventually(tableRows, (rows) => expect(rows.map((r) => r.map(minutes))).toEqual([['Rosa Mamani Quispe', 'Inscrito', '27/11/2026 09:mm', 'enviado', 'Anular']]));
    expect(await item().locator('.module-counts').textContent()).toBe('Inscritos 1/1 · Espera 1');
    expect(await item().locator('.registration-counts').textContent()).toBe('Inscritos 1 de 1 · En lista de espera 1 · Por revisar 0 · Retirados 0');
    expect((await waiting().locator('li').allTextContents()).map(minutes)).toEqual(["1. Jorge Luis Huamán O'Neill — 27/11/2026 09:mm · aviso: enviadoAnular"]);
    // No contact data or document number reaches the panel.
    const text = (await item().locator('.module-registrations').textContent()) ?? '';
    expect(text).not.toContain('@');
    expect(text).not.toContain(ROSA.dni);
    // For the guide: the «Módulos» tab beside the panel (the form's responses tab opened itself).
    await page.locator('.sheet-tab', { hasText: /^Módulos$/ }).click();
    await page.locator('.sheet-tab.active', { hasText: /^Módulos$/ }).waitFor();
    await item().getByRole('region', { name: `Inscripción: ${MODULE.name}` }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'modulo-inscripcion.png');
  }, 60_000);

  test('A opens the withdrawal link of her email in the web app, reads what it does (none of her data), confirms: B gets the place and is told once', async () => {
    await citizen.bringToFront();
    await citizen.goto('about:blank');
    await citizen.goto(`${session.server.url}#/appweb?url=${encodeURIComponent(withdrawLink)}`);
    const app = citizen.frameLocator('iframe.webapp-frame');
    const confirm = WITHDRAWAL_PAGES.confirm(MODULE.name!, '', 'Inscrito');
    await expect(app.locator('h1').textContent()).resolves.toBe(confirm.title);
    const text = (await app.locator('main').textContent()) ?? '';
    expect(text).toContain(`Está inscrito(a) en el taller «${MODULE.name}»`);
    expect(text).toContain('su cupo pasará a la primera persona de la lista de espera');
    expect(text).not.toContain(ROSA.dni);
    expect(text).not.toContain('@');
    expect(text).not.toContain('Mamani');
    // Opening the link changed nothing.
    expect(registrations()[0]!['Estado']).toBe('Inscrito');

    await app.getByRole('button', { name: confirm.confirm! }).click();
    await expect(citizen.frameLocator('iframe.webapp-frame').locator('h1').textContent()).resolves.toBe('Listo');
    await expect(citizen.frameLocator('iframe.webapp-frame').locator('main').textContent()).resolves.toContain(`Retiramos su inscripción del taller «${MODULE.name}».`);
    await eventually(registrations, (rows) => expect(rows.map((r) => [r['DNI'], r['Estado']])).toEqual([[ROSA.dni, 'Retirado'], [JORGE.dni, 'Inscrito']]));
    expect(registrations()[1]).toMatchObject({ 'Aviso de cupo': 'enviado' });
    expect(mailsTo(JORGE.email).map((m) => m.subject)).toEqual([WAITING_SUBJECT, PROMOTED_SUBJECT]);
    expect(mailsTo(ROSA.email)).toHaveLength(1);
  }, 60_000);

  test('the consultant\'s «Actualizar» shows B registered from the waiting list and A withdrawn', async () => {
    await refresh();
    await eventually(tableRows, (rows) =>
      expect(rows.map((r) => r.map(minutes))).toEqual([
        // A withdrawal is not told by email: no notice; and no «Anular» on a place already freed.
        ['Rosa Mamani Quispe', 'Retirado', '27/11/2026 09:mm', 'sin aviso', ''],
        ["Jorge Luis Huamán O'Neill (cupo asignado el 27/11/2026 09:mm)", 'Inscrito', '27/11/2026 09:mm', 'enviado', 'Anular'],
      ]),
    );
    expect(await item().locator('.registration-counts').textContent()).toBe('Inscritos 1 de 1 · En lista de espera 0 · Por revisar 0 · Retirados 1');
    expect(await item().locator('.registrations-body').getByText('Nadie en lista de espera.').isVisible()).toBe(true);
  }, 60_000);

  test('the same withdrawal link again says it was used, with no button, and changes nothing', async () => {
    const before = w.ws.outbox().length;
    await citizen.bringToFront();
    await citizen.goto('about:blank');
    await citizen.goto(`${session.server.url}#/appweb?url=${encodeURIComponent(withdrawLink)}`);
    const app = citizen.frameLocator('iframe.webapp-frame');
    await expect(app.locator('main').textContent()).resolves.toContain('Este enlace ya se usó');
    expect(await app.locator('button').count()).toBe(0);
    expect(registrations().map((r) => r['Estado'])).toEqual(['Retirado', 'Inscrito']);
    expect(w.ws.outbox()).toHaveLength(before);
  }, 60_000);

  test('«Anular» with a reason, from the panel: the place goes to the next person waiting, who is told once', async () => {
    await register(LUCIA);
    await eventually(registrations, (rows) => expect(rows.map((r) => r['Estado'])).toEqual(['Retirado', 'Inscrito', 'En lista de espera']));
    await refresh();
    await eventually(() => waiting().locator('li').allTextContents(), (v) => expect(v.map(minutes)).toEqual(['1. Lucía Ñahui Condori — 27/11/2026 09:mm · aviso: enviadoAnular']));
    await table().getByRole('button', { name: "Anular: Jorge Luis Huamán O'Neill" }).click();
    const reason = table().getByLabel('Motivo de la anulación (queda en la hoja y en el registro de auditoría)');
    await reason.fill('Se inscribió dos veces con otro documento');
    await table().getByRole('button', { name: 'Anular inscripción' }).click();
    await frame.locator('#modules-message', { hasText: RM.annulledDone(1) }).waitFor();
    await eventually(registrations, (rows) => expect(rows.map((r) => r['Estado'])).toEqual(['Retirado', 'Anulado', 'Inscrito']));
    expect(registrations()[1]).toMatchObject({ 'Motivo de revisión': 'Se inscribió dos veces con otro documento' });
    expect(mailsTo(LUCIA.email).map((m) => m.subject)).toEqual([WAITING_SUBJECT, PROMOTED_SUBJECT]);
    // The annulled person is not emailed by the annulment.
    expect(mailsTo(JORGE.email)).toHaveLength(2);
    await eventually(tableRows, (rows) => expect(rows.map((r) => [r[0], r[1]].map(minutes))).toEqual([
      ['Rosa Mamani Quispe', 'Retirado'],
      ['Lucía Ñahui Condori (cupo asignado el 27/11/2026 09:mm)', 'Inscrito'],
    ]));
  }, 60_000);

  test('a name with markup or a formula is refused with the «corrección» email, and never shows in the panel as markup', async () => {
    await register(HOSTILE);
    await eventually(() => mailsTo(HOSTILE.email), (mails) => expect(mails.map((m) => m.subject)).toEqual([FIX_SUBJECT]));
    const fix = mailsTo(HOSTILE.email)[0]!;
    expect(fix.body).toContain('Los nombres no son válidos');
    expect(fix.body).toContain('Los apellidos no son válidos');
    // Nothing registered; the response waits in «Revisión» with what was wrong.
    expect(registrations()).toHaveLength(3);
    const review = w.ws.readTab(w.talleres, 'Revisión').filter((r) => r['Tipo'] === 'Inscripción con datos por corregir');
    expect(review).toHaveLength(1);
    expect(String(review[0]!['Detalle'])).not.toContain('<b>');

    await refresh();
    await eventually(tableRows, (rows) => expect(rows).toHaveLength(2));
    const panel = item();
    expect(await panel.locator('b').count()).toBe(0);
    expect(await panel.locator('a[href*="x.example"]').count()).toBe(0);
    const text = (await panel.textContent()) ?? '';
    expect(text).not.toContain('<b>');
    expect(text).not.toContain('HYPERLINK');
    expect(await frame.evaluate(() => document.querySelectorAll('b').length)).toBe(0);
    // «Revisar respuestas pendientes»: every response was already handled by the trigger (the
    // refused one is in «Revisión»): nothing is registered twice, nobody is emailed again.
    const before = w.ws.outbox().length;
    await item().getByRole('button', { name: 'Revisar respuestas pendientes' }).click();
    await frame.locator('#modules-message', { hasText: 'No había respuestas pendientes' }).waitFor();
    expect(registrations()).toHaveLength(3);
    expect(w.ws.readTab(w.talleres, 'Revisión').filter((r) => r['Tipo'] === 'Inscripción con datos por corregir')).toHaveLength(1);
    expect(w.ws.outbox()).toHaveLength(before);
    expect(session.pageErrors).toEqual([]);
  }, 60_000);
});
