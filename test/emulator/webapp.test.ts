import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../emulator';
import { parseWebAppUrl } from '../../emulator/services/webapp';

/**
 * Web apps: deployment, doGet/doPost with the documented event object, access and identity,
 * HtmlService and ContentService outputs. References:
 * - Web apps guide: developers.google.com/apps-script/guides/web (requirements, request
 *   parameters, permissions)
 * - Manifest: developers.google.com/apps-script/manifest/web-app-api-executable (`webapp`:
 *   access MYSELF / DOMAIN / ANYONE / ANYONE_ANONYMOUS, executeAs USER_ACCESSING / USER_DEPLOYING)
 * - ContentService and TextOutput: developers.google.com/apps-script/reference/content/content-service,
 *   …/reference/content/text-output
 * - Service: developers.google.com/apps-script/reference/script/service (getUrl, isEnabled)
 * - Session: developers.google.com/apps-script/reference/base/session (getActiveUser)
 */
const OWNER = 'coordinadora@trabajo.gob.pe';
const COLLEAGUE = 'consultor@trabajo.gob.pe';
const CITIZEN = 'vecina@gmail.com';

function bundle(code: string, manifest: object = { timeZone: 'America/Lima', runtimeVersion: 'V8' }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-webapp-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'Page.html'), '<!DOCTYPE html><html><body><p>Hola <?= nombre ?></p></body></html>');
  return dir;
}

function setup(code: string, manifest?: object) {
  const ws = Workspace.create({ at: '2026-11-27T09:00', seed: 5, user: OWNER });
  const ss = ws.createSpreadsheet('Libro');
  ws.install(ss, { distDir: bundle(code, manifest) });
  return { ws, ss };
}

const ECHO = `
  function doGet(e) { return ContentService.createTextOutput(JSON.stringify(e)).setMimeType(ContentService.MimeType.JSON); }
  function doPost(e) { return ContentService.createTextOutput(JSON.stringify(e)).setMimeType(ContentService.MimeType.JSON); }
  function whoami() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]; }
`;

describe('web apps: deployment and ScriptApp.getService (reference/script/service)', () => {
  test('deployWebApp gives a script.google.com/macros/s/<id>/exec URL, the same for the same seed; getUrl/isEnabled report it', () => {
    const code = 'function url() { var s = ScriptApp.getService(); return [s.getUrl(), s.isEnabled()]; }';
    const { ws, ss } = setup(code);
    expect(ws.run(ss, 'url').value).toEqual([null, false]); // "otherwise returns null"
    const url = ws.deployWebApp(ss, { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
    expect(url).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/AKfycb[A-Za-z0-9_-]+\/exec$/);
    expect(ws.run(ss, 'url').value).toEqual([url, true]);
    const again = setup(code); // the same seed and project: the same URL
    expect(again.ws.deployWebApp(again.ss)).toBe(url);
    // Redeploying changes the settings, keeps the URL.
    expect(ws.deployWebApp(ss, { access: 'DOMAIN' })).toBe(url);
    expect(ws.webApps()).toEqual([expect.objectContaining({ url, access: 'DOMAIN', executeAs: 'USER_DEPLOYING', deployer: OWNER })]);
  });

  test("the manifest's webapp section gives the default settings (manifest/web-app-api-executable)", () => {
    const { ws, ss } = setup(ECHO, { timeZone: 'America/Lima', webapp: { executeAs: 'USER_ACCESSING', access: 'ANYONE' } });
    ws.deployWebApp(ss);
    expect(ws.webApps()[0]).toMatchObject({ executeAs: 'USER_ACCESSING', access: 'ANYONE' });
    expect(() => ws.deployWebApp(ss, { access: 'EVERYONE' as never })).toThrow(/access must be/);
  });
});

describe('web apps: the request (guides/web, "Request parameters")', () => {
  test('GET: e.queryString, e.parameter (first value), e.parameters (every value), e.pathInfo, contentLength -1', () => {
    const { ws, ss } = setup(ECHO);
    const url = ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    const r = ws.openWebApp(`${url}/hello/x?name=alice&n=1&n=2`, { user: null });
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('application/json');
    expect(JSON.parse(r.body)).toEqual({
      queryString: 'name=alice&n=1&n=2',
      parameter: { name: 'alice', n: '1' },
      parameters: { name: ['alice'], n: ['1', '2'] },
      pathInfo: 'hello/x',
      contextPath: '',
      contentLength: -1,
    });
    expect(r.execution).toMatchObject({ functionName: 'doGet', trigger: 'webapp', status: 'completed', user: OWNER });
    // "null if no query string is specified"; no pathInfo without a path
    const bare = JSON.parse(ws.openWebApp(url, { user: null }).body);
    expect(bare.queryString).toBeNull();
    expect(bare).not.toHaveProperty('pathInfo');
  });

  test('POST runs doPost with e.postData (length, type, contents, name); a form-encoded body adds to e.parameter(s)', () => {
    const { ws, ss } = setup(ECHO);
    const url = ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    const json = ws.openWebApp(`${url}?k=1`, { method: 'POST', user: null, body: '{"a":"ñ"}', contentType: 'application/json' });
    const e = JSON.parse(json.body);
    expect(json.execution?.functionName).toBe('doPost');
    expect(e.postData).toEqual({ length: 10, type: 'application/json', contents: '{"a":"ñ"}', name: 'postData' });
    expect(e.contentLength).toBe(10);
    expect(e.parameters).toEqual({ k: ['1'] });
    const form = JSON.parse(ws.openWebApp(`${url}?k=1`, { method: 'POST', user: null, body: 'k=2&x=y' }).body);
    expect(form.parameters).toEqual({ k: ['1', '2'], x: ['y'] });
    expect(form.parameter).toEqual({ k: '1', x: 'y' });
    expect(form.postData.type).toBe('application/x-www-form-urlencoded');
  });

  test('HtmlOutput is served as HTML (templates evaluated as HtmlService does), with its title', () => {
    const { ws, ss } = setup(`function doGet(e) {
      var t = HtmlService.createTemplateFromFile('Page'); t.nombre = e.parameter.n;
      return t.evaluate().setTitle('Inscripción');
    }`);
    const url = ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    const r = ws.openWebApp(`${url}?n=${encodeURIComponent('<b>Ana</b>')}`, { user: null });
    expect(r).toMatchObject({ status: 200, contentType: 'text/html', title: 'Inscripción' });
    expect(r.body).toContain('<p>Hola &lt;b&gt;Ana&lt;/b&gt;</p>');
  });

  test('a missing doGet gives "Script function not found: doGet"; no output gives Google\'s "completed but did not return anything"', () => {
    const { ws, ss } = setup('function doPost() { return "texto"; }');
    const url = ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    const r = ws.openWebApp(url, { user: null });
    expect(r.body).toContain('Script function not found: doGet');
    expect(r.execution?.status).toBe('failed');
    expect(ws.openWebApp(url, { method: 'POST', user: null }).body).toContain('The script completed but did not return anything.');
  });

  test('an unknown deployment gives 404; a URL that is not a web app is refused', () => {
    const { ws } = setup(ECHO);
    expect(ws.openWebApp('https://script.google.com/macros/s/AKfycbNOPE/exec').status).toBe(404);
    expect(() => ws.openWebApp('https://example.org/exec')).toThrow(/not a web app URL/);
    expect(parseWebAppUrl('https://script.google.com/a/macros/trabajo.gob.pe/s/AKfycbX/exec?a=1')).toEqual({
      method: 'GET',
      deploymentId: 'AKfycbX',
      queryString: 'a=1',
    });
  });
});

describe('web apps: access and identity (manifest/web-app-api-executable; guides/web "Permissions"; reference/base/session)', () => {
  const WHO = `function doGet() { return ContentService.createTextOutput([Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()].join('|')); }`;

  test('MYSELF: only the deployer; others get "You need access"; anonymous visitors are sent to sign in', () => {
    const { ws, ss } = setup(WHO);
    const url = ws.deployWebApp(ss, { access: 'MYSELF' });
    expect(ws.openWebApp(url, { user: OWNER }).body).toBe(`${OWNER}|${OWNER}`);
    const denied = ws.openWebApp(url, { user: COLLEAGUE });
    expect(denied.status).toBe(403);
    expect(denied.body).toContain('You need access');
    expect(denied.execution).toBeUndefined(); // no execution runs
    const anon = ws.openWebApp(url, { user: null });
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^https:\/\/accounts\.google\.com\/ServiceLogin\?continue=/);
  });

  test("DOMAIN: users of the deployer's domain only; ANYONE: any signed-in user", () => {
    const { ws, ss } = setup(WHO);
    const url = ws.deployWebApp(ss, { access: 'DOMAIN' });
    expect(ws.openWebApp(url, { user: COLLEAGUE }).status).toBe(200);
    expect(ws.openWebApp(url, { user: CITIZEN }).status).toBe(403);
    ws.deployWebApp(ss, { access: 'ANYONE' });
    expect(ws.openWebApp(url, { user: CITIZEN }).status).toBe(200);
    expect(ws.openWebApp(url, { user: null }).status).toBe(302);
  });

  test('execute as me: runs as the deployer; the active user is the visitor only in the same domain, else "" (anonymous: "")', () => {
    const { ws, ss } = setup(WHO);
    const url = ws.deployWebApp(ss, { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
    expect(ws.openWebApp(url, { user: null }).body).toBe(`|${OWNER}`);
    expect(ws.openWebApp(url, { user: CITIZEN }).body).toBe(`|${OWNER}`);
    expect(ws.openWebApp(url, { user: COLLEAGUE }).body).toBe(`${COLLEAGUE}|${OWNER}`);
    const last = ws.executions({ functionName: 'doGet' }).pop()!;
    expect(last).toMatchObject({ user: OWNER, visitor: COLLEAGUE, trigger: 'webapp' });
  });

  test('execute as the user accessing: runs as the visitor, who must be signed in', () => {
    const { ws, ss } = setup(WHO);
    const url = ws.deployWebApp(ss, { executeAs: 'USER_ACCESSING', access: 'ANYONE' });
    const r = ws.openWebApp(url, { user: CITIZEN });
    expect(r.body).toBe(`${CITIZEN}|${CITIZEN}`);
    expect(r.execution?.user).toBe(CITIZEN);
    expect(ws.openWebApp(url, { user: null }).status).toBe(302);
  });

  test('a web app request does not count against the triggers total runtime quota (guides/services/quotas)', () => {
    const { ws, ss } = setup(WHO);
    const url = ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    ws.openWebApp(url, { user: null });
    expect(JSON.stringify(ws.state.quotas.toJSON())).not.toMatch(/triggerRuntimeMs/);
  });
});

describe('google.script.run from a web-app page (guides/html/reference/run; guides/web "Permissions")', () => {
  test('callFromWebApp runs as the deployment says, with the visitor, and is refused as the app would be', () => {
    const { ws, ss } = setup(`function who(x) { return [x, Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]; }
      function when() { return new Date(); }`);
    const url = ws.deployWebApp(ss, { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
    const r = ws.callFromWebApp(url, 'who', [1], { user: null });
    expect(r).toMatchObject({ ok: true, value: [1, '', OWNER] });
    expect(r.execution).toMatchObject({ trigger: 'webapp', user: OWNER, visitor: '' });
    expect(ws.callFromWebApp(url, 'when', [], { user: null })).toMatchObject({ ok: true, value: null }); // a Date does not reach the page
    expect(() => ws.callFromWebApp(url, 'who', [new Date()], { user: null })).toThrow('google.script.run cannot send a Date');
    ws.deployWebApp(ss, { executeAs: 'USER_ACCESSING', access: 'DOMAIN' });
    expect(ws.callFromWebApp(url, 'who', [2], { user: COLLEAGUE })).toMatchObject({ ok: true, value: [2, COLLEAGUE, COLLEAGUE] });
    expect(() => ws.callFromWebApp(url, 'who', [], { user: CITIZEN })).toThrow('You need access');
    expect(() => ws.callFromWebApp(url, 'who', [], { user: null })).toThrow('sign-in required');
  });
});

describe('ContentService and TextOutput (reference/content/content-service, …/text-output)', () => {
  test('createTextOutput is plain text by default; setMimeType, append, setContent, getContent, clear, MimeType', () => {
    const { ws, ss } = setup(`
      function doGet() {
        var t = ContentService.createTextOutput('a');
        var before = t.getMimeType();
        t.append('b').append('c');
        var csv = ContentService.createTextOutput().setContent('x,y').setMimeType(ContentService.MimeType.CSV);
        return ContentService.createTextOutput([before, t.getContent(), csv.getContent(), csv.getMimeType(), String(ContentService.MimeType.JSON), t.clear().getContent() === ''].join('|'));
      }`);
    const url = ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    const r = ws.openWebApp(url, { user: null });
    expect(r.contentType).toBe('text/plain');
    expect(r.body).toBe('TEXT|abc|x,y|CSV|JSON|true');
  });

  test('each MimeType is served with its Content-Type; setMimeType refuses anything else', () => {
    const { ws, ss } = setup(`
      function doGet(e) { return ContentService.createTextOutput('x').setMimeType(ContentService.MimeType[e.parameter.t]); }
      function bad() { try { ContentService.createTextOutput('x').setMimeType('image/png'); } catch (e) { return e.message; } }`);
    const url = ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    const types: Record<string, string> = { CSV: 'text/csv', ICAL: 'text/calendar', JAVASCRIPT: 'application/javascript', JSON: 'application/json', TEXT: 'text/plain', VCARD: 'text/vcard' };
    for (const [k, v] of Object.entries(types)) expect(ws.openWebApp(`${url}?t=${k}`, { user: null }).contentType).toBe(v);
    expect(ws.run(ss, 'bad').value).toBe('Invalid argument: mimeType');
  });

  test('downloadAsFile names the download; null resets it; an illegal name throws', () => {
    const { ws, ss } = setup(`
      function doGet(e) { var t = ContentService.createTextOutput('a,b').setMimeType(ContentService.MimeType.CSV).downloadAsFile('lista.csv');
        if (e.parameter.reset) t.downloadAsFile(null); return t; }
      function bad() { try { ContentService.createTextOutput('x').downloadAsFile('a/b'); } catch (e) { return e.message; } }`);
    const url = ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    expect(ws.openWebApp(url, { user: null })).toMatchObject({ fileName: 'lista.csv', contentType: 'text/csv', body: 'a,b' });
    expect(ws.openWebApp(`${url}?reset=1`, { user: null })).not.toHaveProperty('fileName');
    expect(ws.run(ss, 'bad').value).toMatch(/^Invalid argument: filename/);
  });
});

describe('web apps: persistence', () => {
  test('a deployment survives a snapshot (its URL still answers)', () => {
    const { ws, ss } = setup(ECHO);
    const url = ws.deployWebApp(ss, { access: 'ANYONE_ANONYMOUS' });
    const copy = Workspace.fromSnapshot(ws.snapshot());
    expect(copy.openWebApp(url, { user: null }).status).toBe(200);
  });
});
