import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The browser UI's own code, bundled in memory when the server starts (no files written, no
 * CDN): the page script (app/main.ts), its styles, and the google.script shim injected into
 * sidebars and dialogs (app/gas-shim.ts).
 */
export interface ClientBundle {
  appJs: string;
  appCss: string;
  indexHtml: string;
  shimJs: string;
}

const APP_DIR = path.join(__dirname, 'app');

async function bundle(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(APP_DIR, entry)],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

let cached: Promise<ClientBundle> | undefined;

/** Built once per process: every server started in it serves the same bundle. */
export function clientBundle(): Promise<ClientBundle> {
  cached ??= (async () => {
    const [appJs, shimJs] = await Promise.all([bundle('main.ts'), bundle('gas-shim.ts')]);
    return {
      appJs,
      shimJs,
      appCss: fs.readFileSync(path.join(APP_DIR, 'styles.css'), 'utf8'),
      indexHtml: fs.readFileSync(path.join(APP_DIR, 'index.html'), 'utf8'),
    };
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
