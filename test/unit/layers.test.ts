/**
 * DESIGN.md's layers, enforced by reading the imports of every source file:
 *   src/domain → nothing outside src/domain;  src/app → src/domain and src/ports;
 *   Apps Script globals only in src/gas and src/entry.ts;  emulator → never src/;
 *   sidebar → only the API types of src/api.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(rel));
    else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** Removes comments and string/template contents so a word in a comment or a message is not code. */
function codeOnly(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'/g, "''")
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/`(?:[^`\\]|\\.)*`/g, '``');
}

interface Import {
  spec: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const src = fs.readFileSync(path.join(root, file), 'utf8');
  const out: Import[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of src.matchAll(re)) {
    const spec = m[3] ?? m[4] ?? m[5] ?? m[6];
    if (spec) out.push({ spec, typeOnly: Boolean(m[2]) });
  }
  return out;
}

/** Project-relative path an import resolves to, or null for packages (node:fs, esbuild …). */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.normalize(path.join(path.dirname(file), spec));
}

const under = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);

const domain = filesUnder('src/domain');
const app = filesUnder('src/app');
const gas = filesUnder('src/gas');
const sidebar = filesUnder('sidebar');
const emulator = filesUnder('emulator');

test('there is code in every layer this test guards', () => {
  expect(domain.length).toBeGreaterThan(5);
  expect(app.length).toBeGreaterThan(0);
  expect(gas.length).toBeGreaterThan(0);
  expect(sidebar.length).toBeGreaterThan(0);
  expect(emulator.length).toBeGreaterThan(0);
});

/**
 * Packages the domain may use: pure computation bundled into dist/Code.js, no I/O, no globals.
 * qrcode-generator (MIT): the certificate's QR (src/domain/workshops/qr.ts, issue 13 contract).
 */
const PURE_PACKAGES = new Set(['qrcode-generator']);

test('src/domain imports nothing outside src/domain (no packages either, but the pure ones listed)', () => {
  const bad = domain.flatMap((f) =>
    importsOf(f)
      .filter((i) => {
        const t = target(f, i.spec);
        if (t === null && PURE_PACKAGES.has(i.spec)) return false;
        return t === null || !under(t, 'src/domain');
      })
      .map((i) => `${f} → ${i.spec}`),
  );
  expect(bad).toEqual([]);
});

test('src/app imports only src/domain and src/ports', () => {
  const bad = app.flatMap((f) =>
    importsOf(f)
      .filter((i) => {
        const t = target(f, i.spec);
        return t === null || !(under(t, 'src/domain') || under(t, 'src/app') || t === path.normalize('src/ports'));
      })
      .map((i) => `${f} → ${i.spec}`),
  );
  expect(bad).toEqual([]);
});

test('src/ports imports only domain types', () => {
  const bad = importsOf('src/ports.ts')
    .filter((i) => {
      const t = target('src/ports.ts', i.spec);
      return t === null || !under(t, 'src/domain') || !i.typeOnly;
    })
    .map((i) => i.spec);
  expect(bad).toEqual([]);
});

test('src/gas imports only src/ports, src/domain and itself', () => {
  const bad = gas.flatMap((f) =>
    importsOf(f)
      .filter((i) => {
        const t = target(f, i.spec);
        return t === null || !(under(t, 'src/gas') || under(t, 'src/domain') || t === path.normalize('src/ports'));
      })
      .map((i) => `${f} → ${i.spec}`),
  );
  expect(bad).toEqual([]);
});

const GAS_GLOBALS = [
  'SpreadsheetApp', 'MailApp', 'GmailApp', 'CalendarApp', 'Calendar', 'FormApp', 'ScriptApp', 'PropertiesService',
  'LockService', 'CacheService', 'Utilities', 'Session', 'HtmlService', 'DriveApp', 'SlidesApp', 'Logger',
  'UrlFetchApp', 'DocumentApp',
];

test('Apps Script globals appear only in src/gas and src/entry.ts', () => {
  const word = new RegExp(`(?<![\\w$.])(${GAS_GLOBALS.join('|')})\\s*[.(!]`, 'g');
  const allowed = (f: string) => under(f, 'src/gas') || f === path.normalize('src/entry.ts');
  const bad: string[] = [];
  for (const f of filesUnder('src')) {
    if (allowed(f)) continue;
    const code = codeOnly(fs.readFileSync(path.join(root, f), 'utf8'));
    for (const m of code.matchAll(word)) bad.push(`${f}: ${m[1]}`);
  }
  expect(bad).toEqual([]);
});

test('the guard itself sees a global used in code but not in a comment or a string', () => {
  const word = /(?<![\w$.])(SpreadsheetApp|Session)\s*[.(!]/g;
  expect(codeOnly('// SpreadsheetApp.getUi()\nconst a = "Session.x";').match(word)).toBeNull();
  expect(codeOnly('const ss = SpreadsheetApp.getActive();').match(word)).not.toBeNull();
});

test('the emulator never imports the product', () => {
  const bad = emulator.flatMap((f) =>
    importsOf(f)
      .filter((i) => {
        const t = target(f, i.spec);
        return t !== null && (under(t, 'src') || under(t, 'sidebar'));
      })
      .map((i) => `${f} → ${i.spec}`),
  );
  expect(bad).toEqual([]);
});

test('the sidebar imports from src/ only the API types (erased from its bundle)', () => {
  const bad = sidebar.flatMap((f) =>
    importsOf(f)
      .filter((i) => {
        const t = target(f, i.spec);
        if (t === null) return true; // no packages: the sidebar is self-contained
        if (under(t, 'sidebar')) return false;
        return !(t === path.normalize('src/api') && i.typeOnly);
      })
      .map((i) => `${f} → ${i.spec}`),
  );
  expect(bad).toEqual([]);
});

test('the test-only spreadsheet writer (SheetJS "xlsx") is never part of the product or the emulator', () => {
  const files = [...filesUnder('src'), ...sidebar, ...emulator];
  const bad = files.flatMap((f) => importsOf(f).filter((i) => i.spec === 'xlsx' || i.spec.startsWith('xlsx/')).map((i) => `${f} → ${i.spec}`));
  expect(files.length).toBeGreaterThan(10);
  expect(bad).toEqual([]);
});

test('the PDF writer (pdf-lib) is the emulator\'s alone: never imported by the product or the sidebar', () => {
  const files = [...filesUnder('src'), ...sidebar];
  const bad = files.flatMap((f) => importsOf(f).filter((i) => i.spec === 'pdf-lib' || i.spec.startsWith('pdf-lib/')).map((i) => `${f} → ${i.spec}`));
  expect(files.length).toBeGreaterThan(10);
  expect(bad).toEqual([]);
  expect(emulator.some((f) => importsOf(f).some((i) => i.spec === 'pdf-lib'))).toBe(true); // the guard looks at real imports
});
