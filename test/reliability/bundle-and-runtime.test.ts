/**
 * Two guards around what the suites test: the bundle they install is built from today's src/
 * (test/global-setup.js rebuilds a stale dist/), and src/ is type-checked against the ES2020
 * library Apps Script's V8 runs (tsconfig.server.json, run by `npm run typecheck`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const setup = require('../global-setup.js') as { staleReason(root: string): string; INPUTS: string[]; OUTPUTS: string[] };

describe('the bundle under test (jest globalSetup)', () => {
  function tree(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-stale-'));
    fs.mkdirSync(path.join(root, 'src/app'), { recursive: true });
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, 'src/app/day.ts'), 'export {};');
    return root;
  }
  const at = (root: string, rel: string, seconds: number) => {
    const t = new Date(Date.UTC(2026, 10, 27, 12, 0, seconds));
    fs.utimesSync(path.join(root, rel), t, t);
  };

  test('dist/ missing, or older than a source file, is stale and says which; built after, it is fresh', () => {
    const root = tree();
    expect(setup.staleReason(root)).toBe('dist/Code.js is missing');
    for (const out of setup.OUTPUTS) fs.writeFileSync(path.join(root, out), '');
    for (const out of setup.OUTPUTS) at(root, out, 10);
    at(root, 'src/app/day.ts', 5);
    expect(setup.staleReason(root)).toBe('');
    at(root, 'src/app/day.ts', 20); // a change to src/ after the build
    expect(setup.staleReason(root)).toBe(`${path.join('src', 'app', 'day.ts')} changed after the last build`);
    fs.writeFileSync(path.join(root, 'appsscript.json'), '{}');
    at(root, 'src/app/day.ts', 5);
    at(root, 'appsscript.json', 30); // the manifest counts too
    expect(setup.staleReason(root)).toBe('appsscript.json changed after the last build');
  });

  test('what it watches is what scripts/build.ts reads and writes', () => {
    expect(setup.INPUTS).toEqual(['src', 'sidebar', 'appsscript.json', 'scripts/build.ts']);
    const build = fs.readFileSync(path.resolve(__dirname, '../../scripts/build.ts'), 'utf8');
    for (const f of ['src/entry.ts', 'sidebar/index.html', "'Code.js'", "'exports.json'", "'Sidebar.html'"]) expect(build).toContain(f);
  });
});

describe('the server code is type-checked against ES2020 (tsconfig.server.json)', () => {
  const text = fs.readFileSync(path.resolve(__dirname, '../../tsconfig.server.json'), 'utf8');
  // JSON with comments, as tsc reads it.
  const config = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as { compilerOptions: Record<string, unknown>; include: string[] };

  test('src/ only, ES2020 library, no DOM, no Node: only the Apps Script types', () => {
    expect(config.include).toEqual(['src']);
    expect(config.compilerOptions.lib).toEqual(['ES2020']);
    expect(config.compilerOptions.types).toEqual(['google-apps-script']);
  });

  test('npm run typecheck runs it besides the whole-project check', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.typecheck).toContain('-p tsconfig.json');
    expect(pkg.scripts.typecheck).toContain('-p tsconfig.server.json');
    expect(pkg.scripts.test).toMatch(/npm run typecheck/);
  });
});
