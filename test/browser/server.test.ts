/**
 * The emulator UI's HTTP server without a browser: what it serves, what it refuses, and that
 * each action goes through the Workspace (one execution per google.script.run call). Uses a
 * small generic bundle, so it does not depend on the product being built.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { startUiServer, type UiServer } from '../../emulator/ui/server';
import { surfacePage } from '../../emulator/ui/surface-page';
import { demoReportCsv, todayInLimaAt } from '../../scripts/start';
import { request } from '../support/browser';

const BUNDLE = `
function onOpen() { SpreadsheetApp.getUi().createMenu('Prueba').addItem('Mostrar panel', 'showPanel').addItem('Avisar', 'warn').addToUi(); }
function showPanel() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<html><head><title>P</title><script>var mine = 1;</script></head><body>x</body></html>').setTitle('Panel')); }
function warn() { SpreadsheetApp.getUi().alert('Atención', 'Revise la hoja.', SpreadsheetApp.getUi().ButtonSet.OK); }
function echo(x) { return x; }
function boom() { throw new Error('No se pudo: falta el DNI'); }
function hidden_() { return 1; }
function sendWithPdf() {
  var pdf = Utilities.newBlob('%PDF-1.4 demo', 'application/pdf', 'constancia.pdf');
  var page = Utilities.newBlob('<script>alert(1)</script>', 'text/html', 'pagina.html');
  MailApp.sendEmail({ to: 'persona.demo@example.com', subject: 'Constancia', body: 'Adjunta', attachments: [pdf, page] });
}
function everyHour() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
function tick() { return 'tic'; }
`;

function bundleDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-ui-server-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), BUNDLE);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima', runtimeVersion: 'V8' }));
  return dir;
}


describe('emulator UI server', () => {
  let ws: Workspace;
  let ss: string;
  let server: UiServer;
  let resets = 0;

  beforeAll(async () => {
    ws = Workspace.create({ at: '2026-11-27T08:30', seed: 5 });
    ss = ws.createSpreadsheet('Libro de prueba');
    ws.install(ss, { distDir: bundleDir() });
    server = await startUiServer({
      workspace: ws,
      port: 0,
      reset: () => {
        resets++;
        return ws;
      },
    });
  });

  afterAll(() => server.close());

  test('listens on the loopback interface only and answers only loopback host names', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect((await request(server, 'GET', '/api/version')).status).toBe(200);
    expect((await request(server, 'GET', '/api/state', undefined, { host: `localhost:${server.port}` })).status).toBe(200);
    expect((await request(server, 'GET', '/api/state', undefined, { host: `attacker.example:${server.port}` })).status).toBe(403);
  });

  test('serves the page with a strict policy: only its own bundled script runs', async () => {
    const page = await request(server, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<script src="/app.js"');
    const js = await request(server, 'GET', '/app.js');
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body.length).toBeGreaterThan(1000);
  });

  test('an action must be a JSON POST (a form on another site cannot trigger one)', async () => {
    const r = await request(server, 'POST', '/api/open', 'spreadsheetId=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expect((await request(server, 'POST', '/api/open', '[1,2]')).status).toBe(400);
    expect((await request(server, 'POST', '/api/open', { spreadsheetId: 'nope' })).json).toEqual({ ok: false, error: 'no existe la hoja de cálculo nope' });
  });

  test('opening the spreadsheet runs onOpen; its menu is in the snapshot; a menu click reports the alert it showed', async () => {
    const open = await request(server, 'POST', '/api/open', { spreadsheetId: ss });
    expect(open.json.ok).toBe(true);
    expect(open.json.executions.map((e: { functionName: string; trigger: string }) => [e.functionName, e.trigger])).toEqual([['onOpen', 'simple']]);
    const state = (await request(server, 'GET', '/api/state')).json;
    const view = state.spreadsheets.find((s: { id: string }) => s.id === ss);
    expect(view.menus).toEqual([{ name: 'Prueba', items: [{ caption: 'Mostrar panel', functionName: 'showPanel' }, { caption: 'Avisar', functionName: 'warn' }] }]);
    expect(state.clock.label).toBe('vie 27/11/2026 08:30');

    const warn = await request(server, 'POST', '/api/menu', { spreadsheetId: ss, caption: 'Avisar' });
    expect(warn.json.messages).toEqual([expect.objectContaining({ kind: 'alert', title: 'Atención', message: 'Revise la hoja.' })]);
    expect((await request(server, 'POST', '/api/menu', { spreadsheetId: ss, caption: 'No existe' })).status).toBe(400);
  });

  test('the sidebar page is the script\'s HTML with the shim first, sandboxed even when opened directly', async () => {
    await request(server, 'POST', '/api/menu', { spreadsheetId: ss, caption: 'Mostrar panel' });
    const page = await request(server, 'GET', `/surface/${ss}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/^sandbox allow-scripts /);
    expect(page.headers['content-security-policy']).not.toContain('allow-same-origin');
    const shimAt = page.body.indexOf('__gasShimConfig');
    expect(shimAt).toBeGreaterThan(page.body.indexOf('<head>'));
    expect(shimAt).toBeLessThan(page.body.indexOf('var mine = 1'));
    const config = JSON.parse(/__gasShimConfig=(\{.*?\});<\/script>/.exec(page.body)![1]);
    // private functions (ending in "_") are not callable from the client
    expect(config.functions.sort()).toEqual(['boom', 'echo', 'everyHour', 'onOpen', 'sendWithPdf', 'showPanel', 'tick', 'warn']);
  });

  test('the shim config cannot break out of its <script> element', () => {
    const html = surfacePage('<p>x</p>', { functions: ['a</script><script>alert(1)//'], parentOrigin: 'http://127.0.0.1:1', shimJs: '' });
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html.indexOf('<p>x</p>')).toBeGreaterThan(0);
  });

  test('google.script.run: one execution per call; success value, or the server\'s error message', async () => {
    const before = ws.executions().length;
    const ok = await request(server, 'POST', '/api/run', { spreadsheetId: ss, functionName: 'echo', args: [{ n: 1, s: 'ñ' }] });
    expect(ok.json).toMatchObject({ ok: true, value: { n: 1, s: 'ñ' } });
    const fail = await request(server, 'POST', '/api/run', { spreadsheetId: ss, functionName: 'boom', args: [] });
    expect(fail.json).toMatchObject({ ok: false, error: 'No se pudo: falta el DNI' });
    const after = ws.executions().slice(before);
    expect(after.map((e) => [e.functionName, e.trigger, e.status])).toEqual([
      ['echo', 'sidebar', 'completed'],
      ['boom', 'sidebar', 'failed'],
    ]);
    expect(fail.json.executionId).toBe(after[1].id);
  });

  test('the clock moves forward only, firing due triggers on the way', async () => {
    await request(server, 'POST', '/api/run', { spreadsheetId: ss, functionName: 'everyHour', args: [] });
    const back = await request(server, 'POST', '/api/clock', { to: '2026-11-27T08:00' });
    expect(back.status).toBe(400);
    const r = await request(server, 'POST', '/api/clock', { to: '2026-11-27T11:10' });
    expect(r.json.executions.map((e: { functionName: string }) => e.functionName)).toEqual(['tick', 'tick', 'tick']);
    const state = (await request(server, 'GET', '/api/state')).json;
    expect(state.clock.label).toBe('vie 27/11/2026 11:10');
    expect(state.triggers[0]).toMatchObject({ handler: 'tick', schedule: 'Cada 1 h' });
    expect(state.executions[0]).toMatchObject({ functionName: 'tick', trigger: 'time', status: 'completed' });
  });

  test('attachments: a PDF opens in the browser, an HTML file is only downloaded', async () => {
    await request(server, 'POST', '/api/run', { spreadsheetId: ss, functionName: 'sendWithPdf', args: [] });
    const state = (await request(server, 'GET', '/api/state')).json;
    const mail = state.outbox[0];
    expect(mail.attachments.map((a: { name: string; size: number }) => [a.name, a.size])).toEqual([
      ['constancia.pdf', 13],
      ['pagina.html', 25],
    ]);
    const pdf = await request(server, 'GET', mail.attachments[0].url);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^inline;/);
    expect(pdf.body).toBe('%PDF-1.4 demo');
    const html = await request(server, 'GET', mail.attachments[1].url);
    expect(html.headers['content-type']).toBe('application/octet-stream');
    expect(html.headers['content-disposition']).toMatch(/^attachment;/);
  });

  test('a form link that is not one of the workspace\'s forms is refused clearly', async () => {
    const r = await request(server, 'GET', `/api/forms/resolve?url=${encodeURIComponent('https://docs.google.com/forms/d/e/nada/viewform')}`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/no corresponde a ningún formulario/);
  });

  test('reset asks its owner for a fresh workspace', async () => {
    const r = await request(server, 'POST', '/api/reset', {});
    expect(r.json.ok).toBe(true);
    expect(resets).toBe(1);
  });
});

describe('npm start demo data', () => {
  test('the demo report books fictional people today and tomorrow, in the platform report format', () => {
    const csv = demoReportCsv('2026-12-31');
    const lines = csv.trim().split('\r\n');
    expect(lines[3].split(',').slice(0, 4)).toEqual(['Código de cita', 'Tipo de documento', 'N° Documento', 'Nombres']);
    const rows = lines.slice(4).map((l) => l.split(','));
    expect(rows.map((r) => r[7])).toEqual(['31/12/2026', '31/12/2026', '31/12/2026', '01/01/2027', '01/01/2027']);
    for (const r of rows) {
      expect(r[2]).toMatch(/^000\d{5}$/); // DNIs that cannot be real people's
      expect(r[5]).toMatch(/@example\.com$/);
      expect(r[3]).toBe('Persona Demo');
    }
  });

  test('the virtual day starts today in Lima at 08:30, even when it is already tomorrow in UTC', () => {
    expect(todayInLimaAt('08:30', Date.UTC(2026, 10, 28, 3, 0))).toBe('2026-11-27T08:30');
  });
});
