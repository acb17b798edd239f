import * as vm from 'node:vm';
import { makeTestEnv } from '../../emulator/testing';
import { HtmlService, HTML_MESSAGES } from '../../emulator/services/html';
import { Bridge } from '../../emulator/core/bridge';
import { createContext } from '../../emulator/runtime/sandbox';

/**
 * HtmlService, HtmlOutput and HtmlTemplate.
 * Reference: developers.google.com/apps-script/reference/html/html-service, .../html-output,
 * .../html-template, and the templates guide developers.google.com/apps-script/guides/html/templates.
 */
const PAGE =
  '<h1><?= greeting(name) ?></h1><ul><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?></ul>' +
  "<p><?!= '<i>raw</i>' ?></p><p><?= Array.isArray(items) && items instanceof Array ?></p>";

function setup(html: Record<string, string> = {}) {
  const env = makeTestEnv();
  env.project.files.html = html;
  return { env, html: new HtmlService(env) };
}

/** A script context with HtmlService as its global, as the runtime builds one (without the other services). */
function sandbox(files: Record<string, string>, code: string) {
  const { env, html } = setup(files);
  const context = createContext(env.state.clock, (level, line) => env.exec.log(`${level}: ${line}`));
  const bridge = new Bridge(context, env.exec);
  (vm.runInContext('globalThis', context) as Record<string, unknown>).HtmlService = bridge.wrap(html);
  vm.runInContext(code, context);
  return (fn: string) => vm.runInContext(`${fn}()`, context) as unknown;
}

describe('HtmlTemplate scriptlets, run in the script\'s context (guides/html/templates)', () => {
  const code = `
    function greeting(n) { return 'Hola ' + n; }
    function page() {
      var t = HtmlService.createTemplateFromFile('Page');
      t.name = '<b>Ana</b> & "Luis" O\\'Brien';
      t.items = ['uno', 'dos'];
      return t.evaluate().getContent();
    }
    function shadow() {
      var t = HtmlService.createTemplate('<?= typeof evaluate ?>|<?= name ?>');
      t.evaluate = 'ignored'; // an Apps Script method cannot be replaced
      t.name = 'x';
      return [t.name, typeof t.evaluate, t.evaluate().getContent()].join(' ');
    }
    function expandoOnOutput() {
      var o = HtmlService.createHtmlOutput('a');
      o.foo = 1; // ignored: only templates keep properties
      return String(o.foo);
    }
    function broken() {
      try { HtmlService.createTemplate('<?= missingVariable ?>').evaluate(); return 'no error'; }
      catch (e) { return e.message; }
    }`;

  test('<?= ?> escapes, <?!= ?> does not, <? ?> runs code; variables are the script\'s values and globals are visible', () => {
    const run = sandbox({ Page: PAGE }, code);
    expect(run('page')).toBe(
      '<h1>Hola &lt;b&gt;Ana&lt;/b&gt; &amp; &quot;Luis&quot; O&#39;Brien</h1><ul><li>uno</li><li>dos</li></ul><p><i>raw</i></p><p>true</p>',
    );
  });

  test('template properties are readable back; methods cannot be overwritten', () => {
    expect(sandbox({}, code)('shadow')).toBe('x function undefined|x');
  });

  test('other Apps Script objects ignore expando properties', () => {
    expect(sandbox({}, code)('expandoOnOutput')).toBe('undefined');
  });

  test('an error inside a scriptlet reaches the script as an error', () => {
    expect(sandbox({}, code)('broken')).toMatch(/missingVariable is not defined/);
  });
});

describe('HtmlService (reference/html/html-service)', () => {
  test('createHtmlOutputFromFile finds a project file with or without ".html" and does not evaluate it', () => {
    const { html } = setup({ Sidebar: '<p><?= x ?></p>' });
    expect(html.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<p><?= x ?></p>');
    expect(html.createHtmlOutputFromFile('Sidebar.html').getContent()).toBe('<p><?= x ?></p>');
  });

  test('an unknown file fails with "No HTML file named X was found."', () => {
    const { html } = setup({ Sidebar: '' });
    expect(() => html.createHtmlOutputFromFile('Index')).toThrow('No HTML file named Index was found.');
    expect(() => html.createTemplateFromFile('sidebar')).toThrow(HTML_MESSAGES.noFile('sidebar'));
  });

  test('createHtmlOutput takes text or a Blob; createTemplate evaluates outside a script too', () => {
    const { html } = setup();
    expect(html.createHtmlOutput().getContent()).toBe('');
    expect(html.createHtmlOutput({ getDataAsString: () => '<b>blob</b>' }).getContent()).toBe('<b>blob</b>');
    const t = html.createTemplate('<? var n = 2 + 3; ?><?= n ?> & <?= who ?>');
    t._expandos.who = '<Ana>';
    expect(t.evaluate().getContent()).toBe('5 & &lt;Ana&gt;');
    expect(t.getRawContent()).toBe('<? var n = 2 + 3; ?><?= n ?> & <?= who ?>');
    expect(t.getCode()).toContain('__out.push');
  });

  test('enums', () => {
    const { html } = setup();
    expect(html.SandboxMode.IFRAME).toBe('IFRAME');
    expect(html.XFrameOptionsMode.ALLOWALL).toBe('ALLOWALL');
  });
});

describe('HtmlOutput (reference/html/html-output)', () => {
  test('content, untrusted content, title and size', () => {
    const { html } = setup();
    const out = html
      .createHtmlOutput('<p>Hola</p>')
      .append('<p>más</p>')
      .appendUntrusted('<script>alert(1)</script>')
      .setTitle('Panel SOE')
      .setWidth(300)
      .setHeight(600)
      .setSandboxMode(html.SandboxMode.IFRAME)
      .setXFrameOptionsMode(html.XFrameOptionsMode.DEFAULT)
      .addMetaTag('viewport', 'width=device-width')
      .setFaviconUrl('https://example.org/icon.png');
    expect(out.getContent()).toBe('<p>Hola</p><p>más</p>&lt;script&gt;alert(1)&lt;/script&gt;');
    expect([out.getTitle(), out.getWidth(), out.getHeight(), out.getFaviconUrl()]).toEqual([
      'Panel SOE',
      300,
      600,
      'https://example.org/icon.png',
    ]);
    expect(out._surface()).toEqual({ html: out.getContent(), title: 'Panel SOE', width: 300, height: 600 });
    expect(out.setContent('x').getContent()).toBe('x');
    expect(out.clear().getContent()).toBe('');
  });
});
