/**
 * The built bundle as Apps Script sees it: dist/Code.js loads in a bare V8 context without
 * touching any Google service, every entry point is a top-level function declaration (the only
 * thing Apps Script's menus, triggers and google.script.run can find), the manifest asks for
 * exactly the scopes the product justifies, and the panel is one self-contained HTML file.
 */
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { MANAGED_HANDLERS } from '../src/app/setup';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const read = (f: string) => fs.readFileSync(path.join(dist, f), 'utf8');

beforeAll(() => {
  // Other suites read dist/ concurrently: build only when it is missing (npm test builds first).
  if (!['Code.js', 'exports.json', 'Sidebar.html', 'appsscript.json'].every((f) => fs.existsSync(path.join(dist, f)))) {
    execSync('npx tsx scripts/build.ts', { cwd: root, stdio: 'pipe' });
  }
});

const SERVICES = [
  'SpreadsheetApp', 'MailApp', 'GmailApp', 'CalendarApp', 'Calendar', 'FormApp', 'ScriptApp', 'PropertiesService',
  'LockService', 'CacheService', 'Utilities', 'Session', 'HtmlService', 'DriveApp', 'SlidesApp', 'Logger', 'UrlFetchApp',
];

function loadBare(): { context: vm.Context; touched: string[] } {
  const touched: string[] = [];
  const sandbox: Record<string, unknown> = {};
  for (const name of SERVICES) {
    Object.defineProperty(sandbox, name, {
      get() {
        touched.push(name);
        throw new ReferenceError(`${name} is not defined`);
      },
    });
  }
  const context = vm.createContext(sandbox);
  vm.runInContext(read('Code.js'), context, { filename: 'Code.js' });
  return { context, touched };
}

describe('dist/Code.js', () => {
  test('loads in a context with no Google globals and touches no service while loading', () => {
    let loaded: ReturnType<typeof loadBare> | undefined;
    expect(() => (loaded = loadBare())).not.toThrow();
    expect(loaded!.touched).toEqual([]);
  });

  test('every entry point is a top-level function declaration', () => {
    const code = read('Code.js');
    const names = JSON.parse(read('exports.json')) as string[];
    const { context } = loadBare();
    expect(names).toEqual(
      expect.arrayContaining(['onOpen', 'onInstall', 'showSidebar', 'showSetup', 'showAbout', 'setupSpreadsheet', 'getSetupStatus', 'runReminders', 'runDayClosing']),
    );
    for (const name of names) {
      expect([name, new RegExp(`^function ${name}\\(`, 'm').test(code)]).toEqual([name, true]);
      expect([name, new RegExp(`^\\s*(var|let|const)\\s+${name}\\b|^${name}\\s*=`, 'm').test(code)]).toEqual([name, false]);
      expect([name, typeof (context as Record<string, unknown>)[name]]).toEqual([name, 'function']);
    }
  });

  test('an entry point needs its services only when called', () => {
    const { context, touched } = loadBare();
    expect(() => (context as Record<string, () => void>).onOpen()).toThrow(ReferenceError);
    expect(touched).toEqual(['SpreadsheetApp']);
  });

  test('every trigger setup installs calls an existing entry point', () => {
    const names = new Set(JSON.parse(read('exports.json')) as string[]);
    for (const h of MANAGED_HANDLERS) expect([h, names.has(h)]).toEqual([h, true]);
  });

  test('every menu item calls an existing entry point', () => {
    const code = read('Code.js');
    const names = new Set(JSON.parse(read('exports.json')) as string[]);
    const handlers = [...code.matchAll(/(\w+):\s*"(show\w+)"/g)].map((m) => m[2]);
    expect(handlers.length).toBeGreaterThanOrEqual(3);
    for (const h of handlers) expect([h, names.has(h)]).toEqual([h, true]);
  });
});

describe('appsscript.json', () => {
  const manifest = () => JSON.parse(read('appsscript.json')) as Record<string, unknown> & { oauthScopes: string[] };

  test('Lima time, V8, exception logging, Calendar v3 for Meet links, Slides v1 to fill a certificate in one request', () => {
    const m = manifest();
    expect(m.timeZone).toBe('America/Lima');
    expect(m.runtimeVersion).toBe('V8');
    expect(m.exceptionLogging).toBe('STACKDRIVER');
    expect(m.dependencies).toEqual({
      enabledAdvancedServices: [
        { userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3' },
        { userSymbol: 'Slides', serviceId: 'slides', version: 'v1' },
      ],
    });
  });

  test('asks for exactly the least-privilege scopes, never full Gmail (Drive: DriveApp needs `drive`, docs/oauth-scopes.md)', () => {
    const scopes = manifest().oauthScopes;
    expect([...scopes].sort()).toEqual(
      [
        'https://www.googleapis.com/auth/spreadsheets',
        'https://www.googleapis.com/auth/script.send_mail',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/calendar.events',
        'https://www.googleapis.com/auth/forms',
        'https://www.googleapis.com/auth/drive',
        'https://www.googleapis.com/auth/presentations',
        'https://www.googleapis.com/auth/userinfo.email',
      ].sort(),
    );
    expect(scopes).not.toContain('https://mail.google.com/');
    expect(scopes.some((s) => /gmail|\/auth\/calendar$/.test(s))).toBe(false);
  });

  test('clasp pushes dist/', () => {
    const clasp = JSON.parse(fs.readFileSync(path.join(root, '.clasp.json'), 'utf8'));
    expect(clasp.rootDir).toBe('dist');
  });
});

describe('dist/Sidebar.html', () => {
  test('is one self-contained file: styles and script inline, nothing from a CDN', () => {
    const html = read('Sidebar.html');
    expect(html).not.toMatch(/INLINE_(CSS|JS)/);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    // Nothing is loaded from outside: no remote src/href, CSS url() or @import (help text may
    // still show an address a person types, e.g. «Empieza con https://chat.whatsapp.com/»).
    expect(html).not.toMatch(/\b(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?\/\/(?!www\.w3\.org)/i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toMatch(/<html lang="es-PE">/);
    expect(html).toMatch(/google\.script|withSuccessHandler/);
  });

  test('every form control has a label, and errors and progress are announced', () => {
    const html = read('Sidebar.html');
    const inputs = [...html.matchAll(/<input[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(inputs.length).toBeGreaterThan(0);
    for (const id of inputs) expect([id, html.includes(`for="${id}"`)]).toEqual([id, true]);
    expect(html).toMatch(/id="error"[^>]*role="alert"/);
    expect(html).toMatch(/id="loading"[^>]*role="status"/);
  });

  test('the panel never inserts data as HTML', () => {
    const html = read('Sidebar.html');
    expect(html).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|document\.write/);
  });
});
