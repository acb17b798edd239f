/**
 * The UI server's web-app route and guests' answers, without a browser: POST /api/webapp/open
 * runs doGet/doPost once and keeps the answer; GET /webapp/frame/:key serves it sandboxed as
 * sidebars are (reference: developers.google.com/apps-script/guides/web; HtmlService pages are
 * served in a sandboxed iframe, developers.google.com/apps-script/guides/html/restrictions).
 * POST /api/calendar/respond answers as a guest (calendar/api/v3/reference/events attendees[]).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { Calendar } from '../../emulator/services/calendar';
import { makeTestEnv } from '../../emulator/testing';
import { startUiServer, type UiServer } from '../../emulator/ui/server';
import { SURFACE_SANDBOX } from '../../emulator/ui/surface-page';
import { request } from '../support/browser';

const BUNDLE = `
function doGet(e) {
  if (e.parameter.json) return ContentService.createTextOutput('{"a":1}').setMimeType(ContentService.MimeType.JSON);
  return HtmlService.createHtmlOutput('<html><head><title>T</title></head><body><form method="post" action="' + ScriptApp.getService().getUrl() + '"><input name="x"></form>Hola ' + (e.parameter.n || '') + '</body></html>').setTitle('Baja');
}
function doPost(e) { return HtmlService.createHtmlOutput('<p>x=' + e.parameter.x + '</p>'); }
`;


describe('UI server: web apps and guests', () => {
  let ws: Workspace;
  let server: UiServer;
  let url: string;

  beforeAll(async () => {
    ws = Workspace.create({ at: '2026-11-27T08:30', seed: 5, user: 'coordinadora@trabajo.gob.pe' });
    const ss = ws.createSpreadsheet('Libro');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-ui-webapp-'));
    fs.writeFileSync(path.join(dir, 'Code.js'), BUNDLE);
    fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Lima' }));
    ws.install(ss, { distDir: dir });
    url = ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    server = await startUiServer({ workspace: ws, port: 0 });
  });

  afterAll(() => server.close());

  test('open runs doGet once as an anonymous visitor; the frame serves the HTML sandboxed with the navigation script', async () => {
    const before = ws.executions().length;
    const r = await request(server, 'POST', '/api/webapp/open', { url: `${url}?n=Ana`, user: '' });
    expect(r.json).toMatchObject({ ok: true, status: 200, contentType: 'text/html', title: 'Baja' });
    expect(r.json.executions).toHaveLength(1);
    expect(ws.executions().length).toBe(before + 1);
    const frame = await request(server, 'GET', `/webapp/frame/${r.json.key}`);
    expect(frame.status).toBe(200);
    expect(frame.headers['content-security-policy']).toBe(`sandbox ${SURFACE_SANDBOX}; frame-ancestors 'self'`);
    expect(frame.body).toContain('Hola Ana');
    expect(frame.body).toContain('emulator:webapp');
    expect(ws.executions().length).toBe(before + 1); // loading the frame runs nothing
  });

  test('a form POST reaches doPost; TextOutput is served as text; a URL that is not a web app is refused', async () => {
    const post = await request(server, 'POST', '/api/webapp/open', { url, user: '', method: 'POST', body: 'x=7', contentType: 'application/x-www-form-urlencoded' });
    expect((await request(server, 'GET', `/webapp/frame/${post.json.key}`)).body).toContain('x=7');
    const json = await request(server, 'POST', '/api/webapp/open', { url: `${url}?json=1` });
    const frame = await request(server, 'GET', `/webapp/frame/${json.json.key}`);
    expect(frame.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(frame.headers['content-security-policy']).toBe("sandbox; frame-ancestors 'self'");
    expect(frame.body).toBe('{"a":1}');
    expect((await request(server, 'POST', '/api/webapp/open', { url: 'https://example.org/' })).status).toBe(400);
  });

  test('a guest answers from the calendar view', async () => {
    const { Events } = new Calendar(makeTestEnv({ state: ws.state, user: 'coordinadora@trabajo.gob.pe' }));
    const e = Events.insert(
      { summary: 's', start: { dateTime: '2026-12-01T10:00:00-05:00' }, end: { dateTime: '2026-12-01T11:00:00-05:00' }, attendees: [{ email: 'ana@example.org' }] },
      'primary',
    );
    const r = await request(server, 'POST', '/api/calendar/respond', { calendarId: 'coordinadora@trabajo.gob.pe', eventId: e.id, email: 'ana@example.org', response: 'declined' });
    expect(r.json.ok).toBe(true);
    expect(ws.calendarEvents()[0].attendees).toEqual([expect.objectContaining({ email: 'ana@example.org', responseStatus: 'declined' })]);
    const bad = await request(server, 'POST', '/api/calendar/respond', { calendarId: 'coordinadora@trabajo.gob.pe', eventId: e.id, email: 'nadie@example.org', response: 'accepted' });
    expect(bad.status).toBe(400);
  });
});
