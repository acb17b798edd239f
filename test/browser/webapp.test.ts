/**
 * In the browser: a web-app link in an email opens in the emulator's web-app page (a sandboxed
 * frame, as HtmlService output is served: developers.google.com/apps-script/guides/html/restrictions),
 * a form inside it POSTs to doPost (developers.google.com/apps-script/guides/web), and a guest
 * answers an invitation from the calendar (calendar/api/v3/reference/events attendees[].responseStatus).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { Calendar } from '../../emulator/services/calendar';
import { makeTestEnv } from '../../emulator/testing';
import { eventually, openEmulatorUi, type BrowserSession } from '../support/browser';

const OWNER = 'coordinadora@trabajo.gob.pe';
const BUNDLE = `
function doGet(e) {
  if (e.parameter.t) return page2();
  return HtmlService.createHtmlOutput('<p id="hola">Hola ' + (e.parameter.n || '') + ' (' + Session.getActiveUser().getEmail() + ')</p>' +
    '<form method="post" action="' + ScriptApp.getService().getUrl() + '"><input name="motivo" value="viaje"><button id="enviar">Darme de baja</button></form>').setTitle('Baja');
}
function token() { return 'tok-' + Session.getEffectiveUser().getEmail(); }
function page2() {
  return HtmlService.createHtmlOutput('<p id="loc"></p><p id="res"></p><button id="b" onclick="google.script.run.withSuccessHandler(function (v) { document.getElementById(\\'res\\').textContent = v; }).token()">ok</button>' +
    '<script>google.script.url.getLocation(function (l) { document.getElementById(\\'loc\\').textContent = l.parameter.t; });</script>');
}
function doPost(e) { return HtmlService.createHtmlOutput('<p id="hecho">Baja registrada: ' + e.parameter.motivo + '</p>'); }
function invite() { MailApp.sendEmail('vecina@example.org', 'Su inscripción', 'Para darse de baja: ' + ScriptApp.getService().getUrl() + '?n=Ana'); }
`;

describe('browser: web apps and guests', () => {
  let session: BrowserSession;
  let ws: Workspace;

  beforeAll(async () => {
    ws = Workspace.create({ at: '2026-11-27T08:30', seed: 5, user: OWNER });
    const ss = ws.createSpreadsheet('Libro');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-browser-webapp-'));
    fs.writeFileSync(path.join(dir, 'Code.js'), BUNDLE);
    fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima' }));
    ws.install(ss, { distDir: dir });
    ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    ws.run(ss, 'invite');
    const { Events } = new Calendar(makeTestEnv({ state: ws.state, user: OWNER }));
    Events.insert(
      { summary: 'Sesión 1', start: { dateTime: '2026-11-28T10:00:00-05:00' }, end: { dateTime: '2026-11-28T11:00:00-05:00' }, attendees: [{ email: 'ponente@example.org' }] },
      'primary',
    );
    session = await openEmulatorUi(ws);
  }, 30_000);

  afterAll(() => session?.close());

  test('the email link opens the web app as an anonymous visitor; its form reaches doPost', async () => {
    const { page } = session;
    await page.goto(`${session.server.url}#/correo`);
    await page.getByRole('list', { name: 'Correos enviados' }).getByRole('link', { name: /Su inscripción/ }).click();
    await page.getByRole('button', { name: 'Abrir app web' }).click();
    const frame = page.frameLocator('iframe.webapp-frame');
    await expect(frame.locator('#hola').textContent()).resolves.toBe('Hola Ana ()');
    expect(await page.locator('iframe.webapp-frame').getAttribute('sandbox')).toContain('allow-scripts');
    await frame.locator('#enviar').click();
    await expect(page.frameLocator('iframe.webapp-frame').locator('#hecho').textContent()).resolves.toBe('Baja registrada: viaje');
    expect(ws.executions().filter((e) => e.trigger === 'webapp').map((e) => e.functionName)).toEqual(['doGet', 'doPost']);
    expect(session.pageErrors).toEqual([]);
  }, 30_000);

  test('a web-app page calls google.script.run (run as the deployer) and reads google.script.url', async () => {
    const { page } = session;
    const url = ws.webApps()[0].url;
    await page.goto(`${session.server.url}#/appweb?url=${encodeURIComponent(`${url}?t=abc`)}`);
    const frame = page.frameLocator('iframe.webapp-frame');
    await expect(frame.locator('#loc').textContent()).resolves.toBe('abc');
    await frame.locator('#b').click();
    await eventually(() => frame.locator('#res').textContent(), (v) => expect(v).toBe(`tok-${OWNER}`));
    expect(ws.executions({ functionName: 'token' })).toEqual([expect.objectContaining({ trigger: 'webapp', user: OWNER, visitor: '' })]);
  }, 30_000);

  test('the calendar shows the guest\'s answer and answers as the guest', async () => {
    const { page } = session;
    await page.goto(`${session.server.url}#/calendario`);
    await page.locator('.event-guests', { hasText: 'ponente@example.org · sin responder' }).waitFor();
    await page.getByLabel('Responder como ponente@example.org').selectOption('declined');
    await page.locator('.event-guests', { hasText: 'ponente@example.org · no asistirá' }).waitFor();
    await eventually(
      () => ws.calendarEvents()[0].attendees?.[0].responseStatus,
      (v) => expect(v).toBe('declined'),
    );
  }, 30_000);
});
