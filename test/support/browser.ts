/**
 * Browser tests drive Debian's Chromium (/usr/bin/chromium) with playwright-core: no browser
 * is downloaded by npm. `scripts/ensure-chromium.sh` installs it where it can (root + apt);
 * when it is missing the test FAILS with a one-line instruction — browser tests never skip.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import type { Workspace } from '../../emulator';
import { startUiServer, type UiServer } from '../../emulator/ui/server';
import type { LandingView } from '../../emulator/ui/snapshot';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_MISSING =
  `Chromium is missing at ${CHROMIUM}: run 'bash scripts/ensure-chromium.sh' as root (or 'sudo apt-get install -y chromium'), then run the tests again.`;

/** Flags for a quiet, offline, headless run as root in a container, in Spanish (Peru). */
export const CHROMIUM_ARGS = [
  '--lang=es-PE',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium on Linux takes its own language (the native controls: a file input's "Seleccionar
 * archivo", a date input's "dd/mm/aaaa") from the environment, not from --lang, and only when
 * Debian's chromium-l10n is installed (scripts/ensure-chromium.sh installs it). The page's
 * language (navigator.language, Accept-Language, Intl) comes from the context's `locale`.
 */
export const CHROMIUM_ENV: Record<string, string> = { LANG: 'es_PE.UTF-8', LANGUAGE: 'es_PE:es_419:es' };
export const CHROMIUM_L10N_MISSING =
  "Chromium's Spanish resources are missing (native controls say \"Choose File\"): run 'bash scripts/ensure-chromium.sh' as root (or 'sudo apt-get install -y chromium-l10n').";

/** Launches Chromium (fresh profile in `userDataDir`) as the browser tests and screenshots see it: Spanish (Peru), Lima time. */
export function launchChromium(userDataDir: string, opts: { width?: number; height?: number } = {}): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...(process.env as Record<string, string>), ...CHROMIUM_ENV },
    viewport: { width: opts.width ?? 1400, height: opts.height ?? 860 },
    locale: 'es-PE',
    timezoneId: 'America/Lima',
  });
}

/** The built bundle the browser tests run (npm test builds it first). */
export function distDir(): string {
  const dir = path.resolve(process.env.SOE_DIST_DIR ?? 'dist');
  if (!fs.existsSync(path.join(dir, 'Code.js')) || !fs.existsSync(path.join(dir, 'Sidebar.html'))) {
    throw new Error(`The bundle is not built in ${dir}: run 'npm run build' first (npm test does).`);
  }
  return dir;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  server: UiServer;
  /** Errors the page (not its frames' scripts) threw: a test can assert there were none. */
  pageErrors: Error[];
  close(): Promise<void>;
}

/**
 * Starts the emulator UI over `workspace` on a free loopback port, launches Chromium with a
 * fresh profile, and opens one page on the UI.
 */
export async function openEmulatorUi(workspace: Workspace, opts: { width?: number; height?: number; landing?: LandingView } = {}): Promise<BrowserSession> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
  const landing = opts.landing;
  const server = await startUiServer({ workspace, port: 0, ...(landing ? { landing: () => landing } : {}) });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soe-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await launchChromium(userDataDir, opts);
  } catch (e) {
    await server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: Error[] = [];
  page.on('pageerror', (e) => pageErrors.push(e));
  await page.goto(server.url);
  return {
    context,
    page,
    server,
    pageErrors,
    close: async () => {
      await context!.close().catch(() => undefined);
      await server.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Where screenshots go: docs/img/ (the README and the guide show them) when refreshing the docs
 * with SOE_SCREENSHOTS=1; otherwise a temporary folder, so `npm test` leaves the tree clean.
 */
export function screenshotPath(name: string): string {
  return process.env.SOE_SCREENSHOTS === '1' ? path.resolve('docs/img', name) : path.join(os.tmpdir(), 'soe-screenshots', name);
}

/** Saves a screenshot (see screenshotPath). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = screenshotPath(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

/** Waits until `check` passes on what `read` gives (the page redraws after the server answers). */
export async function eventually<T>(read: () => T | Promise<T>, check: (value: T) => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** "Emprendimiento › Abrir panel": waits for the new panel (a panel already docked is replaced). */
export async function openPanel(page: Page): Promise<Frame> {
  const docked = page.locator('.sidebar:not([hidden]) iframe.surface-frame');
  const before = (await docked.count()) > 0 ? await docked.first().getAttribute('data-surface-key') : null;
  await page.getByRole('menuitem', { name: 'Emprendimiento', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Abrir panel', exact: true }).click();
  const fresh = before ? `.sidebar:not([hidden]) iframe.surface-frame:not([data-surface-key="${before}"])` : '.sidebar:not([hidden]) iframe.surface-frame';
  const handle = await page.waitForSelector(fresh);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the sidebar has no frame');
  await frame.waitForLoadState('load');
  return frame;
}

/** One HTTP request to the emulator's UI server (JSON in, text and parsed JSON out). */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
}

export function request(server: { port: number }, method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: p,
        headers: { ...(data !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json });
        });
      },
    );
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}
