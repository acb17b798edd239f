/**
 * The emulator's browser UI in real Chromium: a person opens the spreadsheet, uses the
 * "Emprendimiento" menu and the real sidebar (google.script.run bridged to the emulator),
 * moves the virtual clock, fills in a form as a citizen, and reads the outbox — and nothing a
 * citizen typed or an email carried ever runs as markup.
 *
 * Client API reference followed by the shim checks:
 * developers.google.com/apps-script/guides/html/reference/run and …/reference/host.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { Workspace } from '../../emulator';
import { shortLabel } from '../../emulator/ui/time-labels';
import { createDemoWorkspace, SPREADSHEETS } from '../../scripts/start';
import { eventually, distDir, openEmulatorUi, screenshotPath, type BrowserSession } from '../support/browser';

const XSS_NAME = '<img src=x onerror="window.__xss=1">Persona Demo Seis';
const MAIL_HTML =
  '<p>Hola <b id="who">Persona Demo</b>, le esperamos.</p>' +
  '<script>parent.__mailxss = 1</script><img src="x" onerror="parent.__mailxss = 2">' +
  '<a href="FORM_URL">Responder la encuesta</a>';

/** A small generic script: a sidebar of its own, a function that fails, a form, an email. */
const TEST_BUNDLE = `
function onOpen() {
  SpreadsheetApp.getUi().createMenu('Prueba').addItem('Mostrar panel', 'showPanel').addItem('Mostrar diálogo', 'showDialog').addItem('Avisar', 'warn').addToUi();
}
function showDialog() {
  var html = HtmlService.createHtmlOutput('<p id="d">Diálogo de prueba</p><button id="cerrar" onclick="google.script.host.close()">Cerrar</button>');
  SpreadsheetApp.getUi().showModalDialog(html.setWidth(400).setHeight(200), 'Diálogo de prueba');
}
function warn() {
  var ui = SpreadsheetApp.getUi();
  ui.alert('Atención', 'Revise la hoja antes de continuar.', ui.ButtonSet.OK);
}
function showPanel() {
  var html = HtmlService.createHtmlOutput('<!DOCTYPE html><html><head><title>Panel de prueba</title></head><body><p id="hola">Panel de prueba</p></body></html>');
  SpreadsheetApp.getUi().showSidebar(html.setTitle('Panel de prueba'));
}
function echo(x) { return x; }
function boom() { throw new Error('Algo falló en el servidor'); }
function secret_() { return 'oculto'; }
function makeForm() {
  var form = FormApp.create('Encuesta de prueba');
  form.setDescription('Responda como participante.');
  var name = form.addTextItem().setTitle('Nombre completo').setRequired(true);
  form.addParagraphTextItem().setTitle('Comentario');
  form.addMultipleChoiceItem().setTitle('¿Cómo se enteró?').setChoiceValues(['Radio', 'Redes sociales']).showOtherOption(true);
  form.addCheckboxItem().setTitle('Temas').setChoiceValues(['Ventas', 'Costos', 'Formalización']);
  form.addListItem().setTitle('Región').setChoiceValues(['Lima', 'Cusco']);
  form.addScaleItem().setTitle('Satisfacción').setBounds(1, 5).setLabels('Mala', 'Excelente').setRequired(true);
  form.addDateItem().setTitle('Fecha de la sesión');
  form.setDestination(FormApp.DestinationType.SPREADSHEET, SpreadsheetApp.getActiveSpreadsheet().getId());
  form.setPublished(true); // forms made by a script since mid-2026 start unpublished
  var prefilled = form.createResponse().withItemResponse(name.createResponse('Persona Prellenada')).toPrefilledUrl();
  return { id: form.getId(), prefilled: prefilled, published: form.getPublishedUrl() };
}
function sendMail(html) {
  MailApp.sendEmail({ to: 'persona.demo.uno@example.com', subject: 'Prueba de correo', body: 'Hola', htmlBody: html });
}
`;

function writeTestBundle(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-ui-bundle-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), TEST_BUNDLE);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
  return dir;
}

/** The frame of the sidebar currently docked (the script's own page). */
async function sidebarFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('.sidebar:not([hidden]) iframe.surface-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the sidebar has no frame');
  await frame.waitForLoadState('load');
  await frame.waitForFunction(() => typeof (window as unknown as { google?: unknown }).google === 'object');
  return frame;
}


async function clickMenu(page: Page, menu: string, item: string): Promise<void> {
  await page.getByRole('menuitem', { name: menu, exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

describe('emulator UI in Chromium', () => {
  let ws: Workspace;
  let atencionesId: string;
  let testSheetId: string;
  let form: { id: string; prefilled: string; published: string };
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    const demo = createDemoWorkspace({ distDir: distDir(), at: '2026-11-27T08:30', seed: 11 });
    ws = demo.ws;
    atencionesId = demo.atencionesId;
    testSheetId = ws.createSpreadsheet('Hoja de prueba del emulador');
    ws.install(testSheetId, { distDir: writeTestBundle() });
    form = ws.run(testSheetId, 'makeForm').value as typeof form;
    const mail = ws.run(testSheetId, 'sendMail', [MAIL_HTML.replace('FORM_URL', form.prefilled.replace(/&/g, '&amp;'))]);
    expect(mail.error).toBeUndefined();
    session = await openEmulatorUi(ws);
    page = session.page;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  test('the spreadsheet shows as Sheets does: title, Spanish menus, tabs at the bottom, header row as text', async () => {
    await expect(page.locator('.doc-title').textContent()).resolves.toBe(SPREADSHEETS.atenciones);
    await page.getByRole('menuitem', { name: 'Emprendimiento', exact: true }).waitFor();
    const tabs = await page.locator('.sheet-tab').allTextContents();
    expect(tabs).toEqual(ws.sheetNames(atencionesId));
    // It opens on the first tab that is not a form's responses tab (a linked form puts its tab first).
    expect(tabs[0]).toBe('Respuestas de formulario 1');
    await expect(page.locator('.sheet-tab.active').textContent()).resolves.toBe('Citas');
    const headers = ws.displayValues(atencionesId, 'Citas')[0].filter((h) => h !== '');
    const firstRow = await page.locator('.grid tbody tr').first().locator('td').allTextContents();
    expect(firstRow.slice(0, headers.length)).toEqual(headers);
  });

  test('"Emprendimiento › Abrir panel" docks the real sidebar (dist/Sidebar.html) at 300 px, and google.script.run reaches the server', async () => {
    await clickMenu(page, 'Emprendimiento', 'Abrir panel');
    const frame = await sidebarFrame(page);
    const expectedTitle = /<title>([^<]*)<\/title>/i.exec(fs.readFileSync(path.join(distDir(), 'Sidebar.html'), 'utf8'))?.[1] ?? '';
    expect(await frame.title()).toBe(expectedTitle);
    const box = await page.locator('.sidebar').boundingBox();
    expect(Math.round(box!.width)).toBe(300);

    const before = ws.executions({ functionName: 'getSetupStatus' }).length;
    const status = await frame.evaluate(
      () =>
        new Promise<{ value: { configured?: boolean; role?: string }; user: unknown }>((resolve) => {
          const g = (window as unknown as { google: any }).google;
          g.script.run.withSuccessHandler((value: any, user: unknown) => resolve({ value, user })).withUserObject({ vista: 'inicio' }).getSetupStatus();
        }),
    );
    expect(status.value.configured).toBe(true);
    expect(status.value.role).toBe('atenciones');
    expect(status.user).toEqual({ vista: 'inicio' });
    // one google.script.run call = one execution, as the sidebar kind
    const runs = ws.executions({ functionName: 'getSetupStatus' }).slice(before);
    expect(runs.some((e) => e.trigger === 'sidebar' && e.status === 'completed')).toBe(true);

    await page.waitForTimeout(300); // let the sidebar finish its first render for the screenshot
    // (docs/img/emulator-ui.png, the README's picture, is made by consultant-day.test.ts.)
    await page.locator('.sidebar').screenshot({ path: screenshotPath('sidebar.png') });
  });

  test('google.script.run follows the client API: new runner per call, user object, failure Error, illegal values, private functions', async () => {
    await page.goto(`${session.server.url}#/hojas/${testSheetId}`);
    await page.locator('.doc-title', { hasText: 'Hoja de prueba del emulador' }).waitFor();
    await clickMenu(page, 'Prueba', 'Mostrar panel');
    const frame = await sidebarFrame(page);
    await expect(frame.locator('#hola').textContent()).resolves.toBe('Panel de prueba');

    const r = await frame.evaluate(async () => {
      const run = (window as unknown as { google: any }).google.script.run;
      const call = (runner: any, fn: string, ...args: unknown[]) =>
        new Promise<unknown>((resolve) =>
          runner
            .withSuccessHandler((v: unknown, u: unknown) => resolve({ ok: v, user: u }))
            .withFailureHandler((e: Error, u: unknown) => resolve({ error: e.message, isError: e instanceof Error, user: u }))
            [fn](...args),
        );
      const withUser = run.withUserObject('u1');
      const syncError = (f: () => void) => {
        try {
          f();
          return null;
        } catch (e) {
          return (e as Error).message;
        }
      };
      return {
        distinct: withUser !== run && run.withSuccessHandler(() => 0) !== run,
        echo: await call(withUser, 'echo', { a: [1, undefined, 'ñ'], b: null, c: undefined }),
        failure: await call(run.withUserObject(7), 'boom'),
        date: syncError(() => run.echo(new Date())),
        fn: syncError(() => run.echo({ f: () => 1 })),
        privateFn: typeof run.secret_,
        missing: typeof run.noSuchFunction,
      };
    });
    expect(r.distinct).toBe(true);
    expect(r.echo).toEqual({ ok: { a: [1, null, 'ñ'], b: null }, user: 'u1' });
    expect(r.failure).toEqual({ error: 'Algo falló en el servidor', isError: true, user: 7 });
    expect(r.date).toBe('Failed due to illegal value in property: 0');
    expect(r.fn).toBe('Failed due to illegal value in property: f');
    expect(r.privateFn).toBe('undefined');
    expect(r.missing).toBe('undefined');

    // the sidebar page runs sandboxed: it cannot reach the emulator's page or API by itself
    const escaped = await frame.evaluate(async () => {
      let parentDom = false;
      try {
        parentDom = !!window.parent.document;
      } catch {
        parentDom = false;
      }
      let api = false;
      try {
        api = (await fetch('/api/state')).ok;
      } catch {
        api = false;
      }
      return { parentDom, api, origin: window.origin };
    });
    expect(escaped).toEqual({ parentDom: false, api: false, origin: 'null' });

    // google.script.host.close() closes the sidebar
    await frame.evaluate(() => (window as unknown as { google: any }).google.script.host.close());
    await page.locator('.sidebar-dock').waitFor({ state: 'hidden' });
  });

  test('a modal dialog shows the script\'s HTML at its size and closes with google.script.host.close(); an alert shows its message', async () => {
    await clickMenu(page, 'Prueba', 'Mostrar diálogo');
    const dialog = page.getByRole('dialog', { name: 'Diálogo de prueba' });
    await dialog.waitFor();
    expect(Math.round((await dialog.boundingBox())!.width)).toBe(400);
    const frame = page.frameLocator('.surface-dialog iframe');
    await expect(frame.locator('#d').textContent()).resolves.toBe('Diálogo de prueba');
    await frame.locator('#cerrar').click();
    await dialog.waitFor({ state: 'detached' });

    await clickMenu(page, 'Prueba', 'Avisar');
    const alert = page.getByRole('alertdialog', { name: 'Atención' });
    await expect(alert.locator('.alert-message').textContent()).resolves.toBe('Revise la hoja antes de continuar.');
    await alert.getByRole('button', { name: 'Aceptar' }).click();
    await alert.waitFor({ state: 'detached' });
  });

  test('advancing the virtual clock updates the Lima time and fires the triggers that fall due', async () => {
    const clock = page.locator('#clock-now');
    const startedAt = ws.state.now();
    await eventually(() => clock.textContent(), (t) => expect(t).toBe(shortLabel(startedAt, 'America/Lima')));
    expect(await clock.textContent()).toMatch(/^vie 27\/11\/2026 0[89]:\d\d$/); // the demo day starts at 08:30 in Lima
    await page.getByRole('button', { name: '+1 h' }).click();
    await eventually(() => ws.state.now() - startedAt, (ms) => expect(ms).toBeGreaterThanOrEqual(3_600_000));
    await eventually(() => clock.textContent(), (t) => expect(t).toBe(shortLabel(ws.state.now(), 'America/Lima')));

    const next = ws.scheduledTriggers().map((t) => t.trigger).filter((t) => t.nextRun !== undefined).sort((a, b) => a.nextRun! - b.nextRun!)[0];
    expect(next).toBeDefined();
    await page.getByRole('button', { name: 'Siguiente activador' }).click();
    await eventually(() => ws.executions({ functionName: next.handler }).length, (n) => expect(n).toBeGreaterThan(0));
    await page.goto(`${session.server.url}#/desarrollador`);
    const row = page.locator('#executions-table tbody tr', { has: page.locator('td.mono', { hasText: next.handler }) }).first();
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('activador de tiempo');
  });

  test('a citizen fills in a form; a prefilled link opens with its answers; the response reaches the sheet as text', async () => {
    // the prefilled link, as a survey email carries it
    await page.goto(`${session.server.url}#/formulario?url=${encodeURIComponent(form.prefilled)}`);
    const nameInput = page.getByLabel('Nombre completo');
    await eventually(() => nameInput.inputValue(), (v) => expect(v).toBe('Persona Prellenada'));
    // a required question left empty is refused next to the question
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await page.locator('[data-item-type="SCALE"] .q-error').waitFor();
    await expect(page.locator('[data-item-type="SCALE"] .q-error').textContent()).resolves.toContain('Esta pregunta es obligatoria.');
    expect(await page.getByLabel('Nombre completo').inputValue()).toBe('Persona Prellenada');

    await page.getByLabel('Nombre completo').fill(XSS_NAME);
    await page.getByLabel('Comentario').fill('Gracias, muy útil.');
    await page.getByLabel('¿Cómo se enteró?: otra respuesta').fill('Un vecino');
    await page.getByLabel('Ventas').check();
    await page.getByLabel('Formalización').check();
    await page.getByLabel('Región').selectOption('Cusco');
    await page.locator('[data-item-type="SCALE"] input[value="4"]').check();
    await page.getByLabel('Fecha de la sesión').fill('2026-11-27');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect(page.locator('.form-confirmation').textContent()).resolves.toBe('Se registró tu respuesta.');

    const [row] = ws.readTab(testSheetId, ws.sheetNames(testSheetId).find((n) => n.startsWith('Respuestas'))!);
    expect(row['Nombre completo']).toBe(XSS_NAME);
    expect(row['¿Cómo se enteró?']).toBe('Un vecino');
    expect(row['Temas']).toBe('Ventas, Formalización');

    await page.goto(`${session.server.url}#/formularios`);
    await expect(page.locator(`tr[data-form-id="${form.id}"] .responses-count`).textContent()).resolves.toBe('1');

    // the responses tab shows the name exactly as typed, as text: no element, no script
    await page.goto(`${session.server.url}#/hojas/${testSheetId}`);
    await page.locator('.sheet-tab', { hasText: 'Respuestas de formulario 1' }).click();
    await page.locator('.grid td', { hasText: 'Persona Demo Seis' }).waitFor();
    await expect(page.locator('.grid td', { hasText: 'Persona Demo Seis' }).textContent()).resolves.toBe(XSS_NAME);
    expect(await page.locator('.grid img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  test('a value typed into a cell is stored as typed input and shown as text', async () => {
    await page.goto(`${session.server.url}#/hojas/${testSheetId}`);
    await page.locator('.sheet-tab').first().click();
    const tab = await page.locator('.sheet-tab.active').textContent();
    const cell = page.locator('.grid td[data-row="40"][data-col="2"]');
    await cell.dblclick();
    await page.locator('.cell-editor').fill('<b onmouseover="window.__xss=2">negrita</b>');
    await page.locator('.cell-editor').press('Enter');
    await eventually(() => cell.textContent(), (t) => expect(t).toBe('<b onmouseover="window.__xss=2">negrita</b>'));
    expect(ws.displayValues(testSheetId, tab!)[39][1]).toBe('<b onmouseover="window.__xss=2">negrita</b>');
    expect(await page.locator('.grid b').count()).toBe(0);
  });

  test('the outbox renders an email body in a sandboxed frame: its script never runs, its form link opens the form', async () => {
    // The reader opens on the newest message, and by now the demo's triggers (advanced above)
    // have sent their own emails: pick ours from the list, as a person would.
    await page.goto(`${session.server.url}#/correo`);
    await page.getByRole('list', { name: 'Correos enviados' }).getByRole('link', { name: /Prueba de correo/ }).click();
    await page.locator('.mail-title', { hasText: 'Prueba de correo' }).waitFor();
    const frame = page.locator('.mail-body-frame');
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    await expect(page.frameLocator('.mail-body-frame').locator('#who').textContent()).resolves.toBe('Persona Demo');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __mailxss?: number }).__mailxss)).toBeUndefined();

    await page.getByRole('button', { name: 'Abrir formulario' }).click();
    await eventually(() => page.getByLabel('Nombre completo').inputValue(), (v) => expect(v).toBe('Persona Prellenada'));
    expect(session.pageErrors).toEqual([]);
  });
});
