import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Workspace } from '../workspace';
import {
  advanceClock,
  BadRequest,
  clickMenu,
  clientFunctionNames,
  enterCell,
  openSpreadsheet,
  openWebApp,
  resolveFormUrl,
  respondToEvent,
  runFromClient,
  runFromWebApp,
  submitForm,
  webAppFunctionNames,
} from './actions';
import { parseParameters, parseWebAppUrl } from '../services/webapp';
import { webAppFramePage, WebAppResponses } from './webapp-page';
import { clientBundle, type ClientBundle } from './client-bundle';
import { driveFileContent } from './drive-view';
import { uiStore } from '../core/ui-store';
import { buildSnapshot, surfaceKey, type LandingView } from './snapshot';
import { SURFACE_SANDBOX, surfacePage } from './surface-page';

/**
 * The emulator's browser UI: a dependency-free HTTP server over a Workspace, bound to the
 * loopback interface. GET /api/state gives the whole picture (see snapshot.ts); POST actions
 * go through the Workspace scripting API, one action at a time (Node runs them in turn), and
 * the workspace is saved after each when `persist` is set.
 *
 *   GET  /                       the page (app/index.html, app.js, app.css)
 *   GET  /api/state              Snapshot          GET /api/version   { version }
 *   GET  /surface/:spreadsheetId the last sidebar/dialog's HTML with the google.script shim
 *   GET  /api/mail/:id/attachments/:n, /api/drive/:id/content   bytes
 *   GET  /api/forms/resolve?url= { formId, answers } of a (prefilled) form link
 *   GET  /webapp/frame/:key      what a web app answered (kept by POST /api/webapp/open), sandboxed
 *   POST /api/webapp/open {url, user?, method?, body?, contentType?} → {ok, key, status, contentType, title?, fileName?, location?}
 *   POST /api/webapp/run {url, user?, functionName, args}  google.script.run from a web-app page
 *   POST /api/calendar/respond {calendarId, eventId, email, response}   a guest's answer
 *   POST /api/open {spreadsheetId}          POST /api/menu {spreadsheetId, caption}
 *   POST /api/run {spreadsheetId, functionName, args}  → {ok, value} | {ok:false, error}
 *   POST /api/clock {to: "AAAA-MM-DDTHH:MM"} | {minutes}
 *   POST /api/forms/submit {formId, answers, email?}   POST /api/cells {spreadsheetId, sheet, row, column, value}
 *   POST /api/reset
 */
export interface UiServerOptions {
  workspace: Workspace;
  /** Default: PORT from the environment, else 8080. 0 picks a free port. */
  port?: number;
  host?: string;
  /** Save the workspace (created with a stateDir) after every action. */
  persist?: boolean;
  /** Starts over: returns the workspace to use from now on. Without it, reset is refused. */
  reset?: () => Workspace | Promise<Workspace>;
  log?: (line: string) => void;
  /** Where the page opens when its address names nothing (default: the first spreadsheet, nothing clicked). */
  landing?: () => LandingView | undefined;
}

export interface UiServer {
  readonly url: string;
  readonly port: number;
  /** The workspace being served (a reset replaces it). */
  readonly workspace: Workspace;
  close(): Promise<void>;
}

const MAX_BODY = 25 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Types a browser may show in place; anything else is downloaded (an HTML or SVG file could run script). */
const INLINE_TYPES = /^(application\/pdf|image\/(png|jpeg|gif|webp)|text\/(plain|csv))\b/i;

function defaultPort(): number {
  const fromEnv = Number(process.env.PORT);
  return Number.isInteger(fromEnv) && fromEnv >= 0 ? fromEnv : 8080;
}

export async function startUiServer(opts: UiServerOptions): Promise<UiServer> {
  const bundle = await clientBundle();
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => undefined);
  let ws = opts.workspace;
  let actions = 0;
  let port = 0;
  const webApps = new WebAppResponses();

  const version = () => `${actions}.${ws.state.executions.length}.${ws.state.now()}`;
  const persist = () => {
    if (opts.persist) ws.save();
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    checkHost(req, port);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const p = url.pathname;

    if (req.method === 'GET' || req.method === 'HEAD') {
      if (p === '/' || p === '/index.html') return sendPage(res, bundle);
      if (p === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', bundle.appJs);
      if (p === '/app.css') return send(res, 200, 'text/css; charset=utf-8', bundle.appCss);
      if (p === '/api/state') return sendJson(res, 200, buildSnapshot(ws, version(), opts.landing?.()));
      if (p === '/api/version') return sendJson(res, 200, { version: version() });
      if (p === '/api/forms/resolve') return sendJson(res, 200, resolveFormUrl(ws, url.searchParams.get('url') ?? ''));
      let m = /^\/surface\/([^/]+)$/.exec(p);
      if (m) return sendSurface(res, ws, decodeURIComponent(m[1]), url.searchParams.get('key'), `http://${req.headers.host}`, bundle);
      m = /^\/webapp\/frame\/([^/]+)$/.exec(p);
      if (m) return sendWebAppFrame(res, ws, webApps, decodeURIComponent(m[1]), `http://${req.headers.host}`, bundle);
      m = /^\/api\/mail\/([^/]+)\/attachments\/(\d+)$/.exec(p);
      if (m) {
        const mail = ws.outbox().find((x) => x.id === decodeURIComponent(m![1]));
        const a = mail?.attachments[Number(m[2])];
        if (!a) throw new HttpError(404, 'no existe ese adjunto');
        return sendBytes(res, Buffer.from(a.base64, 'base64'), a.contentType, a.name);
      }
      m = /^\/api\/drive\/([^/]+)\/content$/.exec(p);
      if (m) {
        const file = driveFileContent(ws.state, decodeURIComponent(m[1]));
        if (!file) throw new HttpError(404, 'no existe ese archivo');
        return sendBytes(res, file.bytes, file.mimeType, file.name);
      }
      if (p === '/favicon.ico') return send(res, 204, 'text/plain', '');
      throw new HttpError(404, 'no encontrado');
    }

    if (req.method !== 'POST') throw new HttpError(405, 'método no permitido');
    // A JSON body cannot come from another site's plain form; fetch from one needs a preflight we never grant.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'se espera application/json');
    const body = await readJson(req);
    let result: unknown;
    switch (p) {
      case '/api/open':
        result = openSpreadsheet(ws, body);
        break;
      case '/api/menu':
        result = clickMenu(ws, body);
        break;
      case '/api/run':
        result = runFromClient(ws, body);
        break;
      case '/api/clock':
        result = advanceClock(ws, body);
        break;
      case '/api/forms/submit':
        result = submitForm(ws, body);
        break;
      case '/api/cells':
        result = enterCell(ws, body);
        break;
      case '/api/webapp/open': {
        const { response: r, effects } = openWebApp(ws, body);
        const key = webApps.put(String(body.url), r);
        result = {
          ...effects,
          ok: r.status < 400,
          key,
          status: r.status,
          contentType: r.contentType,
          ...(r.title ? { title: r.title } : {}),
          ...(r.fileName ? { fileName: r.fileName } : {}),
          ...(r.location ? { location: r.location } : {}),
          ...(r.status >= 400 ? { error: r.execution?.error ?? `HTTP ${r.status}` } : {}),
        };
        break;
      }
      case '/api/webapp/run':
        result = runFromWebApp(ws, body);
        break;
      case '/api/calendar/respond':
        result = respondToEvent(ws, body);
        break;
      case '/api/reset': {
        if (!opts.reset) throw new HttpError(501, 'este servidor no sabe empezar de nuevo');
        ws = await opts.reset();
        log('Espacio de trabajo reiniciado.');
        result = { ok: true };
        break;
      }
      default:
        throw new HttpError(404, 'no encontrado');
    }
    actions++;
    persist();
    sendJson(res, 200, { ...(result as object), version: version() });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : e instanceof BadRequest ? 400 : 500;
      const message = e instanceof Error ? e.message : String(e);
      if (status === 500) log(`Error en ${req.method} ${req.url}: ${e instanceof Error ? (e.stack ?? message) : message}`);
      if (!res.headersSent) sendJson(res, status, { ok: false, error: message });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? defaultPort(), host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/`,
    port,
    get workspace() {
      return ws;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Only loopback names: a page on another site cannot reach the server by rebinding its DNS name. */
function checkHost(req: http.IncomingMessage, port: number): void {
  const hostHeader = (req.headers.host ?? '').toLowerCase();
  const allowed = ['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${port}`);
  if (!allowed.includes(hostHeader)) throw new HttpError(403, 'solo se atiende en 127.0.0.1');
}

function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'la solicitud es demasiado grande'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        const value: unknown = text ? JSON.parse(text) : {};
        if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error();
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new HttpError(400, 'el cuerpo no es un objeto JSON'));
      }
    });
    req.on('error', reject);
  });
}

const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': type, ...headers });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/**
 * The page's own policy: only its bundled script runs. Email bodies are drawn in frames with
 * `sandbox=""` and srcdoc, which inherit this policy as a second wall.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function sendPage(res: http.ServerResponse, bundle: ClientBundle): void {
  send(res, 200, 'text/html; charset=utf-8', bundle.indexHtml, { 'Content-Security-Policy': PAGE_CSP });
}

/** The surface the frame asked for by key (a sidebar stays itself after a dialog is shown), else the last one. */
function sendSurface(res: http.ServerResponse, ws: Workspace, spreadsheetId: string, key: string | null, origin: string, bundle: ClientBundle): void {
  const shown = uiStore(ws.state).surfaces.filter((s) => s.spreadsheetId === spreadsheetId);
  const surface = (key ? shown.find((s) => surfaceKey(s) === key) : undefined) ?? shown[shown.length - 1];
  if (!surface) throw new HttpError(404, 'esta hoja de cálculo no ha mostrado ninguna barra lateral');
  const html = surfacePage(surface.html, { functions: clientFunctionNames(ws, spreadsheetId), parentOrigin: origin, shimJs: bundle.shimJs });
  send(res, 200, 'text/html; charset=utf-8', html, {
    'Content-Security-Policy': `sandbox ${SURFACE_SANDBOX}; frame-ancestors 'self'`,
  });
}

/** A web app's answer in its frame: HTML sandboxed as sidebars are; text as text (a download when named). */
function sendWebAppFrame(res: http.ServerResponse, ws: Workspace, store: WebAppResponses, key: string, origin: string, bundle: ClientBundle): void {
  const r = store.get(key);
  if (!r) throw new HttpError(404, 'esa respuesta de la app web ya no está');
  if (r.status === 302 && r.location) {
    const page = `<!DOCTYPE html><meta charset="utf-8"><p style="font-family:sans-serif;margin:24px">Google pediría iniciar sesión (${r.location.split('?')[0]}). Indique el correo del visitante arriba y vuelva a abrir.</p>`;
    return send(res, 200, 'text/html; charset=utf-8', page, { 'Content-Security-Policy': `sandbox; frame-ancestors 'self'` });
  }
  if (/^text\/html\b/i.test(r.contentType)) {
    // HtmlService pages of a web app get the client API too (google.script.run, google.script.url).
    const query = parseWebAppUrl(r.url)?.queryString ?? '';
    const { parameter, parameters } = parseParameters(query);
    const withShim = surfacePage(r.body, { functions: webAppFunctionNames(ws, r.url), parentOrigin: origin, shimJs: bundle.shimJs, location: { hash: '', parameter, parameters } });
    return send(res, r.status === 200 ? 200 : r.status, 'text/html; charset=utf-8', webAppFramePage(withShim), {
      'Content-Security-Policy': `sandbox ${SURFACE_SANDBOX}; frame-ancestors 'self'`,
    });
  }
  const headers: Record<string, string> = { 'Content-Security-Policy': `sandbox; frame-ancestors 'self'` };
  if (r.fileName) headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(r.fileName)}`;
  // Shown as text whatever its type (JSON, CSV, iCal …): nothing from the script runs in the page.
  send(res, 200, 'text/plain; charset=utf-8', r.body, headers);
}

function sendBytes(res: http.ServerResponse, bytes: Buffer, contentType: string, name: string): void {
  const inline = INLINE_TYPES.test(contentType);
  const disposition = `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name || 'archivo')}`;
  send(res, 200, inline ? contentType : 'application/octet-stream', bytes, {
    'Content-Disposition': disposition,
    ...(inline && !/pdf/i.test(contentType) ? { 'Content-Security-Policy': 'sandbox' } : {}),
  });
}
