/**
 * Builds the Apps Script project into dist/:
 *  - dist/Code.js: src/entry.ts bundled by esbuild as one IIFE, followed by one top-level
 *    `function` declaration per export of src/entry.ts. Apps Script only finds top-level
 *    function declarations (menus, triggers and google.script.run look them up by name), and
 *    an IIFE's exports are not globals. The stub list comes from esbuild's own metafile for
 *    the entry module, so it is exactly what src/entry.ts exports, with no extra dependency
 *    (this replaces gas-webpack-plugin / gas-entry-generator; see docs/dependencies.md).
 *  - dist/Sidebar.html: sidebar/index.html with its script and styles inlined (HtmlService
 *    serves one file; no CDN).
 *  - dist/appsscript.json: the manifest, copied.
 *  - dist/exports.json: the entry-point list, for tests and tooling.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENTRY_ACCESS } from '../src/entry/access-table';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const GLOBAL = '__soe';

async function entryExports(entry: string): Promise<string[]> {
  const probe = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'probe',
    logLevel: 'silent',
  });
  const outputs = Object.values(probe.metafile.outputs);
  const main = outputs.find((o) => o.entryPoint);
  if (!main) throw new Error('esbuild reported no entry output');
  return [...main.exports].sort();
}

export async function buildCode(): Promise<{ exports: string[]; bytes: number }> {
  const entry = path.join(root, 'src/entry.ts');
  const names = await entryExports(entry);
  const bad = names.filter((n) => !/^[A-Za-z_$][\w$]*$/.test(n) || n === 'default');
  if (bad.length) throw new Error(`entry exports must be plain function names: ${bad.join(', ')}`);
  // Every global function says who may call it, in one table (docs/access-model.md).
  const undeclared = names.filter((n) => !Object.prototype.hasOwnProperty.call(ENTRY_ACCESS, n));
  if (undeclared.length) {
    throw new Error(`entry points without an access declaration in src/entry/access-table.ts: ${undeclared.join(', ')}`);
  }
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const body = result.outputFiles[0].text;
  const stubs = names
    .map((n) => `function ${n}() {\n  return ${GLOBAL}.${n}.apply(this, arguments);\n}`)
    .join('\n');
  const code = `${body}\n// Entry points: Apps Script calls these by name.\n${stubs}\n`;
  fs.writeFileSync(path.join(dist, 'Code.js'), code);
  fs.writeFileSync(path.join(dist, 'exports.json'), JSON.stringify(names, null, 2) + '\n');
  return { exports: names, bytes: Buffer.byteLength(code) };
}

export async function buildSidebar(): Promise<number> {
  const template = fs.readFileSync(path.join(root, 'sidebar/index.html'), 'utf8');
  const js = await esbuild.build({
    entryPoints: [path.join(root, 'sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    minify: true,
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  });
  const css = fs.readFileSync(path.join(root, 'sidebar/styles.css'), 'utf8');
  // A literal "</script" inside the bundle would end the inline script early.
  const script = js.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const html = template
    .replace('/* INLINE_CSS */', () => css)
    .replace('/* INLINE_JS */', () => script);
  fs.writeFileSync(path.join(dist, 'Sidebar.html'), html);
  return Buffer.byteLength(html);
}

async function main(): Promise<void> {
  fs.rmSync(dist, { recursive: true, force: true });
  fs.mkdirSync(dist, { recursive: true });
  const code = await buildCode();
  const sidebarBytes = await buildSidebar();
  fs.copyFileSync(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
  console.log(
    `dist/Code.js ${(code.bytes / 1024).toFixed(1)} KiB (${code.exports.length} entry points), ` +
      `dist/Sidebar.html ${(sidebarBytes / 1024).toFixed(1)} KiB, dist/appsscript.json`,
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
